"""What screening decides about a posting, and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    """``reject``: clear discrimination; ``hold``: weak evidence, an official reviews it."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    HOLD = "hold"
    REJECT = "reject"


class Strength(StrEnum):
    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True, slots=True)
class Finding:
    """One passage that refuses or disadvantages workers.

    ``rule`` is a stable id (``region.origin``, ``hukou``, ``id_prefix``, ``past_infection``),
    ``field`` the posting field it was found in, ``matched`` the original text span as written,
    ``reason`` a plain-Chinese explanation for the employer and the reviewing official.
    """

    rule: str
    field: str
    matched: str
    reason: str
    strength: Strength = Strength.STRONG


@dataclass(frozen=True, slots=True)
class Screening:
    verdict: Verdict
    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, findings: tuple[Finding, ...]) -> Screening:
        if any(f.strength is Strength.STRONG for f in findings):
            return cls(Verdict.REJECT, findings)
        if findings:
            return cls(Verdict.HOLD, findings)
        return cls(Verdict.PASS, ())
