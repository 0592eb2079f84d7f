from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReturnToWorkCell")


@_attrs_define
class ReturnToWorkCell:
    """返岗率 and 复工率 of one district and industry section.

    Attributes:
        return_rate (float | None): 返岗率, 0-1; null when nobody reported
        resumption_rate (float | None): 复工率, 0-1
        district_code (str):
        district_name (str):
        industry_section (str):
        industry_name (str):
        enterprises_expected (int | Unset):  Default: 0.
        enterprises_reporting (int | Unset):  Default: 0.
        enterprises_resumed (int | Unset):  Default: 0.
        employees_before_holiday (int | Unset):  Default: 0.
        on_duty (int | Unset):  Default: 0.
        working_remotely (int | Unset):  Default: 0.
        not_yet_returned (int | Unset):  Default: 0.
    """

    return_rate: float | None
    resumption_rate: float | None
    district_code: str
    district_name: str
    industry_section: str
    industry_name: str
    enterprises_expected: int | Unset = 0
    enterprises_reporting: int | Unset = 0
    enterprises_resumed: int | Unset = 0
    employees_before_holiday: int | Unset = 0
    on_duty: int | Unset = 0
    working_remotely: int | Unset = 0
    not_yet_returned: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return_rate: float | None
        return_rate = self.return_rate

        resumption_rate: float | None
        resumption_rate = self.resumption_rate

        district_code = self.district_code

        district_name = self.district_name

        industry_section = self.industry_section

        industry_name = self.industry_name

        enterprises_expected = self.enterprises_expected

        enterprises_reporting = self.enterprises_reporting

        enterprises_resumed = self.enterprises_resumed

        employees_before_holiday = self.employees_before_holiday

        on_duty = self.on_duty

        working_remotely = self.working_remotely

        not_yet_returned = self.not_yet_returned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "return_rate": return_rate,
                "resumption_rate": resumption_rate,
                "district_code": district_code,
                "district_name": district_name,
                "industry_section": industry_section,
                "industry_name": industry_name,
            }
        )
        if enterprises_expected is not UNSET:
            field_dict["enterprises_expected"] = enterprises_expected
        if enterprises_reporting is not UNSET:
            field_dict["enterprises_reporting"] = enterprises_reporting
        if enterprises_resumed is not UNSET:
            field_dict["enterprises_resumed"] = enterprises_resumed
        if employees_before_holiday is not UNSET:
            field_dict["employees_before_holiday"] = employees_before_holiday
        if on_duty is not UNSET:
            field_dict["on_duty"] = on_duty
        if working_remotely is not UNSET:
            field_dict["working_remotely"] = working_remotely
        if not_yet_returned is not UNSET:
            field_dict["not_yet_returned"] = not_yet_returned

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_return_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        return_rate = _parse_return_rate(d.pop("return_rate"))

        def _parse_resumption_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resumption_rate = _parse_resumption_rate(d.pop("resumption_rate"))

        district_code = d.pop("district_code")

        district_name = d.pop("district_name")

        industry_section = d.pop("industry_section")

        industry_name = d.pop("industry_name")

        enterprises_expected = d.pop("enterprises_expected", UNSET)

        enterprises_reporting = d.pop("enterprises_reporting", UNSET)

        enterprises_resumed = d.pop("enterprises_resumed", UNSET)

        employees_before_holiday = d.pop("employees_before_holiday", UNSET)

        on_duty = d.pop("on_duty", UNSET)

        working_remotely = d.pop("working_remotely", UNSET)

        not_yet_returned = d.pop("not_yet_returned", UNSET)

        return_to_work_cell = cls(
            return_rate=return_rate,
            resumption_rate=resumption_rate,
            district_code=district_code,
            district_name=district_name,
            industry_section=industry_section,
            industry_name=industry_name,
            enterprises_expected=enterprises_expected,
            enterprises_reporting=enterprises_reporting,
            enterprises_resumed=enterprises_resumed,
            employees_before_holiday=employees_before_holiday,
            on_duty=on_duty,
            working_remotely=working_remotely,
            not_yet_returned=not_yet_returned,
        )

        return_to_work_cell.additional_properties = d
        return return_to_work_cell

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
