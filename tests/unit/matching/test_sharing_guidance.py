"""The 2020 national guidance on labour sharing: what a declaration may not say."""

from __future__ import annotations

from datetime import date

from services.matching.domain.sharing import DeclarationStatus, Kind, refusals, share
from tests.support.data import credit_code
from tests.support.sharing import declaration_id, declared

RESTAURANT, CANTEEN = credit_code(11, "310104"), credit_code(13, "310115")


def test_a_lawful_surplus_is_not_refused() -> None:
    assert refusals(declared(1, Kind.SURPLUS, RESTAURANT)) == ()


def test_a_fee_beyond_wages_and_social_insurance_is_refused_with_the_amount() -> None:
    (reason,) = refusals(declared(1, Kind.SURPLUS, RESTAURANT, fee=300))
    assert "除工资和社会保险费外不得向借入企业收取费用" in reason
    assert "每人每月300元" in reason
    assert "fee_per_worker_month" in reason


def test_handing_the_employment_over_is_refused() -> None:
    (reason,) = refusals(declared(1, Kind.SURPLUS, RESTAURANT, employer_retained=False))
    assert "借出企业仍是用人单位" in reason
    assert "employer_retained" in reason


def test_a_loan_past_the_labour_contract_is_refused() -> None:
    late = declared(1, Kind.SURPLUS, RESTAURANT, contract_end=date(2020, 3, 31))
    (reason,) = refusals(late)
    assert "借出期限不得超过劳动合同期限" in reason
    assert "2020-04-30" in reason
    assert "2020-03-31" in reason


def test_a_surplus_without_a_contract_end_is_refused() -> None:
    (reason,) = refusals(declared(1, Kind.SURPLUS, RESTAURANT, contract_end=None))
    assert "contract_end" in reason


def test_every_broken_rule_is_named_at_once() -> None:
    bad = declared(1, Kind.SURPLUS, RESTAURANT, fee=1, employer_retained=False,
                   contract_end=date(2020, 1, 1))  # fmt: skip
    assert len(refusals(bad)) == 3


def test_a_refused_surplus_makes_no_proposals_and_says_why() -> None:
    bad = declared(1, Kind.SURPLUS, RESTAURANT, fee=500)
    shared = share([bad, declared(2, Kind.SHORTAGE, CANTEEN)], [], [], {})

    assert shared.proposals == []
    standing = shared.standings[declaration_id(1)]
    assert standing.status is DeclarationStatus.REFUSED
    assert "500元" in standing.refusals[0]


def test_every_proposal_carries_the_four_checks_with_the_lender_as_employer() -> None:
    pair = [declared(1, Kind.SURPLUS, RESTAURANT), declared(2, Kind.SHORTAGE, CANTEEN)]
    (p,) = share(pair, [], [], {}).proposals
    assert [c.rule for c in p.checks] == ["consent", "employer", "no_fee", "within_contract"]
    assert [c.passed for c in p.checks] == [False, True, True, True]
    assert RESTAURANT in p.checks[1].text
    assert p.period_to <= p.contract_end
