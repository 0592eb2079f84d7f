#!/usr/bin/env bash
# docker-compose's `secrets` one-shot: makes, on first start, every secret the stack uses and
# hands each consumer only its own, one volume per consumer. Runs as root in the Kafka image
# (keytool, no openssl needed); idempotent: what exists is kept, so a restart changes nothing.
#
#   /run/fugong/kafka-pki     the CA's key store (this one-shot's alone)
#   /run/fugong/kafka-broker  the broker's key store, its passwords, its SCRAM login (JAAS), and
#                             a client config for its health check (the broker's, appuser's)
#   /run/fugong/kafka-scram   every Kafka user's password, for kafka-format (appuser's)
#   /run/fugong/kafka-ca      the CA's certificate, for every Kafka client (public)
#   /run/fugong/postgres      the owner's and every service role's password (postgres's, 999)
#   /run/fugong/<consumer>    a service's or one-shot's settings, one file each, named as the
#                             variable it sets (FUGONG_KAFKA_SASL_PASSWORD, ...) (uid 10001)
#
# Environment (docker-compose.yml; tests/unit/deploy/test_compose.py checks both lists against
# the catalogues):
#   KAFKA_USERS      the SCRAM users: the admin, the broker, one per service
#   DATABASE_ROLES   one login role per service of the database catalogue
set -euo pipefail

ROOT="${SECRETS_ROOT:-/run/fugong}"
# Who reads what (overridable only to try the script outside its container).
KAFKA_UID="${KAFKA_OWNER:-appuser}"   # the Kafka image's user (kafka, kafka-format)
POSTGRES_UID="${POSTGRES_OWNER:-999}" # the postgres image's user
FUGONG_UID="${FUGONG_OWNER:-10001}"   # the Fugong image's user (Dockerfile)
ADMIN=fugong-admin
OWNER=fugong

log() { echo "secrets: $*"; }

# 192 random bits, hex: no character a properties file, JAAS or a URL would need escaped.
random_secret() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

# $1: a file to hold a new random secret, unless it holds one already.
secret_once() {
    [[ -s "$1" ]] || (umask 077 && random_secret >"$1")
}

# $1 owner, $2 mode, the rest: files.
own() {
    local owner="$1" mode="$2"
    shift 2
    chown "$owner" "$@"
    chmod "$mode" "$@"
}

