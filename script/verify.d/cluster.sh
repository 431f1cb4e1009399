# shellcheck shell=bash
# script/verify cluster: the scaled-out topology of script/cluster (a
# MariaDB primary and replica, two app hosts, nginx upstreams; started by
# cluster.setup) under a steady public load (faults/load.py):
#   1. replication: the replica has the primary's data, spor-public reads
#      from it, and its lag under a burst of writes is reported
#   2. read-your-writes: while the replica lags, a visitor who just signed
#      in is seen signed in (spor_gtid); without the cookie, or with an
#      unsigned or forged one, the lagging replica does not know the session
#   3. the replica stopped and started: reads keep working (from the
#      primary meanwhile), then return to the replica
#   4. app host 1 killed (SIGKILL, all its programs): no failed request
#      after the failover window, a signed-in session survives
#   5. the primary restarted: writes answer the portal's 503 meanwhile,
#      nothing half-written after, the replica catches up
# The helpers (load_start, load_stop, tally, report, post...) are those of
# script/verify faults.

faults_helpers_only=1
. "$SPOR_ROOT/script/verify.d/faults.sh"
unset faults_helpers_only
mkdir -p "$faults"
trap '[ -z "${load_pid:-}" ] || kill -TERM "$load_pid" 2>/dev/null; cluster_stop' EXIT

