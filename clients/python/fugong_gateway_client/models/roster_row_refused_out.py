from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.roster_row_problem_out import RosterRowProblemOut


T = TypeVar("T", bound="RosterRowRefusedOut")


@_attrs_define
class RosterRowRefusedOut:
    """
    Attributes:
        row (int): the row's number (JSON: the member's, from 1)
        errors (list[RosterRowProblemOut]):
    """

    row: int
    errors: list[RosterRowProblemOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        row = self.row

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "row": row,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roster_row_problem_out import RosterRowProblemOut  # noqa: PLC0415

        d = dict(src_dict)
        row = d.pop("row")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = RosterRowProblemOut.from_dict(errors_item_data)

            errors.append(errors_item)

        roster_row_refused_out = cls(
            row=row,
            errors=errors,
        )

        roster_row_refused_out.additional_properties = d
        return roster_row_refused_out

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
