#!/bin/sh
# nginx's configurations agree with the programs on what the page cache's
# key and the body caps rest on (docs/architecture.md): the languages whose
# first place decides the key are those of templates/lang/, the anonymous
# forms' body cap is ANON_BODY_MAX (cgi/core/program.h), the language
# cookies are in the key and reach the programs only as nginx reads them
# (core/lang.c), spor-public is told only the headers in its key while
# nginx ignores the answers' Vary, and every export's path falls under the
# per-client limit of the costly pages; no request waits on nginx's cache
# lock.
root=${top_srcdir:-.}
cd "$root" || exit 1
langs=$(for f in templates/lang/*.hdf; do basename "$f" .hdf; done | sort | tr '\n' ' ')
cap=$(sed -n 's/.*ANON_BODY_MAX = \([0-9]*\) \* 1024.*/\1k/p' cgi/core/program.h)
n=0 failed=0
check() { # description, then a command that succeeds
    n=$((n + 1)); what=$1; shift
    if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; failed=1; fi
}
# Every export of spor-public (export.csv, export.xlsx ...), its captures
# given a value, is one of the costly pages nginx limits per client.
exports=$(sed -n 's/.*\.path = "\([^"]*\/export\.[a-z0-9]*\)".*/\1/p' cgi/programs/routes_public.c | sed 's/{[^}]*}/1/g')
patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
for conf in nginx/spor.conf.in nginx/production.conf.example; do
    sed -n '/\$spor_expensive_client {/,/}/s/^ *"~\(.*\)" \$binary_remote_addr;$/\1/p' "$conf" >"$patterns"
    for path in $exports; do
        check "$conf: $path is limited with the costly pages" sh -c 'printf "%s\n" "$1" | grep -qE -f "$2"' - "$path" "$patterns"
    done

    keyed=$(sed -n 's/.*"~\*^\([a-z]*\)(-\[0-9a-z\]{1,8})\*.*/\1/p' "$conf" | sort | tr '\n' ' ')
    check "$conf: the cache key's languages are those of templates/lang ($keyed)" test "$keyed" = "$langs"
    anon=$(awk '/location ~ \^\/\(login\|logout\|register\|password\)/ { f = 1 }
                f && /client_max_body_size/ { sub(/;.*/, ""); print $2; exit }' "$conf")
    check "$conf: the anonymous forms' body cap is ANON_BODY_MAX ($anon, $cap)" test -n "$cap" -a "$anon" = "$cap"
    check "$conf: the cache key holds the page's variant" \
        sh -c "grep -q 'fastcgi_cache_key \$spor_cache_key;' '$conf' &&
               grep -q 'default \"\$request_method \$request_uri \$spor_page_variant\";' '$conf'"
    check "$conf: the key holds the language cookies, which the programs read only as nginx does" \
        sh -c "grep -q 'default \"\$spor_lang_key c:\$spor_lang_cookie:\$spor_data_lang_cookie\";' '$conf' &&
               grep -q 'fastcgi_param SPOR_LANG_COOKIE \$spor_lang_cookie;' '$conf' &&
               grep -q 'fastcgi_param SPOR_DATA_LANG_COOKIE \$spor_data_lang_cookie;' '$conf'"
    check "$conf: no anonymous request waits on the cache lock (its waiters poll every 500 ms)" \
        sh -c "grep -q 'fastcgi_cache_lock off;' '$conf' && ! grep -q 'fastcgi_cache_lock on;' '$conf'"
    check "$conf: spor-public gets only the headers of the key, and nginx ignores Vary" \
        sh -c "grep -q 'fastcgi_pass_request_headers off;' '$conf' && grep -q 'fastcgi_ignore_headers Vary;' '$conf'"
done
echo "1..$n"
[ $failed = 0 ]
