"""The authorisation matrix's table: who calls (`CALLERS`, authorisation_callers.py), what each
endpoint is asked (`MATRIX`: method, path, query, body) and the status each caller gets, in
`CALLERS`' order. Each service's rows are a module of their own (monitoring and the gateway's,
notify's, matching's); `MATRIX` is their union, and an endpoint named twice is an error.
test_authorisation_matrix.py puts the objects in place and runs every case; anyone may register
themselves."""

from __future__ import annotations

import pytest

from tests.unit.gateway.authorisation_callers import CALLERS, Row
from tests.unit.gateway.authorisation_matching_rows import MATCHING_ROWS
from tests.unit.gateway.authorisation_monitoring_rows import MONITORING_ROWS
from tests.unit.gateway.authorisation_notify_rows import NOTIFY_ROWS


def _union(*tables: dict[str, Row]) -> dict[str, Row]:
    matrix: dict[str, Row] = {}
    for table in tables:
        if twice := matrix.keys() & table.keys():
            raise ValueError(f"endpoints in two services' rows: {sorted(twice)}")
        matrix.update(table)
    return matrix


MATRIX = _union(MONITORING_ROWS, NOTIFY_ROWS, MATCHING_ROWS)

CASES = [
    pytest.param(endpoint, caller, expected, id=f"{endpoint}-{caller}")
    for endpoint, (*_, statuses) in MATRIX.items()
    for caller, expected in zip(CALLERS, statuses, strict=True)
]


BATCHED = {
    "register-enterprise": "enterprise_registration",
    "weekly-report": "weekly_report",
    "register-point": "community_point",
    "community-report": "community_report",
}
BATCH_CASES = [
    pytest.param(endpoint, caller, expected, id=f"batch-{endpoint}-{caller}")
    for endpoint in BATCHED
    for caller, expected in zip(CALLERS, MATRIX[endpoint][-1], strict=True)
]
