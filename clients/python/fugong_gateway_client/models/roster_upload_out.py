from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.roster_merged_out import RosterMergedOut
    from ..models.roster_row_refused_out import RosterRowRefusedOut


T = TypeVar("T", bound="RosterUploadOut")


@_attrs_define
class RosterUploadOut:
    """The members kept, the rows merged and the rows refused; the good rows are published.

    Attributes:
        upload_id (str):
        mode (str):
        members (int):
        landlines (int):
        merged (list[RosterMergedOut]):
        refused (list[RosterRowRefusedOut]):
    """

    upload_id: str
    mode: str
    members: int
    landlines: int
    merged: list[RosterMergedOut]
    refused: list[RosterRowRefusedOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        mode = self.mode

        members = self.members

        landlines = self.landlines

        merged = []
        for merged_item_data in self.merged:
            merged_item = merged_item_data.to_dict()
            merged.append(merged_item)

        refused = []
        for refused_item_data in self.refused:
            refused_item = refused_item_data.to_dict()
            refused.append(refused_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
                "mode": mode,
                "members": members,
                "landlines": landlines,
                "merged": merged,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roster_merged_out import RosterMergedOut  # noqa: PLC0415
        from ..models.roster_row_refused_out import RosterRowRefusedOut  # noqa: PLC0415

        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        mode = d.pop("mode")

        members = d.pop("members")

        landlines = d.pop("landlines")

        merged = []
        _merged = d.pop("merged")
        for merged_item_data in _merged:
            merged_item = RosterMergedOut.from_dict(merged_item_data)

            merged.append(merged_item)

        refused = []
        _refused = d.pop("refused")
        for refused_item_data in _refused:
            refused_item = RosterRowRefusedOut.from_dict(refused_item_data)

            refused.append(refused_item)

        roster_upload_out = cls(
            upload_id=upload_id,
            mode=mode,
            members=members,
            landlines=landlines,
            merged=merged,
            refused=refused,
        )

        roster_upload_out.additional_properties = d
        return roster_upload_out

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
