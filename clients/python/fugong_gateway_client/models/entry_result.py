from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_problem import FieldProblem


T = TypeVar("T", bound="EntryResult")


@_attrs_define
class EntryResult:
    """What became of one entry: its event id, or why it was refused.

    Attributes:
        id (str):
        status (int): 202 accepted; 403, 422 or 503 refused, as a single request
        event_id (None | str | Unset):
        detail (None | str | Unset):
        problems (list[FieldProblem] | None | Unset):
    """

    id: str
    status: int
    event_id: None | str | Unset = UNSET
    detail: None | str | Unset = UNSET
    problems: list[FieldProblem] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if detail is not UNSET:
            field_dict["detail"] = detail
        if problems is not UNSET:
            field_dict["problems"] = problems

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_problem import FieldProblem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_detail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

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

        entry_result = cls(
            id=id,
            status=status,
            event_id=event_id,
            detail=detail,
            problems=problems,
        )

        entry_result.additional_properties = d
        return entry_result

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
