"""deploy/k8s/cluster: Kafka as Strimzi resources, PostgreSQL as a CloudNativePG Cluster.

The operators' CRD schemas are not served by a package registry this project can use (Strimzi's
`io.strimzi:api` jar on Maven Central holds Java classes, no CRD YAML), so these tests check the
fields each resource needs as the operators document them (strimzi.io/docs: Kafka,
KafkaNodePool, KafkaTopic; cloudnative-pg.io/documentation: Cluster), and that the topics are
the catalogue's, generated, never edited.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from services.contracts.topics import catalogue, services
from services.contracts.views import DATABASE_SERVICES, ROLE_LIMITS
from services.platform.kafka_acls import ADMIN_USER, service_bindings, username
from services.platform.strimzi import (
    KAFKA_CLUSTER,
    MIN_INSYNC_REPLICAS,
    REPLICAS,
    kafka_topics_yaml,
    kafka_users_yaml,
)

from .manifests import REPO_ROOT, load_yaml, load_yaml_documents

CLUSTER_DIR = REPO_ROOT / "deploy" / "k8s" / "cluster"
DNS_1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
STRIMZI_API = "kafka.strimzi.io/v1beta2"
LISTENER_TYPES = {"internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"}
SERVICES_WITH_A_SCHEMA = set(DATABASE_SERVICES)


def _documents(name: str) -> list[dict[str, Any]]:
    return load_yaml_documents(CLUSTER_DIR / name)


def _one(name: str, kind: str) -> dict[str, Any]:
    (found,) = [d for d in _documents(name) if d["kind"] == kind]
    return found


def test_the_topics_file_is_the_catalogue_generated() -> None:
    committed = (CLUSTER_DIR / "kafka-topics.yaml").read_text(encoding="utf-8")
    assert committed == kafka_topics_yaml(), (
        "deploy/k8s/cluster/kafka-topics.yaml differs from the catalogue: run "
        "`python -m services.platform.strimzi > deploy/k8s/cluster/kafka-topics.yaml`"
    )


def test_the_users_file_is_the_catalogue_generated() -> None:
    committed = (CLUSTER_DIR / "kafka-users.yaml").read_text(encoding="utf-8")
    assert committed == kafka_users_yaml(), (
        "deploy/k8s/cluster/kafka-users.yaml differs from the catalogue: run "
        "`python -m services.platform.strimzi users > deploy/k8s/cluster/kafka-users.yaml`"
    )


def test_each_service_is_a_scram_user_with_exactly_its_catalogue_acls() -> None:
    users = {d["metadata"]["name"]: d for d in _documents("kafka-users.yaml")}
    assert set(users) == {ADMIN_USER} | {username(s) for s in services()}
    for user in users.values():
        assert user["apiVersion"] == STRIMZI_API
        assert user["metadata"]["labels"]["strimzi.io/cluster"] == KAFKA_CLUSTER
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
    assert "authorization" not in users[ADMIN_USER]["spec"]  # a super user of the cluster
    for service in services():
        authorization = users[username(service)]["spec"]["authorization"]
        assert authorization["type"] == "simple"
        granted = {
            (acl["resource"]["type"].upper(), acl["resource"]["name"], operation.upper())
            for acl in authorization["acls"]
            if acl["resource"]["patternType"] == "literal" and acl["host"] == "*"
            for operation in acl["operations"]
        }
        wanted = {
            (b.resource_type, b.resource_name, b.operation) for b in service_bindings(service)
        }
        assert granted == wanted, service


def test_clients_must_authenticate_over_tls_and_are_authorised_by_acls() -> None:
    kafka = _one("kafka.yaml", "Kafka")["spec"]["kafka"]
    for listener in kafka["listeners"]:
        assert listener["tls"] is True
        assert listener["authentication"] == {"type": "scram-sha-512"}
    assert kafka["authorization"] == {"type": "simple", "superUsers": [ADMIN_USER]}
    assert "userOperator" in _one("kafka.yaml", "Kafka")["spec"]["entityOperator"]


def test_every_catalogue_topic_is_a_kafka_topic_of_the_cluster_with_its_settings() -> None:
    topics = {d["spec"]["topicName"]: d for d in _documents("kafka-topics.yaml")}
    assert set(topics) == {spec.name for spec in catalogue()}
    for spec in catalogue():
        topic = topics[spec.name]
        assert topic["apiVersion"] == STRIMZI_API
        assert DNS_1123.match(topic["metadata"]["name"]), topic["metadata"]["name"]
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == KAFKA_CLUSTER
        assert topic["spec"]["partitions"] == spec.partitions
        assert topic["spec"]["replicas"] == REPLICAS
        config = topic["spec"]["config"]
        assert {k: config[k] for k in spec.config()} == spec.config()
        assert int(config["min.insync.replicas"]) == MIN_INSYNC_REPLICAS < REPLICAS


def test_kafka_runs_kraft_on_a_node_pool_with_the_replication_the_topics_need() -> None:
    kafka = _one("kafka.yaml", "Kafka")
    pool = _one("kafka.yaml", "KafkaNodePool")
    assert (kafka["apiVersion"], pool["apiVersion"]) == (STRIMZI_API, STRIMZI_API)
    assert kafka["metadata"]["name"] == KAFKA_CLUSTER
    assert kafka["metadata"]["annotations"] == {
        "strimzi.io/node-pools": "enabled",
        "strimzi.io/kraft": "enabled",
    }
    assert pool["metadata"]["labels"]["strimzi.io/cluster"] == KAFKA_CLUSTER
    assert pool["spec"]["replicas"] >= REPLICAS
    assert set(pool["spec"]["roles"]) == {"controller", "broker"}
    assert pool["spec"]["storage"]["type"] in {"ephemeral", "persistent-claim", "jbod"}
    config = kafka["spec"]["kafka"]["config"]
    assert config["default.replication.factor"] == REPLICAS
    assert config["min.insync.replicas"] == MIN_INSYNC_REPLICAS
    assert config["offsets.topic.replication.factor"] == REPLICAS
    assert config["auto.create.topics.enable"] is False
    assert "topicOperator" in kafka["spec"]["entityOperator"]


def test_listeners_are_named_typed_and_on_distinct_ports() -> None:
    listeners = _one("kafka.yaml", "Kafka")["spec"]["kafka"]["listeners"]
    assert len({listener["port"] for listener in listeners}) == len(listeners)
    for listener in listeners:
        assert re.fullmatch(r"[a-z0-9]{1,11}", listener["name"]), listener["name"]
        assert listener["type"] in LISTENER_TYPES
        assert isinstance(listener["tls"], bool)
        assert listener["port"] >= 9092
        assert listener["port"] not in {9404, 9090, 9091}  # Strimzi's own ports


def test_postgres_is_a_primary_with_two_replicas_and_a_role_per_service() -> None:
    cluster = _one("postgres.yaml", "Cluster")
    assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
    assert cluster["spec"]["instances"] == 3
    assert cluster["spec"]["storage"]["size"]
    initdb = cluster["spec"]["bootstrap"]["initdb"]
    assert (initdb["database"], initdb["owner"]) == ("fugong", "fugong")
    roles = {role["name"]: role for role in cluster["spec"]["managed"]["roles"]}
    assert set(roles) == SERVICES_WITH_A_SCHEMA
    for name, role in roles.items():
        assert role["login"] is True
        assert role["passwordSecret"]["name"] == f"fugong-db-{name}"
        # Rights come from the migrate Job's grants only: no role may make databases or roles.
        assert role["superuser"] is False
        assert role["createdb"] is False
        assert role["createrole"] is False


def test_each_managed_role_is_capped_as_the_catalogue_says() -> None:
    """The connection limit is the operator's to keep; the statement timeout is set at bootstrap
    by the superuser (the migrate Job's owner may not alter roles)."""
    cluster = _one("postgres.yaml", "Cluster")
    roles = {role["name"]: role for role in cluster["spec"]["managed"]["roles"]}
    statements = cluster["spec"]["bootstrap"]["initdb"]["postInitSQL"]
    for name, limits in ROLE_LIMITS.items():
        assert roles[name]["connectionLimit"] == limits.connections, name
        assert f"CREATE ROLE {name} LOGIN" in statements
        assert f"ALTER ROLE {name} SET statement_timeout = {limits.statement_timeout_ms}" in (
            statements
        )
    total = sum(limits.connections for limits in ROLE_LIMITS.values())
    # Room left for the owner (migrations), the operator and replication.
    assert total <= int(cluster["spec"]["postgresql"]["parameters"]["max_connections"]) - 20


def test_the_overlay_points_the_services_at_the_clusters_it_runs() -> None:
    overlay = load_yaml(CLUSTER_DIR / "kustomization.yaml")
    assert overlay["resources"] == [
        "../base",
        "kafka.yaml",
        "kafka-topics.yaml",
        "kafka-users.yaml",
        "postgres.yaml",
        "network-policies.yaml",
    ]
    patches = "\n".join(p["patch"] for p in overlay["patches"])
    (tls,) = _one("kafka.yaml", "Kafka")["spec"]["kafka"]["listeners"]
    assert f"{KAFKA_CLUSTER}-kafka-bootstrap:{tls['port']}" in patches
    cluster_name = _one("postgres.yaml", "Cluster")["metadata"]["name"]
    # The primary's Service, by the name its certificate carries; the owner's and the CA's
    # Secrets are the operator's names for this cluster, which the base reads already.
    assert f"value: postgresql://{cluster_name}-rw:5432/fugong" in patches
    base = "\n".join(p.read_text() for p in (REPO_ROOT / "deploy" / "k8s" / "base").glob("*.yaml"))
    assert f"name: {cluster_name}-app" in base
    assert f"secretName: {cluster_name}-ca" in base


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_kustomize_builds_the_overlay(tmp_path: Path) -> None:
    built = subprocess.run(
        ["kubectl", "kustomize", str(CLUSTER_DIR)], capture_output=True, text=True, check=True
    ).stdout
    kinds = re.findall(r"^kind: (\w+)$", built, flags=re.MULTILINE)
    assert kinds.count("Job") == 1  # the migrate Job; topics are the topic operator's
    assert kinds.count("KafkaTopic") == len(catalogue())
    assert {"Kafka", "KafkaNodePool", "Cluster", "Deployment"} <= set(kinds)
