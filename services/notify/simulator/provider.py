"""The simulated providers' state: what each accepted, the receipts owed, how they misbehave.

Each provider's wire format is in its own module (`tencent.py`, `aliyun.py`, `wechat.py`); this
one keeps what they share: the draws (refused for now, for good, or accepted), the ledger of
what was accepted per provider and (reference, address) so tests count duplicates, and the SMS
receipts, handed out late, sometimes twice and out of order.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from services.notify.simulator.settings import Behaviour

BEIJING = timezone(timedelta(hours=8))


class Draw(StrEnum):
    OK = "ok"
    TRANSIENT = "transient"
    PERMANENT = "permanent"


@dataclass(frozen=True)
class Accepted:
    """One address a provider accepted: it reached (or will reach) the handset."""

    provider: str
    serial_no: str
    address: str
    reference: str
    """The request's own reference: SessionContext, OutId, the WeChat remark."""
    at: datetime
    undelivered: bool = False

    @property
    def unix_time(self) -> int:
        return int(self.at.timestamp())


@dataclass
class Provider:
    behaviour: Behaviour
    rng: random.Random = field(default_factory=random.Random)
    accepted: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)
    unanswered: Counter[str] = field(default_factory=Counter)
    """Requests held without an answer (their addresses accepted all the same), per provider."""
    _receipts: dict[str, list[tuple[float, int, Accepted]]] = field(default_factory=dict)
    _sequence: itertools.count[int] = field(default_factory=itertools.count)
    _by_address: dict[tuple[str, str], list[Accepted]] = field(default_factory=dict)
    _replies: list[tuple[str, str, datetime]] = field(default_factory=list)
    inboxes: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    """What each handset was sent by SMS: template id and slot values, in order (the test reads
    a verification code here, as the seeker reads it on their phone)."""

    def deliver(self, address: str, template_id: str, values: list[str]) -> None:
        self.inboxes.setdefault(address, []).append({"template_id": template_id, "values": values})

    def reply(self, phone: str, content: str) -> None:
        """A recipient answers an SMS (tests send "TD"); handed out once by the reply pull."""
        self._replies.append((phone, content, datetime.now(BEIJING)))

    def pull_replies(self, limit: int) -> list[tuple[str, str, datetime]]:
        pulled, self._replies = self._replies[:limit], self._replies[limit:]
        return pulled

    def in_outage(self, provider: str) -> bool:
        return provider in self.behaviour.outage

    def answer_this_request(self, provider: str) -> bool:
        """Whether this accepted request is answered; one that is not is counted."""
        answered = self.rng.random() >= self.behaviour.unanswered_rate
        if not answered:
            self.unanswered[provider] += 1
        return answered

    def draw(self) -> Draw:
        draw = self.rng.random()
        if draw < self.behaviour.permanent_rate:
            return Draw.PERMANENT
        if draw < self.behaviour.permanent_rate + self.behaviour.transient_rate:
            return Draw.TRANSIENT
        return Draw.OK

    def accept(
        self, provider: str, address: str, reference: str, *, undelivered: bool = False
    ) -> Accepted:
        """Record an accepted address and owe its receipt."""
        self.accepted[provider, reference, address] += 1
        record = Accepted(
            provider,
            f"{uuid.uuid4().hex[:12]}:{self.requests[provider]}",
            address,
            reference,
            datetime.now(BEIJING),
            undelivered,
        )
        self._by_address.setdefault((provider, address), []).append(record)
        owed = self._receipts.setdefault(provider, [])
        due = time.monotonic() + self.behaviour.receipt_delay_seconds
        heapq.heappush(owed, (due, next(self._sequence), record))
        if self.rng.random() < self.behaviour.duplicate_receipt_rate:
            heapq.heappush(owed, (due + self.rng.random(), next(self._sequence), record))
        return record

    def pull_receipts(self, provider: str, limit: int) -> list[Accepted]:
        """Due receipts not pulled before, in no particular order (as carriers report them)."""
        now = time.monotonic()
        owed = self._receipts.get(provider, [])
        pulled: list[Accepted] = []
        while owed and owed[0][0] <= now and len(pulled) < limit:
            pulled.append(heapq.heappop(owed)[2])
        self.rng.shuffle(pulled)
        return pulled

    def sent_to(self, provider: str, address: str, begin: int, end: int | None) -> list[Accepted]:
        return [
            r
            for r in self._by_address.get((provider, address), [])
            if r.unix_time >= begin and (end is None or r.unix_time <= end)
        ]

    def received(self) -> dict[str, object]:
        """Per provider: requests, what it accepted, and how often each address got it."""
        answer: dict[str, object] = {}
        by_provider: dict[str, Counter[str]] = {}
        for (provider, _, address), count in self.accepted.items():
            by_provider.setdefault(provider, Counter())[address] += count
        for provider in sorted(set(self.requests) | set(by_provider)):
            counts = by_provider.get(provider, Counter())
            answer[provider] = {
                "requests": self.requests[provider],
                "unanswered": self.unanswered[provider],
                "accepted": sum(counts.values()),
                "by_address": dict(sorted(counts.items())),
                "by_reference_and_address": [
                    {"reference": r, "address": a, "count": c}
                    for (p, r, a), c in sorted(self.accepted.items())
                    if p == provider
                ],
            }
        return answer
