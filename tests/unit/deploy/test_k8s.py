"""deploy/k8s: valid Kubernetes objects, safe pods, and a kustomization that deploys all of them.

Who holds which credential (Secrets, database roles, Kafka users) is test_k8s_credentials.py's.

Validation is offline: kubernetes-validate ships the API schemas of each Kubernetes release.
"""

from __future__ import annotations

import copy

import kubernetes_validate
import pytest

from services.contracts.topics import catalogue
from services.platform.kafka_acls import ADMIN_USER

from .manifests import (
    EXAMPLE_SECRET_FILE,
    NAME_LABEL,
    Document,
    K8sResource,
    containers,
    deployed_services,
    env_value,
    k8s_manifest_files,
    k8s_resources,
    kustomization,
    kustomized_files,
    of_kind,
    pod_spec,
    pod_workloads,
    settings_configmap,
    workloads,
)

KUBERNETES_VERSION = "1.33"
"""The newest release in 1.29-1.33 whose schemas kubernetes-validate bundles."""
NAMESPACE = "fugong"
IMAGE = "fugong"
ALL_RESOURCES = k8s_resources()
WORKLOADS = workloads()
POD_WORKLOADS = pod_workloads()
"""The Deployments and Jobs, and the CronJobs too."""
DEPLOYMENTS = [w for w in WORKLOADS if w.kind == "Deployment"]


def resolve_port(container: Document, port: int | str) -> int:
    """A probe's or Service's port: a number, or the name of one of the container's ports."""
    if isinstance(port, int):
        return port
    (number,) = [p["containerPort"] for p in container["ports"] if p.get("name") == port]
    return int(number)


def selects(selector: dict[str, str], workload: K8sResource) -> bool:
    labels = workload.document["spec"]["template"]["metadata"]["labels"]
    return all(labels.get(key) == value for key, value in selector.items())


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
    for workload in POD_WORKLOADS:
        for container in containers(workload):
            assert container["image"] == f"{IMAGE}:{image['newTag']}", workload


def test_every_object_is_in_the_fugong_namespace() -> None:
    for resource in ALL_RESOURCES:
        if resource.kind == "Namespace":
            assert resource.name == NAMESPACE
        else:
            assert resource.document["metadata"]["namespace"] == NAMESPACE, resource


def test_services_are_deployed_under_the_names_the_topic_catalogue_uses() -> None:
    assert deployed_services() == {
        "gateway",
        "monitoring",
        "notify",
        "matching",
        "topics",
        "migrate",
    }
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
    """On the admin port: the public port serves no /readyz, and the policies keep it for the
    ingress controller."""
    (container,) = containers(deployment)
    admin_port = int(env_value(container, "FUGONG_ADMIN_PORT") or 0)
    assert admin_port, f"{deployment} names no FUGONG_ADMIN_PORT"
    for probe, path in (
        ("livenessProbe", "/healthz"),
        ("readinessProbe", "/readyz"),
        ("startupProbe", "/healthz"),
    ):
        check = container[probe]["httpGet"]
        assert check["path"] == path, f"{deployment} {probe}"
        assert check["port"] == "admin", f"{deployment} {probe}"
        assert resolve_port(container, check["port"]) == admin_port, f"{deployment} {probe}"


@pytest.mark.parametrize("workload", POD_WORKLOADS, ids=str)
def test_containers_request_and_limit_cpu_and_memory(workload: K8sResource) -> None:
    for container in containers(workload):
        for bound in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][bound]), (workload, bound)


def test_the_cronjobs_are_among_the_workloads_checked() -> None:
    assert "gateway-purge" in {w.name for w in POD_WORKLOADS if w.kind == "CronJob"}


@pytest.mark.parametrize("workload", POD_WORKLOADS, ids=str)
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
    (container,) = containers(deployment)
    for setting in ("FUGONG_HTTP_HOST", "FUGONG_ADMIN_HOST"):
        host = env_value(container, setting) or settings_configmap().get(setting)
        assert host == "0.0.0.0", setting  # noqa: S104


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_deployment_has_a_service_on_its_outward_port(deployment: K8sResource) -> None:
    """The gateway's Service leads to its public port; a worker's, which has no other, to its
    admin port."""
    (container,) = containers(deployment)
    services = of_kind("Service")
    (service,) = [
        s
        for s in services
        if s.name == deployment.name and selects(s.document["spec"]["selector"], deployment)
    ]
    (port,) = service.document["spec"]["ports"]
    setting = "FUGONG_HTTP_PORT" if deployment.name == "gateway" else "FUGONG_ADMIN_PORT"
    assert resolve_port(container, port["targetPort"]) == int(env_value(container, setting) or 0)


