# Shared by script/server, script/test, script/sporctl and script/bench:
# the private MariaDB, the configuration, the three programs and nginx of one
# local instance, all under one folder ($SPOR_VAR), on one port ($SPOR_PORT).
# Source it, set SPOR_VAR and SPOR_PORT, then call the spor_* functions.

SPOR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPOR_PROGRAMS="spor-public spor-account spor-admin"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
# spor_random_hex BYTES: that many random bytes in hex (passwords, keys).
spor_random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Folders of an instance.  Socket paths must stay under the kernel's 108
# bytes; a deep checkout keeps its sockets in /tmp instead.
spor_paths() {
    SPOR_VAR=$(mkdir -p "$SPOR_VAR" && cd "$SPOR_VAR" && pwd)
    SPOR_RUN=$SPOR_VAR/run
    if [ ${#SPOR_RUN} -gt 80 ]; then
        SPOR_RUN=/tmp/spor-run-$(id -u)-$(printf '%s' "$SPOR_VAR" | md5sum | cut -c1-12)
        mkdir -p -m 755 "$SPOR_RUN"
        # A folder someone else made there first could hold their links.
        [ -O "$SPOR_RUN" ] && [ ! -L "$SPOR_RUN" ] || die "$SPOR_RUN is not ours"
    fi
    SPOR_LOG=$SPOR_VAR/log
    SPOR_CONF=$SPOR_VAR/spor.conf
    SPOR_DB_DATA=$SPOR_VAR/db
    SPOR_DB_SOCK=$SPOR_RUN/mysqld.sock
    SPOR_MAIL=$SPOR_VAR/mail
    mkdir -p "$SPOR_RUN" "$SPOR_LOG" "$SPOR_VAR/nginx" "$SPOR_VAR/bench" "$SPOR_VAR/tmp"
    export SPOR_VAR SPOR_RUN SPOR_LOG SPOR_CONF SPOR_PORT SPOR_MAIL
    export SPOR_CONFIG=$SPOR_CONF
}

# One script at a time per instance folder: a second script/server (or
# test, or bench) on the same folder must leave the running one alone.
spor_lock() {
    exec 9>"$SPOR_VAR/.lock"
    flock -n 9 || die "another script is running the instance in $SPOR_VAR; stop it first (or set SPOR_VAR)"
}

# Build out of tree in $1 with configure options $2...; reconfigure when
# configure.ac or Makefile.am changed.  SPOR_BUILD_TARGETS names what to make
# when not everything is needed (a build for the unit tests or the fuzzers
# has no use for the programs).
spor_build() {
    local dir=$1; shift
    cd "$SPOR_ROOT"
    if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
        say "==> autoreconf"
        autoreconf -fi >/dev/null 2>"$SPOR_LOG/autoreconf.log" || { cat "$SPOR_LOG/autoreconf.log" >&2; die "autoreconf failed"; }
    fi
    mkdir -p "$dir"
    cd "$dir"
    # The stamp names the checkout too: a build folder configured from
    # another checkout (script/bench with SPOR_BENCH_VAR shared between two
    # trees) would otherwise go on building that checkout's sources.
    if [ ! -f Makefile ] || [ "$SPOR_ROOT/configure" -nt Makefile ] ||
        [ "$(cat .spor-configure 2>/dev/null)" != "$SPOR_ROOT $*" ]; then
        say "==> configure $*"
        "$SPOR_ROOT/configure" -q "$@" >"$SPOR_LOG/configure.log" 2>&1 || { cat "$SPOR_LOG/configure.log" >&2; die "configure failed"; }
        printf '%s' "$SPOR_ROOT $*" >.spor-configure
    fi
    say "==> make"
    # shellcheck disable=SC2086 # one make target per word
    make -s -j"$(nproc)" ${SPOR_BUILD_TARGETS:-} >"$SPOR_LOG/make.log" 2>&1 || { tail -40 "$SPOR_LOG/make.log" >&2; die "make failed"; }
    SPOR_BUILD=$(pwd)
    export SPOR_BUILD
    cd "$SPOR_ROOT"
}

# The configuration file, written once with fresh random database passwords.
spor_config() {
    [ -f "$SPOR_CONF" ] || spor_config_write
    # The mail keys, also into a configuration written before mail existed.
    grep -q '^db.mailer.user' "$SPOR_CONF" || cat >>"$SPOR_CONF" <<CONF
db.mailer.user = spor_mail
db.mailer.password = $(spor_random_hex 24)
mail.smtp_url = smtp://127.0.0.1:$((SPOR_PORT + 25))
mail.from = SPOR portal <no-reply@localhost>
mail.retry_seconds = ${SPOR_MAIL_RETRY:-30}
CONF
    # Where supporting documents are kept (outside the web root).
    grep -q '^uploads.dir' "$SPOR_CONF" || echo "uploads.dir = $SPOR_VAR/uploads" >>"$SPOR_CONF"
    mkdir -p "$SPOR_VAR/uploads"
    # Where sporctl dump writes the bulk downloads, which nginx serves.
    grep -q '^downloads.dir' "$SPOR_CONF" || echo "downloads.dir = $SPOR_VAR/downloads" >>"$SPOR_CONF"
    mkdir -p "$SPOR_VAR/downloads"
    # The key of the CSRF tokens, also into an older configuration.
    grep -q '^csrf.secret' "$SPOR_CONF" || echo "csrf.secret = $(spor_random_hex 32)" >>"$SPOR_CONF"
    # The key that seals the TOTP secrets of two-step sign-in (spor-account's alone).
    grep -q '^twofactor.key' "$SPOR_CONF" || echo "twofactor.key = $(spor_random_hex 32)" >>"$SPOR_CONF"
}
spor_config_write() {
    local pw_public pw_account pw_admin
    pw_public=$(spor_random_hex 24)
    pw_account=$(spor_random_hex 24)
    pw_admin=$(spor_random_hex 24)
    umask 077
    cat >"$SPOR_CONF" <<CONF
# SPOR portal configuration for the instance in $SPOR_VAR
# (written by script/lib.sh; see docs/operations.md for every key).
db.socket = $SPOR_DB_SOCK
db.name = spor
db.owner.user = root
db.owner.password =
db.public.user = spor_ro
db.public.password = $pw_public
db.account.user = spor_app
db.account.password = $pw_account
db.admin.user = spor_admin
db.admin.password = $pw_admin
db.scripts = $SPOR_ROOT/db
templates.dir = $SPOR_ROOT/templates
templates.cache = ${SPOR_TEMPLATE_CACHE:-1}
cache.public_seconds = ${SPOR_PUBLIC_CACHE:-60}
site.url = http://127.0.0.1:$SPOR_PORT
CONF
    umask 022
}

# Each program's own configuration, $SPOR_VAR/<program>.conf beside the
# full one ($SPOR_CONF, which sporctl reads: it creates every database
# account).  A program's file holds the keys it uses, its own database
# account and only the secrets it needs; the programs refuse a file that
# holds another's (cgi/core/conf.c).  The keys each file takes, as in
# docs/operations.md (an unlisted key reaches sporctl alone):
spor_program_keys() {
    local db='db\.(socket|host|port|name)'
    local web="$db|db\.${1#spor-}\..*|templates\..*|site\.url|csrf\.secret|session\..*|cache\..*|api\..*"
    case $1 in
        spor-public) echo "$web|db\.replica\..*" ;;
        spor-account) echo "$web|account\..*|throttle\..*|password\..*|twofactor\..*|uploads\.dir" ;;
        spor-admin) echo "$web|uploads\.dir" ;;
        spor-mailer) echo "$db|db\.mailer\..*|mail\..*" ;;
        *) die "no configuration keys for $1" ;;
    esac
}
spor_program_conf() { echo "$SPOR_VAR/$1.conf"; }
# spor_program_config NAME: write NAME's file from the full one, again at
# each start, so that keys added to $SPOR_CONF (script/verify's setups,
# script/cluster's replica) reach the programs.  The last assignment of a
# key still wins: the lines keep their order.
spor_program_config() {
    local file keys
    file=$(spor_program_conf "$1")
    keys=$(spor_program_keys "$1")
    {
        echo "# $1's configuration, written by script/lib.sh from $SPOR_CONF"
        grep -E "^[[:space:]]*($keys)[[:space:]]*=" "$SPOR_CONF" || true
    } | (umask 077 && cat >"$file.tmp") && mv "$file.tmp" "$file"
}

