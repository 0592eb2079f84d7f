"""deploy/k8s NetworkPolicies: everything denied, then only the flows the design needs.

Read offline, as the API server would apply them: a policy selects a pod when every label of its
`matchLabels` and every `matchExpressions` term holds; policies add up, so one rule too wide is
a hole whatever the others say.
"""

from __future__ import annotations

from typing import Any

import pytest

from .manifests import (
    REPO_ROOT,
    Document,
    K8sResource,
    containers,
    deployed_resources,
    load_yaml_documents,
    pod_template,
    pod_workloads,
)

POLICIES = [r for r in deployed_resources() if r.kind == "NetworkPolicy"]
CLUSTER_POLICIES = load_yaml_documents(
    REPO_ROOT / "deploy" / "k8s" / "cluster" / "network-policies.yaml"
)
POD_WORKLOADS = pod_workloads()
ADMIN_PORTED = ("gateway", "monitoring", "notify", "matching")

KAFKA_CLIENTS = {"gateway", "monitoring", "notify", "matching", "topics"}
POSTGRES_CLIENTS = {"gateway", "monitoring", "notify", "matching", "gateway-purge", "migrate"}
"""Who connects to what: the gateway and the workers to both, the topics Job to Kafka only
(it creates topics), the purge CronJob to PostgreSQL only."""
PRIVATE_RANGES = {
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
}


def labels_of(workload: K8sResource) -> dict[str, str]:
    return dict(pod_template(workload)["metadata"]["labels"])


def matches(selector: Document, labels: dict[str, str]) -> bool:
    """A label selector, as Kubernetes reads it (In, NotIn, Exists, DoesNotExist)."""
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for term in selector.get("matchExpressions") or []:
        key, operator, values = term["key"], term["operator"], term.get("values", [])
        held = {
            "In": key in labels and labels[key] in values,
            "NotIn": labels.get(key) not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }[operator]
        if not held:
            return False
    return True


def policies_selecting(workload: K8sResource) -> list[Document]:
    return [
        p.document
        for p in POLICIES
        if matches(p.document["spec"]["podSelector"], labels_of(workload))
    ]


def rules(policy: Document, direction: str) -> list[Document]:
    return list(policy["spec"].get(direction) or [])


def peers(rule: Document) -> list[Document]:
    return list(rule.get("from") or rule.get("to") or [])


def ports(rule: Document) -> set[Any]:
    return {port["port"] for port in rule.get("ports") or []}


def egress_to(workload: K8sResource, peer_label: tuple[str, str]) -> set[Any]:
    """The ports a workload's pods may open to pods carrying `peer_label`."""
    key, value = peer_label
    allowed: set[Any] = set()
    for policy in policies_selecting(workload):
        for rule in rules(policy, "egress"):
            if any(
                (peer.get("podSelector") or {}).get("matchLabels", {}).get(key) == value
                for peer in peers(rule)
            ):
                allowed |= ports(rule)
    return allowed


def workload(name: str) -> K8sResource:
    (found,) = [w for w in POD_WORKLOADS if w.name == name]
    return found


def test_the_namespace_denies_everything_in_and_out_by_default() -> None:
    (deny,) = [p.document for p in POLICIES if p.name == "default-deny"]
    assert deny["spec"]["podSelector"] == {}
    assert set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny["spec"]
    assert "egress" not in deny["spec"]


@pytest.mark.parametrize("workload", POD_WORKLOADS, ids=str)
def test_every_pod_is_under_a_policy_that_allows_it_something(workload: K8sResource) -> None:
    """Selected by the default deny, and by a policy of its own (not only the namespace-wide
    ones), so that what it may do was decided for it."""
    selecting = policies_selecting(workload)
    assert any(p["metadata"]["name"] == "default-deny" for p in selecting), workload
    own = [p for p in selecting if p["spec"]["podSelector"] != {}]
    assert own, f"{workload} is selected by no policy of its own"


@pytest.mark.parametrize(
    "policy",
    [*(p.document for p in POLICIES), *CLUSTER_POLICIES],
    ids=lambda p: p["metadata"]["name"],
)
def test_no_policy_allows_all_ingress(policy: Document) -> None:
    name = policy["metadata"]["name"]
    for rule in rules(policy, "ingress"):
        assert peers(rule), f"{name}: an ingress rule without `from` admits every source"
        for peer in peers(rule):
            assert "ipBlock" not in peer, f"{name}: ingress from addresses, not pods"
            assert peer.get("podSelector") not in (None, {}), (
                f"{name}: ingress from a whole namespace (or every namespace)"
            )


@pytest.mark.parametrize(
    "policy", [p.document for p in POLICIES], ids=lambda p: p["metadata"]["name"]
)
def test_no_policy_of_the_base_allows_all_egress(policy: Document) -> None:
    """Egress names its peers and its ports: the internet only for notify, on 443."""
    name = policy["metadata"]["name"]
    for rule in rules(policy, "egress"):
        assert peers(rule), f"{name}: an egress rule without `to` reaches everywhere"
        assert ports(rule), f"{name}: an egress rule on every port"


