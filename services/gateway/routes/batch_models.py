"""The batch route's models: what a client sends (BatchRequest, validated loosely, entry data as
submitted), how the whole batch is validated in one pass when every entry is fit (TypedBatch,
each entry's data by its kind's model), and what the client is answered (BatchResult)."""

from __future__ import annotations

import functools
import operator
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from services.gateway.problems import FieldProblem
from services.gateway.submission_kinds import KINDS, KindName, SubmissionKind
from services.gateway.submission_models import COMMUNITY_REPORT_EXAMPLE, WEEKLY_REPORT_EXAMPLE

MAX_ENTRIES = 1000

EntryId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


ENTRY_EXAMPLE: dict[str, Any] = {
    "id": "浦江食品-2020-W07",
    "kind": "weekly_report",
    "idempotency_key": "6f1c9a52-0d7e-4b8e-9a3f-2b61c0e4d7a1",
    "data": WEEKLY_REPORT_EXAMPLE,
}


class BatchEntry(BaseModel):
    """One submission of the batch, named by the client so that its result can be found."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [ENTRY_EXAMPLE]})

    id: EntryId = Field(description="The client's name for the entry, unique in the batch")
    kind: KindName
    idempotency_key: UUID | None = Field(
        None,
        description="As the Idempotency-Key header of the single routes: a retried entry gets "
        "the same event id and is counted once.",
    )
    data: dict[str, Any] = Field(
        description="The submission, as the single route of its kind takes it: EnterpriseIn for "
        "`enterprise_registration`, WeeklyReportIn for `weekly_report`, CommunityPointIn for "
        "`community_point`, CommunityReportIn for `community_report`"
    )


class BatchRequest(BaseModel):
    """Up to 1,000 submissions of any kinds, each answered on its own."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "entries": [
                        ENTRY_EXAMPLE,
                        {
                            "id": "潍坊新村街道-2020-W07",
                            "kind": "community_report",
                            "idempotency_key": "9a0e2c44-51b8-4f3d-8c1e-7d2f6b3a9e05",
                            "data": COMMUNITY_REPORT_EXAMPLE,
                        },
                    ]
                }
            ]
        },
    )

    entries: list[BatchEntry] = Field(min_length=1, max_length=MAX_ENTRIES)


class EntryResult(BaseModel):
    """What became of one entry: its event id, or why it was refused."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "浦江食品-2020-W07",
                    "status": 202,
                    "event_id": "0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10",
                },
                {
                    "id": "申城电子-2020-W07",
                    "status": 403,
                    "detail": "this API key may only report for enterprise 91310115632184514N",
                },
            ]
        }
    )

    id: str
    status: int = Field(description="202 accepted; 403, 422 or 503 refused, as a single request")
    event_id: str | None = None
    detail: str | None = None
    problems: list[FieldProblem] | None = None


class BatchResult(BaseModel):
    """Each entry's outcome, in the order sent."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "accepted": 1,
                    "refused": 1,
                    "entries": [
                        {
                            "id": "浦江食品-2020-W07",
                            "status": 202,
                            "event_id": "0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10",
                        },
                        {
                            "id": "申城电子-2020-W07",
                            "status": 422,
                            "detail": "invalid weekly_report: on_duty: on_duty (230) must not "
                            "exceed employees_before_holiday (200)",
                            "problems": [
                                {
                                    "field": "on_duty",
                                    "location": "body",
                                    "rule": "exceeds_employees",
                                    "message": "on_duty (230) must not exceed "
                                    "employees_before_holiday (200)",
                                }
                            ],
                        },
                    ],
                }
            ]
        }
    )

    accepted: int
    refused: int
    entries: list[EntryResult]


def typed_entry(kind: SubmissionKind) -> type[BaseModel]:
    """An entry of one kind with its data validated as that kind's submission."""
    tag: Any = Literal[kind.name.value]
    return create_model(
        f"{kind.model.__name__}Entry",
        __config__=ConfigDict(extra="forbid"),
        id=(EntryId, ...),
        kind=(tag, ...),
        idempotency_key=(UUID | None, None),
        data=(kind.model, ...),
    )


ANY_ENTRY: Any = Annotated[
    functools.reduce(operator.or_, (typed_entry(kind) for kind in KINDS.values())),
    Field(discriminator="kind"),
]
TypedBatch = create_model(
    "_TypedBatch",
    entries=(list[ANY_ENTRY], Field(min_length=1, max_length=MAX_ENTRIES)),
)
"""The whole batch validated in one pass, entries by their `kind`: the usual, all-valid case.
A batch with an invalid entry is validated again entry by entry, to answer each on its own."""


def document_schemas(openapi: dict[str, Any]) -> None:
    """Put the request's schema (read by the route itself, for speed) into the OpenAPI document."""
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    schema = BatchRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schema.pop("$defs", {}))
    schemas["BatchRequest"] = schema
