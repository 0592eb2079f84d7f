"""The database catalogue: every view a service reads of another is declared, with its readers;
every declared view is created by its owner's migrations (once the owner ships)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from services.contracts.views import (
    DATABASE_SERVICES,
    PUBLISHED_VIEWS,
    PublishedView,
    role_name,
    views_read_by,
)
from services.platform.migrate import services_with_migrations
from services.platform.migrations import load_migrations

SERVICES_DIR = Path(__file__).resolve().parents[3] / "services"
_QUALIFIED_VIEW = re.compile(r"\b(" + "|".join(DATABASE_SERVICES) + r")\.([a-z0-9_]+_v)\b")
_CREATED_VIEW = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+([a-z_]+\.[a-z0-9_]+_v)\b", re.I)


def _views_read_in_code(service: str) -> set[str]:
    """`<schema>.<name>_v` of other schemas named anywhere in the service's Python code."""
    found: set[str] = set()
    for path in (SERVICES_DIR / service).rglob("*.py"):
        for schema, view in _QUALIFIED_VIEW.findall(path.read_text(encoding="utf-8")):
            if schema != service:
                found.add(f"{schema}.{view}")
    return found


@pytest.mark.parametrize("service", services_with_migrations())
def test_every_view_a_service_reads_of_another_is_declared_for_it(service: str) -> None:
    declared = {view.name for view in views_read_by(service)}

    undeclared = _views_read_in_code(service) - declared

    assert not undeclared, f"{service} reads {sorted(undeclared)}: declare them in views.py"


def test_the_guard_sees_the_gateways_reads() -> None:
    assert "monitoring.indicators_v" in _views_read_in_code("gateway")
    assert "gateway.appointment_contacts_v" in _views_read_in_code("notify")


@pytest.mark.parametrize("view", PUBLISHED_VIEWS, ids=lambda v: v.name)
def test_a_declared_view_is_created_by_its_owners_migrations(view: PublishedView) -> None:
    if view.owner not in services_with_migrations():
        pytest.skip(f"{view.owner} does not ship yet: its view is granted once it exists")
    created = {
        name.lower()
        for migration in load_migrations(f"services.{view.owner}")
        for name in _CREATED_VIEW.findall(migration.sql)
    }
    assert view.name in created


def test_owners_and_readers_are_catalogue_services_and_never_the_owner_itself() -> None:
    for view in PUBLISHED_VIEWS:
        assert view.owner in DATABASE_SERVICES
        assert view.readers <= set(DATABASE_SERVICES)
        assert view.owner not in view.readers
        assert view.name.endswith("_v")


def test_every_service_with_a_schema_ships_migrations_in_its_package() -> None:
    for service in services_with_migrations():
        assert resources.files(f"services.{service}").joinpath("migrations").is_dir()


def test_roles_are_named_after_their_service() -> None:
    assert role_name("gateway") == "gateway"
    assert role_name("matching", "t1a2b3c4_") == "t1a2b3c4_matching"
    with pytest.raises(ValueError, match="not in the database catalogue"):
        role_name("payroll")
