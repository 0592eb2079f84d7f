"""The demo city's generator: its size and spread, its spring 2020 curve, and its determinism.
Every body it makes is one the gateway's own request models accept."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import datetime, time, timedelta

import pytest

from services.contracts.identifiers import SHANGHAI, week_bounds
from services.contracts.rosters import RosterRowIn
from services.demo_city.city import City, generate
from services.demo_city.enterprises import DISTRICTS, HELD, REFUSED, registration
from services.demo_city.recovery import HIRING_SLUMP, MIGRANTS_LAID_OFF, STALLED, WEEKS
from services.gateway.routes.campaign_models import CampaignIn
from services.gateway.routes.postings import PostingIn
from services.gateway.submission_models import (
    CommunityPointIn,
    CommunityReportIn,
    EnterpriseIn,
    WeeklyReportIn,
)
from services.monitoring.domain.compliance import DeadlinePolicy

POLICY = DeadlinePolicy()


@pytest.fixture(scope="module")
def city() -> City:
    return generate(seed=2020, enterprises=2000)


def return_rate(city: City, week: str) -> float:
    reports = [body for _, w, body in city.reports if w == week]
    back: int = sum(r["on_duty"] + r["working_remotely"] for r in reports)
    return back / sum(int(r["employees_before_holiday"]) for r in reports)


def test_about_two_thousand_enterprises_over_every_district_and_most_sections(city: City) -> None:
    assert 1950 <= len(city.enterprises) <= 2050
    assert len({e.credit_code for e in city.enterprises}) == len(city.enterprises)
    by_district = Counter(e.district for e in city.enterprises)
    assert set(by_district) == {code for code, *_ in DISTRICTS}
    assert by_district.most_common(1)[0][0] == "310115"  # 浦东新区, the largest
    assert len({e.section for e in city.enterprises}) >= 15


def test_districts_lean_as_they_do_manufacturing_outside_services_in_the_centre(
    city: City,
) -> None:
    def manufacturing(codes: set[str]) -> float:
        firms = [e for e in city.enterprises if e.district in codes]
        return sum(e.section == "C" for e in firms) / len(firms)

    central = {code for code, _, _, is_central in DISTRICTS if is_central}
    outer = {code for code, _, _, is_central in DISTRICTS if not is_central}
    assert manufacturing(outer) > 2 * manufacturing(central)


def test_sizes_and_key_enterprises_in_plausible_proportions(city: City) -> None:
    sizes = Counter(e.size for e in city.enterprises)
    assert sizes["small"] > sizes["micro"] > sizes["medium"] > sizes["large"] > 50
    keys = city.key_enterprises
    assert 0.06 <= len(keys) / len(city.enterprises) <= 0.15
    assert {e.key_category for e in keys} == {
        "city_operations",
        "epidemic_prevention",
        "daily_necessities",
        "national_economy",
    }
    assert all(e.size != "micro" for e in keys)


def test_return_rate_climbs_from_a_third_to_the_large_majority(city: City) -> None:
    rates = [return_rate(city, week) for week in WEEKS]
    assert ("2020-W06", *WEEKS[1:-1], "2020-W12") == WEEKS
    assert 0.28 <= rates[0] <= 0.40
    assert rates[-1] >= 0.85
    assert all(later > earlier for earlier, later in itertools.pairwise(rates))


def test_some_enterprises_late_or_missing_each_week_but_most_report(city: City) -> None:
    for week in WEEKS:
        reporting = sum(1 for _, w, _ in city.reports if w == week)
        assert 0.85 * len(city.enterprises) <= reporting < len(city.enterprises)
    never_after = [e for e in city.enterprises if e.reports_until < len(WEEKS)]
    assert never_after  # stopped reporting: missing in the latest weeks


def test_the_register_states_its_2020_period_and_reports_when_they_reached_the_bureau(
    city: City,
) -> None:
    bodies = [registration(e, n) for n, e in enumerate(city.enterprises)]
    assert {b["monitored_until"] for b in bodies} == {"2020-03-22"}  # the end of 2020-W12
    starts = Counter(b["monitored_from"] for b in bodies)
    assert starts.most_common(1)[0] == ("2020-02-03", starts["2020-02-03"])
    assert starts["2020-02-03"] > 0.9 * len(bodies)  # late joiners from their first week
    for _, week, body in city.reports:
        received = datetime.fromisoformat(body["received_at"])
        assert datetime.combine(week_bounds(week)[0], time(0), SHANGHAI) < received
        assert received < POLICY.deadline(week) + timedelta(days=3, minutes=1)


def test_more_enterprises_miss_or_are_late_in_february_than_by_late_march(city: City) -> None:
    def missing(week: str) -> int:
        i = WEEKS.index(week)
        expected = {e.credit_code for e in city.enterprises if e.reports_from <= i}
        return len(expected - {code for code, w, _ in city.reports if w == week})

    def late(week: str) -> int:
        deadline = POLICY.deadline(week)
        received = [
            datetime.fromisoformat(b["received_at"]) for _, w, b in city.reports if w == week
        ]
        return sum(at > deadline for at in received)

    first, last = WEEKS[0], WEEKS[-1]
    assert missing(first) > 1.5 * missing(last) > 0
    assert late(first) > 3 * late(last) > 0
    assert all(missing(w) < 0.15 * len(city.enterprises) for w in WEEKS)


def test_every_body_is_one_the_gateway_accepts(city: City) -> None:
    for n, e in enumerate(city.enterprises):
        EnterpriseIn.model_validate(registration(e, n))
    for _, _, body in city.reports:
        WeeklyReportIn.model_validate(body)
    for p in city.points:
        CommunityPointIn.model_validate({"town_code": p.town_code, "name": p.name})
    for _, _, body in city.community_reports:
        CommunityReportIn.model_validate(body)
    for _, body in city.postings:
        PostingIn.model_validate(body)
    for member in city.roster:
        RosterRowIn.model_validate(member)
    CampaignIn.model_validate(city.campaign)


def test_postings_for_key_enterprises_and_others_some_for_screening_to_hold_or_refuse(
    city: City,
) -> None:
    keys = {e.credit_code for e in city.key_enterprises}
    posting = [code for code, _ in city.postings]
    assert posting[: len(keys)] == [e.credit_code for e in city.key_enterprises]
    others = set(posting[len(keys) :])
    assert not others & keys
    assert len(city.enterprises) / 12 < len(others) < len(city.enterprises) / 6
    descriptions = Counter(body["description"] for _, body in city.postings)
    assert descriptions[HELD] >= 3
    assert descriptions[REFUSED] >= 3
    assert descriptions[HELD] + descriptions[REFUSED] < len(city.postings) / 5
    assert {code for code, _ in city.officers} == keys
    for code, staff in city.officers:
        assert staff.startswith(
            next(e.district for e in city.key_enterprises if e.credit_code == code)
        )


def test_the_same_seed_gives_the_same_city_and_keys_another_a_different_one() -> None:
    first, again, other = generate(7, 300), generate(7, 300), generate(8, 300)
    assert first == again
    assert first.idempotency_key("weekly_report", "x") == again.idempotency_key(
        "weekly_report", "x"
    )
    assert first.enterprises != other.enterprises
    assert first.idempotency_key("weekly_report", "x") != other.idempotency_key(
        "weekly_report", "x"
    )


def test_a_smaller_city_still_has_every_district() -> None:
    small = generate(2020, 200)
    assert {e.district for e in small.enterprises} == {code for code, *_ in DISTRICTS}
    assert small.key_enterprises
    assert len(small.points) == len(generate(2020, 2000).points)


def _rate(city: City, district: str, week: str, numerator: str, denominator: str) -> float:
    reports = [b for _, w, b in city.reports if w == week and b["credit_code"][2:8] == district]
    return sum(int(r[numerator]) for r in reports) / sum(int(r[denominator]) for r in reports)


def test_the_last_week_has_signs_for_each_kind_of_early_warning(city: City) -> None:
    w10, w11, w12 = WEEKS[-3:]

    def fill(district: str, week: str) -> float:
        return _rate(city, district, week, "hires", "recruitment_demand")

    def back(district: str, week: str) -> float:
        on_duty = _rate(city, district, week, "on_duty", "employees_before_holiday")
        return on_duty + _rate(city, district, week, "working_remotely", "employees_before_holiday")

    assert fill(HIRING_SLUMP, w12) <= fill(HIRING_SLUMP, w11) - 0.2
    assert fill("310115", w12) > fill("310115", w11)  # elsewhere hiring goes on
    assert back(STALLED, w12) < back(STALLED, w11) < back(STALLED, w10) + 0.01 < 0.9
    assert back("310115", w12) > back("310115", w11) + 0.02

    def employed(week: str) -> float:
        bodies = [
            b
            for _, w, b in city.community_reports
            if w == week and b["town_code"][:6] == MIGRANTS_LAID_OFF
        ]
        return float(
            sum(b["employed"] for b in bodies) / sum(b["returned_to_shanghai"] for b in bodies)
        )

    assert employed(w12) <= employed(w11) - 0.1


def test_the_roster_reaches_staff_by_sms_wechat_and_landline(city: City) -> None:
    roster = [RosterRowIn.model_validate(member) for member in city.roster]
    assert sum(m.preferred_channel == "wechat" and m.wechat_openid is not None for m in roster) > 5
    assert sum(m.mobile.startswith("021-") for m in roster) > 5
    assert sum(not m.consent for m in roster) > 0
