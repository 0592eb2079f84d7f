from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_channel import ContactChannel
from ..models.priority_group import PriorityGroup
from ..models.working_time import WorkingTime
from ..types import UNSET, Unset

T = TypeVar("T", bound="SeekerIn")


@_attrs_define
class SeekerIn:
    """A job seeker's profile, every field as it should read now.

    Attributes:
        desired_occupations (list[str]): 职业分类大典 codes, the one wanted most first
        district_code (str): where the seeker lives
        salary_floor (int): yuan a month, the least accepted
        available_from (datetime.date):
        consent_to_contact (bool): may the employment service contact them
        mobile (str): mainland mobile, stored as E.164 (+86…)
        max_commute_km (float | Unset): the longest commute accepted Default: 15.0.
        skills (list[str] | Unset):
        certificates (list[str] | Unset):
        working_time (WorkingTime | Unset):
        priority_group (None | PriorityGroup | Unset):
        origin_region (None | str | Unset): where the seeker comes from, for return planning only: never used to filter
            or rank
        preferred_channel (ContactChannel | Unset):
    """

    desired_occupations: list[str]
    district_code: str
    salary_floor: int
    available_from: datetime.date
    consent_to_contact: bool
    mobile: str
    max_commute_km: float | Unset = 15.0
    skills: list[str] | Unset = UNSET
    certificates: list[str] | Unset = UNSET
    working_time: WorkingTime | Unset = UNSET
    priority_group: None | PriorityGroup | Unset = UNSET
    origin_region: None | str | Unset = UNSET
    preferred_channel: ContactChannel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        desired_occupations = self.desired_occupations

        district_code = self.district_code

        salary_floor = self.salary_floor

        available_from = self.available_from.isoformat()

        consent_to_contact = self.consent_to_contact

        mobile = self.mobile

        max_commute_km = self.max_commute_km

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        certificates: list[str] | Unset = UNSET
        if not isinstance(self.certificates, Unset):
            certificates = self.certificates

        working_time: str | Unset = UNSET
        if not isinstance(self.working_time, Unset):
            working_time = self.working_time.value

        priority_group: None | str | Unset
        if isinstance(self.priority_group, Unset):
            priority_group = UNSET
        elif isinstance(self.priority_group, PriorityGroup):
            priority_group = self.priority_group.value
        else:
            priority_group = self.priority_group

        origin_region: None | str | Unset
        if isinstance(self.origin_region, Unset):
            origin_region = UNSET
        else:
            origin_region = self.origin_region

        preferred_channel: str | Unset = UNSET
        if not isinstance(self.preferred_channel, Unset):
            preferred_channel = self.preferred_channel.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "desired_occupations": desired_occupations,
                "district_code": district_code,
                "salary_floor": salary_floor,
                "available_from": available_from,
                "consent_to_contact": consent_to_contact,
                "mobile": mobile,
            }
        )
        if max_commute_km is not UNSET:
            field_dict["max_commute_km"] = max_commute_km
        if skills is not UNSET:
            field_dict["skills"] = skills
        if certificates is not UNSET:
            field_dict["certificates"] = certificates
        if working_time is not UNSET:
            field_dict["working_time"] = working_time
        if priority_group is not UNSET:
            field_dict["priority_group"] = priority_group
        if origin_region is not UNSET:
            field_dict["origin_region"] = origin_region
        if preferred_channel is not UNSET:
            field_dict["preferred_channel"] = preferred_channel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        desired_occupations = cast(list[str], d.pop("desired_occupations"))

        district_code = d.pop("district_code")

        salary_floor = d.pop("salary_floor")

        available_from = datetime.date.fromisoformat(d.pop("available_from"))

        consent_to_contact = d.pop("consent_to_contact")

        mobile = d.pop("mobile")

        max_commute_km = d.pop("max_commute_km", UNSET)

        skills = cast(list[str], d.pop("skills", UNSET))

        certificates = cast(list[str], d.pop("certificates", UNSET))

        _working_time = d.pop("working_time", UNSET)
        working_time: WorkingTime | Unset
        if isinstance(_working_time, Unset):
            working_time = UNSET
        else:
            working_time = WorkingTime(_working_time)

        def _parse_priority_group(data: object) -> None | PriorityGroup | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_group_type_0 = PriorityGroup(data)

                return priority_group_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriorityGroup | Unset, data)

        priority_group = _parse_priority_group(d.pop("priority_group", UNSET))

        def _parse_origin_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin_region = _parse_origin_region(d.pop("origin_region", UNSET))

        _preferred_channel = d.pop("preferred_channel", UNSET)
        preferred_channel: ContactChannel | Unset
        if isinstance(_preferred_channel, Unset):
            preferred_channel = UNSET
        else:
            preferred_channel = ContactChannel(_preferred_channel)

        seeker_in = cls(
            desired_occupations=desired_occupations,
            district_code=district_code,
            salary_floor=salary_floor,
            available_from=available_from,
            consent_to_contact=consent_to_contact,
            mobile=mobile,
            max_commute_km=max_commute_km,
            skills=skills,
            certificates=certificates,
            working_time=working_time,
            priority_group=priority_group,
            origin_region=origin_region,
            preferred_channel=preferred_channel,
        )

        return seeker_in
