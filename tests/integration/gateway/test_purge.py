"""The scheduled purge: old idempotency records and long-expired keys go, the rest stays."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.app import SCHEMA
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.maintenance import Purged, purge
from services.platform.migrations import migrate
from services.platform.postgres import open_pool

pytestmark = pytest.mark.integration

PUDONG = Principal(PrincipalKind.OFFICIAL, district_code="310115")


async def test_purge_deletes_what_is_past_its_retention_only(database: str) -> None:
    pool = await open_pool(database, max_size=2)
    try:
        await migrate(pool, SCHEMA, "services.gateway")
        keys = ApiKeyStore(pool, "a-pepper-for-the-purge-test-only", cache_seconds=0)
        current = await keys.issue(PUDONG, "浦东人社局")
        long_expired = await keys.issue(PUDONG, "浦东人社局 (旧)", timedelta(days=-100))
        lately_expired = await keys.issue(PUDONG, "浦东人社局 (上月)", timedelta(days=-10))
        revoked_long_ago = await keys.issue(PUDONG, "浦东人社局 (吊销)")
        await keys.revoke(revoked_long_ago)
        await pool.execute(
            "UPDATE gateway.api_keys SET revoked_at = now() - interval '200 days' "
            "WHERE revoked_at IS NOT NULL"
        )
        for age_days in (1, 6, 8, 400):
            await pool.execute(
                "INSERT INTO gateway.idempotency_keys (principal, event_type, idempotency_key, "
                "request_sha256, event_id, created_at) "
                "VALUES ('official:310115', 'weekly-report', $1, 'x', $2, now() - $3::interval)",
                uuid.uuid4(),
                str(uuid.uuid4()),
                timedelta(days=age_days),
            )

        purged = await purge(pool, timedelta(days=7), timedelta(days=90))

        assert purged == Purged(idempotency_keys=2, api_keys=2)
        assert await keys.principal_for(current) == PUDONG
        labels = await pool.fetch("SELECT label FROM gateway.api_keys ORDER BY label")
        assert [row[0] for row in labels] == ["浦东人社局", "浦东人社局 (上月)"]
        assert lately_expired  # kept: expired, but within the retention
        assert long_expired
    finally:
        await pool.close()
