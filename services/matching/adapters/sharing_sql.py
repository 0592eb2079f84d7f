"""Labour sharing on PostgreSQL, inside the matching store's batch transaction.

New declarations, closures and answers are kept as recorded (each once, by event id); then, under
an advisory lock per occupation major group (pairs form only within one, so two workers never
pair past each other), every group the batch touched is recomputed by `domain/sharing`'s `share`
from everything recorded in it, and the proposals and declarations' standings saved.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import asyncpg
import orjson

from services.matching.domain.records import Record, RecordEnterprise
from services.matching.domain.sharing import (
    AnswerGiven,
    Check,
    Closure,
    Declaration,
    DeclarationStatus,
    Kind,
    Proposal,
    ProposalStatus,
    Shared,
    Side,
    Standing,
    rank_key,
    share,
)
from services.matching.domain.sharing.notices import notices
from services.platform.postgres import Connection

_GROUP_LOCKS = zlib.crc32(b"matching/sharing-groups") & 0x7FFFFFFF

_DECLARE = """
INSERT INTO matching.sharing_declarations (declaration_id, event_id, kind, credit_code,
    occupation_code, occupation_group, count, period_from, period_to, district_code, conditions,
    declared_at, contract_end, fee_per_worker_month, employer_retained, remaining)
SELECT *, c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::integer[], $8::date[], $9::date[], $10::text[], $11::text[], $12::timestamptz[],
    $13::date[], $14::integer[], $15::boolean[])
    AS u(i, e, k, cc, oc, og, c, pf, pt, d, cd, da, ce, f, r)
ON CONFLICT (declaration_id) DO UPDATE
SET event_id = excluded.event_id, kind = excluded.kind, credit_code = excluded.credit_code,
    occupation_code = excluded.occupation_code, occupation_group = excluded.occupation_group,
    count = excluded.count, period_from = excluded.period_from, period_to = excluded.period_to,
    district_code = excluded.district_code, conditions = excluded.conditions,
    declared_at = excluded.declared_at, contract_end = excluded.contract_end,
    fee_per_worker_month = excluded.fee_per_worker_month,
    employer_retained = excluded.employer_retained
WHERE (excluded.declared_at, excluded.event_id)
    < (matching.sharing_declarations.declared_at, matching.sharing_declarations.event_id)
"""

_CLOSE = """
INSERT INTO matching.sharing_closures (event_id, declaration_id, credit_code, reason, closed_at)
SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
ON CONFLICT (event_id) DO NOTHING
"""

_ANSWER = """
INSERT INTO matching.sharing_answers (event_id, proposal_id, credit_code, accept,
                                      workers_consented, reason, answered_at)
SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::boolean[], $5::boolean[],
                     $6::text[], $7::timestamptz[])
ON CONFLICT (event_id) DO NOTHING
"""

_DIVISIONS = """
INSERT INTO matching.enterprise_divisions (credit_code, industry_division, registered_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
ON CONFLICT (credit_code) DO UPDATE
SET industry_division = excluded.industry_division, registered_at = excluded.registered_at
WHERE excluded.registered_at >= matching.enterprise_divisions.registered_at
"""

_GROUPS = """
SELECT occupation_group::text FROM matching.sharing_declarations
WHERE declaration_id = ANY($1::uuid[]) OR credit_code = ANY($2::text[])
UNION
SELECT occupation_group::text FROM matching.sharing_proposals WHERE proposal_id = ANY($3::uuid[])
"""

_SAVE_PROPOSALS = """
INSERT INTO matching.sharing_proposals AS p (proposal_id, occupation_group, surplus_id,
    shortage_id, lender, borrower, occupation_code, count, period_from, period_to, contract_end,
    lender_district, borrower_district, industry_closeness, occupation_levels, distance_km,
    overlap_days, reasons, checks, notes, status, lender_answer, borrower_answer)
SELECT i, g, s, t, l, b, oc, c, pf, pt, ce, ld, bd, ic, ol, km, od, r::jsonb, ch::jsonb, n::jsonb,
       st, la, ba
FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
            $8::integer[], $9::date[], $10::date[], $11::date[], $12::text[], $13::text[],
            $14::smallint[], $15::smallint[], $16::float8[], $17::integer[], $18::text[],
            $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])
    AS u(i, g, s, t, l, b, oc, c, pf, pt, ce, ld, bd, ic, ol, km, od, r, ch, n, st, la, ba)
