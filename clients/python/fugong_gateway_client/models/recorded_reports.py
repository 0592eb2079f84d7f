from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recorded_report import RecordedReport


T = TypeVar("T", bound="RecordedReports")


@_attrs_define
class RecordedReports:
    """The reports standing for an enterprise, newest week first.

    Attributes:
        credit_code (str):
        reports (list[RecordedReport]):
    """

    credit_code: str
    reports: list[RecordedReport]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        reports = []
        for reports_item_data in self.reports:
            reports_item = reports_item_data.to_dict()
            reports.append(reports_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_code": credit_code,
                "reports": reports,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recorded_report import RecordedReport  # noqa: PLC0415

        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        reports = []
        _reports = d.pop("reports")
        for reports_item_data in _reports:
            reports_item = RecordedReport.from_dict(reports_item_data)

            reports.append(reports_item)

        recorded_reports = cls(
            credit_code=credit_code,
            reports=reports,
        )

        recorded_reports.additional_properties = d
        return recorded_reports

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
