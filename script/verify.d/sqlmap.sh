# script/verify sqlmap (sourced by script/verify; settings in sqlmap.setup):
# Debian's sqlmap against every parameter that reaches the database: the GET
# parameters of the public pages and of the read API (from the route table
# cgi/programs/routes_public.c), the IDs in their paths, the session cookie, the
# sign-in and account forms (POST, with their CSRF token) and the signed-in
# search forms.  A target passes when sqlmap ran its tests to the end and
# found no injection point; then the portal must still answer, the public
# data be unchanged and no program have crashed.
#   SPOR_SQLMAP_ONLY=REGEX   scan only the targets whose names match
#   SPOR_SQLMAP_LEVEL, SPOR_SQLMAP_RISK   sqlmap's --level and --risk (2, 1)
#
# All six techniques (boolean, error, UNION, stacked, time-based, inline),
# for MySQL only: MariaDB is the one back end, and the other DBMSes'
# payloads would triple the time.  Level 2 (about 200 payloads a parameter,
# four times level 1's) with risk 1 keeps the 150 parameters near 10
# minutes on two cores; level 3 with risk 2 would take 50 (and lock the
# scanned account: sign-in failures stop at throttle.account_failures'
# ceiling of 1000).
sqlmap_dir=$SPOR_VAR/sqlmap
rm -rf "$sqlmap_dir"
mkdir -p "$sqlmap_dir"
sqlmap_opts=(--batch --flush-session --disable-coloring --dbms=MySQL --technique=BEUSTQ
	     --level="${SPOR_SQLMAP_LEVEL:-2}" --risk="${SPOR_SQLMAP_RISK:-1}" --timeout=30 --retries=1)

# Real IDs of the demonstration data: every scan starts from a page that
# answers 200, so that sqlmap compares payloads with a real page.
list=$(sql "SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY COUNT(*) DESC, list_id LIMIT 1")
term=$(sql "SELECT id FROM rms_terms WHERE list_id = $list ORDER BY id LIMIT 1")
domain=$(sql "SELECT domain_id FROM rms_terms WHERE domain_id IS NOT NULL ORDER BY id LIMIT 1")
org=$(printf 'ORG-%09d' "$(sql "SELECT org_id FROM oms_locations ORDER BY org_id LIMIT 1")")
loc=$(printf 'LOC-%09d' "$(sql "SELECT id FROM oms_locations ORDER BY id LIMIT 1")")
country=$(sql "SELECT country_code FROM oms_organisations WHERE country_code IS NOT NULL ORDER BY id LIMIT 1")