ON CONFLICT (proposal_id) DO UPDATE
SET count = excluded.count, period_from = excluded.period_from, period_to = excluded.period_to,
    contract_end = excluded.contract_end, industry_closeness = excluded.industry_closeness,
    distance_km = excluded.distance_km, overlap_days = excluded.overlap_days,
    reasons = excluded.reasons, checks = excluded.checks, notes = excluded.notes,
    status = excluded.status, lender_answer = excluded.lender_answer,
    borrower_answer = excluded.borrower_answer, changed_at = now()
WHERE (p.count, p.reasons, p.checks, p.notes, p.status, p.lender_answer, p.borrower_answer)
    IS DISTINCT FROM (excluded.count, excluded.reasons, excluded.checks, excluded.notes,
                      excluded.status, excluded.lender_answer, excluded.borrower_answer)
RETURNING proposal_id::text
"""

_NOTICES = """
INSERT INTO matching.sharing_notices (notice_id, credit_code, template, parameters)
SELECT i, c, t, p::jsonb
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(i, c, t, p)
ON CONFLICT (notice_id) DO NOTHING
"""

_SAVE_STANDINGS = """
UPDATE matching.sharing_declarations d
SET status = u.s, remaining = u.r, refusals = u.f::jsonb
FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[]) AS u(i, s, r, f)
WHERE d.declaration_id = u.i
"""


async def record(conn: Connection, batch: Sequence[Record]) -> None:
    """Keep the batch's sharing records and recompute the groups they (or registrations) touch."""
    declarations = [r for r in batch if isinstance(r, Declaration)]
    closures = [r for r in batch if isinstance(r, Closure)]
    answers = [r for r in batch if isinstance(r, AnswerGiven)]
    registered = [r for r in batch if isinstance(r, RecordEnterprise) and r.industry_division]
    if not (declarations or closures or answers or registered):
        return
    await _keep(conn, declarations, closures, answers, registered)
    groups = await conn.fetch(
        _GROUPS,
        [r.declaration_id for r in declarations] + [r.declaration_id for r in closures],
        [r.credit_code for r in registered],
        [r.proposal_id for r in answers],
    )
    for group in sorted(row[0] for row in groups):
        await conn.execute("SELECT pg_advisory_xact_lock($1, $2)", _GROUP_LOCKS, int(group))
        await _recompute(conn, group)


async def shared(conn: Connection | asyncpg.Pool) -> Shared:
    """Proposals and standings as saved (the same as `share` over everything recorded)."""
    rows = await conn.fetch("SELECT * FROM matching.sharing_proposals")
    proposals = sorted((_proposal(row) for row in rows), key=rank_key)
    standings = await conn.fetch(
        "SELECT declaration_id::text, status, remaining, refusals "
        "FROM matching.sharing_declarations"
    )
    return Shared(
        proposals,
        {r[0]: Standing(r[0], DeclarationStatus(r[1]), r[2], tuple(r[3])) for r in standings},
    )


async def _keep(
    conn: Connection,
    declarations: list[Declaration],
    closures: list[Closure],
    answers: list[AnswerGiven],
    registered: list[RecordEnterprise],
) -> None:
    if declarations:
        d = sorted(declarations, key=lambda r: (r.declaration_id, r.declared_at, r.event_id))
        unique = list({r.declaration_id: r for r in reversed(d)}.values())
        await conn.execute(
            _DECLARE,
            *_columns(unique, "declaration_id", "event_id", "kind", "credit_code",
                      "occupation_code"),
            [r.occupation_code[0] for r in unique],
            *_columns(unique, "count", "period_from", "period_to", "district_code", "conditions",
                      "declared_at", "contract_end", "fee_per_worker_month", "employer_retained"),
        )  # fmt: skip
    if closures:
        await conn.execute(
            _CLOSE, *_columns(closures, "event_id", "declaration_id", "credit_code", "reason", "at")
        )
    if answers:
        await conn.execute(
            _ANSWER,
            *_columns(answers, "event_id", "proposal_id", "credit_code", "accept",
                      "workers_consented", "reason", "at"),
        )  # fmt: skip
    if registered:
        await conn.execute(
            _DIVISIONS, *_columns(registered, "credit_code", "industry_division", "registered_at")
        )


