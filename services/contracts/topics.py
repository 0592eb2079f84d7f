"""The topic catalogue: every Kafka topic Fugong uses, who writes it and who reads it.

This is the one place topic names live. Deployments create topics from it
(`python -m services.platform.topics`), and a guard test checks that every topic has a producer,
a consumer and a deployment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from services.contracts.campaigns import (
    CAMPAIGN_CANCELLED,
    CAMPAIGN_REQUESTED,
    MEMBER_OPTED_IN,
    MEMBER_OPTED_OUT,
    ROSTER_CHUNK_UPLOADED,
)
from services.contracts.community_reports import (
    COMMUNITY_POINT_REGISTERED,
    COMMUNITY_REPORT_SUBMITTED,
)
from services.contracts.deliveries import CAMPAIGN_PROGRESSED, NOTIFICATION_SETTLED
from services.contracts.demand import DEMAND_CHANGED
from services.contracts.enterprises import ENTERPRISE_REGISTERED
from services.contracts.fairs import (
    FAIR_ENTERPRISE_JOINED,
    FAIR_INTEREST_EXPRESSED,
    FAIR_SCHEDULED,
    FAIR_SEEKER_REGISTERED,
)
from services.contracts.job_seekers import (
    JOB_SEEKER_REGISTERED,
    JOB_SEEKER_UPDATED,
    JOB_SEEKER_WITHDRAWN,
)
from services.contracts.key_enterprises import SERVICE_OFFICER_ASSIGNED
from services.contracts.notifications import NOTIFICATION_REQUESTED
from services.contracts.postings import (
    POSTING_CLOSED,
    POSTING_FILLED,
    POSTING_OPENED,
    POSTING_REVIEWED,
    POSTING_REVISED,
)
from services.contracts.sharing import (
    DECLARATION_CLOSED,
    PROPOSAL_ANSWERED,
    SHORTAGE_DECLARED,
    SURPLUS_DECLARED,
)
from services.contracts.warnings import EARLY_WARNING_RAISED, WARNING_ACKNOWLEDGED
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED

OPERATIONS = "operations"
"""Consumer of dead-letter topics: people, through `python -m services.platform.dead_letters`."""

DEFAULT_PARTITIONS = 12


@dataclass(frozen=True)
class TopicSpec:
    name: str
    key: str
    producers: frozenset[str]
    consumers: frozenset[str]
    event_types: tuple[str, ...] = ()
    partitions: int = DEFAULT_PARTITIONS
    retention: timedelta | None = None
    """How long records are kept; None keeps them for ever (compacted topics keep the latest)."""
    compacted: bool = False
    has_dead_letters: bool = True
    consumers_to_come: frozenset[str] = frozenset()
    """Consumers not built yet: their events wait on the topic (its retention) until they are."""

    @property
    def dead_letter_topic(self) -> TopicSpec:
        if not self.has_dead_letters:
            raise ValueError(f"topic {self.name} has no dead-letter topic")
        return TopicSpec(
            name=dead_letter_topic_name(self.name),
            key=self.key,
            producers=self.consumers,
            consumers=frozenset({OPERATIONS}),
            partitions=self.partitions,
            retention=timedelta(days=30),
            has_dead_letters=False,
        )

    def config(self) -> dict[str, str]:
        """Kafka topic-level configuration for this topic."""
        if self.compacted:
            cleanup = "compact" if self.retention is None else "compact,delete"
        else:
            cleanup = "delete"
        retention_ms = -1 if self.retention is None else int(self.retention.total_seconds() * 1000)
        return {"cleanup.policy": cleanup, "retention.ms": str(retention_ms)}


ENTERPRISE_REGISTRATIONS = TopicSpec(
    name="enterprise.registrations",
    key="credit code",
    producers=frozenset({"gateway"}),
    # Notify keeps each enterprise's contact person and mobile (in its schema only) to reach it;
    # matching keeps the key-enterprise register (category, district, industry).
    consumers=frozenset({"monitoring", "notify", "matching"}),
    event_types=(ENTERPRISE_REGISTERED,),
    # Every registration is kept, not only each enterprise's latest: monitoring rebuilds its
    # state from this topic, and an enterprise's own registration keeps the roles a bureau's
    # earlier one assigned, so compaction would lose them. Not for ever: each names a contact
    # person. Monitoring and notify keep what they need in their own schemas.
    retention=timedelta(days=400),
)

ENTERPRISE_REPORTS = TopicSpec(
    name="monitoring.enterprise-reports",
    key="credit code",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"monitoring"}),
    event_types=(WEEKLY_REPORT_SUBMITTED,),
    # Reports are the source every figure is recomputed from; keep two years of them.
    retention=timedelta(days=730),
)

COMMUNITY_POINTS = TopicSpec(
    name="monitoring.community-points",
    key="town code",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"monitoring"}),
    event_types=(COMMUNITY_POINT_REGISTERED,),
    # A point's latest registration is its standing; no personal data in it, so kept for ever.
    compacted=True,
)

COMMUNITY_REPORTS = TopicSpec(
    name="monitoring.community-reports",
    key="town code",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"monitoring"}),
    event_types=(COMMUNITY_REPORT_SUBMITTED,),
    retention=timedelta(days=730),
)

NOTIFY_REQUESTS = TopicSpec(
    name="notify.requests",
    key="recipient",
    # Matching tells enterprises of labour-sharing proposals, and consenting job seekers of
    # postings recommended to them.
    producers=frozenset({"monitoring", "gateway", "matching"}),
    consumers=frozenset({"notify"}),
    event_types=(NOTIFICATION_REQUESTED,),
    # A reminder weeks late is no use to anyone; two weeks leaves time for an outage.
    retention=timedelta(days=14),
)

NOTIFY_CAMPAIGNS = TopicSpec(
    name="notify.campaigns",
    key="credit code",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"notify"}),
    # Roster chunks and campaigns of one enterprise on one partition, in the order accepted:
    # a campaign is expanded after every roster chunk uploaded before it.
    event_types=(
        ROSTER_CHUNK_UPLOADED,
        CAMPAIGN_REQUESTED,
        CAMPAIGN_CANCELLED,
        MEMBER_OPTED_OUT,
        MEMBER_OPTED_IN,
    ),
    # Roster chunks carry names and mobiles: kept only long enough for notify to record them
    # after an outage. Notify's schema holds the roster, and purges it after its retention.
    retention=timedelta(days=3),
)

NOTIFY_DELIVERIES = TopicSpec(
    name="notify.deliveries",
    key="request's event id, or campaign id",
    producers=frozenset({"notify"}),
    consumers=frozenset(),
    # Monitoring's reminders and matching's recommendations learn their outcome here.
    consumers_to_come=frozenset({"monitoring", "matching"}),
    # Published in bulk from notify's tables: a request once settled, a campaign's counts when
    # they change. No names, numbers or texts on it.
    event_types=(NOTIFICATION_SETTLED, CAMPAIGN_PROGRESSED),
    retention=timedelta(days=30),
    has_dead_letters=False,  # its dead-letter topic comes with its consumers
)

EARLY_WARNINGS = TopicSpec(
    name="monitoring.warnings",
    key="district",
    producers=frozenset({"monitoring"}),
    consumers=frozenset(),
    consumers_to_come=frozenset({"notify"}),
    event_types=(EARLY_WARNING_RAISED,),
    retention=timedelta(days=90),
    has_dead_letters=False,  # its dead-letter topic comes with its consumer
)

WARNING_ACKNOWLEDGEMENTS = TopicSpec(
    name="monitoring.warning-acknowledgements",
    key="warning id",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"monitoring"}),
    event_types=(WARNING_ACKNOWLEDGED,),
    # Part of monitoring's state: kept as long as the reports it is rebuilt from.
    retention=timedelta(days=730),
)

POSTINGS = TopicSpec(
    name="matching.postings",
    key="posting id",
    producers=frozenset({"gateway", "matching"}),  # matching: the close of an expired posting
    consumers=frozenset({"matching"}),
    # Keyed by posting so a posting's changes and reviews stay in order on one partition.
    event_types=(
        POSTING_OPENED,
        POSTING_REVISED,
        POSTING_FILLED,
        POSTING_CLOSED,
        POSTING_REVIEWED,
    ),
    # The source the demand lists are recomputed from; no personal data in a posting.
    retention=timedelta(days=730),
)

SERVICE_OFFICERS = TopicSpec(
    name="matching.service-officers",
    key="credit code",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"matching"}),
    event_types=(SERVICE_OFFICER_ASSIGNED,),
    # Who looked after which key enterprise when: kept as long as the postings.
    retention=timedelta(days=730),
)

DEMAND_CHANGES = TopicSpec(
    name="matching.demand-changes",
    key="district",
    producers=frozenset({"matching"}),
    consumers=frozenset(),
    # Monitoring's 求人倍率 reads matching.open_vacancies_v today; live updates come with this.
    consumers_to_come=frozenset({"monitoring"}),
    event_types=(DEMAND_CHANGED,),
    retention=timedelta(days=30),
    has_dead_letters=False,  # its dead-letter topic comes with its consumer
)

FAIRS = TopicSpec(
    name="matching.fairs",
    key="fair id",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"matching"}),
    # One key per fair: its scheduling, enterprises, registrations and interests stay in order.
    event_types=(
        FAIR_SCHEDULED,
        FAIR_ENTERPRISE_JOINED,
        FAIR_SEEKER_REGISTERED,
        FAIR_INTEREST_EXPRESSED,
    ),
    # Registrations name people: kept long enough for a fair (31 days at most) and its follow-up,
    # not for ever; matching keeps what it needs in its own schema.
    retention=timedelta(days=90),
)

LABOUR_OFFERS = TopicSpec(
    name="matching.labour-offers",
    key="credit code",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"matching"}),
    # Keyed by the acting enterprise: its declarations, closures and answers stay in order.
    event_types=(SURPLUS_DECLARED, SHORTAGE_DECLARED, DECLARATION_CLOSED, PROPOSAL_ANSWERED),
    retention=timedelta(days=730),
)

JOB_SEEKERS = TopicSpec(
    name="matching.job-seekers",
    key="seeker id",
    producers=frozenset({"gateway"}),
    consumers=frozenset({"matching"}),
    event_types=(JOB_SEEKER_REGISTERED, JOB_SEEKER_UPDATED, JOB_SEEKER_WITHDRAWN),
    # Each event carries the seeker's mobile: kept only as long as a registration stays useful
    # (matching's schema holds the profile, and forgets it when the seeker withdraws).
    retention=timedelta(days=180),
)

SOURCE_TOPICS: tuple[TopicSpec, ...] = (
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    COMMUNITY_POINTS,
    COMMUNITY_REPORTS,
    NOTIFY_REQUESTS,
    NOTIFY_CAMPAIGNS,
    NOTIFY_DELIVERIES,
    EARLY_WARNINGS,
    WARNING_ACKNOWLEDGEMENTS,
    POSTINGS,
    SERVICE_OFFICERS,
    DEMAND_CHANGES,
    FAIRS,
    LABOUR_OFFERS,
    JOB_SEEKERS,
)


def dead_letter_topic_name(source_topic: str) -> str:
    """Where a consumer puts the records of `source_topic` it cannot use (prefix included)."""
    return f"{source_topic}.dlq"


def catalogue() -> tuple[TopicSpec, ...]:
    """Every topic, dead-letter topics included."""
    dead_letters = tuple(t.dead_letter_topic for t in SOURCE_TOPICS if t.has_dead_letters)
    return SOURCE_TOPICS + dead_letters


def topic_name(spec: TopicSpec, prefix: str = "") -> str:
    """The topic's name on the broker; a prefix separates environments sharing one cluster."""
    return f"{prefix}{spec.name}"


def consumer_group(service: str, prefix: str = "") -> str:
    """The consumer group a service's workers share (its offsets; its ACLs on the broker)."""
    return f"{prefix}fugong-{service}"


def services() -> frozenset[str]:
    """Every service that produces or consumes a topic of the catalogue (people excluded)."""
    return frozenset().union(*(t.producers | t.consumers for t in catalogue())) - {OPERATIONS}
