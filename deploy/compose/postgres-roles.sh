#!/usr/bin/env bash
# docker-compose's PostgreSQL, at its first start (the image runs /docker-entrypoint-initdb.d
# once, on an empty data volume, as the owner POSTGRES_USER): a login role per service of the
# database catalogue (DATABASE_ROLES), with the password the `secrets` one-shot made for it.
# Nothing else: its rights, connection limit and statement timeout are the migration step's
# (`migrate`), which re-asserts them at every start.
set -euo pipefail

for role in $DATABASE_ROLES; do
    password="$(cat "/run/fugong/postgres/$role.password")"
    psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
        -v role="$role" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'password';
SQL
    echo "postgres-roles: role $role"
done
