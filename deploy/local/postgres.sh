#!/usr/bin/env bash
# A private PostgreSQL cluster for Fugong development and CI (no Docker, no system service).
#
#   deploy/local/postgres.sh start    # install if missing (root), initdb once, start, ensure role/db
#   deploy/local/postgres.sh stop     # fast shutdown
#   deploy/local/postgres.sh status   # one line: "postgres: up (...)" or "postgres: down"
#   deploy/local/postgres.sh reset    # stop and wipe the cluster (all databases)
#
# Result: postgresql://fugong:fugong@127.0.0.1:$FUGONG_PG_PORT/fugong, the privileged role that
# owns the database and runs the migration step (`make migrate`). It has CREATEDB and CREATEROLE,
# so tests can create throwaway databases and roles of their own; it is not a superuser.
# Each service of the database catalogue (services/contracts/views.py) gets a login role named
# after it, with a random password kept in $FUGONG_STATE_DIR/postgres/roles/<service>.password
# (mode 600, git-ignored); services.sh builds each service's URL from it. Idempotent: passwords
# are made once and re-asserted at every start. A role's rights, connection limit and statement
# timeout are the migration step's (`make migrate`: ROLE_LIMITS in services/contracts/views.py).
#
# Environment:
#   FUGONG_DATABASE_URL or DATABASE_URL  if set, an external server is used: start/stop do nothing,
#                      status checks that psql can connect to it
#   FUGONG_PG_PORT     TCP port on 127.0.0.1 (default 5432)
#   FUGONG_STATE_DIR   state root (default <repo>/.state); the log is $FUGONG_STATE_DIR/logs/postgres.log
#   FUGONG_PG_BINDIR   PostgreSQL bin dir to use (default: newest found)
#
# Where the data lives:
#   - not root: $FUGONG_STATE_DIR/postgres/pgdata
#   - root:     /var/lib/fugong/<hash of the state dir>/pgdata, owned by the "postgres" OS user.
#     PostgreSQL refuses to run as root, and the "postgres" user may be unable to reach a
#     repo inside a root-only folder (mktemp -d is mode 700), hence a folder outside the repo.
#     $FUGONG_STATE_DIR/postgres/datadir names it.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
STATE_DIR="${FUGONG_STATE_DIR:-$REPO_DIR/.state}"
PORT="${FUGONG_PG_PORT:-5432}"
HOST=127.0.0.1
DB_USER=fugong
DB_PASSWORD=fugong
DB_NAME=fugong

log() { echo "postgres: $*"; }
die() { echo "postgres: ERROR: $*" >&2; exit 1; }

# --------------------------------------------------------------------------- external server

# asyncpg/SQLAlchemy style URLs (postgresql+asyncpg://) are not understood by psql.
# The services read FUGONG_DATABASE_URL first, then DATABASE_URL: so does this script.
DATABASE_URL="${FUGONG_DATABASE_URL:-${DATABASE_URL:-}}"
external_url_for_psql() { printf '%s' "$DATABASE_URL" | sed -E 's#^([a-z]+)\+[a-z0-9_]+://#\1://#'; }

external_mode() {
    case "$1" in
        start | stop | reset)
            log "DATABASE_URL is set: an external server is used, nothing to $1"
            ;;
        status)
            local psql
            psql="$(command -v psql || true)"
            if [[ -z "$psql" ]] && find_bindir_quiet; then psql="$BINDIR/psql"; fi
            if [[ -z "$psql" ]]; then
                echo "postgres: unknown (external DATABASE_URL; psql not found to test it)"
            elif PGCONNECT_TIMEOUT=5 "$psql" -X -q -t -c 'select 1' "$(external_url_for_psql)" >/dev/null 2>&1; then
                # The URL is not printed: it usually holds a password.
                echo "postgres: up (external, DATABASE_URL)"
            else
                echo "postgres: down (external DATABASE_URL not reachable)"
            fi
            ;;
    esac
}

# --------------------------------------------------------------------------- binaries

