"""Publishing the rows of an uploaded sheet of weekly reports, each as POST /v1/weekly-reports
publishes one report: same topic, event type, audit entry, and idempotency."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import structlog
from starlette.concurrency import run_in_threadpool

from services.contracts.topics import ENTERPRISE_REPORTS
from services.contracts.weekly_reports import WEEKLY_REPORT_SUBMITTED
from services.gateway import campaign
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Forbidden, Principal
from services.gateway.domain.report_columns import BadRow, CellProblem, GoodRow, column_of
from services.gateway.domain.spreadsheets import read_reports
from services.gateway.enterprise_scope import registered_district
from services.gateway.publishing import publish

log = structlog.get_logger(__name__)

UPLOAD_ROWS = uuid.UUID("5b0f3f7e-2c39-4a43-9d0b-6a3c1e0f2020")
"""Namespace of the rows' idempotency keys (uuid5); never change it, or re-uploads of files
sent before the change would be counted twice."""


@dataclass(frozen=True)
class PublishedRow:
    row: int
    event_id: str


RowOutcome = PublishedRow | BadRow


def row_idempotency_key(principal_id: str, file_digest: str, row: int) -> uuid.UUID:
    """The same row of the same file from the same caller is the same submission: a re-upload
    (after a 503, or by mistake) gets the rows' event ids again and is counted once."""
    return uuid.uuid5(UPLOAD_ROWS, f"{principal_id}/{file_digest}/{row}")


async def publish_sheet(
    resources: GatewayResources, principal: Principal, data: bytes, media_type: str
) -> list[RowOutcome]:
    """Every good row the caller may report for, published in the sheet's order; a bad row or
    one outside the caller's scope is listed with its problems. Raises SheetUnreadable for a
    file that is not a sheet of reports, PublishFailed when the broker does not acknowledge."""
    # Parsing a few thousand rows takes a while: not on the event loop, which serves everyone.
    rows = await run_in_threadpool(read_reports, data, media_type)
    digest = hashlib.sha256(data).hexdigest()
    outcomes = [
        await _publish_row(resources, principal, row, digest) if isinstance(row, GoodRow) else row
        for row in rows
    ]
    published = sum(isinstance(outcome, PublishedRow) for outcome in outcomes)
    log.info(
        "sheet of weekly reports uploaded",
        principal=principal.id,
        sha256=digest,
        accepted=published,
        refused=len(outcomes) - published,
    )
    return outcomes


async def _publish_row(
    resources: GatewayResources, principal: Principal, row: GoodRow, file_digest: str
) -> RowOutcome:
    credit_code = row.report.credit_code
    too_early = campaign.before_campaign(row.report, resources.settings.earliest_week)
    if too_early:
        name, why = too_early
        return BadRow(row.row, (CellProblem(name, column_of(name).heading, why),))
    registered_in = await registered_district(resources, credit_code)
    try:
        principal.ensure_may_report_for(credit_code, registered_in)
    except Forbidden as refused:
        heading = column_of("credit_code").heading
        return BadRow(row.row, (CellProblem("credit_code", heading, str(refused)),))
    try:
        principal.ensure_may_state_when(["received_at"] if row.report.received_at else [])
    except Forbidden as refused:
        heading = column_of("received_at").heading
        return BadRow(row.row, (CellProblem("received_at", heading, str(refused)),))
    event_id = await publish(
        resources,
        principal,
        ENTERPRISE_REPORTS,
        event_type=WEEKLY_REPORT_SUBMITTED,
        subject=credit_code,
        data=row.report,
        idempotency_key=row_idempotency_key(principal.id, file_digest, row.row),
        district_code=registered_in,
    )
    return PublishedRow(row.row, event_id)
