"""A job posting's life: opened, screened, held for review, published, filled, closed.

Every change an enterprise makes carries the posting's next version. `advance` applies the
changes that continue a posting's chain of versions, in order; a change from further ahead waits
(pending) for the ones before it, and a change at or below the current version has been applied
already (a redelivery) and is dropped. Replays and reordering therefore leave the same posting.

Screening (四(四)) decides at opening and at every revision: pass publishes, hold waits for an
official's review, reject refuses the posting with the rule and the matched text. Every decision,
the screening's and the official's, is a `Decision` kept in matching's audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from services.contracts.identifiers import group_of_occupation
from services.contracts.postings import PostingDetails, ReviewDecision

SCREENING = "screening"
"""Who decided, when no person did."""


class PostingStatus(StrEnum):
    HELD = "held"  # screening found weak evidence: an official reviews it
    PUBLISHED = "published"  # open, in the demand lists
    REFUSED = "refused"  # screening or an official refused it; a revision may fix it
    FILLED = "filled"  # every place taken; a revision or a lower fill reopens it
    CLOSED = "closed"  # for good


class ChangeKind(StrEnum):
    OPENED = "opened"
    REVISED = "revised"
    FILLED = "filled"
    CLOSED = "closed"


class ScreeningFinding(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def matched(self) -> str: ...
    @property
    def reason(self) -> str: ...


class ScreeningResult(Protocol):
    @property
    def verdict(self) -> str: ...
    @property
    def findings(self) -> Sequence[ScreeningFinding]: ...


Screen = Callable[[Mapping[str, str]], ScreeningResult]
"""Screening of a posting's text fields by name (`services.matching.domain.screening`)."""


@dataclass(frozen=True)
class Finding:
    """What screening found, as the enterprise and the reviewing official see it."""

    rule: str
    field: str
    matched: str
    reason: str


@dataclass(frozen=True)
class PostingChange:
    """One change an enterprise made (a posting event), as the processor records it."""

    event_id: str
    posting_id: str
    credit_code: str
    version: int
    kind: ChangeKind
    at: datetime
    details: PostingDetails | None = None
    filled: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Review:
    """An official's decision on a held posting as it stood at `version`."""

    event_id: str
    posting_id: str
    version: int
    decision: ReviewDecision
    reason: str
    reviewed_by: str
    at: datetime


@dataclass(frozen=True)
class Posting:
    posting_id: str
    credit_code: str
    version: int
    details: PostingDetails
    status: PostingStatus
    filled: int = 0
    findings: tuple[Finding, ...] = ()
    changed_at: datetime | None = None

    @property
    def occupation_group(self) -> str:
        return group_of_occupation(self.details.occupation_code)

    @property
    def open_vacancies(self) -> int:
        """Places still to fill, counted only while the posting is published."""
        if self.status is not PostingStatus.PUBLISHED:
            return 0
        return max(self.details.headcount - self.filled, 0)


@dataclass(frozen=True)
class Decision:
    """An entry of the audit trail: what became of a posting at a version, who decided, why."""

    event_id: str
    posting_id: str
    version: int
    outcome: str
    """A PostingStatus, or `ignored` for a change or review that could not apply."""
    decided_by: str
    reason: str
    at: datetime
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Advance:
    posting: Posting | None
    decisions: tuple[Decision, ...]
    pending: tuple[PostingChange, ...]
    """Changes from further ahead, waiting for the versions before them."""


def advance(posting: Posting | None, changes: Iterable[PostingChange], screen: Screen) -> Advance:
    """Apply every change that continues the posting's chain of versions, in version order."""
    decisions: list[Decision] = []
    waiting = sorted(changes, key=lambda c: c.version)  # stable: arrival order within a version
    while True:
        current = 0 if posting is None else posting.version
        waiting = [c for c in waiting if c.version > current]  # the rest were applied already
        applied = False
        for change in [c for c in waiting if c.version == current + 1]:
            waiting.remove(change)
            after, decision = _apply(posting, change, screen)
            decisions.append(decision)
            if after is not None and after.version == change.version:
                posting, applied = after, True
                break
        if not applied:
            return Advance(posting, tuple(decisions), tuple(waiting))