def test_only_the_ingress_controller_reaches_the_gateway_and_only_its_public_port() -> None:
    ingress = [
        (rule, peer)
        for policy in policies_selecting(workload("gateway"))
        for rule in rules(policy, "ingress")
        for peer in peers(rule)
        if ports(rule) & {"http", 8000}
    ]
    assert ingress, "nothing may reach the gateway's public port"
    for rule, peer in ingress:
        assert ports(rule) == {"http"}
        assert peer["namespaceSelector"]["matchLabels"] == {
            "kubernetes.io/metadata.name": "ingress-nginx"
        }


@pytest.mark.parametrize("name", ADMIN_PORTED)
def test_only_prometheus_reaches_the_admin_ports(name: str) -> None:
    target = workload(name)
    (container,) = containers(target)
    assert "admin" in {port["name"] for port in container["ports"]}
    admitted = [
        (rule, peer)
        for policy in policies_selecting(target)
        for rule in rules(policy, "ingress")
        for peer in peers(rule)
    ]
    on_admin = [(rule, peer) for rule, peer in admitted if "admin" in ports(rule)]
    assert on_admin, f"Prometheus cannot scrape {name}"
    for rule, peer in on_admin:
        assert ports(rule) == {"admin"}
        assert peer["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "prometheus"}
    # A worker has no other port but notify's callbacks; the gateway's other is the public one.
    others = {port for rule, _ in admitted for port in ports(rule)} - {"admin"}
    assert others == {"gateway": {"http"}, "notify": {"callbacks"}}.get(name, set())


def test_only_the_ingress_controller_reaches_notify_s_callbacks_port() -> None:
    on_callbacks = [
        (rule, peer)
        for policy in policies_selecting(workload("notify"))
        for rule in rules(policy, "ingress")
        for peer in peers(rule)
        if "callbacks" in ports(rule)
    ]
    assert on_callbacks, "WeChat's and VMS's pushes cannot reach notify"
    for rule, peer in on_callbacks:
        assert ports(rule) == {"callbacks"}
        assert peer["namespaceSelector"]["matchLabels"] == {
            "kubernetes.io/metadata.name": "ingress-nginx"
        }
        assert peer["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "ingress-nginx"}


@pytest.mark.parametrize("target", POD_WORKLOADS, ids=str)
def test_services_reach_kafka_and_postgres_exactly_as_they_need(target: K8sResource) -> None:
    kafka = egress_to(target, ("strimzi.io/kind", "Kafka"))
    postgres = egress_to(target, ("cnpg.io/podRole", "instance"))
    assert kafka == ({9093} if target.name in KAFKA_CLIENTS else set()), target
    assert postgres == ({5432} if target.name in POSTGRES_CLIENTS else set()), target


@pytest.mark.parametrize("target", POD_WORKLOADS, ids=str)
def test_every_pod_resolves_names(target: K8sResource) -> None:
    dns = egress_to(target, ("k8s-app", "kube-dns"))
    assert dns == {53}


@pytest.mark.parametrize("target", POD_WORKLOADS, ids=str)
def test_only_notify_reaches_the_internet_on_443_and_nothing_internal_that_way(
    target: K8sResource,
) -> None:
    blocks = [
        (rule, peer["ipBlock"])
        for policy in policies_selecting(target)
        for rule in rules(policy, "egress")
        for peer in peers(rule)
        if "ipBlock" in peer
    ]
    if target.name != "notify":
        assert not blocks, f"{target} may reach addresses outside the cluster"
        return
    (rule, block), *more = blocks
    assert not more
    assert ports(rule) == {443}
    assert block["cidr"] == "0.0.0.0/0"
    assert set(block["except"]) >= PRIVATE_RANGES


def test_the_cluster_overlay_admits_the_same_clients_the_base_lets_out() -> None:
    """Kafka's and PostgreSQL's pods share the namespace in deploy/k8s/cluster, so their own
    ingress must name the very clients whose egress the base allows."""
    admitted: dict[str, set[str]] = {}
    for policy in CLUSTER_POLICIES:
        for rule in rules(policy, "ingress"):
            for peer in peers(rule):
                for term in (peer.get("podSelector") or {}).get("matchExpressions", []):
                    if term["key"] == "app.kubernetes.io/name":
                        admitted[policy["metadata"]["name"]] = set(term["values"])
    assert admitted == {"kafka-cluster": KAFKA_CLIENTS, "postgres-cluster": POSTGRES_CLIENTS}


def test_the_brokers_client_listener_admits_only_the_kafka_clients() -> None:
    """Strimzi makes a NetworkPolicy per listener, open to every pod unless its peers are named;
    policies add up, so an open one would undo the namespace's own."""
    (kafka,) = [
        d
        for d in load_yaml_documents(REPO_ROOT / "deploy" / "k8s" / "cluster" / "kafka.yaml")
        if d["kind"] == "Kafka"
    ]
    for listener in kafka["spec"]["kafka"]["listeners"]:
        listener_peers = listener["networkPolicyPeers"]
        assert listener_peers, f"listener {listener['name']} admits every pod"
        for peer in listener_peers:
            # Only pods of this namespace, each chosen by its labels (no empty selector).
            assert set(peer) == {"podSelector"}, peer
            assert peer["podSelector"].get("matchLabels") or peer["podSelector"].get(
                "matchExpressions"
            )
        admitted = {
            w.name
            for w in POD_WORKLOADS
            if any(matches(peer["podSelector"], labels_of(w)) for peer in listener_peers)
        }
        assert admitted == KAFKA_CLIENTS, listener["name"]
