from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.batch_entry import BatchEntry


T = TypeVar("T", bound="BatchRequest")


@_attrs_define
class BatchRequest:
    """Up to 1,000 submissions of any kinds, each answered on its own.

    Attributes:
        entries (list[BatchEntry]):
    """

    entries: list[BatchEntry]

    def to_dict(self) -> dict[str, Any]:
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_entry import BatchEntry  # noqa: PLC0415

        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = BatchEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        batch_request = cls(
            entries=entries,
        )

        return batch_request
