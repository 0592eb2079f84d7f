"""Whatever order, repeats and batches the stream brings, every stored figure is what
`compute_cells` recomputes from the registrations and reports recorded so far.

Streams are generated (a handful of enterprises in 2-3 real districts and 2 industry sections,
registrations re-sent later with a moved district or another designation, reports over 2-3 ISO
weeks with corrections, reports of enterprises registered later or never), then delivered
shuffled, with some events delivered again, in batches of random sizes. After every batch the
store's cells of every week must equal the recomputation: run against the in-memory fake and
PostgreSQL alike.

Registrations from the bureaus replace each other by `registered_at`, so they may arrive in any
order. An enterprise's own registration keeps the designation it has when it is recorded, which
only means "the designation the bureau gave it last" when it comes after that registration: the
enterprise's registrations share a partition (keyed by credit code), so Kafka delivers them in
the order they were sent. Streams with own registrations keep that order and shuffle the rest.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import asyncpg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.contracts.enterprises import DESIGNATED_TO_REPORT
from services.contracts.identifiers import SHANGHAI
from services.monitoring.adapters.memory_store import InMemoryMonitoringStore
from services.monitoring.adapters.postgres_store import PostgresMonitoringStore
from services.monitoring.domain.figures import (
    CellFigures,
    CellKey,
    EnterpriseProfile,
    ReportFigures,
    compute_cells,
)
from services.monitoring.domain.records import Record, RecordRegistration, RecordWeeklyReport
from services.monitoring.store import MonitoringStore
from tests.support.data import DISTRICTS, NAMES, credit_code

pytestmark = pytest.mark.integration

T0 = datetime(2020, 2, 10, 9, 0, tzinfo=SHANGHAI)
DIVISION_OF_SECTION = {"C": "13", "F": "52"}  # 农副食品加工 → C, 零售 → F
ROLE_CHOICES: tuple[tuple[str, ...], ...] = (
    ("return_to_work_monitoring",),
    ("key_enterprise",),
    ("key_enterprise", "return_to_work_monitoring"),
    ("unemployment_sample",),
    (),
)
DESIGNATING_ROLES = {role.value for role in DESIGNATED_TO_REPORT}

MEMORY = settings(max_examples=200, deadline=None, derandomize=True)
POSTGRES = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@dataclass(frozen=True)
class Scenario:
    weeks: tuple[str, ...]
    batches: tuple[tuple[Record, ...], ...]


def registration(
    code: str,
    n: int,
    *,
    at: datetime,
    district: str,
    section: str,
    roles: tuple[str, ...],
    by_bureau: bool,
) -> RecordRegistration:
    if not by_bureau:
        roles = ()  # an enterprise cannot give itself monitoring roles
    return RecordRegistration(
        event_id=f"reg-{code}-{n}",
        profile=EnterpriseProfile(
            code, district, section, at, designated=bool(DESIGNATING_ROLES & set(roles))
        ),
        name=NAMES[n % len(NAMES)],
        industry_division=DIVISION_OF_SECTION[section],
        size="medium",
        monitoring_roles=roles,
        key_enterprise_category="daily_necessities" if "key_enterprise" in roles else None,
        assigns_roles=by_bureau,
    )


@st.composite
def report_figures(draw: st.DrawFn, code: str, week: str, at: datetime) -> ReportFigures:
    employees = draw(st.integers(0, 300))
    on_duty = draw(st.integers(0, employees))
    remote = draw(st.integers(0, employees - on_duty))
    return ReportFigures(
        credit_code=code,
        week=week,
        reported_at=at,
        employees_before_holiday=employees,
        on_duty=on_duty,
        working_remotely=remote,
        not_yet_returned=employees - on_duty - remote,
        resumed=draw(st.booleans()),
        planned_staffing=draw(st.integers(0, 400)),
        recruitment_demand=draw(st.integers(0, 50)),
        hires=draw(st.integers(0, 20)),
        open_vacancies=draw(st.integers(0, 50)),
        surplus_staff_available=draw(st.integers(0, 20)),
        separations=draw(st.integers(0, 10)),
    )


@st.composite
def enterprise_events(
    draw: st.DrawFn,
    serial: int,
    districts: list[str],
    weeks: tuple[str, ...],
    own_registrations: bool,
) -> list[Record]:
    """An enterprise's registrations (none to three) and its reports, corrections included."""
    code = credit_code(serial, districts[0])
    # Each later than the one before: two registrations (or two reports of a week) sent at the
    # same instant have no order to honour, and the stores rightly keep whichever they see last.
    registered = draw(st.integers(0, 3))
    events: list[Record] = [
        registration(
            code,
            n,
            at=T0 + timedelta(hours=n),
            district=draw(st.sampled_from(districts)),
            section=draw(st.sampled_from(sorted(DIVISION_OF_SECTION))),
            roles=draw(st.sampled_from(ROLE_CHOICES)),
            by_bureau=not own_registrations or draw(st.booleans()),
        )
        for n in range(registered)
    ]
    for week in weeks:
        for n in range(draw(st.integers(0, 2))):
            figures = draw(report_figures(code, week, T0 + timedelta(minutes=n)))
            events.append(RecordWeeklyReport(f"rep-{code}-{week}-{n}", figures))
    return events


