"""The demo city's labour market: job seekers every district's assistant registers, each with a
posting to be recommended; labour sharing the guidance allows and matching can pair; a job fair
open on the day it is made for. Every body is one the gateway's request models accept."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from services.contracts.identifiers import SHANGHAI
from services.demo_city.city import City, generate
from services.demo_city.enterprises import DISTRICTS, HELD, REFUSED
from services.demo_city.labour import Labour
from services.demo_city.labour import generate as generate_labour
from services.gateway.routes.fair_models import FairIn
from services.gateway.routes.job_seekers import SeekerIn
from services.gateway.routes.sharing_models import ShortageIn, SurplusIn
from services.matching.domain.recommend.geography import distance_km

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def city() -> City:
    return generate(seed=2020, enterprises=2000, today=TODAY)


@pytest.fixture(scope="module")
def labour(city: City) -> Labour:
    return generate_labour(city, TODAY)


def test_a_few_hundred_seekers_in_every_district_in_the_three_priority_groups(
    labour: Labour,
) -> None:
    assert len(labour.seekers) == 400
    assert set(labour.districts) == {code for code, *_ in DISTRICTS}
    groups = Counter(s["priority_group"] for s in labour.seekers)
    assert groups.most_common(1)[0][0] == "外来务工人员"
    assert all(0.1 < groups[g] / 400 < 0.55 for g in ("外来务工人员", "高校毕业生", "就业困难人员"))
    assert 0.1 < groups[None] / 400 < 0.3
    consenting = sum(s["consent_to_contact"] for s in labour.seekers)
    assert 0.8 < consenting / 400 < 1
    assert len({s["mobile"] for s in labour.seekers}) == 400


def test_every_seeker_has_a_published_posting_that_passes_the_hard_filters(
    city: City, labour: Labour
) -> None:
    published = [b for _, b in city.postings if b["description"] not in (HELD, REFUSED)]
    offered = {b["occupation_code"] for b in published}
    for seeker in labour.seekers:
        assert set(seeker["desired_occupations"]) <= offered
        assert any(
            p["occupation_code"][0] in {code[0] for code in seeker["desired_occupations"]}
            and p["salary_max"] >= seeker["salary_floor"]
            and distance_km(seeker["district_code"], p["district_code"]) <= seeker["max_commute_km"]
            and date.fromisoformat(p["valid_until"]) >= TODAY
            and not p["required_certificates"]
            for p in published
        ), seeker


def test_service_enterprises_lend_within_the_guidance_and_logistics_borrow(
    city: City, labour: Labour
) -> None:
    by_code = {e.credit_code: e for e in city.enterprises}
    surplus = [b for kind, b in labour.declarations if kind == "surplus"]
    shortage = [b for kind, b in labour.declarations if kind == "shortage"]
    assert len(surplus) == len(shortage) == 4
    for body in surplus:
        lender = by_code[body["credit_code"]]
        assert lender.section in ("H", "R", "O")
        assert lender.key_category is None
        assert body["fee_per_worker_month"] == 0
        assert body["employer_retained"] is True
        assert body["period_to"] <= body["contract_end"]
    for body in shortage:
        borrower = by_code[body["credit_code"]]
        assert borrower.section in ("C", "F", "G")
        assert borrower.key_category is not None
    # one major group on both sides, and periods that overlap: matching can pair every one
    assert {b["occupation_code"][0] for b in surplus + shortage} == {"4"}
    assert max(b["period_from"] for b in surplus + shortage) <= min(
        b["period_to"] for b in surplus + shortage
    )
    assert len(labour.declaring) == 8


def test_the_fair_is_open_on_its_day_with_key_enterprises_published_postings(
    city: City, labour: Labour
) -> None:
    fair = FairIn.model_validate(labour.fair)
    morning = datetime(2026, 11, 30, 7, 0, tzinfo=SHANGHAI)
    assert fair.starts_at <= morning < fair.ends_at
    assert fair.starts_at <= datetime(2026, 11, 29, 16, 1, tzinfo=UTC)  # 00:01 in Shanghai
    assert fair.ends_at - fair.starts_at < timedelta(days=31)
    keys = {e.credit_code for e in city.key_enterprises}
    brought = [city.postings[n] for n in labour.fair_postings]
    assert len(brought) == 8
    assert len({code for code, _ in brought}) == 8
    assert all(code in keys for code, _ in brought)
    assert all(body["description"] not in (HELD, REFUSED) for _, body in brought)


def test_every_labour_body_is_one_the_gateway_accepts(labour: Labour) -> None:
    for body in labour.seekers:
        SeekerIn.model_validate(body)
    for kind, body in labour.declarations:
        (SurplusIn if kind == "surplus" else ShortageIn).model_validate(body)


def test_the_same_city_and_day_give_the_same_labour_market(city: City, labour: Labour) -> None:
    assert generate_labour(generate(seed=2020, enterprises=2000, today=TODAY), TODAY) == labour
    other = generate_labour(generate(seed=2021, enterprises=2000, today=TODAY), TODAY)
    assert other.seekers != labour.seekers
    tomorrow = generate_labour(city, TODAY + timedelta(days=1))
    assert tomorrow.seekers == labour.seekers
    assert tomorrow.declarations == labour.declarations
    assert tomorrow.fair != labour.fair


def test_a_small_city_still_has_seekers_declarations_and_a_fair() -> None:
    small = generate_labour(generate(seed=11, enterprises=150, today=TODAY), TODAY)
    assert len(small.seekers) == 30
    assert {kind for kind, _ in small.declarations} == {"surplus", "shortage"}
    assert len(small.fair_postings) >= 3