async def _recompute(conn: Connection, group: str) -> None:
    rows = await conn.fetch(
        "SELECT * FROM matching.sharing_declarations WHERE occupation_group = $1", group
    )
    declarations = [_declaration(row) for row in rows]
    ids = [d.declaration_id for d in declarations]
    enterprises = sorted({d.credit_code for d in declarations})
    closures = await conn.fetch(
        "SELECT event_id, declaration_id::text, credit_code::text, reason, closed_at "
        "FROM matching.sharing_closures WHERE declaration_id = ANY($1::uuid[])",
        ids,
    )
    answers = await conn.fetch(
        "SELECT event_id, proposal_id::text, credit_code::text, accept, workers_consented, "
        "reason, answered_at FROM matching.sharing_answers WHERE credit_code = ANY($1::text[])",
        enterprises,
    )
    divisions = await conn.fetch(
        "SELECT credit_code::text, industry_division::text FROM matching.enterprise_divisions "
        "WHERE credit_code = ANY($1::text[])",
        enterprises,
    )
    result = share(
        declarations,
        [Closure(*row) for row in closures],
        [AnswerGiven(*row) for row in answers],
        {row[0]: row[1] for row in divisions},
    )
    await _save(conn, group, result)


async def _save(conn: Connection, group: str, result: Shared) -> None:
    ps = result.proposals
    await conn.execute(
        "DELETE FROM matching.sharing_proposals WHERE occupation_group = $1 "
        "AND NOT proposal_id = ANY($2::uuid[])",
        group,
        [p.proposal_id for p in ps],
    )
    if ps:
        changed = await conn.fetch(
            _SAVE_PROPOSALS,
            [p.proposal_id for p in ps],
            [group] * len(ps),
            *_columns(ps, "surplus_id", "shortage_id", "lender", "borrower", "occupation_code",
                      "count", "period_from", "period_to", "contract_end", "lender_district",
                      "borrower_district", "industry_closeness", "occupation_levels",
                      "distance_km", "overlap_days"),
            [_json(list(p.reasons)) for p in ps],
            [_json([{"rule": c.rule, "passed": c.passed, "text": c.text} for c in p.checks])
             for p in ps],
            [_json(list(p.notes)) for p in ps],
            [p.status.value for p in ps],
            [p.lender_answer.value for p in ps],
            [p.borrower_answer.value for p in ps],
        )  # fmt: skip
        await _notify(conn, [p for p in ps if p.proposal_id in {row[0] for row in changed}])
    standings = list(result.standings.values())
    await conn.execute(
        _SAVE_STANDINGS,
        [s.declaration_id for s in standings],
        [s.status.value for s in standings],
        [s.remaining for s in standings],
        [_json(list(s.refusals)) for s in standings],
    )


async def _notify(conn: Connection, changed: list[Proposal]) -> None:
    """Queue the notices the changed proposals call for (each once, whatever the replays)."""
    queued = [n for p in changed for n in notices(p)]
    if queued:
        await conn.execute(
            _NOTICES,
            [n.notice_id for n in queued],
            [n.credit_code for n in queued],
            [n.template.value for n in queued],
            [_json(n.parameters) for n in queued],
        )


def _columns(records: Sequence[object], *names: str) -> list[list[Any]]:
    return [[_plain(getattr(r, name)) for r in records] for name in names]


def _plain(value: object) -> object:
    return value.value if isinstance(value, Kind) else value


def _json(value: object) -> str:
    return orjson.dumps(value).decode()


def _declaration(row: asyncpg.Record) -> Declaration:
    return Declaration(
        event_id=row["event_id"],
        declaration_id=str(row["declaration_id"]),
        kind=Kind(row["kind"]),
        credit_code=row["credit_code"],
        occupation_code=row["occupation_code"],
        count=row["count"],
        period_from=row["period_from"],
        period_to=row["period_to"],
        district_code=row["district_code"],
        conditions=row["conditions"],
        declared_at=row["declared_at"],
        contract_end=row["contract_end"],
        fee_per_worker_month=row["fee_per_worker_month"],
        employer_retained=row["employer_retained"],
    )


def _proposal(row: asyncpg.Record) -> Proposal:
    return Proposal(
        proposal_id=str(row["proposal_id"]),
        surplus_id=str(row["surplus_id"]),
        shortage_id=str(row["shortage_id"]),
        lender=row["lender"],
        borrower=row["borrower"],
        occupation_code=row["occupation_code"],
        count=row["count"],
        period_from=row["period_from"],
        period_to=row["period_to"],
        contract_end=row["contract_end"],
        lender_district=row["lender_district"],
        borrower_district=row["borrower_district"],
        industry_closeness=row["industry_closeness"],
        occupation_levels=row["occupation_levels"],
        distance_km=row["distance_km"],
        overlap_days=row["overlap_days"],
        reasons=tuple(row["reasons"]),
        checks=tuple(Check(c["rule"], c["passed"], c["text"]) for c in row["checks"]),
        status=ProposalStatus(row["status"]),
        lender_answer=Side(row["lender_answer"]),
        borrower_answer=Side(row["borrower_answer"]),
        notes=tuple(row["notes"]),
    )
