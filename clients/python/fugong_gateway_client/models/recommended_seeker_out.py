from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecommendedSeekerOut")


@_attrs_define
class RecommendedSeekerOut:
    """A seeker a posting is recommended to: an id, a district, a priority group; no name or
    number (the officer asks the seeker's assistant to make contact).

        Attributes:
            seeker_id (str):
            seeker_district_code (str):
            priority_group (None | str):
            rank (int): where the posting stands in the seeker's list
            score (float):
            reasons (list[str]):
    """

    seeker_id: str
    seeker_district_code: str
    priority_group: None | str
    rank: int
    score: float
    reasons: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seeker_id = self.seeker_id

        seeker_district_code = self.seeker_district_code

        priority_group: None | str
        priority_group = self.priority_group

        rank = self.rank

        score = self.score

        reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seeker_id": seeker_id,
                "seeker_district_code": seeker_district_code,
                "priority_group": priority_group,
                "rank": rank,
                "score": score,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seeker_id = d.pop("seeker_id")

        seeker_district_code = d.pop("seeker_district_code")

        def _parse_priority_group(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        priority_group = _parse_priority_group(d.pop("priority_group"))

        rank = d.pop("rank")

        score = d.pop("score")

        reasons = cast(list[str], d.pop("reasons"))

        recommended_seeker_out = cls(
            seeker_id=seeker_id,
            seeker_district_code=seeker_district_code,
            priority_group=priority_group,
            rank=rank,
            score=score,
            reasons=reasons,
        )

        recommended_seeker_out.additional_properties = d
        return recommended_seeker_out

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
