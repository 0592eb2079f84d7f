from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recommendation_out import RecommendationOut


T = TypeVar("T", bound="RecommendationsOut")


@_attrs_define
class RecommendationsOut:
    """The seeker's recommended postings still open, best first (20 at most).

    Attributes:
        seeker_id (str):
        recommendations (list[RecommendationOut]):
    """

    seeker_id: str
    recommendations: list[RecommendationOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seeker_id = self.seeker_id

        recommendations = []
        for recommendations_item_data in self.recommendations:
            recommendations_item = recommendations_item_data.to_dict()
            recommendations.append(recommendations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seeker_id": seeker_id,
                "recommendations": recommendations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recommendation_out import RecommendationOut  # noqa: PLC0415

        d = dict(src_dict)
        seeker_id = d.pop("seeker_id")

        recommendations = []
        _recommendations = d.pop("recommendations")
        for recommendations_item_data in _recommendations:
            recommendations_item = RecommendationOut.from_dict(recommendations_item_data)

            recommendations.append(recommendations_item)

        recommendations_out = cls(
            seeker_id=seeker_id,
            recommendations=recommendations,
        )

        recommendations_out.additional_properties = d
        return recommendations_out

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
