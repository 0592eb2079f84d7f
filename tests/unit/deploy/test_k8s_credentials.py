"""deploy/k8s: who holds which credential. Each workload reads only the Secret keys it needs: its
own database role's, its own Kafka user's, the settings Secret's keys it uses; only the migrate
Job holds the database owner's; every connection verifies the server it reaches."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest

from services.contracts.views import DATABASE_SERVICES
from services.platform.kafka_acls import ADMIN_USER, username
from services.platform.settings import ServiceSettings
from services.platform.strimzi import KAFKA_CLUSTER

from .manifests import (
    DATABASE_ROLE_LABEL,
    EXAMPLE_SECRET_FILE,
    SETTINGS_CONFIGMAP,
    Document,
    K8sResource,
    containers,
    deployed_services,
    env_value,
    k8s_resources,
    kustomized_files,
    of_kind,
    pod_spec,
    pod_workloads,
    settings_configmap,
    walk,
    workloads,
)

SECRET_NAME = "fugong-secrets"  # noqa: S105 (the Secret's name, not its value)
PLACEHOLDER = "CHANGE-ME"
OWNER_ROLE = "owner"
"""The database-role label of the one workload that connects as the database's owner."""
OWNER_SECRET = "fugong-db-app"  # noqa: S105 (a Secret's name: CloudNativePG's, for the owner)
CA_SECRET = "fugong-db-ca"  # noqa: S105 (a Secret's name: the server CA's)
SECRET_SETTINGS = {
    "FUGONG_API_KEY_PEPPER",
    "FUGONG_SMS_SECRET_ID",
    "FUGONG_SMS_SECRET_KEY",
    "FUGONG_ALIYUN_ACCESS_KEY_ID",
    "FUGONG_ALIYUN_ACCESS_KEY_SECRET",
    "FUGONG_WECHAT_APP_SECRET",
    "FUGONG_WECHAT_CALLBACK_TOKEN",
}

DATABASE_SERVICES_DEPLOYED = set(DATABASE_SERVICES) & deployed_services()
WORKLOADS = workloads()
POD_WORKLOADS = pod_workloads()
"""The Deployments and Jobs, and the CronJobs too."""


def test_configmap_holds_cluster_settings_and_no_secret() -> None:
    data = settings_configmap()
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


NO_KAFKA_CLIENT = {"gateway-purge", "migrate"}
"""Workloads that open no Kafka client, and are given no Kafka user."""


def _kafka_user_of(workload: K8sResource) -> str:
    return ADMIN_USER if workload.name == "topics" else username(workload.name)


def _database_role(workload: K8sResource) -> str | None:
    """The role a workload says it connects as (its label), if it connects at all."""
    return workload.labels.get(DATABASE_ROLE_LABEL)


def _database_secret(workload: K8sResource) -> str:
    """The Secret of the role the workload connects as: a service's own, or the owner's."""
    role = _database_role(workload)
    return OWNER_SECRET if role == OWNER_ROLE else f"fugong-db-{role}"


@pytest.mark.parametrize("workload", POD_WORKLOADS, ids=str)
def test_a_workload_names_its_database_role_exactly_when_it_connects(
    workload: K8sResource,
) -> None:
    connects = "FUGONG_DATABASE_USER" in _env_from_secret(workload)
    role = _database_role(workload)
    assert connects == (role is not None), workload
    assert role is None or role in {*DATABASE_SERVICES, OWNER_ROLE}, workload


def test_workloads_read_only_settings_that_exist() -> None:
    (secret,) = k8s_resources([EXAMPLE_SECRET_FILE])
    secret_keys = set(secret.document["stringData"])
    for workload in POD_WORKLOADS:
        # Fugong's Secret, its own database role's, and its own Kafka user's (made by Strimzi's
        # user operator).
        allowed = (
            {(SECRET_NAME, k) for k in secret_keys}
            | {(_database_secret(workload), k) for k in ("username", "password")}
            | {(_kafka_user_of(workload), "password")}
        )
        for node in walk(pod_spec(workload)):
            if "secretKeyRef" in node:
                ref = node["secretKeyRef"]
                assert (ref["name"], ref["key"]) in allowed
            if "configMapRef" in node:
                assert node["configMapRef"]["name"] == SETTINGS_CONFIGMAP
            assert "secretRef" not in node, "each workload takes only the secret keys it needs"


