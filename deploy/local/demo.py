"""Load a small, realistic demo into a running local stack and print where to look.

Two dozen Shanghai enterprises register and report weeks 2020-W06 to 2020-W09, as their return to
work picked up after the Spring Festival of 2020, and eight streets and towns report as community
monitoring points on their migrant workers. Everything goes through the gateway's API with the
enterprises' and points' own keys; officials' keys are printed for reading the figures. Running it
again sends the same events again (same Idempotency-Keys), which changes nothing.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
import uuid
from datetime import datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from services.contracts.identifiers import (  # noqa: E402
    SHANGHAI,
    organisation_code_check_digit,
    week_bounds,
    with_check_character,
)
from services.gateway.domain.access import Principal, PrincipalKind  # noqa: E402
from services.gateway.keys import issue_key  # noqa: E402
from services.gateway.settings import GatewaySettings  # noqa: E402

GATEWAY = "http://127.0.0.1:8000"
GATEWAY_ADMIN = "http://127.0.0.1:8100"
"""The gateway's admin port: its documents and metrics (the API port serves neither)."""
WEEKS = ("2020-W06", "2020-W07", "2020-W08", "2020-W09")
NAMESPACE = uuid.UUID("6f1d3c52-8a43-4a4e-9d1b-2020b0206048")

# (name, district, industry division, employees before the holiday, key enterprise category)
ENTERPRISES = [
    ("上海浦江食品有限公司", "310115", "14", 860, "daily_necessities"),
    ("上海张江微电子有限公司", "310115", "39", 2300, None),
    ("上海东方医疗器械有限公司", "310115", "35", 540, "epidemic_prevention"),
    ("上海外高桥物流有限公司", "310115", "59", 1200, "city_operations"),
    ("上海徐汇软件科技有限公司", "310104", "65", 420, None),
    ("上海漕河泾电子有限公司", "310104", "39", 1600, None),
    ("上海徐家汇商业有限公司", "310104", "52", 300, "daily_necessities"),
    ("上海闵行机械制造有限公司", "310112", "34", 950, None),
    ("上海莘庄生物制药有限公司", "310112", "27", 680, "epidemic_prevention"),
    ("上海紫竹信息技术有限公司", "310112", "65", 350, None),
    ("上海嘉定汽车零部件有限公司", "310114", "36", 3100, None),
    ("上海安亭汽车销售有限公司", "310114", "52", 210, None),
    ("上海嘉定环卫服务有限公司", "310114", "78", 480, "city_operations"),
    ("上海外滩酒店有限公司", "310101", "61", 390, None),
    ("上海南京路百货有限公司", "310101", "52", 720, "daily_necessities"),
    ("上海黄浦餐饮管理有限公司", "310101", "62", 260, None),
    ("上海宝山钢结构有限公司", "310113", "33", 1450, None),
    ("上海吴淞港口服务有限公司", "310113", "55", 830, "city_operations"),
    ("上海宝山蔬菜批发有限公司", "310113", "51", 190, "daily_necessities"),
    ("上海松江纺织有限公司", "310117", "17", 1100, None),
    ("上海松江电子商务有限公司", "310117", "52", 260, None),
    ("上海青浦快递服务有限公司", "310118", "60", 2400, "city_operations"),
    ("上海青浦家具制造有限公司", "310118", "21", 520, None),
    ("上海临港新能源有限公司", "310115", "38", 1300, None),
]
# Community monitoring points: (town code, name, migrant workers on the register).
POINTS = [
    ("310115004", "潍坊新村街道", 6200),
    ("310115005", "陆家嘴街道", 4800),
    ("310101002", "南京东路街道", 3100),
    ("310104004", "湖南路街道", 2600),
    ("310112102", "莘庄镇", 15800),
    ("310114102", "安亭镇", 21300),
    ("310117101", "泗泾镇", 12400),
    ("310118102", "朱家角镇", 9700),
]
# Share of pre-holiday staff on duty each week, rising as quarantines ended.
ON_DUTY_SHARE = {"2020-W06": 0.22, "2020-W07": 0.41, "2020-W08": 0.63, "2020-W09": 0.78}


def credit_code(serial: int, district: str) -> str:
    organisation = f"{73000000 + serial * 7919:08d}"
    return with_check_character(
        "91" + district + organisation + organisation_code_check_digit(organisation)
    )


def registration(serial: int) -> dict[str, object]:
    name, district, division, _, category = ENTERPRISES[serial]
    roles = ["return_to_work_monitoring", "unemployment_sample"]
    body: dict[str, object] = {
        "credit_code": credit_code(serial, district),
        "name": name,
        "district_code": district,
        "industry_division": division,
        "size": "large" if ENTERPRISES[serial][3] >= 1000 else "medium",
        "monitoring_roles": [*roles, "key_enterprise"] if category else roles,
        "key_enterprise_category": category,
        "contact": {"name": "李敏", "phone": f"1391234{serial:04d}", "title": "人事经理"},
    }
    return body


