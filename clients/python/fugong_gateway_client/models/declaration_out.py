from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeclarationOut")


@_attrs_define
class DeclarationOut:
    """A declaration and what became of it: open, refused (with the guidance's reasons),
    withdrawn or filled; `remaining` is the staff not yet in an agreed arrangement.

        Attributes:
            declaration_id (str):
            kind (str):
            credit_code (str):
            occupation_code (str):
            count (int):
            remaining (int):
            period_from (datetime.date):
            period_to (datetime.date):
            district_code (str):
            conditions (str):
            contract_end (datetime.date | None):
            fee_per_worker_month (int):
            employer_retained (bool):
            status (str):
            refusals (list[str]):
            declared_at (datetime.datetime):
    """

    declaration_id: str
    kind: str
    credit_code: str
    occupation_code: str
    count: int
    remaining: int
    period_from: datetime.date
    period_to: datetime.date
    district_code: str
    conditions: str
    contract_end: datetime.date | None
    fee_per_worker_month: int
    employer_retained: bool
    status: str
    refusals: list[str]
    declared_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        declaration_id = self.declaration_id

        kind = self.kind

        credit_code = self.credit_code

        occupation_code = self.occupation_code

        count = self.count

        remaining = self.remaining

        period_from = self.period_from.isoformat()

        period_to = self.period_to.isoformat()

        district_code = self.district_code

        conditions = self.conditions

        contract_end: None | str
        if isinstance(self.contract_end, datetime.date):
            contract_end = self.contract_end.isoformat()
        else:
            contract_end = self.contract_end

        fee_per_worker_month = self.fee_per_worker_month

        employer_retained = self.employer_retained

        status = self.status

        refusals = self.refusals

        declared_at = self.declared_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "declaration_id": declaration_id,
                "kind": kind,
                "credit_code": credit_code,
                "occupation_code": occupation_code,
                "count": count,
                "remaining": remaining,
                "period_from": period_from,
                "period_to": period_to,
                "district_code": district_code,
                "conditions": conditions,
                "contract_end": contract_end,
                "fee_per_worker_month": fee_per_worker_month,
                "employer_retained": employer_retained,
                "status": status,
                "refusals": refusals,
                "declared_at": declared_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        declaration_id = d.pop("declaration_id")

        kind = d.pop("kind")

        credit_code = d.pop("credit_code")

        occupation_code = d.pop("occupation_code")

        count = d.pop("count")

        remaining = d.pop("remaining")

        period_from = datetime.date.fromisoformat(d.pop("period_from"))

        period_to = datetime.date.fromisoformat(d.pop("period_to"))

        district_code = d.pop("district_code")

        conditions = d.pop("conditions")

        def _parse_contract_end(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contract_end_type_0 = datetime.date.fromisoformat(data)

                return contract_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        contract_end = _parse_contract_end(d.pop("contract_end"))

        fee_per_worker_month = d.pop("fee_per_worker_month")

        employer_retained = d.pop("employer_retained")

        status = d.pop("status")

        refusals = cast(list[str], d.pop("refusals"))

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        declaration_out = cls(
            declaration_id=declaration_id,
            kind=kind,
            credit_code=credit_code,
            occupation_code=occupation_code,
            count=count,
            remaining=remaining,
            period_from=period_from,
            period_to=period_to,
            district_code=district_code,
            conditions=conditions,
            contract_end=contract_end,
            fee_per_worker_month=fee_per_worker_month,
            employer_retained=employer_retained,
            status=status,
            refusals=refusals,
            declared_at=declared_at,
        )

        declaration_out.additional_properties = d
        return declaration_out

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
