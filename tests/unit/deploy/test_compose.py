"""docker-compose.yml: the local stack starts in order and its parts can reach each other."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest

from .manifests import (
    REPO_ROOT,
    Document,
    compose_depends_on,
    compose_environment,
    deployed_services,
)

INFRASTRUCTURE = ("kafka", "postgres")
HTTP_SERVICES = ("gateway", "monitoring", "notify", "matching")
LONG_RUNNING = (*INFRASTRUCTURE, *HTTP_SERVICES)
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
EXACT_TAG = re.compile(r":\d+\.\d+\.\d+$")


PUBLISHED = {("gateway", 8000), ("gateway", 8100), ("prometheus", 9090), ("grafana", 3000)}
"""What a user opens: the API, the gateway's admin port (its /docs), Prometheus, Grafana."""


def published(service: Document) -> list[tuple[str, int, int]]:
    """(host address, host port, container port) of each port the service publishes; the host
    address is "" when none is given (which Docker takes to mean every interface)."""
    found = []
    for port in service.get("ports", []):
        if isinstance(port, dict):  # the long form
            found.append(
                (str(port.get("host_ip", "")), int(port["published"]), int(port["target"]))
            )
            continue
        parts = str(port).split("/")[0].rsplit(":", 2)
        if len(parts) == 3:
            found.append((parts[0].strip("[]"), int(parts[1]), int(parts[2])))
        elif len(parts) == 2:
            found.append(("", int(parts[0]), int(parts[1])))
        else:
            found.append(("", int(parts[0]), int(parts[0])))
    return found


def container_ports(service: Document) -> set[int]:
    """Ports the container listens on: its published ones, FUGONG_HTTP_PORT, FUGONG_ADMIN_PORT."""
    ports = {target for _, _, target in published(service)}
    for setting in ("FUGONG_HTTP_PORT", "FUGONG_ADMIN_PORT"):
        if setting in compose_environment(service):
            ports.add(int(compose_environment(service)[setting]))
    return ports


def healthcheck_command(service: Document) -> str:
    test = service.get("healthcheck", {}).get("test", [])
    return " ".join(test) if isinstance(test, list) else str(test)


def test_the_stack_has_infrastructure_services_the_one_shots_and_prometheus(
    compose: dict[str, Document],
) -> None:
    expected = {"kafka", "postgres", "secrets", "kafka-format", "topics", "migrate", "gateway"}
    expected |= {"monitoring", "prometheus"}
    assert expected <= compose.keys()


def test_every_dependency_names_a_service_and_waits_on_a_condition(
    compose: dict[str, Document],
) -> None:
    for name, service in compose.items():
        for dependency, spec in compose_depends_on(service).items():
            assert dependency in compose, f"{name} depends on unknown service {dependency}"
            assert isinstance(spec, dict), f"{name} -> {dependency}: no condition"
            assert spec.get("condition") in CONDITIONS, f"{name} -> {dependency}: {spec}"


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_services_start_once_infrastructure_is_healthy_topics_exist_and_schemas_migrated(
    compose: dict[str, Document], name: str
) -> None:
    conditions = {dep: spec["condition"] for dep, spec in compose_depends_on(compose[name]).items()}
    assert conditions == {
        "secrets": "service_completed_successfully",  # their credentials exist
        "kafka": "service_healthy",
        "postgres": "service_healthy",
        "topics": "service_completed_successfully",
        "migrate": "service_completed_successfully",  # the schema first: services wait for it
    }


def test_topics_one_shot_creates_the_catalogue_and_its_acls_once_kafka_is_healthy(
    compose: dict[str, Document],
) -> None:
    topics = compose["topics"]
    assert topics["command"] == [
        "sh",
        "-c",
        "python -m services.platform.topics && python -m services.platform.kafka_acls apply",
    ]
    assert compose_depends_on(topics)["kafka"]["condition"] == "service_healthy"
    # Restarting a one-shot that succeeded would run it forever.
    assert topics.get("restart", "no") == "no"


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_long_running_services_have_a_healthcheck(compose: dict[str, Document], name: str) -> None:
    assert healthcheck_command(compose[name]).strip(), f"{name} has no healthcheck"


