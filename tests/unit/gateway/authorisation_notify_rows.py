"""The authorisation matrix's rows for notify's endpoints: rosters, opt-outs and campaigns."""

from __future__ import annotations

import uuid

from tests.support.data import return_to_work_campaign
from tests.unit.gateway.authorisation_callers import Row

CAMPAIGN = uuid.UUID("0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10")
ROSTER = {"members": [{"name": "王芳", "mobile": "138 1234 5678", "department": "生产部"}]}
CAMPAIGN_BODY = return_to_work_campaign()

NOTIFY_ROWS: dict[str, Row] = {
    "upload-roster": (
        "POST", "/v1/rosters", None, ROSTER,
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "record-opt-out": (
        "POST", "/v1/rosters/opt-outs", None, {"mobile": "138 1234 5678", "channels": ["voice"]},
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "record-opt-in": (
        "POST", "/v1/rosters/opt-ins", None,
        {
            "mobile": "138 1234 5678", "channels": ["voice"],
            "consent": {"method": "written", "given_at": "2020-02-14T10:30:00+08:00"},
        },
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "roster-summary": (
        "GET", "/v1/rosters", None, None,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "preview-campaign": (
        "POST", "/v1/campaigns/preview", None, CAMPAIGN_BODY,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "create-campaign": (
        "POST", "/v1/campaigns", None, CAMPAIGN_BODY,
        (202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "campaign-progress": (
        "GET", f"/v1/campaigns/{CAMPAIGN}", None, None,
        (200, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "cancel-campaign": (
        "DELETE", f"/v1/campaigns/{CAMPAIGN}", None, None,
        (202, 404, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404, 404),
    ),
}  # fmt: skip
