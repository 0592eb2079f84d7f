from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.changes import Changes


T = TypeVar("T", bound="ScopedFigures")


@_attrs_define
class ScopedFigures:
    """Every figure of a scope: a district or the city, an industry section or all of them.

    Attributes:
        enterprises_expected (int | Unset):  Default: 0.
        enterprises_reporting (int | Unset):  Default: 0.
        enterprises_resumed (int | Unset):  Default: 0.
        employees_before_holiday (int | Unset):  Default: 0.
        on_duty (int | Unset):  Default: 0.
        working_remotely (int | Unset):  Default: 0.
        not_yet_returned (int | Unset):  Default: 0.
        planned_staffing (int | Unset):  Default: 0.
        recruitment_demand (int | Unset):  Default: 0.
        hires (int | Unset):  Default: 0.
        separations (int | Unset):  Default: 0.
        open_vacancies (int | Unset):  Default: 0.
        surplus_staff_available (int | Unset):  Default: 0.
        active_job_seekers (int | None | Unset): null: not available yet
        return_rate (float | None | Unset): 返岗率, 0-1
        resumption_rate (float | None | Unset): 复工率, 0-1
        staffing_gap (int | Unset): 用工缺口, people Default: 0.
        fill_rate (float | None | Unset): 招聘满足率, 0-1
        separation_rate (float | None | Unset): 离职率, 0-1
        vacancies_per_seeker (float | None | Unset): 求人倍率; null: not available
        previous_week_reported (bool | Unset):  Default: False.
        change (Changes | Unset): This week's value minus the previous ISO week's, in the figure's own units.
        district_code (None | str | Unset): null: every district
        district_name (None | str | Unset):
        industry_section (None | str | Unset): null: every industry
        industry_name (None | str | Unset):
    """

    enterprises_expected: int | Unset = 0
    enterprises_reporting: int | Unset = 0
    enterprises_resumed: int | Unset = 0
    employees_before_holiday: int | Unset = 0
    on_duty: int | Unset = 0
    working_remotely: int | Unset = 0
    not_yet_returned: int | Unset = 0
    planned_staffing: int | Unset = 0
    recruitment_demand: int | Unset = 0
    hires: int | Unset = 0
    separations: int | Unset = 0
    open_vacancies: int | Unset = 0
    surplus_staff_available: int | Unset = 0
    active_job_seekers: int | None | Unset = UNSET
    return_rate: float | None | Unset = UNSET
    resumption_rate: float | None | Unset = UNSET
    staffing_gap: int | Unset = 0
    fill_rate: float | None | Unset = UNSET
    separation_rate: float | None | Unset = UNSET
    vacancies_per_seeker: float | None | Unset = UNSET
    previous_week_reported: bool | Unset = False
    change: Changes | Unset = UNSET
    district_code: None | str | Unset = UNSET
    district_name: None | str | Unset = UNSET
    industry_section: None | str | Unset = UNSET
    industry_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enterprises_expected = self.enterprises_expected

        enterprises_reporting = self.enterprises_reporting

        enterprises_resumed = self.enterprises_resumed

        employees_before_holiday = self.employees_before_holiday

        on_duty = self.on_duty

        working_remotely = self.working_remotely

        not_yet_returned = self.not_yet_returned

        planned_staffing = self.planned_staffing

        recruitment_demand = self.recruitment_demand

        hires = self.hires

        separations = self.separations

        open_vacancies = self.open_vacancies

        surplus_staff_available = self.surplus_staff_available

        active_job_seekers: int | None | Unset
        if isinstance(self.active_job_seekers, Unset):
            active_job_seekers = UNSET
        else:
            active_job_seekers = self.active_job_seekers

        return_rate: float | None | Unset
        if isinstance(self.return_rate, Unset):
            return_rate = UNSET
        else:
            return_rate = self.return_rate

        resumption_rate: float | None | Unset
        if isinstance(self.resumption_rate, Unset):
            resumption_rate = UNSET
        else:
            resumption_rate = self.resumption_rate

        staffing_gap = self.staffing_gap

        fill_rate: float | None | Unset
        if isinstance(self.fill_rate, Unset):
            fill_rate = UNSET
        else:
            fill_rate = self.fill_rate

        separation_rate: float | None | Unset
        if isinstance(self.separation_rate, Unset):
            separation_rate = UNSET
        else:
            separation_rate = self.separation_rate

        vacancies_per_seeker: float | None | Unset
        if isinstance(self.vacancies_per_seeker, Unset):
            vacancies_per_seeker = UNSET
        else:
            vacancies_per_seeker = self.vacancies_per_seeker

        previous_week_reported = self.previous_week_reported

        change: dict[str, Any] | Unset = UNSET
        if not isinstance(self.change, Unset):
            change = self.change.to_dict()

        district_code: None | str | Unset
        if isinstance(self.district_code, Unset):
            district_code = UNSET
        else:
            district_code = self.district_code

        district_name: None | str | Unset
        if isinstance(self.district_name, Unset):
            district_name = UNSET
        else:
            district_name = self.district_name

        industry_section: None | str | Unset
        if isinstance(self.industry_section, Unset):
            industry_section = UNSET
        else:
            industry_section = self.industry_section

        industry_name: None | str | Unset
        if isinstance(self.industry_name, Unset):
            industry_name = UNSET
        else:
            industry_name = self.industry_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        if planned_staffing is not UNSET:
            field_dict["planned_staffing"] = planned_staffing
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
        if active_job_seekers is not UNSET:
            field_dict["active_job_seekers"] = active_job_seekers
        if return_rate is not UNSET:
            field_dict["return_rate"] = return_rate
        if resumption_rate is not UNSET:
            field_dict["resumption_rate"] = resumption_rate
        if staffing_gap is not UNSET:
            field_dict["staffing_gap"] = staffing_gap
        if fill_rate is not UNSET:
            field_dict["fill_rate"] = fill_rate
        if separation_rate is not UNSET:
            field_dict["separation_rate"] = separation_rate
        if vacancies_per_seeker is not UNSET:
            field_dict["vacancies_per_seeker"] = vacancies_per_seeker
        if previous_week_reported is not UNSET:
            field_dict["previous_week_reported"] = previous_week_reported
        if change is not UNSET:
            field_dict["change"] = change
        if district_code is not UNSET:
            field_dict["district_code"] = district_code
        if district_name is not UNSET:
            field_dict["district_name"] = district_name
        if industry_section is not UNSET:
            field_dict["industry_section"] = industry_section
        if industry_name is not UNSET:
            field_dict["industry_name"] = industry_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.changes import Changes  # noqa: PLC0415

        d = dict(src_dict)
        enterprises_expected = d.pop("enterprises_expected", UNSET)

        enterprises_reporting = d.pop("enterprises_reporting", UNSET)

        enterprises_resumed = d.pop("enterprises_resumed", UNSET)

        employees_before_holiday = d.pop("employees_before_holiday", UNSET)

        on_duty = d.pop("on_duty", UNSET)

        working_remotely = d.pop("working_remotely", UNSET)

        not_yet_returned = d.pop("not_yet_returned", UNSET)

        planned_staffing = d.pop("planned_staffing", UNSET)

        recruitment_demand = d.pop("recruitment_demand", UNSET)

        hires = d.pop("hires", UNSET)

        separations = d.pop("separations", UNSET)

        open_vacancies = d.pop("open_vacancies", UNSET)

        surplus_staff_available = d.pop("surplus_staff_available", UNSET)

        def _parse_active_job_seekers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_job_seekers = _parse_active_job_seekers(d.pop("active_job_seekers", UNSET))

        def _parse_return_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        return_rate = _parse_return_rate(d.pop("return_rate", UNSET))

        def _parse_resumption_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        resumption_rate = _parse_resumption_rate(d.pop("resumption_rate", UNSET))

        staffing_gap = d.pop("staffing_gap", UNSET)

        def _parse_fill_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        fill_rate = _parse_fill_rate(d.pop("fill_rate", UNSET))

        def _parse_separation_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        separation_rate = _parse_separation_rate(d.pop("separation_rate", UNSET))

        def _parse_vacancies_per_seeker(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        vacancies_per_seeker = _parse_vacancies_per_seeker(d.pop("vacancies_per_seeker", UNSET))

        previous_week_reported = d.pop("previous_week_reported", UNSET)

        _change = d.pop("change", UNSET)
        change: Changes | Unset
        if isinstance(_change, Unset):
            change = UNSET
        else:
            change = Changes.from_dict(_change)

        def _parse_district_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        district_code = _parse_district_code(d.pop("district_code", UNSET))

        def _parse_district_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        district_name = _parse_district_name(d.pop("district_name", UNSET))

        def _parse_industry_section(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry_section = _parse_industry_section(d.pop("industry_section", UNSET))

        def _parse_industry_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry_name = _parse_industry_name(d.pop("industry_name", UNSET))

        scoped_figures = cls(
            enterprises_expected=enterprises_expected,
            enterprises_reporting=enterprises_reporting,
            enterprises_resumed=enterprises_resumed,
            employees_before_holiday=employees_before_holiday,
            on_duty=on_duty,
            working_remotely=working_remotely,
            not_yet_returned=not_yet_returned,
            planned_staffing=planned_staffing,
            recruitment_demand=recruitment_demand,
            hires=hires,
            separations=separations,
            open_vacancies=open_vacancies,
            surplus_staff_available=surplus_staff_available,
            active_job_seekers=active_job_seekers,
            return_rate=return_rate,
            resumption_rate=resumption_rate,
            staffing_gap=staffing_gap,
            fill_rate=fill_rate,
            separation_rate=separation_rate,
            vacancies_per_seeker=vacancies_per_seeker,
            previous_week_reported=previous_week_reported,
            change=change,
            district_code=district_code,
            district_name=district_name,
            industry_section=industry_section,
            industry_name=industry_name,
        )

        scoped_figures.additional_properties = d
        return scoped_figures

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
