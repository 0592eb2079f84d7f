"""The job fairs' rules: the window judged by each event's own time, enrolment of an enterprise's
own published postings only, idempotent registration and interest, the officials' counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from services.contracts.fairs import FairDetails, FairSeekerRegistered
from services.matching.domain.fairs import (
    FairBook,
    FairRecord,
    apply,
    fair_counts,
    shown_postings,
)
from services.matching.domain.postings import Posting, PostingStatus
from tests.support.data import credit_code
from tests.support.fairs import (
    CLOSES,
    DURING,
    OPENS,
    fair_body,
    fair_id,
    interested,
    joined,
    registered,
    registration_id,
    scheduled,
)
from tests.support.matching import as_records
from tests.support.postings import details, posting_id

FAIR = fair_id(1)
FOOD, SHOP = credit_code(41, "310115"), credit_code(42, "310104")
SORTER, CASHIER = posting_id(41), posting_id(42)
ZHANG, LI = registration_id(1), registration_id(2)


def _fair_records(*events: object) -> list[FairRecord]:
    records = as_records(list(events))  # type: ignore[arg-type]
    return records  # type: ignore[return-value]


def _book(*events: object) -> tuple[FairBook, list[str]]:
    book = FairBook()
    effects = apply(book, _fair_records(*events))
    return book, [i.reason for i in effects.ignored]


def test_registration_counts_only_from_opening_until_closing_by_the_events_own_time() -> None:
    book, ignored = _book(
        scheduled(FAIR),
        registered(FAIR, registration_id(1), at=OPENS - timedelta(seconds=1)),
        registered(FAIR, registration_id(2), at=OPENS),
        registered(FAIR, registration_id(3), at=CLOSES - timedelta(seconds=1)),
        registered(FAIR, registration_id(4), at=CLOSES),
    )

    assert sorted(book.registrations) == sorted([registration_id(2), registration_id(3)])
    assert (
        ignored
        == ["the fair is not open then: registration and interest only while it is open"] * 2
    )


def test_a_replay_decides_the_same_whenever_it_is_processed() -> None:
    events = [
        scheduled(FAIR),
        joined(FAIR, FOOD, SORTER),
        registered(FAIR, ZHANG),
        interested(FAIR, ZHANG, SORTER),
        interested(FAIR, ZHANG, SORTER, at=CLOSES + timedelta(minutes=1)),
    ]
    first, again = FairBook(), FairBook()
    one = apply(first, _fair_records(*events))
    two = apply(again, _fair_records(*events))

    assert first == again
    assert [i.reason for i in one.ignored] == [i.reason for i in two.ignored]
    assert list(first.interests) == [(ZHANG, SORTER)]


def test_registering_or_marking_interest_twice_changes_nothing() -> None:
    book, ignored = _book(
        scheduled(FAIR),
        joined(FAIR, FOOD, SORTER),
        registered(FAIR, ZHANG),
        registered(FAIR, ZHANG, name="张伟伟"),
        interested(FAIR, ZHANG, SORTER),
        interested(FAIR, ZHANG, SORTER),
    )

    assert book.registrations[ZHANG].name == "张伟"
    assert len(book.interests) == 1
    assert ignored == ["registered already", "interest marked already"]


def test_interest_needs_a_registration_and_a_posting_of_the_fair() -> None:
    book, ignored = _book(
        scheduled(FAIR),
        joined(FAIR, FOOD, SORTER),
        registered(FAIR, ZHANG),
        interested(FAIR, LI, SORTER),
        interested(FAIR, ZHANG, CASHIER),
    )

    assert not book.interests
    assert ignored == [
        "the registrant is not registered for this fair",
        "the posting is not at this fair",
    ]


def test_nothing_applies_to_a_fair_never_scheduled_and_the_first_scheduling_stands() -> None:
    book, ignored = _book(
        registered(FAIR, ZHANG),
        scheduled(FAIR),
        scheduled(FAIR, title="另一场招聘会"),
    )

    assert book.fair is not None
    assert book.fair.title == "2020年浦东新区重点企业线上招聘会"
    assert ignored == ["no such fair has been scheduled", "the fair is scheduled already"]


def test_enterprises_join_until_the_fair_closes() -> None:
    book, ignored = _book(
        scheduled(FAIR),
        joined(FAIR, FOOD, SORTER, at=DURING),
        joined(FAIR, SHOP, CASHIER, at=CLOSES),
    )

    assert list(book.enterprises) == [FOOD]
    assert list(book.enrolments) == [SORTER]
    assert ignored == ["the fair has closed"]


@pytest.mark.parametrize(
    ("status", "owner", "shown"),
    [
        (PostingStatus.PUBLISHED, FOOD, True),
        (PostingStatus.HELD, FOOD, False),
        (PostingStatus.REFUSED, FOOD, False),
        (PostingStatus.FILLED, FOOD, False),
        (PostingStatus.CLOSED, FOOD, False),
        (PostingStatus.PUBLISHED, SHOP, False),  # enrolled by FOOD, but SHOP's posting
    ],
)
def test_a_fair_shows_only_the_enrolling_enterprises_own_published_postings(
    status: PostingStatus, owner: str, shown: bool
) -> None:
    book, _ = _book(scheduled(FAIR), joined(FAIR, FOOD, SORTER))
    posting = Posting(SORTER, owner, 1, details(), status)

    assert bool(shown_postings(book.enrolments.values(), {SORTER: posting})) is shown
    assert not shown_postings(book.enrolments.values(), {})  # a posting matching never saw


def test_officials_count_registrations_and_interests_by_posting_enterprise_and_origin() -> None:
    book, _ = _book(
        scheduled(FAIR),
        joined(FAIR, FOOD, SORTER),
        joined(FAIR, SHOP, CASHIER),
        registered(FAIR, ZHANG),  # 四川
        registered(FAIR, LI, mobile="13812345678", origin_region="653100"),  # 喀什
        registered(FAIR, registration_id(3), mobile="13712345678", origin_region="653100"),
        interested(FAIR, ZHANG, SORTER),
        interested(FAIR, LI, SORTER),
        interested(FAIR, LI, CASHIER),
    )

    counts = fair_counts(
        list(book.registrations.values()), list(book.interests.values()), book.enrolments
    )

    assert counts == {
        ("origin_region", "510000"): (1, 1),
        ("origin_region", "653100"): (2, 2),
        ("posting", SORTER): (0, 2),
        ("posting", CASHIER): (0, 1),
        ("enterprise", FOOD): (0, 2),
        ("enterprise", SHOP): (0, 1),
    }


def test_a_fair_window_and_its_partner_regions_are_checked_at_the_edge() -> None:
    with pytest.raises(ValidationError, match="ends_at must be after starts_at"):
        FairDetails.model_validate(fair_body(ends_at=OPENS.isoformat()))
    with pytest.raises(ValidationError, match="31 days at most"):
        FairDetails.model_validate(fair_body(ends_at=(OPENS + timedelta(days=32)).isoformat()))
    with pytest.raises(ValidationError, match="not one of Shanghai's labour cooperation"):
        FairDetails.model_validate(fair_body(partner_regions=["440000"]))  # 广东: a province
    with pytest.raises(ValidationError, match="reference list of labour regions"):
        FairDetails.model_validate(fair_body(partner_regions=["999999"]))


def test_a_registration_takes_an_e164_mobile_and_a_known_origin_region() -> None:
    event = registered(FAIR, ZHANG)
    assert event.data.mobile == "+8613912345678"
    with pytest.raises(ValidationError, match="mobile"):
        FairSeekerRegistered.model_validate({**event.data.model_dump(), "mobile": "021 6888 0000"})
    with pytest.raises(ValidationError, match="origin_region"):
        FairSeekerRegistered.model_validate({**event.data.model_dump(), "origin_region": "51"})
