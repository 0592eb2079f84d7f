from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordedReport")


@_attrs_define
class RecordedReport:
    """A weekly report as monitoring recorded it, with the enterprise's own indicators.

    Attributes:
        week (str):
        event_id (str): the submission that stands for the week
        reported_at (datetime.datetime):
        employees_before_holiday (int):
        on_duty (int):
        working_remotely (int):
        not_yet_returned (int): all reasons together
        resumed (bool):
        planned_staffing (int):
        recruitment_demand (int):
        hires (int):
        separations (int):
        open_vacancies (int):
        surplus_staff_available (int):
        return_rate (float | None): 返岗率 of this enterprise, 0-1
        staffing_gap (int): 用工缺口 of this enterprise, people
        fill_rate (float | None): 招聘满足率 of this enterprise, 0-1
    """

    week: str
    event_id: str
    reported_at: datetime.datetime
    employees_before_holiday: int
    on_duty: int
    working_remotely: int
    not_yet_returned: int
    resumed: bool
    planned_staffing: int
    recruitment_demand: int
    hires: int
    separations: int
    open_vacancies: int
    surplus_staff_available: int
    return_rate: float | None
    staffing_gap: int
    fill_rate: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        week = self.week

        event_id = self.event_id

        reported_at = self.reported_at.isoformat()

        employees_before_holiday = self.employees_before_holiday

        on_duty = self.on_duty

        working_remotely = self.working_remotely

        not_yet_returned = self.not_yet_returned

        resumed = self.resumed

        planned_staffing = self.planned_staffing

        recruitment_demand = self.recruitment_demand

        hires = self.hires

        separations = self.separations

        open_vacancies = self.open_vacancies

        surplus_staff_available = self.surplus_staff_available

        return_rate: float | None
        return_rate = self.return_rate

        staffing_gap = self.staffing_gap

        fill_rate: float | None
        fill_rate = self.fill_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "week": week,
                "event_id": event_id,
                "reported_at": reported_at,
                "employees_before_holiday": employees_before_holiday,
                "on_duty": on_duty,
                "working_remotely": working_remotely,
                "not_yet_returned": not_yet_returned,
                "resumed": resumed,
                "planned_staffing": planned_staffing,
                "recruitment_demand": recruitment_demand,
                "hires": hires,
                "separations": separations,
                "open_vacancies": open_vacancies,
                "surplus_staff_available": surplus_staff_available,
                "return_rate": return_rate,
                "staffing_gap": staffing_gap,
                "fill_rate": fill_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        week = d.pop("week")

        event_id = d.pop("event_id")

        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))

        employees_before_holiday = d.pop("employees_before_holiday")

        on_duty = d.pop("on_duty")

        working_remotely = d.pop("working_remotely")

        not_yet_returned = d.pop("not_yet_returned")

        resumed = d.pop("resumed")

        planned_staffing = d.pop("planned_staffing")

        recruitment_demand = d.pop("recruitment_demand")

        hires = d.pop("hires")

        separations = d.pop("separations")

        open_vacancies = d.pop("open_vacancies")

        surplus_staff_available = d.pop("surplus_staff_available")

        def _parse_return_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        return_rate = _parse_return_rate(d.pop("return_rate"))

        staffing_gap = d.pop("staffing_gap")

        def _parse_fill_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        fill_rate = _parse_fill_rate(d.pop("fill_rate"))

        recorded_report = cls(
            week=week,
            event_id=event_id,
            reported_at=reported_at,
            employees_before_holiday=employees_before_holiday,
            on_duty=on_duty,
            working_remotely=working_remotely,
            not_yet_returned=not_yet_returned,
            resumed=resumed,
            planned_staffing=planned_staffing,
            recruitment_demand=recruitment_demand,
            hires=hires,
            separations=separations,
            open_vacancies=open_vacancies,
            surplus_staff_available=surplus_staff_available,
            return_rate=return_rate,
            staffing_gap=staffing_gap,
            fill_rate=fill_rate,
        )

        recorded_report.additional_properties = d
        return recorded_report

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
