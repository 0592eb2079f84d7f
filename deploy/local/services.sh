#!/usr/bin/env bash
# Start, stop and report Fugong's own services on this machine (Kafka and PostgreSQL are
# handled by kafka.sh and postgres.sh beside this file).
#
#   deploy/local/services.sh start    # start every service in the background, wait until ready
#   deploy/local/services.sh stop     # SIGTERM each, SIGKILL after 20 s
#   deploy/local/services.sh status   # one line per service
#
# Environment: FUGONG_STATE_DIR (default <repo>/.state); every FUGONG_* setting the services read.
#
# Each service connects to Kafka as its own user (kafka.sh's clients/fugong-<service>.env) and to
# PostgreSQL as its own role (postgres.sh makes the roles and keeps their passwords in
# $FUGONG_STATE_DIR/postgres/roles), on FUGONG_PG_PORT (default 5432). The schema must have been
# migrated first (`make migrate`; `make up` does it). With FUGONG_DATABASE_URL or DATABASE_URL set
# (an external server), that URL is used as it is.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
STATE_DIR="${FUGONG_STATE_DIR:-$REPO_DIR/.state}"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
PYTHON="${FUGONG_PYTHON:-$REPO_DIR/.venv/bin/python}"

# name:port — the order they start in (notify sends to the provider simulator, so it comes first).
# The port is where readiness is read: a service's admin port (the simulator's only one). The
# gateway serves its API on a port of its own besides, FUGONG_GATEWAY_PORT, and notify listens
# for the outcomes WeChat and voice push on FUGONG_NOTIFY_CALLBACK_PORT (8203; the simulator
# pushes there).
GATEWAY_PORT="${FUGONG_GATEWAY_PORT:-8000}"
SERVICES=(
  "monitoring:${FUGONG_MONITORING_PORT:-8101}"
  "notify.simulator:${FUGONG_SIMULATOR_PORT:-8200}"
  "notify:${FUGONG_NOTIFY_PORT:-8103}"
  "matching:${FUGONG_MATCHING_PORT:-8104}"
  "gateway:${FUGONG_GATEWAY_ADMIN_PORT:-8100}"
)

# The URL of a service's own role; empty for a process without a schema (the simulator).
database_url_of() {
  local name=$1 password_file="$STATE_DIR/postgres/roles/$1.password"
  if [[ -n "${FUGONG_DATABASE_URL:-${DATABASE_URL:-}}" ]]; then
    echo "${FUGONG_DATABASE_URL:-$DATABASE_URL}"
  elif [[ "$name" == *.* ]]; then
    echo ""
  elif [[ -s "$password_file" ]]; then
    echo "postgresql://$name:$(cat "$password_file")@127.0.0.1:${FUGONG_PG_PORT:-5432}/fugong"
  else
    echo "$name: no database role yet ($password_file missing): run deploy/local/postgres.sh start" >&2
    return 1
  fi
}

