from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AudienceIn")


@_attrs_define
class AudienceIn:
    """Members of these departments and/or sites; none named: the whole roster.

    Attributes:
        departments (list[str] | Unset):
        sites (list[str] | Unset):
    """

    departments: list[str] | Unset = UNSET
    sites: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        departments: list[str] | Unset = UNSET
        if not isinstance(self.departments, Unset):
            departments = self.departments

        sites: list[str] | Unset = UNSET
        if not isinstance(self.sites, Unset):
            sites = self.sites

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if departments is not UNSET:
            field_dict["departments"] = departments
        if sites is not UNSET:
            field_dict["sites"] = sites

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        departments = cast(list[str], d.pop("departments", UNSET))

        sites = cast(list[str], d.pop("sites", UNSET))

        audience_in = cls(
            departments=departments,
            sites=sites,
        )

        return audience_in
