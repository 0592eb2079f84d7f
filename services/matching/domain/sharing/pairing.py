"""Pair surplus staff with shortages into proposals, and follow each proposal's answers.

`share` is a pure function of everything recorded (declarations, closures, answers, the
enterprises' industry divisions), so replays, duplicates and any delivery order give the same
proposals; the store calls it for the occupation major groups a batch touched.

**Pairs.** A surplus and a shortage of two different enterprises pair when their occupations share
at least the major group (大类), both were open at the same time, and their periods overlap. A
declaration the guidance refuses (`guidance.py`) pairs with nothing. The proposal's period is the
overlap, inside the surplus period and so inside the labour contract.

**Order** (best first, `rank_key`): industry closeness (same division 大类 before same section
门类 before neither), then occupation-code closeness (levels shared), then distance between the
two districts (`recommend/geography.py`), then the longer overlap.

**Answers.** Each side accepts or declines; the lender's acceptance counts only with its workers'
consent. Both accepted (the later acceptance's time is the agreement's) → `agreed`; either declined
first → `declined`; an answer after a declaration closed does not count. Agreements take staff in
the order they were agreed: a proposal agreed when one side has none left retires instead.
Proposals not decided retire when a declaration closes or has no staff left; otherwise they stay
open for the staff left on both sides.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache

from services.contracts.identifiers import industry_section, section_of_division
from services.matching.domain.recommend import geography
from services.matching.domain.recommend.model import OccupationCode
from services.matching.domain.sharing import guidance
from services.matching.domain.sharing.model import (
    AnswerGiven,
    Closure,
    Declaration,
    DeclarationStatus,
    Kind,
    Proposal,
    ProposalStatus,
    Side,
    Standing,
)

_PROPOSALS = uuid.UUID("5b1e7c2a-9d4f-4e8a-b3c6-1f2a3b4c5d6e")
_LEVEL_WORDS = ("", "同属一个职业大类", "同属一个职业中类", "同属一个职业小类", "职业完全对口")
_LATE = "提案结束后的答复不计"


def proposal_id(surplus_id: str, shortage_id: str) -> str:
    return str(uuid.uuid5(_PROPOSALS, f"{surplus_id}/{shortage_id}"))


def rank_key(p: Proposal) -> tuple[int, int, float, int, str]:
    """Best first: industry, occupation, nearer, longer overlap (then the id, to be total)."""
    return (-p.industry_closeness, -p.occupation_levels, p.distance_km, -p.overlap_days,
            p.proposal_id)  # fmt: skip


@cache
def industry_closeness(a: str | None, b: str | None) -> int:
    """2 same division (大类), 1 same section (门类), 0 otherwise or not known."""
    if a is None or b is None:
        return 0
    if a == b:
        return 2
    return 1 if section_of_division(a) == section_of_division(b) else 0


@dataclass(frozen=True)
class Shared:
    proposals: list[Proposal]
    """Best first (`rank_key`)."""
    standings: dict[str, Standing]


def share(
    declarations: Iterable[Declaration],
    closures: Iterable[Closure],
    answers: Iterable[AnswerGiven],
    divisions: Mapping[str, str],
) -> Shared:
    """Every proposal and every declaration's standing (see the module docstring)."""
    declared: dict[str, Declaration] = {}
    for d in sorted(declarations, key=lambda d: (d.declared_at, d.event_id)):
        declared.setdefault(d.declaration_id, d)
    closed: dict[str, Closure] = {}
    for c in sorted(closures, key=lambda c: (c.at, c.event_id)):
        own = declared.get(c.declaration_id)
        if own is not None and own.credit_code == c.credit_code:
            closed.setdefault(c.declaration_id, c)
    refused = {i: guidance.refusals(d) for i, d in declared.items()}
    valid = [d for i, d in sorted(declared.items()) if not refused[i]]
    by_proposal: dict[str, list[AnswerGiven]] = defaultdict(list)
    for a in answers:
        by_proposal[a.proposal_id].append(a)

    occupations = {d.declaration_id: OccupationCode.parse(d.occupation_code) for d in valid}
    drafts: list[tuple[Proposal, datetime | None]] = []
    for s in (d for d in valid if d.kind is Kind.SURPLUS):
        for t in (d for d in valid if d.kind is Kind.SHORTAGE):
            levels = occupations[s.declaration_id].shared_levels(occupations[t.declaration_id])
            draft = _pair(s, t, levels, closed, divisions)
            if draft is not None:
                drafts.append(_answered(draft, by_proposal[draft.proposal_id], _ends(s, t, closed)))

    remaining = {i: d.count for i, d in declared.items()}
    decided: dict[str, Proposal] = {}
    for draft, _ in sorted(
        ((p, at) for p, at in drafts if at is not None), key=lambda x: (x[1], x[0].proposal_id)
    ):
        staff = min(remaining[draft.surplus_id], remaining[draft.shortage_id], draft.count)
        if staff == 0:
            note = "双方接受时员工已由其他调剂安排借出或借入"
            decided[draft.proposal_id] = replace(
                draft, status=ProposalStatus.RETIRED, notes=(*draft.notes, note)
            )
            continue
        remaining[draft.surplus_id] -= staff
        remaining[draft.shortage_id] -= staff
        decided[draft.proposal_id] = replace(draft, status=ProposalStatus.AGREED, count=staff)

    proposals: list[Proposal] = []
    for draft, _ in drafts:
        if draft.proposal_id in decided:
            proposals.append(decided[draft.proposal_id])
            continue
        left = min(remaining[draft.surplus_id], remaining[draft.shortage_id])
        if draft.status is ProposalStatus.DECLINED:
            proposals.append(draft)
        elif draft.surplus_id in closed or draft.shortage_id in closed or left == 0:
            proposals.append(replace(draft, status=ProposalStatus.RETIRED))
        elif left < draft.count:
            proposals.append(replace(draft, count=left))
        else:
            proposals.append(draft)
    standings = {
        i: _standing(d, refused[i], closed.get(i), remaining[i]) for i, d in declared.items()
    }
    return Shared(sorted(proposals, key=rank_key), standings)


