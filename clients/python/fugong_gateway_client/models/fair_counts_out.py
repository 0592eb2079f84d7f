from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.count_out import CountOut


T = TypeVar("T", bound="FairCountsOut")


@_attrs_define
class FairCountsOut:
    """A fair's figures, no one named.

    Attributes:
        fair_id (str):
        by_posting (list[CountOut]):
        by_enterprise (list[CountOut]):
        by_origin_region (list[CountOut]):
    """

    fair_id: str
    by_posting: list[CountOut]
    by_enterprise: list[CountOut]
    by_origin_region: list[CountOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fair_id = self.fair_id

        by_posting = []
        for by_posting_item_data in self.by_posting:
            by_posting_item = by_posting_item_data.to_dict()
            by_posting.append(by_posting_item)

        by_enterprise = []
        for by_enterprise_item_data in self.by_enterprise:
            by_enterprise_item = by_enterprise_item_data.to_dict()
            by_enterprise.append(by_enterprise_item)

        by_origin_region = []
        for by_origin_region_item_data in self.by_origin_region:
            by_origin_region_item = by_origin_region_item_data.to_dict()
            by_origin_region.append(by_origin_region_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fair_id": fair_id,
                "by_posting": by_posting,
                "by_enterprise": by_enterprise,
                "by_origin_region": by_origin_region,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_out import CountOut  # noqa: PLC0415

        d = dict(src_dict)
        fair_id = d.pop("fair_id")

        by_posting = []
        _by_posting = d.pop("by_posting")
        for by_posting_item_data in _by_posting:
            by_posting_item = CountOut.from_dict(by_posting_item_data)

            by_posting.append(by_posting_item)

        by_enterprise = []
        _by_enterprise = d.pop("by_enterprise")
        for by_enterprise_item_data in _by_enterprise:
            by_enterprise_item = CountOut.from_dict(by_enterprise_item_data)

            by_enterprise.append(by_enterprise_item)

        by_origin_region = []
        _by_origin_region = d.pop("by_origin_region")
        for by_origin_region_item_data in _by_origin_region:
            by_origin_region_item = CountOut.from_dict(by_origin_region_item_data)

            by_origin_region.append(by_origin_region_item)

        fair_counts_out = cls(
            fair_id=fair_id,
            by_posting=by_posting,
            by_enterprise=by_enterprise,
            by_origin_region=by_origin_region,
        )

        fair_counts_out.additional_properties = d
        return fair_counts_out

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
