#!/usr/bin/env bash
# docker-compose's `kafka-format` one-shot: formats the broker's storage once, with every SCRAM
# user in its metadata (KIP-900: `kafka-storage.sh format --add-scram`), so the broker knows its
# own inter-broker login and the clients' before anyone could add them. Storage already formatted
# is left as it is (the image's own start-up format then finds it formatted, as it should).
#
# Reads the KRaft settings the broker has (docker-compose.yml's x-kafka-kraft) and the users'
# passwords from /run/fugong/kafka-scram/<user>.password (the `secrets` one-shot's).
set -euo pipefail

SCRAM_DIR="${SCRAM_DIR:-/run/fugong/kafka-scram}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

if [[ -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
    echo "kafka-format: $KAFKA_LOG_DIRS is formatted already"
    exit 0
fi

# The settings the storage tool reads, as the image renders them from the same variables.
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
printf '%s\n' \
    "process.roles=$KAFKA_PROCESS_ROLES" \
    "node.id=$KAFKA_NODE_ID" \
    "controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS" \
    "controller.listener.names=$KAFKA_CONTROLLER_LISTENER_NAMES" \
    "listeners=$KAFKA_LISTENERS" \
    "advertised.listeners=$KAFKA_ADVERTISED_LISTENERS" \
    "listener.security.protocol.map=$KAFKA_LISTENER_SECURITY_PROTOCOL_MAP" \
    "inter.broker.listener.name=$KAFKA_INTER_BROKER_LISTENER_NAME" \
    "sasl.enabled.mechanisms=$KAFKA_SASL_ENABLED_MECHANISMS" \
    "sasl.mechanism.inter.broker.protocol=$KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL" \
    "log.dirs=$KAFKA_LOG_DIRS" >"$config"

scram=()
for file in "$SCRAM_DIR"/*.password; do
    user="$(basename "$file" .password)"
    scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(cat "$file")]")
done
((${#scram[@]})) || { echo "kafka-format: no users in $SCRAM_DIR" >&2; exit 1; }

echo "kafka-format: formatting $KAFKA_LOG_DIRS (cluster $CLUSTER_ID) with $((${#scram[@]} / 2)) SCRAM users"
"$KAFKA_BIN/kafka-storage.sh" format --cluster-id "$CLUSTER_ID" --config "$config" "${scram[@]}"
