"""deploy/k8s: valid Kubernetes objects, safe pods, and a kustomization that deploys all of them.

Validation is offline: kubernetes-validate ships the API schemas of each Kubernetes release.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import kubernetes_validate
import pytest

from services.contracts.topics import catalogue

from .manifests import (
    EXAMPLE_SECRET_FILE,
    NAME_LABEL,
    Document,
    K8sResource,
    containers,
    deployed_resources,
    deployed_services,
    k8s_manifest_files,
    k8s_resources,
    kustomization,
    kustomized_files,
    pod_spec,
    workloads,
)

KUBERNETES_VERSION = "1.33"
"""The newest release in 1.29-1.33 whose schemas kubernetes-validate bundles."""
NAMESPACE = "fugong"
IMAGE = "fugong"
SECRET_NAME = "fugong-secrets"  # noqa: S105 (the Secret's name, not its value)
CONFIGMAP_NAME = "fugong-config"
PLACEHOLDER = "CHANGE-ME"
SECRET_SETTINGS = {
    "FUGONG_DATABASE_URL",
    "FUGONG_API_KEY_PEPPER",
    "FUGONG_SMS_SECRET_ID",
    "FUGONG_SMS_SECRET_KEY",
    "FUGONG_ALIYUN_ACCESS_KEY_ID",
    "FUGONG_ALIYUN_ACCESS_KEY_SECRET",
    "FUGONG_WECHAT_APP_SECRET",
}

ALL_RESOURCES = k8s_resources()
WORKLOADS = workloads()
DEPLOYMENTS = [w for w in WORKLOADS if w.kind == "Deployment"]


def of_kind(kind: str) -> list[K8sResource]:
    return [r for r in deployed_resources() if r.kind == kind]


def env_value(container: Document, name: str) -> str | None:
    for var in container.get("env", []):
        if var["name"] == name:
            return str(var["value"]) if "value" in var else None
    return None


def resolve_port(container: Document, port: int | str) -> int:
    """A probe's or Service's port: a number, or the name of one of the container's ports."""
    if isinstance(port, int):
        return port
    (number,) = [p["containerPort"] for p in container["ports"] if p.get("name") == port]
    return int(number)


def selects(selector: dict[str, str], workload: K8sResource) -> bool:
    labels = workload.document["spec"]["template"]["metadata"]["labels"]
    return all(labels.get(key) == value for key, value in selector.items())


