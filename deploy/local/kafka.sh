#!/usr/bin/env bash
# Local Apache Kafka (KRaft) for development and CI, without Docker: one node by default, or a
# three-node cluster (FUGONG_KAFKA_NODES=3) where replication and leader election are real.
#
#   deploy/local/kafka.sh fetch          # download broker jars into deploy/kafka/libs (only if needed)
#   deploy/local/kafka.sh start [NODE]   # fetch, format storage once, start in background, wait for the port
#   deploy/local/kafka.sh stop [NODE]    # SIGTERM, wait up to 30 s, then SIGKILL
#   deploy/local/kafka.sh status [NODE]  # one line a node: "kafka: up (pid N, 127.0.0.1:PORT)" or "kafka: down"
#   deploy/local/kafka.sh reset          # stop and wipe the data (topics, offsets, cluster id)
#   deploy/local/kafka.sh bootstrap      # the client bootstrap list, e.g. 127.0.0.1:9092,127.0.0.1:9094,...
#   deploy/local/kafka.sh client-env USER  # path of USER's FUGONG_KAFKA_* settings (admin, fugong-gateway, ...)
#
# NODE (1..FUGONG_KAFKA_NODES) limits start/stop/status to one node of a cluster: a rolling restart.
#
# Environment:
#   FUGONG_STATE_DIR               state root (default <repo>/.state)
#   FUGONG_KAFKA_NODES             1 (default: one broker+controller) or 3 (three of them, one quorum)
#   FUGONG_KAFKA_PORT              PLAINTEXT client port (default 9092); node N of a cluster: +2(N-1)
#   FUGONG_KAFKA_CONTROLLER_PORT   KRaft controller port (default 9093); node N of a cluster: +2(N-1)
#   FUGONG_KAFKA_HEAP              JVM heap, -Xms and -Xmx (default 512m)
#   FUGONG_KAFKA_JVM_OPTS          more JVM options, split on spaces (default none)
#   FUGONG_KAFKA_START_TIMEOUT     seconds to wait for the port at start (default 90)
#   FUGONG_KAFKA_SECURITY          sasl_ssl (default: TLS, SCRAM-SHA-512 users, ACLs) or plaintext
#                                  (loopback without auth, for development only)
#   FUGONG_PYTHON                  the Python that lists the services' users (default <repo>/.venv)
#
# Every command is idempotent: calling start twice, or stop on a stopped broker, is fine.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
KAFKA_DIR="$REPO_DIR/deploy/kafka"
LIBS_DIR="$KAFKA_DIR/libs"
POM="$KAFKA_DIR/pom.xml"
# The stamp lives inside libs/, so deleting libs/ also forces a new fetch.
STAMP="$LIBS_DIR/.pom.sha256"

STATE_DIR="${FUGONG_STATE_DIR:-$REPO_DIR/.state}"
NODES="${FUGONG_KAFKA_NODES:-1}"
BASE_PORT="${FUGONG_KAFKA_PORT:-9092}"
BASE_CONTROLLER_PORT="${FUGONG_KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${FUGONG_KAFKA_HEAP:-512m}"
START_TIMEOUT="${FUGONG_KAFKA_START_TIMEOUT:-90}"
SECURITY="${FUGONG_KAFKA_SECURITY:-sasl_ssl}"
PYTHON="${FUGONG_PYTHON:-$REPO_DIR/.venv/bin/python}"
HOST=127.0.0.1

RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"

log() { echo "${NAME:-kafka}: $*"; }
die() { echo "${NAME:-kafka}: ERROR: $*" >&2; exit 1; }

# Three voters tolerate one lost node; two would tolerate none, so only 1 and 3 are offered.
[[ "$NODES" == 1 || "$NODES" == 3 ]] || die "FUGONG_KAFKA_NODES must be 1 or 3, not '$NODES'"

if [[ "$NODES" == 1 ]]; then
    # The single node keeps the layout it always had: existing state dirs stay valid.
    KROOT="$STATE_DIR/kafka"
else
    KROOT="$STATE_DIR/kafka-cluster"
