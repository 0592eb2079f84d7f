"""Read the deployment files: docker-compose.yml, deploy/k8s and deploy/prometheus.

Pure reading, no Docker and no cluster. `deployed_services()` is what the topic-catalogue guard
test uses to check that every producer and consumer of a topic is actually deployed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[3]
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
DOCKERFILE = REPO_ROOT / "Dockerfile"
DOCKERIGNORE = REPO_ROOT / ".dockerignore"
K8S_DIR = REPO_ROOT / "deploy" / "k8s" / "base"
PROMETHEUS_DIR = REPO_ROOT / "deploy" / "prometheus"

KUSTOMIZATION_FILE = K8S_DIR / "kustomization.yaml"
EXAMPLE_SECRET_FILE = K8S_DIR / "secret.example.yaml"

NAME_LABEL = "app.kubernetes.io/name"
"""The label naming a workload after its service (`gateway`, `monitoring`, `topics`)."""
DATABASE_ROLE_LABEL = "fugong/database-role"
"""The PostgreSQL role a workload connects as: a service's (`gateway` for the gateway's purge
CronJob too), or `owner` for the migrate Job."""
SETTINGS_CONFIGMAP = "fugong-config"
"""The services' settings (the other ConfigMap holds Grafana's dashboards)."""
WORKLOAD_KINDS = frozenset({"Deployment", "Job"})

Document = dict[str, Any]


def as_document(value: object, where: str) -> Document:
    """`value` as a YAML mapping, or a clear failure naming `where` it came from."""
    if not isinstance(value, dict):
        raise TypeError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def load_yaml(path: Path) -> Document:
    """A single-document YAML file whose top level is a mapping."""
    return as_document(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


def load_yaml_documents(path: Path) -> list[Document]:
    """Every non-empty document of a multi-document YAML file."""
    documents = yaml.safe_load_all(path.read_text(encoding="utf-8"))
    return [as_document(doc, f"{path} document {i}") for i, doc in enumerate(documents) if doc]


def compose_services() -> dict[str, Document]:
    """The `services:` of docker-compose.yml, YAML anchors and merge keys resolved."""
    services = as_document(load_yaml(COMPOSE_FILE).get("services"), "compose services")
    return {name: as_document(spec, f"compose service {name}") for name, spec in services.items()}


def compose_environment(service: Document) -> dict[str, str]:
    """A compose service's environment, from either the mapping or the `KEY=value` list form."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(str(item).split("=", 1) for item in env)
    return {str(key): str(value) for key, value in env.items()}


def compose_depends_on(service: Document) -> Document:
    """A compose service's dependencies, in the long form (a condition for each)."""
    deps = service.get("depends_on") or {}
    assert isinstance(deps, dict), "depends_on must be the long form, with a condition per service"
    return deps


@dataclass(frozen=True)
class K8sResource:
    """One Kubernetes object and the manifest file it came from."""

    file: Path
    document: Document

    @property
    def kind(self) -> str:
        return str(self.document["kind"])

    @property
    def name(self) -> str:
        return str(self.document["metadata"]["name"])

    @property
    def labels(self) -> dict[str, str]:
        labels = self.document["metadata"].get("labels") or {}
        return {str(key): str(value) for key, value in labels.items()}

    def __str__(self) -> str:
        return f"{self.file.name}:{self.kind}/{self.name}"


def k8s_manifest_files() -> list[Path]:
    """Every manifest in deploy/k8s except kustomization.yaml (which is not a Kubernetes object)."""
    files = sorted([*K8S_DIR.glob("*.yaml"), *K8S_DIR.glob("*.yml")])
    return [f for f in files if f != KUSTOMIZATION_FILE]


def kustomization() -> Document:
    return load_yaml(KUSTOMIZATION_FILE)


def kustomized_files() -> list[Path]:
    """The manifest files `kubectl apply -k deploy/k8s` applies, in kustomization order."""
    return [K8S_DIR / str(entry) for entry in kustomization().get("resources", [])]


def k8s_resources(files: list[Path] | None = None) -> list[K8sResource]:
    """Every object of `files` (default: every manifest, the example Secret included)."""
    return [
        K8sResource(file=path, document=document)
        for path in (k8s_manifest_files() if files is None else files)
        for document in load_yaml_documents(path)
    ]


def deployed_resources() -> list[K8sResource]:
    """The objects kustomization.yaml deploys (the example Secret is never among them)."""
    return k8s_resources(kustomized_files())


def workloads() -> list[K8sResource]:
    """The deployed Deployments and Jobs."""
    return [r for r in deployed_resources() if r.kind in WORKLOAD_KINDS]


def pod_workloads() -> list[K8sResource]:
    """Everything deployed that runs pods: the Deployments and Jobs, and the CronJobs."""
    return [r for r in deployed_resources() if r.kind in WORKLOAD_KINDS | {"CronJob"}]


def deployed_services() -> set[str]:
    """Names of the services deployed on Kubernetes: every Deployment and Job, by its name label.

    These are the names the topic catalogue uses for producers and consumers
    (`gateway`, `monitoring`, ...); `topics` is the Job that creates the topics.
    """
    return {w.labels.get(NAME_LABEL, w.name) for w in workloads()}


def pod_template(workload: K8sResource) -> Document:
    """The pod template of a Deployment, a Job or a CronJob (its job template's)."""
    spec = workload.document["spec"]
    if workload.kind == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return as_document(spec["template"], f"{workload} pod template")


def pod_spec(workload: K8sResource) -> Document:
    """The pod template spec of a Deployment, a Job or a CronJob."""
    return as_document(pod_template(workload)["spec"], f"{workload} pod spec")


def containers(workload: K8sResource) -> list[Document]:
    return [
        as_document(c, f"{workload} container") for c in pod_spec(workload).get("containers", [])
    ]


def of_kind(kind: str) -> list[K8sResource]:
    """The deployed objects of one kind."""
    return [r for r in deployed_resources() if r.kind == kind]


def settings_configmap() -> Document:
    """The `data` of the services' settings ConfigMap."""
    (configmap,) = [r for r in of_kind("ConfigMap") if r.name == SETTINGS_CONFIGMAP]
    return as_document(configmap.document["data"], f"{configmap} data")


def env_value(container: Document, name: str) -> str | None:
    """A container's literal `env` value (None when absent or taken from a Secret)."""
    for var in container.get("env", []):
        if var["name"] == name:
            return str(var["value"]) if "value" in var else None
    return None


def walk(node: Any) -> Iterator[Document]:
    """Every mapping nested in a manifest."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)
