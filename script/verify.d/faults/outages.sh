# Steps 1-3 of script/verify faults: MariaDB restarted, workers killed,
# nginx reloaded, each under the steady load.

say "==> 1. MariaDB restarted under load"
load_start db
t_stop=$(now)
spor_db_stop
sleep 1
curl -s -D- -H 'Cookie: spor_session=x' "$base/rms/lists" | tr -d '\r' >"$faults/503.html"
sleep 2
spor_db_start
until healthy; do sleep 0.05; done
t_back=$(now)
sleep 5
load_stop
report "MariaDB restart" "$t_stop" "$t_back"
check "MariaDB restart: no failure before it" before_clean "$t_stop"
check "MariaDB restart: every failure during the outage is the portal's own 503 page" \
    test "$(failures_other_than 503 portal "$t_stop" "$(plus "$t_back" $grace)")" = 0
check "MariaDB restart: the workers reconnect, no failure after /healthz is back (+${grace} s)" after_clean "$t_back"
portal_503() {
    grep -q '^HTTP/1.1 503' "$faults/503.html" && grep -q '^Retry-After:' "$faults/503.html" \
        && grep -q '<title>Service temporarily unavailable | SPOR portal</title>' "$faults/503.html"
}
check "MariaDB restart: a page during the outage is the 503 page in the portal's layout, with Retry-After" portal_503

say "==> 2. spor-public's workers killed under load"
load_start workers
mapfile -t old < <(workers spor-public)
t_kill=$(now)
kill -KILL "${old[@]:0:3}"
replaced() {
    local now_w
    now_w=$(workers spor-public | sort)
    [ "$(wc -l <<<"$now_w")" = "${#old[@]}" ] && ! grep -qxF -e "${old[0]}" -e "${old[1]}" -e "${old[2]}" <<<"$now_w"
}
for _ in $(seq 1 100); do replaced && break; sleep 0.05; done
t_back=$(now)
sleep 4
load_stop
report "3 of ${#old[@]} workers killed" "$t_kill" "$t_back"
check "workers killed: replaced, ${#old[@]} workers again" replaced
check "workers killed: no failure before" before_clean "$t_kill"
check "workers killed: no failure once replaced (+${grace} s)" after_clean "$t_back"

say "==> 3. nginx reloaded under load"
load_start reload
nginx_pid=$(cat "$SPOR_RUN/nginx.pid")
t_hup=$(now)
for _ in 1 2 3 4 5; do
    kill -HUP "$nginx_pid"
    sleep 0.7
done
t_end=$(now)
sleep 2
load_stop
report "nginx reloaded 5 times" "$t_hup" "$t_end"
check "nginx reloads: no failed request at all ($(tally 0 9e99 | cut -d' ' -f1) answers)" \
    test "$(tally 0 9e99 | cut -d' ' -f2)" = 0
check "nginx reloads: the same master still serves" \
    sh -c "[ \"\$(cat '$SPOR_RUN/nginx.pid')\" = '$nginx_pid' ] && kill -0 '$nginx_pid' && curl -fsS -o /dev/null '$base/healthz'"
