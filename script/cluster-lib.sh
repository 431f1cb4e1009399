# shellcheck shell=bash
# The scaled-out topology on one machine, shared by script/cluster,
# script/verify cluster and script/bench cluster (source script/lib.sh
# first, set SPOR_VAR and SPOR_PORT, call spor_paths, then cluster_paths):
#   MariaDB primary   binary log + GTID, $SPOR_DB_SOCK and TCP 127.0.0.1:SPOR_PORT+1000
#   MariaDB replica   read-only, replicates from the primary over TCP
#                     (replication has no UNIX-socket transport), its own
#                     socket and TCP 127.0.0.1:SPOR_PORT+1100
#   app hosts 1, 2    each a complete set of spor-public, spor-account and
#                     spor-admin on its own sockets (run/hostN/)
#   nginx             one upstream group per program with a server per host
# The programs of every host read their own files, written from the same
# $SPOR_CONF (lib.sh's spor_program_config): the primary for writes, the
# replica for spor-public's reads (db.replica.socket, in spor-public's alone).

CLUSTER_HOSTS=${CLUSTER_HOSTS:-"1 2"}

cluster_paths() {
    SPOR_DB_PORT=$((SPOR_PORT + 1000))
    SPOR_REPLICA_PORT=$((SPOR_PORT + 1100))
    SPOR_REPLICA_DATA=$SPOR_VAR/db-replica
    SPOR_REPLICA_SOCK=$SPOR_RUN/replica.sock
    CLUSTER_REPL_PW_FILE=$SPOR_VAR/.repl-password
    export SPOR_DB_PORT SPOR_REPLICA_PORT SPOR_REPLICA_SOCK
}

# primary_sql / replica_sql SQL: as root over the socket, tab-separated, no header.
primary_sql() { mariadb --no-defaults -S "$SPOR_DB_SOCK" -uroot -N -e "$1"; }
replica_sql() { mariadb --no-defaults -S "$SPOR_REPLICA_SOCK" -uroot -N -e "$1"; }

# cluster_mariadbd ROLE DATADIR SOCKET PORT SERVER-ID OPTION...: one private
# MariaDB server (installed on first use), listening on its socket and on
# loopback TCP; returns once it answers.
cluster_mariadbd() {
    local role=$1 data=$2 sock=$3 port=$4 id=$5 _
    shift 5
    if [ ! -d "$data/mysql" ]; then
        say "==> creating the $role database server in $data"
        mariadb-install-db --no-defaults --datadir="$data" --user="$(id -un)" \
            --auth-root-authentication-method=normal >"$SPOR_LOG/mariadb-$role-install.log" 2>&1 \
            || { cat "$SPOR_LOG/mariadb-$role-install.log" >&2; die "mariadb-install-db ($role) failed"; }
    fi
    mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 && return 0
    say "==> starting the MariaDB $role (127.0.0.1:$port)"
    # The options of lib.sh's spor_db_start, plus TCP on loopback, the
    # binary log with GTIDs (strict: a transaction applied twice or out of
    # order stops replication instead of diverging) and a server ID.
    mariadbd --no-defaults --datadir="$data" --socket="$sock" --bind-address=127.0.0.1 --port="$port" \
        --user="$(id -un)" --log-error="$SPOR_LOG/mariadb-$role.log" --pid-file="$SPOR_RUN/mariadb-$role.pid" \
        --tmpdir="$SPOR_VAR/tmp" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_520_ci \
        --innodb-buffer-pool-size="${SPOR_DB_BUFFER:-256M}" --max-connections=400 \
        --skip-name-resolve --server-id="$id" --log-bin="$data/binlog" --log-basename="$role" \
        --log-slave-updates --gtid-strict-mode=1 --binlog-format=ROW "$@" >/dev/null 2>&1 &
    for _ in $(seq 1 150); do
        mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    tail -20 "$SPOR_LOG/mariadb-$role.log" >&2
    die "the MariaDB $role did not start"
}

