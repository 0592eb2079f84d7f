"""Composition root of the matching worker: its topics, routes and store on the stream worker,
screening at publication, and as periodic jobs the demand-change, labour-sharing and
recommendation-notice publishers and the closing of expired postings."""

from __future__ import annotations

import asyncpg

from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.demand_changes import publish_demand_changes
from services.matching.domain.records import Record
from services.matching.domain.screening import screen_posting, warm_up
from services.matching.events import ROUTES
from services.matching.expiry import close_expired_postings
from services.matching.recommendation_notices import publish_recommendation_notices
from services.matching.settings import MatchingSettings
from services.matching.sharing_notices import publish_sharing_notices
from services.platform.stream.worker import StreamSpec

SERVICE = "matching"


def stream_spec(settings: MatchingSettings | None = None) -> StreamSpec[Record]:
    settings = settings or MatchingSettings()

    def open_store(pool: asyncpg.Pool) -> PostgresMatchingStore:
        warm_up()  # screening's tables built at start-up, not on the first posting
        return PostgresMatchingStore(pool, screen_posting)

    attempts = settings.outbox_attempts_before_dead_letter
    return StreamSpec(
        service=SERVICE,
        routes=ROUTES,
        open_store=open_store,
        extensions=(
            publish_demand_changes(settings.demand_publish_interval_seconds, attempts),
            publish_sharing_notices(settings.sharing_notice_interval_seconds, attempts),
            publish_recommendation_notices(
                settings.recommendation_notice_interval_seconds, attempts
            ),
            close_expired_postings(settings.expiry_interval_seconds),
        ),
    )