fi
CLUSTER_ID_FILE="$KROOT/cluster.id"
[[ "$SECURITY" == sasl_ssl || "$SECURITY" == plaintext ]] \
    || die "FUGONG_KAFKA_SECURITY must be sasl_ssl or plaintext, not '$SECURITY'"
# Secrets (the CA's key, the broker's key, the users' passwords): private to this user, git-ignored.
SEC_DIR="$KROOT/security"
# One FUGONG_KAFKA_* file per user, for the services (services.sh), make and the tests.
CLIENTS_DIR="$KROOT/clients"

# Sets the paths and ports of node $1 (1-based), which the commands below act on. Node N of a
# cluster takes the ports two above node N-1's: the single node's defaults (9092/9093) stay node 1's.
select_node() {
    NODE_ID="$1"
    PORT=$((BASE_PORT + 2 * (NODE_ID - 1)))
    CONTROLLER_PORT=$((BASE_CONTROLLER_PORT + 2 * (NODE_ID - 1)))
    if [[ "$NODES" == 1 ]]; then
        KSTATE="$KROOT"
        PID_FILE="$RUN_DIR/kafka.pid"
        LOG_FILE="$LOG_DIR/kafka.log"
        NAME="kafka"
    else
        KSTATE="$KROOT/node-$NODE_ID"
        PID_FILE="$RUN_DIR/kafka-$NODE_ID.pid"
        LOG_FILE="$LOG_DIR/kafka-$NODE_ID.log"
        NAME="kafka-$NODE_ID"
    fi
    DATA_DIR="$KSTATE/data"
    PROPS="$KSTATE/server.properties"
}

# The nodes a command acts on: the one named ($1), or all of them.
nodes_named() {
    if [[ -n "${1:-}" ]]; then
        [[ "$1" =~ ^[0-9]+$ ]] && ((1 <= $1 && $1 <= NODES)) \
            || die "node '$1' is not one of 1..$NODES (FUGONG_KAFKA_NODES=$NODES)"
        echo "$1"
    else
        seq 1 "$NODES"
    fi
}

# "127.0.0.1:PORT,..." of every node, node N's port $1 + 2(N-1); given a second argument, each
# prefixed by its node id ("N@"), as controller.quorum.voters wants.
endpoints() {
    local list=() n
    for n in $(seq 1 "$NODES"); do
        list+=("${2:+$n@}$HOST:$(($1 + 2 * (n - 1)))")
    done
    (IFS=,; echo "${list[*]}")
}

# The static quorum every node is formatted and started with: all of them vote.
quorum_voters() { endpoints "$BASE_CONTROLLER_PORT" with-ids; }

bootstrap_servers() { endpoints "$BASE_PORT"; }

# --------------------------------------------------------------------------- helpers

# True if something accepts TCP connections on HOST:$1 (bash's /dev/tcp, no nc needed).
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Prints the broker pid if the pid file names a live Kafka JVM. Checking the command
# line (not just kill -0) avoids trusting a stale pid that the OS has reused.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    local cmdline
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *" kafka.Kafka "* ]] || return 1
    echo "$pid"
}

# Serialise start/stop/reset so that two test runners calling "start" at once do not
# launch two brokers on the same data dir.
take_lock() {
    mkdir -p "$RUN_DIR"
    exec 9>"$RUN_DIR/kafka.lock"
    flock -w 120 9 || die "could not take $RUN_DIR/kafka.lock within 120 s"
}

sha_of_pom() { sha256sum "$POM" | cut -d' ' -f1; }

require_java() {
    command -v java >/dev/null || die "java not found (Kafka 4.x needs Java 17+; apt-get install -y openjdk-17-jre-headless)"
    local major
    major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
    major="${major#1.}"
    [[ "${major%%.*}" -ge 17 ]] || die "Java $major found, Kafka 4.x needs Java 17+"
}

java_cp() { echo "$LIBS_DIR/*"; }

jar_count() { find "$LIBS_DIR" -maxdepth 1 -name '*.jar' | wc -l; }

# --------------------------------------------------------------------------- fetch

