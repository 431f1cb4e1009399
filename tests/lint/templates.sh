#!/bin/sh
# Templates print data only through var: (HTML-escaped).  alt:, evar: and
# escape: "none" print raw and are refused.
root=${top_srcdir:-.}
. "$root/tests/lint/tap.sh"

# ClearSilver reads commands in any case, across line breaks, with either quote.
raw_output() {
    grep -lPzi '<\?cs\s*(alt|evar|lvar|uvar|linclude)\s*:|escape\s*:\s*["\x27]none' "$@" 2>/dev/null
}
raw=$(raw_output $(find "$root/templates" -name '*.cs'))
none "no raw output (alt:, evar:, lvar:, uvar:, linclude:, escape none) in templates" "$raw"
caught=$(raw_output "$root"/tests/fixtures/lint/raw-*.cs | wc -l)
[ "$caught" = 4 ]; check $? "the check catches raw output in any case, across lines, with single quotes ($caught of 4 fixtures)"

debug=$(grep -rn 'DebugEnabled' "$root/templates" "$root/cgi")
[ -z "$debug" ]; check $? "Config.DebugEnabled is never set"

# HDF names are the program's own: the page_* setters (core/page.h) take a
# literal name (or, on a line marked "names: literals", one taken from a
# table of literals), and only the template module, the page module and
# spor-render call hdf_set_*.
dyn=$(grep -nE 'page_(set|set_int|put|node|item|subitem|row|rows|shown)\(' "$root"/cgi/*/*.c | grep -vE 'page_(set|set_int|put|node|item|subitem|row|rows|shown)\([a-z_>&-]+, *"' | grep -v '/core/page\.c:' | grep -v 'names: literals')
other=$(grep -nE 'hdf_set_(value|valuef|buf|copy|symlink)\(' "$root"/cgi/*/*.c | grep -vE '/(core/tpl|core/page|programs/main_render)\.c:')
[ -z "$dyn$other" ]; check $? "HDF names in C are literals"
[ -z "$dyn$other" ] || printf '%s\n%s\n' "$dyn" "$other" | sed 's/^/# /'

finish