cluster_primary_start() {
    cluster_mariadbd primary "$SPOR_DB_DATA" "$SPOR_DB_SOCK" "$SPOR_DB_PORT" 1
    # Once: no anonymous accounts, and the replication account (written to
    # the binary log like everything else, so the replica has it too).
    if [ ! -f "$CLUSTER_REPL_PW_FILE" ]; then
        (umask 077 && spor_random_hex 24 >"$CLUSTER_REPL_PW_FILE")
        primary_sql "SET sql_log_bin = 0; DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES;
            SET sql_log_bin = 1; CREATE USER IF NOT EXISTS spor_repl@'127.0.0.1' IDENTIFIED BY '$(cat "$CLUSTER_REPL_PW_FILE")';
            GRANT REPLICATION SLAVE ON *.* TO spor_repl@'127.0.0.1'"
    fi
}

# The replica: read-only for every account but root (whose replication
# threads write), started empty and fed the primary's whole binary log from
# its first transaction (MASTER_USE_GTID=slave_pos with an empty position):
# no dump to take while the primary is small and new.
cluster_replica_start() {
    cluster_mariadbd replica "$SPOR_REPLICA_DATA" "$SPOR_REPLICA_SOCK" "$SPOR_REPLICA_PORT" 2 --read-only
    if [ -z "$(replica_sql "SHOW SLAVE STATUS")" ]; then
        # Its own anonymous accounts go too, outside its binary log (the
        # primary's deletion was not logged: row events for rows that differ
        # between the two would stop replication).
        replica_sql "SET sql_log_bin = 0; DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES"
        say "==> the replica follows the primary (GTID, 127.0.0.1:$SPOR_DB_PORT)"
        replica_sql "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$SPOR_DB_PORT,
            MASTER_USER='spor_repl', MASTER_PASSWORD='$(cat "$CLUSTER_REPL_PW_FILE")',
            MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE"
    fi
}

# cluster_replica_caught_up [SECONDS]: the replica has applied everything
# the primary has written so far (MASTER_GTID_WAIT on its binlog position).
cluster_replica_caught_up() {
    local pos
    pos=$(primary_sql "SELECT @@gtid_binlog_pos")
    [ "$(replica_sql "SELECT MASTER_GTID_WAIT('$pos', ${1:-30})")" = 0 ]
}

