"""Realistic test data: valid credit codes, real district codes, Chinese names."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from services.contracts.identifiers import (
    organisation_code_check_digit,
    week_bounds,
    with_check_character,
)

DISTRICTS = ("310115", "310104", "310112", "310114", "310101")  # 浦东 徐汇 闵行 嘉定 黄浦
DIVISIONS = ("13", "39", "52", "61", "84")  # 农副食品加工 电子设备 零售 住宿 卫生 → C C F H Q
NAMES = (
    "上海浦江食品有限公司",
    "上海申城电子科技有限公司",
    "上海联华超市有限公司",
    "上海外滩酒店有限公司",
)


def credit_code(serial: int, district: str = "310115") -> str:
    """A valid 统一社会信用代码 for an enterprise (91…) registered in `district`."""
    organisation = f"{serial % 10**8:08d}"
    first17 = "91" + district + organisation + organisation_code_check_digit(organisation)
    return with_check_character(first17)


def registration(
    code: str,
    *,
    district: str = "310115",
    division: str = "13",
    name: str = "上海浦江食品有限公司",
    key_enterprise: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "credit_code": code,
        "name": name,
        "district_code": district,
        "industry_division": division,
        "size": "medium",
        "monitoring_roles": ["return_to_work_monitoring"],
        "contact": {"name": "王芳", "phone": "13812345678", "title": "人事经理"},
    }
    if key_enterprise:
        body["monitoring_roles"].append("key_enterprise")
        body["key_enterprise_category"] = "daily_necessities"
    return body


def weekly_report(
    code: str,
    *,
    week: str = "2020-W07",
    employees: int = 200,
    on_duty: int = 120,
    remote: int = 20,
    resumed: bool = True,
) -> dict[str, Any]:
    """A report whose head-counts add up: those not back are split over the reasons."""
    missing = employees - on_duty - remote
    outside, high_risk = missing // 2, missing // 4
    quarantine = missing // 8
    return {
        "credit_code": code,
        "week": week,
        "employees_before_holiday": employees,
        "on_duty": on_duty,
        "working_remotely": remote,
        "not_yet_returned": {
            "outside_shanghai": outside,
            "in_high_risk_region": high_risk,
            "in_quarantine": quarantine,
            "other": missing - outside - high_risk - quarantine,
        },
        "resumed": resumed,
        "resumed_on": week_bounds(week)[0].isoformat() if resumed else None,
        "capacity_ratio": 0.6,
        "planned_staffing": employees,
        "recruitment_demand": 15,
        "hires": 5,
        "separations": 1,
        "open_vacancies": 10,
        "surplus_staff_available": 0,
        "difficulties": ["staff_shortage"],
    }


def random_weekly_report(
    rng: random.Random, codes: Sequence[str], weeks: Sequence[str], *, most: int = 800
) -> dict[str, Any]:
    """A report of one of `codes` for one of `weeks` with random head-counts that add up."""
    employees = rng.randint(5, most)
    on_duty = rng.randint(0, employees)
    return weekly_report(
        rng.choice(codes),
        week=rng.choice(weeks),
        employees=employees,
        on_duty=on_duty,
        remote=rng.randint(0, employees - on_duty),
        resumed=on_duty > 0,
    )


def return_to_work_campaign() -> dict[str, Any]:
    """上海浦江食品's return-to-work notice as a campaign's body (a fresh copy each call)."""
    return {
        "template": "return_to_work",
        "values": {
            "enterprise_name": "上海浦江食品有限公司",
            "return_date": "2月17日",
            "site": "二号车间",
            "instructions": "请携带健康码。",
        },
    }
