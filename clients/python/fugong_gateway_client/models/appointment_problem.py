from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_problem import FieldProblem
    from ..models.suggested_slot import SuggestedSlot


T = TypeVar("T", bound="AppointmentProblem")


@_attrs_define
class AppointmentProblem:
    """A booking refused (409): the slot is full, has passed, the person is booked that day, or
    the window is closed for the service; `suggested` lists the least busy slots instead.

        Attributes:
            title (str):
            status (int):
            detail (str):
            type_ (str | Unset):  Default: 'about:blank'.
            problems (list[FieldProblem] | None | Unset):
            suggested (list[SuggestedSlot] | None | Unset):
    """

    title: str
    status: int
    detail: str
    type_: str | Unset = "about:blank"
    problems: list[FieldProblem] | None | Unset = UNSET
    suggested: list[SuggestedSlot] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        status = self.status

        detail = self.detail

        type_ = self.type_

        problems: list[dict[str, Any]] | None | Unset
        if isinstance(self.problems, Unset):
            problems = UNSET
        elif isinstance(self.problems, list):
            problems = []
            for problems_type_0_item_data in self.problems:
                problems_type_0_item = problems_type_0_item_data.to_dict()
                problems.append(problems_type_0_item)

        else:
            problems = self.problems

        suggested: list[dict[str, Any]] | None | Unset
        if isinstance(self.suggested, Unset):
            suggested = UNSET
        elif isinstance(self.suggested, list):
            suggested = []
            for suggested_type_0_item_data in self.suggested:
                suggested_type_0_item = suggested_type_0_item_data.to_dict()
                suggested.append(suggested_type_0_item)

        else:
            suggested = self.suggested

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "status": status,
                "detail": detail,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if problems is not UNSET:
            field_dict["problems"] = problems
        if suggested is not UNSET:
            field_dict["suggested"] = suggested

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_problem import FieldProblem  # noqa: PLC0415
        from ..models.suggested_slot import SuggestedSlot  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail")

        type_ = d.pop("type", UNSET)

        def _parse_problems(data: object) -> list[FieldProblem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                problems_type_0 = []
                _problems_type_0 = data
                for problems_type_0_item_data in _problems_type_0:
                    problems_type_0_item = FieldProblem.from_dict(problems_type_0_item_data)

                    problems_type_0.append(problems_type_0_item)

                return problems_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldProblem] | None | Unset, data)

        problems = _parse_problems(d.pop("problems", UNSET))

        def _parse_suggested(data: object) -> list[SuggestedSlot] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                suggested_type_0 = []
                _suggested_type_0 = data
                for suggested_type_0_item_data in _suggested_type_0:
                    suggested_type_0_item = SuggestedSlot.from_dict(suggested_type_0_item_data)

                    suggested_type_0.append(suggested_type_0_item)

                return suggested_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SuggestedSlot] | None | Unset, data)

        suggested = _parse_suggested(d.pop("suggested", UNSET))

        appointment_problem = cls(
            title=title,
            status=status,
            detail=detail,
            type_=type_,
            problems=problems,
            suggested=suggested,
        )

        appointment_problem.additional_properties = d
        return appointment_problem

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