cmd_fetch() {
    local want
    want="$(sha_of_pom)"
    if [[ -d "$LIBS_DIR" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] \
        && compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null; then
        log "jars up to date ($(jar_count) in deploy/kafka/libs)"
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found (apt-get install -y maven)"
    log "fetching broker jars with Maven (pom changed or libs/ missing)..."
    # Download into a fresh folder and swap it in, so a failed or changed fetch never
    # leaves a mix of old and new jars on the classpath.
    local tmp="$LIBS_DIR.tmp.$$" out
    rm -rf "$tmp"
    # Maven's output is kept aside and shown only on failure: with -q it prints nothing
    # useful on success, except (Debian's build) stray terminal colour codes.
    out="$(mktemp)"
    if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$out" 2>&1; then
        cat "$out" >&2
        rm -rf "$tmp" "$out"
        die "Maven could not fetch the jars (output above)"
    fi
    rm -f "$out"
    echo "$want" >"$tmp/.pom.sha256"
    rm -rf "$LIBS_DIR"
    mv "$tmp" "$LIBS_DIR"
    # copy-dependencies may leave an empty target/ behind; it is git-ignored, but tidy up.
    rmdir "$KAFKA_DIR/target" 2>/dev/null || true
    log "fetched $(jar_count) jars into deploy/kafka/libs"
}

# --------------------------------------------------------------------------- start

# Renders server.properties.in (and, for a cluster node, cluster.properties.in after it: a later
# key wins in a Java properties file). Rewritten at every start so port changes take effect.
render_properties() {
    mkdir -p "$KSTATE" "$DATA_DIR"
    # Escape characters that are special in a sed replacement (\, & and the | delimiter).
    local dirs templates=("$KAFKA_DIR/server.properties.in")
    dirs="$(printf '%s' "$DATA_DIR" | sed 's/[\\&|]/\\&/g')"
    [[ "$NODES" == 1 ]] || templates+=("$KAFKA_DIR/cluster.properties.in")
    [[ "$SECURITY" == plaintext ]] || templates+=("$KAFKA_DIR/sasl_ssl.properties.in")
    local sec broker_password=""
    sec="$(printf '%s' "$SEC_DIR" | sed 's/[\\&|]/\\&/g')"
    [[ "$SECURITY" == plaintext ]] || broker_password="$(cat "$SEC_DIR/users/broker.password")"
    cat "${templates[@]}" | sed -e "s|@PORT@|$PORT|g" \
        -e "s|@SECURITY_DIR@|$sec|g" \
        -e "s|@BROKER_PASSWORD@|$broker_password|g" \
        -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
        -e "s|@NODE_ID@|$NODE_ID|g" \
        -e "s|@QUORUM_VOTERS@|$(quorum_voters)|g" \
        -e "s|@LOG_DIRS@|$dirs|g" >"$PROPS"
}

# Formats the storage directory once. The cluster id is kept so that a wiped data dir
# is re-formatted under the same id (clients caching metadata do not get confused).
format_storage_once() {
    if [[ -f "$DATA_DIR/meta.properties" ]]; then
        return 0
    fi
    if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
        mkdir -p "$KROOT"
        java -cp "$(java_cp)" kafka.tools.StorageTool random-uuid | tail -n1 >"$CLUSTER_ID_FILE"
    fi
    local cid
    cid="$(cat "$CLUSTER_ID_FILE")"
    log "formatting storage in $DATA_DIR (cluster id $cid)"
    # The SCRAM users go into the metadata at format: the brokers need theirs before any admin
    # client could add it. Users added later are registered by register_new_users.
    local scram=() user
    if [[ "$SECURITY" == sasl_ssl ]]; then
        for user in $(users); do
            scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(cat "$SEC_DIR/users/$user.password")]")
        done
    fi
    java -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.yaml" -cp "$(java_cp)" \
        kafka.tools.StorageTool format -t "$cid" -c "$PROPS" --ignore-formatted "${scram[@]}" >>"$LOG_FILE" 2>&1 \
        || { tail -n 40 "$LOG_FILE" >&2; die "storage format failed"; }
    if [[ "$SECURITY" == sasl_ssl ]]; then
        for user in $(users); do touch "$SEC_DIR/users/$user.registered"; done
    fi
}

