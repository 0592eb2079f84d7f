from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.demand_list import DemandList

if TYPE_CHECKING:
    from ..models.demand_cell_out import DemandCellOut


T = TypeVar("T", bound="DemandListOut")


@_attrs_define
class DemandListOut:
    """A demand list's cells in a scope, by district, industry section, occupation group.

    Attributes:
        demand_list (DemandList):
        name (str):
        cells (list[DemandCellOut]):
    """

    demand_list: DemandList
    name: str
    cells: list[DemandCellOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        demand_list = self.demand_list.value

        name = self.name

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "demand_list": demand_list,
                "name": name,
                "cells": cells,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.demand_cell_out import DemandCellOut  # noqa: PLC0415

        d = dict(src_dict)
        demand_list = DemandList(d.pop("demand_list"))

        name = d.pop("name")

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in _cells:
            cells_item = DemandCellOut.from_dict(cells_item_data)

            cells.append(cells_item)

        demand_list_out = cls(
            demand_list=demand_list,
            name=name,
            cells=cells,
        )

        demand_list_out.additional_properties = d
        return demand_list_out

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
