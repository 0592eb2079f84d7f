"""Publishing registrations and reports straight to Kafka, as the gateway does, for tests."""

from __future__ import annotations

from datetime import datetime

from aiokafka import AIOKafkaProducer

from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import CloudEvent, new_event
from services.contracts.topics import ENTERPRISE_REGISTRATIONS, ENTERPRISE_REPORTS, topic_name
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.events import registration_record, report_record
from services.platform.kafka import idempotent_producer
from tests.support.infra import KAFKA


class TestPublisher:
    """Publishes events and remembers what the broker acknowledged (the accepted events)."""

    __test__ = False

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.producer: AIOKafkaProducer = idempotent_producer(KAFKA, "fugong-tests")
        self.registrations: list[CloudEvent[EnterpriseRegistration]] = []
        self.reports: list[CloudEvent[WeeklyReport]] = []

    async def __aenter__(self) -> TestPublisher:
        await self.producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.producer.stop()

    async def register(self, body: dict[str, object], *, time: datetime | None = None) -> None:
        data = EnterpriseRegistration.model_validate(body)
        event = new_event(
            event_type=ENTERPRISE_REGISTERED,
            source="/tests",
            subject=data.credit_code,
            data=data,
            time=time,
        )
        await self.send(topic_name(ENTERPRISE_REGISTRATIONS, self.prefix), event)
        self.registrations.append(event)

    async def report(self, body: dict[str, object], *, event_id: str | None = None) -> str:
        data = WeeklyReport.model_validate(body)
        event = new_event(
            event_type=WEEKLY_REPORT_SUBMITTED,
            source="/tests",
            subject=data.credit_code,
            data=data,
            event_id=event_id,
        )
        await self.send(topic_name(ENTERPRISE_REPORTS, self.prefix), event)
        self.reports.append(event)
        return event.id

    async def send(
        self, topic: str, event: CloudEvent[EnterpriseRegistration] | CloudEvent[WeeklyReport]
    ) -> None:
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
        return {e.id for e in self.registrations} | {e.id for e in self.reports}
