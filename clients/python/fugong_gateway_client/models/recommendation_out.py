from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecommendationOut")


@_attrs_define
class RecommendationOut:
    """A posting recommended to the seeker, and why, in plain words.

    Attributes:
        posting_id (str):
        rank (int):
        score (float):
        reasons (list[str]):
        title (str):
        occupation_code (str):
        posting_district_code (str):
        salary_min (int):
        salary_max (int):
        open_vacancies (int):
        recommended_at (datetime.datetime):
    """

    posting_id: str
    rank: int
    score: float
    reasons: list[str]
    title: str
    occupation_code: str
    posting_district_code: str
    salary_min: int
    salary_max: int
    open_vacancies: int
    recommended_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        posting_id = self.posting_id

        rank = self.rank

        score = self.score

        reasons = self.reasons

        title = self.title

        occupation_code = self.occupation_code

        posting_district_code = self.posting_district_code

        salary_min = self.salary_min

        salary_max = self.salary_max

        open_vacancies = self.open_vacancies

        recommended_at = self.recommended_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "posting_id": posting_id,
                "rank": rank,
                "score": score,
                "reasons": reasons,
                "title": title,
                "occupation_code": occupation_code,
                "posting_district_code": posting_district_code,
                "salary_min": salary_min,
                "salary_max": salary_max,
                "open_vacancies": open_vacancies,
                "recommended_at": recommended_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        posting_id = d.pop("posting_id")

        rank = d.pop("rank")

        score = d.pop("score")

        reasons = cast(list[str], d.pop("reasons"))

        title = d.pop("title")

        occupation_code = d.pop("occupation_code")

        posting_district_code = d.pop("posting_district_code")

        salary_min = d.pop("salary_min")

        salary_max = d.pop("salary_max")

        open_vacancies = d.pop("open_vacancies")

        recommended_at = datetime.datetime.fromisoformat(d.pop("recommended_at"))

        recommendation_out = cls(
            posting_id=posting_id,
            rank=rank,
            score=score,
            reasons=reasons,
            title=title,
            occupation_code=occupation_code,
            posting_district_code=posting_district_code,
            salary_min=salary_min,
            salary_max=salary_max,
            open_vacancies=open_vacancies,
            recommended_at=recommended_at,
        )

        recommendation_out.additional_properties = d
        return recommendation_out

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
