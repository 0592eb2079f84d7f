"""Load the demo city into a running local stack and print where to look.

A seeded Shanghai of spring 2020 (services/demo_city): about 2,000 enterprises over the 16
districts and the industry sections, community monitoring points, weekly reports 2020-W06 to W12
on a modelled recovery curve (some late, some missing), postings of key enterprises and of one in
eight others (screening holds or refuses a few), the key enterprises' service officers, and one
enterprise's roster and return-date campaign, which notify sends through the provider simulator;
a few hundred job seekers registered by their districts' employment assistants (matching
recommends postings, notify tells those who consented), labour-sharing declarations that matching
pairs into proposals, and a city job fair open from today with key enterprises' postings.
Everything goes through the gateway's public API; the keys are kept in .state/demo-keys.json.
Running it again sends the same submissions with the same Idempotency-Keys, which changes nothing.

    python deploy/local/demo.py [--seed 2020] [--enterprises 2000] [--gateway URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from services.contracts.identifiers import SHANGHAI  # noqa: E402
from services.demo_city.city import City, generate  # noqa: E402
from services.demo_city.keys import PUDONG, issue_demo_keys  # noqa: E402
from services.demo_city.labour import Labour  # noqa: E402
from services.demo_city.labour import generate as generate_labour  # noqa: E402
from services.demo_city.labour_loader import load_with_labour  # noqa: E402
from services.demo_city.loader import DemoKeys, LoadError, writers  # noqa: E402
from services.demo_city.recovery import WEEKS  # noqa: E402
from services.gateway.settings import GatewaySettings  # noqa: E402

GATEWAY = "http://127.0.0.1:8000"
GATEWAY_ADMIN = "http://127.0.0.1:8100"
"""The gateway's admin port: its documents and metrics (the API port serves neither)."""
SAVED = REPO / ".state" / "demo-keys.json"


async def demo_keys(http: httpx.AsyncClient, city: City, labour: Labour) -> tuple[DemoKeys, str]:
    """The keys of an earlier run for this city if they still work, else new ones (in .state/)."""
    enterprises, points = writers(city, labour)
    if SAVED.exists():
        saved: dict[str, Any] = json.loads(SAVED.read_text())
        probe = await http.get(
            "/v1/indicators/return-to-work",
            params={"week": WEEKS[0]},
            headers={"X-API-Key": saved.get("city", "")},
        )
        if (
            probe.status_code == 200
            and set(saved.get("enterprises", {})) == enterprises
            and set(saved.get("points", {})) == points
            and set(saved.get("assistants", {})) == set(labour.districts)
        ):
            keys = DemoKeys(
                saved["city"], saved["enterprises"], saved["points"], saved["assistants"]
            )
            return keys, saved["pudong"]
    keys, pudong = await issue_demo_keys(GatewaySettings(), city, labour)
    SAVED.parent.mkdir(exist_ok=True)
    SAVED.write_text(
        json.dumps(
            {
                "city": keys.city,
                "pudong": pudong,
                "enterprises": keys.enterprises,
                "points": keys.points,
                "assistants": keys.assistants,
            }
        )
    )
    SAVED.chmod(0o600)
    return keys, pudong


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


async def wait_for_figures(http: httpx.AsyncClient, city: City, key: str) -> dict[str, Any]:
    """The latest week's figures once every report of it is counted (or exit after 60 s)."""
    latest = WEEKS[-1]
    expected = sum(1 for _, week, _ in city.reports if week == latest)
    deadline = time.monotonic() + 60
    while True:
        answer = await http.get(
            "/v1/indicators/return-to-work", params={"week": latest}, headers={"X-API-Key": key}
        )
        figures: dict[str, Any] = answer.json()
        if answer.status_code == 200 and figures["total"]["enterprises_reporting"] == expected:
            return figures
        if time.monotonic() > deadline:
            raise SystemExit("demo: figures did not appear within 60 s; see `make status`")
        await asyncio.sleep(0.5)