# Sets BINDIR to a directory holding initdb, pg_ctl, psql and pg_isready. Prefers
# FUGONG_PG_BINDIR, then the major version an existing data dir was created with
# (pg_ctl of another major refuses it), then pg_config, then the newest Debian install.
find_bindir_quiet() {
    local cand=() d
    [[ -n "${FUGONG_PG_BINDIR:-}" ]] && cand+=("$FUGONG_PG_BINDIR")
    if [[ -n "${PGDATA_DIR:-}" && -r "$PGDATA_DIR/PG_VERSION" ]]; then
        cand+=("/usr/lib/postgresql/$(cat "$PGDATA_DIR/PG_VERSION")/bin")
    fi
    if command -v pg_config >/dev/null; then
        d="$(pg_config --bindir 2>/dev/null || true)"
        [[ -n "$d" ]] && cand+=("$d")
    fi
    while IFS= read -r d; do cand+=("$d"); done < <(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -rV)
    if command -v initdb >/dev/null; then cand+=("$(dirname "$(readlink -f "$(command -v initdb)")")"); fi
    for d in "${cand[@]}"; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/psql" && -x "$d/pg_isready" ]]; then
            BINDIR="$d"
            return 0
        fi
    done
    return 1
}

find_or_install_bindir() {
    find_bindir_quiet && return 0
    if [[ $EUID -ne 0 ]]; then
        die "PostgreSQL server binaries not found. Install them (sudo apt-get install -y postgresql) or set FUGONG_PG_BINDIR."
    fi
    log "PostgreSQL not installed; installing the Debian package (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
    find_bindir_quiet || die "installed the postgresql package but still found no initdb/pg_ctl"
}

# --------------------------------------------------------------------------- layout

