"""deploy/prometheus: alert rules Prometheus will load and people can act on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .manifests import PROMETHEUS_DIR, Document, load_yaml

DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")
ALERT_NAME = re.compile(r"^Fugong[A-Z][A-Za-z0-9]+$")
SEVERITIES = {"critical", "warning", "info"}
RULE_KEYS = {"alert", "expr", "for", "labels", "annotations", "keep_firing_for"}


def rules(alert_rules: Document) -> list[Document]:
    return [rule for group in alert_rules["groups"] for rule in group["rules"]]


def rule_named(alert_rules: Document, name: str) -> Document:
    (rule,) = [rule for rule in rules(alert_rules) if rule["alert"] == name]
    return rule


def test_rules_come_in_named_groups(alert_rules: Document) -> None:
    assert set(alert_rules) == {"groups"}
    names = [group["name"] for group in alert_rules["groups"]]
    assert names, "no rule groups"
    assert len(names) == len(set(names)), f"duplicate group names: {names}"
    for group in alert_rules["groups"]:
        assert group["rules"], f"group {group['name']} has no rules"


def test_every_rule_is_a_complete_alert(alert_rules: Document) -> None:
    for rule in rules(alert_rules):
        name = rule.get("alert", "<unnamed>")
        assert set(rule) <= RULE_KEYS, f"{name}: unknown keys {set(rule) - RULE_KEYS}"
        assert ALERT_NAME.match(name), f"{name}: alerts are named FugongSomething"
        assert isinstance(rule["expr"], str), name
        assert rule["expr"].strip(), name
        assert DURATION.match(str(rule["for"])), f"{name}: bad duration {rule['for']!r}"
        assert rule["labels"]["severity"] in SEVERITIES, name
        assert {"summary", "description"} <= set(rule["annotations"]), name


def test_alert_names_are_unique(alert_rules: Document) -> None:
    names = [rule["alert"] for rule in rules(alert_rules)]
    assert len(names) == len(set(names)), names


def test_annotation_templates_are_balanced(alert_rules: Document) -> None:
    for rule in rules(alert_rules):
        for key, text in rule["annotations"].items():
            assert str(text).count("{{") == str(text).count("}}"), f"{rule['alert']}.{key}"


def test_a_target_that_cannot_be_scraped_for_two_minutes_pages(alert_rules: Document) -> None:
    rule = rule_named(alert_rules, "FugongTargetDown")
    assert rule["expr"] == "up == 0"
    assert rule["for"] == "2m"
    assert rule["labels"]["severity"] == "critical"


def test_dead_letters_arriving_for_five_minutes_warn(alert_rules: Document) -> None:
    rule = rule_named(alert_rules, "FugongDeadLettersIncreasing")
    assert re.search(r"rate\(fugong_dead_letters_total\[\d+m\]\)", rule["expr"])
    assert rule["expr"].endswith("> 0")
    assert rule["for"] == "5m"


@pytest.mark.parametrize("function", ["rate", "irate", "increase"])
def test_counters_read_through_rate_functions_are_named_total(
    alert_rules: Document, function: str
) -> None:
    for rule in rules(alert_rules):
        for metric in re.findall(rf"\b{function}\((\w+)", rule["expr"]):
            assert metric.endswith("_total"), f"{rule['alert']}: {metric} is not a counter name"


def test_prometheus_loads_the_alert_rules(prometheus_config: Document) -> None:
    assert prometheus_config["rule_files"] == ["alerts.yml"]


@pytest.mark.parametrize(
    "command",
    [["check", "rules", "alerts.yml"], ["test", "rules", "alerts.test.yml"]],
    ids=["check", "unit-tests"],
)
def test_promtool_accepts_the_rules_and_their_unit_tests(command: list[str]) -> None:
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: deploy/local/system-packages.sh installs it (prometheus)"
    result = subprocess.run(
        [promtool, *command], cwd=PROMETHEUS_DIR, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_rule_has_a_case_where_it_fires_and_one_where_it_stays_quiet(
    alert_rules: Document,
) -> None:
    unit_tests = load_yaml(PROMETHEUS_DIR / "alerts.test.yml")
    cases = [case for test in unit_tests["tests"] for case in test.get("alert_rule_test", [])]
    fires = {case["alertname"] for case in cases if case.get("exp_alerts")}
    quiet = {case["alertname"] for case in cases if not case.get("exp_alerts")}
    names = {rule["alert"] for rule in rules(alert_rules)}
    assert names - fires == set(), "alerts no promtool case shows firing"
    assert names - quiet == set(), "alerts no promtool case shows staying quiet"
    assert (fires | quiet) <= names, "cases of alerts that do not exist"


def test_the_local_configuration_scrapes_every_admin_port_with_the_rules(tmp_path: Path) -> None:
    script = PROMETHEUS_DIR.parents[1] / "deploy" / "local" / "prometheus.sh"
    result = subprocess.run(
        [str(script), "config"],
        env={"PATH": "/usr/bin:/bin", "FUGONG_STATE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    config = yaml.safe_load(result.stdout)
    assert config["rule_files"] == [str(PROMETHEUS_DIR / "alerts.yml")]
    targets = {
        job["job_name"]: job["static_configs"][0]["targets"] for job in config["scrape_configs"]
    }
    assert targets == {
        "gateway": ["127.0.0.1:8100"],
        "monitoring": ["127.0.0.1:8101"],
        "notify": ["127.0.0.1:8103"],
        "matching": ["127.0.0.1:8104"],
    }
    (tmp_path / "prometheus.yml").write_text(result.stdout)
    promtool = shutil.which("promtool")
    assert promtool
    check = subprocess.run(
        [promtool, "check", "config", str(tmp_path / "prometheus.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