def test_postgres_healthcheck_uses_pg_isready_and_data_survives_restarts(
    compose: dict[str, Document],
) -> None:
    postgres = compose["postgres"]
    assert "pg_isready" in healthcheck_command(postgres)
    assert any(str(v).endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    env = compose_environment(postgres)
    assert (env["POSTGRES_USER"], env["POSTGRES_DB"]) == ("fugong", "fugong")


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_http_services_are_healthy_only_when_ready(compose: dict[str, Document], name: str) -> None:
    service = compose[name]
    port = compose_environment(service)["FUGONG_ADMIN_PORT"]
    command = healthcheck_command(service)
    assert command.startswith("CMD python -c ")
    assert f"http://127.0.0.1:{port}/readyz" in command


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_http_services_listen_beyond_loopback(compose: dict[str, Document], name: str) -> None:
    # The settings default to 127.0.0.1, which nothing outside the container can reach:
    # Prometheus scrapes the admin ports across the compose network.
    assert compose_environment(compose[name])["FUGONG_ADMIN_HOST"] == "0.0.0.0"  # noqa: S104
    assert compose_environment(compose["gateway"])["FUGONG_HTTP_HOST"] == "0.0.0.0"  # noqa: S104


def test_every_published_port_is_on_loopback_only(compose: dict[str, Document]) -> None:
    """Docker publishes a port without an address on every interface, past the host's firewall:
    anyone on the network could reach the stack's dev credentials."""
    for name, service in compose.items():
        for host, port, _ in published(service):
            assert host == "127.0.0.1", f"{name} publishes {port} on {host or 'every interface'}"


def test_only_the_ports_a_user_opens_are_published(compose: dict[str, Document]) -> None:
    found = {(name, port) for name, s in compose.items() for _, port, _ in published(s)}
    assert found == PUBLISHED


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("8000:8000", ("", 8000, 8000)),
        ("8000", ("", 8000, 8000)),
        ("0.0.0.0:8000:8000", ("0.0.0.0", 8000, 8000)),  # noqa: S104
        ("127.0.0.1:8100:8100/tcp", ("127.0.0.1", 8100, 8100)),
        ("[::1]:9090:9090", ("::1", 9090, 9090)),
        ({"target": 8000, "published": 80}, ("", 80, 8000)),
        ({"target": 8000, "published": 80, "host_ip": "127.0.0.1"}, ("127.0.0.1", 80, 8000)),
    ],
)
def test_published_ports_are_read_in_every_form_compose_takes(
    entry: object, expected: tuple[str, int, int]
) -> None:
    """The loopback guard reads short and long forms alike, so neither slips past it."""
    assert published({"ports": [entry]}) == [expected]


def test_kafka_runs_kraft_without_zookeeper(compose: dict[str, Document]) -> None:
    assert not [name for name in compose if "zookeeper" in name]
    assert not [s for s in compose.values() if "zookeeper" in str(s.get("image", ""))]
    env = compose_environment(compose["kafka"])
    assert not [key for key in env if "ZOOKEEPER" in key]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert env["KAFKA_CONTROLLER_LISTENER_NAMES"] == "CONTROLLER"
    listeners = dict(listener.split("://", 1) for listener in env["KAFKA_LISTENERS"].split(","))
    controller_host, controller_port = listeners["CONTROLLER"].rsplit(":", 1)
    voter = f"{env['KAFKA_NODE_ID']}@{controller_host}:{controller_port}"
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == voter


def test_kafka_is_configured_for_one_broker_and_explicit_topics(
    compose: dict[str, Document],
) -> None:
    env = compose_environment(compose["kafka"])
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    for key in (
        "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
    ):
        assert env[key] == "1", key


