from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DecisionOut")


@_attrs_define
class DecisionOut:
    """A decision on the posting, automatic or an official's (the audit trail).

    Attributes:
        outcome (str): held, published, refused, filled, closed or ignored
        decided_by (str): `screening`, or the official who reviewed it
        reason (str):
        version (int):
        decided_at (datetime.datetime):
    """

    outcome: str
    decided_by: str
    reason: str
    version: int
    decided_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome

        decided_by = self.decided_by

        reason = self.reason

        version = self.version

        decided_at = self.decided_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "decided_by": decided_by,
                "reason": reason,
                "version": version,
                "decided_at": decided_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = d.pop("outcome")

        decided_by = d.pop("decided_by")

        reason = d.pop("reason")

        version = d.pop("version")

        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        decision_out = cls(
            outcome=outcome,
            decided_by=decided_by,
            reason=reason,
            version=version,
            decided_at=decided_at,
        )

        decision_out.additional_properties = d
        return decision_out

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
