"""A posting's rows in matching's schema: its current version, the changes that came before the
versions they follow (pending), the audit trail of decisions, and the conversions between those
rows and `domain/postings.py`'s values. Used by `postgres_store.py` inside a batch's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import asyncpg
import orjson

from services.contracts.postings import PostingDetails
from services.matching.domain.postings import (
    ChangeKind,
    Decision,
    Finding,
    Posting,
    PostingChange,
    PostingStatus,
    Review,
    Screen,
    advance,
    review,
)
from services.platform.postgres import Connection

_POSTINGS = """
SELECT posting_id::text, credit_code::text, version, status, filled, details, findings, changed_at
FROM matching.postings WHERE posting_id = ANY($1::uuid[]) FOR UPDATE
"""

_SAVE_POSTINGS = """
INSERT INTO matching.postings (posting_id, credit_code, version, status, title, occupation_code,
    occupation_group, headcount, filled, district_code, details, findings, changed_at)
SELECT p, c, v, s, t, oc, og, h, f, d, dt::jsonb, fs::jsonb, ca
FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::integer[], $9::integer[], $10::text[], $11::text[], $12::text[],
            $13::timestamptz[]) AS u(p, c, v, s, t, oc, og, h, f, d, dt, fs, ca)
ON CONFLICT (posting_id) DO UPDATE
SET version = excluded.version, status = excluded.status, title = excluded.title,
    occupation_code = excluded.occupation_code, occupation_group = excluded.occupation_group,
    headcount = excluded.headcount, filled = excluded.filled,
    district_code = excluded.district_code, details = excluded.details,
    findings = excluded.findings, changed_at = excluded.changed_at
"""

_PENDING = """
SELECT change FROM matching.pending_changes WHERE posting_id = ANY($1::uuid[])
ORDER BY posting_id, version, event_id
"""

_KEEP_PENDING = """
INSERT INTO matching.pending_changes (event_id, posting_id, version, change)
SELECT e, p, v, c::jsonb
FROM unnest($1::text[], $2::uuid[], $3::integer[], $4::text[]) AS u(e, p, v, c)
"""

_DECISIONS = """
INSERT INTO matching.posting_decisions (event_id, posting_id, version, outcome, decided_by,
                                        reason, findings, decided_at)
SELECT e, p, v, o, b, r, f::jsonb, a
FROM unnest($1::text[], $2::uuid[], $3::integer[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::timestamptz[]) AS u(e, p, v, o, b, r, f, a)
ON CONFLICT (event_id) DO NOTHING
"""


async def advance_postings(
    conn: Connection,
    posting_ids: list[str],
    changes: list[PostingChange],
    reviews: list[Review],
    screen: Screen,
) -> list[Decision]:
    """Apply the batch's changes and reviews to its postings (locked by the caller), with the
    changes that came early, through `domain/postings.py`; save the postings, what still waits,
    and the decisions; return the decisions."""
    if not posting_ids:
        return []
    current = {row[0]: _posting(row) for row in await conn.fetch(_POSTINGS, posting_ids)}
    incoming: dict[str, list[PostingChange]] = defaultdict(list)
    for row in await conn.fetch(_PENDING, posting_ids):
        change = _change_from_json(row[0])
        incoming[change.posting_id].append(change)
    for change in changes:
        incoming[change.posting_id].append(change)
    saved: list[Posting] = []
    pending: list[PostingChange] = []
    decisions: list[Decision] = []
    for posting_id in posting_ids:
        step = advance(current.get(posting_id), incoming[posting_id], screen)
        posting = step.posting
        decisions.extend(step.decisions)
        pending.extend(step.pending)
        for decided in (r for r in reviews if r.posting_id == posting_id):
            posting, decision = review(posting, decided)
            decisions.append(decision)
        if posting is not None and posting != current.get(posting_id):
            saved.append(posting)
    await conn.execute(
        "DELETE FROM matching.pending_changes WHERE posting_id = ANY($1::uuid[])", posting_ids
    )
    await _save_postings(conn, saved)
    if pending:
        await conn.execute(
            _KEEP_PENDING,
            [c.event_id for c in pending],
            [c.posting_id for c in pending],
            [c.version for c in pending],
            [_json(_change_to_json(c)) for c in pending],
        )
    if decisions:
        await conn.execute(
            _DECISIONS,
            [d.event_id for d in decisions],
            [d.posting_id for d in decisions],
            [d.version for d in decisions],
            [d.outcome for d in decisions],
            [d.decided_by for d in decisions],
            [d.reason for d in decisions],
            [_json([_finding_json(f) for f in d.findings]) for d in decisions],
            [d.at for d in decisions],
        )
    return decisions


async def read_posting(pool: asyncpg.Pool, posting_id: str) -> Posting | None:
    rows = await pool.fetch(_POSTINGS.replace(" FOR UPDATE", ""), [posting_id])
    return _posting(rows[0]) if rows else None


async def _save_postings(conn: Connection, postings: list[Posting]) -> None:
    if not postings:
        return
    await conn.execute(
        _SAVE_POSTINGS,
        [p.posting_id for p in postings],
        [p.credit_code for p in postings],
        [p.version for p in postings],
        [p.status.value for p in postings],
        [p.details.title for p in postings],
        [p.details.occupation_code for p in postings],
        [p.occupation_group for p in postings],
        [p.details.headcount for p in postings],
        [p.filled for p in postings],
        [p.details.district_code for p in postings],
        [p.details.model_dump_json() for p in postings],
        [_json([_finding_json(f) for f in p.findings]) for p in postings],
        [p.changed_at for p in postings],
    )


def _posting(row: asyncpg.Record) -> Posting:
    return Posting(
        posting_id=row["posting_id"],
        credit_code=row["credit_code"],
        version=row["version"],
        details=PostingDetails.model_validate(row["details"]),
        status=PostingStatus(row["status"]),
        filled=row["filled"],
        findings=tuple(Finding(**f) for f in row["findings"]),
        changed_at=row["changed_at"],
    )


def _json(value: object) -> str:
    # JSON text: asyncpg would read a list of lists as a two-dimensional array.
    return orjson.dumps(value).decode()


def _finding_json(finding: Finding) -> dict[str, str]:
    return {
        "rule": finding.rule,
        "field": finding.field,
        "matched": finding.matched,
        "reason": finding.reason,
    }


def _change_to_json(change: PostingChange) -> dict[str, object]:
    return {
        "event_id": change.event_id,
        "posting_id": change.posting_id,
        "credit_code": change.credit_code,
        "version": change.version,
        "kind": change.kind.value,
        "at": change.at.isoformat(),
        "details": None if change.details is None else change.details.model_dump(mode="json"),
        "filled": change.filled,
        "reason": change.reason,
    }


def _change_from_json(document: dict[str, object]) -> PostingChange:
    details = document["details"]
    filled = document["filled"]
    reason = document["reason"]
    return PostingChange(
        event_id=str(document["event_id"]),
        posting_id=str(document["posting_id"]),
        credit_code=str(document["credit_code"]),
        version=int(str(document["version"])),
        kind=ChangeKind(str(document["kind"])),
        at=datetime.fromisoformat(str(document["at"])),
        details=None if details is None else PostingDetails.model_validate(details),
        filled=None if filled is None else int(str(filled)),
        reason=None if reason is None else str(reason),
    )
