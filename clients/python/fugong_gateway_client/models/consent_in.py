from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.consent_method import ConsentMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsentIn")


@_attrs_define
class ConsentIn:
    """How and when the employee renewed their consent (the enterprise keeps the evidence).

    Attributes:
        method (ConsentMethod): How an employee renewed their consent to be notified.
        given_at (datetime.datetime): when the employee gave it; not in the future
        reference (None | str | Unset): the enterprise's own reference, e.g. a form's number
    """

    method: ConsentMethod
    given_at: datetime.datetime
    reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        given_at = self.given_at.isoformat()

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
                "given_at": given_at,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        method = ConsentMethod(d.pop("method"))

        given_at = datetime.datetime.fromisoformat(d.pop("given_at"))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        consent_in = cls(
            method=method,
            given_at=given_at,
            reference=reference,
        )

        return consent_in