# --------------------------------------------------------------------------- security

# admin (tooling: topics, ACLs, the tests' admin work), broker (the nodes among themselves), and
# one user per service of the topic catalogue (services.platform.kafka_acls derives the list).
USERS=""
users() {
    if [[ -z "$USERS" ]]; then
        USERS="admin broker $(cd "$REPO_DIR" && "$PYTHON" -m services.platform.kafka_acls users)" \
            || die "could not list the services' users with $PYTHON (set FUGONG_PYTHON)"
    fi
    echo "$USERS"
}

# The CA and the broker's certificate (for 127.0.0.1 and localhost; CN=broker, the principal the
# nodes present to the controller listener), made once; a password for every user, made once.
ensure_security() {
    [[ "$SECURITY" == sasl_ssl ]] || return 0
    command -v openssl >/dev/null || die "openssl not found (apt-get install -y openssl)"
    mkdir -p "$SEC_DIR/users"
    chmod 700 "$SEC_DIR"
    if [[ ! -s "$SEC_DIR/broker.pem" ]]; then
        log "making a CA and the broker's certificate in $SEC_DIR"
        (
            umask 077
            cd "$SEC_DIR"
            openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Fugong local Kafka CA" \
                -keyout ca.key -out ca.pem \
                -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -subj "/CN=broker" -keyout broker.key -out broker.csr 2>/dev/null
            printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
                "extendedKeyUsage=serverAuth,clientAuth" "keyUsage=critical,digitalSignature,keyEncipherment" >broker.ext
            openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
                -extfile broker.ext -out broker.crt 2>/dev/null
            # Kafka's PEM keystore: the PKCS#8 key, then the certificate chain.
            cat broker.key broker.crt ca.pem >broker.pem
            rm -f broker.csr broker.ext ca.srl
        ) || die "openssl could not make the certificates"
        chmod 644 "$SEC_DIR/ca.pem"
    fi
    local user
    for user in $(users); do
        [[ -s "$SEC_DIR/users/$user.password" ]] \
            || (umask 077 && openssl rand -hex 24 >"$SEC_DIR/users/$user.password")
    done
}

# Users made after the storage was formatted (a new service in the catalogue), added as admin.
# (The controller listener, where the nodes' certificate is a super user, does not take this call.)
register_new_users() {
    [[ "$SECURITY" == sasl_ssl ]] || return 0
    local user
    [[ -f "$SEC_DIR/users/admin.registered" ]] \
        || die "this broker's storage was formatted without SCRAM users (plaintext): run '$0 reset' (topics are lost) and start again"
    (
        umask 077
        printf '%s\n' "security.protocol=SASL_SSL" "sasl.mechanism=SCRAM-SHA-512" \
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(cat "$SEC_DIR/users/admin.password")\";" \
            "ssl.truststore.type=PEM" "ssl.truststore.location=$SEC_DIR/ca.pem" >"$SEC_DIR/admin.properties"
    )
    for user in $(users); do
        [[ -f "$SEC_DIR/users/$user.registered" ]] && continue
        log "adding SCRAM user $user"
        java -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.yaml" -cp "$(java_cp)" kafka.admin.ConfigCommand \
            --bootstrap-server "$(bootstrap_servers)" --command-config "$SEC_DIR/admin.properties" \
            --alter --entity-type users --entity-name "$user" \
            --add-config "SCRAM-SHA-512=[password=$(cat "$SEC_DIR/users/$user.password")]" >>"$LOG_FILE" 2>&1 \
            || { tail -n 20 "$LOG_FILE" >&2; die "could not add SCRAM user $user"; }
        touch "$SEC_DIR/users/$user.registered"
    done
}

