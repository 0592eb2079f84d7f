"""deploy/grafana: the dashboard's queries parse and read only metrics the services export.

Validated offline, without a Prometheus server: every panel's PromQL goes through Prometheus' own
parser (`promtool check rules`, each query as a recording rule), and every metric it names must
be registered by the services' code, so a renamed metric breaks this test, not the dashboard.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client import REGISTRY

from .manifests import REPO_ROOT, Document, compose_services

GRAFANA = REPO_ROOT / "deploy" / "grafana"
DASHBOARDS = sorted((GRAFANA / "dashboards").glob("*.json"))
METRIC_MODULES = [
    "services.platform.metrics",
    "services.platform.stream.metrics",
    "services.gateway.request_log",
    "services.monitoring.indicator_gauges",
    "services.monitoring.compliance",
    "services.monitoring.early_warnings",
    "services.notify.sender",
    "services.notify.adapters.campaign_metrics",
    "services.matching.metrics",
]
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}
# Grafana's variables, as Prometheus would see them once Grafana has put them in.
VARIABLES = {"$__rate_interval": "5m", "$district": ".*"}


def panels(dashboard: Document) -> list[Document]:
    found = []
    for panel in dashboard["panels"]:
        found.append(panel)
        found.extend(panel.get("panels", []))
    return [panel for panel in found if panel["type"] != "row"]


def queries() -> list[tuple[str, str]]:
    """(where, PromQL with the variables put in) of every panel target and variable query."""
    found = []
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        for panel in panels(dashboard):
            for target in panel["targets"]:
                expr = target["expr"]
                for variable, value in VARIABLES.items():
                    expr = expr.replace(variable, value)
                found.append((f"{path.name}: {panel['title']} {target['refId']}", expr))
    return found


def exported_metrics() -> set[str]:
    """Every series name the services' metrics expose (counters with _total, histograms' parts)."""
    for module in METRIC_MODULES:
        importlib.import_module(module)
    names = {"up"}  # Prometheus' own, per target
    for family in REGISTRY.collect():
        for suffix in SUFFIXES.get(family.type, ()):
            names.add(family.name + suffix)
    return names


def test_there_is_a_dashboard_with_panels() -> None:
    assert DASHBOARDS
    assert len(queries()) >= 20


def test_every_query_parses_as_promql(tmp_path: Path) -> None:
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: deploy/local/system-packages.sh installs it (prometheus)"
    rules = {
        "groups": [
            {
                "name": "dashboard",
                "rules": [
                    {"record": f"dashboard:query_{i}", "expr": expr}
                    for i, (_, expr) in enumerate(queries())
                ],
            }
        ]
    }
    (tmp_path / "dashboard.yml").write_text(yaml.safe_dump(rules))
    result = subprocess.run(
        [promtool, "check", "rules", "dashboard.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_query_that_does_not_parse_is_caught(tmp_path: Path) -> None:
    promtool = shutil.which("promtool")
    assert promtool
    bad = {"groups": [{"name": "d", "rules": [{"record": "d:q", "expr": "sum by (le (x)"}]}]}
    (tmp_path / "bad.yml").write_text(yaml.safe_dump(bad))
    result = subprocess.run(
        [promtool, "check", "rules", "bad.yml"], cwd=tmp_path, capture_output=True, check=False
    )
    assert result.returncode != 0


@pytest.mark.parametrize(("where", "expr"), queries(), ids=[where for where, _ in queries()])
def test_every_query_reads_only_metrics_the_services_export(where: str, expr: str) -> None:
    named = set(re.findall(r"\b(fugong_[a-z0-9_]+|up)\b", expr))
    assert named, f"{where}: names no metric"
    assert named <= exported_metrics(), f"{where}: {named - exported_metrics()} not exported"


def test_the_dashboard_shows_what_operators_watch() -> None:
    text = " ".join(expr for _, expr in queries())
    for metric in [
        "fugong_monitoring_return_ratio",
        "fugong_monitoring_resumption_ratio",
        "fugong_monitoring_fill_ratio",
        "fugong_monitoring_separation_ratio",
        "fugong_monitoring_staffing_gap_people",
        "fugong_stream_events_recorded_total",
        "fugong_stream_consumer_lag_records",
        "fugong_dead_letters_total",
        "fugong_notify_send_results_total",
        "fugong_gateway_requests_total",
        "fugong_gateway_request_duration_seconds_bucket",
    ]:
        assert metric in text, f"no panel shows {metric}"


def test_panels_and_variables_use_the_provisioned_data_source() -> None:
    provisioned = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    (source,) = provisioned["datasources"]
    assert source["url"] == "http://prometheus:9090"
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        assert dashboard["uid"], path.name
        for panel in panels(dashboard):
            assert panel["datasource"]["uid"] == source["uid"], panel["title"]
        for variable in dashboard["templating"]["list"]:
            assert variable["datasource"]["uid"] == source["uid"], variable["name"]


def test_compose_provisions_grafana_on_loopback_with_the_dashboards() -> None:
    grafana = compose_services()["grafana"]
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in grafana["volumes"]}
    assert mounts["./deploy/grafana/provisioning"] == "/etc/grafana/provisioning"
    provider = yaml.safe_load((GRAFANA / "provisioning/dashboards/fugong.yml").read_text())
    assert mounts["./deploy/grafana/dashboards"] == provider["providers"][0]["options"]["path"]
    assert grafana["ports"] == ["127.0.0.1:3000:3000"]


def test_the_kubernetes_configmap_holds_the_same_dashboards_for_the_sidecar() -> None:
    spec = importlib.util.spec_from_file_location("configmap", GRAFANA / "configmap.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    manifest = REPO_ROOT / "deploy" / "k8s" / "base" / "grafana-dashboards.yaml"
    assert manifest.read_text(encoding="utf-8") == module.rendered(), (
        "stale: run python deploy/grafana/configmap.py"
    )
    configmap = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    assert configmap["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert set(configmap["data"]) == {path.name for path in DASHBOARDS}
    kustomization = yaml.safe_load((manifest.parent / "kustomization.yaml").read_text())
    assert manifest.name in kustomization["resources"]
