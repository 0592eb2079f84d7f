from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobSeekerRatioFigures")


@_attrs_define
class JobSeekerRatioFigures:
    """求人倍率 of a district or the city, with the counts it is made of.

    Attributes:
        district_code (None | str | Unset): null: the whole city
        district_name (None | str | Unset):
        open_postings (int | Unset): published postings with places left Default: 0.
        open_vacancies (int | Unset): the places left on them Default: 0.
        active_job_seekers (int | Unset): registered job seekers, not withdrawn Default: 0.
        vacancies_per_seeker (float | None | Unset): 求人倍率, two decimals; null when there are no job seekers
    """

    district_code: None | str | Unset = UNSET
    district_name: None | str | Unset = UNSET
    open_postings: int | Unset = 0
    open_vacancies: int | Unset = 0
    active_job_seekers: int | Unset = 0
    vacancies_per_seeker: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        open_postings = self.open_postings

        open_vacancies = self.open_vacancies

        active_job_seekers = self.active_job_seekers

        vacancies_per_seeker: float | None | Unset
        if isinstance(self.vacancies_per_seeker, Unset):
            vacancies_per_seeker = UNSET
        else:
            vacancies_per_seeker = self.vacancies_per_seeker

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if district_code is not UNSET:
            field_dict["district_code"] = district_code
        if district_name is not UNSET:
            field_dict["district_name"] = district_name
        if open_postings is not UNSET:
            field_dict["open_postings"] = open_postings
        if open_vacancies is not UNSET:
            field_dict["open_vacancies"] = open_vacancies
        if active_job_seekers is not UNSET:
            field_dict["active_job_seekers"] = active_job_seekers
        if vacancies_per_seeker is not UNSET:
            field_dict["vacancies_per_seeker"] = vacancies_per_seeker

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        open_postings = d.pop("open_postings", UNSET)

        open_vacancies = d.pop("open_vacancies", UNSET)

        active_job_seekers = d.pop("active_job_seekers", UNSET)

        def _parse_vacancies_per_seeker(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        vacancies_per_seeker = _parse_vacancies_per_seeker(d.pop("vacancies_per_seeker", UNSET))

        job_seeker_ratio_figures = cls(
            district_code=district_code,
            district_name=district_name,
            open_postings=open_postings,
            open_vacancies=open_vacancies,
            active_job_seekers=active_job_seekers,
            vacancies_per_seeker=vacancies_per_seeker,
        )

        job_seeker_ratio_figures.additional_properties = d
        return job_seeker_ratio_figures

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