# clients/<user>.env: what a client needs to connect as that user, as FUGONG_* settings (with
# plaintext, the same for everyone: no TLS, no credentials).
write_client_settings() {
    mkdir -p "$CLIENTS_DIR"
    chmod 700 "$CLIENTS_DIR"
    rm -f "$CLIENTS_DIR"/*.env
    local user
    for user in $(users); do
        [[ "$user" == broker ]] && continue
        (
            umask 077
            {
                echo "FUGONG_KAFKA_BOOTSTRAP_SERVERS=$(bootstrap_servers)"
                if [[ "$SECURITY" == plaintext ]]; then
                    echo "FUGONG_KAFKA_SECURITY_PROTOCOL=PLAINTEXT"
                else
                    printf '%s\n' "FUGONG_KAFKA_SECURITY_PROTOCOL=SASL_SSL" \
                        "FUGONG_KAFKA_SASL_MECHANISM=SCRAM-SHA-512" \
                        "FUGONG_KAFKA_SASL_USERNAME=$user" \
                        "FUGONG_KAFKA_SASL_PASSWORD=$(cat "$SEC_DIR/users/$user.password")" \
                        "FUGONG_KAFKA_SSL_CAFILE=$SEC_DIR/ca.pem"
                fi
            } >"$CLIENTS_DIR/$user.env"
        )
    done
}

# Keeps the previous run's log as kafka.log.1; the new log then holds only this run,
# which is what the failure tail should show (and the log cannot grow without bound).
rotate_log() {
    mkdir -p "$LOG_DIR"
    if [[ -f "$LOG_FILE" ]]; then
        mv -f "$LOG_FILE" "$LOG_FILE.1"
    fi
    : >"$LOG_FILE"
}

launch_broker() {
    local jvm_opts=(
        "-Xms$HEAP" "-Xmx$HEAP"
        # Upstream's GC settings (kafka-run-class.sh): short pauses matter more than throughput.
        -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
        -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15
        -Djava.awt.headless=true
        "-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2.yaml"
        # Kafka's own log files (none with our console-only log4j2 config) would land here.
        "-Dkafka.logs.dir=$LOG_DIR"
    )
    # Word splitting wanted: a list of options in one variable.
    # shellcheck disable=SC2206
    jvm_opts+=(${FUGONG_KAFKA_JVM_OPTS:-})
    # setsid: own session, so a Ctrl-C or hangup in the calling terminal does not kill it.
    # The inner shell writes its own pid, then exec's java (same pid), so the pid file is
    # exact. 9>&- closes the lock fd: otherwise the broker would hold the lock forever.
    # stdin from /dev/null and output to the log: a caller piping our output (| tee) must
    # not be kept waiting by the broker holding the pipe.
    # shellcheck disable=SC2016  # $$ and $0 are meant for the inner shell
    nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
        java "${jvm_opts[@]}" -cp "$(java_cp)" kafka.Kafka "$PROPS" \
        </dev/null >>"$LOG_FILE" 2>&1 9>&- &
    # Wait briefly for the pid file written by the child.
    for _ in $(seq 1 50); do
        [[ -s "$PID_FILE" ]] && break
        sleep 0.1
    done
}

wait_until_ready() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$NAME: broker exited during startup; last 40 log lines ($LOG_FILE):" >&2
            tail -n 40 "$LOG_FILE" >&2
            rm -f "$PID_FILE"
            exit 1
        fi
        # The client port opens only once the broker is ready (not the controller port).
        if port_open "$PORT"; then
            return 0
        fi
        sleep 0.5
    done
    echo "$NAME: port $HOST:$PORT not open after ${START_TIMEOUT}s; last 40 log lines ($LOG_FILE):" >&2
    tail -n 40 "$LOG_FILE" >&2
    # Do not leave a half-started broker behind: the next start would find it confusing.
    stop_pid "$pid"
    exit 1
}

# Launches node $NODE_ID if it is not running; sets LAUNCHED_PID to the pid to wait for (empty
# when the node was already up). Ready is not awaited here: a cluster node opens its client port only once a
# quorum of controllers has elected a leader, which needs the other nodes launched too.
launch_node() {
    local pid
    LAUNCHED_PID=""
    if pid="$(running_pid)"; then
        if port_open "$PORT"; then
            log "already running (pid $pid, $HOST:$PORT)"
            return 0
        fi
        # Alive but port closed: another start is mid-way, or the broker is stuck.
        log "pid $pid alive but $HOST:$PORT not open yet; waiting"
        LAUNCHED_PID="$pid"
        return 0
    fi
    rm -f "$PID_FILE"
    if port_open "$PORT"; then
        die "$HOST:$PORT is already in use by another process (another checkout's broker?); set FUGONG_KAFKA_PORT"
    fi
    if port_open "$CONTROLLER_PORT"; then
        die "$HOST:$CONTROLLER_PORT (controller) is already in use; set FUGONG_KAFKA_CONTROLLER_PORT"
    fi
    rotate_log
    render_properties
    format_storage_once
    launch_broker
    LAUNCHED_PID="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ -n "$LAUNCHED_PID" ]] || { tail -n 40 "$LOG_FILE" >&2; die "broker did not start (no pid)"; }
}

cmd_start() {
    take_lock
    require_java
    cmd_fetch
    mkdir -p "$RUN_DIR"
    local t0=$SECONDS node nodes
    local -A launched=()
    nodes="$(nodes_named "${1:-}")"
    ensure_security
    for node in $nodes; do
        select_node "$node"
        launch_node
        [[ -z "$LAUNCHED_PID" ]] || launched[$node]="$LAUNCHED_PID"
    done
    for node in $nodes; do
        [[ -n "${launched[$node]:-}" ]] || continue
        select_node "$node"
        wait_until_ready "${launched[$node]}"
        log "up (pid ${launched[$node]}, $HOST:$PORT) after $((SECONDS - t0))s; log: $LOG_FILE"
    done
    register_new_users
    write_client_settings
    log "$SECURITY; clients' settings in $CLIENTS_DIR/<user>.env"
}

# --------------------------------------------------------------------------- stop

# SIGTERM lets Kafka shut down cleanly (flush, close logs: the next start skips recovery).
stop_pid() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still alive after 30 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$PID_FILE"
}

cmd_stop() {
    take_lock
    local node pid nodes
    local -A pids=()
    nodes="$(nodes_named "${1:-}")"
    # All at once first: the last node of a cluster stopped alone would wait for a controller
    # quorum that is gone before it could finish its controlled shutdown.
    for node in $nodes; do
        select_node "$node"
        if pid="$(running_pid)"; then
            pids[$node]="$pid"
            log "stopping (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
        else
            rm -f "$PID_FILE"
            log "not running"
        fi
    done
    for node in $nodes; do
        [[ -n "${pids[$node]:-}" ]] || continue
        select_node "$node"
        stop_pid "${pids[$node]}"
        log "stopped"
    done
}

# --------------------------------------------------------------------------- status

cmd_status() {
    local node pid nodes
    nodes="$(nodes_named "${1:-}")"
    for node in $nodes; do
        select_node "$node"
        pid=""
        if pid="$(running_pid)" && port_open "$PORT"; then
            echo "$NAME: up (pid $pid, $HOST:$PORT)"
        elif [[ -n "${pid:-}" ]]; then
            echo "$NAME: down (pid $pid alive, but $HOST:$PORT not accepting connections yet)"
        else
            echo "$NAME: down"
        fi
    done
}

# --------------------------------------------------------------------------- reset

cmd_reset() {
    cmd_stop
    rm -rf "$KROOT"
    NAME=kafka log "wiped $KROOT (topics, offsets, cluster id)"
}

case "${1:-}" in
    fetch) cmd_fetch ;;
    start) cmd_start "${2:-}" ;;
    stop) cmd_stop "${2:-}" ;;
    status) cmd_status "${2:-}" ;;
    reset) cmd_reset ;;
    bootstrap) bootstrap_servers ;;
    client-env) echo "$CLIENTS_DIR/${2:?usage: $0 client-env USER}.env" ;;
    *)
        echo "usage: $0 {fetch|start [NODE]|stop [NODE]|status [NODE]|reset|bootstrap|client-env USER}" >&2
        exit 2
        ;;
esac
