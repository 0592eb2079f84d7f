from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Changes")


@_attrs_define
class Changes:
    """This week's value minus the previous ISO week's, in the figure's own units.

    Attributes:
        return_rate (float | None | Unset):
        resumption_rate (float | None | Unset):
        staffing_gap (int | None | Unset):
        fill_rate (float | None | Unset):
        separation_rate (float | None | Unset):
        vacancies_per_seeker (float | None | Unset):
    """

    return_rate: float | None | Unset = UNSET
    resumption_rate: float | None | Unset = UNSET
    staffing_gap: int | None | Unset = UNSET
    fill_rate: float | None | Unset = UNSET
    separation_rate: float | None | Unset = UNSET
    vacancies_per_seeker: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        staffing_gap: int | None | Unset
        if isinstance(self.staffing_gap, Unset):
            staffing_gap = UNSET
        else:
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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_staffing_gap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        staffing_gap = _parse_staffing_gap(d.pop("staffing_gap", UNSET))

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

        changes = cls(
            return_rate=return_rate,
            resumption_rate=resumption_rate,
            staffing_gap=staffing_gap,
            fill_rate=fill_rate,
            separation_rate=separation_rate,
            vacancies_per_seeker=vacancies_per_seeker,
        )

        changes.additional_properties = d
        return changes

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
