"""The simulated provider's state: what it accepted, the receipts it owes, how it misbehaves."""

from __future__ import annotations

import random
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from services.notify.simulator.settings import Behaviour

BEIJING = timezone(timedelta(hours=8))

TRANSIENT_CODE = "LimitExceeded.DeliveryFrequencyLimit"
PERMANENT_CODE = "FailedOperation.PhoneNumberInBlacklist"
MESSAGES = {
    "Ok": "send success",
    TRANSIENT_CODE: "the number was sent to too often; try again later",
    PERMANENT_CODE: "the number is on the carrier's blacklist",
}


@dataclass(frozen=True)
class Receipt:
    serial_no: str
    phone: str
    session_context: str
    received_at: datetime
    unix_time: int

    def wire(self) -> dict[str, object]:
        return {
            "UserReceiveTime": self.received_at.strftime("%Y-%m-%d %H:%M:%S"),
            "CountryCode": "86",
            "SubscriberNumber": self.phone.removeprefix("+86"),
            "PhoneNumber": self.phone,
            "SerialNo": self.serial_no,
            "ReportStatus": "SUCCESS",
            "Description": "用户短信送达成功",
            "SessionContext": self.session_context,
        }


@dataclass
class Provider:
    behaviour: Behaviour
    rng: random.Random = field(default_factory=random.Random)
    accepted: Counter[tuple[str, str]] = field(default_factory=Counter)
    requests: int = 0
    _receipts: deque[Receipt] = field(default_factory=deque)
    _by_phone: dict[str, list[Receipt]] = field(default_factory=dict)

    def answer_this_request(self) -> bool:
        return self.rng.random() >= self.behaviour.unanswered_rate

    def send(self, phone: str, session_context: str) -> dict[str, object]:
        """One number of a SendSms request: accept it (and owe its receipt) or refuse it."""
        draw = self.rng.random()
        if draw < self.behaviour.permanent_rate:
            code = PERMANENT_CODE
        elif draw < self.behaviour.permanent_rate + self.behaviour.transient_rate:
            code = TRANSIENT_CODE
        else:
            code = "Ok"
        serial = ""
        if code == "Ok":
            serial = f"{uuid.uuid4().hex[:8]}:{self.requests}"
            self.accepted[session_context, phone] += 1
            now = datetime.now(BEIJING)
            receipt = Receipt(serial, phone, session_context, now, int(now.timestamp()))
            self._receipts.append(receipt)
            self._by_phone.setdefault(phone, []).append(receipt)
        return {
            "SerialNo": serial,
            "PhoneNumber": phone,
            "Fee": 1 if code == "Ok" else 0,
            "SessionContext": session_context,
            "Code": code,
            "Message": MESSAGES[code],
            "IsoCode": "CN",
        }

    def pull_receipts(self, limit: int) -> list[Receipt]:
        """Receipts not pulled before (as PullSmsSendStatus: each is handed out once)."""
        pulled: list[Receipt] = []
        while self._receipts and len(pulled) < limit:
            pulled.append(self._receipts.popleft())
        return pulled

    def receipts_of(self, phone: str, begin: int, end: int | None) -> list[Receipt]:
        return [
            r
            for r in self._by_phone.get(phone, [])
            if r.unix_time >= begin and (end is None or r.unix_time <= end)
        ]

    def received(self) -> dict[str, object]:
        by_phone: Counter[str] = Counter()
        for (_, phone), count in self.accepted.items():
            by_phone[phone] += count
        return {
            "requests": self.requests,
            "accepted": sum(self.accepted.values()),
            "by_session_and_phone": [
                {"session_context": s, "phone": p, "count": c}
                for (s, p), c in sorted(self.accepted.items())
            ],
            "by_phone": dict(sorted(by_phone.items())),
        }
