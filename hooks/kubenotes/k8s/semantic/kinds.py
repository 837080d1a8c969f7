"""Rules of the other kinds the site uses: Service, ConfigMap, Secret, PersistentVolumeClaim,
PersistentVolume, HorizontalPodAutoscaler, PodDisruptionBudget, Ingress, NetworkPolicy,
PriorityClass, StorageClass, ResourceQuota and LimitRange.

From ``pkg/apis/core/validation`` (services, config maps, secrets, volumes), and the
autoscaling, policy, networking, scheduling and storage validation packages. Feature gates at
their 1.34 defaults: HPAScaleToZero is off (minReplicas ≥ 1); StrictIPCIDRValidation is off
(IPv4 octets with leading zeros are accepted).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from kubenotes.k8s.load import JsonPath
from kubenotes.k8s.semantic import labels as labels_rules
from kubenotes.k8s.semantic.base import (
    Scope,
    as_dict,
    as_int,
    as_list,
    as_str,
    enum,
    items,
    one_of,
    set_of_messages,
)
from kubenotes.k8s.semantic.quantity import fractional_bytes, non_negative_quantity, quantity
from kubenotes.k8s.semantic.strings import (
    is_config_map_key,
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_port_name,
    is_port_number,
    is_qualified_name,
)

MAX_DATA_SIZE = 1024 * 1024  # ConfigMap and Secret: core.MaxSecretSize
ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
SECRET_KEYS = {
    "kubernetes.io/dockercfg": [".dockercfg"],
    "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
    "kubernetes.io/ssh-auth": ["ssh-privatekey"],
    "kubernetes.io/tls": ["tls.crt", "tls.key"],
}
PV_NON_SOURCES = {
    "accessModes",
    "capacity",
    "claimRef",
    "mountOptions",
    "nodeAffinity",
    "persistentVolumeReclaimPolicy",
    "storageClassName",
    "volumeMode",
    "volumeAttributesClassName",
}


# --- Service ---------------------------------------------------------------------------------


def service_spec(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidateService``: ports (named when several, unique, valid target ports), type
    constraints, selector labels."""
    kind = spec.get("type") or "ClusterIP"
    enum(scope, spec, path, "type", ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"])
    enum(scope, spec, path, "sessionAffinity", ["ClientIP", "None"])
    enum(scope, spec, path, "externalTrafficPolicy", ["Cluster", "Local"])
    enum(scope, spec, path, "internalTrafficPolicy", ["Cluster", "Local"])
    ports = as_list(spec.get("ports"))
    headless = spec.get("clusterIP") == "None"
    needs_ports = not headless and kind != "ExternalName" and not partial
    if needs_ports and not ports and "ports" not in spec:
        scope.required(path, "ports")
    names: set[str] = set()
    seen: set[tuple[Any, Any]] = set()
    node_ports: set[tuple[Any, Any]] = set()
    for here, port in items(spec.get("ports"), (*path, "ports")):
        name = as_str(port.get("name"))
        if not name:
            if (len(ports) > 1 and "name" not in port) or (name == "" and len(ports) > 1):
                scope.required(
                    here, "name", "every port needs a name when a Service has more than one port"
                )
        else:
            set_of_messages(scope, (*here, "name"), name, is_dns1123_label(name))
            if name in names:
                scope.duplicate((*here, "name"), name)
            names.add(name)
        number = as_int(port.get("port"))
        if number is not None:
            set_of_messages(scope, (*here, "port"), number, is_port_number(number))
        protocol = port.get("protocol") or "TCP"
        protocol = protocol if isinstance(protocol, str) else "TCP"
        enum(scope, port, here, "protocol", ["SCTP", "TCP", "UDP"])
        if number is not None:
            if (number, protocol) in seen:
                scope.duplicate(here, f"{number}/{protocol}", "port and protocol must be unique")
            seen.add((number, protocol))
        target = port.get("targetPort")
        if isinstance(target, int) and not isinstance(target, bool) and target != 0:
            set_of_messages(scope, (*here, "targetPort"), target, is_port_number(target))
        elif isinstance(target, str) and target:
            set_of_messages(scope, (*here, "targetPort"), target, is_port_name(target))
        node_port = as_int(port.get("nodePort"))
        if node_port:
            if kind == "ClusterIP":
                scope.forbidden((*here, "nodePort"), "may not be used when `type` is 'ClusterIP'")
            elif kind in ("NodePort", "LoadBalancer"):
                set_of_messages(scope, (*here, "nodePort"), node_port, is_port_number(node_port))
                if (node_port, protocol) in node_ports:
                    scope.duplicate((*here, "nodePort"), node_port)
                node_ports.add((node_port, protocol))
        app_protocol = as_str(port.get("appProtocol"))
        if app_protocol:
            set_of_messages(
                scope, (*here, "appProtocol"), app_protocol, is_qualified_name(app_protocol)
            )
    if kind == "ExternalName":
        external = as_str(spec.get("externalName"))
        if not external and not partial:
            scope.required(path, "externalName")
        elif external:
            set_of_messages(
                scope, (*path, "externalName"), external, is_dns1123_subdomain(external.rstrip("."))
            )
    if spec.get("externalTrafficPolicy") is not None and kind not in ("NodePort", "LoadBalancer"):
        scope.invalid(
            (*path, "externalTrafficPolicy"),
            spec["externalTrafficPolicy"],
            "may only be set when `type` is 'NodePort' or 'LoadBalancer'",
        )
    labels_rules.labels(scope, spec.get("selector"), (*path, "selector"))
    timeout = as_int(
        as_dict(as_dict(spec.get("sessionAffinityConfig")).get("clientIP")).get("timeoutSeconds")
    )
    if timeout is not None and not 0 < timeout <= 86400:
        scope.invalid(
            (*path, "sessionAffinityConfig", "clientIP", "timeoutSeconds"),
            timeout,
            "must be greater than 0 and less than 86400",
        )


# --- ConfigMap and Secret --------------------------------------------------------------------


def _data_keys(scope: Scope, data: Any, path: JsonPath) -> int:
    size = 0
    for key, value in as_dict(data).items():
        for message in is_config_map_key(key):
            scope.report.error((*path, key), f'Invalid value: "{key}": {message}', key=True)
        size += len(key) + (len(value.encode()) if isinstance(value, str) else 0)
    return size


def config_map(scope: Scope, obj: dict[str, Any]) -> None:
    """``ValidateConfigMap``: keys, no key in both data and binaryData, at most 1 MiB."""
    size = _data_keys(scope, obj.get("data"), ("data",))
    size += _data_keys(scope, obj.get("binaryData"), ("binaryData",))
    data = as_dict(obj.get("data"))
    for key in as_dict(obj.get("binaryData")):
        if key in data:
            scope.report.error(
                ("binaryData", key),
                f'Invalid value: "{key}": duplicate of key present in data',
                key=True,
            )
    for key, value in as_dict(obj.get("binaryData")).items():
        if isinstance(value, str):
            _base64(scope, value, ("binaryData", key))
    if size > MAX_DATA_SIZE:
        scope.report.error((), f"Too long: must have at most {MAX_DATA_SIZE} bytes", key=True)


def _base64(scope: Scope, value: str, path: JsonPath) -> bytes | None:
    """What the API server decodes a ``data`` value with (standard base64, newlines ignored)."""
    text = value.replace("\n", "").replace("\r", "")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        bad = next(
            (i for i, c in enumerate(text) if not (c.isalnum() and c.isascii()) and c not in "+/="),
            len(text) - (len(text) % 4 or 4) if text else 0,
        )
        scope.report.error(
            path,
            f"illegal base64 data at input byte {bad} (values under data are base64; put plain "
            "text under stringData instead)",
        )
        return None


def secret(scope: Scope, obj: dict[str, Any]) -> None:
    """``ValidateSecret``: keys, base64 data, the keys each type needs, at most 1 MiB."""
    size = _data_keys(scope, obj.get("data"), ("data",))
    size += _data_keys(scope, obj.get("stringData"), ("stringData",))
    contents: dict[str, bytes | None] = {}
    for key, value in as_dict(obj.get("data")).items():
        contents[key] = _base64(scope, value, ("data", key)) if isinstance(value, str) else None
    for key, value in as_dict(obj.get("stringData")).items():
        contents[key] = value.encode() if isinstance(value, str) else None
    kind = as_str(obj.get("type")) or "Opaque"
    for key in SECRET_KEYS.get(kind, []):
        if key not in contents:
            scope.report.error(
                ("type",),
                f"data[{key}]: Required value: a {kind} Secret needs the key {key} "
                "(under data, base64-encoded, or under stringData)",
                key=True,
            )
        elif kind in ("kubernetes.io/dockercfg", "kubernetes.io/dockerconfigjson"):
            raw = contents[key]
            if raw is not None:
                try:
                    json.loads(raw)
                except (ValueError, UnicodeDecodeError) as exc:
                    where = (
                        ("data", key) if key in as_dict(obj.get("data")) else ("stringData", key)
                    )
                    scope.invalid(where, "<secret contents redacted>", f"not valid JSON: {exc}")
    if kind == "kubernetes.io/basic-auth" and not ({"username", "password"} & set(contents)):
        scope.report.error(
            ("type",),
            "data[username]: Required value: a kubernetes.io/basic-auth Secret needs username "
            "or password",
            key=True,
        )
    if kind == "kubernetes.io/service-account-token":
        annotations = as_dict(as_dict(obj.get("metadata")).get("annotations"))
        if "kubernetes.io/service-account.name" not in annotations:
            scope.report.error(
                ("metadata",),
                'annotations["kubernetes.io/service-account.name"]: Required value',
                key=True,
            )
    if size > MAX_DATA_SIZE:
        scope.report.error((), f"Too long: must have at most {MAX_DATA_SIZE} bytes", key=True)


# --- storage ---------------------------------------------------------------------------------


def access_modes(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    modes = [m for m in as_list(spec.get("accessModes")) if isinstance(m, str)]
    if not modes and not partial:
        scope.required(path, "accessModes", "at least 1 access mode is required")
    for index, mode in enumerate(modes):
        if mode not in ACCESS_MODES:
            scope.unsupported((*path, "accessModes", index), mode, ACCESS_MODES)
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        scope.forbidden(
            (*path, "accessModes"), "may not use ReadWriteOncePod with other access modes"
        )


def persistent_volume_claim_spec(
    scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool = False
) -> None:
    """``ValidatePersistentVolumeClaimSpec``: access modes and a positive storage request."""
    access_modes(scope, spec, path, partial)
    enum(scope, spec, path, "volumeMode", ["Block", "Filesystem"])
    labels_rules.label_selector(scope, spec.get("selector"), (*path, "selector"))
    requests = as_dict(as_dict(spec.get("resources")).get("requests"))
    if "storage" not in requests:
        if not partial:
            where = (*path, "resources", "requests") if requests else (*path, "resources")
            where = where if spec.get("resources") is not None else path
            scope.report.error(
                where,
                "resources.requests.storage: Required value (e.g. storage: 1Gi)",
                key=True,
            )
    else:
        found = quantity(scope, requests["storage"], (*path, "resources", "requests", "storage"))
        if found is not None:
            here = (*path, "resources", "requests", "storage")
            fractional_bytes(scope, "storage", found, requests["storage"], here)
        if found is not None and found <= 0:
            scope.invalid(
                (*path, "resources", "requests", "storage"),
                requests["storage"],
                "must be greater than zero",
            )
    for part in ("requests", "limits"):
        for name, amount in as_dict(as_dict(spec.get("resources")).get(part)).items():
            if name != "storage":
                non_negative_quantity(scope, amount, (*path, "resources", part, name))
    storage_class = as_str(spec.get("storageClassName"))
    if storage_class:
        set_of_messages(
            scope, (*path, "storageClassName"), storage_class, is_dns1123_subdomain(storage_class)
        )


def persistent_volume_spec(
    scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool
) -> None:
    access_modes(scope, spec, path, partial)
    enum(scope, spec, path, "persistentVolumeReclaimPolicy", ["Delete", "Recycle", "Retain"])
    enum(scope, spec, path, "volumeMode", ["Block", "Filesystem"])
    capacity = as_dict(spec.get("capacity"))
    if "storage" not in capacity and not partial:
        scope.required(path, "capacity", "must specify the storage capacity (e.g. storage: 10Gi)")
    for name, amount in capacity.items():
        non_negative_quantity(scope, amount, (*path, "capacity", name))
    sources = [k for k in spec if k not in PV_NON_SOURCES and spec[k] is not None]
    if not sources and not partial:
        scope.required_here(path, "must specify a volume type")
    for extra in sources[1:]:
        scope.forbidden((*path, extra), "may not specify more than 1 volume type")
    affinity = as_dict(spec.get("nodeAffinity")).get("required")
    if isinstance(affinity, dict):
        labels_rules.node_selector(scope, affinity, (*path, "nodeAffinity", "required"), True)


def storage_class(scope: Scope, obj: dict[str, Any]) -> None:
    enum(scope, obj, (), "reclaimPolicy", ["Delete", "Retain"])
    enum(scope, obj, (), "volumeBindingMode", ["Immediate", "WaitForFirstConsumer"])
    provisioner = as_str(obj.get("provisioner"))
    if provisioner:
        set_of_messages(
            scope, ("provisioner",), provisioner, is_qualified_name(provisioner.lower())
        )


# --- autoscaling, policy, scheduling ---------------------------------------------------------


def hpa_spec(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidateHorizontalPodAutoscalerSpec``: 1 ≤ minReplicas ≤ maxReplicas, a target,
    metric targets of the right type."""
    low, high = as_int(spec.get("minReplicas")), as_int(spec.get("maxReplicas"))
    if low is not None and low < 1:
        scope.invalid((*path, "minReplicas"), low, "must be greater than or equal to 1")
    if high is not None and high < 1:
        scope.invalid((*path, "maxReplicas"), high, "must be greater than 0")
    if low is not None and high is not None and high < low:
        scope.invalid(
            (*path, "maxReplicas"), high, f"must be greater than or equal to `minReplicas` ({low})"
        )
    target = spec.get("scaleTargetRef")
    if isinstance(target, dict):
        for name in ("kind", "name"):
            if not target.get(name):
                scope.required((*path, "scaleTargetRef"), name)
    utilization = as_int(spec.get("targetCPUUtilizationPercentage"))
    if utilization is not None and utilization < 1:
        scope.invalid(
            (*path, "targetCPUUtilizationPercentage"),
            utilization,
            "must be greater than or equal to 1",
        )
    metric_types = ["ContainerResource", "External", "Object", "Pods", "Resource"]
    for here, metric in items(spec.get("metrics"), (*path, "metrics")):
        enum(scope, metric, here, "type", metric_types)
        kind = metric.get("type")
        source_name = (
            {
                "Resource": "resource",
                "ContainerResource": "containerResource",
                "Pods": "pods",
                "Object": "object",
                "External": "external",
            }.get(kind)
            if isinstance(kind, str)
            else None
        )
        if source_name is None:
            continue
        source = metric.get(source_name)
        if not isinstance(source, dict):
            scope.required(
                here,
                source_name,
                f"must populate information for the given metric source (type {kind})",
            )
            continue
        target_spec = source.get("target")
        if isinstance(target_spec, dict):
            _metric_target(scope, target_spec, (*here, source_name, "target"))


def _metric_target(scope: Scope, target: dict[str, Any], path: JsonPath) -> None:
    enum(scope, target, path, "type", ["AverageValue", "Utilization", "Value"])
    kind = target.get("type")
    needed = {"Utilization": "averageUtilization", "Value": "value", "AverageValue": "averageValue"}
    if isinstance(kind, str) and kind in needed and target.get(needed[kind]) is None:
        scope.required(path, needed[kind], f"must be set when the target type is {kind}")
    utilization = as_int(target.get("averageUtilization"))
    if utilization is not None and utilization < 1:
        scope.invalid((*path, "averageUtilization"), utilization, "must be greater than 0")
    for name in ("value", "averageValue"):
        if name in target:
            found = quantity(scope, target[name], (*path, name))
            if found is not None and found <= 0:
                scope.invalid((*path, name), target[name], "must be positive")


def pdb_spec(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidatePodDisruptionBudgetSpec``: minAvailable or maxUnavailable (not both), each
    a number ≥ 0 or a percentage ≤ 100%."""
    from kubenotes.k8s.semantic.workloads import int_or_percent

    if spec.get("minAvailable") is not None and spec.get("maxUnavailable") is not None:
        scope.report.error(
            (*path, "maxUnavailable"),
            "Invalid value: minAvailable and maxUnavailable cannot be both set (keep one)",
            key=True,
        )
    for name in ("minAvailable", "maxUnavailable"):
        found = int_or_percent(scope, spec.get(name), (*path, name))
        if found and found[1] and found[0] > 100:
            scope.invalid((*path, name), spec[name], "must not be greater than 100%")
    labels_rules.label_selector(scope, spec.get("selector"), (*path, "selector"))
    policies = ["AlwaysAllow", "IfHealthyBudget"]
    enum(scope, spec, path, "unhealthyPodEvictionPolicy", policies)


def priority_class(scope: Scope, obj: dict[str, Any]) -> None:
    name = as_str(as_dict(obj.get("metadata")).get("name")) or ""
    value = as_int(obj.get("value"))
    if name.startswith("system-") and name not in (
        "system-cluster-critical",
        "system-node-critical",
    ):
        scope.invalid(
            ("metadata", "name"), name, "priority class names with 'system-' prefix are reserved"
        )
    elif value is not None and value > 1_000_000_000:
        scope.invalid(
            ("value",), value, "maximum allowed value of a user defined priority is 1000000000"
        )


def runtime_class(scope: Scope, obj: dict[str, Any]) -> None:
    """``ValidateRuntimeClass``: the handler is a DNS-1123 label; overheads are quantities."""
    handler = as_str(obj.get("handler"))
    if handler is not None:
        set_of_messages(scope, ("handler",), handler, is_dns1123_label(handler))
    pod_fixed = as_dict(as_dict(obj.get("overhead")).get("podFixed"))
    for name, amount in pod_fixed.items():
        non_negative_quantity(scope, amount, ("overhead", "podFixed", name))


def resource_quota(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    for name, amount in as_dict(spec.get("hard")).items():
        non_negative_quantity(scope, amount, (*path, "hard", name))


def limit_range(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    for here, limit in items(spec.get("limits"), (*path, "limits")):
        for part in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            for name, amount in as_dict(limit.get(part)).items():
                non_negative_quantity(scope, amount, (*here, part, name))


# --- networking ------------------------------------------------------------------------------

_INVALID_SEQUENCES = ("//", "/./", "/../", "%2f", "%2F")
_INVALID_SUFFIXES = ("/..", "/.")
PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"]


def ingress_spec(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidateIngressSpec``: hosts, absolute paths, a pathType, one backend each."""
    rules = as_list(spec.get("rules"))
    if not rules and spec.get("defaultBackend") is None and not partial:
        scope.required_here(path, "either `defaultBackend` or `rules` must be specified")
    if isinstance(spec.get("defaultBackend"), dict):
        _ingress_backend(scope, spec["defaultBackend"], (*path, "defaultBackend"))
    class_name = as_str(spec.get("ingressClassName"))
    if class_name:
        set_of_messages(
            scope, (*path, "ingressClassName"), class_name, is_dns1123_subdomain(class_name)
        )
    for here, rule in items(spec.get("rules"), (*path, "rules")):
        host = as_str(rule.get("host"))
        if host:
            _host(scope, host, (*here, "host"))
        http = rule.get("http")
        if not isinstance(http, dict):
            continue
        if not as_list(http.get("paths")) and "paths" not in http:
            scope.required((*here, "http"), "paths")
        for path_here, entry in items(http.get("paths"), (*here, "http", "paths")):
            _ingress_path(scope, entry, path_here)
    for here, tls in items(spec.get("tls"), (*path, "tls")):
        for index, host in enumerate(as_list(tls.get("hosts"))):
            if isinstance(host, str) and host:
                _host(scope, host, (*here, "hosts", index), ip_ok=True)


def _host(scope: Scope, host: str, path: JsonPath, ip_ok: bool = False) -> None:
    import ipaddress  # here, not at the top: only Ingress hosts need it (CLI start-up time)

    try:
        ipaddress.ip_address(host)
        if not ip_ok:
            scope.invalid(path, host, "must be a DNS name, not an IP address")
        return
    except ValueError:
        pass
    if host.startswith("*."):
        problems = is_dns1123_subdomain(host[2:])
        if problems or "*" in host[2:]:
            scope.invalid(
                path,
                host,
                "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS "
                "subdomain, which must consist of lower case alphanumeric characters, '-' or '.' "
                "and end with an alphanumeric character (e.g. '*.example.com', regex used for "
                "validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
                "[a-z0-9])?)*')",
            )
    else:
        set_of_messages(scope, path, host, is_dns1123_subdomain(host))


def _ingress_path(scope: Scope, entry: dict[str, Any], path: JsonPath) -> None:
    kind = entry.get("pathType")
    value = as_str(entry.get("path"))
    if kind is None:
        scope.required(path, "pathType", "pathType must be specified")
    elif isinstance(kind, str) and kind not in PATH_TYPES:
        scope.unsupported((*path, "pathType"), kind, PATH_TYPES)
    if kind in ("Exact", "Prefix"):
        if value is None or not value.startswith("/"):
            where = (*path, "path") if "path" in entry else path
            scope.invalid(where, value or "", "must be an absolute path (start it with '/')")
        if value:
            for sequence in _INVALID_SEQUENCES:
                if sequence in value:
                    scope.invalid((*path, "path"), value, f"must not contain '{sequence}'")
            for suffix in _INVALID_SUFFIXES:
                if value.endswith(suffix):
                    scope.invalid((*path, "path"), value, f"cannot end with '{suffix}'")
    elif kind == "ImplementationSpecific" and value and not value.startswith("/"):
        scope.invalid((*path, "path"), value, "must be an absolute path (start it with '/')")
    if isinstance(entry.get("backend"), dict):
        _ingress_backend(scope, entry["backend"], (*path, "backend"))


def _ingress_backend(scope: Scope, backend: dict[str, Any], path: JsonPath) -> None:
    service = backend.get("service")
    if service is not None and backend.get("resource") is not None:
        scope.invalid(path, "", "cannot set both resource and service backends")
    if not isinstance(service, dict):
        return
    name = as_str(service.get("name"))
    if name:
        set_of_messages(scope, (*path, "service", "name"), name, is_dns1035_label(name))
    port = as_dict(service.get("port"))
    port_path = (*path, "service", "port")
    if "name" in port and "number" in port:
        scope.invalid(port_path, "", "cannot set both port name & port number")
    elif isinstance(service.get("port"), dict) and not one_of(port, ("name", "number")):
        scope.required_here(port_path, "port name or number is required")
    number = as_int(port.get("number"))
    if number is not None:
        set_of_messages(scope, (*port_path, "number"), number, is_port_number(number))
    port_name = as_str(port.get("name"))
    if port_name:
        set_of_messages(scope, (*port_path, "name"), port_name, is_port_name(port_name))


def network_policy_spec(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidateNetworkPolicySpec``: selectors, peers, ports and port ranges, CIDRs."""
    labels_rules.label_selector(scope, spec.get("podSelector"), (*path, "podSelector"))
    for index, kind in enumerate(as_list(spec.get("policyTypes"))):
        if isinstance(kind, str) and kind not in ("Ingress", "Egress"):
            scope.unsupported((*path, "policyTypes", index), kind, ["Egress", "Ingress"])
    for direction, peers_name in (("ingress", "from"), ("egress", "to")):
        for here, rule in items(spec.get(direction), (*path, direction)):
            for port_here, port in items(rule.get("ports"), (*here, "ports")):
                _policy_port(scope, port, port_here)
            for peer_here, peer in items(rule.get(peers_name), (*here, peers_name)):
                _policy_peer(scope, peer, peer_here)


def _policy_port(scope: Scope, port: dict[str, Any], path: JsonPath) -> None:
    enum(scope, port, path, "protocol", ["SCTP", "TCP", "UDP"])
    value, end = port.get("port"), as_int(port.get("endPort"))
    if isinstance(value, int) and not isinstance(value, bool):
        set_of_messages(scope, (*path, "port"), value, is_port_number(value))
        if end is not None:
            if end < value:
                scope.invalid(
                    (*path, "endPort"), end, f"must be greater than or equal to `port` ({value})"
                )
            set_of_messages(scope, (*path, "endPort"), end, is_port_number(end))
    elif isinstance(value, str):
        if end is not None:
            scope.invalid(
                (*path, "endPort"), end, "may not be specified when `port` is non-numeric"
            )
        set_of_messages(scope, (*path, "port"), value, is_port_name(value))
    elif value is None and end is not None:
        scope.required(path, "port", "must be specified when `endPort` is specified")


def _policy_peer(scope: Scope, peer: dict[str, Any], path: JsonPath) -> None:
    found = one_of(peer, ("podSelector", "namespaceSelector", "ipBlock"))
    if not found:
        scope.required_here(path, "must specify a peer (podSelector, namespaceSelector or ipBlock)")
    elif "ipBlock" in found and len(found) > 1:
        scope.forbidden(path, "may not specify both ipBlock and another peer")
    for name in ("podSelector", "namespaceSelector"):
        labels_rules.label_selector(scope, peer.get(name), (*path, name))
    block = peer.get("ipBlock")
    if not isinstance(block, dict):
        return
    cidr = as_str(block.get("cidr"))
    if not cidr:
        scope.required((*path, "ipBlock"), "cidr")
        return
    network = _cidr(scope, cidr, (*path, "ipBlock", "cidr"))
    for index, text in enumerate(as_list(block.get("except"))):
        if not isinstance(text, str):
            continue
        here = (*path, "ipBlock", "except", index)
        inner = _cidr(scope, text, here)
        if network is not None and inner is not None and not _strict_subset(inner, network):
            scope.invalid(here, text, "must be a strict subset of `cidr`")


def _strict_subset(inner: Any, outer: Any) -> bool:
    return bool(
        inner.version == outer.version
        and inner.subnet_of(outer)
        and inner.prefixlen > outer.prefixlen
    )


def _cidr(scope: Scope, text: str, path: JsonPath) -> Any:
    """A CIDR as Go's sloppy parser reads it (leading zeros in IPv4 octets are accepted)."""
    import ipaddress  # here, not at the top: only CIDRs need it (CLI start-up time)

    address, _, bits = text.partition("/")
    if re.fullmatch(r"[0-9.]+", address):
        address = ".".join(str(int(o)) if o.isdigit() else o for o in address.split("."))
    try:
        if not bits:
            raise ValueError
        return ipaddress.ip_network(f"{address}/{bits}", strict=False)
    except ValueError:
        scope.invalid(path, text, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")
        return None