def _ends(s: Declaration, t: Declaration, closed: Mapping[str, Closure]) -> datetime | None:
    ends = [closed[i].at for i in (s.declaration_id, t.declaration_id) if i in closed]
    return min(ends) if ends else None


def _pair(
    s: Declaration,
    t: Declaration,
    levels: int,
    closed: Mapping[str, Closure],
    divisions: Mapping[str, str],
) -> Proposal | None:
    if s.credit_code == t.credit_code or levels == 0:
        return None
    start, end = max(s.period_from, t.period_from), min(s.period_to, t.period_to)
    s_end, t_end = closed.get(s.declaration_id), closed.get(t.declaration_id)
    both_open = (t_end is None or s.declared_at < t_end.at) and (
        s_end is None or t.declared_at < s_end.at
    )
    if levels == 0 or end < start or not both_open:
        return None
    industry = industry_closeness(divisions.get(s.credit_code), divisions.get(t.credit_code))
    km = geography.distance_km(s.district_code, t.district_code)
    days = (end - start).days + 1
    count = min(s.count, t.count)
    contract_end = s.contract_end or s.period_to  # a surplus without one is refused anyway
    return Proposal(
        proposal_id=proposal_id(s.declaration_id, t.declaration_id),
        surplus_id=s.declaration_id,
        shortage_id=t.declaration_id,
        lender=s.credit_code,
        borrower=t.credit_code,
        occupation_code=s.occupation_code,
        count=count,
        period_from=start,
        period_to=end,
        contract_end=contract_end,
        lender_district=s.district_code,
        borrower_district=t.district_code,
        industry_closeness=industry,
        occupation_levels=levels,
        distance_km=round(km, 1),
        overlap_days=days,
        reasons=(
            _industry_words(industry, divisions.get(s.credit_code)),
            f"{_LEVEL_WORDS[levels]}（借出{s.occupation_code}，需求{t.occupation_code}）",
            _distance_words(s.district_code, t.district_code, km),
            f"可借用{start.isoformat()}至{end.isoformat()}，共{days}天，可调剂{count}人",
        ),
        checks=guidance.checks(s.credit_code, end, contract_end, Side.PENDING),
        status=ProposalStatus.OPEN,
        lender_answer=Side.PENDING,
        borrower_answer=Side.PENDING,
    )


def _answered(
    draft: Proposal, answers: list[AnswerGiven], ends: datetime | None
) -> tuple[Proposal, datetime | None]:
    """The proposal after its answers in the order given, and when it was agreed (if it was)."""
    if not answers:
        return draft, None
    sides = {draft.lender: Side.PENDING, draft.borrower: Side.PENDING}
    notes: list[str] = []
    agreed_at: datetime | None = None
    for a in sorted(answers, key=lambda a: (a.at, a.event_id)):
        if a.credit_code not in sides:
            continue  # not a party: the gateway refuses these, a replay may not
        if agreed_at is not None or Side.DECLINED in sides.values():
            break
        if ends is not None and a.at >= ends:
            notes.append(_LATE)
            break
        if not a.accept:
            sides[a.credit_code] = Side.DECLINED
            continue
        refusal = guidance.consent_note(a.workers_consented)
        if a.credit_code == draft.lender and refusal is not None:
            notes.append(refusal)
            continue
        sides[a.credit_code] = Side.ACCEPTED
        if all(side is Side.ACCEPTED for side in sides.values()):
            agreed_at = a.at
    lender, borrower = sides[draft.lender], sides[draft.borrower]
    status = ProposalStatus.DECLINED if Side.DECLINED in sides.values() else draft.status
    checks = guidance.checks(draft.lender, draft.period_to, draft.contract_end, lender)
    answered = replace(
        draft,
        status=status,
        lender_answer=lender,
        borrower_answer=borrower,
        checks=checks,
        notes=tuple(notes),
    )
    return answered, agreed_at


def _standing(
    d: Declaration, refusals: tuple[str, ...], closure: Closure | None, remaining: int
) -> Standing:
    if refusals:
        status = DeclarationStatus.REFUSED
    elif closure is not None:
        status = DeclarationStatus(closure.reason)
    else:
        status = DeclarationStatus.OPEN
    return Standing(d.declaration_id, status, remaining, refusals)


def _industry_words(closeness: int, division: str | None) -> str:
    if closeness == 2:
        return f"同属行业大类{division}"
    if closeness == 1 and division is not None:
        section = industry_section(section_of_division(division))
        return f"同属行业门类{section.code}（{section.name_zh}）"
    return "行业不同或尚未登记"


def _distance_words(a: str, b: str, km: float) -> str:
    if a == b:
        return f"同在{geography.district_name(a)}"
    return f"{geography.district_name(a)}至{geography.district_name(b)}约{km:.0f}公里"
