"""Who may do what: enterprises act for themselves, officials within their district or the city."""

from __future__ import annotations

import pytest

from services.gateway.domain.access import Forbidden, Principal, PrincipalKind
from tests.support.data import credit_code

PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SUPERMARKET = credit_code(3, "310104")

PUDONG_FOOD_SYSTEM = Principal(PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD)
PUDONG_OFFICIAL = Principal(PrincipalKind.OFFICIAL, district_code="310115")  # 浦东新区人社局
CITY_OFFICIAL = Principal(PrincipalKind.OFFICIAL)  # 市人社局


def test_enterprise_may_report_for_itself() -> None:
    PUDONG_FOOD_SYSTEM.ensure_may_report_for(PUDONG_FOOD)


def test_enterprise_may_not_report_for_another_and_is_told_its_own_code() -> None:
    with pytest.raises(Forbidden, match=f"may only report for enterprise {PUDONG_FOOD}$"):
        PUDONG_FOOD_SYSTEM.ensure_may_report_for(XUHUI_SUPERMARKET)


@pytest.mark.parametrize("official", [PUDONG_OFFICIAL, CITY_OFFICIAL], ids=["district", "city"])
def test_bureaus_pass_on_the_reports_of_enterprises_registered_with_them(
    official: Principal,
) -> None:
    official.ensure_may_report_for(PUDONG_FOOD, registered_in="310115")


@pytest.mark.parametrize("registered_in", ["310104", None], ids=["elsewhere", "not-registered"])
def test_a_district_bureau_may_not_report_for_enterprises_it_does_not_hold(
    registered_in: str | None,
) -> None:
    with pytest.raises(Forbidden, match=r"registered in district 310115 only$"):
        PUDONG_OFFICIAL.ensure_may_report_for(XUHUI_SUPERMARKET, registered_in)


def test_staff_may_not_submit_weekly_reports() -> None:
    assistant = Principal(PrincipalKind.ASSISTANT, district_code="310115", staff_id="A1")
    with pytest.raises(Forbidden, match="own system or its district bureau"):
        assistant.ensure_may_report_for(PUDONG_FOOD, "310115")


def test_enterprise_may_register_itself() -> None:
    PUDONG_FOOD_SYSTEM.ensure_may_register(PUDONG_FOOD, "310115")


def test_enterprise_may_not_register_another_enterprise() -> None:
    with pytest.raises(Forbidden, match=f"may only register enterprise {PUDONG_FOOD}$"):
        PUDONG_FOOD_SYSTEM.ensure_may_register(XUHUI_SUPERMARKET, "310104")


def test_district_official_may_register_an_enterprise_of_their_district() -> None:
    PUDONG_OFFICIAL.ensure_may_register(PUDONG_FOOD, "310115")


def test_district_official_may_not_register_an_enterprise_of_another_district() -> None:
    with pytest.raises(Forbidden, match="reads district 310115 only"):
        PUDONG_OFFICIAL.ensure_may_register(XUHUI_SUPERMARKET, "310104")


@pytest.mark.parametrize(
    ("code", "district"), [(PUDONG_FOOD, "310115"), (XUHUI_SUPERMARKET, "310104")]
)
def test_city_official_may_register_an_enterprise_anywhere(code: str, district: str) -> None:
    CITY_OFFICIAL.ensure_may_register(code, district)


@pytest.mark.parametrize("district", ["310115", None], ids=["own-district", "whole-city"])
def test_enterprise_may_not_read_district_or_city_figures(district: str | None) -> None:
    with pytest.raises(Forbidden, match="for employment service officials"):
        PUDONG_FOOD_SYSTEM.ensure_may_read_district(district)


def test_district_official_reads_their_own_district() -> None:
    PUDONG_OFFICIAL.ensure_may_read_district("310115")


@pytest.mark.parametrize("district", ["310104", None], ids=["other-district", "whole-city"])
def test_district_official_may_not_read_beyond_their_district(district: str | None) -> None:
    with pytest.raises(Forbidden, match="reads district 310115 only"):
        PUDONG_OFFICIAL.ensure_may_read_district(district)


@pytest.mark.parametrize("district", ["310115", "310104", "310101", None])
def test_city_official_reads_any_district_and_the_whole_city(district: str | None) -> None:
    CITY_OFFICIAL.ensure_may_read_district(district)


def test_only_an_official_without_a_district_is_a_city_official() -> None:
    assert CITY_OFFICIAL.is_city_official
    assert not PUDONG_OFFICIAL.is_city_official
    assert not PUDONG_FOOD_SYSTEM.is_city_official


def test_principals_describe_themselves_without_personal_data() -> None:
    assert PUDONG_FOOD_SYSTEM.describe() == f"enterprise {PUDONG_FOOD}"
    assert PUDONG_OFFICIAL.describe() == "official of 310115"
    assert CITY_OFFICIAL.describe() == "official of the city"


def test_enterprise_principal_without_a_credit_code_is_invalid() -> None:
    with pytest.raises(ValueError, match="an enterprise principal, and only one, has a credit"):
        Principal(PrincipalKind.ENTERPRISE, district_code="310115")


def test_official_principal_with_a_credit_code_is_invalid() -> None:
    with pytest.raises(ValueError, match="an enterprise principal, and only one, has a credit"):
        Principal(PrincipalKind.OFFICIAL, credit_code=PUDONG_FOOD, district_code="310115")