def walk(node: Any) -> Iterator[Document]:
    """Every mapping nested in a manifest."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


@pytest.mark.parametrize("resource", ALL_RESOURCES, ids=str)
def test_manifest_is_a_valid_kubernetes_object(resource: K8sResource) -> None:
    # strict: unknown fields (a misspelt probe, say) fail instead of being silently dropped.
    kubernetes_validate.validate(resource.document, KUBERNETES_VERSION, strict=True)


def test_strict_validation_rejects_a_misspelt_field() -> None:
    deployment = copy.deepcopy(DEPLOYMENTS[0].document)
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_kustomization_applies_every_manifest_but_the_example_secret() -> None:
    listed = kustomized_files()
    assert len(listed) == len(set(listed)), "a manifest is listed twice"
    assert all(path.is_file() for path in listed), [p.name for p in listed if not p.is_file()]
    assert set(listed) == set(k8s_manifest_files()) - {EXAMPLE_SECRET_FILE}


def test_kustomization_targets_the_namespace_and_names_the_image() -> None:
    kustomize = kustomization()
    assert kustomize["apiVersion"] == "kustomize.config.k8s.io/v1beta1"
    assert kustomize["kind"] == "Kustomization"
    assert kustomize["namespace"] == NAMESPACE
    assert [image["name"] for image in kustomize["images"]] == [IMAGE]


def test_every_container_runs_the_image_kustomize_rewrites() -> None:
    (image,) = kustomization()["images"]
    for workload in WORKLOADS:
        for container in containers(workload):
            assert container["image"] == f"{IMAGE}:{image['newTag']}", workload


def test_every_object_is_in_the_fugong_namespace() -> None:
    for resource in ALL_RESOURCES:
        if resource.kind == "Namespace":
            assert resource.name == NAMESPACE
        else:
            assert resource.document["metadata"]["namespace"] == NAMESPACE, resource


def test_services_are_deployed_under_the_names_the_topic_catalogue_uses() -> None:
    assert deployed_services() == {"gateway", "monitoring", "notify", "topics"}
    for workload in WORKLOADS:
        assert workload.labels[NAME_LABEL] == workload.name, workload


def test_every_topic_producer_and_consumer_this_round_is_deployed() -> None:
    # Dead letters are read by people ("operations"), not by a deployed service.
    names = {n for topic in catalogue() for n in topic.producers | topic.consumers}
    assert names - {"operations"} <= deployed_services()


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_deployment_selects_its_own_pods(deployment: K8sResource) -> None:
    assert selects(deployment.document["spec"]["selector"]["matchLabels"], deployment)
    assert deployment.document["spec"]["replicas"] >= 2, "one replica cannot survive a drain"


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_probes_check_liveness_on_healthz_and_readiness_on_readyz(
    deployment: K8sResource,
) -> None:
    (container,) = containers(deployment)
    http_port = int(env_value(container, "FUGONG_HTTP_PORT") or 0)
    for probe, path in (
        ("livenessProbe", "/healthz"),
        ("readinessProbe", "/readyz"),
        ("startupProbe", "/healthz"),
    ):
        check = container[probe]["httpGet"]
        assert check["path"] == path, f"{deployment} {probe}"
        assert resolve_port(container, check["port"]) == http_port, f"{deployment} {probe}"


@pytest.mark.parametrize("workload", WORKLOADS, ids=str)
def test_containers_request_and_limit_cpu_and_memory(workload: K8sResource) -> None:
    for container in containers(workload):
        for bound in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][bound]), (workload, bound)


@pytest.mark.parametrize("workload", WORKLOADS, ids=str)
def test_pods_run_as_non_root_without_privileges_on_a_read_only_root(
    workload: K8sResource,
) -> None:
    pod = pod_spec(workload)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] > 0
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False
    for container in containers(workload):
        security = container["securityContext"]
        assert security["runAsNonRoot"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert security["readOnlyRootFilesystem"] is True
        assert security["capabilities"]["drop"] == ["ALL"]


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_http_services_listen_beyond_loopback(deployment: K8sResource) -> None:
    # The settings default to 127.0.0.1: probes and Services, which use the pod IP, would fail.
    (configmap,) = of_kind("ConfigMap")
    (container,) = containers(deployment)
    host = env_value(container, "FUGONG_HTTP_HOST") or configmap.document["data"].get(
        "FUGONG_HTTP_HOST"
    )
    assert host == "0.0.0.0"  # noqa: S104


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_deployment_has_a_service_on_its_http_port(deployment: K8sResource) -> None:
    (container,) = containers(deployment)
    services = of_kind("Service")
    (service,) = [s for s in services if selects(s.document["spec"]["selector"], deployment)]
    (port,) = service.document["spec"]["ports"]
    assert resolve_port(container, port["targetPort"]) == int(
        env_value(container, "FUGONG_HTTP_PORT") or 0
    )


def test_gateway_service_answers_on_port_80() -> None:
    (gateway,) = [s for s in of_kind("Service") if s.name == "gateway"]
    (port,) = gateway.document["spec"]["ports"]
    assert (port["port"], port["targetPort"]) == (80, "http")


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_deployment_has_a_disruption_budget(deployment: K8sResource) -> None:
    budgets = [
        pdb
        for pdb in of_kind("PodDisruptionBudget")
        if selects(pdb.document["spec"]["selector"]["matchLabels"], deployment)
    ]
    assert len(budgets) == 1, deployment


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_prometheus_scrapes_the_http_port(deployment: K8sResource) -> None:
    annotations = deployment.document["spec"]["template"]["metadata"]["annotations"]
    (container,) = containers(deployment)
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    assert annotations["prometheus.io/port"] == env_value(container, "FUGONG_HTTP_PORT")


def test_monitoring_replicas_do_not_exceed_its_partitions() -> None:
    # Kafka gives each partition to one worker of the group; extra workers sit idle.
    (monitoring,) = [d for d in DEPLOYMENTS if d.name == "monitoring"]
    partitions = min(t.partitions for t in catalogue() if "monitoring" in t.consumers)
    assert monitoring.document["spec"]["replicas"] <= partitions


def test_topics_job_creates_the_topics_without_restarting_in_place() -> None:
    (job,) = [w for w in WORKLOADS if w.kind == "Job"]
    (container,) = containers(job)
    assert container["command"] == ["python", "-m", "services.platform.topics"]
    assert pod_spec(job)["restartPolicy"] == "Never"


def test_configmap_holds_cluster_settings_and_no_secret() -> None:
    (configmap,) = of_kind("ConfigMap")
    data = configmap.document["data"]
    assert configmap.name == CONFIGMAP_NAME
    assert data["FUGONG_ENV"] == "prod"
    assert data["FUGONG_TOPIC_REPLICATION_FACTOR"] == "3"
    assert data["FUGONG_TOPIC_MIN_INSYNC_REPLICAS"] == "2"
    assert data["FUGONG_KAFKA_BOOTSTRAP_SERVERS"]
    assert not SECRET_SETTINGS & set(data)


def test_no_secret_is_deployed() -> None:
    assert not of_kind("Secret")
    assert EXAMPLE_SECRET_FILE not in kustomized_files()


def test_example_secret_holds_placeholders_only() -> None:
    (secret,) = k8s_resources([EXAMPLE_SECRET_FILE])
    assert "example" in EXAMPLE_SECRET_FILE.name
    assert secret.kind == "Secret"
    assert secret.name == SECRET_NAME
    assert secret.document["type"] == "Opaque"
    assert "data" not in secret.document, "base64 data could hide a real value"
    values = secret.document["stringData"]
    assert set(values) == SECRET_SETTINGS
    for key, value in values.items():
        assert PLACEHOLDER in str(value), f"{key} is not a placeholder"


def test_workloads_read_only_settings_that_exist() -> None:
    (secret,) = k8s_resources([EXAMPLE_SECRET_FILE])
    secret_keys = set(secret.document["stringData"])
    for workload in WORKLOADS:
        for node in walk(pod_spec(workload)):
            if "secretKeyRef" in node:
                ref = node["secretKeyRef"]
                assert (ref["name"], ref["key"]) in {(SECRET_NAME, k) for k in secret_keys}
            if "configMapRef" in node:
                assert node["configMapRef"]["name"] == CONFIGMAP_NAME
            assert "secretRef" not in node, "each workload takes only the secret keys it needs"


def test_only_the_gateway_gets_the_api_key_pepper() -> None:
    holders = {
        workload.name
        for workload in WORKLOADS
        for node in walk(pod_spec(workload))
        if node.get("secretKeyRef", {}).get("key") == "FUGONG_API_KEY_PEPPER"
    }
    assert holders == {"gateway"}