def test_images_are_pinned_and_kafka_to_an_exact_release(compose: dict[str, Document]) -> None:
    for name, service in compose.items():
        image = str(service.get("image", ""))
        assert image, f"{name} has no image name"
        assert ":" in image.rsplit("/", 1)[-1], f"{name}: {image} has no tag"
        assert not image.endswith(":latest"), f"{name}: {image}"
    assert EXACT_TAG.search(compose["kafka"]["image"])
    assert compose["kafka"]["image"].startswith("apache/kafka:")


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_services_reach_kafka_through_its_advertised_listener(
    compose: dict[str, Document], name: str
) -> None:
    advertised = compose_environment(compose["kafka"])["KAFKA_ADVERTISED_LISTENERS"]
    endpoints = {endpoint.split("://", 1)[1] for endpoint in advertised.split(",")}
    bootstrap = compose_environment(compose[name])["FUGONG_KAFKA_BOOTSTRAP_SERVERS"]
    assert set(bootstrap.split(",")) <= endpoints
    assert all(server.split(":")[0] in compose for server in bootstrap.split(","))


@pytest.mark.parametrize("name", [*HTTP_SERVICES, "migrate"])
def test_services_reach_the_compose_postgres_without_credentials_in_the_url(
    compose: dict[str, Document], name: str
) -> None:
    postgres = compose_environment(compose["postgres"])
    url = urlsplit(compose_environment(compose[name])["FUGONG_DATABASE_URL"])
    assert url.scheme == "postgresql"
    assert (url.hostname, url.port) == ("postgres", 5432)
    assert (url.username, url.password) == (None, None)
    assert url.path == f"/{postgres['POSTGRES_DB']}"


def test_local_stack_runs_with_dev_settings_and_single_replica_topics(
    compose: dict[str, Document],
) -> None:
    for name in (*HTTP_SERVICES, "topics"):
        env = compose_environment(compose[name])
        assert env["FUGONG_ENV"] == "dev", name
        assert env["FUGONG_TOPIC_REPLICATION_FACTOR"] == "1", name
        assert env["FUGONG_TOPIC_MIN_INSYNC_REPLICAS"] == "1", name
        assert env["FUGONG_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL", name


def test_gateway_has_an_api_key_pepper(compose: dict[str, Document]) -> None:
    assert compose_environment(compose["gateway"])["FUGONG_API_KEY_PEPPER"]


def test_compose_runs_the_same_services_as_kubernetes(compose: dict[str, Document]) -> None:
    built_here = {name for name, service in compose.items() if "build" in service}
    assert built_here == deployed_services()
    assert {str(compose[name]["image"]) for name in built_here} == {"fugong:0.1.0"}


def test_prometheus_mounts_its_config_and_every_rule_file(
    compose: dict[str, Document], prometheus_config: Document
) -> None:
    mounts: dict[PurePosixPath, PurePosixPath] = {}
    for volume in compose["prometheus"]["volumes"]:
        source, target, *_ = str(volume).split(":")
        if source.startswith("."):
            assert (REPO_ROOT / source).is_file(), f"mounted file {source} does not exist"
            mounts[PurePosixPath(target)] = PurePosixPath(source)
    config_dir = PurePosixPath("/etc/prometheus")
    config = mounts[config_dir / "prometheus.yml"]
    assert config == PurePosixPath("./deploy/prometheus/prometheus.yml")
    rule_files = prometheus_config.get("rule_files", [])
    assert rule_files, "prometheus.yml loads no alert rules"
    for rule_file in rule_files:
        assert config_dir / rule_file in mounts, f"rule file {rule_file} is not mounted"


def scrape_targets(prometheus_config: Document) -> list[str]:
    return [
        str(target)
        for job in prometheus_config["scrape_configs"]
        for static in job.get("static_configs", [])
        for target in static["targets"]
    ]


def test_every_scrape_target_is_a_compose_service_port(
    compose: dict[str, Document], prometheus_config: Document
) -> None:
    for target in scrape_targets(prometheus_config):
        host, port = target.rsplit(":", 1)
        assert host in compose, f"scrape target {target}: no compose service {host}"
        assert int(port) in container_ports(compose[host]), f"{host} does not listen on {port}"


def test_every_http_service_is_scraped(prometheus_config: Document) -> None:
    scraped = {target.rsplit(":", 1)[0] for target in scrape_targets(prometheus_config)}
    assert set(HTTP_SERVICES) <= scraped
