from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.check_out import CheckOut


T = TypeVar("T", bound="ProposalOut")


@_attrs_define
class ProposalOut:
    """A pairing of surplus with shortage: why it ranks where it does, the guidance's checks,
    each side's answer. The lender stays the employer (`employer_credit_code`).

        Attributes:
            proposal_id (str):
            surplus_id (str):
            shortage_id (str):
            lender_credit_code (str):
            borrower_credit_code (str):
            employer_credit_code (str):
            lender_district_code (str):
            borrower_district_code (str):
            occupation_code (str):
            count (int):
            period_from (datetime.date):
            period_to (datetime.date):
            industry_closeness (int): 2 same industry division, 1 same section
            occupation_levels (int): levels of the occupation code shared (1-4)
            distance_km (float):
            overlap_days (int):
            reasons (list[str]):
            checks (list[CheckOut]):
            notes (list[str]): answers that did not count, and why
            status (str): open, agreed, declined or retired
            lender_answer (str):
            borrower_answer (str):
            changed_at (datetime.datetime):
    """

    proposal_id: str
    surplus_id: str
    shortage_id: str
    lender_credit_code: str
    borrower_credit_code: str
    employer_credit_code: str
    lender_district_code: str
    borrower_district_code: str
    occupation_code: str
    count: int
    period_from: datetime.date
    period_to: datetime.date
    industry_closeness: int
    occupation_levels: int
    distance_km: float
    overlap_days: int
    reasons: list[str]
    checks: list[CheckOut]
    notes: list[str]
    status: str
    lender_answer: str
    borrower_answer: str
    changed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        proposal_id = self.proposal_id

        surplus_id = self.surplus_id

        shortage_id = self.shortage_id

        lender_credit_code = self.lender_credit_code

        borrower_credit_code = self.borrower_credit_code

        employer_credit_code = self.employer_credit_code

        lender_district_code = self.lender_district_code

        borrower_district_code = self.borrower_district_code

        occupation_code = self.occupation_code

        count = self.count

        period_from = self.period_from.isoformat()

        period_to = self.period_to.isoformat()

        industry_closeness = self.industry_closeness

        occupation_levels = self.occupation_levels

        distance_km = self.distance_km

        overlap_days = self.overlap_days

        reasons = self.reasons

        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)

        notes = self.notes

        status = self.status

        lender_answer = self.lender_answer

        borrower_answer = self.borrower_answer

        changed_at = self.changed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "proposal_id": proposal_id,
                "surplus_id": surplus_id,
                "shortage_id": shortage_id,
                "lender_credit_code": lender_credit_code,
                "borrower_credit_code": borrower_credit_code,
                "employer_credit_code": employer_credit_code,
                "lender_district_code": lender_district_code,
                "borrower_district_code": borrower_district_code,
                "occupation_code": occupation_code,
                "count": count,
                "period_from": period_from,
                "period_to": period_to,
                "industry_closeness": industry_closeness,
                "occupation_levels": occupation_levels,
                "distance_km": distance_km,
                "overlap_days": overlap_days,
                "reasons": reasons,
                "checks": checks,
                "notes": notes,
                "status": status,
                "lender_answer": lender_answer,
                "borrower_answer": borrower_answer,
                "changed_at": changed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.check_out import CheckOut  # noqa: PLC0415

        d = dict(src_dict)
        proposal_id = d.pop("proposal_id")

        surplus_id = d.pop("surplus_id")

        shortage_id = d.pop("shortage_id")

        lender_credit_code = d.pop("lender_credit_code")

        borrower_credit_code = d.pop("borrower_credit_code")

        employer_credit_code = d.pop("employer_credit_code")

        lender_district_code = d.pop("lender_district_code")

        borrower_district_code = d.pop("borrower_district_code")

        occupation_code = d.pop("occupation_code")

        count = d.pop("count")

        period_from = datetime.date.fromisoformat(d.pop("period_from"))

        period_to = datetime.date.fromisoformat(d.pop("period_to"))

        industry_closeness = d.pop("industry_closeness")

        occupation_levels = d.pop("occupation_levels")

        distance_km = d.pop("distance_km")

        overlap_days = d.pop("overlap_days")

        reasons = cast(list[str], d.pop("reasons"))

        checks = []
        _checks = d.pop("checks")
        for checks_item_data in _checks:
            checks_item = CheckOut.from_dict(checks_item_data)

            checks.append(checks_item)

        notes = cast(list[str], d.pop("notes"))

        status = d.pop("status")

        lender_answer = d.pop("lender_answer")

        borrower_answer = d.pop("borrower_answer")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        proposal_out = cls(
            proposal_id=proposal_id,
            surplus_id=surplus_id,
            shortage_id=shortage_id,
            lender_credit_code=lender_credit_code,
            borrower_credit_code=borrower_credit_code,
            employer_credit_code=employer_credit_code,
            lender_district_code=lender_district_code,
            borrower_district_code=borrower_district_code,
            occupation_code=occupation_code,
            count=count,
            period_from=period_from,
            period_to=period_to,
            industry_closeness=industry_closeness,
            occupation_levels=occupation_levels,
            distance_km=distance_km,
            overlap_days=overlap_days,
            reasons=reasons,
            checks=checks,
            notes=notes,
            status=status,
            lender_answer=lender_answer,
            borrower_answer=borrower_answer,
            changed_at=changed_at,
        )

        proposal_out.additional_properties = d
        return proposal_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
