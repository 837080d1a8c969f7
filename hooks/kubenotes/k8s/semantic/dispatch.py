"""Which rules apply: by kind for whole objects, by definition for fragments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubenotes.findings import Finding
from kubenotes.k8s.load import Document, JsonPath
from kubenotes.k8s.report import Reporter
from kubenotes.k8s.semantic import kinds, labels, names, pod, quantity, rbac, workloads
from kubenotes.k8s.semantic.base import Scope

SpecRule = Callable[[Scope, dict[str, Any], JsonPath, bool], None]

# kind → rule for its ``spec`` (the same rule serves the *Spec fragment definition)
SPEC_RULES: dict[str, SpecRule] = {
    "Deployment": workloads.deployment,
    "ReplicaSet": workloads.replica_set,
    "DaemonSet": workloads.daemon_set,
    "StatefulSet": workloads.stateful_set,
    "ReplicationController": workloads.replication_controller,
    "Job": workloads.job,
    "CronJob": workloads.cron_job,
    "Service": kinds.service_spec,
    "PersistentVolumeClaim": lambda s, v, p, partial: kinds.persistent_volume_claim_spec(
        s, v, p, partial
    ),
    "PersistentVolume": kinds.persistent_volume_spec,
    "HorizontalPodAutoscaler": kinds.hpa_spec,
    "PodDisruptionBudget": kinds.pdb_spec,
    "Ingress": kinds.ingress_spec,
    "NetworkPolicy": kinds.network_policy_spec,
    "ResourceQuota": kinds.resource_quota,
    "LimitRange": kinds.limit_range,
}
# kind → rule for the whole object (kinds without a spec)
OBJECT_RULES: dict[str, Callable[[Scope, dict[str, Any]], None]] = {
    "ConfigMap": kinds.config_map,
    "Secret": kinds.secret,
    "PriorityClass": kinds.priority_class,
    "StorageClass": kinds.storage_class,
    "Role": rbac.role,
    "ClusterRole": rbac.role,
    "RoleBinding": rbac.binding,
    "ClusterRoleBinding": rbac.binding,
    "RuntimeClass": kinds.runtime_class,
}
# fragment definition (short name) → rule for a value of that definition
FRAGMENT_RULES: dict[str, Callable[[Scope, Any], None]] = {
    "PodSpec": lambda s, v: pod.pod_spec(s, v, (), partial=True),
    "Container": lambda s, v: pod.container_rules(s, v, (), None, partial=True),
    "EphemeralContainer": lambda s, v: pod.container_rules(s, v, (), None, partial=True),
    "ResourceRequirements": lambda s, v: quantity.resource_requirements(s, v, ()),
    "Volume": lambda s, v: pod.volume(s, v, ()),
    "Probe": lambda s, v: pod.probe(s, v, (), "probe"),
    "LifecycleHandler": lambda s, v: pod.handler(s, v, (), pod.LIFECYCLE_HANDLERS),
    "Affinity": lambda s, v: pod.affinity(s, v, ()),
    "Toleration": lambda s, v: pod.tolerations(s, [v], ()),
    "EnvVar": lambda s, v: pod.env(s, [v], ()),
    "ContainerPort": lambda s, v: pod.container_ports(s, [v], ()),
    "LabelSelector": lambda s, v: labels.label_selector(s, v, ()),
    "NodeSelector": lambda s, v: labels.node_selector(s, v, (), True),
    "NodeSelectorTerm": lambda s, v: labels.node_selector_term(s, v, ()),
    "ObjectMeta": lambda s, v: names.meta_common(s, v, ()),
    "PodTemplateSpec": lambda s, v: workloads.pod_template(s, v, (), None, partial=True),
    "PersistentVolumeClaimSpec": lambda s, v: kinds.persistent_volume_claim_spec(s, v, (), True),
    "TopologySpreadConstraint": lambda s, v: pod.topology_spread(s, [v], ()),
}
for _kind, _rule in SPEC_RULES.items():
    FRAGMENT_RULES.setdefault(f"{_kind}Spec", lambda s, v, rule=_rule: rule(s, v, (), True))
FRAGMENT_RULES["HorizontalPodAutoscalerSpec"] = lambda s, v: kinds.hpa_spec(s, v, (), True)


def _version(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    try:
        return int(major), int(minor.split(".")[0])
    except ValueError:
        return (1, 34)


def check_object(
    value: dict[str, Any],
    base: JsonPath,
    document: Document,
    source: str,
    obj: str,
    version: str,
    builtin: bool = True,
) -> list[Finding]:
    """The semantic findings of one whole object (``base``: its path in the document)."""
    report = Reporter(document, source, obj, base=base)
    try:
        _object_rules(Scope(report, _version(version)), value, builtin)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        _internal(report, exc)
    return report.findings


def _internal(report: Reporter, exc: Exception) -> None:
    """A rule met a value it did not expect: say so, never crash the build."""
    report.warning(
        (), f"semantic checks stopped early on this object ({type(exc).__name__}: {exc})"
    )


def _object_rules(scope: Scope, value: dict[str, Any], builtin: bool) -> None:
    kind = value.get("kind") if isinstance(value.get("kind"), str) else ""
    names.object_meta(scope, kind, value.get("metadata"), ("metadata",), builtin)
    if not builtin:
        return
    if kind == "Pod":
        spec = value.get("spec")
        if isinstance(spec, dict):
            pod.pod_spec(scope, spec, ("spec",))
    elif kind == "PodTemplate":
        workloads.pod_template(scope, value.get("template"), ("template",), None)
    elif kind in SPEC_RULES:
        spec = value.get("spec")
        if isinstance(spec, dict):
            SPEC_RULES[kind](scope, spec, ("spec",), False)
    elif kind in OBJECT_RULES:
        OBJECT_RULES[kind](scope, value)


def check_fragment(
    definition: str, value: Any, base: JsonPath, document: Document, source: str, version: str
) -> list[Finding]:
    """The semantic findings of a fragment that validated as ``definition`` (short name)."""
    rule = FRAGMENT_RULES.get(definition)
    if rule is None or not isinstance(value, dict):
        return []
    report = Reporter(document, source, definition, base=base)
    try:
        rule(Scope(report, _version(version)), value)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        _internal(report, exc)
    return report.findings


__all__ = ["check_fragment", "check_object"]
