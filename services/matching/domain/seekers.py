"""Job seekers as the processor keeps them, and what ranking reads of them and of postings.

A seeker's events each carry the whole profile, so the latest (by event time, then event id)
is the seeker; a withdrawal is the latest word too, and forgets the profile. The conversions
below are the one place a stored seeker or posting becomes a value `recommend` ranks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.contracts.identifiers import SHANGHAI, group_of_occupation
from services.contracts.job_seekers import SeekerProfile as Profile
from services.matching.domain.postings import Posting, PostingStatus
from services.matching.domain.recommend import OccupationCode, OpenPosting, SeekerProfile


@dataclass(frozen=True)
class SeekerChange:
    """A registration, an update (`profile` set) or a withdrawal (`profile` None)."""

    event_id: str
    seeker_id: str
    at: datetime
    profile: Profile | None
    registered_by: str | None = None

    @property
    def withdrawn(self) -> bool:
        return self.profile is None

    def supersedes(self, other: SeekerChange | None) -> bool:
        return other is None or (self.at, self.event_id) >= (other.at, other.event_id)


def primary_group(profile: Profile) -> str:
    """The major group of the occupation wanted most: what the seeker counts under."""
    return group_of_occupation(profile.desired_occupations[0])


def seeker_profile(seeker_id: str, profile: Profile) -> SeekerProfile:
    """What ranking reads of a seeker (origin region carried along, never read by it)."""
    return SeekerProfile(
        seeker_id=seeker_id,
        desired=tuple(OccupationCode.parse(code) for code in profile.desired_occupations),
        district=profile.district_code,
        salary_floor=profile.salary_floor,
        max_commute_km=profile.max_commute_km,
        certificates=frozenset(profile.certificates),
        skills=frozenset(profile.skills),
        priority_group=profile.priority_group,
        origin_region=profile.origin_region,
    )


def open_posting(posting: Posting, key_enterprise: bool) -> OpenPosting:
    """What ranking reads of a posting: open while published with places left."""
    details = posting.details
    opened = posting.changed_at.astimezone(SHANGHAI).date() if posting.changed_at else date.min
    return OpenPosting(
        posting_id=posting.posting_id,
        title=details.title,
        occupation=OccupationCode.parse(details.occupation_code),
        district=details.district_code,
        salary_min=details.salary_min,
        salary_max=details.salary_max,
        opened_on=opened,
        valid_until=details.valid_until,
        is_open=posting.status is PostingStatus.PUBLISHED and posting.open_vacancies > 0,
        certificates=frozenset(details.required_certificates),
        skills=frozenset(details.skills),
        key_enterprise=key_enterprise,
        target_groups=frozenset(details.target_groups),
    )


def day_of(moment: datetime) -> date:
    """The Shanghai calendar day ranking is done for (an event's, so replays rank alike)."""
    return moment.astimezone(SHANGHAI).date()
