from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.answer import Answer
from ..types import UNSET, Unset

T = TypeVar("T", bound="AnswerIn")


@_attrs_define
class AnswerIn:
    """Your enterprise's answer to a proposal it is party to.

    Attributes:
        answer (Answer):
        workers_consented (bool | Unset): the lender confirms each worker to be lent has agreed (required for the lender
            to accept) Default: False.
        reason (str | Unset):  Default: ''.
    """

    answer: Answer
    workers_consented: bool | Unset = False
    reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        workers_consented = self.workers_consented

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
            }
        )
        if workers_consented is not UNSET:
            field_dict["workers_consented"] = workers_consented
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer = Answer(d.pop("answer"))

        workers_consented = d.pop("workers_consented", UNSET)

        reason = d.pop("reason", UNSET)

        answer_in = cls(
            answer=answer,
            workers_consented=workers_consented,
            reason=reason,
        )

        answer_in.additional_properties = d
        return answer_in

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
