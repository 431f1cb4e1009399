#!/bin/sh
# Every interface language is complete: each templates/lang/*.hdf has the
# same keys as en.hdf (none missing, none extra), no value is empty, and
# its blocks are balanced (a brace lost in a merge would shift every key
# after it, in en.hdf too).
root=${top_srcdir:-.}
cd "$root/templates/lang" || exit 1
keys() { # file -> its dotted key paths, one per line, with "=" and "empty" marks
    awk '
        /^[ \t]*(#|$)/ { next }
        /\{[ \t]*$/ { sub(/^[ \t]+/, ""); sub(/[ \t]*\{[ \t]*$/, ""); path[++depth] = $0; next }
        /^[ \t]*\}[ \t]*$/ { if (--depth < 0) { print "(unbalanced: line " NR " closes no block)"; depth = 0 }; next }
        /=/ {
            key = $0; sub(/^[ \t]+/, "", key); sub(/[ \t]*=.*$/, "", key)
            value = $0; sub(/^[^=]*=[ \t]*/, "", value)
            p = ""; for (i = 1; i <= depth; i++) p = p path[i] "."
            print p key (value == "" ? " (empty)" : "")
        }
        END { if (depth) print "(unbalanced: " depth " block(s) open at the end)" }' "$1"
}
n=0 failed=0
keys en.hdf >/tmp/spor-lang-en.$$
for f in *.hdf; do
    n=$((n + 1))
    keys "$f" >/tmp/spor-lang-other.$$
    if diff /tmp/spor-lang-en.$$ /tmp/spor-lang-other.$$ >/tmp/spor-lang-diff.$$ &&
        ! grep -q "(empty)\|^(unbalanced" /tmp/spor-lang-other.$$; then
        echo "ok $n - $f has every key of en.hdf, none empty, its blocks balanced"
    else
        echo "not ok $n - $f has every key of en.hdf, none empty, its blocks balanced"
        sed 's/^/# /' /tmp/spor-lang-diff.$$ | head -20
        grep "(empty)\|^(unbalanced" /tmp/spor-lang-other.$$ | sed 's/^/# /' | head -5
        failed=1
    fi
done
rm -f /tmp/spor-lang-en.$$ /tmp/spor-lang-other.$$ /tmp/spor-lang-diff.$$
echo "1..$n"
[ $failed = 0 ]