# Sets BASE_DIR, PGDATA_DIR, SOCKET_DIR, LOG_FILE.
setup_layout() {
    mkdir -p "$STATE_DIR/logs" "$STATE_DIR/postgres"
    STATE_DIR="$(cd "$STATE_DIR" && pwd)"   # absolute, so its hash is stable
    LOG_FILE="$STATE_DIR/logs/postgres.log"
    local hash
    hash="$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)"
    if [[ $EUID -eq 0 ]]; then
        BASE_DIR="/var/lib/fugong/$hash"
    else
        BASE_DIR="$STATE_DIR/postgres"
    fi
    PGDATA_DIR="$BASE_DIR/pgdata"
    # Unix sockets live in a private folder (only the server user may connect through it,
    # with peer auth). Socket paths are limited to ~107 bytes: a deep repo path would not fit.
    SOCKET_DIR="$BASE_DIR/socket"
    if ((${#SOCKET_DIR} > 80)); then
        SOCKET_DIR="/tmp/fugong-pg-$hash"
    fi
}

# Creates the folders with the right owner. As root they belong to "postgres".
prepare_dirs() {
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "OS user 'postgres' missing (it comes with the Debian postgresql package)"
        mkdir -p /var/lib/fugong
        chmod 755 /var/lib/fugong
        mkdir -p "$BASE_DIR" "$SOCKET_DIR"
        chown postgres:postgres "$BASE_DIR" "$SOCKET_DIR"
        chmod 700 "$BASE_DIR" "$SOCKET_DIR"
        echo "$PGDATA_DIR" >"$STATE_DIR/postgres/datadir"
    else
        mkdir -p "$BASE_DIR" "$SOCKET_DIR"
        chmod 700 "$BASE_DIR" "$SOCKET_DIR"
    fi
}

# Runs a command as the server's OS user. "cd /" because PostgreSQL tools fail when the
# current folder is unreadable to them (a root-only mktemp -d repo, for instance).
as_server() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# Superuser session over the private unix socket (peer auth: OS user = superuser name).
psql_super() {
    as_server "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -d postgres
}

# --------------------------------------------------------------------------- state checks

# Prints the postmaster pid if our cluster is running.
server_pid() {
    [[ -f "$PGDATA_DIR/postmaster.pid" ]] || return 1
    local pid
    pid="$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null; }

is_ready() { "$BINDIR/pg_isready" -q -h "$HOST" -p "$PORT" -t 2; }

# --------------------------------------------------------------------------- start

init_cluster_once() {
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] && return 0
    log "initdb in $PGDATA_DIR ($("$BINDIR/postgres" --version))"
    # peer on the socket (only the server's OS user gets in, as superuser, no password);
    # scram-sha-256 on TCP (the fugong role and its password). C.UTF-8 does not depend on
    # the caller's locale settings.
    as_server "$BINDIR/initdb" -D "$PGDATA_DIR" --auth-local=peer --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-instructions >>"$LOG_FILE" 2>&1 \
        || { tail -n 40 "$LOG_FILE" >&2; die "initdb failed"; }
    # Our settings live in fugong.conf (rewritten at every start); include it last.
    printf "\n# Fugong local settings (deploy/local/postgres.sh)\ninclude_if_exists = 'fugong.conf'\n" \
        | as_server tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
}

# TLS with a CA of this state dir's own, made once: $TLS_DIR/ca.crt is what clients verify the
# server against (FUGONG_DATABASE_SSL_ROOT_CERT; services.sh uses verify-full). The server's
# certificate names 127.0.0.1 and localhost; its key goes into the data dir, the server's alone.
make_tls_once() {
    TLS_DIR="$STATE_DIR/postgres/tls"
    mkdir -p "$TLS_DIR"
    chmod 700 "$TLS_DIR"
    if [[ ! -s "$TLS_DIR/ca.crt" || ! -s "$TLS_DIR/server.crt" ]]; then
        log "making a local CA and the server's certificate in $TLS_DIR"
        (
            cd "$TLS_DIR"
            umask 077
            openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Fugong local CA" \
                -keyout ca.key -out ca.crt >/dev/null 2>&1
            openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
                -keyout server.key -out server.csr >/dev/null 2>&1
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >server.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
                -extfile server.ext -out server.crt >/dev/null 2>&1
            rm -f server.csr server.ext
            chmod 644 ca.crt
        ) || die "could not make the TLS certificates (openssl)"
    fi
    local owner=()
    [[ $EUID -eq 0 ]] && owner=(-o postgres -g postgres)
    install "${owner[@]}" -m 600 "$TLS_DIR/server.key" "$PGDATA_DIR/server.key"
    install "${owner[@]}" -m 644 "$TLS_DIR/server.crt" "$PGDATA_DIR/server.crt"
}

# Rewritten at every start, so a changed port or setting takes effect on restart.
write_settings() {
    as_server tee "$PGDATA_DIR/fugong.conf" >/dev/null <<EOF
# Written by deploy/local/postgres.sh at every start: edits here are overwritten.
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
unix_socket_permissions = 0700
# Tests open many connections (pools per service, throwaway databases).
max_connections = 200
shared_buffers = 1GB
# A campaign rewrites a million message rows several times over: with the default 1GB of WAL
# between checkpoints they came every 25 s, each followed by a flood of full-page images that
# every commit (the hand-over before each request) waited behind. Checkpoints by time instead,
# the images compressed.
max_wal_size = 8GB
checkpoint_timeout = 15min
wal_compression = lz4
# stderr goes to $LOG_FILE (the script redirects it); no collector process needed.
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
timezone = 'UTC'
# TLS (make_tls_once): clients may verify-full against $STATE_DIR/postgres/tls/ca.crt.
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
EOF
}

ensure_role_and_db() {
    # Idempotent: create or re-assert the role (so its password is always the known one),
    # then create the database only if missing (CREATE DATABASE cannot run inside DO).
    psql_super <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
        CREATE ROLE $DB_USER LOGIN CREATEDB CREATEROLE PASSWORD '$DB_PASSWORD';
    ELSE
        ALTER ROLE $DB_USER LOGIN CREATEDB CREATEROLE PASSWORD '$DB_PASSWORD';
    END IF;
END
\$\$;
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SQL
}

# The catalogue's services, read from services/contracts/views.py (plain Python, no venv needed).
database_services() {
    (cd "$REPO_DIR" && "${FUGONG_PYTHON:-python3}" -c \
        'from services.contracts.views import DATABASE_SERVICES; print(*DATABASE_SERVICES)')
}

# A login role per service, nothing more (no CREATEDB, no CREATEROLE): its rights in a database
# are the migration step's grants. The password is made once, kept under .state, re-asserted.
ensure_service_roles() {
    local roles_dir="$STATE_DIR/postgres/roles" service password services
    services="$(database_services)" || die "could not read the database catalogue"
    mkdir -p "$roles_dir"
    chmod 700 "$roles_dir"
    for service in $services; do
        if [[ ! -s "$roles_dir/$service.password" ]]; then
            (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$roles_dir/$service.password")
        fi
        password="$(cat "$roles_dir/$service.password")"
        [[ "$password" =~ ^[0-9a-f]{48}$ ]] || die "$roles_dir/$service.password is not a generated password"
        psql_super >/dev/null <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$service') THEN
        CREATE ROLE $service LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$password';
    ELSE
        ALTER ROLE $service LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$password';
    END IF;
END
\$\$;
SQL
    done
    log "roles: $services (passwords in $roles_dir)"
}

wait_ready() {
    local deadline=$((SECONDS + 60))
    until is_ready; do
        if ((SECONDS >= deadline)); then
            tail -n 40 "$LOG_FILE" >&2
            die "server not ready on $HOST:$PORT after 60 s"
        fi
        sleep 0.5
    done
}

cmd_start() {
    find_or_install_bindir
    prepare_dirs
    local pid
    if pid="$(server_pid)"; then
        wait_ready
        ensure_role_and_db
        ensure_service_roles
        log "already running (pid $pid, $HOST:$PORT)"
        return 0
    fi
    if port_open; then
        die "$HOST:$PORT is in use by another server (the system's 'main' cluster? pg_lsclusters); set FUGONG_PG_PORT"
    fi
    # Keep the previous run's log as postgres.log.1 (a running server holds its log open,
    # so rotation happens only here, before a start).
    [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
    : >"$LOG_FILE"
    init_cluster_once
    make_tls_once
    write_settings
    local t0=$SECONDS
    # pg_ctl without -l: the server's stderr is the file opened here, by the caller, which
    # works even when the postgres OS user cannot write to $FUGONG_STATE_DIR. pg_ctl puts
    # the server in its own session, so it outlives this shell.
    if ! as_server "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -w -t 60 start </dev/null >>"$LOG_FILE" 2>&1; then
        tail -n 40 "$LOG_FILE" >&2
        die "pg_ctl start failed (log: $LOG_FILE)"
    fi
    wait_ready
    # Says this server serves TLS with the CA beside it (services.sh then uses verify-full); a
    # server started by an older script, without TLS, has no marker until its next start.
    : >"$STATE_DIR/postgres/tls/serving"
    ensure_role_and_db
    ensure_service_roles
    log "up (pid $(server_pid), $HOST:$PORT) after $((SECONDS - t0))s; data: $PGDATA_DIR; log: $LOG_FILE"
    log "url: postgresql://$DB_USER:$DB_PASSWORD@$HOST:$PORT/$DB_NAME"
}

# --------------------------------------------------------------------------- stop / status / reset

cmd_stop() {
    find_bindir_quiet || { log "not running (PostgreSQL not installed)"; return 0; }
    local pid
    if pid="$(server_pid)"; then
        log "stopping (pid $pid)"
        # fast: roll back open transactions and disconnect clients instead of waiting for them.
        as_server "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null
        rm -f "$STATE_DIR/postgres/tls/serving"
        log "stopped"
    else
        log "not running"
    fi
}

cmd_status() {
    local pid
    if find_bindir_quiet && pid="$(server_pid)" && is_ready; then
        echo "postgres: up (pid $pid, $HOST:$PORT)"
    else
        echo "postgres: down"
    fi
}

cmd_reset() {
    cmd_stop
    rm -rf "$BASE_DIR" "$STATE_DIR/postgres"
    [[ "$SOCKET_DIR" == /tmp/* ]] && rm -rf "$SOCKET_DIR"
    log "wiped $PGDATA_DIR (all databases)"
}

# --------------------------------------------------------------------------- main

cmd="${1:-}"
case "$cmd" in
    start | stop | status | reset) ;;
    *)
        echo "usage: $0 {start|stop|status|reset}" >&2
        exit 2
        ;;
esac
if [[ -n "${DATABASE_URL:-}" ]]; then
    external_mode "$cmd"
    exit 0
fi
setup_layout
"cmd_$cmd"
