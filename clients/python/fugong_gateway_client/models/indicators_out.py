from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.community import Community
    from ..models.indicators_out_definitions import IndicatorsOutDefinitions
    from ..models.scoped_figures import ScopedFigures


T = TypeVar("T", bound="IndicatorsOut")


@_attrs_define
class IndicatorsOut:
    """Every indicator of a week for a scope, broken down by district and industry section.

    Attributes:
        week (str):
        previous_week (str):
        definitions (IndicatorsOutDefinitions):
        change_definition (str):
        total (ScopedFigures): Every figure of a scope: a district or the city, an industry section or all of them.
        by_district (list[ScopedFigures]): per district (city scope only)
        by_section (list[ScopedFigures]): per industry section in the scope
        cells (list[ScopedFigures]): per district x industry section
        community (Community | None): community monitoring points' figures (no industry: null when a section is asked
            for)
    """

    week: str
    previous_week: str
    definitions: IndicatorsOutDefinitions
    change_definition: str
    total: ScopedFigures
    by_district: list[ScopedFigures]
    by_section: list[ScopedFigures]
    cells: list[ScopedFigures]
    community: Community | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.community import Community  # noqa: PLC0415

        week = self.week

        previous_week = self.previous_week

        definitions = self.definitions.to_dict()

        change_definition = self.change_definition

        total = self.total.to_dict()

        by_district = []
        for by_district_item_data in self.by_district:
            by_district_item = by_district_item_data.to_dict()
            by_district.append(by_district_item)

        by_section = []
        for by_section_item_data in self.by_section:
            by_section_item = by_section_item_data.to_dict()
            by_section.append(by_section_item)

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)

        community: dict[str, Any] | None
        if isinstance(self.community, Community):
            community = self.community.to_dict()
        else:
            community = self.community

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "week": week,
                "previous_week": previous_week,
                "definitions": definitions,
                "change_definition": change_definition,
                "total": total,
                "by_district": by_district,
                "by_section": by_section,
                "cells": cells,
                "community": community,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.community import Community  # noqa: PLC0415
        from ..models.indicators_out_definitions import IndicatorsOutDefinitions  # noqa: PLC0415
        from ..models.scoped_figures import ScopedFigures  # noqa: PLC0415

        d = dict(src_dict)
        week = d.pop("week")

        previous_week = d.pop("previous_week")

        definitions = IndicatorsOutDefinitions.from_dict(d.pop("definitions"))

        change_definition = d.pop("change_definition")

        total = ScopedFigures.from_dict(d.pop("total"))

        by_district = []
        _by_district = d.pop("by_district")
        for by_district_item_data in _by_district:
            by_district_item = ScopedFigures.from_dict(by_district_item_data)

            by_district.append(by_district_item)

        by_section = []
        _by_section = d.pop("by_section")
        for by_section_item_data in _by_section:
            by_section_item = ScopedFigures.from_dict(by_section_item_data)

            by_section.append(by_section_item)

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in _cells:
            cells_item = ScopedFigures.from_dict(cells_item_data)

            cells.append(cells_item)

        def _parse_community(data: object) -> Community | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                community_type_0 = Community.from_dict(data)

                return community_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Community | None, data)

        community = _parse_community(d.pop("community"))

        indicators_out = cls(
            week=week,
            previous_week=previous_week,
            definitions=definitions,
            change_definition=change_definition,
            total=total,
            by_district=by_district,
            by_section=by_section,
            cells=cells,
            community=community,
        )

        indicators_out.additional_properties = d
        return indicators_out

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