# A private MariaDB server under $SPOR_VAR/db: no system service needed.
spor_db_start() {
    if [ ! -d "$SPOR_DB_DATA/mysql" ]; then
        say "==> creating the database server in $SPOR_DB_DATA"
        mariadb-install-db --no-defaults --datadir="$SPOR_DB_DATA" --user="$(id -un)" \
            --auth-root-authentication-method=normal >"$SPOR_LOG/mariadb-install.log" 2>&1 \
            || { cat "$SPOR_LOG/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
    fi
    if mariadb-admin --no-defaults -S "$SPOR_DB_SOCK" -uroot ping >/dev/null 2>&1; then
        return 0
    fi
    say "==> starting MariaDB"
    mariadbd --no-defaults --datadir="$SPOR_DB_DATA" --socket="$SPOR_DB_SOCK" --skip-networking \
        --user="$(id -un)" --log-error="$SPOR_LOG/mariadb.log" --pid-file="$SPOR_RUN/mariadb.pid" \
        --tmpdir="$SPOR_VAR/tmp" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_520_ci \
        --innodb-buffer-pool-size="${SPOR_DB_BUFFER:-256M}" --max-connections=400 \
        --skip-name-resolve >/dev/null 2>&1 &
    local i
    for i in $(seq 1 100); do
        if mariadb-admin --no-defaults -S "$SPOR_DB_SOCK" -uroot ping >/dev/null 2>&1; then
            # Anonymous accounts from mariadb-install-db would shadow nothing
            # we use, but a private server needs none of them.
            mariadb --no-defaults -S "$SPOR_DB_SOCK" -uroot -e "DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES" 2>/dev/null || true
            return 0
        fi
        sleep 0.1
    done
    tail -20 "$SPOR_LOG/mariadb.log" >&2
    die "MariaDB did not start"
}

spor_db_stop() {
    mariadb-admin --no-defaults -S "$SPOR_DB_SOCK" -uroot shutdown >/dev/null 2>&1 || true
}

spor_migrate() {
    say "==> sporctl migrate"
    "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" migrate >"$SPOR_LOG/migrate.log" 2>&1 \
        || { cat "$SPOR_LOG/migrate.log" >&2; die "migrate failed"; }
}

# nginx's workers run as the checkout's owner when started as root (they
# can then read static/); the programs give their sockets to that user's group.
spor_web_user() {
    if [ "$(id -u)" = 0 ]; then stat -c %U "$SPOR_ROOT"; else id -un; fi
}

# Real data: the EMA's exports that some longer proofs and figures prefer,
# kept outside the repository (SPOR_SHARED_DATA, ../shared/data beside the
# checkout by default).  A user's clone has none: every script then uses
# demonstration or generated data, and says so.
SPOR_SHARED_DATA=${SPOR_SHARED_DATA:-$SPOR_ROOT/../shared/data}
# spor_real_data FILE INSTEAD: the path of FILE (rms/200000000006.csv) in
# the real data; else false, having said in one line that it is missing and
# what the caller uses INSTEAD.
spor_real_data() {
    if [ -r "$SPOR_SHARED_DATA/$1" ]; then
        printf '%s\n' "$SPOR_SHARED_DATA/$1"
        return 0
    fi
    say "note: no real data at $SPOR_SHARED_DATA/$1; $2"
    return 1
}
# spor_rms_generated OUT TERMS [LIST]: a list export in the EMA's CSV
# layout (byte order mark, the EMA's column names, one row per term and
# language) of TERMS generated terms of list LIST (290000000001), each in
# English, French and German: names (some with a quoted comma), short
# names, descriptions, domains, statuses (some not current), parents,
# mappings, both date forms.  What sporctl import rms reads, in place of a
# real export.
spor_rms_generated() {
    awk -v terms="$2" -v list="${3:-290000000001}" 'BEGIN {
        printf "\357\273\277List ID,Term ID,Language,Term Name,Term Name Modified On,Short Name,Term Description,"
        printf "Domain ID,Parent ID,Term Status,Term Status Modified On,Current Term ID,Mapping Source ID,"
        printf "Mapping Source Term ID,Source Provided Name,Is Main Term Source,Applicable to Country ID,"
        print "Term Created On,Version Number,Is Major Version,Term Visibility"
        split("en fr de", lang, " ")
        split("Generated dose form|Forme pharmaceutique générée|Erzeugte Darreichungsform", name, "|")
        split("A dose form made for tests|Une forme faite pour les essais|Eine Form für Tests", desc, "|")
        split("powder|poudre|Pulver", powder, "|")
        base = (list - list % 1000000) + 1000000
        for (t = 1; t <= terms; t++) {
            id = base + t
            domain = 100000000012 + t % 3
            parent = t % 5 == 0 ? base + int(t / 5) : ""
            status = t % 13 == 0 ? "NON_CURRENT" : "CURRENT"
            for (l = 1; l <= 3; l++) {
                label = name[l] " " t (t % 7 == 0 ? ", " powder[l] : "")
                printf "%d,%d,%s,\"%s\",05/02/2018 06:13:%02d,%s,\"%s, %d.\",%d,%s,%s,2018-02-16T13:37:28Z,,",
                    list, id, lang[l], label, t % 60, l == 1 ? "GDF" t : "", desc[l], t, domain, parent, status
                printf "100000073361,PHF%05d,,Y,,05/02/2018 07:12:31,%d,Y,PUBLIC\n", t, 1 + t % 4
            }
        }
    }' >"$1"
}