async def run(seed: int, size: int, gateway: str) -> int:
    started = time.monotonic()
    city = generate(seed, size, today=date.today())
    labour = generate_labour(city, datetime.now(SHANGHAI).date())
    async with httpx.AsyncClient(base_url=gateway, timeout=60) as http:
        keys, pudong_key = await demo_keys(http, city, labour)
        try:
            loaded, market = await load_with_labour(http, city, labour, keys)
        except LoadError as refused:
            raise SystemExit(f"demo: {refused}") from None
        sent = time.monotonic() - started
        figures = await wait_for_figures(http, city, keys.city)
    counted = time.monotonic() - started
    with httpx.Client(base_url=gateway, timeout=30) as sync_http:
        service_halls(sync_http, keys.city)
    enterprise_key = keys.enterprises[city.roster_enterprise]
    latest = WEEKS[-1]
    print(
        f"demo: {loaded.registrations} enterprises ({len(city.key_enterprises)} key enterprises) "
        f"and {loaded.points} community points in 16 districts; {loaded.weekly_reports} weekly "
        f"and {loaded.community_reports} community reports {WEEKS[0]}…{latest}; "
        f"{len(loaded.postings)} postings; {loaded.officers} service officers assigned; "
        f"a roster of {loaded.roster_members} and campaign {loaded.campaign_id}; "
        f"{len(market.seekers)} job seekers, {len(market.declarations)} labour-sharing "
        f"declarations, job fair {market.fair_id} with {len(market.fair_postings)} postings\n"
        f"demo: sent in {sent:.1f} s, every report counted after {counted:.1f} s; "
        f"city return rate (返岗率) in {latest}: {figures['total']['return_rate']:.1%}\n"
    )
    # A 浦东新区 seeker and their assistant's key (a small city may have none there: its first).
    seeker_id, seeker = next(
        (
            (candidate, body)
            for candidate, body in zip(market.seekers, labour.seekers, strict=True)
            if body["district_code"] == PUDONG
        ),
        (market.seekers[0], labour.seekers[0]),
    )
    assistant_key = keys.assistants[seeker["district_code"]]
    tomorrow = (datetime.now(SHANGHAI).date() + timedelta(days=1)).isoformat()
    print(f"""Fugong is running.
  officials' console    {gateway}/console   (sign in with an official key below;
                          审核队列 {gateway}/console/reviews, 通知进度 …/console/campaigns)
  city official key     {keys.city}
  浦东 official key      {pudong_key}
  enterprise key        {enterprise_key}   ({city.roster_enterprise}, 浦东新区)
  assistant key         {assistant_key}   (就业援助员 of {seeker["district_code"]}'s job seekers)
  API                   {gateway}/v1/…
  its docs              {GATEWAY_ADMIN}/docs
  try                   curl -s -H 'X-API-Key: {keys.city}' \\
                          '{gateway}/v1/indicators?week={latest}'
  early warnings        curl -s -H 'X-API-Key: {keys.city}' '{gateway}/v1/warnings'
                          (within a minute: 闵行区's 招聘满足率, 崇明区's 返岗率, 嘉定区's
                          外来人员就业率 in {latest})
  recommendations       curl -s -H 'X-API-Key: {assistant_key}' \\
                          '{gateway}/v1/job-seekers/{seeker_id}/recommendations'
  sharing proposals     curl -s -H 'X-API-Key: {keys.city}' '{gateway}/v1/sharing/proposals'
  job fair              curl -s -H 'X-API-Key: {keys.city}' '{gateway}/v1/fairs/{market.fair_id}'
  postings to review    curl -s -H 'X-API-Key: {keys.city}' '{gateway}/v1/posting-reviews'
  campaign progress     curl -s -H 'X-API-Key: {enterprise_key}' \\
                          '{gateway}/v1/campaigns/{loaded.campaign_id}'
  appointment slots     curl -s -H 'X-API-Key: {keys.city}' \\
                          '{gateway}/v1/service-halls/310115-001/slots?date={tomorrow}'
  metrics               {GATEWAY_ADMIN}/metrics   http://127.0.0.1:8101/metrics
  logs                  .state/logs/
  stop                  make down""")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Load the demo city into the running stack")
    parser.add_argument("--seed", type=int, default=2020, help="the same seed, the same city")
    parser.add_argument("--enterprises", type=int, default=2000, help="about how many")
    parser.add_argument("--gateway", default=GATEWAY, help="the gateway's API address")
    args = parser.parse_args()
    return asyncio.run(run(args.seed, args.enterprises, args.gateway))


if __name__ == "__main__":
    sys.exit(main())