def report(serial: int, week: str, rng: random.Random) -> dict[str, object]:
    _, district, _, employees, category = ENTERPRISES[serial]
    share = min(0.98, ON_DUTY_SHARE[week] + (0.15 if category else 0) + rng.uniform(-0.08, 0.08))
    on_duty = int(employees * max(share, 0.05))
    remote = int((employees - on_duty) * 0.2)
    missing = employees - on_duty - remote
    outside = int(missing * 0.55)
    high_risk = int(missing * 0.15)
    quarantine = int(missing * 0.2)
    resumed = week != "2020-W06" or category is not None
    return {
        "credit_code": credit_code(serial, district),
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
        "capacity_ratio": round(min(1.0, share * 1.1), 2),
        "planned_staffing": employees + int(employees * 0.05),
        "recruitment_demand": int(employees * 0.06),
        # 闵行区's enterprises stop finding people in the last week: an early warning follows.
        "hires": int(employees * (0.004 if district == "310112" and week == WEEKS[-1] else 0.02)),
        "separations": int(employees * 0.005),
        "open_vacancies": int(employees * 0.04),
        "surplus_staff_available": 0 if category else int(employees * 0.01),
        "difficulties": ["staff_shortage", "logistics"] if share < 0.5 else ["orders"],
    }


def community_report(point: int, week: str, rng: random.Random) -> dict[str, object]:
    town, _, registered = POINTS[point]
    returned = int(registered * min(0.95, ON_DUTY_SHARE[week] + 0.1 + rng.uniform(-0.05, 0.05)))
    employed = int(returned * (0.55 + 0.4 * ON_DUTY_SHARE[week]))
    seeking = int((returned - employed) * 0.7)
    return {
        "town_code": town,
        "week": week,
        "migrants_registered": registered,
        "returned_to_shanghai": returned,
        "employed": employed,
        "seeking_work": seeking,
        "in_quarantine": int(returned * max(0.0, 0.3 - ON_DUTY_SHARE[week] * 0.3)),
    }


def post(http: httpx.Client, path: str, body: dict[str, object], key: str) -> None:
    idempotency = uuid.uuid5(NAMESPACE, json.dumps(body, sort_keys=True, ensure_ascii=False))
    response = http.post(
        path, json=body, headers={"X-API-Key": key, "Idempotency-Key": str(idempotency)}
    )
    if response.status_code != 202:
        raise SystemExit(f"demo: {path} answered {response.status_code}: {response.text}")


async def issue_keys(settings: GatewaySettings) -> dict[str, object]:
    enterprise_keys = [
        await issue_key(
            settings,
            Principal(PrincipalKind.ENTERPRISE, credit_code=credit_code(i, e[1])),
            f"demo: {e[0]}",
        )
        for i, e in enumerate(ENTERPRISES)
    ]
    city = await issue_key(settings, Principal(PrincipalKind.OFFICIAL), "demo: 市人社局")
    pudong = await issue_key(
        settings, Principal(PrincipalKind.OFFICIAL, district_code="310115"), "demo: 浦东新区人社局"
    )
    points = [
        await issue_key(
            settings, Principal(PrincipalKind.COMMUNITY_POINT, town_code=town), f"demo: {name}"
        )
        for town, name, _ in POINTS
    ]
    return {"enterprises": enterprise_keys, "city": city, "pudong": pudong, "points": points}


def demo_keys(http: httpx.Client) -> dict[str, Any]:
    """The keys of an earlier demo run if they still work, else new ones (kept in .state/)."""
    saved = REPO / ".state" / "demo-keys.json"
    if saved.exists():
        keys: dict[str, Any] = json.loads(saved.read_text())
        probe = http.get(
            "/v1/indicators/return-to-work",
            params={"week": WEEKS[0]},
            headers={"X-API-Key": keys["city"]},
        )
        if (
            probe.status_code == 200
            and len(keys["enterprises"]) == len(ENTERPRISES)
            and len(keys.get("points", ())) == len(POINTS)
        ):
            return keys
    keys = asyncio.run(issue_keys(GatewaySettings()))
    saved.parent.mkdir(exist_ok=True)
    saved.write_text(json.dumps(keys))
    saved.chmod(0o600)
    return keys


HALLS = (
    ("310115-001", "浦东新区就业促进中心", "上海市浦东新区峨山路91弄98号"),
    ("310104-001", "徐汇区就业促进中心", "上海市徐汇区南宁路969号"),
)
STATUSES = (  # what the halls said in February 2020 (二(二)): online first, windows by appointment
    (
        "unemployment_registration",
        {"status": "online_only", "online_url": "https://zwdt.sh.gov.cn"},
    ),
    (
        "skills_training",
        {"status": "suspended", "note": "根据疫情防控要求暂停线下培训，恢复时间另行发布"},
    ),
    (
        "job_introduction",
        {"status": "resumed", "resumes_on": "2020-03-02", "note": "请提前预约，错峰办理"},
    ),
)


