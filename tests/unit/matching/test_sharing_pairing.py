"""Labour sharing's pairs and their order: industry, occupation, distance, overlap; answers."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from services.matching.domain.sharing import (
    Declaration,
    DeclarationStatus,
    Kind,
    ProposalStatus,
    Side,
    proposal_id,
    share,
)
from tests.support.data import credit_code
from tests.support.sharing import T0, answered, closed, declaration_id, declared

RESTAURANT = credit_code(11, "310104")  # 徐汇区 餐饮业 (division 62, section H): lends
HOTEL = credit_code(12, "310101")  # 黄浦区 住宿业 (61, H)
CANTEEN = credit_code(13, "310115")  # 浦东新区 餐饮业 (62, H): lacks staff
FACTORY = credit_code(14, "310115")  # 浦东新区 农副食品加工 (13, C)
SHOP = credit_code(15, "310112")  # 闵行区 零售 (52, F)
DIVISIONS = {RESTAURANT: "62", HOTEL: "61", CANTEEN: "62", FACTORY: "13", SHOP: "52"}

S, T = Kind.SURPLUS, Kind.SHORTAGE


def _one_surplus_many_shortages() -> list[Declaration]:
    return [
        declared(1, S, RESTAURANT, district="310104", occupation="4-03-02-05"),
        declared(2, T, CANTEEN, district="310115", occupation="4-03-02-05"),  # division, exact
        declared(3, T, FACTORY, district="310104", occupation="4-03-02-05"),  # other section
        declared(4, T, HOTEL, district="310101", occupation="4-03-02-05"),  # section only
        declared(5, T, SHOP, district="310104", occupation="4-03-01-01"),  # nearer, not closer
    ]


def test_same_division_ranks_before_same_section_before_other_industries() -> None:
    shared = share(_one_surplus_many_shortages(), [], [], DIVISIONS)

    borrowers = [p.borrower for p in shared.proposals]
    assert borrowers == [CANTEEN, HOTEL, FACTORY, SHOP]
    assert [p.industry_closeness for p in shared.proposals] == [2, 1, 0, 0]
    assert shared.proposals[0].reasons[0] == "同属行业大类62"
    assert shared.proposals[1].reasons[0] == "同属行业门类H（住宿和餐饮业）"


def test_within_one_industry_occupation_then_distance_then_overlap_decide() -> None:
    near_other_job = declared(2, T, SHOP, district="310104", occupation="4-03-01-01")
    far_same_job = declared(3, T, CANTEEN, district="310151", occupation="4-03-02-05")
    near_same_job = declared(4, T, HOTEL, district="310104", occupation="4-03-02-05")
    near_same_job_short = declared(
        5, T, FACTORY, district="310104", occupation="4-03-02-05",
        period=(date(2020, 4, 20), date(2020, 4, 30)),
    )  # fmt: skip
    lender = declared(1, S, RESTAURANT, district="310104")
    unknown: dict[str, str] = {}  # no registrations seen: industry is not known for anyone
    shared = share([lender, near_other_job, far_same_job, near_same_job, near_same_job_short],
                   [], [], unknown)  # fmt: skip

    assert [p.borrower for p in shared.proposals] == [HOTEL, FACTORY, CANTEEN, SHOP]
    assert shared.proposals[0].reasons[2] == "同在徐汇区"
    assert shared.proposals[2].reasons[2].startswith("徐汇区至崇明区约")
    assert shared.proposals[3].reasons[1] == "同属一个职业中类（借出4-03-02-05，需求4-03-01-01）"


def test_no_pair_across_major_groups_own_enterprise_or_without_overlap() -> None:
    lender = declared(1, S, RESTAURANT)
    others = [
        declared(2, T, CANTEEN, occupation="6-01-01-01"),  # another major group
        declared(3, T, RESTAURANT),  # itself
        declared(4, T, HOTEL, period=(date(2020, 5, 1), date(2020, 5, 31))),  # no overlap
    ]
    assert share([lender, *others], [], [], DIVISIONS).proposals == []


def test_the_proposal_lends_for_the_overlap_and_the_smaller_count() -> None:
    lender = declared(1, S, RESTAURANT, count=20, period=(date(2020, 2, 20), date(2020, 4, 30)))
    borrower = declared(2, T, CANTEEN, count=15, period=(date(2020, 3, 1), date(2020, 5, 31)))
    (p,) = share([lender, borrower], [], [], DIVISIONS).proposals

    assert (p.period_from, p.period_to, p.overlap_days) == (date(2020, 3, 1), date(2020, 4, 30), 61)
    assert p.count == 15
    assert p.employer == RESTAURANT
    assert p.proposal_id == proposal_id(declaration_id(1), declaration_id(2))


def _pair() -> tuple[list[Declaration], str]:
    pair = [declared(1, S, RESTAURANT, count=10), declared(2, T, CANTEEN, count=10)]
    return pair, proposal_id(declaration_id(1), declaration_id(2))


def test_both_accepting_with_the_workers_consent_makes_an_arrangement() -> None:
    pair, pid = _pair()
    answers = [answered(pid, CANTEEN, minutes=5), answered(pid, RESTAURANT, consented=True)]
    shared = share(pair, [], answers, DIVISIONS)

    (p,) = shared.proposals
    assert p.status is ProposalStatus.AGREED
    assert (p.lender_answer, p.borrower_answer) == (Side.ACCEPTED, Side.ACCEPTED)
    assert all(check.passed for check in p.checks)
    assert shared.standings[declaration_id(1)].remaining == 0


def test_a_lenders_acceptance_without_consent_does_not_count() -> None:
    pair, pid = _pair()
    answers = [answered(pid, CANTEEN, minutes=5), answered(pid, RESTAURANT, consented=False)]
    (p,) = share(pair, [], answers, DIVISIONS).proposals

    assert p.status is ProposalStatus.OPEN
    assert p.lender_answer is Side.PENDING
    assert "workers_consented" in p.notes[0]
    consent = next(c for c in p.checks if c.rule == "consent")
    assert not consent.passed


def test_a_decline_ends_the_proposal_and_a_later_acceptance_changes_nothing() -> None:
    pair, pid = _pair()
    answers = [
        answered(pid, CANTEEN, accept=False, minutes=5),
        answered(pid, CANTEEN, minutes=10),
        answered(pid, RESTAURANT, consented=True, minutes=20),
    ]
    (p,) = share(pair, [], answers, DIVISIONS).proposals
    assert p.status is ProposalStatus.DECLINED
    assert p.borrower_answer is Side.DECLINED


def test_a_stranger_cannot_answer_for_either_side() -> None:
    pair, pid = _pair()
    answers = [answered(pid, HOTEL, minutes=5), answered(pid, RESTAURANT, consented=True)]
    (p,) = share(pair, [], answers, DIVISIONS).proposals
    assert p.status is ProposalStatus.OPEN
    assert p.borrower_answer is Side.PENDING


def test_withdrawing_retires_open_proposals_but_not_an_arrangement() -> None:
    lender = declared(1, S, RESTAURANT, count=30)
    canteen, hotel = declared(2, T, CANTEEN, count=10), declared(3, T, HOTEL, count=10)
    agreed_id = proposal_id(declaration_id(1), declaration_id(2))
    answers = [
        answered(agreed_id, CANTEEN, minutes=5),
        answered(agreed_id, RESTAURANT, consented=True, minutes=6),
    ]
    withdrawn = closed(1, RESTAURANT, at=T0 + timedelta(hours=2))
    shared = share([lender, canteen, hotel], [withdrawn], answers, DIVISIONS)

    status = {p.borrower: p.status for p in shared.proposals}
    assert status == {CANTEEN: ProposalStatus.AGREED, HOTEL: ProposalStatus.RETIRED}
    assert shared.standings[declaration_id(1)].status is DeclarationStatus.WITHDRAWN


def test_an_answer_after_withdrawal_does_not_count() -> None:
    pair, pid = _pair()
    answers = [answered(pid, CANTEEN, minutes=5), answered(pid, RESTAURANT, consented=True,
                                                            minutes=180)]  # fmt: skip
    (p,) = share(
        pair, [closed(2, CANTEEN, at=T0 + timedelta(hours=2))], answers, DIVISIONS
    ).proposals
    assert p.status is ProposalStatus.RETIRED
    assert p.notes == ("提案结束后的答复不计",)


def test_only_the_declaring_enterprise_can_close_its_declaration() -> None:
    pair, _ = _pair()
    shared = share(pair, [closed(1, CANTEEN, at=T0 + timedelta(hours=1))], [], DIVISIONS)
    assert shared.proposals[0].status is ProposalStatus.OPEN


def test_a_declaration_made_after_the_other_closed_pairs_with_nothing() -> None:
    lender = declared(1, S, RESTAURANT)
    late = declared(2, T, CANTEEN, at=T0 + timedelta(days=2))
    shared = share([lender, late], [closed(1, RESTAURANT, at=T0 + timedelta(days=1))], [], {})
    assert shared.proposals == []


def test_agreements_take_staff_in_the_order_agreed() -> None:
    lender = declared(1, S, RESTAURANT, count=10)
    first, second, third = (declared(n, T, b, count=c) for n, b, c in
                            ((2, CANTEEN, 6), (3, HOTEL, 6), (4, FACTORY, 6)))  # fmt: skip
    ids = [proposal_id(declaration_id(1), declaration_id(n)) for n in (2, 3, 4)]
    answers = [
        answered(ids[1], HOTEL, minutes=1),
        answered(ids[1], RESTAURANT, consented=True, minutes=2),  # agreed first: 6
        answered(ids[0], CANTEEN, minutes=3),
        answered(ids[0], RESTAURANT, consented=True, minutes=4),  # then 4 left of 10
    ]
    shared = share([lender, first, second, third], [], answers, DIVISIONS)
    by = {p.borrower: p for p in shared.proposals}

    assert (by[HOTEL].status, by[HOTEL].count) == (ProposalStatus.AGREED, 6)
    assert (by[CANTEEN].status, by[CANTEEN].count) == (ProposalStatus.AGREED, 4)
    assert by[FACTORY].status is ProposalStatus.RETIRED  # no one left to lend
    assert shared.standings[declaration_id(1)].remaining == 0
    assert shared.standings[declaration_id(4)].remaining == 6


def test_any_order_of_the_same_records_gives_the_same_proposals() -> None:
    lender = declared(1, S, RESTAURANT, count=10)
    shortages = [declared(n, T, b, count=6) for n, b in ((2, CANTEEN), (3, HOTEL), (4, SHOP))]
    ids = [proposal_id(declaration_id(1), declaration_id(n)) for n in (2, 3, 4)]
    answers = [answered(ids[0], CANTEEN, minutes=1), answered(ids[0], RESTAURANT, consented=True,
               minutes=2), answered(ids[2], SHOP, accept=False, minutes=3)]  # fmt: skip
    closures = [closed(3, HOTEL, at=T0 + timedelta(hours=1))]
    expected = share([lender, *shortages], closures, answers, DIVISIONS)
    rng = random.Random(8)
    for _ in range(20):
        declarations = [lender, *shortages, lender]  # a redelivery too
        rng.shuffle(declarations)
        shuffled = list(itertools.chain(answers, answers))
        rng.shuffle(shuffled)
        assert share(declarations, closures, shuffled, DIVISIONS) == expected