# Two-step sign-in for the scripts that use the console, which requires it
# of administrators and data stewards: they act as the account's
# authenticator app.  spor_totp SECRET [TIME]: the code of now (or of
# TIME, in seconds since 1970) for a base32 key (RFC 6238: 30-second
# steps, 6 digits, HMAC-SHA1).
spor_totp() {
    python3 -c 'import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8), casefold=True)
at = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
mac = hmac.new(key, struct.pack(">Q", at // 30), hashlib.sha1).digest()
offset = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7fffffff) % 1000000))' "$@"
}
# spor_two_factor_on JAR BASE: turn two-step sign-in on for the account
# signed in with curl's cookie jar JAR at BASE (its key read from
# /account/two-factor, as a person would type it into the app); prints the
# key, which later sign-ins need (spor_two_factor_login).
spor_two_factor_on() {
    local page secret token
    page=$(curl -s -b "$1" -c "$1" "$2/account/two-factor")
    secret=$(printf '%s' "$page" | tr -d '\n' | sed -n 's|.*id="totp-secret"[^>]*>\(.*\)</code></dd>.*|\1|p' |
        sed 's|</code>.*||; s|<[^>]*>||g; s|[[:space:]]||g')
    token=$(printf '%s' "$page" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)
    [ -n "$secret" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$1" -c "$1" --data-urlencode "code=$(spor_totp "$secret")" \
        --data-urlencode "csrf_token=$token" "$2/account/two-factor")" = 200 ] && printf '%s\n' "$secret"
}

