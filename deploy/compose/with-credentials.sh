#!/bin/sh
# docker-compose's entrypoint for Fugong's processes: each file of /run/fugong/credentials (the
# process's own volume, made by the `secrets` one-shot) is one setting, named as its variable
# (FUGONG_KAFKA_SASL_PASSWORD, FUGONG_DATABASE_PASSWORD); then the command runs with them. The
# values never appear in docker-compose.yml, `docker inspect` or a process listing.
set -eu
for file in /run/fugong/credentials/FUGONG_*; do
    [ -f "$file" ] || continue
    name="$(basename "$file")"
    value="$(cat "$file")"
    export "$name=$value"
done
exec "$@"
