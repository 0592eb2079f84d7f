from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.seeker_out_profile_type_0 import SeekerOutProfileType0


T = TypeVar("T", bound="SeekerOut")


@_attrs_define
class SeekerOut:
    """A seeker as matching keeps them (the mobile masked); withdrawn seekers keep no profile.

    Attributes:
        seeker_id (str):
        active (bool):
        district_code (None | str):
        profile (None | SeekerOutProfileType0):
        mobile_masked (None | str):
        registered_by (None | str):
        changed_at (datetime.datetime):
    """

    seeker_id: str
    active: bool
    district_code: None | str
    profile: None | SeekerOutProfileType0
    mobile_masked: None | str
    registered_by: None | str
    changed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.seeker_out_profile_type_0 import SeekerOutProfileType0  # noqa: PLC0415

        seeker_id = self.seeker_id

        active = self.active

        district_code: None | str
        district_code = self.district_code

        profile: dict[str, Any] | None
        if isinstance(self.profile, SeekerOutProfileType0):
            profile = self.profile.to_dict()
        else:
            profile = self.profile

        mobile_masked: None | str
        mobile_masked = self.mobile_masked

        registered_by: None | str
        registered_by = self.registered_by

        changed_at = self.changed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seeker_id": seeker_id,
                "active": active,
                "district_code": district_code,
                "profile": profile,
                "mobile_masked": mobile_masked,
                "registered_by": registered_by,
                "changed_at": changed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seeker_out_profile_type_0 import SeekerOutProfileType0  # noqa: PLC0415

        d = dict(src_dict)
        seeker_id = d.pop("seeker_id")

        active = d.pop("active")

        def _parse_district_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        district_code = _parse_district_code(d.pop("district_code"))

        def _parse_profile(data: object) -> None | SeekerOutProfileType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                profile_type_0 = SeekerOutProfileType0.from_dict(data)

                return profile_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SeekerOutProfileType0, data)

        profile = _parse_profile(d.pop("profile"))

        def _parse_mobile_masked(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mobile_masked = _parse_mobile_masked(d.pop("mobile_masked"))

        def _parse_registered_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        registered_by = _parse_registered_by(d.pop("registered_by"))

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        seeker_out = cls(
            seeker_id=seeker_id,
            active=active,
            district_code=district_code,
            profile=profile,
            mobile_masked=mobile_masked,
            registered_by=registered_by,
            changed_at=changed_at,
        )

        seeker_out.additional_properties = d
        return seeker_out

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