# The demonstration data, once per instance (db/demo/: our own FHIR Bundle
# of real list and term IDs), so that a new instance shows realistic lists.
spor_demo_data() {
    local svc
    for svc in rms oms; do
        [ -f "$SPOR_VAR/.demo-$svc" ] && continue
        say "==> loading the demonstration data ($svc)"
        "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" import "$svc" "$SPOR_ROOT/db/demo/$svc.json" >"$SPOR_LOG/demo.log" 2>&1 \
            || { cat "$SPOR_LOG/demo.log" >&2; die "loading the demonstration data failed"; }
        touch "$SPOR_VAR/.demo-$svc"
    done
}

# A demonstration administrator, made on first run; its login is kept in
# $SPOR_VAR/.demo-admin (readable by its owner only) and printed by script/server.
SPOR_DEMO_ADMIN=admin@example.org
spor_demo_admin() {
    [ -f "$SPOR_VAR/.demo-admin" ] && return
    local pw
    pw=demo-$(spor_random_hex 12)
    echo "$pw" | "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" create-admin "$SPOR_DEMO_ADMIN" >"$SPOR_LOG/demo.log" 2>&1 \
        || { cat "$SPOR_LOG/demo.log" >&2; die "creating the demonstration administrator failed"; }
    (umask 077 && echo "$pw" >"$SPOR_VAR/.demo-admin")
}

# Start one program: spor_program_start NAME [WORKERS]
spor_program_start() {
    local name=$1 workers=${2:-${SPOR_WORKERS:-4}}
    spor_program_config "$name"
    # Temporary files (the exports' spreadsheets while they are written)
    # stay in the instance's own folder.
    TMPDIR="$SPOR_VAR/tmp" "$SPOR_BUILD/cgi/$name" -s "$SPOR_RUN/$name.sock" -n "$workers" -c "$(spor_program_conf "$name")" \
        -p "$SPOR_RUN/$name.pid" -g "$(id -gn "$(spor_web_user)")" 2>>"$SPOR_LOG/$name.log" &
}

spor_programs_start() {
    say "==> starting $SPOR_PROGRAMS"
    local p
    for p in $SPOR_PROGRAMS; do spor_program_start "$p"; done
}

