from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_decision import ReviewDecision

T = TypeVar("T", bound="ReviewIn")


@_attrs_define
class ReviewIn:
    """An official's decision on a held posting, as it stood at `version`.

    Attributes:
        version (int): the version reviewed
        decision (ReviewDecision):
        reason (str): why, for the audit trail
    """

    version: int
    decision: ReviewDecision
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        decision = self.decision.value

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "decision": decision,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        decision = ReviewDecision(d.pop("decision"))

        reason = d.pop("reason")

        review_in = cls(
            version=version,
            decision=decision,
            reason=reason,
        )

        review_in.additional_properties = d
        return review_in

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