make_passwords() {
    local user role
    mkdir -p "$ROOT/kafka-scram" "$ROOT/postgres"
    for user in $KAFKA_USERS; do secret_once "$ROOT/kafka-scram/$user.password"; done
    for role in $OWNER $DATABASE_ROLES; do secret_once "$ROOT/postgres/$role.password"; done
    own "$KAFKA_UID" 400 "$ROOT"/kafka-scram/*.password
    own "$POSTGRES_UID" 400 "$ROOT"/postgres/*.password
}

# The CA, and the broker's certificate for the names clients use (kafka; localhost for its own
# health check), signed by it.
make_certificates() {
    local pki="$ROOT/kafka-pki" broker="$ROOT/kafka-broker" ca_pass broker_pass
    mkdir -p "$pki" "$broker" "$ROOT/kafka-ca"
    secret_once "$pki/ca.pass"
    secret_once "$broker/broker_keystore_creds"
    ca_pass="$(cat "$pki/ca.pass")"
    broker_pass="$(cat "$broker/broker_keystore_creds")"
    if [[ ! -s "$pki/ca.p12" ]]; then
        log "making the Kafka CA"
        keytool -genkeypair -alias ca -dname "CN=Fugong compose Kafka CA" -keyalg RSA -keysize 2048 \
            -validity 3650 -ext bc:c -ext ku:c=keyCertSign,cRLSign \
            -keystore "$pki/ca.p12" -storetype PKCS12 -storepass "$ca_pass" -keypass "$ca_pass"
        rm -f "$broker/broker.p12"
    fi
    keytool -exportcert -rfc -alias ca -keystore "$pki/ca.p12" -storepass "$ca_pass" \
        -file "$ROOT/kafka-ca/ca.pem"
    if [[ ! -s "$broker/broker.p12" ]]; then
        log "making the broker's certificate"
        local csr crt
        csr="$(mktemp)" crt="$(mktemp)"
        keytool -genkeypair -alias broker -dname "CN=kafka" -keyalg RSA -keysize 2048 \
            -validity 825 -keystore "$broker/broker.p12" -storetype PKCS12 \
            -storepass "$broker_pass" -keypass "$broker_pass"
        keytool -certreq -alias broker -keystore "$broker/broker.p12" -storepass "$broker_pass" \
            -file "$csr"
        keytool -gencert -alias ca -keystore "$pki/ca.p12" -storepass "$ca_pass" -rfc \
            -infile "$csr" -outfile "$crt" -validity 825 \
            -ext "san=dns:kafka,dns:localhost" -ext "eku=serverAuth,clientAuth" \
            -ext "ku:c=digitalSignature,keyEncipherment"
        keytool -importcert -noprompt -alias ca -keystore "$broker/broker.p12" \
            -storepass "$broker_pass" -file "$ROOT/kafka-ca/ca.pem"
        keytool -importcert -alias broker -keystore "$broker/broker.p12" \
            -storepass "$broker_pass" -file "$crt"
        rm -f "$csr" "$crt"
    fi
    # The image reads the key's password from a file of its own; in PKCS12 it is the store's.
    cp "$broker/broker_keystore_creds" "$broker/broker_key_creds"
    cp "$ROOT/kafka-ca/ca.pem" "$broker/ca.pem"
    own "$KAFKA_UID" 444 "$ROOT/kafka-ca/ca.pem" "$broker/ca.pem"
    chmod 700 "$pki"
    chmod 400 "$pki"/*
}

# The broker logs in to itself (inter-broker) as `broker`; its health check as the same user.
write_broker_login() {
    local broker="$ROOT/kafka-broker" password
    password="$(cat "$ROOT/kafka-scram/broker.password")"
    (
        umask 077
        printf '%s\n' "KafkaServer {" \
            "  org.apache.kafka.common.security.scram.ScramLoginModule required" \
            "  username=\"broker\" password=\"$password\";" "};" >"$broker/broker_jaas.conf"
        printf '%s\n' "security.protocol=SASL_SSL" "sasl.mechanism=SCRAM-SHA-512" \
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" password=\"$password\";" \
            "ssl.truststore.type=PEM" "ssl.truststore.location=/etc/kafka/secrets/ca.pem" \
            >"$broker/client.properties"
    )
    own "$KAFKA_UID" 400 "$broker/broker_keystore_creds" "$broker/broker_key_creds" \
        "$broker/broker_jaas.conf" "$broker/client.properties" "$broker/broker.p12"
}

# $1 consumer, $2 Kafka user or "", $3 database role or "": its settings, one file each.
hand_out() {
    local dir="$ROOT/$1"
    mkdir -p "$dir"
    rm -f "$dir"/FUGONG_*
    if [[ -n "$2" ]]; then
        cp "$ROOT/kafka-scram/$2.password" "$dir/FUGONG_KAFKA_SASL_PASSWORD"
    fi
    if [[ -n "$3" ]]; then
        cp "$ROOT/postgres/$3.password" "$dir/FUGONG_DATABASE_PASSWORD"
    fi
    if compgen -G "$dir/FUGONG_*" >/dev/null; then own "$FUGONG_UID" 400 "$dir"/FUGONG_*; fi
}

make_passwords
make_certificates
write_broker_login
for service in $DATABASE_ROLES; do
    hand_out "$service" "fugong-$service" "$service"
done
hand_out topics "$ADMIN" ""
hand_out migrate "" "$OWNER"
log "done: $(echo $KAFKA_USERS | wc -w) Kafka users, $(echo $OWNER $DATABASE_ROLES | wc -w) database roles"
