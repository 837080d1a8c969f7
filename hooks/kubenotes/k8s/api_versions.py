"""Removed, deprecated and misplaced API versions, derived from the bundled schema sets.

Only APIs removed before the oldest bundled version need the small table below (from the
Kubernetes deprecation guide); everything else is read from which versions have a schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kubenotes.findings import did_you_mean
from kubenotes.k8s.schemas import (
    bundled_versions,
    has_schema_file,
    schema_file_key,
    schema_files,
    served_kinds,
    version_key,
)

# (apiVersion, kind) -> last Kubernetes version that served it, for removals before 1.25.
_REMOVED_EARLY: dict[tuple[str, str], str] = {
    **{("extensions/v1beta1", k): "1.15" for k in ("DaemonSet", "Deployment", "ReplicaSet")},
    ("extensions/v1beta1", "NetworkPolicy"): "1.15",
    ("extensions/v1beta1", "PodSecurityPolicy"): "1.15",
    ("extensions/v1beta1", "Ingress"): "1.21",
    **{("apps/v1beta1", k): "1.15" for k in ("Deployment", "StatefulSet", "ControllerRevision")},
    **{
        ("apps/v1beta2", k): "1.15"
        for k in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision")
    },
    ("admissionregistration.k8s.io/v1alpha1", "InitializerConfiguration"): "1.13",
    ("networking.k8s.io/v1beta1", "Ingress"): "1.21",
    ("networking.k8s.io/v1beta1", "IngressClass"): "1.21",
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"): "1.21",
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"): "1.21",
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"): "1.21",
    ("apiregistration.k8s.io/v1beta1", "APIService"): "1.21",
    **{
        ("rbac.authorization.k8s.io/v1beta1", k): "1.21"
        for k in ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")
    },
    **{
        ("rbac.authorization.k8s.io/v1alpha1", k): "1.21"
        for k in ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")
    },
    ("scheduling.k8s.io/v1beta1", "PriorityClass"): "1.21",
    **{
        ("storage.k8s.io/v1beta1", k): "1.21"
        for k in ("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment")
    },
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"): "1.21",
    ("coordination.k8s.io/v1beta1", "Lease"): "1.21",
    ("batch/v1beta1", "CronJob"): "1.24",
    ("batch/v2alpha1", "CronJob"): "1.20",
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): "1.24",
    ("events.k8s.io/v1beta1", "Event"): "1.24",
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"): "1.24",
    ("policy/v1beta1", "PodDisruptionBudget"): "1.24",
    ("policy/v1beta1", "PodSecurityPolicy"): "1.24",
    ("node.k8s.io/v1beta1", "RuntimeClass"): "1.24",
}


@dataclass(frozen=True)
class ApiProblem:
    rule: str
    severity: str
    message: str


def _served_in(api_version: str, kind: str) -> list[str]:
    key = schema_file_key(api_version, kind)
    return [v for v in bundled_versions() if has_schema_file(v, key)]


def _group(api_version: str) -> str:
    return api_version.rpartition("/")[0]


def replacements(api_version: str, kind: str, version: str) -> list[str]:
    """apiVersions that serve ``kind`` in ``version``, same API group first."""
    found = [a for a, k in served_kinds(version) if k == kind and a != api_version]
    return sorted(found, key=lambda a: (_group(a) != _group(api_version), _stability(a), a))


def _stability(api_version: str) -> tuple[int, int]:
    """GA before beta before alpha; newer version first (``v2`` before ``v1``)."""
    match = re.search(r"v(\d+)(?:(alpha|beta)(\d+))?$", api_version)
    if not match:
        return (3, 0)
    level = {None: 0, "beta": 1, "alpha": 2}[match.group(2)]
    return (level, -int(match.group(1)))


def _use(api_version: str, kind: str, version: str) -> str:
    options = replacements(api_version, kind, version)
    if options:
        return f"; use {options[0]}"
    return f"; Kubernetes {version} has no {kind} in any API group"


def is_custom_group(api_version: str) -> bool:
    """True for API groups outside Kubernetes itself (``secrets-store.csi.x-k8s.io``)."""
    group = _group(api_version)
    return "." in group and not group.endswith(".k8s.io")


@cache  # bundled data only; a page of custom resources asks the same question many times
def explain_unserved(api_version: str, kind: str, version: str) -> ApiProblem:
    """Why (apiVersion, kind) has no schema in ``version``, with the fix when known."""
    subject = f"{api_version} {kind}"
    kinds_here = {k for a, k in served_kinds(version) if a == api_version}
    same_but_case = sorted(k for k in kinds_here if k.lower() == kind.lower())
    if same_but_case:
        return ApiProblem(
            "k8s-unknown-kind",
            "error",
            f'unknown kind "{kind}" in {api_version}; did you mean "{same_but_case[0]}"?',
        )
    served = _served_in(api_version, kind)
    target = version_key(version)
    older = [v for v in served if version_key(v) < target]
    newer = [v for v in served if version_key(v) > target]
    if older or (api_version, kind) in _REMOVED_EARLY:
        last = older[-1] if older else _REMOVED_EARLY[(api_version, kind)]
        return ApiProblem(
            "k8s-api-removed",
            "error",
            f"{subject} is not served in Kubernetes {version} (last served in {last})"
            + _use(api_version, kind, version),
        )
    if newer:
        return ApiProblem(
            "k8s-api-removed",
            "error",
            f"{subject} is not served in Kubernetes {version} (first served in {newer[0]})",
        )
    if not kinds_here and is_custom_group(api_version):
        return ApiProblem(
            "k8s-unknown-kind",
            "error",
            f"no schema for custom resource {subject}: add its CustomResourceDefinition to the "
            'CRD folder, or mark the block k8s=skip reason="..."',
        )
    others = replacements(api_version, kind, version)
    if others:
        return ApiProblem(
            "k8s-unknown-kind",
            "error",
            f"{kind} is not in {api_version} in Kubernetes {version}; use {others[0]}",
        )
    if kinds_here:
        hint = did_you_mean(kind, kinds_here)
        return ApiProblem(
            "k8s-unknown-kind", "error", f'unknown kind "{kind}" in {api_version}{hint}'
        )
    all_api_versions = sorted({a for a, _ in served_kinds(version)})
    hint = did_you_mean(api_version, all_api_versions, cutoff=0.8)
    return ApiProblem(
        "k8s-unknown-kind",
        "error",
        f"unknown apiVersion {api_version!r} for kind {kind} in Kubernetes {version}{hint}",
    )


def deprecation(api_version: str, kind: str, version: str) -> ApiProblem | None:
    """A warning when a served (apiVersion, kind) is removed in a later bundled version."""
    key = schema_file_key(api_version, kind)
    for candidate in _later_versions(version):
        if key not in schema_files(candidate):
            return ApiProblem(
                "k8s-api-deprecated",
                "warning",
                f"{api_version} {kind} is removed in Kubernetes {candidate}"
                + _use(api_version, kind, version),
            )
    return None


@cache
def _later_versions(version: str) -> tuple[str, ...]:
    """The bundled versions after ``version`` (asked for every manifest)."""
    return tuple(v for v in bundled_versions() if version_key(v) > version_key(version))
