"""Each seeker's list of recommended postings, kept as postings and seekers change.

A list holds a seeker's `TOP` best eligible postings (`recommend.scan`'s order: score, then
posting id). It is rebuilt from every open posting when the seeker registers or changes, and
when a posting on it closes, fills, is refused or stops suiting them (a posting further down
may move up). A posting that opens or changes while it suits a seeker goes into their list
in its place, the list kept to `TOP`, without looking at the others. Scores are those of the day
an entry was made (recency ages; the order within a list is by score when it was made).

A seeker who consented to be contacted is told of a posting that enters their first `TELL_TOP`
places, once per posting (`Notice`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from services.matching.domain.recommend import (
    OpenPosting,
    Recommendation,
    SeekerProfile,
    eligible,
    scan,
    score,
)
from services.matching.domain.recommend.geography import district_name
from services.matching.domain.recommend.scoring import reasons

TOP = 20
TELL_TOP = 3


@dataclass(frozen=True)
class Notice:
    """A posting to tell a seeker of: the values of notify's `job_recommended` text (no
    personal data: the posting's title, district and pay, and why it suits)."""

    seeker_id: str
    posting_id: str
    parameters: dict[str, str]


def rebuilt(
    seeker: SeekerProfile, postings: Iterable[OpenPosting], today: date
) -> list[Recommendation]:
    """The seeker's list from every open posting."""
    return scan(seeker, postings, today, k=TOP)


def with_posting(
    seeker: SeekerProfile, listed: Sequence[Recommendation], posting: OpenPosting, today: date
) -> list[Recommendation] | None:
    """The list after `posting` opened or changed; None when it must be rebuilt (the posting
    was on it and no longer suits the seeker)."""
    others = [r for r in listed if r.posting_id != posting.posting_id]
    if eligible(seeker, posting, today):
        entry = Recommendation(
            posting.posting_id,
            seeker.seeker_id,
            round(score(seeker, posting, today), 4),
            reasons(seeker, posting, today),
        )
        return ordered([*others, entry])[:TOP]
    return list(listed) if len(others) == len(listed) else None


def ordered(entries: Iterable[Recommendation]) -> list[Recommendation]:
    return sorted(entries, key=lambda r: (r.score, r.posting_id), reverse=True)


def notices(
    before: Sequence[Recommendation],
    after: Sequence[Recommendation],
    postings: dict[str, OpenPosting],
) -> list[Notice]:
    """The postings newly in the first `TELL_TOP` places of a list."""
    known = {r.posting_id for r in before}
    told = []
    for entry in after[:TELL_TOP]:
        if entry.posting_id in known:
            continue
        posting = postings[entry.posting_id]
        told.append(
            Notice(
                entry.seeker_id,
                entry.posting_id,
                {
                    "title": posting.title,
                    "district_name": district_name(posting.district),
                    "salary": f"{posting.salary_min}-{posting.salary_max}",
                    "reason": entry.reasons[0],
                },
            )
        )
    return told


def after_postings(
    seekers: Mapping[str, SeekerProfile],
    lists: Mapping[str, Sequence[Recommendation]],
    postings: Sequence[OpenPosting],
    today: date,
) -> tuple[dict[str, list[Recommendation]], set[str]]:
    """The lists of `seekers` after `postings` opened or changed, and the seekers whose lists
    must be rebuilt instead (a posting left them)."""
    updated: dict[str, list[Recommendation]] = {}
    rebuild: set[str] = set()
    for seeker_id in sorted(seekers):
        listed = list(lists.get(seeker_id, ()))
        for posting in postings:
            moved = with_posting(seekers[seeker_id], listed, posting, today)
            if moved is None:
                rebuild.add(seeker_id)
                break
            listed = moved
        else:
            updated[seeker_id] = listed
    return updated, rebuild