def _apply(
    posting: Posting | None, change: PostingChange, screen: Screen
) -> tuple[Posting | None, Decision]:
    def ignored(why: str) -> tuple[Posting | None, Decision]:
        decision = Decision(
            change.event_id, change.posting_id, change.version, "ignored", SCREENING, why, change.at
        )
        return posting, decision

    if posting is None:
        if change.kind is not ChangeKind.OPENED or change.details is None:
            return ignored(f"a posting opens before it is {change.kind.value}")
        return _screened(
            Posting(change.posting_id, change.credit_code, 1, change.details, PostingStatus.HELD),
            change,
            screen,
        )
    if change.credit_code != posting.credit_code:
        # Not part of the chain: another enterprise's change must not use up the owner's version.
        return ignored("the posting belongs to another enterprise")
    moved = replace(posting, version=change.version, changed_at=change.at)
    if posting.status is PostingStatus.CLOSED:
        return moved, _decided(moved, change, "the posting is closed; the change has no effect")
    if change.kind is ChangeKind.REVISED and change.details is not None:
        return _screened(replace(moved, details=change.details), change, screen)
    if change.kind is ChangeKind.FILLED and change.filled is not None:
        filled = replace(moved, filled=change.filled)
        return _with_fill_status(filled), _decided(filled, change, f"{change.filled} filled")
    if change.kind is ChangeKind.CLOSED:
        closed = replace(moved, status=PostingStatus.CLOSED)
        return closed, _decided(closed, change, f"closed: {change.reason or 'withdrawn'}")
    return ignored(f"a posting cannot be {change.kind.value} again")


def _screened(posting: Posting, change: PostingChange, screen: Screen) -> tuple[Posting, Decision]:
    result = screen(posting.details.texts())
    findings = tuple(Finding(f.rule, f.field, f.matched, f.reason) for f in result.findings)
    verdict = str(result.verdict)
    if verdict == "reject":
        status, why = PostingStatus.REFUSED, "screening found discrimination by origin"
    elif verdict == "hold":
        status, why = PostingStatus.HELD, "screening found weak evidence: held for review"
    else:
        status, why = PostingStatus.PUBLISHED, "screening found nothing"
    screened = _with_fill_status(
        replace(posting, status=status, findings=findings, changed_at=change.at)
    )
    decision = Decision(
        change.event_id,
        posting.posting_id,
        posting.version,
        screened.status.value,
        SCREENING,
        why,
        change.at,
        findings,
    )
    return screened, decision


def _with_fill_status(posting: Posting) -> Posting:
    """Published and filled move into each other as the fill crosses the headcount."""
    full = posting.filled >= posting.details.headcount
    if posting.status is PostingStatus.PUBLISHED and full:
        return replace(posting, status=PostingStatus.FILLED)
    if posting.status is PostingStatus.FILLED and not full:
        return replace(posting, status=PostingStatus.PUBLISHED)
    return posting


def _decided(posting: Posting, change: PostingChange, why: str) -> Decision:
    return Decision(
        change.event_id,
        posting.posting_id,
        posting.version,
        posting.status.value,
        SCREENING,
        why,
        change.at,
    )


def review(posting: Posting | None, decided: Review) -> tuple[Posting | None, Decision]:
    """An official's decision takes effect on the held version they looked at, only."""
    if (
        posting is None
        or posting.version != decided.version
        or posting.status is not PostingStatus.HELD
    ):
        return posting, Decision(
            decided.event_id,
            decided.posting_id,
            decided.version,
            "ignored",
            decided.reviewed_by,
            "the posting is no longer held at that version: " + decided.reason,
            decided.at,
        )
    status = (
        PostingStatus.PUBLISHED
        if decided.decision is ReviewDecision.APPROVE
        else PostingStatus.REFUSED
    )
    reviewed = _with_fill_status(replace(posting, status=status, changed_at=decided.at))
    return reviewed, Decision(
        decided.event_id,
        posting.posting_id,
        posting.version,
        reviewed.status.value,
        decided.reviewed_by,
        decided.reason,
        decided.at,
        posting.findings,
    )