# One line of replication state: lag and the GTID positions of both.
cluster_replication_status() {
    local io sql_t lag io_pos
    read -r io sql_t lag io_pos < <(mariadb --no-defaults -S "$SPOR_REPLICA_SOCK" -uroot -e "SHOW SLAVE STATUS\G" | awk -F': ' '
        $1 ~ /Slave_IO_Running$/ { io = $2 } $1 ~ /Slave_SQL_Running$/ { s = $2 }
        $1 ~ /Seconds_Behind_Master$/ { l = $2 } $1 ~ /Gtid_IO_Pos$/ { g = $2 }
        END { print (io == "" ? "-" : io), (s == "" ? "-" : s), (l == "" ? "-" : l), (g == "" ? "-" : g) }')
    printf 'replica: IO %s, SQL %s, Seconds_Behind_Master %s; primary gtid_binlog_pos %s, replica gtid_slave_pos %s (received %s)\n' \
        "$io" "$sql_t" "$lag" "$(primary_sql "SELECT @@gtid_binlog_pos")" "$(replica_sql "SELECT @@gtid_slave_pos")" "$io_pos"
}

# The configuration: lib.sh's (the primary's socket), plus where spor-public
# reads (the replica; spor-public falls back to the primary while it is
# down, and waits with MASTER_GTID_WAIT for the writes of the visitor's own
# spor_gtid cookie).  A build that does not know the keys ignores them.
cluster_config() {
    spor_config
    grep -q '^db.replica.socket' "$SPOR_CONF" || cat >>"$SPOR_CONF" <<CONF
# script/cluster: spor-public reads from the replica.
db.replica.socket = $SPOR_REPLICA_SOCK
CONF
}

# cluster_host_start N: app host N, its three programs on run/hostN/ (logs in log/hostN/).
cluster_host_start() {
    local p
    mkdir -p "$SPOR_RUN/host$1" "$SPOR_LOG/host$1"
    for p in $SPOR_PROGRAMS; do
        SPOR_RUN=$SPOR_RUN/host$1 SPOR_LOG=$SPOR_LOG/host$1 spor_program_start "$p"
        # Not a job of this shell: a host killed on purpose is no news.
        disown $!
    done
}
# cluster_host_pids N: the supervisors and workers of host N, one a line.
cluster_host_pids() {
    local p sup
    for p in $SPOR_PROGRAMS; do
        sup=$(cat "$SPOR_RUN/host$1/$p.pid" 2>/dev/null) || continue
        kill -0 "$sup" 2>/dev/null || continue
        echo "$sup"
        cat "/proc/$sup/task/"*/children 2>/dev/null | tr ' ' '\n' | grep . || true
    done
}
# cluster_host_stop N [SIGNAL]: TERM drains; KILL is a machine dying (the
# pid files and sockets stay behind, as they would).
cluster_host_stop() {
    local pids
    mapfile -t pids < <(cluster_host_pids "$1")
    [ ${#pids[@]} = 0 ] || kill "-${2:-TERM}" "${pids[@]}" 2>/dev/null || true
}

# The nginx template: nginx/spor.conf.in with each upstream's one server
# replaced by one per host (its locations are the single source), plus a
# health location per host.  Open-source nginx has passive health checks
# only: a server that refuses or breaks max_fails=1 connection is left out
# for fail_timeout, and the request goes to the next server when that is
# safe (fastcgi_next_upstream: a connection error or a timeout before any
# answer; never a POST, nginx does not retry non-idempotent requests).
cluster_nginx_template() {
    awk -v hosts="$CLUSTER_HOSTS" '
        /server unix:@RUN@\/spor-[a-z]+\.sock max_fails=0;/ {
            match($0, /spor-[a-z]+\.sock/); sock = substr($0, RSTART, RLENGTH)
            n = split(hosts, h, " ")
            for (i = 1; i <= n; i++)
                printf "        server unix:@RUN@/host%s/%s max_fails=1 fail_timeout=10s;\n", h[i], sock
            next
        }
        /^    # One upstream per program\./ {
            print "    # script/cluster: a server per app host; a failed one is skipped."
            print "    fastcgi_next_upstream error timeout;"
            print "    fastcgi_next_upstream_tries 2;"
            print "    fastcgi_next_upstream_timeout 10s;"
        }
        { print }
        /^        server_name localhost;/ {
            n = split(hosts, h, " ")
            for (i = 1; i <= n; i++) {
                printf "        # script/cluster: /healthz of host %s alone (loopback only).\n", h[i]
                printf "        location = /_cluster/host%s/healthz {\n", h[i]
                print  "            allow 127.0.0.1;"
                print  "            deny all;"
                print  "            rewrite ^ /healthz break;"
                printf "            fastcgi_pass unix:@RUN@/host%s/spor-public.sock;\n", h[i]
                print  "        }"
            }
        }' "$SPOR_ROOT/nginx/spor.conf.in" >"$SPOR_VAR/nginx-cluster.conf.in"
    # The generated file must have replaced every upstream server.
    [ "$(grep -c 'max_fails=1' "$SPOR_VAR/nginx-cluster.conf.in")" = $(($(wc -w <<<"$CLUSTER_HOSTS") * 3)) ] \
        || die "nginx/spor.conf.in no longer has the upstream servers script/cluster replaces"
}
cluster_nginx_start() {
    cluster_nginx_template
    SPOR_NGINX_TEMPLATE=$SPOR_VAR/nginx-cluster.conf.in spor_nginx_start
}

# cluster_host_healthy N: host N's spor-public answers /healthz (through nginx,
# to that host alone).
cluster_host_healthy() {
    curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$SPOR_PORT/_cluster/host$1/healthz" 2>/dev/null
}

# cluster_start: the whole topology, from nothing or from a previous run's data.
cluster_start() {
    cluster_config
    cluster_primary_start
    cluster_replica_start
    spor_migrate
    spor_demo_data
    spor_demo_admin
    cluster_replica_caught_up 60 || die "the replica did not catch up with the primary"
    say "==> starting app hosts $CLUSTER_HOSTS ($SPOR_PROGRAMS each)"
    local h
    for h in $CLUSTER_HOSTS; do cluster_host_start "$h"; done
    cluster_nginx_start
    spor_wait_healthy
    for h in $CLUSTER_HOSTS; do
        for _ in $(seq 1 100); do cluster_host_healthy "$h" && break; sleep 0.1; done
    done
}

# What runs where, with each part's health.
cluster_topology() {
    local h p state
    printf '  %-28s %-58s %s\n' "process" "listens on" "role"
    printf '  %-28s %-58s %s\n' "mariadbd $(cat "$SPOR_RUN/mariadb-primary.pid")" \
        "$SPOR_DB_SOCK, 127.0.0.1:$SPOR_DB_PORT" "primary: every write, binary log + GTID"
    printf '  %-28s %-58s %s\n' "mariadbd $(cat "$SPOR_RUN/mariadb-replica.pid")" \
        "$SPOR_REPLICA_SOCK, 127.0.0.1:$SPOR_REPLICA_PORT" "replica: read-only, spor-public's reads"
    for h in $CLUSTER_HOSTS; do
        state=down
        cluster_host_healthy "$h" && state=healthy
        for p in $SPOR_PROGRAMS; do
            printf '  %-28s %-58s %s\n' "$p $(cat "$SPOR_RUN/host$h/$p.pid" 2>/dev/null)" \
                "$SPOR_RUN/host$h/$p.sock" "app host $h ($state), -n ${SPOR_WORKERS:-4}"
        done
    done
    printf '  %-28s %-58s %s\n' "nginx $(cat "$SPOR_RUN/nginx.pid")" "127.0.0.1:$SPOR_PORT" \
        "upstreams of $(wc -w <<<"$CLUSTER_HOSTS") servers each, passive health checks"
    printf '  %s\n' "$(cluster_replication_status)"
}

# Stop nginx, the hosts and both databases, whatever state they are in.
cluster_stop() {
    local h _ alive p f
    [ -f "$SPOR_RUN/nginx.pid" ] && kill -QUIT "$(cat "$SPOR_RUN/nginx.pid")" 2>/dev/null
    for h in $CLUSTER_HOSTS; do cluster_host_stop "$h" TERM; done
    for p in spor-mailer smtp-sink; do
        f=$SPOR_RUN/$p.pid
        [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null
    done
    for _ in $(seq 1 100); do
        alive=0
        [ -f "$SPOR_RUN/nginx.pid" ] && alive=1
        for p in spor-mailer smtp-sink; do [ -f "$SPOR_RUN/$p.pid" ] && alive=1; done
        for h in $CLUSTER_HOSTS; do [ -n "$(cluster_host_pids "$h" | head -1)" ] && alive=1; done
        [ $alive = 0 ] && break
        sleep 0.1
    done
    # A host killed by a proof leaves its pid files: the processes are gone.
    for h in $CLUSTER_HOSTS; do
        for p in $SPOR_PROGRAMS; do
            f=$SPOR_RUN/host$h/$p.pid
            [ -f "$f" ] && ! kill -0 "$(cat "$f")" 2>/dev/null && rm -f "$f"
        done
    done
    mariadb-admin --no-defaults -S "$SPOR_REPLICA_SOCK" -uroot shutdown >/dev/null 2>&1 || true
    spor_db_stop
    wait 2>/dev/null || true
}
