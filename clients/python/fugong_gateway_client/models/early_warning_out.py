from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.early_warning_out_status import EarlyWarningOutStatus

if TYPE_CHECKING:
    from ..models.early_warning_out_figures import EarlyWarningOutFigures


T = TypeVar("T", bound="EarlyWarningOut")


@_attrs_define
class EarlyWarningOut:
    """An early warning monitoring raised for a scope, and whether an official acknowledged it.

    Attributes:
        warning_id (str):
        rule (str):
        rule_description (str):
        week (str):
        district_code (None | str): null: the whole city
        district_name (None | str):
        industry_section (None | str): null: every industry
        figures (EarlyWarningOutFigures): the figures that raised it
        raised_at (datetime.datetime):
        status (EarlyWarningOutStatus):
        acknowledged_by (None | str):
        acknowledged_at (datetime.datetime | None):
        note (None | str):
    """

    warning_id: str
    rule: str
    rule_description: str
    week: str
    district_code: None | str
    district_name: None | str
    industry_section: None | str
    figures: EarlyWarningOutFigures
    raised_at: datetime.datetime
    status: EarlyWarningOutStatus
    acknowledged_by: None | str
    acknowledged_at: datetime.datetime | None
    note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warning_id = self.warning_id

        rule = self.rule

        rule_description = self.rule_description

        week = self.week

        district_code: None | str
        district_code = self.district_code

        district_name: None | str
        district_name = self.district_name

        industry_section: None | str
        industry_section = self.industry_section

        figures = self.figures.to_dict()

        raised_at = self.raised_at.isoformat()

        status = self.status.value

        acknowledged_by: None | str
        acknowledged_by = self.acknowledged_by

        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        note: None | str
        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warning_id": warning_id,
                "rule": rule,
                "rule_description": rule_description,
                "week": week,
                "district_code": district_code,
                "district_name": district_name,
                "industry_section": industry_section,
                "figures": figures,
                "raised_at": raised_at,
                "status": status,
                "acknowledged_by": acknowledged_by,
                "acknowledged_at": acknowledged_at,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.early_warning_out_figures import EarlyWarningOutFigures  # noqa: PLC0415

        d = dict(src_dict)
        warning_id = d.pop("warning_id")

        rule = d.pop("rule")

        rule_description = d.pop("rule_description")

        week = d.pop("week")

        def _parse_district_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        district_code = _parse_district_code(d.pop("district_code"))

        def _parse_district_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        district_name = _parse_district_name(d.pop("district_name"))

        def _parse_industry_section(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        industry_section = _parse_industry_section(d.pop("industry_section"))

        figures = EarlyWarningOutFigures.from_dict(d.pop("figures"))

        raised_at = datetime.datetime.fromisoformat(d.pop("raised_at"))

        status = EarlyWarningOutStatus(d.pop("status"))

        def _parse_acknowledged_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        acknowledged_by = _parse_acknowledged_by(d.pop("acknowledged_by"))

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        early_warning_out = cls(
            warning_id=warning_id,
            rule=rule,
            rule_description=rule_description,
            week=week,
            district_code=district_code,
            district_name=district_name,
            industry_section=industry_section,
            figures=figures,
            raised_at=raised_at,
            status=status,
            acknowledged_by=acknowledged_by,
            acknowledged_at=acknowledged_at,
            note=note,
        )

        early_warning_out.additional_properties = d
        return early_warning_out

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
