"""Load a demo city into a running stack through the gateway's public API, as its users would.

The city bureau registers the enterprises and community points and passes on the enterprises'
weekly reports, in batches of up to 1,000 (`POST /v1/submissions/batch`); each community point
sends its own reports; key enterprises post jobs and are assigned a service officer; one
enterprise uploads its roster and sends a return-date campaign. Every write carries an
Idempotency-Key derived from the seed, so loading the same city again changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from services.demo_city.city import City
from services.demo_city.enterprises import registration
from services.demo_city.labour import Labour

BATCH = 1000
AFTER_THE_FACT = ("after-the-fact",)
"""The edition of registrations stating their monitoring period and of reports stating when they
reached the bureau."""
T = TypeVar("T")
CONCURRENCY = 4


class LoadError(RuntimeError):
    """The gateway refused part of the city: what, and its answer."""


@dataclass(frozen=True)
class DemoKeys:
    """API keys: the city bureau's, the enterprises' and points' that write themselves, and
    each district's employment assistant's (by district code)."""

    city: str
    enterprises: dict[str, str]
    points: dict[str, str]
    assistants: dict[str, str] = field(default_factory=dict)


@dataclass
class Loaded:
    """What the gateway accepted."""

    registrations: int = 0
    points: int = 0
    weekly_reports: int = 0
    community_reports: int = 0
    postings: list[str] = field(default_factory=list)
    officers: int = 0
    roster_members: int = 0
    campaign_id: str | None = None


def writers(city: City, labour: Labour | None = None) -> tuple[set[str], set[str]]:
    """The enterprises (credit codes) and points (town codes) that need keys of their own: the
    city's, and those declaring labour sharing when its labour market is loaded too."""
    enterprises = {code for code, _ in city.postings} | {city.roster_enterprise}
    declaring = set(labour.declaring) if labour else set()
    return enterprises | declaring, {p.town_code for p in city.points}


async def send(
    http: httpx.AsyncClient, method: str, path: str, key: str, idempotency: str, **kw: Any
) -> httpx.Response:
    headers = {"X-API-Key": key, "Idempotency-Key": idempotency}
    for _ in range(20):
        answer = await http.request(method, path, headers=headers, **kw)
        if answer.status_code not in (429, 503):
            return answer
        await asyncio.sleep(float(answer.headers.get("Retry-After", "0.5")))
    raise LoadError(f"{method} {path}: still {answer.status_code} after 20 tries: {answer.text}")


def accepted(answer: httpx.Response, what: str, expected: Iterable[int] = (202,)) -> Any:
    if answer.status_code not in tuple(expected):
        raise LoadError(f"{what}: {answer.status_code} {answer.text[:500]}")
    return answer.json() if answer.content else None


async def _batches(
    http: httpx.AsyncClient,
    city: City,
    key: str,
    kind: str,
    items: Sequence[tuple[str, dict[str, Any]]],
    edition: tuple[str, ...] = (),
) -> int:
    """Send `items` (entry id, body) in batches. `edition` tells bodies of a kind apart from
    the ones an earlier demo sent under the same ids, which their keys would refuse."""

    async def send_batch(start: int) -> int:
        chunk = items[start : start + BATCH]
        entries = [
            {
                "id": entry_id,
                "kind": kind,
                "idempotency_key": city.idempotency_key(kind, *edition, entry_id),
                "data": data,
            }
            for entry_id, data in chunk
        ]
        answer = await send(
            http,
            "POST",
            "/v1/submissions/batch",
            key,
            city.idempotency_key("batch", kind, *edition, str(start)),
            json={"entries": entries},
        )
        result = accepted(answer, f"batch of {kind}", (207,))
        refused = [e for e in result["entries"] if e["status"] != 202]
        if refused:
            raise LoadError(f"{len(refused)} {kind} refused, e.g. {refused[0]}")
        return len(chunk)

    return sum(await gather_few(send_batch(start) for start in range(0, len(items), BATCH)))


async def gather_few(jobs: Iterable[Awaitable[T]]) -> list[T]:
    """Await the jobs (not yet started coroutines), a few at a time."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def run(job: Awaitable[T]) -> T:
        async with gate:
            return await job

    return list(await asyncio.gather(*(run(job) for job in jobs)))


async def load(http: httpx.AsyncClient, city: City, keys: DemoKeys) -> Loaded:
    """Send the whole city; raises LoadError on the first thing the gateway refuses."""
    loaded = Loaded()
    registrations = [(e.credit_code, registration(e, n)) for n, e in enumerate(city.enterprises)]
    loaded.registrations = await _batches(
        http, city, keys.city, "enterprise_registration", registrations, AFTER_THE_FACT
    )
    loaded.points = await _batches(
        http,
        city,
        keys.city,
        "community_point",
        [(p.town_code, {"town_code": p.town_code, "name": p.name}) for p in city.points],
    )
    by_point: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for town, week, body in city.community_reports:
        by_point.setdefault(town, []).append((f"{town}/{week}", body))
    # Registered first: the rest speaks of registered enterprises and points, all at once.
    reports, community, postings, _, roster = await asyncio.gather(
        _batches(
            http,
            city,
            keys.city,
            "weekly_report",
            [(f"{c}/{w}", b) for c, w, b in city.reports],
            AFTER_THE_FACT,
        ),
        gather_few(
            _batches(http, city, keys.points[town], "community_report", reports)
            for town, reports in by_point.items()
        ),
        gather_few(
            _posting(http, city, keys.enterprises[code], n, body)
            for n, (code, body) in enumerate(city.postings)
        ),
        gather_few(_officer(http, city, keys.city, code, staff) for code, staff in city.officers),
        _roster_and_campaign(http, city, keys),
    )
    loaded.weekly_reports, loaded.community_reports = reports, sum(community)
    loaded.postings, loaded.officers = postings, len(city.officers)
    loaded.roster_members, loaded.campaign_id = roster
    return loaded


async def _posting(
    http: httpx.AsyncClient, city: City, key: str, n: int, body: dict[str, Any]
) -> str:
    answer = await send(
        http, "POST", "/v1/postings", key, city.idempotency_key("posting", str(n)), json=body
    )
    return str(accepted(answer, f"posting {n}")["posting_id"])


async def _officer(
    http: httpx.AsyncClient, city: City, key: str, credit_code: str, staff_id: str
) -> None:
    answer = await send(
        http,
        "PUT",
        f"/v1/enterprises/{credit_code}/service-officer",
        key,
        city.idempotency_key("officer", credit_code, staff_id),
        json={"staff_id": staff_id},
    )
    accepted(answer, f"service officer of {credit_code}")


async def _roster_and_campaign(
    http: httpx.AsyncClient, city: City, keys: DemoKeys
) -> tuple[int, str]:
    key = keys.enterprises[city.roster_enterprise]
    answer = await send(
        http,
        "POST",
        "/v1/rosters",
        key,
        city.idempotency_key("roster", "with channels"),  # another body than the first demo's
        params={"mode": "replace"},
        json={"members": list(city.roster)},
    )
    roster = accepted(answer, "roster")
    answer = await send(
        http, "POST", "/v1/campaigns", key, city.idempotency_key("campaign"), json=city.campaign
    )
    campaign = accepted(answer, "campaign")
    return int(roster["members"]), str(campaign["campaign_id"])
