"""The gateway fuzzed from its own OpenAPI document (schemathesis), in-process on the fakes:
whatever a client sends, no 5xx, and every answer matches the schema and content type the
document declares (problem documents included)."""

from __future__ import annotations

from typing import Any

import schemathesis
import schemathesis.specs.openapi.checks as openapi_checks
from hypothesis import HealthCheck, settings

from services.gateway.adapters.memory import (
    InMemoryAuditLog,
    InMemoryEnterpriseDistricts,
    InMemoryIdempotency,
    InMemoryKeys,
    InMemoryViews,
    Reachable,
    RecordingPublisher,
)
from services.gateway.adapters.memory_halls import InMemoryAppointments, InMemoryServiceRegister
from services.gateway.adapters.memory_proofs import InMemoryMobileProofs
from services.gateway.adapters.memory_registrations import InMemorySelfRegistrations
from services.gateway.app import create_app
from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.domain.spreadsheets import XLSX_MEDIA_TYPE
from services.gateway.settings import GatewaySettings

KEYS = InMemoryKeys()
REGISTRATIONS = InMemorySelfRegistrations()
CITY = KEYS.issue_now(Principal(PrincipalKind.OFFICIAL))
SETTINGS = GatewaySettings(_env_file=None)
APP = create_app(
    SETTINGS,
    GatewayResources(
        settings=SETTINGS,
        publisher=RecordingPublisher(),
        api_keys=KEYS,
        idempotency_keys=InMemoryIdempotency(),
        views=InMemoryViews(),
        database=Reachable(),
        kafka=Reachable(),
        audit=InMemoryAuditLog(),
        service_register=InMemoryServiceRegister(),
        appointments=InMemoryAppointments(),
        enterprise_districts=InMemoryEnterpriseDistricts(),
        self_registrations=REGISTRATIONS,
        mobile_proofs=InMemoryMobileProofs(REGISTRATIONS),
    ),
)
# The upload takes a file's bytes; fuzzed .xlsx bodies are random bytes like any binary body.
schemathesis.serializer.alias(XLSX_MEDIA_TYPE, "application/octet-stream")
# The document is served on the admin port; the cases it makes go to the public one.
SCHEMA = schemathesis.openapi.from_dict(APP.openapi())
SCHEMA.app = APP
CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.response_schema_conformance,
    openapi_checks.content_type_conformance,
]


@SCHEMA.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_any_request_gets_a_documented_answer_and_never_a_5xx(case: schemathesis.Case[Any]) -> None:
    response = case.call(headers={"X-API-Key": CITY})
    case.validate_response(response, checks=CHECKS)