def in_registration_order(deliveries: list[Record]) -> list[Record]:
    """Each enterprise's registrations in the order sent, in the slots the shuffle gave them."""
    slots: dict[str, list[int]] = {}
    sent: dict[str, list[RecordRegistration]] = {}
    for i, record in enumerate(deliveries):
        if isinstance(record, RecordRegistration):
            slots.setdefault(record.profile.credit_code, []).append(i)
            sent.setdefault(record.profile.credit_code, []).append(record)
    ordered = list(deliveries)
    for code, indices in slots.items():
        in_order = sorted(sent[code], key=lambda r: r.profile.registered_at)
        for i, record in zip(indices, in_order, strict=True):
            ordered[i] = record
    return ordered


@st.composite
def scenarios(draw: st.DrawFn, *, own_registrations: bool) -> Scenario:
    districts = draw(st.lists(st.sampled_from(DISTRICTS), min_size=2, max_size=3, unique=True))
    first, count = draw(st.integers(6, 8)), draw(st.integers(2, 3))
    weeks = tuple(f"2020-W{w:02d}" for w in range(first, first + count))
    enterprises = draw(st.integers(4, 8))
    sent: list[Record] = []
    for serial in range(1, enterprises + 1):
        sent += draw(enterprise_events(serial, districts, weeks, own_registrations))
    if not sent:
        return Scenario(weeks, ())
    again = draw(st.lists(st.sampled_from(sent), max_size=len(sent) // 2 + 1))
    deliveries = draw(st.permutations(sent + again))
    if own_registrations:
        deliveries = in_registration_order(deliveries)
    # Cut anywhere: mostly into a few large batches (where an enterprise's records meet, and are
    # reduced to one per enterprise and week), sometimes into many small ones.
    most = draw(st.sampled_from((1, 3, len(deliveries))))
    cuts = draw(st.sets(st.integers(1, len(deliveries)), max_size=most))
    bounds = sorted({0, len(deliveries), *cuts})
    batches = [tuple(deliveries[start:end]) for start, end in itertools.pairwise(bounds)]
    return Scenario(weeks, tuple(batches))


def standing_profiles(registrations: Iterable[RecordRegistration]) -> dict[str, EnterpriseProfile]:
    """The latest registration places an enterprise; its designation is the one a bureau gave it
    last (an enterprise's own registration keeps it; none if only the enterprise registered)."""
    profiles: dict[str, EnterpriseProfile] = {}
    for record in sorted(registrations, key=lambda r: r.profile.registered_at):
        profile, current = record.profile, profiles.get(record.profile.credit_code)
        if not record.assigns_roles:
            profile = replace(profile, designated=current.designated if current else False)
        profiles[profile.credit_code] = profile
    return profiles


def recomputed(recorded: Iterable[Record]) -> dict[CellKey, CellFigures]:
    records = list(recorded)
    profiles = standing_profiles(r for r in records if isinstance(r, RecordRegistration))
    return compute_cells(
        profiles, [r.figures for r in records if isinstance(r, RecordWeeklyReport)]
    )


async def assert_figures_match_a_recomputation(store: MonitoringStore, scenario: Scenario) -> None:
    """After every batch, each week's stored cells are those recomputed from what was recorded."""
    recorded: dict[str, Record] = {}
    for number, batch in enumerate(scenario.batches, start=1):
        new = await store.record(batch)
        unseen = {r.event_id: r for r in batch if r.event_id not in recorded}
        assert new == len(unseen), f"batch {number}: the store miscounted its new events"
        recorded |= unseen
        wanted = recomputed(recorded.values())
        for week in scenario.weeks:
            stored = await store.cells(week)
            differing = {
                key: {"stored": stored.get(key), "recomputed": wanted.get(key)}
                for key in sorted(stored.keys() | {k for k in wanted if k.week == week})
                if stored.get(key) != wanted.get(key)
            }
            assert not differing, f"after batch {number} of {len(scenario.batches)}, {week}"


async def emptied(pool: asyncpg.Pool) -> PostgresMonitoringStore:
    """A clean store per example: one database per test, emptied between its examples."""
    await pool.execute(
        "TRUNCATE monitoring.processed_events, monitoring.enterprises, "
        "monitoring.weekly_reports, monitoring.return_to_work_cells"
    )
    return PostgresMonitoringStore(pool)


@MEMORY
@given(scenario=scenarios(own_registrations=False))
async def test_in_memory_figures_match_a_recomputation_whatever_the_order_repeats_and_batches(
    scenario: Scenario,
) -> None:
    await assert_figures_match_a_recomputation(InMemoryMonitoringStore(), scenario)


@POSTGRES
@given(scenario=scenarios(own_registrations=False))
async def test_postgres_figures_match_a_recomputation_whatever_the_order_repeats_and_batches(
    pool: asyncpg.Pool, scenario: Scenario
) -> None:
    await assert_figures_match_a_recomputation(await emptied(pool), scenario)


@MEMORY
@given(scenario=scenarios(own_registrations=True))
async def test_in_memory_own_registrations_keep_the_designation_a_bureau_gave(
    scenario: Scenario,
) -> None:
    await assert_figures_match_a_recomputation(InMemoryMonitoringStore(), scenario)


@POSTGRES
@given(scenario=scenarios(own_registrations=True))
async def test_postgres_own_registrations_keep_the_designation_a_bureau_gave(
    pool: asyncpg.Pool, scenario: Scenario
) -> None:
    await assert_figures_match_a_recomputation(await emptied(pool), scenario)
