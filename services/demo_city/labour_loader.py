"""Load the demo city with its labour market (labour.py) through the gateway.

The city goes as loader.py sends it; at the same time the declaring enterprises send their
surplus and shortages and the city bureau schedules the job fair. Once matching has published
every posting screening passes, each district's employment assistant registers its job seekers
and the fair's enterprises join with their published postings. Idempotency-Keys come from the
seed (the fair's also from its day), so loading again changes nothing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from services.demo_city.city import City
from services.demo_city.enterprises import HELD, REFUSED
from services.demo_city.labour import Labour
from services.demo_city.loader import (
    DemoKeys,
    Loaded,
    LoadError,
    accepted,
    gather_few,
    load,
    send,
)

WAIT_SECONDS = 60.0
"""How long to wait for matching to show the fair and publish the postings."""


@dataclass(frozen=True)
class LabourLoaded:
    seekers: list[str]
    """Seeker ids, in the order of `Labour.seekers`."""
    declarations: list[str]
    fair_id: str
    fair_postings: list[str]


async def load_with_labour(
    http: httpx.AsyncClient, city: City, labour: Labour, keys: DemoKeys
) -> tuple[Loaded, LabourLoaded]:
    """Send the city and its labour market: the declarations and the fair's scheduling beside
    the city's batches; the seekers once matching has published every posting screening passes
    (the public-service demand list counts at least as many), so that each is ranked against the
    whole market and told of their best three, not of each better one as it arrives; the fair's
    enterprises then join with their postings."""
    city_loaded, declarations, fair_id = await asyncio.gather(
        load(http, city, keys),
        gather_few(
            _declaration(http, city, keys, n, kind, body)
            for n, (kind, body) in enumerate(labour.declarations)
        ),
        _schedule_fair(http, city, labour, keys),
    )
    published = sum(body["description"] not in (HELD, REFUSED) for _, body in city.postings)
    await _until(
        http,
        keys.city,
        "/v1/demand-lists/public_service",
        lambda body: sum(cell["open_postings"] for cell in body["cells"]) >= published,
        f"the {published} postings screening passes published",
    )
    postings = city_loaded.postings
    brought = [(city.postings[n][0], postings[n]) for n in labour.fair_postings]
    seekers, _ = await asyncio.gather(
        gather_few(_seeker(http, city, keys, n, body) for n, body in enumerate(labour.seekers)),
        gather_few(_join(http, city, keys, fair_id, code, posting) for code, posting in brought),
    )
    market = LabourLoaded(seekers, declarations, fair_id, [posting for _, posting in brought])
    return city_loaded, market


async def _seeker(
    http: httpx.AsyncClient, city: City, keys: DemoKeys, n: int, body: dict[str, Any]
) -> str:
    key = keys.assistants[body["district_code"]]
    answer = await send(
        http, "POST", "/v1/job-seekers", key, city.idempotency_key("seeker", str(n)), json=body
    )
    return str(accepted(answer, f"job seeker {n}")["seeker_id"])


async def _declaration(
    http: httpx.AsyncClient, city: City, keys: DemoKeys, n: int, kind: str, body: dict[str, Any]
) -> str:
    path = "/v1/sharing/surplus" if kind == "surplus" else "/v1/sharing/shortages"
    key = keys.enterprises[body["credit_code"]]
    answer = await send(http, "POST", path, key, city.idempotency_key(kind, str(n)), json=body)
    return str(accepted(answer, f"{kind} declaration {n}")["declaration_id"])


async def _schedule_fair(
    http: httpx.AsyncClient, city: City, labour: Labour, keys: DemoKeys
) -> str:
    opens = labour.fair["starts_at"]
    answer = await send(
        http, "POST", "/v1/fairs", keys.city, city.idempotency_key("fair", opens), json=labour.fair
    )
    fair_id = str(accepted(answer, "job fair")["fair_id"])
    await _until(http, keys.city, f"/v1/fairs/{fair_id}", lambda _: True, "the fair scheduled")
    return fair_id


async def _join(
    http: httpx.AsyncClient, city: City, keys: DemoKeys, fair_id: str, code: str, posting: str
) -> None:
    await _until(
        http,
        keys.city,
        f"/v1/postings/{posting}",
        lambda body: body["status"] == "published",
        f"posting {posting} published",
    )
    answer = await send(
        http,
        "PUT",
        f"/v1/fairs/{fair_id}/enterprises/{code}",
        keys.enterprises[code],
        city.idempotency_key("fair", fair_id, code),
        json={"posting_ids": [posting]},
    )
    accepted(answer, f"{code} joining the fair")


async def _until(
    http: httpx.AsyncClient, key: str, path: str, done: Callable[[Any], bool], what: str
) -> dict[str, Any]:
    """GET `path` until it answers 200 with a body `done` accepts; LoadError after the wait."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        answer = await http.get(path, headers={"X-API-Key": key})
        if answer.status_code == 200 and done(answer.json()):
            body: dict[str, Any] = answer.json()
            return body
        if answer.status_code in (429, 503):
            await asyncio.sleep(float(answer.headers.get("Retry-After", "0.5")))
            continue
        if answer.status_code not in (200, 404):
            raise LoadError(f"{what}: {answer.status_code} {answer.text[:500]}")
        if time.monotonic() > deadline:
            raise LoadError(f"{what}: not within {WAIT_SECONDS:.0f} s ({answer.status_code})")
        await asyncio.sleep(0.25)
