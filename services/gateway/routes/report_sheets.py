"""Weekly reports as spreadsheets: the template to fill, and the upload of a filled one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from services.contracts.weekly_reports import WeeklyReport
from services.gateway.api_examples import EVENT_ID, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.report_columns import BadRow
from services.gateway.domain.spreadsheets import (
    CSV_MEDIA_TYPE,
    EXAMPLE_REPORT,
    XLSX_MEDIA_TYPE,
    SheetUnreadable,
    template_csv,
    template_xlsx,
)
from services.gateway.problems import RETRY_LATER
from services.gateway.report_uploads import RowOutcome, publish_sheet
from services.platform.kafka import PublishFailed

router = APIRouter(prefix="/v1/weekly-reports", tags=["submissions"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_TEMPLATE_NAME = "复工周报模板"
_TEMPLATES: dict[str, tuple[str, Callable[[WeeklyReport], bytes]]] = {
    "xlsx": (XLSX_MEDIA_TYPE, template_xlsx),
    "csv": (f"{CSV_MEDIA_TYPE}; charset=utf-8", template_csv),
}


ROW_PROBLEM_EXAMPLE = {
    "field": "on_duty",
    "heading": "本周在岗人数",
    "message": "on_duty (230) must not exceed employees_before_holiday (200)",
}
ACCEPTED_ROW_EXAMPLE = {"row": 2, "status": "accepted", "event_id": EVENT_ID}
REFUSED_ROW_EXAMPLE = {"row": 3, "status": "refused", "errors": [ROW_PROBLEM_EXAMPLE]}


class RowProblemOut(BaseModel):
    """What is wrong in one cell of a row, by field and by the template's heading."""

    model_config = examples(ROW_PROBLEM_EXAMPLE)

    field: str = Field(description="the report's field, e.g. on_duty")
    heading: str = Field(description="the column's heading in the template")
    message: str


class RowAcceptedOut(BaseModel):
    """A row published as a weekly report."""

    model_config = examples(ACCEPTED_ROW_EXAMPLE)

    row: int = Field(description="the row's number as the spreadsheet shows it")
    status: Literal["accepted"] = "accepted"
    event_id: str


class RowRefusedOut(BaseModel):
    """A row refused, with what to fix."""

    model_config = examples(REFUSED_ROW_EXAMPLE)

    row: int = Field(description="the row's number as the spreadsheet shows it")
    status: Literal["refused"] = "refused"
    errors: list[RowProblemOut]


class SheetUploadOut(BaseModel):
    """Each row's outcome, in the sheet's order."""

    model_config = examples(
        {"accepted": 1, "refused": 1, "rows": [ACCEPTED_ROW_EXAMPLE, REFUSED_ROW_EXAMPLE]}
    )

    accepted: int
    refused: int
    rows: list[Annotated[RowAcceptedOut | RowRefusedOut, Field(discriminator="status")]]

    @classmethod
    def of(cls, outcomes: list[RowOutcome]) -> SheetUploadOut:
        rows = [_row_out(outcome) for outcome in outcomes]
        accepted = sum(isinstance(row, RowAcceptedOut) for row in rows)
        return cls(accepted=accepted, refused=len(rows) - accepted, rows=rows)


def _row_out(outcome: RowOutcome) -> RowAcceptedOut | RowRefusedOut:
    if isinstance(outcome, BadRow):
        errors = [RowProblemOut(field=p.field, heading=p.heading, message=p.message)
                  for p in outcome.problems]  # fmt: skip
        return RowRefusedOut(row=outcome.row, errors=errors)
    return RowAcceptedOut(row=outcome.row, event_id=outcome.event_id)


def _attachment(extension: str) -> dict[str, str]:
    # An ASCII name for old clients, the Chinese one (RFC 6266 filename*) for the rest.
    return {
        "Content-Disposition": f'attachment; filename="weekly-report-template.{extension}"; '
        f"filename*=UTF-8''{quote(_TEMPLATE_NAME)}.{extension}"
    }


def _example_for(principal: Principal) -> WeeklyReport:
    """An enterprise's template carries its own credit code: its example row uploads as is."""
    if principal.kind is PrincipalKind.ENTERPRISE:
        return EXAMPLE_REPORT.model_copy(update={"credit_code": principal.credit_code})
    return EXAMPLE_REPORT


@router.get(
    "/template.{extension}",
    response_class=Response,
    responses={
        200: {
            "content": {XLSX_MEDIA_TYPE: _BINARY, CSV_MEDIA_TYPE: _BINARY},
            "description": "the template, as a file to save",
        }
    },
)
async def weekly_report_template(
    extension: Literal["xlsx", "csv"], principal: PrincipalDep
) -> Response:
    """The weekly-report spreadsheet to fill in: Chinese headings and an example row (.xlsx with a
    sheet 说明 on each column, or CSV in UTF-8 with the BOM Excel needs)."""
    principal.ensure_may_upload_reports()
    media_type, write = _TEMPLATES[extension]
    content = write(_example_for(principal))
    return Response(content, media_type=media_type, headers=_attachment(extension))


@router.post(
    "/upload",
    status_code=status.HTTP_207_MULTI_STATUS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "the filled template, as the file's bytes",
            "content": {CSV_MEDIA_TYPE: _BINARY, XLSX_MEDIA_TYPE: _BINARY},
        }
    },
)
async def upload_weekly_reports(
    request: Request, principal: PrincipalDep, resources: ResourcesDep
) -> SheetUploadOut:
    """Upload weekly reports as a spreadsheet (CSV or .xlsx, the template's headings).

    Each good row is published as POST /v1/weekly-reports publishes a report; each bad row, or
    one outside the caller's scope, is listed with its problems (207). An enterprise uploads its
    own rows; a district's officials the rows of enterprises registered in their district; the
    city's officials any. A file that is not a sheet of reports is refused whole (422). Should
    the broker fail part-way (503), upload the same file again: each row's idempotency key comes
    from the caller, the file's SHA-256 and the row number, so rows already published get the
    same event ids and are counted once.
    """
    principal.ensure_may_upload_reports()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        outcomes = await publish_sheet(resources, principal, await request.body(), media_type)
    except SheetUnreadable as unreadable:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"the file cannot be read: {unreadable}"
        ) from None
    except PublishFailed:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "not every row could be confirmed as stored; upload the same file again: rows "
            "already published keep their event ids and are counted once",
            headers=RETRY_LATER,
        ) from None
    return SheetUploadOut.of(outcomes)
