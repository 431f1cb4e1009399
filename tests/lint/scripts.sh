#!/bin/sh
# The documented commands work on a user's clone.  It has no real data (the
# EMA's exports beside the checkout, SPOR_SHARED_DATA): the scripts read it
# only through spor_real_data (script/lib.sh), which says in one line what
# they use instead, and fall back to generated data (spor_rms_generated),
# which must import like a real export; the tests that read it skip
# without it, saying so.  And the scripts that use the console turn on the
# two-step sign-in it requires (spor_totp, spor_two_factor_on).
#
# direct_readers ROOT prints each file of ROOT's script/ that names the real
# data's folder itself; the lint runs it on the tree, then on the fixture
# tests/fixtures/lint/scripts/, whose readers are scripts.expect.
root=${top_srcdir:-.}
. "$root/tests/lint/tap.sh"

direct_readers() {
    grep -rlE 'shared/data|SHARED_DATA' "$1/script" | sed "s|^$1/||" | grep -vx 'script/lib.sh' | grep -vx 'script/test' | sort
}
readers=$(direct_readers "$root")
none "scripts read the real data only through spor_real_data" "$readers"
caught=$(direct_readers "$root/tests/fixtures/lint/scripts")
[ "$caught" = "$(cat "$root/tests/fixtures/lint/scripts.expect")" ]
check $? "the check finds a script that reads it itself (the fixture's: $(echo $caught))"
# script/test names it only to hand it to the tests.
[ "$(grep -c 'SHARED_DATA' "$root/script/test")" -le 3 ] && ! grep -q 'shared/data' "$root/script/test"
check $? "script/test only hands SPOR_SHARED_DATA to the tests"

silent=""
for f in $(grep -rlE 'shared/data|SHARED_DATA' "$root/tests/unit" "$root/tests/http" "$root/tests/browser" 2>/dev/null); do
    grep -q '# SKIP' "$f" || silent="$silent $f"
done
[ -z "$silent" ]; check $? "each test that reads it skips, saying so, without it"
[ -z "$silent" ] || echo "# $silent"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lib() { SPOR_SHARED_DATA=$1 bash -c '. "$1/script/lib.sh" && shift && "$@"' _ "$root" "$2" "$3" "$4"; }

# RFC 6238's test key at 59 s (its 8-digit code 94287082).
[ "$(lib "$tmp" spor_totp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 59)" = 287082 ]
check $? "spor_totp gives RFC 6238's code"

lib "$tmp/missing" spor_real_data rms/200000000006.csv "something else instead" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
    grep -q "$tmp/missing/rms/200000000006.csv.*something else instead" "$tmp/err"
check $? "without it, spor_real_data fails and says so in one line, naming the file and what is used instead"
mkdir -p "$tmp/data/rms" && echo x >"$tmp/data/rms/200000000006.csv"
[ "$(lib "$tmp/data" spor_real_data rms/200000000006.csv "instead" 2>"$tmp/err")" = "$tmp/data/rms/200000000006.csv" ] &&
    [ ! -s "$tmp/err" ]
check $? "with it, spor_real_data gives the file's path and says nothing"

lib "$tmp/missing" spor_rms_generated "$tmp/gen.csv" 40 290000000077
[ "$(head -c 3 "$tmp/gen.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    head -1 "$tmp/gen.csv" | grep -q 'List ID,Term ID,Language,Term Name,.*Term Status' &&
    [ "$(tail -n +2 "$tmp/gen.csv" | wc -l)" = 120 ] &&
    [ "$(tail -n +2 "$tmp/gen.csv" | cut -d, -f2 | sort -u | wc -l)" = 40 ] &&
    [ "$(tail -n +2 "$tmp/gen.csv" | cut -d, -f3 | sort | uniq -c | awk '{ printf "%s%s ", $2, $1 }')" = "de40 en40 fr40 " ]
check $? "spor_rms_generated writes an export in the EMA's layout: 40 terms, each in English, French and German"

# Against the test instance: the generated export imports like a real one
# (then it goes again): every term new, then nothing changed; and an
# administrator signed in with the password alone reaches the console once
# spor_two_factor_on turned two-step sign-in on.
if [ -n "${SPOR_TEST_BUILD:-}" ] && [ -n "${SPOR_CONFIG:-}" ] && [ -n "${SPOR_RUN:-}" ] && [ -n "${SPOR_TEST_URL:-}" ]; then
    sporctl() { "$SPOR_TEST_BUILD/cgi/sporctl" -c "$SPOR_CONFIG" "$@"; }
    import() { sporctl import rms --list-name "Generated for a lint" "$tmp/gen.csv"; }
    first=$(import 2>&1); rc1=$?
    again=$(import 2>&1); rc2=$?
    mariadb --no-defaults -S "$SPOR_RUN/mysqld.sock" -uroot spor \
        -e "DELETE FROM rms_terms WHERE list_id = 290000000077; DELETE FROM rms_lists WHERE id = 290000000077"
    [ "$rc1" = 0 ] && echo "$first" | grep -q 'terms: 40 new, 0 changed' &&
        [ "$rc2" = 0 ] && echo "$again" | grep -q 'terms: 0 new, 0 changed, 40 unchanged'
    check $? "sporctl imports it: 40 new terms, exit 0; again, nothing changes"
    [ "$rc1" = 0 ] && [ "$rc2" = 0 ] || printf '%s\n%s\n' "$first" "$again" | sed 's/^/# /'

    email=scripts.$$.$(date +%s)@lint.example.org pw=lint-pass-$(date +%s)
    echo "$pw" | sporctl create-admin "$email" >/dev/null
    jar=$tmp/jar base=$SPOR_TEST_URL
    token=$(curl -s -c "$jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)
    curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf_token=$token" --data-urlencode "email=$email" \
        --data-urlencode "password=$pw" "$base/login"
    before=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" "$base/admin")
    secret=$(lib "$tmp" spor_two_factor_on "$jar" "$base")
    after=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" "$base/admin")
    [ "$before" = 303 ] && [ -n "$secret" ] && [ "$after" = 200 ]
    check $? "an administrator reaches the console once spor_two_factor_on turned two-step sign-in on ($before, then $after)"
else
    n=$((n + 1)); echo "ok $n - the generated export imports # SKIP no test instance"
    n=$((n + 1)); echo "ok $n - spor_two_factor_on # SKIP no test instance"
fi

finish
