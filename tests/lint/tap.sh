# The lints' TAP, sourced by each: `check STATUS DESCRIPTION` counts one
# test; `none` passes when a search found nothing and prints what it found
# otherwise; `exactly` passes when a search over a fixture found exactly
# what the fixture's .expect file lists, which proves the search can fail.
n=0; fail=0
check() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
none() { # description, findings
    [ -z "$2" ]; check $? "$1"
    [ -z "$2" ] || printf '%s\n' "$2" | sed 's/^/# /'
}
exactly() { # description, findings, expectation file
    [ "$2" = "$(cat "$3")" ]; check $? "$1"
    [ "$2" = "$(cat "$3")" ] || printf '%s\n' "$2" | sed 's/^/# /'
}
finish() { echo "1..$n"; exit $fail; }
