from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.interest_out import InterestOut


T = TypeVar("T", bound="InterestsOut")


@_attrs_define
class InterestsOut:
    """Interest in the fair's postings: yours (an enterprise), or every one masked (organisers).

    Attributes:
        interests (list[InterestOut]):
    """

    interests: list[InterestOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        interests = []
        for interests_item_data in self.interests:
            interests_item = interests_item_data.to_dict()
            interests.append(interests_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interests": interests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interest_out import InterestOut  # noqa: PLC0415

        d = dict(src_dict)
        interests = []
        _interests = d.pop("interests")
        for interests_item_data in _interests:
            interests_item = InterestOut.from_dict(interests_item_data)

            interests.append(interests_item)

        interests_out = cls(
            interests=interests,
        )

        interests_out.additional_properties = d
        return interests_out

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
