#!/bin/sh
# A route's handler is named for the file that holds it and for what it
# answers (docs/contributing.md, "Handler names"): <file>_<page>_<kind>,
# defined in cgi/<folder>/<file>.c, its <kind> _submit for a POST (or an
# API's PATCH), _form
# for a GET of a path that takes a POST too (the form that the POST
# answers again with its errors), _show for any other GET (an API's
# resource under /api/ has no form: its GET is _show even where it takes a
# POST).
#
# refusals DIR reads the route tables DIR/programs/routes_*.c and the
# handlers' definitions ("int name(struct req *r)") in DIR/*/*.c, and
# prints each refusal as "table: METHOD path: handler: why", paths relative
# to DIR; the lint runs it on cgi/, then on the fixture
# tests/fixtures/lint/handlers, whose refusals are handlers.expect.
root=${top_srcdir:-.}
. "$root/tests/lint/tap.sh"

refusals() {
    (cd "$1" && LC_ALL=C awk '
FNR == 1 { f = FILENAME; sub(/^\.\//, "", f) }
f !~ /^programs\/routes_[a-z]+\.c$/ {
    if (match($0, /^int [a-z0-9_]+\(struct req \*r\)$/)) {
        name = $2; sub(/\(.*/, "", name)
        base = f; sub(/.*\//, "", base); sub(/\.c$/, "", base)
        file[name] = file[name] ? file[name] " " base : base
    }
    next
}
# A route table: its entries, one {.method = ...} each, joined into one line.
/static const struct route routes\[\] = \{/ { table = f; next }
table == f && /^};/ { table = ""; next }
table == f {
    line = $0; sub(/^[ \t]+/, " ", line)
    if (line ~ /^ \{\.method/) entry[++nentries] = table
    text[nentries] = text[nentries] line
}
function field(s, key,   v) {
    if (!match(s, "\\." key " = (\"[^\"]*\"|[a-z0-9_]+)")) return ""
    v = substr(s, RSTART + length(key) + 4, RLENGTH - length(key) - 4)
    gsub(/"/, "", v)
    return v
}
END {
    for (i = 1; i <= nentries; i++) {
        method[i] = field(text[i], "method"); path[i] = field(text[i], "path"); handler[i] = field(text[i], "handler")
        if (method[i] == "POST") posted[entry[i], path[i]] = 1
    }
    for (i = 1; i <= nentries; i++) {
        h = handler[i]; where = entry[i] ": " method[i] " " path[i] ": " h ": "
        kind = method[i] == "POST" || method[i] == "PATCH" ? "_submit" : ((entry[i], path[i]) in posted) && path[i] !~ /^\/api\// ? "_form" : "_show"
        if (!(h in file))
            print where "defined in no file of the folders"
        else if (file[h] ~ / /)
            print where "defined in more than one file (" file[h] ")"
        else if (index(h, file[h] "_") != 1)
            print where "not named for its file, " file[h] ".c (" file[h] "_...)"
        if (substr(h, length(h) - length(kind) + 1) != kind)
            print where (kind == "_submit" ? "a " method[i] : kind == "_form" ? "a GET of a form (its path takes a POST)" \
                                                          : "a GET") ": named ..." kind
    }
}
' $(find . -path './programs/routes_*.c' -prune -o -name '*.c' -print | LC_ALL=C sort) \
      $(find ./programs -name 'routes_*.c' | LC_ALL=C sort))
}

bad=$(refusals "$root/cgi")
none "cgi/: every handler is named for its file and for what it answers" "$bad"

fixture=$root/tests/fixtures/lint/handlers
caught=$(refusals "$fixture")
exactly "the check refuses each misnamed handler of tests/fixtures/lint/handlers, and only those" "$caught" "$fixture.expect"

finish
