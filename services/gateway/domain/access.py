"""Who a caller is and what they may do.

Enterprise systems act for one enterprise (their credit code); a community monitoring point for
one street or town (its town code). Employment assistants (就业援助员) work in one district;
employment service officers (就业服务专员) look after the key enterprises assigned to them.
Officials read, and may register enterprises and points, within a scope: one district (区人社局)
or the whole city (市人社局). Operations teams read the metrics and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class PrincipalKind(StrEnum):
    ENTERPRISE = "enterprise"
    COMMUNITY_POINT = "community_point"
    ASSISTANT = "assistant"  # 就业援助员: one district
    OFFICER = "officer"  # 就业服务专员: the key enterprises assigned to them
    OFFICIAL = "official"  # 区/市人社局: a district, or the city
    OPERATIONS = "operations"  # metrics only
    JOB_SEEKER = "job_seeker"  # a registered job seeker: their own profile and recommendations


_STAFF_ID = re.compile(r"[A-Za-z0-9-]{1,32}")
_DISTRICT_STAFF = frozenset({PrincipalKind.ASSISTANT, PrincipalKind.OFFICER})
_READ_DISTRICT = frozenset({PrincipalKind.ASSISTANT, PrincipalKind.OFFICIAL})


class Forbidden(Exception):
    """The caller is known but may not do this; the message says why (no personal data)."""


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    credit_code: str | None = None
    district_code: str | None = None
    """For officials: their district, or None for a city-wide scope."""
    town_code: str | None = None
    """For community monitoring points: their street or town."""
    staff_id: str | None = None
    """For assistants and officers: their staff number (工号) within their district."""
    seeker_id: str | None = None
    """For job seekers: the seeker the key was issued to at their registration."""

    def __post_init__(self) -> None:
        if (self.kind is PrincipalKind.ENTERPRISE) != (self.credit_code is not None):
            raise ValueError("an enterprise principal, and only one, has a credit code")
        if (self.kind is PrincipalKind.COMMUNITY_POINT) != (self.town_code is not None):
            raise ValueError("a community point principal, and only one, has a town code")
        staff = self.kind in _DISTRICT_STAFF
        if staff != (self.staff_id is not None):
            raise ValueError("assistants and officers, and only they, have a staff number")
        if staff and self.district_code is None:
            raise ValueError("assistants and officers work in one district")
        if not staff and self.kind is not PrincipalKind.OFFICIAL and self.district_code:
            raise ValueError("only officials, assistants and officers have a district")
        if (self.kind is PrincipalKind.JOB_SEEKER) != (self.seeker_id is not None):
            raise ValueError("a job seeker principal, and only one, has a seeker id")
        if self.staff_id is not None and not _STAFF_ID.fullmatch(self.staff_id):
            raise ValueError("a staff number is 1 to 32 letters, digits or '-'")

    @property
    def is_city_official(self) -> bool:
        return self.kind is PrincipalKind.OFFICIAL and self.district_code is None

    @property
    def id(self) -> str:
        """A stable name for the principal, e.g. 'enterprise:9131…' or 'official:310115'."""
        if self.kind is PrincipalKind.ENTERPRISE:
            return f"enterprise:{self.credit_code}"
        if self.kind is PrincipalKind.COMMUNITY_POINT:
            return f"community_point:{self.town_code}"
        if self.kind in _DISTRICT_STAFF:
            return f"{self.kind.value}:{self.district_code}:{self.staff_id}"
        if self.kind is PrincipalKind.OPERATIONS:
            return "operations"
        if self.kind is PrincipalKind.JOB_SEEKER:
            return f"job_seeker:{self.seeker_id}"
        return f"official:{self.district_code or 'city'}"

    def describe(self) -> str:
        if self.kind is PrincipalKind.ENTERPRISE:
            return f"enterprise {self.credit_code}"
        if self.kind is PrincipalKind.COMMUNITY_POINT:
            return f"community monitoring point {self.town_code}"
        if self.kind is PrincipalKind.ASSISTANT:
            return f"employment assistant {self.staff_id} of district {self.district_code}"
        if self.kind is PrincipalKind.OFFICER:
            return f"employment service officer {self.staff_id} of district {self.district_code}"
        if self.kind is PrincipalKind.OPERATIONS:
            return "operations"
        if self.kind is PrincipalKind.JOB_SEEKER:
            return "a job seeker"
        return f"official of {'the city' if self.district_code is None else self.district_code}"

    def ensure_may_report_for(self, credit_code: str, registered_in: str | None = None) -> None:
        """Reports come from the enterprise itself, or from its district's bureau, which in 2020
        gathered them as spreadsheets and passes them on (the city bureau: any enterprise's).

        `registered_in` is the district the enterprise is registered in now, if any: a bureau
        submits only for enterprises registered in its district; a refusal does not say where
        else the enterprise may be.
        """
        if self.kind is PrincipalKind.ENTERPRISE:
            if self.credit_code != credit_code:
                raise Forbidden(f"this API key may only report for enterprise {self.credit_code}")
            return
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden(
                "weekly reports are submitted by the enterprise's own system or its district bureau"
            )
        if self.district_code is not None and registered_in != self.district_code:
            raise Forbidden(
                f"this API key submits reports of enterprises registered in district "
                f"{self.district_code} only"
            )

    def ensure_may_register(
        self, credit_code: str, district_code: str, registered_in: str | None = None
    ) -> None:
        """An enterprise registers itself; an official registers enterprises in their scope.

        `registered_in` is the district the enterprise is registered in now, if any: an official
        may not take over an enterprise of another district by registering it in their own.
        """
        if self.kind is PrincipalKind.ENTERPRISE:
            if self.credit_code != credit_code:
                raise Forbidden(f"this API key may only register enterprise {self.credit_code}")
            return
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("enterprises are registered by themselves or by their district bureau")
        self.ensure_may_read_district(district_code)
        moving = registered_in is not None and registered_in != district_code
        if moving and self.district_code is not None:
            raise Forbidden(
                f"enterprise {credit_code} is registered in another district; "
                "only the enterprise itself or the city bureau may move it"
            )

    def ensure_may_assign_roles(self, roles: frozenset[str], category: str | None) -> None:
        """Monitoring roles (sample, designated, key enterprise) are assigned by the bureaus.

        An enterprise registering itself leaves them out, and keeps those it was assigned.
        """
        if self.kind is PrincipalKind.ENTERPRISE and (roles or category):
            raise Forbidden(
                "monitoring_roles and key_enterprise_category are assigned by the district "
                "bureau; leave them out (your registration keeps the ones you have)"
            )

    def ensure_may_state_when(self, stated: list[str]) -> None:
        """Dates that put a submission in the past (a monitoring period, a report received on
        paper) are the bureaus' to state, when they enter what reached them after the fact."""
        if stated and self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden(
                f"{', '.join(stated)}: stated by the bureaus only, for what reached them after "
                "the fact; leave it out (the gateway takes the time it receives yours)"
            )

    def ensure_may_read_enterprise(
        self, credit_code: str, registered_in: str | None, officer: str | None = None
    ) -> None:
        """An enterprise reads its own reports; its service officer (`officer`, the principal id
        of the one assigned to it, if it is a key enterprise) and officials of its district too."""
        if self.kind is PrincipalKind.ENTERPRISE:
            if self.credit_code != credit_code:
                raise Forbidden(f"this API key may only read enterprise {self.credit_code}")
            return
        if self.kind is PrincipalKind.OFFICER:
            if officer != self.id:
                raise Forbidden("an officer reads the key enterprises assigned to them only")
            return
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("an enterprise's reports are read by it and by its officials")
        if self.district_code is not None and registered_in != self.district_code:
            raise Forbidden(f"this API key reads enterprises of district {self.district_code} only")

    def ensure_may_read_district(self, district_code: str | None) -> None:
        """Officials read their own district; city officials read everything, or the whole city."""
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("district and city figures are for employment service officials")
        if self.district_code is not None and district_code != self.district_code:
            raise Forbidden(f"this API key reads district {self.district_code} only")

    def ensure_may_register_point(self, town_code: str) -> None:
        """Community points are registered by their district's officials (or the city's)."""
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("community monitoring points are registered by their district bureau")
        self.ensure_may_read_district(town_code[:6])

    def ensure_may_report_for_town(self, town_code: str) -> None:
        """A community point reports for its own street or town."""
        if self.kind is not PrincipalKind.COMMUNITY_POINT:
            raise Forbidden("community reports are submitted by the community monitoring point")
        if self.town_code != town_code:
            raise Forbidden(f"this API key may only report for town {self.town_code}")

    def ensure_may_upload_reports(self) -> None:
        """Sheets of weekly reports come from an enterprise's system, or from the officials who
        gathered them from enterprises (as districts did in 2020)."""
        if self.kind not in (PrincipalKind.ENTERPRISE, PrincipalKind.OFFICIAL):
            raise Forbidden("sheets of weekly reports are uploaded by enterprises and officials")

    def ensure_may_manage_notices(self, credit_code: str) -> None:
        """Rosters and campaigns are an enterprise's own: it alone uploads, sends and cancels."""
        if self.kind is not PrincipalKind.ENTERPRISE:
            raise Forbidden("rosters and campaigns are managed by the enterprise itself")
        if self.credit_code != credit_code:
            raise Forbidden(f"this API key manages the notices of enterprise {self.credit_code}")

    def sees_campaign_numbers(self, credit_code: str, registered_in: str | None) -> bool:
        """Whether the caller reads the campaign's progress with numbers in full (its own
        enterprise) or masked (officials of its district, and the city's); Forbidden else."""
        if self.kind is PrincipalKind.ENTERPRISE and self.credit_code == credit_code:
            return True
        if self.kind is PrincipalKind.OFFICIAL and (
            self.district_code is None or self.district_code == registered_in
        ):
            return False
        raise Forbidden("a campaign's progress is read by its enterprise and its officials")

    def own_enterprise(self) -> str:
        """The caller's enterprise, for what only an enterprise does for itself (its postings)."""
        if self.credit_code is None:
            raise Forbidden("job postings are published by the enterprise's own system")
        return self.credit_code

    def ensure_may_post_jobs_for(self, credit_code: str) -> None:
        """An enterprise publishes and manages its own job postings, no one else's."""
        if self.kind is not PrincipalKind.ENTERPRISE:
            raise Forbidden("job postings are published by the enterprise's own system")
        if self.credit_code != credit_code:
            raise Forbidden(f"this API key may only post jobs for enterprise {self.credit_code}")

    def may_read_posting(self, credit_code: str, district_code: str, officer: str | None) -> bool:
        """Whether a posting is in the caller's scope: its enterprise's, the enterprise's service
        officer's, and the officials' and employment assistants' of the district of the work.

        Raises Forbidden for callers who never read postings (points, operations)."""
        if self.kind is PrincipalKind.ENTERPRISE:
            return self.credit_code == credit_code
        if self.kind is PrincipalKind.OFFICER:
            return officer == self.id
        if self.kind in (PrincipalKind.OFFICIAL, PrincipalKind.ASSISTANT):
            return self.district_code in (None, district_code)
        raise Forbidden("job postings are read by their enterprise and the employment service")

    def ensure_may_review_postings(self, district_code: str | None) -> None:
        """Held postings are reviewed by the officials of the district of the work (or the city)."""
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("held postings are reviewed by employment service officials")
        self.ensure_may_read_district(district_code)

    def ensure_may_read_demand_lists(self, district_code: str | None) -> None:
        """Demand lists are read by officials in their scope and by a district's assistants."""
        if self.kind is PrincipalKind.ASSISTANT:
            if district_code != self.district_code:
                raise Forbidden(f"this API key reads district {self.district_code} only")
            return
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden(
                "demand lists are for officials and employment assistants; a service officer "
                "reads the demand of their enterprises"
            )
        self.ensure_may_read_district(district_code)

    def ensure_may_assign_officers(self, registered_in: str | None) -> None:
        """An enterprise's service officer is assigned by its district's officials or the city's."""
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("service officers are assigned by employment service officials")
        if self.district_code is not None and registered_in != self.district_code:
            raise Forbidden(
                "this API key assigns officers to enterprises of district "
                f"{self.district_code} only"
            )

    def officer_number(self) -> tuple[str, str]:
        """An officer's district and staff number; Forbidden for anyone else."""
        if self.kind is not PrincipalKind.OFFICER or not self.district_code or not self.staff_id:
            raise Forbidden("this is for employment service officers")
        return self.district_code, self.staff_id

    def ensure_may_register_seeker(self, district_code: str) -> None:
        """Employment assistants register the job seekers of their district (seekers register
        themselves through the public self-registration, without a key)."""
        if self.kind is not PrincipalKind.ASSISTANT:
            raise Forbidden("job seekers are registered by their district's employment assistants")
        if self.district_code != district_code:
            raise Forbidden(f"this API key registers job seekers of district {self.district_code}")

    def may_manage_seeker(self, seeker_id: str, district_code: str | None) -> bool:
        """Whether the seeker is the caller's: the seeker themselves, or an assistant of the
        seeker's district (`district_code`, None while matching has not recorded them yet).

        Raises Forbidden for callers who never see job seekers."""
        if self.kind is PrincipalKind.JOB_SEEKER:
            return self.seeker_id == seeker_id
        if self.kind is PrincipalKind.ASSISTANT:
            return district_code is not None and district_code == self.district_code
        raise Forbidden("job seekers are served by their district's employment assistants")

    def is_seeker(self, seeker_id: str) -> bool:
        """Whether the caller is this seeker, with their own key: only they prove a new number
        (an assistant, who knows the seeker, changes it by updating the profile).

        Raises Forbidden for every other kind of caller."""
        if self.kind is PrincipalKind.JOB_SEEKER:
            return self.seeker_id == seeker_id
        raise Forbidden(
            "a job seeker changes their own mobile by proving the new one; an employment "
            "assistant updates the seeker's profile"
        )

    def ensure_may_move_seeker_to(self, district_code: str) -> None:
        """An assistant keeps a seeker in their own district; a seeker moves where they like."""
        if self.kind is PrincipalKind.ASSISTANT and district_code != self.district_code:
            raise Forbidden(
                f"this API key keeps job seekers in district {self.district_code}; "
                "the seeker's new district registers them there"
            )

    def ensure_may_list_seekers(self, district_code: str) -> None:
        if self.kind is not PrincipalKind.ASSISTANT:
            raise Forbidden("job seekers are listed for their district's employment assistants")
        if self.district_code != district_code:
            raise Forbidden(f"this API key reads district {self.district_code} only")

    def may_read_posting_recommendations(
        self, credit_code: str, district_code: str, officer: str | None
    ) -> bool:
        """Who a posting is recommended to is read by the enterprise's service officer and the
        assistants of the district of the work (never by the enterprise: they are people).

        Raises Forbidden for everyone else."""
        if self.kind is PrincipalKind.OFFICER:
            return officer == self.id
        if self.kind is PrincipalKind.ASSISTANT:
            return self.district_code == district_code
        raise Forbidden(
            "a posting's recommended seekers are read by its service officer and the district's "
            "employment assistants"
        )

    # Labour sharing (用工调剂): an enterprise declares and answers for itself; its officer, and
    # the officials and assistants of the district of either side, read.

    def ensure_may_share_staff_for(self, credit_code: str) -> None:
        """Surplus and shortages are declared, closed and answered by the enterprise itself."""
        if self.kind is not PrincipalKind.ENTERPRISE:
            raise Forbidden("labour sharing is declared and answered by the enterprise's system")
        if self.credit_code != credit_code:
            raise Forbidden(f"this API key may only share staff of enterprise {self.credit_code}")

    def sharing_scope(self, district_code: str | None) -> SharingScope:
        """Whose declarations and proposals the caller lists (`district_code` as asked)."""
        if self.kind is PrincipalKind.ENTERPRISE:
            return SharingScope(credit_code=self.credit_code)
        if self.kind is PrincipalKind.OFFICER:
            return SharingScope(officer=self.officer_number())
        if self.kind is PrincipalKind.ASSISTANT:
            if district_code not in (None, self.district_code):
                raise Forbidden(f"this API key reads district {self.district_code} only")
            return SharingScope(district_code=self.district_code)
        if self.kind is not PrincipalKind.OFFICIAL:
            raise Forbidden("labour sharing is read by its enterprises and the employment service")
        self.ensure_may_read_district(district_code or self.district_code)
        return SharingScope(district_code=district_code or self.district_code)

    def may_read_sharing(self, parties: Sequence[tuple[str, str, str | None]]) -> bool:
        """Whether a declaration or proposal is in scope: `parties` are (credit code, district,
        officer's principal id) of its one or two enterprises. Forbidden for callers who never
        read labour sharing."""
        scope = self.sharing_scope(None)
        for credit_code, district, officer in parties:
            if self.kind is PrincipalKind.ENTERPRISE and credit_code == self.credit_code:
                return True
            if self.kind is PrincipalKind.OFFICER and officer == self.id:
                return True
            if self.kind in _READ_DISTRICT and scope.district_code in (None, district):
                return True
        return False


@dataclass(frozen=True)
class SharingScope:
    """Whose labour sharing a caller lists: one enterprise's, an officer's key enterprises', a
    district's (either side in it), or, all None, the city's."""

    credit_code: str | None = None
    officer: tuple[str, str] | None = None
    """(district, staff number)"""
    district_code: str | None = None
