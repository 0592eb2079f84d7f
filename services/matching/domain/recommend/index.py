"""An in-memory index of open postings: top k for a seeker without scanning them all.

Postings are bucketed by (occupation major group 大类, district). A seeker's candidates are
only the buckets of the major groups they want, in the districts within their commute, so
the hard filters on occupation and distance cost nothing; the others are checked per
candidate, and ``heapq.nlargest`` keeps the best k. Reasons are written only for those k.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from services.matching.domain.recommend import geography
from services.matching.domain.recommend.model import OpenPosting, SeekerProfile
from services.matching.domain.recommend.scoring import Recommendation, eligible, reasons, score


class PostingIndex:
    def __init__(self, postings: Iterable[OpenPosting] = ()) -> None:
        self._buckets: defaultdict[tuple[str, str], dict[str, OpenPosting]] = defaultdict(dict)
        self._where: dict[str, tuple[str, str]] = {}
        for posting in postings:
            self.put(posting)

    def __len__(self) -> int:
        return len(self._where)

    def put(self, posting: OpenPosting) -> None:
        """Add or replace a posting; a posting no longer open leaves the index."""
        self.remove(posting.posting_id)
        if posting.is_open:
            key = (posting.occupation.major, posting.district)
            self._buckets[key][posting.posting_id] = posting
            self._where[posting.posting_id] = key

    def remove(self, posting_id: str) -> None:
        key = self._where.pop(posting_id, None)
        if key is not None:
            del self._buckets[key][posting_id]

    def candidates(self, seeker: SeekerProfile) -> Iterator[OpenPosting]:
        majors = {code.major for code in seeker.desired}
        for district in geography.reachable(seeker.district, seeker.max_commute_km):
            for major in majors:
                bucket = self._buckets.get((major, district))
                if bucket:
                    yield from bucket.values()

    def recommend(self, seeker: SeekerProfile, today: date, k: int = 10) -> list[Recommendation]:
        """The k best eligible postings for the seeker, best first, each with its reasons."""
        scored = (
            (score(seeker, posting, today), posting.posting_id, posting)
            for posting in self.candidates(seeker)
            if eligible(seeker, posting, today)
        )
        best = heapq.nlargest(k, scored, key=lambda item: (item[0], item[1]))
        return [
            Recommendation(
                posting.posting_id, seeker.seeker_id, round(s, 4), reasons(seeker, posting, today)
            )
            for s, _, posting in best
        ]


def recommend_seekers(
    posting: OpenPosting, seekers: Iterable[SeekerProfile], today: date, k: int = 10
) -> list[Recommendation]:
    """For a new posting: the k seekers it suits best (same filters and score, other way)."""
    scored = (
        (score(seeker, posting, today), seeker.seeker_id, seeker)
        for seeker in seekers
        if eligible(seeker, posting, today)
    )
    best = heapq.nlargest(k, scored, key=lambda item: (item[0], item[1]))
    return [
        Recommendation(
            posting.posting_id, seeker.seeker_id, round(s, 4), reasons(seeker, posting, today)
        )
        for s, _, seeker in best
    ]
