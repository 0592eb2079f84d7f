"""The demo city's labour market from a seed, pure: job seekers, labour sharing and a job fair.

Job seekers (三(二), 四(一)): about one for every five enterprises, registered by their district's
employment assistant, spread over the districts as the enterprises are; migrant workers the
largest priority group, then graduates and people hard to employ, some in none. Each wants the
occupation of a posting in their own district (so every seeker has something to be recommended)
and sometimes another one the demo's postings offer; most consent to be contacted (notices of
their best postings then go to notify).

Labour sharing (四(三)): hard-hit service enterprises (accommodation and catering, culture,
residents' services) lend staff, within their labour contracts, staying the employer and asking no
fee; key enterprises in manufacturing, food supply and logistics lack warehouse and delivery
staff. Both are occupations of one major group, so matching proposes pairs.

A city job fair for key enterprises, open now: from the start of `today` (Asia/Shanghai) for a
week, joined by a few key enterprises of manufacturing, food supply and logistics with their
published postings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from services.contracts.identifiers import SHANGHAI
from services.demo_city.city import City
from services.demo_city.enterprises import DISTRICTS, HELD, REFUSED, Enterprise
from services.demo_city.recovery import WEEKS

SEEKERS_PER_ENTERPRISE = 0.2
PRIORITY_GROUPS: dict[str | None, float] = {
    "外来务工人员": 0.45,
    "高校毕业生": 0.20,
    "就业困难人员": 0.15,
    None: 0.20,
}
CONSENT_SHARE = 0.9
SKILLS = {
    "4-02-06-03": ("叉车", "仓储管理"),
    "6-28-01-01": ("设备操作",),
    "4-02-07-08": ("电动车驾驶",),
    "4-09-08-01": ("保洁消毒",),
    "6-31-03-01": ("质量检验",),
}
AVAILABLE = tuple(date(2020, 2, 17) + timedelta(weeks=n) for n in range(6))

LENDING_SECTIONS = ("H", "R", "O")
"""Accommodation and catering, culture, residents' services: hit hardest, staff idle."""
BORROWING_SECTIONS = ("C", "F", "G")
"""Manufacturing, food supply (wholesale and retail), logistics: key enterprises short of staff."""
DECLARATIONS_EACH = 4
SURPLUS_OCCUPATIONS = ("4-03-02-05", "4-03-02-01")  # 餐厅服务员, 中式烹调 (catering staff)
SHORTAGE_OCCUPATIONS = ("4-02-06-03", "4-02-07-08")  # 仓储, 配送: the same major group (4)
FAIR_ENTERPRISES = 8
FAIR_DAYS = 7
FAIR_PARTNER_REGIONS = ("530000", "510000", "653100")  # 云南, 四川, 喀什


@dataclass(frozen=True)
class Labour:
    seekers: tuple[dict[str, Any], ...]
    """Seeker profiles (`POST /v1/job-seekers` bodies), each of its district's assistant."""
    declarations: tuple[tuple[str, dict[str, Any]], ...]
    """("surplus" or "shortage", the enterprise's declaration body)."""
    fair: dict[str, Any]
    """The city's job fair (`POST /v1/fairs`), open from the start of the day it is made for."""
    fair_postings: tuple[int, ...]
    """Indices into `City.postings` of the postings their enterprises bring to the fair."""

    @property
    def districts(self) -> tuple[str, ...]:
        """The districts whose employment assistants register seekers."""
        return tuple(sorted({s["district_code"] for s in self.seekers}))

    @property
    def declaring(self) -> tuple[str, ...]:
        """The enterprises (credit codes) that declare surplus or shortage."""
        return tuple(dict.fromkeys(body["credit_code"] for _, body in self.declarations))


def _published(city: City) -> list[int]:
    """Postings screening lets through (the demo words some for it to hold or refuse)."""
    return [
        n for n, (_, body) in enumerate(city.postings) if body["description"] not in (HELD, REFUSED)
    ]