# A signed-in administrator for the forms behind sign-in, the visitor
# cookie that binds the anonymous forms' CSRF tokens, and an account whose
# sign-in the scan fails hundreds of times.
spor_demo_admin
scanned=sqlmap@example.org
head -c 18 /dev/urandom | base64 | "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" create-admin "$scanned" >/dev/null
admin_pw=$(cat "$SPOR_VAR/.demo-admin")
jar=$sqlmap_dir/cookies.txt
csrf=$(curl -fsS -c "$jar" "$base/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p')
curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf_token=$csrf" \
	--data-urlencode "email=$SPOR_DEMO_ADMIN" --data-urlencode "password=$admin_pw" "$base/login"
# The console takes two-step sign-in of its administrators.
spor_two_factor_on "$jar" "$base" >/dev/null || die "sqlmap: could not turn on the administrator's two-step sign-in"
visitor=$(awk '$6 == "spor_csrf" { print $7 }' "$jar")
session=$(awk '$6 == "spor_session" { print $7 }' "$jar")
[ -n "$visitor" ] && [ -n "$session" ] || die "sqlmap: could not sign in the demonstration administrator"

# The public tables' checksums, which no payload may change.
public_checksums() {
	sql "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables
	     WHERE table_schema = 'spor' AND (table_name LIKE 'rms\\_%' OR table_name LIKE 'oms\\_%')" |
		tr ',' '\n' | while read -r t; do sql "CHECKSUM TABLE \`$t\`"; done
}
checksums_before=$(public_checksums)

# sqlmap_found DIR: what in sqlmap's output says it found something: its
# findings, its heuristics' hints (a database error in a page, XSS, file
# inclusion), the rows of its results file beyond the header, and any
# candidate that its false-positive check did not reject (time-based
# candidates come and go on a busy machine: each one is printed).
sqlmap_found() {
	local out=$1/out.log candidates rejected
	grep -E "identified the following injection point|might be (injectable|vulnerable)|' is vulnerable" "$out" &&
		return 0
	cat "$1"/results-*.csv 2>/dev/null | sed 1d | grep . && return 0
	candidates=$(grep -c "appears to be '.*' injectable" "$out") || true
	rejected=$(grep -c 'false positive or unexploitable injection point detected' "$out") || true
	[ "$candidates" = 0 ] || say "  $candidates candidates, $rejected rejected by sqlmap as false positives:" \
		"$(grep -o "parameter '[^']*' appears to be '.*' injectable" "$out" | paste -sd ';')"
	[ "$candidates" -gt "$rejected" ]
}
sqlmap_finds() { sqlmap_found "$1" >/dev/null; }
# sqlmap_clean DIR REQUESTS: sqlmap finished its tests, found nothing, no
# payload got a server error, and the payloads really reached the programs
# (a scan that stopped at the first request, or that a rate limit or a
# lockout answered, proves nothing).
sqlmap_clean() {
	if sqlmap_found "$1" >&2; then
		say "  see $1/out.log"; return 1
	fi
	if grep -q '^HTTP response \[#[0-9]*\] (429' "$1/traffic.log"; then
		say "  answers 429 (rate limit or sign-in lockout): see $1/traffic.log"; return 1
	fi
	# Hostile input gets a clear 4xx, never a server error.
	if grep -q '^HTTP response \[#[0-9]*\] (5' "$1/traffic.log"; then
		say "  server errors (5xx): see $1/traffic.log"; return 1
	fi
	if ! grep -q 'all tested parameters do not appear to be injectable' "$1/out.log"; then
		grep -E 'CRITICAL|ERROR' "$1/out.log" | tail -3 >&2; return 1
	fi
	[ "$2" -ge 20 ] || { say "  only $2 requests"; return 1; }
}
# sqlmap_run NAME SQLMAP-ARGUMENTS...: one sqlmap run in $sqlmap_dir/NAME,
# its requests counted in sqlmap_requests; false when SPOR_SQLMAP_ONLY
# leaves NAME out.
sqlmap_run() {
	local name=$1 dir=$sqlmap_dir/$1
	shift
	if [ -n "${SPOR_SQLMAP_ONLY:-}" ] && ! [[ $name =~ $SPOR_SQLMAP_ONLY ]]; then
		return 1
	fi
	mkdir -p "$dir"
	sqlmap_start=$SECONDS
	sqlmap "${sqlmap_opts[@]}" --output-dir="$dir" -t "$dir/traffic.log" "$@" >"$dir/out.log" 2>&1 || true
	sqlmap_requests=$(grep -c '^HTTP request \[#' "$dir/traffic.log" 2>/dev/null) || sqlmap_requests=0
}
# scan NAME SQLMAP-ARGUMENTS...: one target of the portal, one check line.
scan() {
	sqlmap_run "$@" || return 0
	check "sqlmap $1: no injection point ($sqlmap_requests requests, $((SECONDS - sqlmap_start)) s)" \
		sqlmap_clean "$sqlmap_dir/$1" "$sqlmap_requests"
}

# The control first: sqlmap's own vulnerable test server (SQLite, on a port
# the kernel picks) must be found injectable, or no check below could fail.
python3 -c 'import sys
sys.path.insert(0, "/usr/share/sqlmap/extra/vulnserver")
import vulnserver as v
v.init(quiet=True)
s = v.ThreadingServer(("127.0.0.1", 0), v.ReqHandler)
print(s.server_address[1], flush=True)
s.serve_forever()' >"$sqlmap_dir/vulnserver.port" 2>"$sqlmap_dir/vulnserver.log" &
vulnserver=$!
for _ in $(seq 1 50); do [ -s "$sqlmap_dir/vulnserver.port" ] && break; sleep 0.1; done
if sqlmap_run control -u "http://127.0.0.1:$(cat "$sqlmap_dir/vulnserver.port")/?id=1" --dbms=SQLite; then
	check "sqlmap control: the injection in sqlmap's vulnerable test server is found ($sqlmap_requests requests)" \
		sqlmap_finds "$sqlmap_dir/control"
fi
kill "$vulnserver" 2>/dev/null || true