def test_a_district_official_cannot_take_over_an_enterprise_of_another_district() -> None:
    pudong = Principal(PrincipalKind.OFFICIAL, district_code="310115")
    with pytest.raises(Forbidden, match="registered in another district") as refused:
        pudong.ensure_may_register(credit_code(40, "310104"), "310115", registered_in="310104")
    assert "310104" not in str(refused.value).replace(credit_code(40, "310104"), "")


def test_the_city_bureau_may_move_an_enterprise_between_districts() -> None:
    city = Principal(PrincipalKind.OFFICIAL)
    city.ensure_may_register(credit_code(41, "310104"), "310115", registered_in="310104")


def test_an_enterprise_reads_only_its_own_recorded_reports() -> None:
    own = credit_code(50, "310115")
    enterprise = Principal(PrincipalKind.ENTERPRISE, credit_code=own)
    enterprise.ensure_may_read_enterprise(own, None)
    with pytest.raises(Forbidden, match="may only read enterprise"):
        enterprise.ensure_may_read_enterprise(credit_code(51, "310115"), "310115")


def test_a_district_official_reads_reports_of_enterprises_registered_in_the_district() -> None:
    pudong = Principal(PrincipalKind.OFFICIAL, district_code="310115")
    pudong.ensure_may_read_enterprise(credit_code(52, "310115"), "310115")
    with pytest.raises(Forbidden, match="district 310115 only"):
        pudong.ensure_may_read_enterprise(credit_code(53, "310104"), "310104")
    Principal(PrincipalKind.OFFICIAL).ensure_may_read_enterprise(credit_code(53, "310104"), None)


def test_monitoring_roles_are_assigned_by_officials_not_by_enterprises() -> None:
    enterprise = Principal(PrincipalKind.ENTERPRISE, credit_code=credit_code(60, "310115"))
    enterprise.ensure_may_assign_roles(frozenset(), None)
    with pytest.raises(Forbidden, match="assigned by the district bureau"):
        enterprise.ensure_may_assign_roles(frozenset({"key_enterprise"}), "daily_necessities")
    with pytest.raises(Forbidden, match="leave them out"):
        enterprise.ensure_may_assign_roles(frozenset(), "daily_necessities")
    Principal(PrincipalKind.OFFICIAL, district_code="310115").ensure_may_assign_roles(
        frozenset({"key_enterprise"}), "daily_necessities"
    )


WEIFANG = "310115004"  # 潍坊新村街道, 浦东新区
WEIFANG_POINT = Principal(PrincipalKind.COMMUNITY_POINT, town_code=WEIFANG)


def test_a_community_point_reports_for_its_own_town_only() -> None:
    WEIFANG_POINT.ensure_may_report_for_town(WEIFANG)
    with pytest.raises(Forbidden, match=r"may only report for town 310115004$"):
        WEIFANG_POINT.ensure_may_report_for_town("310101002")


@pytest.mark.parametrize("other", [PUDONG_FOOD_SYSTEM, PUDONG_OFFICIAL, CITY_OFFICIAL])
def test_nobody_but_the_point_submits_its_community_report(other: Principal) -> None:
    with pytest.raises(Forbidden, match="submitted by the community monitoring point"):
        other.ensure_may_report_for_town(WEIFANG)


def test_points_are_registered_by_their_district_or_the_city() -> None:
    PUDONG_OFFICIAL.ensure_may_register_point(WEIFANG)
    CITY_OFFICIAL.ensure_may_register_point("310101002")
    with pytest.raises(Forbidden, match="reads district 310115 only"):
        PUDONG_OFFICIAL.ensure_may_register_point("310101002")
    for caller in (PUDONG_FOOD_SYSTEM, WEIFANG_POINT):
        with pytest.raises(Forbidden, match="registered by their district bureau"):
            caller.ensure_may_register_point(WEIFANG)


def test_a_community_point_reads_no_enterprise_and_no_district_figures() -> None:
    with pytest.raises(Forbidden, match="read by it and by its officials"):
        WEIFANG_POINT.ensure_may_read_enterprise(PUDONG_FOOD, "310115")
    with pytest.raises(Forbidden, match="for employment service officials"):
        WEIFANG_POINT.ensure_may_read_district("310115")
    with pytest.raises(Forbidden, match="registered by themselves or by their district bureau"):
        WEIFANG_POINT.ensure_may_register(PUDONG_FOOD, "310115")


def test_a_community_point_is_named_by_its_town() -> None:
    assert WEIFANG_POINT.id == "community_point:310115004"
    assert WEIFANG_POINT.describe() == "community monitoring point 310115004"
    with pytest.raises(ValueError, match="a community point principal, and only one"):
        Principal(PrincipalKind.COMMUNITY_POINT)


def test_the_city_bureau_reports_for_any_enterprise_registered_or_not() -> None:
    CITY_OFFICIAL.ensure_may_report_for(XUHUI_SUPERMARKET, "310104")
    CITY_OFFICIAL.ensure_may_report_for(PUDONG_FOOD, None)


@pytest.mark.parametrize(
    "caller",
    [
        WEIFANG_POINT,
        Principal(PrincipalKind.ASSISTANT, district_code="310115", staff_id="A0012"),
        Principal(PrincipalKind.OFFICER, district_code="310115", staff_id="S0034"),
        Principal(PrincipalKind.OPERATIONS),
    ],
    ids=["point", "assistant", "officer", "operations"],
)
def test_nobody_else_uploads_sheets_of_weekly_reports(caller: Principal) -> None:
    with pytest.raises(Forbidden, match="uploaded by enterprises and officials"):
        caller.ensure_may_upload_reports()
    with pytest.raises(Forbidden, match="own system or its district bureau"):
        caller.ensure_may_report_for(PUDONG_FOOD, "310115")
