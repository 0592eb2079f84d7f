from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.community_changes import CommunityChanges


T = TypeVar("T", bound="CommunityFigures")


@_attrs_define
class CommunityFigures:
    """What the community monitoring points of the scope reported on migrant workers.

    Attributes:
        district_code (None | str | Unset): null: every district
        district_name (None | str | Unset):
        points_registered (int | Unset):  Default: 0.
        points_reporting (int | Unset):  Default: 0.
        migrants_registered (int | Unset):  Default: 0.
        returned_to_shanghai (int | Unset):  Default: 0.
        employed (int | Unset):  Default: 0.
        seeking_work (int | Unset):  Default: 0.
        in_quarantine (int | Unset):  Default: 0.
        migrant_return_rate (float | None | Unset): 外来人员返沪率, 0-1
        migrant_employment_rate (float | None | Unset): 外来人员就业率, 0-1
        previous_week_reported (bool | Unset):  Default: False.
        change (CommunityChanges | Unset): This week's rates minus the previous ISO week's.
    """

    district_code: None | str | Unset = UNSET
    district_name: None | str | Unset = UNSET
    points_registered: int | Unset = 0
    points_reporting: int | Unset = 0
    migrants_registered: int | Unset = 0
    returned_to_shanghai: int | Unset = 0
    employed: int | Unset = 0
    seeking_work: int | Unset = 0
    in_quarantine: int | Unset = 0
    migrant_return_rate: float | None | Unset = UNSET
    migrant_employment_rate: float | None | Unset = UNSET
    previous_week_reported: bool | Unset = False
    change: CommunityChanges | Unset = UNSET
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

        points_registered = self.points_registered

        points_reporting = self.points_reporting

        migrants_registered = self.migrants_registered

        returned_to_shanghai = self.returned_to_shanghai

        employed = self.employed

        seeking_work = self.seeking_work

        in_quarantine = self.in_quarantine

        migrant_return_rate: float | None | Unset
        if isinstance(self.migrant_return_rate, Unset):
            migrant_return_rate = UNSET
        else:
            migrant_return_rate = self.migrant_return_rate

        migrant_employment_rate: float | None | Unset
        if isinstance(self.migrant_employment_rate, Unset):
            migrant_employment_rate = UNSET
        else:
            migrant_employment_rate = self.migrant_employment_rate

        previous_week_reported = self.previous_week_reported

        change: dict[str, Any] | Unset = UNSET
        if not isinstance(self.change, Unset):
            change = self.change.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if district_code is not UNSET:
            field_dict["district_code"] = district_code
        if district_name is not UNSET:
            field_dict["district_name"] = district_name
        if points_registered is not UNSET:
            field_dict["points_registered"] = points_registered
        if points_reporting is not UNSET:
            field_dict["points_reporting"] = points_reporting
        if migrants_registered is not UNSET:
            field_dict["migrants_registered"] = migrants_registered
        if returned_to_shanghai is not UNSET:
            field_dict["returned_to_shanghai"] = returned_to_shanghai
        if employed is not UNSET:
            field_dict["employed"] = employed
        if seeking_work is not UNSET:
            field_dict["seeking_work"] = seeking_work
        if in_quarantine is not UNSET:
            field_dict["in_quarantine"] = in_quarantine
        if migrant_return_rate is not UNSET:
            field_dict["migrant_return_rate"] = migrant_return_rate
        if migrant_employment_rate is not UNSET:
            field_dict["migrant_employment_rate"] = migrant_employment_rate
        if previous_week_reported is not UNSET:
            field_dict["previous_week_reported"] = previous_week_reported
        if change is not UNSET:
            field_dict["change"] = change

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.community_changes import CommunityChanges  # noqa: PLC0415

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

        points_registered = d.pop("points_registered", UNSET)

        points_reporting = d.pop("points_reporting", UNSET)

        migrants_registered = d.pop("migrants_registered", UNSET)

        returned_to_shanghai = d.pop("returned_to_shanghai", UNSET)

        employed = d.pop("employed", UNSET)

        seeking_work = d.pop("seeking_work", UNSET)

        in_quarantine = d.pop("in_quarantine", UNSET)

        def _parse_migrant_return_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        migrant_return_rate = _parse_migrant_return_rate(d.pop("migrant_return_rate", UNSET))

        def _parse_migrant_employment_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        migrant_employment_rate = _parse_migrant_employment_rate(d.pop("migrant_employment_rate", UNSET))

        previous_week_reported = d.pop("previous_week_reported", UNSET)

        _change = d.pop("change", UNSET)
        change: CommunityChanges | Unset
        if isinstance(_change, Unset):
            change = UNSET
        else:
            change = CommunityChanges.from_dict(_change)

        community_figures = cls(
            district_code=district_code,
            district_name=district_name,
            points_registered=points_registered,
            points_reporting=points_reporting,
            migrants_registered=migrants_registered,
            returned_to_shanghai=returned_to_shanghai,
            employed=employed,
            seeking_work=seeking_work,
            in_quarantine=in_quarantine,
            migrant_return_rate=migrant_return_rate,
            migrant_employment_rate=migrant_employment_rate,
            previous_week_reported=previous_week_reported,
            change=change,
        )

        community_figures.additional_properties = d
        return community_figures

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