# sqlmap tests only the places marked with * once one is: every value of
# a query and every ID in a path gets one (mark).
mark() { local q=$1; printf '%s*' "${q//&/*&}"; }
lists_q="q=human&status=CURRENT&domain=$domain&lang=en"
orgs_q="q=pharma&country=$country&city=Paris&postal_code=75012&status=ACTIVE&type=Industry&lang=en"
scan home -u "$base/?$(mark lang=fr)"
scan rms-lists -u "$base/rms/lists?$(mark "$lists_q&page=1&size=10&sort=name")"
scan rms-list -u "$base/rms/lists/$list*?$(mark "$lists_q&page=1&size=10&sort=-id")"
scan rms-export-csv -u "$base/rms/lists/$list*/export.csv?$(mark "$lists_q&sort=name")"
scan rms-export-json -u "$base/rms/lists/$list*/export.json?$(mark "$lists_q&sort=id")"
scan rms-term -u "$base/rms/terms/$term*?$(mark lang=de)"
scan rms-search -u "$base/rms/search?$(mark "$lists_q&list=$list&page=1&size=10")"
scan oms-orgs -u "$base/oms/organisations?$(mark "$orgs_q&page=1&size=10&sort=name")"
scan oms-org -u "$base/oms/organisations/$org*?$(mark lang=en)"
scan oms-location -u "$base/oms/locations/$loc*?$(mark lang=en)"
scan oms-export-csv -u "$base/oms/export.csv?$(mark "$orgs_q&sort=id")"
scan oms-export-json -u "$base/oms/export.json?$(mark "$orgs_q&sort=-name")"
scan api-lists -u "$base/api/v1/lists?$(mark "page=1&size=10&lang=en")"
scan api-list -u "$base/api/v1/lists/$list*"
scan api-list-terms -u "$base/api/v1/lists/$list*/terms?$(mark "page=1&size=10&status=CURRENT&domain=$domain&parent=$term&modified-since=2000-01-01&sort=name&lang=fr")"
scan api-term -u "$base/api/v1/terms/$term*"
scan api-search-terms -u "$base/api/v1/search/terms?$(mark "$lists_q&list=$list&page=1&size=10")"
scan api-fhir-codesystems -u "$base/api/v1/fhir/CodeSystem?$(mark "$lists_q&list=$list&page=1&size=10")"
scan api-fhir-codesystem -u "$base/api/v1/fhir/CodeSystem/$list*?$(mark "q=human&status=CURRENT&domain=$domain")"
scan api-orgs -u "$base/api/v1/organisations?$(mark "$orgs_q&sort=name&page=1&size=10")"
scan api-org -u "$base/api/v1/organisations/$org*"
scan api-location -u "$base/api/v1/locations/$loc*"
scan api-fhir-orgs -u "$base/api/v1/fhir/Organization?$(mark "$orgs_q&sort=id&page=1&size=10")"
scan api-fhir-org -u "$base/api/v1/fhir/Organization/$org*"
scan api-fhir-location -u "$base/api/v1/fhir/Location/$loc*"
scan v1-lists -u "$base/v1/lists?$(mark "page=1&pagesize=10")"
scan v1-term-summaries -u "$base/v1/lists/$list*/term-summaries?$(mark "lang=en&page=1&pagesize=20&parent=all&sortby=term-name")"
# The session cookie, read on every page of every program.
scan session-cookie -u "$base/rms/lists?lang=en" --cookie="spor_session=$session*"
scan session-cookie-account -u "$base/account?lang=en" --cookie="spor_session=$session*"
# The anonymous forms: sqlmap fetches a fresh CSRF token before each payload.
scan login -u "$base/login" --ignore-code=401 --cookie="spor_csrf=$visitor" --csrf-url="$base/login" --csrf-token=csrf_token \
	--data="csrf_token=x&email=$scanned&password=wrong-password&next=/account" -p email,password,next
scan login-next -u "$base/login?next=/rms/lists*"
scan forgot -u "$base/password/forgot" --cookie="spor_csrf=$visitor" --csrf-url="$base/password/forgot" \
	--csrf-token=csrf_token --data="csrf_token=x&email=nobody@example.org" -p email
scan reset-token -u "$base/password/reset?token=$session*"
scan verify-token -u "$base/register/verify?token=$session*"
# The signed-in search forms.
scan account-roles -u "$base/account/roles?q=pharma&org=$org" --cookie="spor_session=$session" -p q,org
scan admin-users -u "$base/admin/users?q=admin&org=$org&role=NCA_USER&page=1&size=10" \
	--cookie="spor_session=$session" -p q,org,role,page,size
scan admin-audit -u "$base/admin/audit?q=admin&page=1&size=10" --cookie="spor_session=$session" -p q,page,size

# Afterwards: still answering, nothing changed, nothing crashed.
answers() { local u; for u; do curl -fsS -o /dev/null "$u" || return 1; done; }
check "the portal still answers (healthz, a list, the API)" \
	answers "$base/healthz" "$base/rms/lists/$list" "$base/api/v1/organisations/$org"
check "the administrator still signs in (no payload changed accounts or locked it)" \
	bash -c '[ "$(curl -sS -o /dev/null -w "%{http_code}" -b "$1" --data-urlencode "csrf_token=$2" \
		--data-urlencode "email=$3" --data-urlencode "password=$4" "$5/login")" = 303 ]' _ \
	"spor_csrf=$visitor" "$csrf" "$SPOR_DEMO_ADMIN" "$admin_pw" "$base"
check "the public tables are unchanged (CHECKSUM TABLE of rms_* and oms_*)" \
	test "$(public_checksums)" = "$checksums_before"
check "no program crashed (worker deaths in the logs)" \
	bash -c '! grep -E "killed by signal|exited with status" "$1"/spor-*.log' _ "$SPOR_LOG"
