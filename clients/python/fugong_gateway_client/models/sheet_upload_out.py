from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.row_accepted_out import RowAcceptedOut
    from ..models.row_refused_out import RowRefusedOut


T = TypeVar("T", bound="SheetUploadOut")


@_attrs_define
class SheetUploadOut:
    """Each row's outcome, in the sheet's order.

    Attributes:
        accepted (int):
        refused (int):
        rows (list[RowAcceptedOut | RowRefusedOut]):
    """

    accepted: int
    refused: int
    rows: list[RowAcceptedOut | RowRefusedOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.row_accepted_out import RowAcceptedOut  # noqa: PLC0415

        accepted = self.accepted

        refused = self.refused

        rows = []
        for rows_item_data in self.rows:
            rows_item: dict[str, Any]
            if isinstance(rows_item_data, RowAcceptedOut):
                rows_item = rows_item_data.to_dict()
            else:
                rows_item = rows_item_data.to_dict()

            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "refused": refused,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_accepted_out import RowAcceptedOut  # noqa: PLC0415
        from ..models.row_refused_out import RowRefusedOut  # noqa: PLC0415

        d = dict(src_dict)
        accepted = d.pop("accepted")

        refused = d.pop("refused")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:

            def _parse_rows_item(data: object) -> RowAcceptedOut | RowRefusedOut:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rows_item_type_0 = RowAcceptedOut.from_dict(data)

                    return rows_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                rows_item_type_1 = RowRefusedOut.from_dict(data)

                return rows_item_type_1

            rows_item = _parse_rows_item(rows_item_data)

            rows.append(rows_item)

        sheet_upload_out = cls(
            accepted=accepted,
            refused=refused,
            rows=rows,
        )

        sheet_upload_out.additional_properties = d
        return sheet_upload_out

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