# db_checksums SOCKET: every table of the database and its checksum, one a line.
db_checksums() {
    local tables
    tables=$(mariadb --no-defaults -S "$1" -uroot -N spor -e \
        "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables
         WHERE table_schema = 'spor' AND table_type = 'BASE TABLE'")
    mariadb --no-defaults -S "$1" -uroot -N spor -e "CHECKSUM TABLE $tables"
}
same_data() {
    db_checksums "$SPOR_DB_SOCK" >"$faults/primary.sums"
    db_checksums "$SPOR_REPLICA_SOCK" >"$faults/replica.sums"
    [ "$(wc -l <"$faults/primary.sums")" -gt 10 ] && cmp -s "$faults/primary.sums" "$faults/replica.sums"
}
# spor-public's connections to the replica (its account is spor_ro).
replica_readers() { replica_sql "SELECT COUNT(*) FROM information_schema.processlist WHERE user = 'spor_ro'"; }
# reads_on_replica: after a few uncached requests, spor-public's workers
# hold connections to the replica (they keep one per worker).
reads_on_replica() {
    local _
    for _ in $(seq 1 40); do
        curl -s -o /dev/null -H 'Cookie: spor_session=x' "$base/rms/lists"
        curl -s -o /dev/null -H 'Cookie: spor_session=x' "$base/oms/organisations"
        [ "$(replica_readers)" -gt 0 ] && return 0
        sleep 0.5
    done
    return 1
}

say "==> 1. replication"
check "replication: the replica has applied every transaction of the primary (MASTER_GTID_WAIT)" cluster_replica_caught_up 30
check "replication: every table identical on the primary and the replica (CHECKSUM TABLE)" same_data
check "replication: spor-public reads from the replica (its connections there: db.replica.socket)" reads_on_replica
check "replication: the replica refuses the programs' writes (read_only)" \
    test "$(replica_sql "SELECT @@read_only")" = 1
# A burst of writes under the read load: 2,000 generated organisations
# (sporctl on the primary), the lag sampled every 0.2 s meanwhile.
load_start lag
"$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" gen-data --orgs 2000 >"$faults/gen-data.log" 2>&1 &
writer=$!
max_lag=0
: >"$faults/lag"
while kill -0 "$writer" 2>/dev/null; do
    cluster_replication_status >>"$faults/lag"
    sleep 0.2
done
wait "$writer"
t_written=$(now)
caught_up=no
cluster_replica_caught_up 60 && caught_up=yes
t_caught=$(now)
cluster_replication_status >>"$faults/lag"
load_stop
max_lag=$(sed -n 's/.*Seconds_Behind_Master \([0-9]*\);.*/\1/p' "$faults/lag" | sort -n | tail -1)
say "  replication under a burst of writes ($(wc -l <"$faults/lag") samples): Seconds_Behind_Master at most ${max_lag:-?} s;" \
    "caught up $(plus "$t_caught" "-$t_written") s after the writes ended"
say "  $(tail -1 "$faults/lag")"
say "  reads during the writes: $(tally 0 9e99 | awk '{ print $1 " answers, " $2 " failed" }')"
check "replication: caught up after 2,000 organisations written under load" test "$caught_up" = yes
check "replication: then identical again (CHECKSUM TABLE of every table)" same_data
check "replication: no failed read during the writes" test "$(tally 0 9e99 | cut -d' ' -f2)" = 0

say "==> 2. a visitor's own writes read back while the replica lags"
pw=cluster-pass-$(date +%s)
echo "$pw" | "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" create-admin "visitor@cluster.example.org" >/dev/null
cluster_replica_caught_up 30
# The replica stops applying what it receives: from now on it lags behind
# every write, as a busy replica would for a moment.
replica_sql "STOP SLAVE SQL_THREAD"
code=$(post "$faults/ryw.jar" /login "email=visitor@cluster.example.org" "password=$pw")
cookie() { awk -v n="$1" '$6 == n { print $7 }' "$faults/ryw.jar"; }
gtid=$(cookie spor_gtid)
# signed_in_on_public COOKIES: does spor-public (reading the replica, or
# the primary when the cookie says so) see the visitor's session?
# (grep -c reads the whole page: grep -q would leave as soon as it found the
# header's form, and curl's write into the closed pipe would fail the check.)
signed_in_on_public() {
    [ "$(curl -s -H "Cookie: $1" "$base/rms/lists" | grep -c 'action="/logout"')" -gt 0 ]
}
# The cookie is "<position>.<expiry>.<MAC>" (cgi/core/replica.h).
check "read-your-writes: the sign-in ($code) sets spor_gtid to the primary's GTID position, signed ($gtid)" \
    test "$code/${gtid%%.*}" = "303/$(sql "SELECT @@gtid_binlog_pos")"
check "read-your-writes: with spor_gtid the next public page sees the new session (read from the primary)" \
    signed_in_on_public "spor_session=$(cookie spor_session); spor_gtid=$gtid"
check "read-your-writes: an unsigned spor_gtid (the bare position) is ignored: the lagging replica answers" \
    eval '! signed_in_on_public "spor_session=$(cookie spor_session); spor_gtid=${gtid%%.*}"'
check "read-your-writes: so is a forged one (the position with another MAC)" \
    eval '! signed_in_on_public "spor_session=$(cookie spor_session); spor_gtid=${gtid%.*}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"'
check "read-your-writes: without it the lagging replica does not have the session yet" \
    eval '! signed_in_on_public "spor_session=$(cookie spor_session)"'
replica_sql "START SLAVE SQL_THREAD"
check "read-your-writes: the replica catches up" cluster_replica_caught_up 30
check "read-your-writes: then the replica alone sees the session" \
    signed_in_on_public "spor_session=$(cookie spor_session)"

say "==> 3. the replica stopped and started under load"
load_start replica
t_stop=$(now)
mariadb-admin --no-defaults -S "$SPOR_REPLICA_SOCK" -uroot shutdown
sleep 3
readers_down=$(replica_sql "SELECT 1" 2>/dev/null || echo down)
cluster_replica_start
t_back=$(now)
sleep 5
load_stop
report "replica down $(plus "$t_back" "-$t_stop") s" "$t_stop" "$t_back"
check "replica stopped: it was down ($readers_down)" test "$readers_down" = down
check "replica stopped: no failed read before it" before_clean "$t_stop"
# The reads in flight on the replica when it went, and each worker's first
# read after (its connection broken), are the window spor-public's fallback
# must cover too: retried on the primary, not answered 503.
check "replica stopped: no failed read even as it went ($(tally "$t_stop" "$(plus "$t_stop" 0.5)" | cut -d' ' -f2) in its first 0.5 s)" \
    test "$(tally "$t_stop" "$(plus "$t_stop" 0.5)" | cut -d' ' -f2)" = 0
check "replica stopped: no failed read from 0.5 s after it went, while down and once back (reads from the primary)" \
    test "$(tally "$(plus "$t_stop" 0.5)" 9e99 | cut -d' ' -f2)" = 0
check "replica started: replication resumed and caught up" cluster_replica_caught_up 30
check "replica started: spor-public reads from it again" reads_on_replica

say "==> 4. app host 1 killed under load"
check "host killed: a visitor signs in before" \
    test "$(post "$faults/visitor.jar" /login "email=visitor@cluster.example.org" "password=$pw")" = 303
# signed_in_pages N: N pages of the visitor's account, each 200 (signed out
# would be a redirect to /login); nginx spreads them over the live hosts.
signed_in_pages() {
    local k code
    for k in $(seq 1 "$1"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -b "$faults/visitor.jar" "$base/account")
        [ "$code" = 200 ] || { say "  /account answered $code (request $k)"; return 1; }
    done
}
check "host killed: the session is valid on both hosts (/account 10 times)" signed_in_pages 10
load_start host
mapfile -t host1 < <(cluster_host_pids 1)
t_kill=$(now)
cluster_host_stop 1 KILL
# nginx finds out on the next request to each of host 1's servers: the
# failover window is the requests in flight on host 1 plus that one.
sleep 1
t_window=$(now)
sleep 5
check "host killed: the session survives on host 2 (/account 10 times; sessions live in MariaDB)" signed_in_pages 10
load_stop
gone() { ! kill -0 "${host1[@]}" 2>/dev/null && ! cluster_host_healthy 1; }
check "host killed: all ${#host1[@]} processes of host 1 gone, its /healthz fails" gone
report "host 1 killed" "$t_kill" "$t_window"
check "host killed: no failure before" before_clean "$t_kill"
check "host killed: no failed request after the failover window (1 s + ${grace} s)" after_clean "$t_window"
cluster_host_start 1
for _ in $(seq 1 100); do cluster_host_healthy 1 && break; sleep 0.1; done
check "host killed: host 1 started again answers /healthz" cluster_host_healthy 1

say "==> 5. the primary restarted under load"
echo "$pw" | "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" create-admin "writer@cluster.example.org" >/dev/null
account=$(sql "SELECT id FROM accounts WHERE email = 'writer@cluster.example.org'")
# The writer signs in over and over (each sign-in writes a session and
# an audit row in one transaction) across the outage, recording each answer.
curl -s -c "$faults/writer.jar" -o /dev/null "$base/login"
token=$(form_token "$faults/writer.jar" /login)
writer_loop() {
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$faults/writer.jar" \
            --data-urlencode "email=writer@cluster.example.org" --data-urlencode "password=$pw" \
            --data-urlencode "csrf_token=$token" "$base/login")
        echo "$(now) $code" >>"$faults/writes"
        sleep 0.1
    done
}
: >"$faults/writes"
load_start primary
writer_loop &
writer=$!
sleep 2
t_stop=$(now)
spor_db_stop
sleep 1
curl -s -D- -b "$faults/writer.jar" --data-urlencode "email=writer@cluster.example.org" \
    --data-urlencode "password=$pw" --data-urlencode "csrf_token=$token" "$base/login" | tr -d '\r' >"$faults/503.html"
sleep 2
# Back when it answers (/healthz may have answered all along: spor-public
# reads from the replica).
cluster_primary_start
t_back=$(now)
sleep 4
kill "$writer"
wait "$writer" 2>/dev/null || true
load_stop
report "primary restart" "$t_stop" "$t_back"
awk -v a="$t_stop" -v b="$t_back" '{ n[$2]++; if ($1 >= a && $1 < b + 1) d[$2]++ }
    END { printf "  sign-ins:"; for (c in n) printf " %s x%d (%d during the outage)", c, n[c], d[c]; print "" }' \
    "$faults/writes" >&2
portal_503() {
    grep -q '^HTTP/1.1 503' "$faults/503.html" && grep -q '^Retry-After:' "$faults/503.html" \
        && grep -q '<title>Service temporarily unavailable | SPOR portal</title>' "$faults/503.html"
}
check "primary down: a write (sign-in) answers the portal's 503 page, with Retry-After" portal_503
check "primary down: every failed sign-in is a 503 (the portal's: nginx makes 502 and 504)" \
    test "$(awk '$2 != 303 && $2 != 503' "$faults/writes" | wc -l)" = 0
check "primary down: some sign-ins failed with 503, some succeeded before and after" \
    test "$(awk '$2 == 503 { f = 1 } $2 == 303 { s++ } END { print (f && s >= 2) ? "yes" : "no" }' "$faults/writes")" = yes
check "primary restarted: no failed sign-in once /healthz is back (+${grace} s)" \
    test "$(awk -v t="$(plus "$t_back" $grace)" '$1 >= t && $2 != 303' "$faults/writes" | wc -l)" = 0
# A sign-in is one transaction: the session, the account's last sign-in
# and its audit row.  One whose COMMIT the server made durable as it went
# down may still be answered 503 (the answer lost with the connection): the
# visitor signs in again; what must never be is a part of one.
sessions=$(sql "SELECT COUNT(*) FROM sessions WHERE account_id = $account")
audits=$(sql "SELECT COUNT(*) FROM audit_log WHERE account_id = $account AND event = 'login.ok'")
acked=$(awk '$2 == 303' "$faults/writes" | wc -l)
say "  $sessions sessions and $audits login.ok audit rows for $acked sign-ins answered 303"
check "primary restarted: no acknowledged sign-in lost ($sessions sessions >= $acked answered 303)" test "$sessions" -ge "$acked"
check "primary restarted: nothing half-written: each session has its audit row, no audit row without its session" \
    test "$sessions" = "$audits"
check "primary restarted: every read failure is the portal's own 503 page" \
    test "$(failures_other_than 503 portal "$t_stop" "$(plus "$t_back" $grace)")" = 0
check "primary restarted: no failed read after /healthz is back (+${grace} s)" after_clean "$t_back"
check "primary restarted: the replica reconnected and caught up" cluster_replica_caught_up 30
check "primary restarted: every table identical on the primary and the replica" same_data
cluster_topology >&2
