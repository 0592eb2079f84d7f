#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) for development and CI, without Docker.
#
#   deploy/local/kafka.sh fetch    # download broker jars into deploy/kafka/libs (only if needed)
#   deploy/local/kafka.sh start    # fetch, format storage once, start in background, wait for the port
#   deploy/local/kafka.sh stop     # SIGTERM, wait up to 30 s, then SIGKILL
#   deploy/local/kafka.sh status   # one line: "kafka: up (pid N, 127.0.0.1:PORT)" or "kafka: down"
#   deploy/local/kafka.sh reset    # stop and wipe the broker's data (topics, offsets, cluster id)
#
# Environment:
#   FUGONG_STATE_DIR               state root (default <repo>/.state)
#   FUGONG_KAFKA_PORT              PLAINTEXT client port (default 9092)
#   FUGONG_KAFKA_CONTROLLER_PORT   KRaft controller port (default 9093)
#   FUGONG_KAFKA_HEAP              JVM heap, -Xms and -Xmx (default 512m)
#   FUGONG_KAFKA_START_TIMEOUT     seconds to wait for the port at start (default 90)
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
PORT="${FUGONG_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${FUGONG_KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${FUGONG_KAFKA_HEAP:-512m}"
START_TIMEOUT="${FUGONG_KAFKA_START_TIMEOUT:-90}"
HOST=127.0.0.1

KSTATE="$STATE_DIR/kafka"
DATA_DIR="$KSTATE/data"
PROPS="$KSTATE/server.properties"
CLUSTER_ID_FILE="$KSTATE/cluster.id"
RUN_DIR="$STATE_DIR/run"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_DIR="$STATE_DIR/logs"
LOG_FILE="$LOG_DIR/kafka.log"

log() { echo "kafka: $*"; }
die() { echo "kafka: ERROR: $*" >&2; exit 1; }

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

# Renders server.properties.in. Rewritten at every start so port changes take effect.
render_properties() {
    mkdir -p "$KSTATE" "$DATA_DIR"
    # Escape characters that are special in a sed replacement (\, & and the | delimiter).
    local dirs
    dirs="$(printf '%s' "$DATA_DIR" | sed 's/[\\&|]/\\&/g')"
    sed -e "s|@PORT@|$PORT|g" \
        -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
        -e "s|@LOG_DIRS@|$dirs|g" \
        "$KAFKA_DIR/server.properties.in" >"$PROPS"
}

# Formats the storage directory once. The cluster id is kept so that a wiped data dir
# is re-formatted under the same id (clients caching metadata do not get confused).
format_storage_once() {
    if [[ -f "$DATA_DIR/meta.properties" ]]; then
        return 0
    fi
    if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
        java -cp "$(java_cp)" kafka.tools.StorageTool random-uuid | tail -n1 >"$CLUSTER_ID_FILE"
    fi
    local cid
    cid="$(cat "$CLUSTER_ID_FILE")"
    log "formatting storage in $DATA_DIR (cluster id $cid)"
    java -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.yaml" -cp "$(java_cp)" \
        kafka.tools.StorageTool format -t "$cid" -c "$PROPS" --ignore-formatted >>"$LOG_FILE" 2>&1 \
        || { tail -n 40 "$LOG_FILE" >&2; die "storage format failed"; }
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
            echo "kafka: broker exited during startup; last 40 log lines ($LOG_FILE):" >&2
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
    echo "kafka: port $HOST:$PORT not open after ${START_TIMEOUT}s; last 40 log lines ($LOG_FILE):" >&2
    tail -n 40 "$LOG_FILE" >&2
    # Do not leave a half-started broker behind: the next start would find it confusing.
    stop_pid "$pid"
    exit 1
}

cmd_start() {
    take_lock
    local pid
    if pid="$(running_pid)"; then
        if port_open "$PORT"; then
            log "already running (pid $pid, $HOST:$PORT)"
            return 0
        fi
        # Alive but port closed: another start is mid-way, or the broker is stuck.
        log "pid $pid alive but $HOST:$PORT not open yet; waiting"
        wait_until_ready "$pid"
        log "up (pid $pid, $HOST:$PORT)"
        return 0
    fi
    rm -f "$PID_FILE"
    if port_open "$PORT"; then
        die "$HOST:$PORT is already in use by another process (another checkout's broker?); set FUGONG_KAFKA_PORT"
    fi
    if port_open "$CONTROLLER_PORT"; then
        die "$HOST:$CONTROLLER_PORT (controller) is already in use; set FUGONG_KAFKA_CONTROLLER_PORT"
    fi

    require_java
    cmd_fetch
    mkdir -p "$RUN_DIR"
    rotate_log
    render_properties
    format_storage_once

    local t0=$SECONDS
    launch_broker
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ -n "$pid" ]] || { tail -n 40 "$LOG_FILE" >&2; die "broker did not start (no pid)"; }
    wait_until_ready "$pid"
    log "up (pid $pid, $HOST:$PORT) after $((SECONDS - t0))s; log: $LOG_FILE"
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
    local pid
    if pid="$(running_pid)"; then
        log "stopping (pid $pid)"
        stop_pid "$pid"
        log "stopped"
    else
        rm -f "$PID_FILE"
        log "not running"
    fi
}

# --------------------------------------------------------------------------- status

cmd_status() {
    local pid
    if pid="$(running_pid)" && port_open "$PORT"; then
        echo "kafka: up (pid $pid, $HOST:$PORT)"
    elif [[ -n "${pid:-}" ]]; then
        echo "kafka: down (pid $pid alive, but $HOST:$PORT not accepting connections yet)"
    else
        echo "kafka: down"
    fi
}

# --------------------------------------------------------------------------- reset

cmd_reset() {
    cmd_stop
    rm -rf "$KSTATE"
    log "wiped $KSTATE (topics, offsets, cluster id)"
}

case "${1:-}" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    *)
        echo "usage: $0 {fetch|start|stop|status|reset}" >&2
        exit 2
        ;;
esac
