"""An in-memory index of open postings: the top k for a seeker without scoring them all.

Every posting sits in four buckets, one per level of its occupation code (大类, 中类, 小类,
职业) in its district. For a seeker the index lists the buckets of the codes they want,
in the districts within their commute, each with the best score any posting in it could
reach (its occupation closeness and its distance are known; the other parts are taken at
their maximum). Buckets are scored best bound first, keeping the k best in a heap, and the
search stops when the k-th best already beats the next bucket's bound: a seeker with many
close postings never looks at the merely same-大类 ones. A bucket of level L only scores
the postings that share exactly L levels with the seeker (deeper ones were scored in their
deeper bucket, which has a higher bound). Within a bucket postings are kept in order of
their top salary, so a seeker's salary floor ends the bucket early, and so does the k-th
best score once the salary part still possible cannot lift a posting past it. The district
(distance) and the code (closeness) are the bucket's, so only the cheap filters are checked
per posting.
Reasons are written only for the k shown.
``scan`` below is the plain reference the tests and the bench compare it with.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from services.matching.domain.recommend import geography
from services.matching.domain.recommend.model import OpenPosting, SeekerProfile
from services.matching.domain.recommend.scoring import (
    BOOST_PRIORITY_GROUP,
    CLOSENESS,
    MAX_SCORE,
    W_DISTANCE,
    W_OCCUPATION,
    W_SALARY,
    Recommendation,
    eligible,
    nearness,
    reasons,
    salary_fit,
    score,
    score_known,
)

_Key = tuple[tuple[str, ...], str]  # (code prefix, district)


class _Bucket:
    """Postings of one code prefix in one district, kept in order of top salary, highest first."""

    __slots__ = ("by_salary", "postings")

    def __init__(self) -> None:
        self.postings: dict[str, OpenPosting] = {}
        self.by_salary: list[OpenPosting] = []

    def put(self, posting: OpenPosting) -> None:
        self.postings[posting.posting_id] = posting
        bisect.insort(self.by_salary, posting, key=_top_salary_first)

    def remove(self, posting_id: str) -> None:
        posting = self.postings.pop(posting_id)
        at = bisect.bisect_left(self.by_salary, _top_salary_first(posting), key=_top_salary_first)
        while self.by_salary[at] is not posting:
            at += 1
        del self.by_salary[at]


def _top_salary_first(posting: OpenPosting) -> int:
    return -posting.salary_max


class PostingIndex:
    def __init__(self, postings: Iterable[OpenPosting] = ()) -> None:
        self._buckets: defaultdict[_Key, _Bucket] = defaultdict(_Bucket)
        self._postings: dict[str, OpenPosting] = {}
        for posting in postings:
            self.put(posting)

    def __len__(self) -> int:
        return len(self._postings)

    def postings(self) -> list[OpenPosting]:
        """Every open posting held, in no particular order."""
        return list(self._postings.values())

    def put(self, posting: OpenPosting) -> None:
        """Add or replace a posting; a posting no longer open leaves the index."""
        self.remove(posting.posting_id)
        if posting.is_open:
            self._postings[posting.posting_id] = posting
            for key in _keys(posting):
                self._buckets[key].put(posting)

    def remove(self, posting_id: str) -> None:
        posting = self._postings.pop(posting_id, None)
        if posting is not None:
            for key in _keys(posting):
                self._buckets[key].remove(posting_id)

    def recommend(self, seeker: SeekerProfile, today: date, k: int = 10) -> list[Recommendation]:
        """The k best eligible postings for the seeker, best first, each with its reasons."""
        best: list[tuple[float, str]] = []  # a min-heap of the k best (score, posting id)
        deeper = _deeper_prefixes(seeker)
        floor, held = seeker.salary_floor, seeker.certificates
        for bound, level, near, key in self._plan(seeker):
            if len(best) == k and best[0][0] > bound:
                break
            unpaid = bound - W_SALARY * salary_fit(
                seeker, self._buckets[key].by_salary[0].salary_max
            )
            for posting in self._buckets[key].by_salary:
                if posting.salary_max < floor:
                    break
                if len(best) == k and best[0][0] > unpaid + W_SALARY * salary_fit(
                    seeker, posting.salary_max
                ):
                    break  # the rest pay no more than this one: none can reach the k best
                if (
                    posting.valid_until < today
                    or not posting.certificates <= held
                    or posting.occupation.parts[: level + 1] in deeper[level]
                ):
                    continue
                entry = (score_known(seeker, posting, today, level, near), posting.posting_id)
                if len(best) < k:
                    heapq.heappush(best, entry)
                elif entry > best[0]:
                    heapq.heapreplace(best, entry)
        return [
            _recommendation(seeker, self._postings[pid], s, today)
            for s, pid in sorted(best, reverse=True)
        ]

    def _plan(self, seeker: SeekerProfile) -> list[tuple[float, int, float, _Key]]:
        """The seeker's buckets with their score bounds, best bound first."""
        districts = geography.reachable(seeker.district, seeker.max_commute_km)
        rest = MAX_SCORE - W_OCCUPATION - W_DISTANCE - W_SALARY
        if seeker.priority_group is None:
            rest -= BOOST_PRIORITY_GROUP  # no posting can target them
        plan: dict[_Key, tuple[float, int, float]] = {}
        for code in seeker.desired:
            for level in range(1, len(code.parts) + 1):
                closeness = W_OCCUPATION * CLOSENESS[level]
                for district in districts:
                    key = (code.parts[:level], district)
                    bucket = self._buckets.get(key)
                    if key in plan or bucket is None or not bucket.postings:
                        continue
                    top = bucket.by_salary[0].salary_max
                    if top < seeker.salary_floor:
                        continue  # nothing here reaches the floor
                    near = nearness(seeker, geography.distance_km(seeker.district, district))
                    pay = W_SALARY * salary_fit(seeker, top)  # the middle is at most the top
                    plan[key] = (closeness + rest + W_DISTANCE * near + pay, level, near)
        return sorted(
            ((bound, level, near, key) for key, (bound, level, near) in plan.items()),
            reverse=True,
        )


