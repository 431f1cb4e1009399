#!/bin/sh
# Templates print data only through var: (HTML-escaped).  alt:, evar: and
# escape: "none" print raw and are refused.
root=${top_srcdir:-.}
n=0; fail=0
check() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }

raw=$(grep -rnE '<\?cs *(alt|evar) *:|escape: *"none"|<\?cs *(linclude|lvar|uvar)' "$root/templates" --include='*.cs')
[ -z "$raw" ]; check $? "no raw output (alt:, evar:, lvar:, uvar:, linclude:, escape none) in templates"
[ -z "$raw" ] || echo "$raw" | sed 's/^/# /'

debug=$(grep -rn 'DebugEnabled' "$root/templates" "$root/cgi")
[ -z "$debug" ]; check $? "Config.DebugEnabled is never set"

# HDF names are the program's own: app_set() takes a literal name, and only
# the template module and spor-render call hdf_set_* directly.
dyn=$(grep -nE 'app_set\(' "$root"/cgi/*.c | grep -vE 'app_set\([a-z_>&-]+, *"' | grep -vE ':(void|int) app_set\(')
other=$(grep -nE 'hdf_set_(value|valuef|buf|copy|symlink)\(' "$root"/cgi/*.c | grep -vE '/(tpl|app|render_main)\.c:')
[ -z "$dyn$other" ]; check $? "HDF names in C are literals"
[ -z "$dyn$other" ] || printf '%s\n%s\n' "$dyn" "$other" | sed 's/^/# /'

echo "1..$n"
exit $fail