pid_of() { cat "$RUN_DIR/$1.pid" 2>/dev/null || true; }
# Alive means: that pid runs this service (a pid file can outlive a reboot and its pid be reused).
alive() {
  local pid
  pid=$(pid_of "$1")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-m services.$1 "
}
ready() { curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$1/readyz"; }
# Where a service answers: the gateway's API and its admin port (/docs, /metrics), or its one port.
where() {
  if [[ "$1" == gateway ]]; then
    echo "http://127.0.0.1:$GATEWAY_PORT, admin http://127.0.0.1:$2"
  else
    echo "http://127.0.0.1:$2"
  fi
}

start_one() {
  local name=$1 port=$2 http_port=$2
  [[ "$name" == gateway ]] && http_port=$GATEWAY_PORT
  if alive "$name"; then
    echo "$name: already running (pid $(pid_of "$name"))"
    return
  fi
  local database_url
  database_url="$(database_url_of "$name")" || exit 1
  (
    cd "$REPO_DIR"
    # Its own Kafka user's settings, as kafka.sh made them (none for a service without one).
    kafka_env="$("$SCRIPT_DIR/kafka.sh" client-env "fugong-${name%%.*}")"
    if [[ "$name" != *.* && -f "$kafka_env" ]]; then
      set -a
      # shellcheck disable=SC1090
      . "$kafka_env"
      set +a
    fi
    if [[ -n "$database_url" ]]; then export FUGONG_DATABASE_URL="$database_url"; fi
    # The local server serves TLS with a CA of its own (postgres.sh): verify it, as production does.
    if [[ -z "${FUGONG_DATABASE_URL_GIVEN:-}" && -e "$STATE_DIR/postgres/tls/serving" ]]; then
      export FUGONG_DATABASE_SSLMODE=verify-full
      export FUGONG_DATABASE_SSL_ROOT_CERT="$STATE_DIR/postgres/tls/ca.crt"
    fi
    # The gateway parses and validates on as many cores as the machine has (one process each).
    FUGONG_HTTP_WORKERS="${FUGONG_HTTP_WORKERS:-$(nproc)}" \
    FUGONG_HTTP_PORT="$http_port" FUGONG_ADMIN_PORT="$port" FUGONG_DATA_DIR="$STATE_DIR/faust" \
    FUGONG_SMS_ENDPOINT="${FUGONG_SMS_ENDPOINT:-127.0.0.1:${FUGONG_SIMULATOR_PORT:-8200}}" \
    FUGONG_ALIYUN_ENDPOINT="${FUGONG_ALIYUN_ENDPOINT:-127.0.0.1:${FUGONG_SIMULATOR_PORT:-8200}}" \
    FUGONG_VOICE_ENDPOINT="${FUGONG_VOICE_ENDPOINT:-127.0.0.1:${FUGONG_SIMULATOR_PORT:-8200}}" \
    FUGONG_WECHAT_API_BASE="${FUGONG_WECHAT_API_BASE:-http://127.0.0.1:${FUGONG_SIMULATOR_PORT:-8200}/cgi-bin/}" \
    FUGONG_CALLBACK_PORT="${FUGONG_NOTIFY_CALLBACK_PORT:-8203}" \
    FUGONG_SIM_PUSH_URL="${FUGONG_SIM_PUSH_URL:-http://127.0.0.1:${FUGONG_NOTIFY_CALLBACK_PORT:-8203}}" \
      nohup "$PYTHON" -m "services.$name" </dev/null >>"$LOG_DIR/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
  )
  echo "$name: starting (pid $(pid_of "$name"), log $LOG_DIR/$name.log)"
}

wait_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + 90))
  until ready "$port"; do
    if ! alive "$name"; then
      echo "$name: exited during start-up; last lines of its log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "$name: not ready after 90 s; last lines of its log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name: ready on $(where "$name" "$port")"
}

stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name")
  if ! alive "$name"; then
    rm -f "$RUN_DIR/$name.pid"
    return
  fi
  kill -TERM "$pid"
  for _ in $(seq 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$RUN_DIR/$name.pid"
  echo "$name: stopped"
}

# An external server's URL says its own TLS settings.
FUGONG_DATABASE_URL_GIVEN="${FUGONG_DATABASE_URL:-${DATABASE_URL:-}}"
mkdir -p "$RUN_DIR" "$LOG_DIR"
case "${1:-}" in
  start)
    for entry in "${SERVICES[@]}"; do start_one "${entry%%:*}" "${entry##*:}"; done
    for entry in "${SERVICES[@]}"; do wait_ready "${entry%%:*}" "${entry##*:}"; done
    ;;
  stop)
    for entry in "${SERVICES[@]}"; do stop_one "${entry%%:*}"; done
    ;;
  status)
    for entry in "${SERVICES[@]}"; do
      name=${entry%%:*} port=${entry##*:}
      if alive "$name" && ready "$port"; then
        echo "$name: up (pid $(pid_of "$name"), $(where "$name" "$port"))"
      elif alive "$name"; then
        echo "$name: running but not ready (pid $(pid_of "$name"))"
      else
        echo "$name: down"
      fi
    done
    ;;
  *)
    echo "usage: $0 {start|stop|status}" >&2
    exit 2
    ;;
esac
