"""Job fairs in memory, for the in-memory MatchingStore (held to PostgreSQL by contract tests)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from services.matching.domain.fairs import (
    FairBook,
    FairRecord,
    FairSummary,
    Ignored,
    apply,
    fair_counts,
    shown_postings,
)
from services.matching.domain.postings import Posting


class InMemoryFairs:
    def __init__(self) -> None:
        self.books: dict[str, FairBook] = defaultdict(FairBook)
        self.ignored: dict[str, list[Ignored]] = defaultdict(list)

    def record(self, records: Iterable[FairRecord]) -> None:
        by_fair: dict[str, list[FairRecord]] = defaultdict(list)
        for record in records:
            by_fair[record.fair_id].append(record)
        for fair_id, mine in by_fair.items():
            self.ignored[fair_id].extend(apply(self.books[fair_id], mine).ignored)

    def summary(self, fair_id: str, postings: Mapping[str, Posting]) -> FairSummary | None:
        book = self.books.get(fair_id)
        if book is None or book.fair is None:
            return None
        registrations = list(book.registrations.values())
        interests = list(book.interests.values())
        return FairSummary(
            fair=book.fair,
            enterprises=tuple(sorted(book.enterprises)),
            shown_postings=tuple(
                e.posting_id for e in shown_postings(book.enrolments.values(), postings)
            ),
            registrations=tuple(sorted(book.registrations)),
            interests=tuple(sorted(book.interests)),
            counts=fair_counts(registrations, interests, book.enrolments),
            ignored={i.event_id: i.reason for i in self.ignored[fair_id]},
        )
