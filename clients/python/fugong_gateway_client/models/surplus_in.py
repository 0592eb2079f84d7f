from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SurplusIn")


@_attrs_define
class SurplusIn:
    """Staff your enterprise can lend for a while, and the terms (checked against the 2020
    national guidance: the loan within the labour contract, you stay the employer, no fee).

        Attributes:
            occupation_code (str): 职业分类大典 (2015) occupation code, 大类-中类-小类-职业
            count (int): people
            period_from (datetime.date):
            period_to (datetime.date):
            district_code (str): where the staff are, or where the work is
            contract_end (datetime.date): the earliest labour-contract end among the staff offered: the loan must end by
                then
            credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
            conditions (str | Unset): in plain words Default: ''.
            fee_per_worker_month (int | Unset): yuan a month per worker asked of the borrower beyond wages and social
                insurance (the guidance allows none) Default: 0.
            employer_retained (bool | Unset): the lending enterprise stays the employer (pays wages and social insurance)
                Default: True.
    """

    occupation_code: str
    count: int
    period_from: datetime.date
    period_to: datetime.date
    district_code: str
    contract_end: datetime.date
    credit_code: str
    conditions: str | Unset = ""
    fee_per_worker_month: int | Unset = 0
    employer_retained: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        occupation_code = self.occupation_code

        count = self.count

        period_from = self.period_from.isoformat()

        period_to = self.period_to.isoformat()

        district_code = self.district_code

        contract_end = self.contract_end.isoformat()

        credit_code = self.credit_code

        conditions = self.conditions

        fee_per_worker_month = self.fee_per_worker_month

        employer_retained = self.employer_retained

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "occupation_code": occupation_code,
                "count": count,
                "period_from": period_from,
                "period_to": period_to,
                "district_code": district_code,
                "contract_end": contract_end,
                "credit_code": credit_code,
            }
        )
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if fee_per_worker_month is not UNSET:
            field_dict["fee_per_worker_month"] = fee_per_worker_month
        if employer_retained is not UNSET:
            field_dict["employer_retained"] = employer_retained

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        occupation_code = d.pop("occupation_code")

        count = d.pop("count")

        period_from = datetime.date.fromisoformat(d.pop("period_from"))

        period_to = datetime.date.fromisoformat(d.pop("period_to"))

        district_code = d.pop("district_code")

        contract_end = datetime.date.fromisoformat(d.pop("contract_end"))

        credit_code = d.pop("credit_code")

        conditions = d.pop("conditions", UNSET)

        fee_per_worker_month = d.pop("fee_per_worker_month", UNSET)

        employer_retained = d.pop("employer_retained", UNSET)

        surplus_in = cls(
            occupation_code=occupation_code,
            count=count,
            period_from=period_from,
            period_to=period_to,
            district_code=district_code,
            contract_end=contract_end,
            credit_code=credit_code,
            conditions=conditions,
            fee_per_worker_month=fee_per_worker_month,
            employer_retained=employer_retained,
        )

        return surplus_in
