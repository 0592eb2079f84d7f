"""The OpenAPI document as a client's developer reads it: served with its docs page, and every
object schema carrying a realistic example that its own model accepts (schemathesis sends the
examples too, so a wrong one would be a wrong request)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel

from services.contracts.identifiers import (
    validate_credit_code,
    validate_district_code,
    validate_iso_week,
    validate_town_code,
)
from services.gateway.app import create_app
from services.gateway.settings import GatewaySettings
from tests.unit.gateway.conftest import Gateway

DOCUMENT = create_app(GatewaySettings(_env_file=None)).openapi()
OBJECTS = {
    name: schema
    for name, schema in DOCUMENT["components"]["schemas"].items()
    if schema.get("type") == "object"
}


def _subclasses(model: type[BaseModel]) -> list[type[BaseModel]]:
    return [sub for direct in model.__subclasses__() for sub in (direct, *_subclasses(direct))]


def _model_named(name: str) -> type[BaseModel]:
    """The service's model a component schema was made from (pydantic names it by the class)."""
    (model,) = {
        model
        for model in _subclasses(BaseModel)
        if model.__name__ == name and model.__module__.startswith("services.")
    }
    return model


def test_the_document_describes_the_api_s_object_schemas() -> None:
    assert {"EnterpriseIn", "WeeklyReportIn", "RecordedReports", "Problem"} <= set(OBJECTS)


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_every_object_schema_has_an_example_its_model_accepts(name: str) -> None:
    examples: list[dict[str, Any]] = OBJECTS[name].get("examples", [])

    assert examples, f"{name} has no example"
    model = _model_named(name)
    for example in examples:
        model.model_validate(example)


IDENTIFIERS: dict[str, Callable[[str], str]] = {
    "credit_code": validate_credit_code,
    "district_code": validate_district_code,
    "town_code": validate_town_code,
    "week": validate_iso_week,
    "previous_week": validate_iso_week,
}


def _identifiers(example: Any) -> list[tuple[str, str]]:
    """Every identifier in an example, however deep: (its field, its value)."""
    if isinstance(example, list):
        return [found for item in example for found in _identifiers(item)]
    if not isinstance(example, dict):
        return []
    here = [(k, v) for k, v in example.items() if k in IDENTIFIERS and isinstance(v, str)]
    return here + [found for value in example.values() for found in _identifiers(value)]


def test_the_examples_use_real_identifiers() -> None:
    """Credit codes with their check character, Shanghai districts, ISO weeks (also where the
    answer's model takes any string)."""
    found = _identifiers([schema["examples"] for schema in OBJECTS.values()])

    assert {field for field, _ in found} == set(IDENTIFIERS)
    for field, value in found:
        assert IDENTIFIERS[field](value) == value, (field, value)


async def test_the_document_and_its_docs_page_are_served(gateway: Gateway) -> None:
    document = await gateway.admin.get("/openapi.json")
    page = await gateway.admin.get("/docs")

    assert document.status_code == 200
    assert document.json()["paths"].keys() == DOCUMENT["paths"].keys()
    assert page.status_code == 200
    assert "swagger-ui" in page.text
    assert "/openapi.json" in page.text


def test_failures_are_documented_as_the_problem_documents_they_are() -> None:
    failures = [
        response["content"]
        for path in DOCUMENT["paths"].values()
        for operation in path.values()
        for status, response in operation["responses"].items()
        if status.startswith(("4", "5")) and "content" in response
    ]

    assert failures
    assert {media for content in failures for media in content} == {"application/problem+json"}


def test_operations_are_named_by_their_route_functions() -> None:
    """Generated clients call an operation by its id: `submit_weekly_report`, once each."""
    ids = [op["operationId"] for path in DOCUMENT["paths"].values() for op in path.values()]

    assert len(ids) == len(set(ids))
    assert {"submit_weekly_report", "recorded_reports", "register_enterprise"} <= set(ids)
