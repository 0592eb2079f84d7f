"""Matching's own metrics: what screening and the officials decided (no posting text, no ids)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from prometheus_client import Counter

from services.matching.domain.postings import SCREENING, Decision

POSTING_DECISIONS = Counter(
    "fugong_matching_posting_decisions",
    "Decisions on postings by outcome (held, published, refused, filled, closed, ignored) and "
    "by whom (screening, or an official reviewing a held posting).",
    ["outcome", "by"],
)


def count_decisions(decisions: Iterable[Decision]) -> None:
    for decision in decisions:
        by = SCREENING if decision.decided_by == SCREENING else "official"
        POSTING_DECISIONS.labels(decision.outcome, by).inc()


FAIR_EVENTS = Counter(
    "fugong_matching_fair_events",
    "Job fair events by outcome: scheduled, joined (an enterprise new to the fair), registered, "
    "interest, or ignored (with its reason in matching.fair_ignored_events).",
    ["outcome"],
)


def count_fair_events(tally: Mapping[str, int]) -> None:
    for outcome, count in tally.items():
        if count:
            FAIR_EVENTS.labels(outcome).inc(count)


OUTBOX_DEAD_LETTERS = Counter(
    "fugong_matching_outbox_dead_letters",
    "Outbox rows set aside after failing to publish FUGONG_OUTBOX_ATTEMPTS_BEFORE_DEAD_LETTER "
    "times (matching.outbox_failures says why).",
    ["outbox"],
)

POSTINGS_EXPIRED = Counter(
    "fugong_matching_posting_expiries_published",
    "Closes published for postings past their valid-until date (a close published again before "
    "the processor applied it, e.g. by two workers at once, counts again; it is applied once).",
)
