"""Publishing registrations and reports straight to Kafka, as the gateway does, for tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaProducer

from services.contracts.community_reports import (
    COMMUNITY_POINT_REGISTERED,
    COMMUNITY_REPORT_SUBMITTED,
    CommunityPointRegistration,
    CommunityReport,
)
from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import CloudEvent, new_event
from services.contracts.notifications import NOTIFICATION_REQUESTED, NotificationRequest
from services.contracts.topics import (
    COMMUNITY_POINTS,
    COMMUNITY_REPORTS,
    ENTERPRISE_REGISTRATIONS,
    ENTERPRISE_REPORTS,
    NOTIFY_REQUESTS,
    topic_name,
)
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring.domain.community import (
    CommunityFigures,
    DistrictWeek,
    compute_community,
    latest_points,
)
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.events import (
    community_point_record,
    community_report_record,
    registration_record,
    report_record,
)
from services.platform.kafka import idempotent_producer
from services.platform.kafka_connection import KafkaConnection
from tests.support.infra import KAFKA


class TestPublisher:
    """Publishes events and remembers what the broker acknowledged (the accepted events); as
    the admin, playing the gateway (and any other producer)."""

    __test__ = False

    def __init__(self, prefix: str, kafka: KafkaConnection = KAFKA) -> None:
        """On the shared broker, unless `kafka` names another (a test's private one)."""
        self.prefix = prefix
        self.producer: AIOKafkaProducer = idempotent_producer(kafka, "fugong-tests")
        self.registrations: list[CloudEvent[EnterpriseRegistration]] = []
        self.reports: list[CloudEvent[WeeklyReport]] = []
        self.points: list[CloudEvent[CommunityPointRegistration]] = []
        self.community_reports: list[CloudEvent[CommunityReport]] = []

    async def __aenter__(self) -> TestPublisher:
        await self.producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.producer.stop()

    async def register(self, body: dict[str, object], *, time: datetime | None = None) -> None:
        # As the gateway publishes a bureau's registration (it sets who registered).
        data = EnterpriseRegistration.model_validate({"registered_by": "bureau", **body})
        event = new_event(
            event_type=ENTERPRISE_REGISTERED,
            source="/tests",
            subject=data.credit_code,
            data=data,
            time=time,
        )
        await self.send(topic_name(ENTERPRISE_REGISTRATIONS, self.prefix), event)
        self.registrations.append(event)

    async def report(
        self, body: dict[str, object], *, event_id: str | None = None, twice: bool = False
    ) -> str:
        """Publish a report; `twice` delivers the very same event again, as a retrying client."""
        data = WeeklyReport.model_validate(body)
        event = new_event(
            event_type=WEEKLY_REPORT_SUBMITTED,
            source="/tests",
            subject=data.credit_code,
            data=data,
            event_id=event_id,
        )
        await self.send(topic_name(ENTERPRISE_REPORTS, self.prefix), event)
        if twice:
            await self.send(topic_name(ENTERPRISE_REPORTS, self.prefix), event)
        self.reports.append(event)
        return event.id

    async def register_point(self, town_code: str, name: str) -> None:
        data = CommunityPointRegistration(town_code=town_code, name=name)
        event = new_event(
            event_type=COMMUNITY_POINT_REGISTERED, source="/tests", subject=town_code, data=data
        )
        await self.send(topic_name(COMMUNITY_POINTS, self.prefix), event)
        self.points.append(event)

    async def community_report(self, body: dict[str, object]) -> str:
        data = CommunityReport.model_validate(body)
        event = new_event(
            event_type=COMMUNITY_REPORT_SUBMITTED,
            source="/tests",
            subject=data.town_code,
            data=data,
        )
        await self.send(topic_name(COMMUNITY_REPORTS, self.prefix), event)
        self.community_reports.append(event)
        return event.id

    async def request_notice(
        self, request: NotificationRequest, *, event_id: str | None = None, times: int = 1
    ) -> str:
        """Ask notify for a notice, as monitoring and the gateway do; `times` redelivers it."""
        event = new_event(
            event_type=NOTIFICATION_REQUESTED,
            source="/tests",
            subject=request.recipient,
            data=request,
            event_id=event_id,
        )
        for _ in range(times):
            await self.send(topic_name(NOTIFY_REQUESTS, self.prefix), event)
        return event.id

    def community_figures(self) -> dict[DistrictWeek, CommunityFigures]:
        points = latest_points(community_point_record(e).point for e in self.points)
        reports = [community_report_record(e).figures for e in self.community_reports]
        return compute_community(points, reports)

    async def send(self, topic: str, event: CloudEvent[Any]) -> None:
        await self.producer.send_and_wait(topic, event.to_json(), key=event.subject.encode())

    def profiles(self) -> dict[str, EnterpriseProfile]:
        latest: dict[str, EnterpriseProfile] = {}
        for event in self.registrations:
            profile = registration_record(event).profile
            current = latest.get(profile.credit_code)
            if current is None or profile.registered_at >= current.registered_at:
                latest[profile.credit_code] = profile
        return latest

    def report_figures(self) -> list[ReportFigures]:
        return [report_record(event).figures for event in self.reports]

    def event_ids(self) -> set[str]:
        return {
            e.id
            for events in (self.registrations, self.reports, self.points, self.community_reports)
            for e in events
        }
