from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotYetReturnedIn")


@_attrs_define
class NotYetReturnedIn:
    """Employees from before the holiday who are not back yet, each under exactly one reason.

    Attributes:
        outside_shanghai (int | Unset):  Default: 0.
        in_high_risk_region (int | Unset):  Default: 0.
        in_quarantine (int | Unset):  Default: 0.
        other (int | Unset):  Default: 0.
    """

    outside_shanghai: int | Unset = 0
    in_high_risk_region: int | Unset = 0
    in_quarantine: int | Unset = 0
    other: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        outside_shanghai = self.outside_shanghai

        in_high_risk_region = self.in_high_risk_region

        in_quarantine = self.in_quarantine

        other = self.other

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if outside_shanghai is not UNSET:
            field_dict["outside_shanghai"] = outside_shanghai
        if in_high_risk_region is not UNSET:
            field_dict["in_high_risk_region"] = in_high_risk_region
        if in_quarantine is not UNSET:
            field_dict["in_quarantine"] = in_quarantine
        if other is not UNSET:
            field_dict["other"] = other

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outside_shanghai = d.pop("outside_shanghai", UNSET)

        in_high_risk_region = d.pop("in_high_risk_region", UNSET)

        in_quarantine = d.pop("in_quarantine", UNSET)

        other = d.pop("other", UNSET)

        not_yet_returned_in = cls(
            outside_shanghai=outside_shanghai,
            in_high_risk_region=in_high_risk_region,
            in_quarantine=in_quarantine,
            other=other,
        )

        return not_yet_returned_in