def _seeker(rng: random.Random, city: City, published: list[int], n: int) -> dict[str, Any]:
    _, home = city.postings[rng.choice(published)]
    wanted = [home["occupation_code"]]
    if rng.random() < 0.3:
        wanted.append(rng.choice(sorted(SKILLS)))
    wanted = list(dict.fromkeys(wanted))
    group = rng.choices(list(PRIORITY_GROUPS), weights=list(PRIORITY_GROUPS.values()))[0]
    floor = min(home["salary_max"], rng.choice(range(4000, 6501, 500)))
    return {
        "desired_occupations": wanted,
        "district_code": home["district_code"],
        "max_commute_km": rng.choice((10, 15, 20, 30)),
        "skills": sorted({s for code in wanted for s in SKILLS.get(code, ())}),
        "certificates": ["健康证"] if rng.random() < 0.5 else [],
        "salary_floor": floor,
        "available_from": rng.choice(AVAILABLE).isoformat(),
        "working_time": "full_time" if rng.random() < 0.85 else "either",
        "priority_group": group,
        "origin_region": rng.choice(
            ("河南省周口市", "安徽省阜阳市", "四川省南充市", "云南省昭通市")
        )
        if group == "外来务工人员"
        else None,
        "consent_to_contact": rng.random() < CONSENT_SHARE,
        "preferred_channel": "sms",
        "mobile": f"137{n:08d}",
    }


def _reporting_to_the_end(e: Enterprise) -> bool:
    return e.reports_until == len(WEEKS) and e.employees >= 20


def _declarations(rng: random.Random, city: City) -> tuple[tuple[str, dict[str, Any]], ...]:
    central = {code for code, _, _, is_central in DISTRICTS if is_central}
    lenders = [
        e
        for e in city.enterprises
        if e.section in LENDING_SECTIONS and e.key_category is None and _reporting_to_the_end(e)
    ]
    borrowers = [
        e
        for e in city.key_enterprises
        if e.section in BORROWING_SECTIONS and _reporting_to_the_end(e)
    ]
    # Service enterprises lend from the centre, manufacturing and logistics borrow outside it.
    lenders = [e for e in lenders if e.district in central] or lenders
    borrowers = [e for e in borrowers if e.district not in central] or borrowers
    lenders = rng.sample(lenders, min(DECLARATIONS_EACH, len(lenders)))
    borrowers = rng.sample(borrowers, min(DECLARATIONS_EACH, len(borrowers)))
    surplus = tuple(
        (
            "surplus",
            {
                "credit_code": e.credit_code,
                "occupation_code": SURPLUS_OCCUPATIONS[n % len(SURPLUS_OCCUPATIONS)],
                "count": max(2, min(30, e.employees // 10)),
                "period_from": "2020-02-24",
                "period_to": "2020-04-30",
                "district_code": e.district,
                "conditions": "员工均持健康证，可接受倒班",
                "contract_end": f"{2020 + rng.randint(1, 3)}-12-31",
                "fee_per_worker_month": 0,
                "employer_retained": True,
            },
        )
        for n, e in enumerate(lenders)
    )
    shortage = tuple(
        (
            "shortage",
            {
                "credit_code": e.credit_code,
                "occupation_code": SHORTAGE_OCCUPATIONS[n % len(SHORTAGE_OCCUPATIONS)],
                "count": rng.randint(5, 25),
                "period_from": "2020-03-02",
                "period_to": "2020-05-31",
                "district_code": e.district,
                "conditions": "理货、分拣和社区配送，提供工作餐和班车",
            },
        )
        for n, e in enumerate(borrowers)
    )
    return surplus + shortage


def _fair(city: City, published: list[int], today: date) -> tuple[dict[str, Any], tuple[int, ...]]:
    opens = datetime.combine(today, time(0, 0), SHANGHAI)
    closes = datetime.combine(today + timedelta(days=FAIR_DAYS), time(18, 0), SHANGHAI)
    sections = {e.credit_code: e.section for e in city.key_enterprises}
    brought = [n for n in published if sections.get(city.postings[n][0]) in BORROWING_SECTIONS]
    return {
        "title": "上海市重点企业复工复产线上招聘会",
        "starts_at": opens.isoformat(),
        "ends_at": closes.isoformat(),
        "theme": "key_enterprises",
        "partner_regions": list(FAIR_PARTNER_REGIONS),
    }, tuple(brought[:: max(1, len(brought) // FAIR_ENTERPRISES)][:FAIR_ENTERPRISES])


def generate(city: City, today: date) -> Labour:
    """The labour market of `city`; its fair is open from the start of `today`.

    Drawn from a generator of its own, so the rest of the city stays as it was."""
    rng = random.Random(f"{city.seed}/labour")  # noqa: S311 (demo figures, not secrets)
    published = _published(city)
    seekers = round(len(city.enterprises) * SEEKERS_PER_ENTERPRISE)
    fair, fair_postings = _fair(city, published, today)
    return Labour(
        seekers=tuple(_seeker(rng, city, published, n) for n in range(seekers)),
        declarations=_declarations(rng, city),
        fair=fair,
        fair_postings=fair_postings,
    )
