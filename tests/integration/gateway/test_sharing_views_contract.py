"""The gateway's labour-sharing views (SharingViews): the PostgreSQL adapter over matching's and
monitoring's published views, and the in-memory fake given the same rows, list the same things
for every scope; and the scopes themselves hold."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
import pytest_asyncio

from services.contracts.envelope import new_event
from services.contracts.key_enterprises import SERVICE_OFFICER_ASSIGNED, ServiceOfficerAssignment
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.gateway.adapters.memory import InMemoryViews
from services.gateway.adapters.published_views import PublishedViews
from services.gateway.domain.access import Principal, PrincipalKind, SharingScope
from services.matching.adapters.postgres_store import PostgresMatchingStore
from services.matching.events import officer_record
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.events import registration_record, report_record
from services.platform.migrations import migrate
from services.platform.postgres import open_pool
from tests.support.data import credit_code, registration, weekly_report
from tests.support.matching import as_records, registration_event
from tests.support.postings import T0, fake_screen
from tests.support.sharing import shortage_event, surplus_event

pytestmark = pytest.mark.integration

RESTAURANT = credit_code(51, "310104")  # lends
CANTEEN = credit_code(52, "310115")  # a key enterprise with officer S0052
HOTEL = credit_code(53, "310101")  # reports surplus, declares none: a hint
OFFICER = ("310115", "S0052")
SCOPES = {
    "restaurant": SharingScope(credit_code=RESTAURANT),
    "canteen": SharingScope(credit_code=CANTEEN),
    "officer": SharingScope(officer=OFFICER),
    "other-officer": SharingScope(officer=("310115", "S0001")),
    "pudong": SharingScope(district_code="310115"),
    "huangpu": SharingScope(district_code="310101"),
    "city": SharingScope(),
}


@pytest_asyncio.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await open_pool(database, max_size=2)
    await migrate(pool, "monitoring", "services.monitoring")
    await migrate(pool, "matching", "services.matching")
    registrations = [
        registration_event(registration(RESTAURANT, district="310104", division="62")),
        registration_event(registration(CANTEEN, division="62", key_enterprise=True)),
        registration_event(registration(HOTEL, district="310101", division="61")),
    ]
    reports = [
        new_event(event_type=WEEKLY_REPORT_SUBMITTED, source="/tests", subject=code, time=T0,
                  data=WeeklyReport.model_validate(
                      {**weekly_report(code, week=week), "surplus_staff_available": surplus}))
        for code, week, surplus in ((HOTEL, "2020-W06", 0), (HOTEL, "2020-W07", 8),
                                    (RESTAURANT, "2020-W07", 12), (CANTEEN, "2020-W07", 0))
    ]  # fmt: skip
    await PostgresMonitoringStore(pool).record(
        [registration_record(e) for e in registrations] + [report_record(e) for e in reports]
    )
    assignment = ServiceOfficerAssignment(
        credit_code=CANTEEN,
        district_code=OFFICER[0],
        staff_id=OFFICER[1],
        assigned_by="official:310115",
    )
    assigned = new_event(event_type=SERVICE_OFFICER_ASSIGNED, source="/tests", subject=CANTEEN,
                         data=assignment, time=T0)  # fmt: skip
    await PostgresMatchingStore(pool, fake_screen).record(
        [*as_records(registrations), officer_record(assigned), *as_records([
            surplus_event(1, RESTAURANT, 1, district_code="310104"),
            shortage_event(2, CANTEEN, 2, district_code="310115"),
            shortage_event(3, HOTEL, 3, district_code="310101"),
        ])]
    )  # fmt: skip
    yield pool
    await pool.close()


async def _fake_of(pool: asyncpg.Pool) -> InMemoryViews:
    """The fake holding the rows the real views hold (hints: the latest report of each)."""
    fake = InMemoryViews()
    rows = await pool.fetch("SELECT * FROM matching.sharing_declarations_v")
    fake.sharing_declaration_rows = [dict(r.items()) for r in rows]
    rows = await pool.fetch("SELECT * FROM matching.sharing_proposals_v")
    fake.sharing_proposal_rows = [dict(r.items()) for r in rows]
    rows = await pool.fetch(
        "SELECT DISTINCT ON (credit_code) credit_code, r.district_code, week, "
        "surplus_staff_available FROM monitoring.weekly_reports_v "
        "JOIN monitoring.enterprise_registry_v r USING (credit_code) "
        "ORDER BY credit_code, week DESC"
    )
    fake.hint_rows = [dict(r.items()) for r in rows]
    officer = Principal(PrincipalKind.OFFICER, district_code=OFFICER[0], staff_id=OFFICER[1])
    fake.officers[CANTEEN] = officer.id
    return fake


def _ids(rows: list[dict[str, Any]], column: str) -> set[str]:
    return {row[column] for row in rows}


async def test_the_fake_lists_what_the_views_list_for_every_scope(pool: asyncpg.Pool) -> None:
    real, fake = PublishedViews(pool), await _fake_of(pool)
    for name, scope in SCOPES.items():
        for method, column in (
            ("sharing_declarations", "declaration_id"),
            ("sharing_proposals", "proposal_id"),
            ("surplus_hints", "credit_code"),
        ):
            expected = _ids(await getattr(real, method)(scope), column)
            assert _ids(await getattr(fake, method)(scope), column) == expected, (name, method)


async def test_each_scope_sees_its_own_side_of_labour_sharing(pool: asyncpg.Pool) -> None:
    views = PublishedViews(pool)

    async def borrowers(scope: str) -> list[str]:
        return [p["borrower_credit_code"] for p in await views.sharing_proposals(SCOPES[scope])]

    assert await borrowers("city") == [CANTEEN, HOTEL]  # the same division ranks first
    assert await borrowers("restaurant") == [CANTEEN, HOTEL]
    assert await borrowers("canteen") == [CANTEEN]
    assert await borrowers("officer") == [CANTEEN]
    assert await borrowers("other-officer") == []
    assert await borrowers("huangpu") == [HOTEL]
    hints = await views.surplus_hints(SharingScope())
    assert [(h["credit_code"], h["week"], h["surplus_staff_available"]) for h in hints] == [
        (HOTEL, "2020-W07", 8)  # the restaurant declared its surplus: no hint
    ]
    assert await views.surplus_hints(SCOPES["pudong"]) == []
    declared = await views.sharing_declaration(
        (await views.sharing_declarations(SCOPES["canteen"]))[0]["declaration_id"]
    )
    assert declared is not None
    assert declared["kind"] == "shortage"
