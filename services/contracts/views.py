"""The database catalogue: each service's schema and role, the views it publishes, who reads them.

This is the one place cross-service reads are declared. The migration step
(`python -m services.platform.migrate`) derives every grant from it: a service's role gets the
rows of its own schema and SELECT on exactly the views declared here with it as a reader; a
guard test checks that every `<schema>.<name>_v` a service's code reads is declared.
"""

from __future__ import annotations

from dataclasses import dataclass

DATABASE_SERVICES = ("gateway", "monitoring", "notify", "matching")
"""Services with a schema of their own (named after the service) and a role of their own."""


@dataclass(frozen=True)
class PublishedView:
    name: str
    """Qualified: `<owner schema>.<view>`."""
    readers: frozenset[str]

    @property
    def owner(self) -> str:
        return self.name.split(".", 1)[0]


def _view(name: str, *readers: str) -> PublishedView:
    return PublishedView(name, frozenset(readers))


PUBLISHED_VIEWS = (
    _view("monitoring.indicators_v", "gateway"),
    _view("monitoring.community_indicators_v", "gateway"),
    _view("monitoring.compliance_v", "gateway"),
    _view("monitoring.compliance_summary_v", "gateway"),
    _view("monitoring.warnings_v", "gateway"),
    _view("monitoring.enterprise_registry_v", "gateway"),
    _view("monitoring.weekly_reports_v", "gateway"),
    # 求人倍率 per district and for the city, of matching's two counts below.
    _view("monitoring.job_seeker_ratio_v", "gateway"),
    # (credit_code, district_code, staff_id): one row per key enterprise with its officer.
    _view("matching.key_enterprise_officers_v", "gateway"),
    _view("matching.key_enterprises_v", "gateway"),
    _view("matching.postings_v", "gateway"),
    _view("matching.posting_decisions_v", "gateway"),
    _view("matching.demand_lists_v", "gateway"),
    _view("matching.sharing_declarations_v", "gateway"),
    _view("matching.sharing_proposals_v", "gateway"),
    # (district_code, industry_section, open_postings, open_vacancies): for monitoring's 求人倍率.
    _view("matching.open_vacancies_v", "monitoring"),
    # Online job fairs: registrations and interests carry name and mobile, which the gateway
    # shows in full only to the registrant and (with consent) the enterprise concerned.
    _view("matching.fairs_v", "gateway"),
    _view("matching.fair_postings_v", "gateway"),
    _view("matching.fair_enterprises_v", "gateway"),
    _view("matching.fair_registrations_v", "gateway"),
    _view("matching.fair_interests_v", "gateway"),
    _view("matching.fair_counts_v", "gateway"),
    # (district_code, occupation_group, active_job_seekers): 求人倍率's denominator, beside it.
    _view("matching.active_job_seekers_v", "monitoring"),
    # A seeker's profile (mobile masked) and recommendations; how notify reaches a consenting one.
    _view("matching.job_seekers_v", "gateway"),
    _view("matching.recommendations_v", "gateway"),
    _view("matching.job_seeker_contacts_v", "notify"),
    _view("gateway.appointment_contacts_v", "notify"),
    # Where the gateway's SMS codes go while valid (a self-registration's, a key recovery's, a
    # new number's) and a replaced number's notice, by the id the request names (seeker_id,
    # mobile).
    _view("gateway.self_registration_contacts_v", "notify"),
    # A campaign's owner and counts; its failures carry the number, masked by the gateway for
    # anyone but the owning enterprise; a roster counted by department and site.
    _view("notify.campaigns_v", "gateway"),
    _view("notify.campaign_progress_v", "gateway"),
    _view("notify.campaign_failures_v", "gateway"),
    _view("notify.roster_summary_v", "gateway"),
    _view("notify.message_status_v"),
)


@dataclass(frozen=True)
class RoleLimits:
    """What one service's role may hold of the server: enforced by PostgreSQL, set from here."""

    connections: int
    """Concurrent sessions (CONNECTION LIMIT): every replica's pools and tools together."""
    statement_timeout_ms: int
    """The role's default `statement_timeout`: a runaway query is cancelled, not left running."""


ROLE_LIMITS = {
    # Each gateway process pools up to ten: replicas x FUGONG_HTTP_WORKERS x 10, a rolling
    # update's surge, the key tool and the nightly purge stay under it (two replicas of four
    # workers: 80 + 10 + 2). An HTTP request's statements are short; 15 s is a stuck one.
    "gateway": RoleLimits(connections=100, statement_timeout_ms=15_000),
    # Stream workers: two replicas' pools of four and a surge. A batch commits under advisory
    # locks in one transaction; a minute is far beyond any batch's.
    "monitoring": RoleLimits(connections=20, statement_timeout_ms=60_000),
    "notify": RoleLimits(connections=20, statement_timeout_ms=60_000),
    "matching": RoleLimits(connections=20, statement_timeout_ms=60_000),
}
"""Per service of the database catalogue; the migration step applies them to the roles."""


def role_name(service: str, prefix: str = "") -> str:
    """The PostgreSQL role a service connects as (tests prefix it, as they prefix topics)."""
    if service not in DATABASE_SERVICES:
        raise ValueError(f"{service} is not in the database catalogue")
    return f"{prefix}{service}"


def views_published_by(service: str) -> tuple[PublishedView, ...]:
    return tuple(v for v in PUBLISHED_VIEWS if v.owner == service)


def views_read_by(service: str) -> tuple[PublishedView, ...]:
    return tuple(v for v in PUBLISHED_VIEWS if service in v.readers)
