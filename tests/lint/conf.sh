#!/bin/sh
# The configuration is declared once and said the same everywhere: the
# programs read struct settings (cgi/core/conf.h), never a key, so no
# source of cgi/ but conf.c reads the file; and the keys of CONF_KEYS and
# CONF_ROLES, docs/operations.md's table of keys, the files that hold each
# key (spor_program_keys in script/lib.sh: the table's column P A D M) and
# the holders of each secret (conf_foreign_secret's table in conf.c) agree.
#
# disagreements CONF_H CONF_C DOCS LIB_SH prints each disagreement of the
# four as "key: why"; the lint runs it on the tree, then on the fixture
# tests/fixtures/lint/conf/ (conf.h, conf.c, operations.md, lib.sh), whose
# disagreements are conf.expect.
root=${top_srcdir:-.}
. "$root/tests/lint/tap.sh"

disagreements() {
    # Which files hold each key, by spor_program_keys: "key P A D M".
    held=$(for p in P:spor-public A:spor-account D:spor-admin M:spor-mailer; do
        keys=$(bash -c '. "$1" && spor_program_keys "$2"' _ "$4" "${p#*:}") || exit 1
        printf '%s\t%s\n' "${p%%:*}" "$keys"
    done)
    printf '%s\n' "$held" | awk -F '\t' -v conf_h="$1" -v conf_c="$2" -v docs="$3" '
# A default as both sides write it: none or empty is "", a string literal
# its text, SPOR_DATADIR the installed data folder, a number itself.
function normal(v) {
    gsub(/^[ \t`]+|[ \t`]+$/, "", v)
    if (v == "NULL" || v == "\"\"" || v ~ /^\(/) return ""
    sub(/^SPOR_DATADIR "/, "$(pkgdatadir)", v)
    gsub(/^"|"$/, "", v)
    return v
}
function note(key, why) { out[++nout] = key ": " why }
BEGIN {
    while ((getline line < conf_h) > 0) {
        if (match(line, /(TEXT|NUMBER)\([a-z_0-9]+, "[^"]+", /)) {
            head = substr(line, RSTART, RLENGTH); rest = substr(line, RSTART + RLENGTH)
            key = head; sub(/^[^"]*"/, "", key); sub(/".*/, "", key)
            if (head ~ /^NUMBER/) { sub(/,.*/, "", rest) } else { sub(/\)[ \t\\]*$/, "", rest) }
            declared[key] = normal(rest); order[++nkeys] = key
        }
        if (line ~ /^#define CONF_ROLES\(/) {
            while (match(line, /ROLE\([a-z]+\)/)) {
                role = substr(line, RSTART + 5, RLENGTH - 6); line = substr(line, RSTART + RLENGTH)
                if (role == "ROLE") continue
                declared["db." role ".user"] = ""; order[++nkeys] = "db." role ".user"
                declared["db." role ".password"] = ""; order[++nkeys] = "db." role ".password"
            }
        }
    }
    while ((getline line < conf_c) > 0)
        if (match(line, /^\t[{]"[a-z_.]+", "[a-z -]*"[}],/)) {
            split(line, q, "\"")
            h = ""
            if (q[4] ~ /spor-public /) h = h "P"
            if (q[4] ~ /spor-account /) h = h "A"
            if (q[4] ~ /spor-admin /) h = h "D"
            if (q[4] ~ /spor-mailer /) h = h "M"
            secret[q[2]] = h
        }
    intable = 0
    while ((getline line < docs) > 0) {
        if (line ~ /^## /) intable = line == "## Configuration keys"
        if (!intable || line !~ /^\| `/) continue
        split(line, cell, "|")
        nk = split(cell[2], k, ","); nd = split(cell[3], d, ",")
        files = cell[4]; gsub(/[^PADM]/, "", files)
        for (i = 1; i <= nk; i++) {
            key = k[i]; gsub(/[ `]/, "", key)
            documented[key] = normal(nd == nk ? d[i] : cell[3]); docfiles[key] = files; docorder[++ndoc] = key
        }
    }
}
# Input: a file letter and the regular expression of the keys its file holds.
{ letter[++nletters] = $1; pattern[$1] = "^(" $2 ")$" }
END {
    for (i = 1; i <= nkeys; i++) {
        key = order[i]
        if (!(key in documented)) { note(key, "declared in conf.h, not in docs/operations.md"); continue }
        if (documented[key] != declared[key])
            note(key, "its default is \"" declared[key] "\" in conf.h, \"" documented[key] "\" in docs/operations.md")
    }
    for (i = 1; i <= ndoc; i++) {
        key = docorder[i]
        if (!(key in declared)) note(key, "in docs/operations.md, declared nowhere in conf.h")
        holders = ""
        for (j = 1; j <= nletters; j++) if (key ~ pattern[letter[j]]) holders = holders letter[j]
        if (holders != docfiles[key])
            note(key, "held by \"" holders "\" (spor_program_keys), \"" docfiles[key] "\" in docs/operations.md")
        if ((key in secret) && secret[key] != docfiles[key])
            note(key, "a secret of \"" secret[key] "\" (conf_foreign_secret), \"" docfiles[key] "\" in docs/operations.md")
    }
    for (i = 1; i <= nout; i++) print out[i]
}'
}

reads=$(grep -nE '\bconf_(get|load|free)\(' "$root"/cgi/*/*.c | grep -v '^[^:]*/core/conf\.c:')
none "cgi/: only conf.c reads the configuration file; the programs read struct settings" "$reads"

bad=$(disagreements "$root/cgi/core/conf.h" "$root/cgi/core/conf.c" "$root/docs/operations.md" "$root/script/lib.sh")
none "conf.h, docs/operations.md, spor_program_keys and conf_foreign_secret agree on every key" "$bad"

fixture=$root/tests/fixtures/lint/conf
caught=$(disagreements "$fixture/conf.h" "$fixture/conf.c" "$fixture/operations.md" "$fixture/lib.sh")
exactly "the check finds each disagreement of tests/fixtures/lint/conf, and only those" "$caught" "$fixture.expect"

finish
