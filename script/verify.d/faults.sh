# script/verify faults: outages under a steady public load (sourced by
# script/verify, which provides check, sql, $base and the instance).
#   1. MariaDB restarted: 503s from the portal only while it is down
#   2. workers of spor-public killed: replaced, no failure after
#   3. nginx reloaded, several times: no failure at all
#   4. the SMTP sink down while mail is queued: each mail delivered once
#   5. spor-admin killed in the middle of an approval, sporctl in the
#      middle of an import: the data is as before or as after, never between
# The load (faults/load.py) records every answer with its time, so each
# failure is placed before, during or after its outage.  The steps are in
# faults/: outages.sh (1-3), mail.sh (4), crashes.sh (5).

faults=$SPOR_VAR/faults
mkdir -p "$faults"
grace=1 # seconds after an outage in which failures still count as its own

{
    echo /
    echo /rms/lists
    sql "SELECT CONCAT('/rms/lists/', id) FROM rms_lists"
    sql "SELECT CONCAT('/rms/terms/', id) FROM rms_terms ORDER BY id LIMIT 20"
    sql "SELECT CONCAT('/rms/search?q=', SUBSTRING_INDEX(name_en, ' ', 1)) FROM rms_terms ORDER BY id LIMIT 10"
    echo /oms/organisations
    echo /oms/organisations?q=agency
    sql "SELECT CONCAT('/oms/organisations/ORG-', LPAD(id, 9, '0')) FROM oms_organisations"
} >"$faults/paths"

now() { date +%s.%N; }
plus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }

# load_start NAME: the load in the background, steady before the fault;
# load_stop: end it and keep its answers in $load_out.
load_start() {
    load_out=$faults/$1.load
    rm -f "$load_out"
    python3 "$SPOR_ROOT/script/verify.d/faults/load.py" "$base" "$faults/paths" "$load_out" 4 &
    load_pid=$!
    sleep 2
}
load_stop() {
    kill -TERM "$load_pid"
    wait "$load_pid" || true
    load_pid=""
}
# A step that fails half-way must not leave the load running: script/verify's
# own clean-up waits for every child.
trap '[ -z "${load_pid:-}" ] || kill -TERM "$load_pid" 2>/dev/null; spor_stop_all' EXIT

# tally FROM TO: "answers failures" among the answers that ended in
# [FROM, TO); a failure is anything but a 200 (the paths are all pages).
tally() {
    awk -v a="$1" -v b="$2" '$1 >= a && $1 < b { n++; if ($2 != 200) f++ } END { printf "%d %d\n", n, f }' "$load_out"
}
# failures_other_than STATUS ORIGIN FROM TO: failures in [FROM, TO) that are
# not STATUS answered by ORIGIN.
failures_other_than() {
    awk -v s="$1" -v o="$2" -v a="$3" -v b="$4" \
        '$1 >= a && $1 < b && $2 != 200 && ($2 != s || $3 != o) { f++ } END { print f + 0 }' "$load_out"
}
# When failures happened, from T0 in buckets of 100 ms: "+0.3 s to +5.1 s,
# in 48 of its 100 ms buckets".
timeline() {
    awk -v t0="$1" '$2 != 200 { k = int(($1 - t0) * 10); if (!n++) first = k; last = k; if (!(k in seen)) { seen[k]; b++ } }
        END { if (n) printf "+%.1f s to +%.1f s, in %d of its 100 ms buckets\n", first / 10, last / 10, b; else print "none" }' "$load_out"
}
# report NAME FAULT-START FAULT-END: the figures of one step.
report() {
    local all during after
    all=$(tally 0 9e99)
    during=$(tally "$2" "$(plus "$3" $grace)")
    after=$(tally "$(plus "$3" $grace)" 9e99)
    printf '  %s: %s answers, %s failed; during the outage (%.2f s + %s s): %s failed of %s; after: %s failed of %s\n' \
        "$1" "${all% *}" "${all#* }" "$(plus "$3" "-$2")" "$grace" "${during#* }" "${during% *}" \
        "${after#* }" "${after% *}"
    printf '  failures after the fault: %s\n' "$(timeline "$2")"
}
before_clean() { [ "$(tally 0 "$1" | cut -d' ' -f2)" = 0 ]; }
after_clean() { [ "$(tally "$(plus "$1" $grace)" 9e99 | cut -d' ' -f2)" = 0 ]; }
healthy() { curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; }

# workers PROGRAM: the pids of its workers, one a line.
workers() {
    local sup
    sup=$(cat "$SPOR_RUN/$1.pid")
    tr ' ' '\n' <"/proc/$sup/task/$sup/children" | grep .
}

# form_token JAR PATH: GET the form (keeping its cookies) and print its CSRF token.
form_token() {
    curl -s -b "$1" -c "$1" "$base$2" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4
}
# post JAR PATH FIELDS...: POST the form with its token (from the form's
# page: PATH, or the request's page for an action ending in /move); prints
# the status, or what $post_out asks curl for.
post() {
    local jar=$1 path=$2 token fmt=${post_out:-'%{http_code}'} args=() f
    shift 2
    token=$(form_token "$jar" "${path%/move}")
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -o /dev/null -w "$fmt" -b "$jar" -c "$jar" "${args[@]}" --data-urlencode "csrf_token=$token" "$base$path"
}

# script/verify cluster sources this file for the helpers above only.
[ -z "${faults_helpers_only:-}" ] || return 0

# script/verify faults [STEP...]: all of them, or those named.
for step in "${@:-outages mail crashes}"; do
    for s in $step; do . "$SPOR_ROOT/script/verify.d/faults/$s.sh"; done
done
