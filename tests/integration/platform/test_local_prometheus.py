"""deploy/local/prometheus.sh: the local stack's Prometheus starts with every rule and target,
reports its state, and stops (on a port and state directory of this test's own)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support.processes import free_port
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

SCRIPT = Path(__file__).resolve().parents[3] / "deploy" / "local" / "prometheus.sh"


def script(command: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=90, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


async def test_prometheus_starts_with_the_rules_and_every_service_then_stops(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {**os.environ, "FUGONG_STATE_DIR": str(tmp_path), "FUGONG_PROMETHEUS_PORT": str(port)}
    api = f"http://127.0.0.1:{port}/api/v1"
    assert "ready on" in script("start", env)
    try:
        assert "prometheus: up" in script("status", env)
        assert "already running" in script("start", env)
        async with httpx.AsyncClient(timeout=5) as http:
            groups = (await http.get(f"{api}/rules")).json()["data"]["groups"]
            alerts = {rule["name"] for group in groups for rule in group["rules"]}
            assert {
                "FugongTargetDown",
                "FugongStreamStalled",
                "FugongNotifyDeliveryFailing",
            } <= alerts

            async def jobs() -> set[str]:
                targets = (await http.get(f"{api}/targets")).json()["data"]["activeTargets"]
                return {target["labels"]["job"] for target in targets}

            await eventually(
                jobs,
                lambda found: found == {"gateway", "monitoring", "notify", "matching"},
                what="a target per service",
            )
        assert (tmp_path / "prometheus" / "data").is_dir()
    finally:
        script("stop", env)
    assert "prometheus: down" in script("status", env)
