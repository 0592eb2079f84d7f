"""What the OpenAPI document's examples share: one enterprise, one hall, one week, so that the
examples of a request and of its answer tell the same story. Every example is validated by its
own model in the unit tests, and schemathesis sends the request examples as they are."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

CREDIT_CODE = "91310115632184514N"
"""上海浦江食品有限公司, registered in 浦东新区 (a valid 统一社会信用代码)."""
ENTERPRISE_NAME = "上海浦江食品有限公司"
WEEK = "2020-W07"
EVENT_ID = "0b7e5c1e-6a43-4f0e-9a53-3c1b1f6b2a10"
HALL_CODE = "310115-001"
SLOT_ID = "5b0f8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
WARNING_ID = "3f6c2d1a-8e4b-5c7d-9a0f-1b2c3d4e5f60"


def examples(*items: dict[str, Any]) -> ConfigDict:
    """A model's examples, as the OpenAPI document shows them (each must validate)."""
    return ConfigDict(json_schema_extra={"examples": list(items)})
