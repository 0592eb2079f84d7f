from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.priority_group import PriorityGroup
from ..models.shift import Shift
from ..types import UNSET, Unset

T = TypeVar("T", bound="PostingIn")


@_attrs_define
class PostingIn:
    """A new posting of the caller's enterprise.

    Attributes:
        title (str):
        occupation_code (str): 职业分类大典 (2015) occupation code, 大类-中类-小类-职业
        headcount (int): people wanted
        district_code (str): where the work is
        address (str):
        salary_min (int): yuan a month
        salary_max (int): yuan a month
        working_hours (str):
        valid_until (datetime.date):
        credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
        shifts (list[Shift] | Unset):
        required_certificates (list[str] | Unset):
        skills (list[str] | Unset): skills wanted (recommendations count overlap)
        target_groups (list[PriorityGroup] | Unset): groups the job is meant for (e.g. 高校毕业生专场): a boost, no bar
        channels (list[Channel] | Unset):
        description (str | Unset):  Default: ''.
    """

    title: str
    occupation_code: str
    headcount: int
    district_code: str
    address: str
    salary_min: int
    salary_max: int
    working_hours: str
    valid_until: datetime.date
    credit_code: str
    shifts: list[Shift] | Unset = UNSET
    required_certificates: list[str] | Unset = UNSET
    skills: list[str] | Unset = UNSET
    target_groups: list[PriorityGroup] | Unset = UNSET
    channels: list[Channel] | Unset = UNSET
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        occupation_code = self.occupation_code

        headcount = self.headcount

        district_code = self.district_code

        address = self.address

        salary_min = self.salary_min

        salary_max = self.salary_max

        working_hours = self.working_hours

        valid_until = self.valid_until.isoformat()

        credit_code = self.credit_code

        shifts: list[str] | Unset = UNSET
        if not isinstance(self.shifts, Unset):
            shifts = []
            for shifts_item_data in self.shifts:
                shifts_item = shifts_item_data.value
                shifts.append(shifts_item)

        required_certificates: list[str] | Unset = UNSET
        if not isinstance(self.required_certificates, Unset):
            required_certificates = self.required_certificates

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        target_groups: list[str] | Unset = UNSET
        if not isinstance(self.target_groups, Unset):
            target_groups = []
            for target_groups_item_data in self.target_groups:
                target_groups_item = target_groups_item_data.value
                target_groups.append(target_groups_item)

        channels: list[str] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = []
            for channels_item_data in self.channels:
                channels_item = channels_item_data.value
                channels.append(channels_item)

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "occupation_code": occupation_code,
                "headcount": headcount,
                "district_code": district_code,
                "address": address,
                "salary_min": salary_min,
                "salary_max": salary_max,
                "working_hours": working_hours,
                "valid_until": valid_until,
                "credit_code": credit_code,
            }
        )
        if shifts is not UNSET:
            field_dict["shifts"] = shifts
        if required_certificates is not UNSET:
            field_dict["required_certificates"] = required_certificates
        if skills is not UNSET:
            field_dict["skills"] = skills
        if target_groups is not UNSET:
            field_dict["target_groups"] = target_groups
        if channels is not UNSET:
            field_dict["channels"] = channels
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        occupation_code = d.pop("occupation_code")

        headcount = d.pop("headcount")

        district_code = d.pop("district_code")

        address = d.pop("address")

        salary_min = d.pop("salary_min")

        salary_max = d.pop("salary_max")

        working_hours = d.pop("working_hours")

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        credit_code = d.pop("credit_code")

        _shifts = d.pop("shifts", UNSET)
        shifts: list[Shift] | Unset = UNSET
        if _shifts is not UNSET:
            shifts = []
            for shifts_item_data in _shifts:
                shifts_item = Shift(shifts_item_data)

                shifts.append(shifts_item)

        required_certificates = cast(list[str], d.pop("required_certificates", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        _target_groups = d.pop("target_groups", UNSET)
        target_groups: list[PriorityGroup] | Unset = UNSET
        if _target_groups is not UNSET:
            target_groups = []
            for target_groups_item_data in _target_groups:
                target_groups_item = PriorityGroup(target_groups_item_data)

                target_groups.append(target_groups_item)

        _channels = d.pop("channels", UNSET)
        channels: list[Channel] | Unset = UNSET
        if _channels is not UNSET:
            channels = []
            for channels_item_data in _channels:
                channels_item = Channel(channels_item_data)

                channels.append(channels_item)

        description = d.pop("description", UNSET)

        posting_in = cls(
            title=title,
            occupation_code=occupation_code,
            headcount=headcount,
            district_code=district_code,
            address=address,
            salary_min=salary_min,
            salary_max=salary_max,
            working_hours=working_hours,
            valid_until=valid_until,
            credit_code=credit_code,
            shifts=shifts,
            required_certificates=required_certificates,
            skills=skills,
            target_groups=target_groups,
            channels=channels,
            description=description,
        )

        return posting_in
