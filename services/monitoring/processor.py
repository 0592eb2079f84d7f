"""Turns a batch of Kafka records into store records, sending what cannot be used to dead letters.

Bad input (unreadable JSON, an envelope or payload that fails validation, an event type the topic
does not carry) goes to the topic's dead-letter topic with the reason, and the batch goes on.
Failures of the store are not the records' fault: they are retried with backoff until the store
answers, and the batch is not acknowledged meanwhile, so nothing is lost and nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

import structlog
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, wait_exponential

from services.contracts.enterprises import (
    DESIGNATED_TO_REPORT,
    ENTERPRISE_REGISTERED,
    EnterpriseRegistration,
    Registrant,
)
from services.contracts.envelope import CloudEvent, parse_event
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED, WeeklyReport
from services.monitoring import metrics
from services.monitoring.domain.figures import EnterpriseProfile, ReportFigures
from services.monitoring.domain.records import Record, RecordRegistration, RecordWeeklyReport
from services.monitoring.store import MonitoringStore, RecordsRejected, StoreUnavailable
from services.platform.kafka import DeadLetter

log = structlog.get_logger(__name__)

CONSUMER = "monitoring"

PayloadT = TypeVar("PayloadT", bound=BaseModel)


@dataclass(frozen=True)
class IncomingRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes


class DeadLetterSink(Protocol):
    async def send(self, letter: DeadLetter) -> None: ...


class UnusableRecord(ValueError):
    pass


class ReportProcessor:
    """Applies batches from `enterprise.registrations` and `monitoring.enterprise-reports`."""

    def __init__(
        self,
        store: MonitoringStore,
        dead_letters: DeadLetterSink,
        *,
        registrations_topic: str,
        reports_topic: str,
    ) -> None:
        self._store = store
        self._dead_letters = dead_letters
        self._registrations_topic = registrations_topic
        self._reports_topic = reports_topic

    async def process(self, batch: Sequence[IncomingRecord]) -> int:
        """Record the usable records of a batch; return how many were new."""
        decoded: list[tuple[IncomingRecord, Record]] = []
        for incoming in batch:
            try:
                decoded.append((incoming, self._decode(incoming)))
            except UnusableRecord as exc:
                await self._dead_letter(incoming, str(exc))
        try:
            new = await self._record_with_retries([record for _, record in decoded])
            rejected = 0
        except RecordsRejected:
            new, rejected = await self._record_one_by_one(decoded)
        metrics.EVENTS_RECORDED.labels("new").inc(new)
        metrics.EVENTS_RECORDED.labels("duplicate").inc(len(decoded) - rejected - new)
        return new

    async def _record_one_by_one(
        self, decoded: list[tuple[IncomingRecord, Record]]
    ) -> tuple[int, int]:
        """Find the records the store refuses, dead-letter them, and record the rest."""
        new = rejected = 0
        for incoming, record in decoded:
            try:
                new += await self._record_with_retries([record])
            except RecordsRejected as exc:
                rejected += 1
                await self._dead_letter(incoming, str(exc))
        return new, rejected

    def _decode(self, incoming: IncomingRecord) -> Record:
        if incoming.topic == self._registrations_topic:
            registration = _parse(incoming.value, EnterpriseRegistration, ENTERPRISE_REGISTERED)
            return _registration_record(registration)
        if incoming.topic == self._reports_topic:
            report = _parse(incoming.value, WeeklyReport, WEEKLY_REPORT_SUBMITTED)
            return _report_record(report)
        raise UnusableRecord(f"monitoring does not consume topic {incoming.topic}")

    async def _record_with_retries(self, records: list[Record]) -> int:
        if not records:
            return 0
        async for attempt in AsyncRetrying(
            wait=wait_exponential(multiplier=0.2, max=10),
            retry=retry_if_exception_type(StoreUnavailable),
            before_sleep=lambda state: log.warning(
                "store unavailable; retrying batch",
                attempt=state.attempt_number,
                error=type(state.outcome.exception()).__name__ if state.outcome else None,
            ),
        ):
            with attempt:
                return await self._store.record(records)
        raise AssertionError("unreachable: retries never stop")  # pragma: no cover

    async def _dead_letter(self, incoming: IncomingRecord, reason: str) -> None:
        await self._dead_letters.send(
            DeadLetter(
                source_topic=incoming.topic,
                partition=incoming.partition,
                offset=incoming.offset,
                key=incoming.key,
                value=incoming.value,
                reason=reason,
                consumer=CONSUMER,
            )
        )
        log.warning(
            "record sent to dead letters",
            topic=incoming.topic,
            partition=incoming.partition,
            offset=incoming.offset,
            reason=reason,
        )


def _parse(raw: bytes, data_type: type[PayloadT], event_type: str) -> CloudEvent[PayloadT]:
    try:
        event = parse_event(raw, data_type)
    except ValidationError as exc:
        # Name the fields and rules only: input values may hold personal data.
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'event'}: {err['msg']}"
            for err in exc.errors(include_input=False)
        )
        raise UnusableRecord(f"invalid event: {problems}") from exc
    except ValueError as exc:
        raise UnusableRecord(f"not a JSON CloudEvent: {type(exc).__name__}") from exc
    if event.type != event_type:
        raise UnusableRecord(f"unexpected event type {event.type!r}, expected {event_type!r}")
    if event.subject != getattr(event.data, "credit_code", event.subject):
        raise UnusableRecord("event subject differs from the credit code in its data")
    return event


def _registration_record(event: CloudEvent[EnterpriseRegistration]) -> RecordRegistration:
    data = event.data
    return RecordRegistration(
        event_id=event.id,
        profile=EnterpriseProfile(
            credit_code=data.credit_code,
            district_code=data.district_code,
            industry_section=data.industry_section,
            registered_at=event.time,
            designated=bool(data.monitoring_roles & DESIGNATED_TO_REPORT),
        ),
        name=data.name,
        industry_division=data.industry_division,
        size=data.size.value,
        monitoring_roles=tuple(sorted(role.value for role in data.monitoring_roles)),
        key_enterprise_category=(
            data.key_enterprise_category.value if data.key_enterprise_category else None
        ),
        assigns_roles=data.registered_by is Registrant.BUREAU,
    )


def _report_record(event: CloudEvent[WeeklyReport]) -> RecordWeeklyReport:
    data = event.data
    return RecordWeeklyReport(
        event_id=event.id,
        figures=ReportFigures(
            credit_code=data.credit_code,
            week=data.week,
            reported_at=event.time,
            employees_before_holiday=data.employees_before_holiday,
            on_duty=data.on_duty,
            working_remotely=data.working_remotely,
            not_yet_returned=data.not_yet_returned.total,
            resumed=data.resumed,
            planned_staffing=data.planned_staffing,
            recruitment_demand=data.recruitment_demand,
            hires=data.hires,
            open_vacancies=data.open_vacancies,
            surplus_staff_available=data.surplus_staff_available,
        ),
        payload=data.model_dump(mode="json"),
    )
