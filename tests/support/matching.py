"""Matching's events for tests: postings and registrations as the gateway publishes them, the
records the processor makes of them, and the demand lists recomputed from them (the reference
the processor's tables are checked against)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from services.contracts.demand import DemandList
from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import CloudEvent, new_event
from services.contracts.postings import (
    POSTING_CLOSED,
    POSTING_FILLED,
    POSTING_OPENED,
    POSTING_REVISED,
    PostingClosed,
    PostingFilled,
    PostingOpened,
    PostingRevised,
)
from services.matching.domain.demand import Cell, CellKey, EnterpriseFacts, demand_cells
from services.matching.domain.postings import PostingChange, Screen, advance
from services.matching.domain.records import Record
from services.matching.events import (
    ROUTES,
    closed_record,
    enterprise_record,
    filled_record,
    opened_record,
    revised_record,
)
from services.platform.stream.events import IncomingRecord, Routes
from tests.support.postings import T0, posting_body

_RECORDS: dict[str, Any] = {
    POSTING_OPENED: opened_record,
    POSTING_REVISED: revised_record,
    POSTING_FILLED: filled_record,
    POSTING_CLOSED: closed_record,
}


_ROUTING = Routes({spec.name: routes for spec, routes in ROUTES.items()})
_TOPIC_OF = {route.event_type: spec.name for spec, routes in ROUTES.items() for route in routes}


def as_records(events: Sequence[CloudEvent[Any]]) -> list[Record]:
    """The events as the stream worker hands them to the store (through matching's routes)."""
    return [
        _ROUTING.decode(IncomingRecord(_TOPIC_OF[e.type], 0, n, e.subject.encode(), e.to_json()))
        for n, e in enumerate(events)
    ]


def registration_event(body: Mapping[str, Any], at: datetime = T0) -> CloudEvent[Any]:
    data = EnterpriseRegistration.model_validate(body)
    return new_event(
        event_type=ENTERPRISE_REGISTERED, source="/tests", subject=data.credit_code, data=data,
        time=at,
    )  # fmt: skip


def posting_history(
    posting_id: str, credit_code: str, *, headcount: int, steps: Sequence[tuple[str, Any]]
) -> list[CloudEvent[Any]]:
    """A posting's events, versions 1.., each a minute after the one before: it opens with
    `headcount`, then each step is ("revise", {field: value}), ("fill", n) or ("close", reason)."""
    body = posting_body(headcount=headcount)
    events: list[CloudEvent[Any]] = [
        _event(POSTING_OPENED, PostingOpened(**body, posting_id=posting_id,
                                              credit_code=credit_code, version=1), 1)
    ]  # fmt: skip
    for version, (kind, value) in enumerate(steps, start=2):
        ids = {"posting_id": posting_id, "credit_code": credit_code, "version": version}
        if kind == "revise":
            body = {**body, **value}
            events.append(_event(POSTING_REVISED, PostingRevised(**body, **ids), version))
        elif kind == "fill":
            events.append(_event(POSTING_FILLED, PostingFilled(**ids, filled=value), version))
        else:
            events.append(_event(POSTING_CLOSED, PostingClosed(**ids, reason=value), version))
    return events


def _event(event_type: str, data: Any, minute: int) -> CloudEvent[Any]:
    return new_event(
        event_type=event_type, source="/tests", subject=data.posting_id, data=data,
        time=T0 + timedelta(minutes=minute),
    )  # fmt: skip


def expected_cells(
    registrations: Iterable[CloudEvent[Any]], postings: Iterable[CloudEvent[Any]], screen: Screen
) -> dict[CellKey, Cell]:
    """Both lists recomputed from the events: each posting's changes in version order."""
    latest: dict[str, Any] = {}
    for event in registrations:
        record = enterprise_record(event)
        if (
            record.credit_code not in latest
            or record.registered_at >= latest[record.credit_code].registered_at
        ):
            latest[record.credit_code] = record
    enterprises = {
        code: EnterpriseFacts(code, r.industry_section, r.key_category is not None)
        for code, r in latest.items()
    }
    changes: dict[str, dict[str, PostingChange]] = defaultdict(dict)
    for event in postings:
        change: PostingChange = _RECORDS[event.type](event)
        changes[change.posting_id][change.event_id] = change
    final = [advance(None, c.values(), screen).posting for c in changes.values()]
    return demand_cells([p for p in final if p is not None], enterprises)


async def stored_cells(pool: asyncpg.Pool) -> dict[CellKey, Cell]:
    rows = await pool.fetch(
        "SELECT demand_list, district_code, industry_section, occupation_group, open_postings, "
        "open_vacancies FROM matching.demand_lists_v"
    )
    return {CellKey(DemandList(r[0]), r[1], r[2], r[3]): Cell(r[4], r[5]) for r in rows}
