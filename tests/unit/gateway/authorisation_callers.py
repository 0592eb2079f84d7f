"""Who calls in the authorisation matrix (`CALLERS`, the order every row's statuses follow),
the parties more than one service's rows name, and the shape of a row. The objects belong to
浦东新区 (310115); the last caller is a job seeker of 浦东新区 (their own key)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.gateway.domain.access import PrincipalKind
from tests.support.data import credit_code

PUDONG_FOOD = credit_code(1, "310115")
XUHUI_SHOP = credit_code(3, "310104")
WEIFANG, NANJING_EAST = "310115004", "310101002"
SEEKER = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"  # a job seeker of 浦东新区
PUDONG = {"district": "310115"}

CALLERS: dict[str, tuple[PrincipalKind, dict[str, str]]] = {
    "enterprise": (PrincipalKind.ENTERPRISE, {"credit_code": PUDONG_FOOD}),
    "other-enterprise": (PrincipalKind.ENTERPRISE, {"credit_code": XUHUI_SHOP}),
    "point": (PrincipalKind.COMMUNITY_POINT, {"town_code": WEIFANG}),
    "other-point": (PrincipalKind.COMMUNITY_POINT, {"town_code": NANJING_EAST}),
    "official": (PrincipalKind.OFFICIAL, {"district_code": "310115"}),
    "other-official": (PrincipalKind.OFFICIAL, {"district_code": "310104"}),
    "city": (PrincipalKind.OFFICIAL, {}),
    "assistant": (PrincipalKind.ASSISTANT, {"district_code": "310115", "staff_id": "A0012"}),
    "officer": (PrincipalKind.OFFICER, {"district_code": "310115", "staff_id": "S0007"}),
    "other-officer": (PrincipalKind.OFFICER, {"district_code": "310115", "staff_id": "S0008"}),
    "operations": (PrincipalKind.OPERATIONS, {}),
    "other-assistant": (PrincipalKind.ASSISTANT, {"district_code": "310104", "staff_id": "A0456"}),
    "job-seeker": (PrincipalKind.JOB_SEEKER, {"seeker_id": SEEKER}),
}

# endpoint: (method, path, params, body, status for each caller in CALLERS' order)
Row = tuple[str, str, dict[str, str] | None, Any, tuple[int, ...]]


@dataclass(frozen=True)
class Sheet:
    """A file sent as the body (an upload), where other writes send JSON."""

    content: bytes
    media_type: str