# SPOR_NGINX_TEMPLATE: another template than nginx/spor.conf.in (script/cluster
# generates one from it with two servers in each upstream).
spor_nginx_start() {
    local user_line="" access_log="$SPOR_LOG/nginx-access.log spor" web_user
    web_user=$(spor_web_user)
    if [ "$(id -u)" = 0 ]; then user_line="user $web_user $(id -gn "$web_user");"; fi
    [ "${SPOR_ACCESS_LOG:-on}" = off ] && access_log=off
    sed -e "s|@USER_LINE@|$user_line|" -e "s|@VAR@|$SPOR_VAR|g" -e "s|@RUN@|$SPOR_RUN|g" \
        -e "s|@SRC@|$SPOR_ROOT|g" -e "s|@ERRORS@|$SPOR_BUILD/nginx/errors|g" -e "s|@PORT@|$SPOR_PORT|g" \
        -e "s|@ACCESS_LOG@|$access_log|g" -e "s|@API_RATE@|${SPOR_API_RATE:-50}|g" \
        -e "s|@API_BURST@|${SPOR_API_BURST:-200}|g" -e "s|@EXPENSIVE_RATE@|${SPOR_EXPENSIVE_RATE:-20}|g" \
        -e "s|@EXPENSIVE_BURST@|${SPOR_EXPENSIVE_BURST:-100}|g" \
        "${SPOR_NGINX_TEMPLATE:-$SPOR_ROOT/nginx/spor.conf.in}" >"$SPOR_VAR/nginx.conf"
    say "==> starting nginx on 127.0.0.1:$SPOR_PORT"
    nginx -q -t -c "$SPOR_VAR/nginx.conf" -p "$SPOR_VAR" 2>"$SPOR_LOG/nginx-test.log" \
        || { cat "$SPOR_LOG/nginx-test.log" >&2; die "nginx configuration invalid"; }
    nginx -c "$SPOR_VAR/nginx.conf" -p "$SPOR_VAR" 2>>"$SPOR_LOG/nginx-error.log" &
}

spor_wait_healthy() {
    local i
    for i in $(seq 1 150); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$SPOR_PORT/healthz" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    die "the portal did not become healthy on port $SPOR_PORT (see $SPOR_LOG)"
}

# The local SMTP sink (every mail lands in $SPOR_MAIL as a .eml file) and
# the mailer that sends the outbox to it.
spor_sink_start() {
    "$SPOR_ROOT/script/smtp-sink" "$((SPOR_PORT + 25))" "$SPOR_MAIL" "$SPOR_RUN/smtp-sink.pid" \
        2>>"$SPOR_LOG/smtp-sink.log" &
    local _
    for _ in $(seq 1 50); do [ -f "$SPOR_RUN/smtp-sink.pid" ] && return 0; sleep 0.1; done
    die "the SMTP sink did not start; see $SPOR_LOG/smtp-sink.log"
}
spor_mail_start() {
    say "==> starting the SMTP sink (mail in $SPOR_MAIL) and spor-mailer"
    spor_sink_start
    spor_program_config spor-mailer
    "$SPOR_BUILD/cgi/spor-mailer" -c "$(spor_program_conf spor-mailer)" -p "$SPOR_RUN/spor-mailer.pid" 2>>"$SPOR_LOG/spor-mailer.log" &
}

# sporctl's jobs that a systemd timer runs every minute on a host
# (docs/operations.md): `spor_every_minute NAME ARGS...` runs `sporctl ARGS`
# every minute in the background, logged to $SPOR_LOG/NAME.log, its pid in
# $SPOR_RUN/spor-NAME.pid.  script/test runs them itself when a test asks.
spor_every_minute() {
    local name=$1; shift
    local pidfile=$SPOR_RUN/spor-$name.pid
    (
        trap 'kill $! 2>/dev/null; rm -f "$pidfile"; exit 0' TERM
        while :; do
            sleep 60 & wait $!
            "$SPOR_BUILD/cgi/sporctl" -c "$SPOR_CONF" "$@" >>"$SPOR_LOG/$name.log" 2>&1 || true
        done
    ) &
    echo $! >"$pidfile"
}
# The queue notices' mail.
spor_notify_start() { spor_every_minute notify notify; }
# The bulk downloads that approvals queued.
spor_dump_start() { spor_every_minute dump dump --if-queued; }

# Stop nginx, the programs and MariaDB, whatever state they are in.
spor_stop_all() {
    local f p
    [ -f "$SPOR_RUN/nginx.pid" ] && kill -QUIT "$(cat "$SPOR_RUN/nginx.pid")" 2>/dev/null
    for p in $SPOR_PROGRAMS spor-mailer smtp-sink spor-notify spor-dump; do
        f=$SPOR_RUN/$p.pid
        [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null
    done
    for _ in $(seq 1 100); do
        local alive=0
        for p in $SPOR_PROGRAMS spor-mailer smtp-sink spor-notify spor-dump; do [ -f "$SPOR_RUN/$p.pid" ] && alive=1; done
        [ -f "$SPOR_RUN/nginx.pid" ] && alive=1
        [ $alive = 0 ] && break
        sleep 0.1
    done
    spor_db_stop
    wait 2>/dev/null || true
}
