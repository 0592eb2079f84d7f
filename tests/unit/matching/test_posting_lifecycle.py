"""A posting's state machine and its versions: applied once, in order, whatever the delivery."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from services.contracts.postings import ReviewDecision
from services.matching.domain.postings import (
    SCREENING,
    ChangeKind,
    Posting,
    PostingChange,
    PostingStatus,
    Review,
    advance,
    review,
)
from tests.support.data import credit_code
from tests.support.postings import (
    HELD_TEXT,
    REJECTED_TEXT,
    T0,
    change,
    details,
    fake_screen,
    posting_id,
)

FOOD = credit_code(1, "310115")
SHOP = credit_code(3, "310104")
P = posting_id(1)
LAWFUL = "核实为防疫隔离要求，合法"


def opened(**overrides: Any) -> PostingChange:
    return change(ChangeKind.OPENED, 1, posting=P, credit_code=FOOD, details=details(**overrides))


def history() -> list[PostingChange]:
    return [
        change(ChangeKind.OPENED, 1, posting=P, credit_code=FOOD, details=details(headcount=10)),
        change(ChangeKind.REVISED, 2, posting=P, credit_code=FOOD, details=details(headcount=12)),
        change(ChangeKind.FILLED, 3, posting=P, credit_code=FOOD, filled=5),
        change(ChangeKind.FILLED, 4, posting=P, credit_code=FOOD, filled=9),
    ]


def test_a_lawful_posting_is_published_with_its_open_vacancies() -> None:
    step = advance(None, [opened(headcount=10)], fake_screen)

    assert step.posting is not None
    assert step.posting.status is PostingStatus.PUBLISHED
    assert step.posting.open_vacancies == 10
    assert [(d.outcome, d.decided_by) for d in step.decisions] == [("published", SCREENING)]


def test_a_rejected_posting_is_refused_with_the_rule_and_matched_text() -> None:
    step = advance(None, [opened(description=f"招聘分拣员，{REJECTED_TEXT}")], fake_screen)

    assert step.posting is not None
    assert step.posting.status is PostingStatus.REFUSED
    assert step.posting.open_vacancies == 0
    (finding,) = step.posting.findings
    assert (finding.rule, finding.matched) == ("region.origin", REJECTED_TEXT)
    assert step.decisions[0].findings == step.posting.findings


def test_a_held_posting_waits_for_review_and_an_approval_publishes_it() -> None:
    held = advance(None, [opened(description=HELD_TEXT)], fake_screen).posting
    assert held is not None
    assert held.status is PostingStatus.HELD

    approved, decision = review(
        held,
        Review(
            "r1", P, 1, ReviewDecision.APPROVE, "核实为防疫隔离要求，合法", "official:310115", T0
        ),
    )

    assert approved is not None
    assert approved.status is PostingStatus.PUBLISHED
    assert (decision.outcome, decision.decided_by) == ("published", "official:310115")
    assert decision.reason == LAWFUL


def test_a_review_of_a_version_since_revised_has_no_effect() -> None:
    held = advance(None, [opened(description=HELD_TEXT)], fake_screen).posting
    revised = advance(
        held,
        [
            change(
                ChangeKind.REVISED,
                2,
                posting=P,
                credit_code=FOOD,
                details=details(description=HELD_TEXT),
            )
        ],
        fake_screen,
    ).posting

    after, decision = review(
        revised, Review("r1", P, 1, ReviewDecision.REJECT, "拒绝", "official:310115", T0)
    )

    assert after == revised
    assert decision.outcome == "ignored"


def test_fills_reach_the_headcount_and_the_posting_is_filled_then_reopened_by_a_revision() -> None:
    step = advance(
        None,
        [
            opened(headcount=3),
            change(ChangeKind.FILLED, 2, posting=P, credit_code=FOOD, filled=3),
        ],
        fake_screen,
    )
    assert step.posting is not None
    assert step.posting.status is PostingStatus.FILLED
    assert step.posting.open_vacancies == 0

    more = change(ChangeKind.REVISED, 3, posting=P, credit_code=FOOD, details=details(headcount=5))
    reopened = advance(step.posting, [more], fake_screen).posting

    assert reopened is not None
    assert reopened.status is PostingStatus.PUBLISHED
    assert reopened.open_vacancies == 2


def test_a_closed_posting_stays_closed_and_leaves_the_lists() -> None:
    step = advance(
        None,
        [
            opened(),
            change(ChangeKind.CLOSED, 2, posting=P, credit_code=FOOD, reason="withdrawn"),
            change(ChangeKind.REVISED, 3, posting=P, credit_code=FOOD, details=details()),
        ],
        fake_screen,
    )

    assert step.posting is not None
    assert (step.posting.status, step.posting.version) == (PostingStatus.CLOSED, 3)
    assert step.posting.open_vacancies == 0


def test_a_change_from_ahead_waits_for_the_versions_before_it() -> None:
    first, second, third, fourth = history()

    early = advance(None, [third, fourth], fake_screen)
    assert early.posting is None
    assert {c.version for c in early.pending} == {3, 4}

    caught_up = advance(None, [*early.pending, first, second], fake_screen)
    assert caught_up.pending == ()
    assert caught_up.posting is not None
    assert (caught_up.posting.version, caught_up.posting.filled) == (4, 9)
    assert caught_up.posting.open_vacancies == 3


def test_redelivered_changes_are_applied_once() -> None:
    once = advance(None, history(), fake_screen).posting
    again = advance(once, history(), fake_screen)

    assert again.posting == once
    assert again.decisions == ()


@pytest.mark.parametrize("seed", range(5))
def test_any_delivery_order_in_any_batches_gives_the_same_posting(seed: int) -> None:
    expected = advance(None, history(), fake_screen).posting
    shuffled = history() * 2
    random.Random(seed).shuffle(shuffled)
    posting: Posting | None = None
    pending: tuple[PostingChange, ...] = ()
    for _, batch in itertools.groupby(enumerate(shuffled), key=lambda p: p[0] // 3):
        step = advance(posting, [*pending, *(c for _, c in batch)], fake_screen)
        posting, pending = step.posting, step.pending

    assert posting == expected
    assert pending == ()


def test_another_enterprise_cannot_change_a_posting_nor_use_up_its_version() -> None:
    mine = advance(None, [opened()], fake_screen).posting
    forged = change(ChangeKind.CLOSED, 2, posting=P, credit_code=SHOP, reason="withdrawn")
    real = change(ChangeKind.FILLED, 2, posting=P, credit_code=FOOD, filled=4, event_id="real")

    step = advance(mine, [forged, real], fake_screen)

    assert step.posting is not None
    assert (step.posting.status, step.posting.filled) == (PostingStatus.PUBLISHED, 4)
    assert [d.outcome for d in step.decisions] == ["ignored", "published"]
