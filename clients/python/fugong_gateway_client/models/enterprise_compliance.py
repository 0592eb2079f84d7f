from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.enterprise_compliance_status import EnterpriseComplianceStatus

T = TypeVar("T", bound="EnterpriseCompliance")


@_attrs_define
class EnterpriseCompliance:
    """A designated enterprise that reported late, or has not reported.

    Attributes:
        credit_code (str):
        name (str):
        district_code (str):
        district_name (str):
        industry_section (str):
        status (EnterpriseComplianceStatus):
        reported_at (datetime.datetime | None): null: no report yet
        reminded (bool):
    """

    credit_code: str
    name: str
    district_code: str
    district_name: str
    industry_section: str
    status: EnterpriseComplianceStatus
    reported_at: datetime.datetime | None
    reminded: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        name = self.name

        district_code = self.district_code

        district_name = self.district_name

        industry_section = self.industry_section

        status = self.status.value

        reported_at: None | str
        if isinstance(self.reported_at, datetime.datetime):
            reported_at = self.reported_at.isoformat()
        else:
            reported_at = self.reported_at

        reminded = self.reminded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_code": credit_code,
                "name": name,
                "district_code": district_code,
                "district_name": district_name,
                "industry_section": industry_section,
                "status": status,
                "reported_at": reported_at,
                "reminded": reminded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        name = d.pop("name")

        district_code = d.pop("district_code")

        district_name = d.pop("district_name")

        industry_section = d.pop("industry_section")

        status = EnterpriseComplianceStatus(d.pop("status"))

        def _parse_reported_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_at_type_0 = datetime.datetime.fromisoformat(data)

                return reported_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reported_at = _parse_reported_at(d.pop("reported_at"))

        reminded = d.pop("reminded")

        enterprise_compliance = cls(
            credit_code=credit_code,
            name=name,
            district_code=district_code,
            district_name=district_name,
            industry_section=industry_section,
            status=status,
            reported_at=reported_at,
            reminded=reminded,
        )

        enterprise_compliance.additional_properties = d
        return enterprise_compliance

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
