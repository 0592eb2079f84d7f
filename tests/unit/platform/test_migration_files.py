"""The SQL migrations each service ships: numbered from 1 without gaps, with stable checksums."""

from __future__ import annotations

import hashlib
import re
import sys
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from services.platform.migrations import Migration, MigrationError, load_migrations

SERVICES = {"services.monitoring": "monitoring", "services.gateway": "gateway"}
_CREATED = re.compile(r"CREATE\s+(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w.]+)", re.I)


@pytest.mark.parametrize("package", SERVICES)
def test_versions_run_from_one_without_gaps(package: str) -> None:
    versions = [m.version for m in load_migrations(package)]

    assert versions
    assert versions == list(range(1, len(versions) + 1))


@pytest.mark.parametrize("package", SERVICES)
def test_checksum_is_the_sha256_of_the_shipped_file(package: str) -> None:
    folder = resources.files(package).joinpath("migrations")

    for migration in load_migrations(package):
        shipped = folder.joinpath(f"{migration.version:03d}_{migration.name}.sql").read_bytes()
        assert migration.checksum == hashlib.sha256(shipped).hexdigest()


@pytest.mark.parametrize("package", SERVICES)
def test_loading_twice_gives_the_same_checksums(package: str) -> None:
    first = [(m.version, m.checksum) for m in load_migrations(package)]
    second = [(m.version, m.checksum) for m in load_migrations(package)]

    assert first == second


@pytest.mark.parametrize(("package", "schema"), SERVICES.items())
def test_tables_and_views_are_created_in_the_services_own_schema(package: str, schema: str) -> None:
    created = [name for m in load_migrations(package) for name in _CREATED.findall(m.sql)]

    assert created
    assert [name for name in created if not name.startswith(f"{schema}.")] == []


def test_any_change_to_a_migration_changes_its_checksum() -> None:
    original = Migration(1, "return_to_work", "CREATE TABLE monitoring.t (id int);")
    edited = Migration(1, "return_to_work", "CREATE TABLE monitoring.t (id bigint);")

    assert original.checksum != edited.checksum


@pytest.fixture
def service_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable package with an empty `migrations/` folder, removed after the test."""
    name = f"fugong_test_{uuid.uuid4().hex[:8]}"
    (tmp_path / name / "migrations").mkdir(parents=True)
    (tmp_path / name / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path / name
    sys.modules.pop(name, None)


def test_migrations_load_in_version_order_not_file_order(service_package: Path) -> None:
    migrations = service_package / "migrations"
    (migrations / "010_vacancies.sql").write_text("SELECT 10;")
    (migrations / "002_cells.sql").write_text("SELECT 2;")
    (migrations / "README.md").write_text("not a migration")

    loaded = load_migrations(service_package.name)

    assert [(m.version, m.name) for m in loaded] == [(2, "cells"), (10, "vacancies")]


def test_file_not_named_nnn_description_is_refused(service_package: Path) -> None:
    (service_package / "migrations" / "1_Return-To-Work.sql").write_text("SELECT 1;")

    with pytest.raises(MigrationError, match=r"1_Return-To-Work.sql is not named NNN_descr"):
        load_migrations(service_package.name)


def test_two_files_with_one_version_are_refused(service_package: Path) -> None:
    (service_package / "migrations" / "001_return_to_work.sql").write_text("SELECT 1;")
    (service_package / "migrations" / "001_cells.sql").write_text("SELECT 1;")

    with pytest.raises(MigrationError, match=r"duplicate migration versions"):
        load_migrations(service_package.name)