def _deeper_prefixes(seeker: SeekerProfile) -> list[frozenset[tuple[str, ...]]]:
    """By level L: the seeker's code prefixes one level deeper than L (shared beyond L)."""
    return [
        frozenset(code.parts[: level + 1] for code in seeker.desired if len(code.parts) > level)
        for level in range(5)
    ]


def _keys(posting: OpenPosting) -> list[_Key]:
    parts = posting.occupation.parts
    return [(parts[:level], posting.district) for level in range(1, len(parts) + 1)]


def _recommendation(
    seeker: SeekerProfile, posting: OpenPosting, value: float, today: date
) -> Recommendation:
    return Recommendation(
        posting.posting_id, seeker.seeker_id, round(value, 4), reasons(seeker, posting, today)
    )


def scan(
    seeker: SeekerProfile, postings: Iterable[OpenPosting], today: date, k: int = 10
) -> list[Recommendation]:
    """The reference: every posting filtered and scored, no index."""
    return _best(((seeker, posting) for posting in postings), today, k, by_seeker=False)


def recommend_seekers(
    posting: OpenPosting, seekers: Iterable[SeekerProfile], today: date, k: int = 10
) -> list[Recommendation]:
    """For a new posting: the k seekers it suits best (same filters and score, other way)."""
    return _best(((seeker, posting) for seeker in seekers), today, k, by_seeker=True)


def _best(
    pairs: Iterable[tuple[SeekerProfile, OpenPosting]], today: date, k: int, *, by_seeker: bool
) -> list[Recommendation]:
    """The k best eligible pairs, ties broken by the id of what is ranked (seeker or posting)."""
    scored = [
        (
            score(seeker, posting, today),
            seeker.seeker_id if by_seeker else posting.posting_id,
            seeker,
            posting,
        )
        for seeker, posting in pairs
        if eligible(seeker, posting, today)
    ]
    best = heapq.nlargest(k, scored, key=lambda item: (item[0], item[1]))
    return [_recommendation(seeker, posting, s, today) for s, _, seeker, posting in best]
