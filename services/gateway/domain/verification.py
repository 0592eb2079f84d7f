"""Proving a mobile number by an SMS code: the rules of a self-registration's verification.

A seeker who registers themselves is kept waiting until they type the 6-digit code sent to the
number they gave. The code lives 10 minutes and is stored only as a keyed hash (HMAC-SHA256
under the gateway's secret, bound to the registration), compared in constant time. A handful
of wrong codes ends the registration; codes to one number are limited per hour and spaced out
(whoever registers, from whichever address), so the service cannot be used to flood a phone.
Pure: the caller brings the clock, the randomness and the stored state.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

CODE_DIGITS = 6


@dataclass(frozen=True)
class Policy:
    code_lifetime: timedelta = timedelta(minutes=10)
    max_attempts: int = 5
    """Wrong codes a registration may be sent before it ends (the seeker registers again)."""
    codes_per_number_per_hour: int = 5
    """Codes sent to one number in any hour, over every registration naming it."""
    min_gap_between_codes: timedelta = timedelta(seconds=60)
    registration_lifetime: timedelta = timedelta(days=1)
    """A registration not verified by then is forgotten (with its number) by the purge."""


class Purpose(StrEnum):
    """Why a self-registered seeker proves a mobile again (a registration is proved once)."""

    KEY_RECOVERY = "key_recovery"
    """The number they proved, for a new key in place of a lost one."""
    MOBILE_CHANGE = "mobile_change"
    """A new number, which replaces the proved one only once proved itself."""


@dataclass(frozen=True)
class Pending:
    """A registration waiting for its code, as stored."""

    code_hash: bytes
    code_expires_at: datetime
    attempts: int
    """Wrong codes tried so far."""


class Outcome(StrEnum):
    VERIFIED = "verified"
    WRONG = "wrong"
    EXPIRED = "expired"
    EXHAUSTED = "exhausted"
    """Too many wrong codes: the registration is over."""


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    attempts_left: int
    counts: bool = False
    """This attempt used up a try (a wrong code while tries were left)."""

    @property
    def message(self) -> str:
        """What the seeker reads (names no value: the code is never echoed)."""
        return {
            Outcome.VERIFIED: "verified",
            Outcome.WRONG: f"the code is not the one sent; {self.attempts_left} tries left",
            Outcome.EXPIRED: "the code has expired; ask for a new one",
            Outcome.EXHAUSTED: "too many wrong codes; start again",
        }[self.outcome]


def new_code(randbelow: Callable[[int], int]) -> str:
    """Six digits, leading zeros kept (`secrets.randbelow` in production)."""
    return f"{randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(key: bytes, registration_id: str, code: str) -> bytes:
    """The keyed hash kept instead of the code; bound to the registration, so a stored hash
    says nothing of another registration's code."""
    message = f"fugong/self-registration-code/v1/{registration_id}/{code}".encode()
    return hmac.new(key, message, hashlib.sha256).digest()


def number_hash(key: bytes, mobile: str) -> bytes:
    """The keyed hash under which codes sent to a number are counted (the count's log keeps no
    number)."""
    return hmac.new(key, f"fugong/verified-number/v1/{mobile}".encode(), hashlib.sha256).digest()


def check(
    pending: Pending, key: bytes, registration_id: str, code: str, now: datetime, policy: Policy
) -> Verdict:
    """The code typed against the registration: expiry and the attempts left are judged before
    the code, so an expired or exhausted registration tells nothing of a guess."""
    left = policy.max_attempts - pending.attempts
    if left <= 0:
        return Verdict(Outcome.EXHAUSTED, 0)
    if now >= pending.code_expires_at:
        return Verdict(Outcome.EXPIRED, left)
    if hmac.compare_digest(code_hash(key, registration_id, code), pending.code_hash):
        return Verdict(Outcome.VERIFIED, left)
    left -= 1
    return Verdict(Outcome.WRONG if left > 0 else Outcome.EXHAUSTED, left, counts=True)


def wait_before_code(sent_to_number: Sequence[datetime], now: datetime, policy: Policy) -> float:
    """Seconds until a code may go to the number, given when codes were sent to it (0: now)."""
    recent = sorted(t for t in sent_to_number if now - t < timedelta(hours=1))
    waits = [0.0]
    if recent:
        waits.append((recent[-1] + policy.min_gap_between_codes - now).total_seconds())
    if len(recent) >= policy.codes_per_number_per_hour:
        oldest_counted = recent[-policy.codes_per_number_per_hour]
        waits.append((oldest_counted + timedelta(hours=1) - now).total_seconds())
    return max(waits)
