"""GET /v1/indicators/job-seeker-ratio on fakes: 求人倍率 as monitoring's view publishes it, for
a district's officials and the city's."""

from __future__ import annotations

from typing import Any

import pytest

from services.contracts.indicators import DEFINITIONS
from services.gateway.domain.access import PrincipalKind
from tests.unit.gateway.conftest import Gateway

PATH = "/v1/indicators/job-seeker-ratio"
PUDONG, XUHUI, CHANGNING, FENGXIAN = "310115", "310104", "310105", "310120"


def _row(district: str | None, postings: int, vacancies: int, seekers: int) -> dict[str, Any]:
    ratio = round(vacancies / seekers, 2) if seekers else None
    return {
        "scope": "district" if district else "city",
        "district_code": district,
        "open_postings": postings,
        "open_vacancies": vacancies,
        "active_job_seekers": seekers,
        "vacancies_per_seeker": ratio,
    }


@pytest.fixture
def published(gateway: Gateway) -> Gateway:
    gateway.views.job_seeker_ratio_rows = [
        _row(None, 2100, 17800, 11400),
        _row(PUDONG, 1830, 15200, 10000),
        _row(XUHUI, 240, 2100, 1400),
        _row(CHANGNING, 30, 500, 0),  # postings, nobody seeking work there
    ]
    return gateway


async def test_a_district_official_reads_their_district_with_its_counts(published: Gateway) -> None:
    official = published.key(PrincipalKind.OFFICIAL, district_code=PUDONG)

    response = await published.http.get(PATH, headers=official)

    assert response.status_code == 200
    assert response.json() == {
        "scope": PUDONG,
        "definition": DEFINITIONS["vacancies_per_seeker"],
        "total": {
            "district_code": PUDONG,
            "district_name": "浦东新区",
            "open_postings": 1830,
            "open_vacancies": 15200,
            "active_job_seekers": 10000,
            "vacancies_per_seeker": 1.52,
        },
        "by_district": [],
    }


async def test_a_city_official_reads_the_city_and_every_district(published: Gateway) -> None:
    city = published.key(PrincipalKind.OFFICIAL)

    answer = (await published.http.get(PATH, headers=city)).json()

    assert answer["scope"] == "city"
    assert (answer["total"]["district_code"], answer["total"]["vacancies_per_seeker"]) == (
        None,
        1.56,
    )
    by_district = {d["district_name"]: d["vacancies_per_seeker"] for d in answer["by_district"]}
    assert by_district == {"浦东新区": 1.52, "徐汇区": 1.5, "长宁区": None}


async def test_without_seekers_the_ratio_is_null_never_zero(published: Gateway) -> None:
    city = published.key(PrincipalKind.OFFICIAL)

    changning, fengxian = [
        (await published.http.get(PATH, params={"district": code}, headers=city)).json()
        for code in (CHANGNING, FENGXIAN)
    ]

    assert changning["total"]["open_vacancies"] == 500
    assert changning["total"]["vacancies_per_seeker"] is None
    assert fengxian["total"] == {  # nothing in matching for 奉贤区 yet
        "district_code": FENGXIAN,
        "district_name": "奉贤区",
        "open_postings": 0,
        "open_vacancies": 0,
        "active_job_seekers": 0,
        "vacancies_per_seeker": None,
    }


async def test_a_district_official_may_not_read_another_district(published: Gateway) -> None:
    official = published.key(PrincipalKind.OFFICIAL, district_code=PUDONG)

    response = await published.http.get(PATH, params={"district": XUHUI}, headers=official)

    assert response.status_code == 403
    assert "310115" in response.json()["detail"]


async def test_a_district_that_is_not_shanghai_s_is_refused_naming_the_field(
    published: Gateway,
) -> None:
    city = published.key(PrincipalKind.OFFICIAL)

    response = await published.http.get(PATH, params={"district": "420100"}, headers=city)

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == ["district"]
