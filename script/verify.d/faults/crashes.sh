# Step 5 of script/verify faults: crashes in the middle of writing.  A
# spor-admin worker is killed while its approval waits, inside the
# transaction, for a table another session holds locked; sporctl is killed
# at random moments of an import.  Each time the data must be exactly as
# before or exactly as after (checksums of the tables involved).

# checksum TABLE...: one line of the tables' checksums.
checksum() { local IFS=,; sql "CHECKSUM TABLE $*" | awk '{ printf "%s ", $2 } END { print "" }'; }
# No transaction with writes left (a killed client's is rolled back).
settled() {
    for _ in $(seq 1 300); do
        [ "$(sql "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_rows_modified > 0")" = 0 ] && return 0
        sleep 0.1
    done
    return 1
}
signed_in() { # JAR EMAIL PASSWORD
    [ "$(post "$1" /login "email=$2" "password=$3")" = 303 ]
}

# approval_crash WHAT TABLES APPLIED-SQL EXPECTED FORM FIELDS...: a change
# proposed on FORM with FIELDS and validated, then approved while a second
# session holds the outbox, which the approval writes last: the approving
# worker waits inside its transaction, with its first writes done, and is
# killed there.  TABLES (and the requests' own) must be as before; approved
# again, APPLIED-SQL must give EXPECTED.
approval_crash() {
    local what=$1 tables="$2 change_requests change_request_events outbox" applied=$3 expected=$4 form=$5
    local code where cr before crashed written blocked locker approver admins
    shift 5
    read -r code where < <(post_out='%{http_code} %{redirect_url}\n' post "$faults/requester.jar" "$form" "$@" \
        "justification=Proof under faults" "step=submit")
    cr=${where##*/}
    cr=${cr%%\?*}
    [ "$(post "$faults/steward.jar" "/admin/change-requests/$cr/move" to=VALID)" = 303 ] || say "warning: not validated"
    # Nothing else writes these tables meanwhile: the mail of the validation is sent.
    for _ in $(seq 1 150); do [ "$(sql "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")" = 0 ] && break; sleep 0.2; done
    settled
    before=$(checksum $tables)
    mariadb --no-defaults -S "$SPOR_DB_SOCK" -uroot spor -e "LOCK TABLES outbox WRITE; SELECT SLEEP(120)" >/dev/null 2>&1 &
    locker=$!
    for _ in $(seq 1 50); do
        [ -n "$(sql "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(120)%'")" ] && break
        sleep 0.1
    done
    post "$faults/steward.jar" "/admin/change-requests/$cr/move" to=APPROVED >"$faults/approval.status" &
    approver=$!
    blocked=""
    for _ in $(seq 1 100); do
        blocked=$(sql "SELECT id FROM information_schema.processlist WHERE user = 'spor_admin' AND state LIKE 'Waiting for table metadata lock%'")
        [ -n "$blocked" ] && break
        sleep 0.1
    done
    written=$(sql "SELECT trx_rows_modified FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = '${blocked:-0}'")
    mapfile -t admins < <(workers spor-admin)
    kill -KILL "${admins[@]}"
    sql "KILL $(sql "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(120)%'")"
    wait "$locker" 2>/dev/null || true
    wait "$approver" || true
    for _ in $(seq 1 100); do
        [ -z "$(sql "SELECT id FROM information_schema.processlist WHERE id = '${blocked:-0}'")" ] && break
        sleep 0.1
    done
    settled
    crashed=$(checksum $tables)
    say "  $what: change request $cr ($code); its approval waited with ${written:-no} rows written, its worker killed (answer $(cat "$faults/approval.status"))"
    check "approval crash ($what): killed inside its transaction, after its first writes" test "${written:-0}" -gt 0
    check "approval crash ($what): the $what, the request, its events and the outbox exactly as before" \
        test "$crashed" = "$before"
    for _ in $(seq 1 50); do [ "$(workers spor-admin | wc -l)" = "${#admins[@]}" ] && break; sleep 0.1; done
    check "approval crash ($what): approved again once the workers are back" \
        test "$(post "$faults/steward.jar" "/admin/change-requests/$cr/move" to=APPROVED)" = 303
    check "approval crash ($what): then applied once: the change made, the request APPROVED with one event" \
        test "$(sql "$applied")/$(sql "SELECT CONCAT(status, '/', (SELECT COUNT(*) FROM change_request_events e
            WHERE e.request_id = c.id AND e.to_status = 'APPROVED')) FROM change_requests c WHERE id = '$cr'")/$(
            [ "$(checksum $tables)" != "$before" ] && echo changed)" = "$expected/APPROVED/1/changed"
}

say "==> 5a. spor-admin killed in the middle of an approval"
load_start approval
pw=fault-pass-$(date +%s)
for who in requester steward; do
    echo "$pw" | "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" create-admin "$who@faults.example.org" >/dev/null
    signed_in "$faults/$who.jar" "$who@faults.example.org" "$pw" || say "warning: $who could not sign in"
    # The console takes two-step sign-in of its administrators.
    spor_two_factor_on "$faults/$who.jar" "$base" >/dev/null || say "warning: $who could not turn on two-step sign-in"
done
# Proposing a change takes a role for an organisation: the requester's.
org=$(sql "SELECT MIN(id) FROM oms_organisations")
sql "INSERT INTO account_roles (account_id, role_code, org_id) SELECT id, 'INDUSTRY_USER', 'ORG-$org' FROM accounts
    WHERE email = 'requester@faults.example.org'"
term=$(sql "SELECT id FROM rms_terms WHERE list_id = 200000000006 ORDER BY id LIMIT 1")
approval_crash term "rms_terms rms_term_names rms_term_descriptions rms_term_words rms_term_versions rms_lists" \
    "SELECT name_en FROM rms_terms WHERE id = $term" "Fault tolerant film" \
    "/rms/terms/$term/requests/new" "term_name=Fault tolerant film" "short_name=FTF"
approval_crash organisation "oms_organisations oms_org_names oms_org_identifiers oms_locations oms_org_words oms_org_versions oms_loc_versions" \
    "SELECT acronym FROM oms_organisations WHERE id = $org" "FAULT" \
    "/oms/organisations/ORG-$org/requests/new" "org_name=$(sql "SELECT name FROM oms_organisations WHERE id = $org")" \
    "acronym=FAULT"
load_stop
check "approval crash: no failed public request" test "$(tally 0 9e99 | cut -d' ' -f2)" = 0

# import_crash WHAT COUNT-SQL EXPECTED TABLES -- SPORCTL-ARGS...: sporctl
# killed five times once it has written a random number of rows, then run
# to its end.  After each kill the TABLES must be exactly as before or as
# after; at the end COUNT-SQL must give EXPECTED.
import_crash() {
    local what=$1 count_sql=$2 expected=$3 tables=$4 k goal rows importer before after imported counted
    local states=() killed_at=()
    shift 5
    load_start "$what-import"
    before=$(checksum $tables)
    for k in 1 2 3 4 5; do
        # A command, not a function: $! is then sporctl's own pid.
        "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" "$@" >"$faults/$what-import-$k.log" 2>&1 &
        importer=$!
        # Killed once it has written a random number of rows.  It is paused
        # (SIGSTOP) for each look, since innodb_trx lags by 0.1 s and on an
        # idle machine the writing runs faster than lookers can see: let it
        # run 20 to 90 ms, stop it, count its rows, go on or kill it.
        goal=$((300 + RANDOM % 6000))
        rows=0
        while kill -0 "$importer" 2>/dev/null; do
            sleep "0.0$((2 + RANDOM % 8))"
            kill -STOP "$importer" 2>/dev/null || break
            sleep 0.15
            rows=$(sql "SELECT COALESCE(MAX(trx_rows_modified), 0) FROM information_schema.innodb_trx")
            [ "$rows" -ge "$goal" ] && break
            kill -CONT "$importer" 2>/dev/null || break
        done
        kill -KILL "$importer" 2>/dev/null || true
        wait "$importer" 2>/dev/null && rows=done
        killed_at+=("$rows")
        settled
        states+=("$(checksum $tables)")
    done
    imported=0
    "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" "$@" >"$faults/$what-import.log" 2>&1 || imported=$?
    after=$(checksum $tables)
    counted=$(sql "$count_sql")
    load_stop
    before_after() {
        local s n_before=0 n_after=0
        for s in "${states[@]}"; do
            if [ "$s" = "$before" ]; then n_before=$((n_before + 1))
            elif [ "$s" = "$after" ]; then n_after=$((n_after + 1))
            else return 1; fi
        done
        say "  5 imports killed after writing ${killed_at[*]} rows: $n_before left the data as before, $n_after as after"
    }
    mid_write() { ! printf '%s\n' "${killed_at[@]}" | grep -qx done; }
    check "$what import crash: each of 5 imports killed in the middle of its writes" mid_write
    check "$what import crash: after each of 5 kills the data is exactly as before or as after" before_after
    check "$what import crash: then a full import succeeds, every record counted ($counted)" \
        test "$imported/$counted/$([ "$after" != "$before" ] && echo changed)" = "0/$expected/changed"
    check "$what import crash: no failed public request" test "$(tally 0 9e99 | cut -d' ' -f2)" = 0
}

say "==> 5b. sporctl killed in the middle of an RMS import"
# A large export, as a new list of 2,250 terms in English, French and
# German: made from a real one when the real data is there (list
# 200000000006's rows in those languages, 25 times over, with their
# quirks), else generated.
if real=$(spor_real_data rms/200000000006.csv "the import is of a generated export of 2,250 terms instead"); then
    awk -v copies=25 '
        NR == 1 { print; next }
        /^200000000006,[0-9]+,[0-9]+,/ { flush(); rec = $0; next }
        { rec = rec "\n" $0 }
        END { flush() }
        function flush(   k, f, rest) {
            if (rec == "") return
            split(rec, f, ",")
            if (f[4] == "en" || f[4] == "fr" || f[4] == "de") {
                rest = substr(rec, length(f[1]) + length(f[2]) + 3)
                for (k = 1; k <= copies; k++) printf "290000000001,29%02d%s,%s\n", k, substr(f[2], 5), rest
            }
            rec = ""
        }' "$real" >"$faults/big.csv"
else
    spor_rms_generated "$faults/big.csv" 2250 290000000001
fi
import_crash RMS "SELECT CONCAT(COUNT(*), '/', (SELECT term_count FROM rms_lists WHERE id = 290000000001))
                  FROM rms_terms WHERE list_id = 290000000001" 2250/2250 \
    "rms_lists rms_terms rms_term_names rms_term_descriptions rms_term_words rms_term_versions" \
    -- import rms --list-name "Generated dose forms" "$faults/big.csv"

say "==> 5c. sporctl killed in the middle of an OMS import"
# 3,000 new organisations with two locations each, in the EMA's export
# layout (the header of the tests' fixture).
awk -v n=3000 'NR == 1 { print; for (i = 1; i <= n; i++) for (j = 1; j <= 2; j++)
        printf "ORG-5%08d,Generated Pharma %d GmbH,GP%d,Industry,Large,ACTIVE,2024-03-01 10:00:00,,,,,,,,LOC-5%08d,Musterstraße %d,,,,,10115,Berlin,,Berlin,DE,Germany,52.52,13.40,de,,,ACTIVE,2024-03-01 10:00:00,\n",
            i, i, i, 2 * i + j, j }' "$SPOR_ROOT/tests/fixtures/oms/good.csv" >"$faults/orgs.csv"
import_crash OMS "SELECT CONCAT(COUNT(*), '/', (SELECT COUNT(*) FROM oms_locations WHERE id > 500000000))
                  FROM oms_organisations WHERE id > 500000000" 3000/6000 \
    "oms_organisations oms_locations oms_org_names oms_org_identifiers oms_merged oms_org_words oms_stats oms_org_versions oms_loc_versions" \
    -- import oms "$faults/orgs.csv"
