from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.return_to_work_cell import ReturnToWorkCell
    from ..models.return_to_work_figures import ReturnToWorkFigures
    from ..models.return_to_work_out_definitions import ReturnToWorkOutDefinitions


T = TypeVar("T", bound="ReturnToWorkOut")


@_attrs_define
class ReturnToWorkOut:
    """Return and resumption rates of a week for a scope, per district and industry section.

    Attributes:
        week (str):
        scope (str): the district code asked for, or 'city'
        definitions (ReturnToWorkOutDefinitions):
        total (ReturnToWorkFigures): 返岗率 and 复工率 of a scope, with the counts they are computed from.
        cells (list[ReturnToWorkCell]):
    """

    week: str
    scope: str
    definitions: ReturnToWorkOutDefinitions
    total: ReturnToWorkFigures
    cells: list[ReturnToWorkCell]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        week = self.week

        scope = self.scope

        definitions = self.definitions.to_dict()

        total = self.total.to_dict()

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "week": week,
                "scope": scope,
                "definitions": definitions,
                "total": total,
                "cells": cells,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.return_to_work_cell import ReturnToWorkCell  # noqa: PLC0415
        from ..models.return_to_work_figures import ReturnToWorkFigures  # noqa: PLC0415
        from ..models.return_to_work_out_definitions import ReturnToWorkOutDefinitions  # noqa: PLC0415

        d = dict(src_dict)
        week = d.pop("week")

        scope = d.pop("scope")

        definitions = ReturnToWorkOutDefinitions.from_dict(d.pop("definitions"))

        total = ReturnToWorkFigures.from_dict(d.pop("total"))

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in _cells:
            cells_item = ReturnToWorkCell.from_dict(cells_item_data)

            cells.append(cells_item)

        return_to_work_out = cls(
            week=week,
            scope=scope,
            definitions=definitions,
            total=total,
            cells=cells,
        )

        return_to_work_out.additional_properties = d
        return return_to_work_out

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
