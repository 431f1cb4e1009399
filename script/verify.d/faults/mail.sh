# Step 4 of script/verify faults: the SMTP sink down while registrations
# queue mail; once it is back every message arrives, and only once.

say "==> 4. the SMTP sink down while mail is queued"
load_start mail
kill -TERM "$(cat "$SPOR_RUN/smtp-sink.pid")"
for _ in $(seq 1 50); do [ -f "$SPOR_RUN/smtp-sink.pid" ] || break; sleep 0.1; done
t_down=$(now)
tag=fault$(date +%s)
registered=0
for i in 1 2 3 4 5; do
    [ "$(post "$faults/mail-$i.jar" /register "name=Fault $i" "email=$tag-$i@example.org" \
        "password=fault-pass-$tag" "password_confirm=fault-pass-$tag")" = 200 ] && registered=$((registered + 1))
done
mail_ids() { sql "SELECT id FROM outbox WHERE recipient LIKE '$tag-%' ORDER BY id"; }
unsent_tried() { sql "SELECT COUNT(*) FROM outbox WHERE recipient LIKE '$tag-%' AND sent_at IS NULL AND attempts > 0"; }
# Down long enough for the mailer (mail.retry_seconds = 2) to fail twice.
for _ in $(seq 1 100); do [ "$(sql "SELECT MIN(attempts) FROM outbox WHERE recipient LIKE '$tag-%'")" -ge 2 ] && break; sleep 0.1; done
tried=$(unsent_tried)
spor_sink_start
t_up=$(now)
for _ in $(seq 1 300); do
    [ "$(sql "SELECT COUNT(*) FROM outbox WHERE recipient LIKE '$tag-%' AND sent_at IS NULL")" = 0 ] && break
    sleep 0.2
done
t_sent=$(now)
sleep 1
load_stop
report "SMTP sink down" "$t_down" "$t_up"
printf '  %s registrations, %s messages queued, %s failed while the sink was down; all sent %.1f s after it came back\n' \
    "$registered" "$(mail_ids | wc -l)" "$tried" "$(plus "$t_sent" "-$t_up")"
# Each queued message is one .eml, found by its Message-ID, to its recipient.
delivered_once() {
    local id to n
    while read -r id to; do
        n=$(grep -l "^Message-ID: <outbox-$id@" "$SPOR_MAIL"/*.eml 2>/dev/null | wc -l)
        [ "$n" = 1 ] || { say "message $id to $to: $n copies"; return 1; }
        grep -l "^Message-ID: <outbox-$id@" "$SPOR_MAIL"/*.eml | xargs grep -q "^X-Sink-To: <$to>" || return 1
    done < <(sql "SELECT id, recipient FROM outbox WHERE recipient LIKE '$tag-%'")
    [ "$(grep -l "^X-Sink-To: <$tag-" "$SPOR_MAIL"/*.eml | wc -l)" = "$(mail_ids | wc -l)" ]
}
check "SMTP down: 5 registrations queue 5 messages, which fail while the sink is down" \
    test "$registered/$(mail_ids | wc -l)/$tried" = "5/5/5"
check "SMTP down: every message is marked sent once the sink is back" \
    test "$(sql "SELECT COUNT(*) FROM outbox WHERE recipient LIKE '$tag-%' AND sent_at IS NOT NULL")" = 5
check "SMTP down: each message delivered exactly once (Message-ID and recipient)" delivered_once
check "SMTP down: no failed request under load" test "$(tally 0 9e99 | cut -d' ' -f2)" = 0
