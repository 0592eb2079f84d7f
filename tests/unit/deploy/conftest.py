from __future__ import annotations

import pytest

from .manifests import PROMETHEUS_DIR, Document, compose_services, load_yaml


@pytest.fixture(scope="session")
def compose() -> dict[str, Document]:
    """docker-compose.yml's services by name."""
    return compose_services()


@pytest.fixture(scope="session")
def prometheus_config() -> Document:
    return load_yaml(PROMETHEUS_DIR / "prometheus.yml")


@pytest.fixture(scope="session")
def alert_rules() -> Document:
    return load_yaml(PROMETHEUS_DIR / "alerts.yml")