def service_halls(http: httpx.Client, city_key: str) -> None:
    """Two halls, their services' status, and appointment slots for the coming three days."""
    headers = {"X-API-Key": city_key}
    for code, name, address in HALLS:
        answer = http.put(
            f"/v1/service-halls/{code}", json={"name": name, "address": address}, headers=headers
        )
        if answer.status_code != 200:
            raise SystemExit(f"demo: hall {code} answered {answer.status_code}: {answer.text}")
        current = http.get("/v1/service-status", params={"district": code[:6]}, headers=headers)
        stated = {(s["hall_code"], s["service"]): s["status"] for s in current.json()["statuses"]}
        for service, body in STATUSES:
            if stated.get((code, service)) == body["status"]:
                continue  # said on an earlier run: not announced twice
            answer = http.put(
                f"/v1/service-halls/{code}/services/{service}/status", json=body, headers=headers
            )
            if answer.status_code != 200:
                raise SystemExit(f"demo: status answered {answer.status_code}: {answer.text}")
        today = datetime.now(SHANGHAI).date()
        for day in (today + timedelta(days=n) for n in (1, 2, 3)):
            for hour, minute in ((9, 0), (9, 30), (10, 0), (14, 0), (14, 30)):
                starts = datetime.combine(day, dt_time(hour, minute), SHANGHAI)
                slot = {
                    "starts_at": starts.isoformat(),
                    "ends_at": (starts + timedelta(minutes=30)).isoformat(),
                    "capacity": 10,
                }
                answer = http.post(f"/v1/service-halls/{code}/slots", json=slot, headers=headers)
                if answer.status_code not in (201, 409):  # 409: opened on an earlier run
                    raise SystemExit(f"demo: slot answered {answer.status_code}: {answer.text}")


def main() -> int:
    rng = random.Random(2020)  # noqa: S311 (demo figures, not secrets)
    with httpx.Client(base_url=GATEWAY, timeout=30) as http:
        keys = demo_keys(http)
        city_key, pudong_key = keys["city"], keys["pudong"]
        # The city bureau registers the monitored enterprises: their roles are its to assign.
        for serial in range(len(ENTERPRISES)):
            post(http, "/v1/enterprises", registration(serial), city_key)
        for town, name, _ in POINTS:
            post(http, "/v1/community-points", {"town_code": town, "name": name}, city_key)
        for week in WEEKS:
            for serial, key in enumerate(keys["enterprises"]):
                post(http, "/v1/weekly-reports", report(serial, week, rng), key)
            for point, key in enumerate(keys["points"]):
                post(http, "/v1/community-reports", community_report(point, week, rng), key)
        service_halls(http, city_key)
        print(
            f"demo: {len(ENTERPRISES)} enterprises and {len(POINTS)} community points "
            f"registered, {(len(ENTERPRISES) + len(POINTS)) * len(WEEKS)} weekly reports accepted"
        )
        latest = WEEKS[-1]
        deadline = time.monotonic() + 60
        while True:
            figures = http.get(
                "/v1/indicators/return-to-work",
                params={"week": latest},
                headers={"X-API-Key": city_key},
            ).json()
            if figures["total"]["enterprises_reporting"] == len(ENTERPRISES):
                break
            if time.monotonic() > deadline:
                raise SystemExit("demo: figures did not appear within 60 s; see `make status`")
            time.sleep(0.5)
    print(f"demo: city return rate (返岗率) in {latest}: {figures['total']['return_rate']:.1%}\n")
    tomorrow = (datetime.now(SHANGHAI).date() + timedelta(days=1)).isoformat()
    print(f"""Fugong is running.
  officials' console    {GATEWAY}/console   (sign in with an official key below)
  API                   {GATEWAY}/v1/…
  its docs              {GATEWAY_ADMIN}/docs
  city official key     {city_key}
  浦东 official key      {pudong_key}
  try                   curl -s -H 'X-API-Key: {city_key}' \\
                          '{GATEWAY}/v1/indicators?week={latest}'
  early warnings        curl -s -H 'X-API-Key: {city_key}' '{GATEWAY}/v1/warnings'
                          (raised within a minute: 闵行区's 招聘满足率 fell in {latest})
  service halls         curl -s -H 'X-API-Key: {city_key}' '{GATEWAY}/v1/service-status'
  appointment slots     curl -s -H 'X-API-Key: {city_key}' \\
                          '{GATEWAY}/v1/service-halls/310115-001/slots?date={tomorrow}'
  metrics               {GATEWAY_ADMIN}/metrics   http://127.0.0.1:8101/metrics
  logs                  .state/logs/
  stop                  make down""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