def test_gateway_service_answers_on_port_80_and_never_leads_to_the_admin_port() -> None:
    (gateway,) = [s for s in of_kind("Service") if s.name == "gateway"]
    (port,) = gateway.document["spec"]["ports"]
    assert (port["port"], port["targetPort"]) == (80, "http")


def test_the_ingress_leads_only_callbacks_to_notify_and_only_to_its_callbacks_port() -> None:
    """WeChat's and VMS's pushes come in at /callbacks/, apart from the gateway's API; nothing
    from outside reaches notify's admin port."""
    (notify,) = [d for d in DEPLOYMENTS if d.name == "notify"]
    (container,) = containers(notify)
    services = {s.name: s.document for s in of_kind("Service")}
    routed = [
        (path, services[path["backend"]["service"]["name"]])
        for ingress in of_kind("Ingress")
        for rule in ingress.document["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    to_notify = [(p, s) for p, s in routed if selects(s["spec"]["selector"], notify)]
    assert [p["path"] for p, _ in to_notify] == ["/callbacks/"]
    for path, service in to_notify:
        (port,) = [
            port
            for port in service["spec"]["ports"]
            if port["name"] == path["backend"]["service"]["port"]["name"]
        ]
        assert port["targetPort"] == "callbacks"
        assert resolve_port(container, "callbacks") == int(
            env_value(container, "FUGONG_CALLBACK_PORT") or 0
        )


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_deployment_has_a_disruption_budget(deployment: K8sResource) -> None:
    budgets = [
        pdb
        for pdb in of_kind("PodDisruptionBudget")
        if selects(pdb.document["spec"]["selector"]["matchLabels"], deployment)
    ]
    assert len(budgets) == 1, deployment


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_prometheus_scrapes_the_admin_port(deployment: K8sResource) -> None:
    annotations = deployment.document["spec"]["template"]["metadata"]["annotations"]
    (container,) = containers(deployment)
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    assert annotations["prometheus.io/port"] == env_value(container, "FUGONG_ADMIN_PORT")
    assert int(annotations["prometheus.io/port"]) == resolve_port(container, "admin")


def test_monitoring_replicas_do_not_exceed_its_partitions() -> None:
    # Kafka gives each partition to one worker of the group; extra workers sit idle.
    (monitoring,) = [d for d in DEPLOYMENTS if d.name == "monitoring"]
    partitions = min(t.partitions for t in catalogue() if "monitoring" in t.consumers)
    assert monitoring.document["spec"]["replicas"] <= partitions


def test_topics_job_creates_the_topics_without_restarting_in_place() -> None:
    (job,) = [w for w in WORKLOADS if w.kind == "Job" and w.name == "topics"]
    (container,) = containers(job)
    assert container["command"] == [
        "sh",
        "-c",
        "python -m services.platform.topics && python -m services.platform.kafka_acls apply",
    ]
    assert env_value(container, "FUGONG_KAFKA_SASL_USERNAME") == ADMIN_USER
    assert pod_spec(job)["restartPolicy"] == "Never"


def test_the_migrate_job_runs_the_migration_step_before_the_services() -> None:
    (job,) = [w for w in WORKLOADS if w.name == "migrate"]
    (container,) = containers(job)
    assert container["command"] == ["python", "-m", "services.platform.migrate"]
    assert pod_spec(job)["restartPolicy"] == "Never"
    annotations = job.document["metadata"]["annotations"]
    assert annotations["argocd.argoproj.io/hook"] == "PreSync"
    assert "pre-upgrade" in annotations["helm.sh/hook"]
    for deployment in DEPLOYMENTS:
        (main,) = containers(deployment)
        probe = main["startupProbe"]
        # Start-up may wait out FUGONG_SCHEMA_WAIT_SECONDS before liveness could restart it.
        assert probe["periodSeconds"] * probe["failureThreshold"] >= 120
