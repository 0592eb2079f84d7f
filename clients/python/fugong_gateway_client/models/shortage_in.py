from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ShortageIn")


@_attrs_define
class ShortageIn:
    """Staff your enterprise lacks for a while.

    Attributes:
        occupation_code (str): 职业分类大典 (2015) occupation code, 大类-中类-小类-职业
        count (int): people
        period_from (datetime.date):
        period_to (datetime.date):
        district_code (str): where the staff are, or where the work is
        credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
        conditions (str | Unset): in plain words Default: ''.
    """

    occupation_code: str
    count: int
    period_from: datetime.date
    period_to: datetime.date
    district_code: str
    credit_code: str
    conditions: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        occupation_code = self.occupation_code

        count = self.count

        period_from = self.period_from.isoformat()

        period_to = self.period_to.isoformat()

        district_code = self.district_code

        credit_code = self.credit_code

        conditions = self.conditions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "occupation_code": occupation_code,
                "count": count,
                "period_from": period_from,
                "period_to": period_to,
                "district_code": district_code,
                "credit_code": credit_code,
            }
        )
        if conditions is not UNSET:
            field_dict["conditions"] = conditions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        occupation_code = d.pop("occupation_code")

        count = d.pop("count")

        period_from = datetime.date.fromisoformat(d.pop("period_from"))

        period_to = datetime.date.fromisoformat(d.pop("period_to"))

        district_code = d.pop("district_code")

        credit_code = d.pop("credit_code")

        conditions = d.pop("conditions", UNSET)

        shortage_in = cls(
            occupation_code=occupation_code,
            count=count,
            period_from=period_from,
            period_to=period_to,
            district_code=district_code,
            credit_code=credit_code,
            conditions=conditions,
        )

        return shortage_in
