#!/bin/sh
# The layers of cgi/ point one way (docs/architecture.md, "Source layout
# and layers"): every #include "folder/file.h" of a source names its
# folder, and a folder includes itself and only the folders below it:
#
#   core      nothing else (the pipeline and what every domain uses)
#   rms, oms  core
#   api       core rms oms
#   account   core rms oms api (the write API answers as the read API does)
#   admin     core rms oms api account
#   ctl       core rms oms account admin api
#   programs  every folder
#
# A program's contract, programs/fields_<program>.h and
# programs/handlers_<program>.h (its field indices and its handlers'
# declarations), is the one thing a domain reads from programs/, and only
# the domains that serve that program do (rms, oms and api serve
# spor-public; account spor-account; admin spor-admin); a contract includes
# nothing.  A file of programs/ named for a program (routes_public.c,
# main_admin.c) reads only its own program's contract, so that no route
# table can wire another program's handler.  Modules (a .c and its .h)
# include each other in no circle.  No source lies loose in cgi/.
#
# refusals DIR prints each refusal as "path:line: "header": why", paths
# relative to DIR; the lint runs it on cgi/, then on the fixture
# tests/fixtures/lint/layering, whose refusals are layering.expect.
root=${top_srcdir:-.}
. "$root/tests/lint/tap.sh"

refusals() {
    (cd "$1" && find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort | xargs awk '
function layer_of(path) { return index(path, "/") ? substr(path, 1, index(path, "/") - 1) : "" }
function module_of(path) { sub(/\.[ch]$/, "", path); return path }
# The program a contract header or a programs/ file is named for, or "".
function program_of(path,   base) {
    base = path; sub(/.*\//, "", base); sub(/\.[ch]$/, "", base)
    if (base ~ /_(public|account|admin)$/) { sub(/.*_/, "", base); return base }
    return ""
}
function refuse(where, header, why) {
    if (header == "") printf "%s: %s\n", where, why
    else printf "%s: \"%s\": %s\n", where, header, why
}
BEGIN {
    uses["core"] = ""
    uses["rms"] = "core"; uses["oms"] = "core"
    uses["api"] = "core rms oms"
    uses["account"] = "core rms oms api"
    uses["admin"] = "core rms oms api account"
    uses["ctl"] = "core rms oms account admin api"
    uses["programs"] = "core rms oms account admin api ctl"
    serves["rms"] = "public"; serves["oms"] = "public"; serves["api"] = "public"
    serves["account"] = "account"; serves["admin"] = "admin"
}
FNR == 1 {
    from = layer_of(FILENAME)
    if (from == "")
        refuse(FILENAME ":1", "", "lies loose in cgi/: every source is in a folder of the layers")
    else if (!(from in uses))
        refuse(FILENAME ":1", "", "is in " from "/, a folder the layers do not name")
    if (!(module_of(FILENAME) in seen)) { seen[module_of(FILENAME)] = 1; modules[++nmodules] = module_of(FILENAME) }
}
/^[ \t]*#[ \t]*include[ \t]*"/ {
    header = $0; sub(/^[^"]*"/, "", header); sub(/".*/, "", header)
    where = FILENAME ":" FNR
    if (header == "config.h")
        next # the build'"'"'s own, generated beside the objects
    to = layer_of(header)
    contract = header ~ /^programs\/(fields|handlers)_[a-z]+\.h$/
    if (index(header, "/") == 0) {
        refuse(where, header, "names no folder (\"core/" header "\", or the folder it is in)")
        next
    }
    if (header !~ /^[a-z]+\/[A-Za-z0-9_]+\.h$/) {
        refuse(where, header, "is no folder/file.h of cgi/")
        next
    }
    if (!(to in uses)) {
        refuse(where, header, to "/ is no folder of the layers")
        next
    }
    if (contract && from == "programs" && program_of(FILENAME) != "" && program_of(FILENAME) != program_of(header))
        refuse(where, header, "another program'"'"'s contract: " FILENAME " is spor-" program_of(FILENAME) "'"'"'s")
    else if (contract && from != "programs" && serves[from] != program_of(header))
        refuse(where, header, from "/ serves " (serves[from] ? "spor-" serves[from] : "no program") \
               ", not spor-" program_of(header))
    else if (FILENAME ~ /^programs\/(fields|handlers)_[a-z]+\.h$/)
        refuse(where, header, "a program'"'"'s contract includes nothing (the domains below read it)")
    else if (!contract && (from in uses) && to != from && index(" " uses[from] " ", " " to " ") == 0) {
        allowed = from "/"; k = split(uses[from], below, " ")
        for (i = 1; i <= k; i++) allowed = allowed ", " below[i] "/"
        refuse(where, header, from "/ may include only " allowed)
    }
    # The graph of modules, for circles.
    a = module_of(FILENAME); b = module_of(header)
    if (a != b && !((a, b) in edge)) {
        edge[a, b] = where
        adj[a, ++nadj[a]] = b
    }
}
function visit(u,   i, v, k, path) {
    state[u] = 1; stack[++depth] = u
    for (i = 1; i <= nadj[u]; i++) {
        v = adj[u, i]
        if (state[v] == 1) {
            path = v
            for (k = depth; k >= 1 && stack[k] != v; k--) ;
            for (k++; k <= depth; k++) path = path " -> " stack[k]
            refuse(edge[u, v], v ".h", "closes a circle of includes: " path " -> " v)
        } else if (!state[v])
            visit(v)
    }
    depth--; state[u] = 2
}
END { for (m = 1; m <= nmodules; m++) if (!state[modules[m]]) visit(modules[m]) }
')
}

bad=$(refusals "$root/cgi" | sed 's|^|cgi/|')
none "cgi/: every include names its folder and points down the layers, in no circle" "$bad"

fixture=$root/tests/fixtures/lint/layering
caught=$(refusals "$fixture")
exactly "the check refuses each bad include of tests/fixtures/lint/layering, and only those" "$caught" "$fixture.expect"

finish