def test_each_workload_connects_to_kafka_as_its_own_user_verifying_the_cluster_ca() -> None:
    settings = settings_configmap()
    assert settings["FUGONG_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert settings["FUGONG_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    ca_dir = settings["FUGONG_KAFKA_SSL_CAFILE"].rpartition("/")[0]
    for workload in WORKLOADS:
        if workload.name in NO_KAFKA_CLIENT:
            continue
        (container,) = containers(workload)
        user = _kafka_user_of(workload)
        assert env_value(container, "FUGONG_KAFKA_SASL_USERNAME") == user, workload
        mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod_spec(workload)["volumes"]}
        assert mounts["kafka-ca"] == ca_dir
        assert volumes["kafka-ca"]["secret"]["secretName"] == f"{KAFKA_CLUSTER}-cluster-ca-cert"


def test_only_the_gateway_gets_the_api_key_pepper() -> None:
    holders = {
        workload.name
        for workload in WORKLOADS
        for node in walk(pod_spec(workload))
        if node.get("secretKeyRef", {}).get("key") == "FUGONG_API_KEY_PEPPER"
    }
    assert holders == {"gateway"}


def _env_from_secret(workload: K8sResource) -> dict[str, tuple[str, str]]:
    return {
        var["name"]: (
            var["valueFrom"]["secretKeyRef"]["name"],
            var["valueFrom"]["secretKeyRef"]["key"],
        )
        for container in containers(workload)
        for var in container.get("env", [])
        if "secretKeyRef" in var.get("valueFrom", {})
    }


def _cronjobs() -> list[K8sResource]:
    return of_kind("CronJob")


def _cronjob_pod(cronjob: K8sResource) -> Document:
    return cronjob.document["spec"]["jobTemplate"]["spec"]["template"]["spec"]  # type: ignore[no-any-return]


def test_each_service_connects_as_its_own_role_and_only_the_migrate_job_as_the_owner() -> None:
    connecting = [w for w in WORKLOADS if "FUGONG_DATABASE_USER" in _env_from_secret(w)]
    assert {w.name for w in connecting} == {*DATABASE_SERVICES_DEPLOYED, "migrate"}
    for workload in connecting:
        env = _env_from_secret(workload)
        expected = _database_secret(workload)
        assert env["FUGONG_DATABASE_USER"] == (expected, "username")
        assert env["FUGONG_DATABASE_PASSWORD"] == (expected, "password")
    for cronjob in _cronjobs():
        refs = [
            n["secretKeyRef"]["name"] for n in walk(_cronjob_pod(cronjob)) if "secretKeyRef" in n
        ]
        assert OWNER_SECRET not in refs, f"{cronjob} must not hold the owner's role"
    holders = {
        w.name
        for w in WORKLOADS
        for n in walk(pod_spec(w))
        if n.get("secretKeyRef", {}).get("name") == OWNER_SECRET
    }
    assert holders == {"migrate"}


def test_database_connections_verify_the_server_against_the_mounted_ca() -> None:
    data = settings_configmap()
    url = urlsplit(data["FUGONG_DATABASE_URL"])
    assert url.username is None
    assert url.password is None
    assert data["FUGONG_DATABASE_SSLMODE"] == "verify-full"
    root_cert = PurePosixPath(data["FUGONG_DATABASE_SSL_ROOT_CERT"])
    pods = [pod_spec(w) for w in WORKLOADS if "FUGONG_DATABASE_USER" in _env_from_secret(w)]
    pods += [_cronjob_pod(c) for c in _cronjobs()]
    for pod in pods:
        (volume,) = [
            v for v in pod["volumes"] if v.get("secret", {}).get("secretName") == CA_SECRET
        ]
        mounts = [
            m for c in pod["containers"] for m in c["volumeMounts"] if m["name"] == volume["name"]
        ]
        assert [PurePosixPath(m["mountPath"]) for m in mounts] == [root_cert.parent]
        assert {item["path"] for item in volume["secret"]["items"]} == {root_cert.name}


def test_the_configmap_passes_the_services_production_checks() -> None:
    settings = ServiceSettings(
        _env_file=None,
        http_port=8000,
        **{k.removeprefix("FUGONG_").lower(): v for k, v in settings_configmap().items()},
    )
    assert settings.env == "prod"
    assert settings.effective_sslmode == "verify-full"
