"""The demo city from a seed: pure, no IO. The same seed and size give the same city, body for body.

The 16 districts, enterprises over the industry sections (sizes, key enterprises and their
categories in plausible proportions, each district's mix leaning as it does: services in the
centre, manufacturing and logistics outside), community monitoring points, and weekly reports for
2020-W06 to 2020-W12. The return-to-work curve is modelled, not measured: about a third of staff
back in the first week of February, the large majority by late March, key enterprises ahead and
accommodation and catering behind. Some enterprises report late weeks only or stop reporting. Key
enterprises and one in eight others post jobs; a few postings are worded so that screening holds
or refuses them.

Who the enterprises are is in `enterprises.py`, the weekly reports' curve in `recovery.py`; this
module draws them, in one order, from one generator.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from services.demo_city.enterprises import (
    DISTRICTS,
    ORDINARY_POSTERS,
    STREETS,
    Enterprise,
    Point,
    draw_enterprise,
    posting,
    roster,
)
from services.demo_city.recovery import (
    WEEKS,
    community_report,
    missed_weeks,
    received_at,
    weekly_report,
)


@dataclass(frozen=True)
class City:
    seed: int
    enterprises: tuple[Enterprise, ...]
    points: tuple[Point, ...]
    reports: tuple[tuple[str, str, dict[str, Any]], ...]
    """(credit code, week, weekly report body), in week order."""
    community_reports: tuple[tuple[str, str, dict[str, Any]], ...]
    postings: tuple[tuple[str, dict[str, Any]], ...]
    """(credit code, posting body): every key enterprise's, then some other enterprises'."""
    officers: tuple[tuple[str, str], ...]
    """(credit code, staff id) for every key enterprise."""
    roster_enterprise: str
    roster: tuple[dict[str, Any], ...]
    campaign: dict[str, Any]
    namespace: uuid.UUID = field(default=uuid.UUID("6f1d3c52-8a43-4a4e-9d1b-2020b0206048"))

    @property
    def key_enterprises(self) -> tuple[Enterprise, ...]:
        return tuple(e for e in self.enterprises if e.key_category is not None)

    def idempotency_key(self, *parts: str) -> str:
        """The same for the same seed and submission: a second run changes nothing."""
        return str(uuid.uuid5(self.namespace, "/".join((str(self.seed), *parts))))


def generate(seed: int = 2020, enterprises: int = 2000, *, today: date | None = None) -> City:
    """The city for `seed`, with about `enterprises` enterprises spread over the 16 districts."""
    rng = random.Random(seed)  # noqa: S311 (demo figures, not secrets)
    today = today or date(2020, 3, 20)
    firms: list[Enterprise] = []
    for district in DISTRICTS:
        for _ in range(max(1, round(enterprises * district[2]))):
            firms.append(draw_enterprise(rng, len(firms), district))
    points = tuple(
        Point(
            f"{code}{(100 if not central and n % 2 else 0) + n + 1:03d}",
            f"{name}第{n + 1}{STREETS[0] if central or not n % 2 else STREETS[1]}",
            rng.randint(2000, 20000),
        )
        for code, name, share, central in DISTRICTS
        for n in range(2 if share < 0.08 else 4)
    )
    reports = tuple(
        (e.credit_code, week, weekly_report(e, week, rng))
        for i, week in enumerate(WEEKS)
        for e in firms
        if e.reports_from <= i < e.reports_until and week not in e.skips
    )
    community = tuple(
        (p.town_code, week, community_report(p, week, rng)) for week in WEEKS for p in points
    )
    keys = [e for e in firms if e.key_category is not None]
    postings = tuple((e.credit_code, posting(e, n, rng, today)) for n, e in enumerate(keys))
    officers = tuple((e.credit_code, f"{e.district}-S{n // 5 + 1:03d}") for n, e in enumerate(keys))
    roster_firm = next(e for e in keys if e.district == "310115")
    members = roster(rng, 120)
    # Drawn from a generator of their own, after everything else: the rest of the city (and the
    # Idempotency-Keys it was loaded with) stays as it was before other enterprises posted.
    posting_rng = random.Random(f"{seed}/ordinary-postings")  # noqa: S311 (demo figures)
    ordinary = [e for e in firms if e.key_category is None and e.reports_until == len(WEEKS)]
    postings += tuple(
        (e.credit_code, posting(e, len(keys) + n, posting_rng, today))
        for n, e in enumerate(ordinary[::ORDINARY_POSTERS])
    )
    # The weeks missed on top of those and when each report reached the bureau, likewise: the
    # reports were drawn as before and the missed ones are dropped, so every other body stays.
    missed_rng = random.Random(f"{seed}/missed-weeks")  # noqa: S311 (demo figures)
    firms = [replace(e, skips=e.skips | missed_weeks(missed_rng, e)) for e in firms]
    skipped = {e.credit_code: e.skips for e in firms}
    received_rng = random.Random(f"{seed}/received")  # noqa: S311 (demo figures)
    reports = tuple(
        (code, week, {**body, "received_at": received_at(received_rng, week)})
        for code, week, body in reports
        if week not in skipped[code]
    )
    return City(
        seed=seed,
        enterprises=tuple(firms),
        points=points,
        reports=reports,
        community_reports=community,
        postings=postings,
        officers=officers,
        roster_enterprise=roster_firm.credit_code,
        roster=members,
        campaign={
            "template": "return_to_work",
            "values": {
                "enterprise_name": roster_firm.name,
                "return_date": "2月24日",
                "site": "浦东新区工业路一号厂区",
                "instructions": "请携带随申码，到岗后先测体温。",
            },
            "audience": {"departments": ["生产部", "仓储部"], "sites": []},
        },
    )
