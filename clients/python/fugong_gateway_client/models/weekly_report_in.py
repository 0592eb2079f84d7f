from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.difficulty import Difficulty
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.not_yet_returned_in import NotYetReturnedIn


T = TypeVar("T", bound="WeeklyReportIn")


@_attrs_define
class WeeklyReportIn:
    """An enterprise's weekly return-to-work report (重点企业返工状况周报).

    Head-counts are of the employees on the payroll before the Spring Festival holiday: each of
    them is on duty (on site), working remotely, or not yet returned for one of the listed
    reasons. A later report for the same enterprise and week replaces the earlier one.

        Attributes:
            credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
            week (str): ISO 8601 week, YYYY-Www, on the Shanghai calendar
            employees_before_holiday (int):
            on_duty (int):
            resumed (bool):
            capacity_ratio (float): share of normal production capacity
            planned_staffing (int): head-count the enterprise plans to have
            working_remotely (int | Unset):  Default: 0.
            not_yet_returned (NotYetReturnedIn | Unset): Employees from before the holiday who are not back yet, each under
                exactly one reason.
            resumed_on (datetime.date | None | Unset):
            recruitment_demand (int | Unset): people sought this week Default: 0.
            hires (int | Unset): people hired this week Default: 0.
            separations (int | Unset): people who left this week Default: 0.
            open_vacancies (int | Unset):  Default: 0.
            surplus_staff_available (int | Unset): staff it could lend out Default: 0.
            difficulties (list[Difficulty] | Unset):
            difficulties_note (None | str | Unset):
            received_at (datetime.datetime | None | Unset): when a bureau received the report it passes on after the fact (a
                paper form, a district's spreadsheet): the report counts as sent then, on time or late. Left out: when it is
                accepted. Only the bureaus may state it; not before the week began, not in the future
    """

    credit_code: str
    week: str
    employees_before_holiday: int
    on_duty: int
    resumed: bool
    capacity_ratio: float
    planned_staffing: int
    working_remotely: int | Unset = 0
    not_yet_returned: NotYetReturnedIn | Unset = UNSET
    resumed_on: datetime.date | None | Unset = UNSET
    recruitment_demand: int | Unset = 0
    hires: int | Unset = 0
    separations: int | Unset = 0
    open_vacancies: int | Unset = 0
    surplus_staff_available: int | Unset = 0
    difficulties: list[Difficulty] | Unset = UNSET
    difficulties_note: None | str | Unset = UNSET
    received_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        week = self.week

        employees_before_holiday = self.employees_before_holiday

        on_duty = self.on_duty

        resumed = self.resumed

        capacity_ratio = self.capacity_ratio

        planned_staffing = self.planned_staffing

        working_remotely = self.working_remotely

        not_yet_returned: dict[str, Any] | Unset = UNSET
        if not isinstance(self.not_yet_returned, Unset):
            not_yet_returned = self.not_yet_returned.to_dict()

        resumed_on: None | str | Unset
        if isinstance(self.resumed_on, Unset):
            resumed_on = UNSET
        elif isinstance(self.resumed_on, datetime.date):
            resumed_on = self.resumed_on.isoformat()
        else:
            resumed_on = self.resumed_on

        recruitment_demand = self.recruitment_demand

        hires = self.hires

        separations = self.separations

        open_vacancies = self.open_vacancies

        surplus_staff_available = self.surplus_staff_available

        difficulties: list[str] | Unset = UNSET
        if not isinstance(self.difficulties, Unset):
            difficulties = []
            for difficulties_item_data in self.difficulties:
                difficulties_item = difficulties_item_data.value
                difficulties.append(difficulties_item)

        difficulties_note: None | str | Unset
        if isinstance(self.difficulties_note, Unset):
            difficulties_note = UNSET
        else:
            difficulties_note = self.difficulties_note

        received_at: None | str | Unset
        if isinstance(self.received_at, Unset):
            received_at = UNSET
        elif isinstance(self.received_at, datetime.datetime):
            received_at = self.received_at.isoformat()
        else:
            received_at = self.received_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credit_code": credit_code,
                "week": week,
                "employees_before_holiday": employees_before_holiday,
                "on_duty": on_duty,
                "resumed": resumed,
                "capacity_ratio": capacity_ratio,
                "planned_staffing": planned_staffing,
            }
        )
        if working_remotely is not UNSET:
            field_dict["working_remotely"] = working_remotely
        if not_yet_returned is not UNSET:
            field_dict["not_yet_returned"] = not_yet_returned
        if resumed_on is not UNSET:
            field_dict["resumed_on"] = resumed_on
        if recruitment_demand is not UNSET:
            field_dict["recruitment_demand"] = recruitment_demand
        if hires is not UNSET:
            field_dict["hires"] = hires
        if separations is not UNSET:
            field_dict["separations"] = separations
        if open_vacancies is not UNSET:
            field_dict["open_vacancies"] = open_vacancies
        if surplus_staff_available is not UNSET:
            field_dict["surplus_staff_available"] = surplus_staff_available
        if difficulties is not UNSET:
            field_dict["difficulties"] = difficulties
        if difficulties_note is not UNSET:
            field_dict["difficulties_note"] = difficulties_note
        if received_at is not UNSET:
            field_dict["received_at"] = received_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.not_yet_returned_in import NotYetReturnedIn  # noqa: PLC0415

        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        week = d.pop("week")

        employees_before_holiday = d.pop("employees_before_holiday")

        on_duty = d.pop("on_duty")

        resumed = d.pop("resumed")

        capacity_ratio = d.pop("capacity_ratio")

        planned_staffing = d.pop("planned_staffing")

        working_remotely = d.pop("working_remotely", UNSET)

        _not_yet_returned = d.pop("not_yet_returned", UNSET)
        not_yet_returned: NotYetReturnedIn | Unset
        if isinstance(_not_yet_returned, Unset):
            not_yet_returned = UNSET
        else:
            not_yet_returned = NotYetReturnedIn.from_dict(_not_yet_returned)

        def _parse_resumed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resumed_on_type_0 = datetime.date.fromisoformat(data)

                return resumed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        resumed_on = _parse_resumed_on(d.pop("resumed_on", UNSET))

        recruitment_demand = d.pop("recruitment_demand", UNSET)

        hires = d.pop("hires", UNSET)

        separations = d.pop("separations", UNSET)

        open_vacancies = d.pop("open_vacancies", UNSET)

        surplus_staff_available = d.pop("surplus_staff_available", UNSET)

        _difficulties = d.pop("difficulties", UNSET)
        difficulties: list[Difficulty] | Unset = UNSET
        if _difficulties is not UNSET:
            difficulties = []
            for difficulties_item_data in _difficulties:
                difficulties_item = Difficulty(difficulties_item_data)

                difficulties.append(difficulties_item)

        def _parse_difficulties_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        difficulties_note = _parse_difficulties_note(d.pop("difficulties_note", UNSET))

        def _parse_received_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_at_type_0 = datetime.datetime.fromisoformat(data)

                return received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        received_at = _parse_received_at(d.pop("received_at", UNSET))

        weekly_report_in = cls(
            credit_code=credit_code,
            week=week,
            employees_before_holiday=employees_before_holiday,
            on_duty=on_duty,
            resumed=resumed,
            capacity_ratio=capacity_ratio,
            planned_staffing=planned_staffing,
            working_remotely=working_remotely,
            not_yet_returned=not_yet_returned,
            resumed_on=resumed_on,
            recruitment_demand=recruitment_demand,
            hires=hires,
            separations=separations,
            open_vacancies=open_vacancies,
            surplus_staff_available=surplus_staff_available,
            difficulties=difficulties,
            difficulties_note=difficulties_note,
            received_at=received_at,
        )

        return weekly_report_in
