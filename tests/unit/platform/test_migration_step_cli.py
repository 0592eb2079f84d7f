"""The migration step's command line: the services it knows come from the database catalogue."""

from __future__ import annotations

import pytest

from services.contracts.views import DATABASE_SERVICES
from services.platform.migrate import main, services_with_migrations


def test_it_knows_every_catalogue_service_whose_code_ships() -> None:
    known = services_with_migrations()

    assert {"gateway", "monitoring", "notify"} <= set(known)
    assert set(known) <= set(DATABASE_SERVICES)


def test_a_service_without_migrations_is_refused_by_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["gateway", "payroll"])

    assert refused.value.code == 2
    assert "no migrations for payroll" in capsys.readouterr().err
