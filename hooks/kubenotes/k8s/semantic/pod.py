"""Pod spec rules (core ``ValidatePodSpec``, ``validateContainers``, ``ValidateVolumes``, ...).

Version and feature-gate notes (defaults of the configured version are followed):

- environment variable names: RelaxedEnvironmentVariableValidation is on by default from 1.32
  (beta; GA in 1.34): any printable ASCII but '='; before, a C-identifier-like name;
- sidecars (init containers with ``restartPolicy: Always``) may have probes and lifecycle
  hooks (SidecarContainers: on by default from 1.29, GA in 1.33);
- ``restartPolicy`` on a regular container needs ContainerRestartRules (alpha in 1.34, off);
- ``lifecycle.*.sleep.seconds`` may be 0 from 1.32 (PodLifecycleSleepActionAllowZero) and is
  only checked for being negative;
- a negative ``terminationGracePeriodSeconds`` on a pod is accepted by validation (for backward
  compatibility), with a warning from ``pkg/api/pod/warnings.go``: a warning here too, as are
  that file's other warnings (fractional byte values, null label selectors in affinity terms
  and topology spread constraints, environment variables defined twice);
- a volume with no source is defaulted to ``emptyDir`` (v1 ``SetDefaults_Volume``), so only
  more than one source is an error.

A fragment (``partial``) is checked for what it contains: fields it leaves out are not
"required", and volume references are checked only when the fragment lists its volumes.
"""

from __future__ import annotations

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
    non_negative,
    one_of,
    set_of_messages,
)
from kubenotes.k8s.semantic.quantity import non_negative_quantity, resource_requirements
from kubenotes.k8s.semantic.strings import (
    is_config_map_key,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_env_var_name,
    is_label_value,
    is_port_name,
    is_port_number,
    is_qualified_name,
)

PROBE_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
LIFECYCLE_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")
ENV_SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
PROJECTION_SOURCES = (
    "secret",
    "configMap",
    "downwardAPI",
    "serviceAccountToken",
    "clusterTrustBundle",
    "podCertificate",
)
ENV_FIELD_PATHS = (
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
)
VOLUME_FIELD_PATHS = (
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
)
RESOURCE_FIELDS = tuple(
    f"{part}.{name}"
    for part in ("limits", "requests")
    for name in ("cpu", "memory", "ephemeral-storage")
)
TOLERATION_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
PROTOCOLS = ["SCTP", "TCP", "UDP"]
RESTART_POLICIES = ["Always", "OnFailure", "Never"]
DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
PULL_POLICIES = ["Always", "IfNotPresent", "Never"]
MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"]
HOST_PATH_TYPES = [
    "",
    "DirectoryOrCreate",
    "Directory",
    "FileOrCreate",
    "File",
    "Socket",
    "CharDevice",
    "BlockDevice",
]
MOUNT_PROPAGATION = ["None", "HostToContainer", "Bidirectional"]
SCHEMES = ["HTTP", "HTTPS"]
WHEN_UNSATISFIABLE = ["DoNotSchedule", "ScheduleAnyway"]
FILE_MODE_MAX = 0o777
FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive"
INT32_MAX = 2**31 - 1


def pod_spec(
    scope: Scope,
    spec: dict[str, Any],
    path: JsonPath,
    *,
    partial: bool = False,
    claims: tuple[str, ...] = (),
) -> None:
    """``ValidatePodSpec`` for a Pod, a pod template or a PodSpec fragment. ``claims``: the
    volumes a StatefulSet adds from its volumeClaimTemplates."""
    volumes = volume_list(scope, spec.get("volumes"), (*path, "volumes"))
    for claim in claims:
        volumes.setdefault(claim, {"persistentVolumeClaim": {"claimName": claim}})
    known = volumes if (not partial or "volumes" in spec) else None
    if not partial and not as_list(spec.get("containers")) and "containers" not in spec:
        scope.required(path, "containers")
    names: dict[str, JsonPath] = {}
    for here, container in items(spec.get("initContainers"), (*path, "initContainers")):
        container_rules(scope, container, here, known, init=True, partial=partial)
        _unique_name(scope, container, here, names)
    for here, container in items(spec.get("containers"), (*path, "containers")):
        container_rules(scope, container, here, known, init=False, partial=partial)
        _unique_name(scope, container, here, names)
    _host_ports(scope, spec, path)
    enum(scope, spec, path, "restartPolicy", RESTART_POLICIES)
    enum(scope, spec, path, "dnsPolicy", DNS_POLICIES)
    labels_rules.labels(scope, spec.get("nodeSelector"), (*path, "nodeSelector"))
    affinity(scope, spec.get("affinity"), (*path, "affinity"))
    tolerations(scope, spec.get("tolerations"), (*path, "tolerations"))
    topology_spread(scope, spec.get("topologySpreadConstraints"), path)
    _dns(scope, spec, path)
    for name, check in (
        ("serviceAccountName", is_dns1123_subdomain),
        ("nodeName", is_dns1123_subdomain),
        ("priorityClassName", is_dns1123_subdomain),
        ("hostname", is_dns1123_label),
        ("subdomain", is_dns1123_label),
    ):
        text = as_str(spec.get(name))
        if text:
            set_of_messages(scope, (*path, name), text, check(text))
    grace = as_int(spec.get("terminationGracePeriodSeconds"))
    if grace is not None and grace < 0:
        scope.warning(
            (*path, "terminationGracePeriodSeconds"),
            "must be >= 0; negative values are invalid and will be treated as 1 (the API "
            "server's warning: use 0 to stop at once, or a positive number of seconds)",
        )
    deadline = as_int(spec.get("activeDeadlineSeconds"))
    if deadline is not None and not 1 <= deadline <= INT32_MAX:
        scope.invalid(
            (*path, "activeDeadlineSeconds"),
            deadline,
            f"must be between 1 and {INT32_MAX}, inclusive",
        )
    security = as_dict(spec.get("securityContext"))
    _ids(scope, security, (*path, "securityContext"), "runAsUser", "runAsGroup", "fsGroup")
    for here, secret in items(spec.get("imagePullSecrets"), (*path, "imagePullSecrets")):
        name = as_str(secret.get("name"))
        if name:
            set_of_messages(scope, (*here, "name"), name, is_dns1123_subdomain(name))


def _unique_name(
    scope: Scope, container: dict[str, Any], path: JsonPath, names: dict[str, JsonPath]
) -> None:
    name = as_str(container.get("name"))
    if not name:
        return
    if name in names:
        first = scope.report.line(names[name])
        scope.duplicate(
            (*path, "name"),
            name,
            f"container names must be unique within a pod (first used on line {first})",
        )
    else:
        names[name] = (*path, "name")


def _ids(scope: Scope, context: dict[str, Any], path: JsonPath, *fields: str) -> None:
    for name in fields:
        number = as_int(context.get(name))
        if number is not None and not 0 <= number <= INT32_MAX:
            scope.invalid((*path, name), number, f"must be between 0 and {INT32_MAX}, inclusive")


def _dns(scope: Scope, spec: dict[str, Any], path: JsonPath) -> None:
    """``validatePodDNSConfig``: dnsPolicy None needs a dnsConfig with 1–3 nameservers."""
    nameservers = as_list(as_dict(spec.get("dnsConfig")).get("nameservers"))
    if spec.get("dnsPolicy") == "None":
        if spec.get("dnsConfig") is None:
            scope.required(path, "dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None")
        elif isinstance(spec.get("dnsConfig"), dict) and not nameservers:
            scope.required(
                (*path, "dnsConfig"),
                "nameservers",
                "must provide at least one DNS nameserver when `dnsPolicy` is None",
            )
    if len(nameservers) > 3:
        scope.invalid(
            (*path, "dnsConfig", "nameservers"),
            len(nameservers),
            "must not have more than 3 nameservers",
        )


def _host_ports(scope: Scope, spec: dict[str, Any], path: JsonPath) -> None:
    """Host ports are unique per pod (hostIP/hostPort/protocol), and equal to the container
    port when the pod uses the host's network."""
    seen: set[str] = set()
    host_network = spec.get("hostNetwork") is True
    for here, container in items(spec.get("containers"), (*path, "containers")):
        for port_path, port in items(container.get("ports"), (*here, "ports")):
            host_port = as_int(port.get("hostPort"))
            if not host_port:
                continue
            if host_network and host_port != port.get("containerPort"):
                scope.invalid(
                    (*port_path, "hostPort"),
                    host_port,
                    "must match `containerPort` when `hostNetwork` is true",
                )
            key = f"{port.get('hostIP') or ''}/{host_port}/{port.get('protocol') or 'TCP'}"
            if key in seen:
                scope.duplicate(
                    (*port_path, "hostPort"), f"{host_port}/{port.get('protocol') or 'TCP'}"
                )
            seen.add(key)


# --- containers ------------------------------------------------------------------------------


def container_rules(
    scope: Scope,
    container: dict[str, Any],
    path: JsonPath,
    volumes: dict[str, dict[str, Any]] | None,
    *,
    init: bool = False,
    partial: bool = False,
) -> None:
    """``validateContainers``/``validateInitContainers`` for one container. ``volumes``: the
    pod's volumes by name, or None when they are not known (a Container fragment)."""
    name = as_str(container.get("name"))
    if name:
        set_of_messages(scope, (*path, "name"), name, is_dns1123_label(name))
    elif not partial and "name" not in container:
        scope.required(path, "name")
    image = as_str(container.get("image"))
    if not partial and "image" not in container:
        scope.required(path, "image")
    elif image is not None and image != image.strip():
        scope.invalid((*path, "image"), image, "must not have leading or trailing whitespace")
    enum(scope, container, path, "imagePullPolicy", PULL_POLICIES)
    enum(scope, container, path, "terminationMessagePolicy", MESSAGE_POLICIES)
    restart = container.get("restartPolicy")
    sidecar = init and restart == "Always"
    if init and restart is not None and restart != "Always":
        scope.unsupported((*path, "restartPolicy"), restart, ["Always"])
    if not init and restart is not None:
        scope.forbidden(
            (*path, "restartPolicy"),
            "may not be set for non-init containers (ContainerRestartRules is an alpha "
            "feature, off by default)",
        )
    container_ports(scope, container.get("ports"), (*path, "ports"))
    env(scope, container.get("env"), (*path, "env"))
    env_from(scope, container.get("envFrom"), (*path, "envFrom"))
    resource_requirements(scope, container.get("resources"), (*path, "resources"))
    volume_mounts(scope, container, path, volumes)
    for probe_name in ("livenessProbe", "readinessProbe", "startupProbe"):
        if container.get(probe_name) is None:
            continue
        if init and not sidecar:
            scope.forbidden(
                (*path, probe_name),
                "may not be set for init containers without restartPolicy=Always",
            )
            continue
        probe(scope, container.get(probe_name), (*path, probe_name), probe_name)
    lifecycle = container.get("lifecycle")
    if lifecycle is not None and init and not sidecar:
        scope.forbidden(
            (*path, "lifecycle"), "may not be set for init containers without restartPolicy=Always"
        )
    elif isinstance(lifecycle, dict):
        for hook in ("postStart", "preStop"):
            if isinstance(lifecycle.get(hook), dict):
                handler(scope, lifecycle[hook], (*path, "lifecycle", hook), LIFECYCLE_HANDLERS)
    security = as_dict(container.get("securityContext"))
    _ids(scope, security, (*path, "securityContext"), "runAsUser", "runAsGroup")
    if security.get("privileged") is True and security.get("allowPrivilegeEscalation") is False:
        scope.invalid(
            (*path, "securityContext"),
            "privileged: true",
            "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
        )


def container_ports(scope: Scope, value: Any, path: JsonPath) -> None:
    """``validateContainerPorts``: 1–65535, IANA names of at most 15 characters, unique."""
    names: set[str] = set()
    for here, port in items(value, path):
        name = as_str(port.get("name"))
        if name:
            set_of_messages(scope, (*here, "name"), name, is_port_name(name))
            if name in names:
                scope.duplicate((*here, "name"), name)
            names.add(name)
        number = as_int(port.get("containerPort"))
        if number == 0:
            scope.required(here, "containerPort")
        elif number is not None:
            set_of_messages(scope, (*here, "containerPort"), number, is_port_number(number))
        host = as_int(port.get("hostPort"))
        if host:
            set_of_messages(scope, (*here, "hostPort"), host, is_port_number(host))
        enum(scope, port, here, "protocol", PROTOCOLS)


def port_number_or_name(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidatePortNumOrName``: a port number 1–65535 or an IANA service name."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        set_of_messages(scope, path, value, is_port_number(value))
    elif isinstance(value, str):
        if not value:
            scope.report.error(path, "Required value")
        else:
            set_of_messages(scope, path, value, is_port_name(value))


def env(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidateEnv``: names, and exactly one source in ``valueFrom``."""
    relaxed = scope.at_least(1, 32)
    seen: set[str] = set()
    for here, variable in items(value, path):
        name = as_str(variable.get("name"))
        if name and name in seen:
            scope.warning(
                here,
                f'hides previous definition of "{name}", which may be dropped when using apply',
            )
        if name:
            seen.add(name)
        if name is None:
            if "name" not in variable:
                scope.required(here, "name")
        elif not name:
            scope.report.error((*here, "name"), "Required value")
        else:
            set_of_messages(scope, (*here, "name"), name, is_env_var_name(name, relaxed))
        source = variable.get("valueFrom")
        if isinstance(source, dict):
            env_source(scope, variable, source, (*here, "valueFrom"))


def env_source(
    scope: Scope, variable: dict[str, Any], source: dict[str, Any], path: JsonPath
) -> None:
    found = one_of(source, ENV_SOURCES)
    if variable.get("value"):
        scope.invalid(path, "", "may not be specified when `value` is not empty")
    if not found:
        scope.invalid(
            path,
            "",
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
            "`secretKeyRef`",
        )
    elif len(found) > 1:
        scope.invalid(path, "", "may not have more than one field specified at a time")
    if isinstance(source.get("fieldRef"), dict):
        field_ref(scope, source["fieldRef"], (*path, "fieldRef"), ENV_FIELD_PATHS, subscripts=True)
    if isinstance(source.get("resourceFieldRef"), dict):
        resource_field_ref(scope, source["resourceFieldRef"], (*path, "resourceFieldRef"), False)
    for kind in ("configMapKeyRef", "secretKeyRef"):
        if isinstance(source.get(kind), dict):
            key_selector(scope, source[kind], (*path, kind))


def key_selector(scope: Scope, selector: dict[str, Any], path: JsonPath) -> None:
    name, key = as_str(selector.get("name")), as_str(selector.get("key"))
    if name == "" or "name" not in selector:
        scope.required(path, "name")
    elif name:
        set_of_messages(scope, (*path, "name"), name, is_dns1123_subdomain(name))
    if key is not None and key:
        set_of_messages(scope, (*path, "key"), key, is_config_map_key(key))
    elif "key" not in selector or key == "":
        scope.required(path, "key")


def field_ref(
    scope: Scope, ref: dict[str, Any], path: JsonPath, supported: tuple[str, ...], subscripts: bool
) -> None:
    """``validateObjectFieldSelector``: a supported field path (labels and annotations only
    with a subscript in environment variables)."""
    api_version = ref.get("apiVersion")
    if api_version not in (None, "v1"):
        scope.unsupported((*path, "apiVersion"), api_version, ["v1"])
    field_path = as_str(ref.get("fieldPath"))
    if field_path is None:
        if "fieldPath" not in ref:
            scope.required(path, "fieldPath")
        return
    for prefix in ("metadata.labels", "metadata.annotations"):
        if field_path.startswith(prefix + "[") and subscripts:
            inner = field_path[len(prefix) :]
            if not (inner.startswith("['") and inner.endswith("']")) or len(inner) < 5:
                break
            key = inner[2:-2]
            check = key.lower() if prefix == "metadata.annotations" else key
            set_of_messages(scope, (*path, "fieldPath"), field_path, is_qualified_name(check))
            return
    if field_path not in supported:
        shown = list(supported)
        if subscripts:
            shown += ["metadata.annotations['<KEY>']", "metadata.labels['<KEY>']"]
        scope.unsupported((*path, "fieldPath"), field_path, sorted(shown))


def resource_field_ref(
    scope: Scope, ref: dict[str, Any], path: JsonPath, container_required: bool
) -> None:
    resource = as_str(ref.get("resource"))
    if resource is None:
        if "resource" not in ref:
            scope.required(path, "resource")
    elif resource not in RESOURCE_FIELDS and not resource.startswith(
        ("limits.hugepages-", "requests.hugepages-")
    ):
        scope.unsupported((*path, "resource"), resource, list(RESOURCE_FIELDS))
    if container_required and not ref.get("containerName"):
        scope.required(path, "containerName")
    if "divisor" in ref:
        non_negative_quantity(scope, ref.get("divisor"), (*path, "divisor"))


def env_from(scope: Scope, value: Any, path: JsonPath) -> None:
    relaxed = scope.at_least(1, 32)
    for here, source in items(value, path):
        prefix = as_str(source.get("prefix"))
        if prefix:
            set_of_messages(scope, (*here, "prefix"), prefix, is_env_var_name(prefix, relaxed))
        found = one_of(source, ("configMapRef", "secretRef"))
        if not found:
            scope.invalid(here, "", "must specify one of: `configMapRef` or `secretRef`")
        elif len(found) > 1:
            scope.invalid(here, "", "may not have more than one field specified at a time")
        for kind in found:
            name = as_str(as_dict(source.get(kind)).get("name"))
            if name:
                set_of_messages(scope, (*here, kind, "name"), name, is_dns1123_subdomain(name))


def volume_mounts(
    scope: Scope,
    container: dict[str, Any],
    path: JsonPath,
    volumes: dict[str, dict[str, Any]] | None,
) -> None:
    """Mounts and devices name existing volumes; mount paths are unique; subPath is relative."""
    mount_paths: set[str] = set()
    for here, mount in items(container.get("volumeMounts"), (*path, "volumeMounts")):
        name = as_str(mount.get("name"))
        if volumes is not None and name and name not in volumes:
            scope.not_found((*here, "name"), name, _volume_hint(name, volumes))
        enum(scope, mount, here, "mountPropagation", MOUNT_PROPAGATION)
        mount_path = as_str(mount.get("mountPath"))
        if mount_path is not None:
            if not mount_path:
                scope.report.error((*here, "mountPath"), "Required value")
            elif mount_path in mount_paths:
                scope.invalid((*here, "mountPath"), mount_path, "must be unique")
            mount_paths.add(mount_path)
        sub_path = as_str(mount.get("subPath"))
        if sub_path:
            local_descending_path(scope, sub_path, (*here, "subPath"))
            if mount.get("subPathExpr"):
                scope.invalid(
                    (*here, "subPathExpr"),
                    mount["subPathExpr"],
                    "subPathExpr and subPath are mutually exclusive",
                )
    device_paths: set[str] = set()
    for here, device in items(container.get("volumeDevices"), (*path, "volumeDevices")):
        name = as_str(device.get("name"))
        if volumes is not None and name:
            if name not in volumes:
                scope.not_found((*here, "name"), name, _volume_hint(name, volumes))
            elif not one_of(volumes[name], ("persistentVolumeClaim", "ephemeral")):
                scope.invalid(
                    (*here, "name"),
                    name,
                    "can only use volume source type of PersistentVolumeClaim or Ephemeral for "
                    "block mode",
                )
        device_path = as_str(device.get("devicePath"))
        if device_path:
            if device_path in device_paths:
                scope.invalid((*here, "devicePath"), device_path, "must be unique")
            if device_path in mount_paths:
                scope.invalid(
                    (*here, "devicePath"),
                    device_path,
                    "conflicts with a volumeMount's mountPath of the same container",
                )
            device_paths.add(device_path)


def _volume_hint(name: str, volumes: dict[str, dict[str, Any]]) -> str:
    if not volumes:
        return f"the pod has no volumes: add one named {name} under spec.volumes"
    known = ", ".join(sorted(volumes))
    return f"no volume named {name} in the pod's volumes ({known})"


def local_descending_path(scope: Scope, value: str, path: JsonPath) -> None:
    """``validateLocalDescendingPath``: relative, without a '..' element."""
    if value.startswith("/"):
        scope.invalid(path, value, "must be a relative path")
    if ".." in value.replace("\\", "/").split("/"):
        scope.invalid(path, value, "must not contain '..'")


def probe(scope: Scope, value: Any, path: JsonPath, which: str) -> None:
    """``validateProbe``: one handler, numbers ≥ 0, successThreshold 1 for liveness and
    startup probes, no terminationGracePeriodSeconds on readiness probes."""
    if not isinstance(value, dict):
        return
    handler(scope, value, path, PROBE_HANDLERS)
    non_negative(
        scope,
        value,
        path,
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    )
    success = as_int(value.get("successThreshold"))
    if which in ("livenessProbe", "startupProbe") and success is not None and success != 1:
        scope.invalid((*path, "successThreshold"), success, "must be 1")
    grace = value.get("terminationGracePeriodSeconds")
    if grace is not None and which == "readinessProbe":
        scope.invalid(
            (*path, "terminationGracePeriodSeconds"), grace, "must not be set for readinessProbes"
        )
    elif as_int(grace) is not None and grace <= 0:
        scope.invalid((*path, "terminationGracePeriodSeconds"), grace, "must be greater than 0")


def handler(scope: Scope, value: dict[str, Any], path: JsonPath, kinds: tuple[str, ...]) -> None:
    """Exactly one handler (exec, httpGet, tcpSocket, grpc or sleep) with valid details."""
    found = one_of(value, kinds)
    if not found:
        scope.required_here(path, f"must specify a handler type (one of {', '.join(kinds)})")
    for extra in found[1:]:
        scope.forbidden((*path, extra), "may not specify more than 1 handler type")
    exec_action = value.get("exec")
    if isinstance(exec_action, dict) and not as_list(exec_action.get("command")):
        scope.required((*path, "exec"), "command")
    for kind in ("httpGet", "tcpSocket"):
        action = value.get(kind)
        if isinstance(action, dict):
            if "port" not in action:
                scope.required((*path, kind), "port")
            else:
                port_number_or_name(scope, action.get("port"), (*path, kind, "port"))
            if kind == "httpGet":
                enum(scope, action, (*path, kind), "scheme", SCHEMES)
    grpc = value.get("grpc")
    if isinstance(grpc, dict) and as_int(grpc.get("port")) is not None:
        set_of_messages(scope, (*path, "grpc", "port"), grpc["port"], is_port_number(grpc["port"]))
    sleep = value.get("sleep")
    if isinstance(sleep, dict):
        seconds = as_int(sleep.get("seconds"))
        if seconds is not None and seconds < 0:
            scope.invalid((*path, "sleep", "seconds"), seconds, "must be non-negative integer")


# --- volumes ---------------------------------------------------------------------------------


def volume_list(scope: Scope, value: Any, path: JsonPath) -> dict[str, dict[str, Any]]:
    """``ValidateVolumes``: names are unique DNS-1123 labels, each with exactly one source."""
    found: dict[str, dict[str, Any]] = {}
    for here, item in items(value, path):
        name = as_str(item.get("name"))
        if name:
            set_of_messages(scope, (*here, "name"), name, is_dns1123_label(name))
            if name in found:
                scope.duplicate((*here, "name"), name)
            found.setdefault(name, item)
        elif "name" not in item:
            scope.required(here, "name")
        volume(scope, item, here)
    return found


def volume(scope: Scope, item: dict[str, Any], path: JsonPath) -> None:
    # No source at all is not an error: v1 defaulting turns such a volume into an emptyDir.
    sources = [k for k in item if k != "name" and item[k] is not None]
    for extra in sources[1:]:
        scope.forbidden((*path, extra), "may not specify more than 1 volume type")
    for source in sources:
        detail = item[source]
        if isinstance(detail, dict):
            _volume_source(scope, source, detail, (*path, source))


def _volume_source(scope: Scope, kind: str, source: dict[str, Any], path: JsonPath) -> None:
    if kind in ("configMap", "secret"):
        name_field = "secretName" if kind == "secret" else "name"
        name = as_str(source.get(name_field))
        if kind == "secret" and not name and name_field not in source:
            scope.required(path, "secretName")
        if name:
            set_of_messages(scope, (*path, name_field), name, is_dns1123_subdomain(name))
        _file_mode(scope, source, path, "defaultMode")
        _key_to_paths(scope, source.get("items"), (*path, "items"))
    elif kind == "projected":
        _file_mode(scope, source, path, "defaultMode")
        for here, projection in items(source.get("sources"), (*path, "sources")):
            found = one_of(projection, PROJECTION_SOURCES)
            for extra in found[1:]:
                scope.forbidden(
                    (*here, extra), "may not specify more than 1 volume type per source"
                )
            for sub in ("configMap", "secret"):
                if isinstance(projection.get(sub), dict):
                    _key_to_paths(scope, projection[sub].get("items"), (*here, sub, "items"))
            token = projection.get("serviceAccountToken")
            if isinstance(token, dict):
                seconds = as_int(token.get("expirationSeconds"))
                if seconds is not None and seconds < 600:
                    scope.invalid(
                        (*here, "serviceAccountToken", "expirationSeconds"),
                        seconds,
                        "may not specify a duration less than 10 minutes",
                    )
                elif seconds is not None and seconds > 2**32:
                    scope.invalid(
                        (*here, "serviceAccountToken", "expirationSeconds"),
                        seconds,
                        "may not specify a duration larger than 2^32 seconds",
                    )
                token_path = as_str(token.get("path"))
                if token_path:
                    local_descending_path(scope, token_path, (*here, "serviceAccountToken", "path"))
            if isinstance(projection.get("downwardAPI"), dict):
                _downward_items(scope, projection["downwardAPI"], (*here, "downwardAPI"))
    elif kind == "downwardAPI":
        _file_mode(scope, source, path, "defaultMode")
        _downward_items(scope, source, path)
    elif kind == "hostPath":
        if not source.get("path"):
            scope.required(path, "path")
        enum(scope, source, path, "type", HOST_PATH_TYPES)
    elif kind == "persistentVolumeClaim":
        if not source.get("claimName"):
            scope.required(path, "claimName")
    elif kind == "nfs":
        nfs_path = as_str(source.get("path"))
        if nfs_path and not nfs_path.startswith("/"):
            scope.invalid((*path, "path"), nfs_path, "must be an absolute path")
        if not source.get("server"):
            scope.required(path, "server")
    elif kind == "emptyDir" and "sizeLimit" in source:
        non_negative_quantity(scope, source.get("sizeLimit"), (*path, "sizeLimit"))
    elif kind == "csi" and not source.get("driver"):
        scope.required(path, "driver")


def _file_mode(scope: Scope, source: dict[str, Any], path: JsonPath, name: str) -> None:
    mode = as_int(source.get(name))
    if mode is not None and not 0 <= mode <= FILE_MODE_MAX:
        scope.invalid((*path, name), mode, FILE_MODE_ERROR)


def _key_to_paths(scope: Scope, value: Any, path: JsonPath) -> None:
    for here, item in items(value, path):
        key = as_str(item.get("key"))
        if "key" not in item or key == "":
            scope.required(here, "key")
        elif key:
            set_of_messages(scope, (*here, "key"), key, is_config_map_key(key))
        _local_path(scope, item, here)
        _file_mode(scope, item, here, "mode")


def _local_path(scope: Scope, item: dict[str, Any], path: JsonPath) -> None:
    target = as_str(item.get("path"))
    if "path" not in item or target == "":
        scope.required(path, "path")
    elif target:
        local_descending_path(scope, target, (*path, "path"))
        # not reported twice: a leading ".." element is already "must not contain '..'"
        if target.startswith("..") and not target.startswith("../") and target != "..":
            scope.invalid((*path, "path"), target, "must not start with '..'")


def _downward_items(scope: Scope, source: dict[str, Any], path: JsonPath) -> None:
    for here, item in items(source.get("items"), (*path, "items")):
        _local_path(scope, item, here)
        _file_mode(scope, item, here, "mode")
        found = one_of(item, ("fieldRef", "resourceFieldRef"))
        if len(found) > 1:
            scope.invalid(
                here, "", "fieldRef and resourceFieldRef can not be specified simultaneously"
            )
        if isinstance(item.get("fieldRef"), dict):
            field_ref(scope, item["fieldRef"], (*here, "fieldRef"), VOLUME_FIELD_PATHS, True)
        if isinstance(item.get("resourceFieldRef"), dict):
            resource_field_ref(scope, item["resourceFieldRef"], (*here, "resourceFieldRef"), True)


# --- scheduling ------------------------------------------------------------------------------


def tolerations(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidateTolerations``: operator/value/effect combinations."""
    for here, toleration in items(value, path):
        key = as_str(toleration.get("key")) or ""
        operator = toleration.get("operator") or ""
        effect = toleration.get("effect") or ""
        text = toleration.get("value")
        if key:
            labels_rules.label_key(scope, (*here, "key"), key)
        if not key and operator != "Exists":
            scope.invalid(
                (*here, "operator"),
                operator,
                'operator must be Exists when `key` is empty, which means "match all values '
                'and all keys"',
            )
        if toleration.get("tolerationSeconds") is not None and effect != "NoExecute":
            scope.invalid(
                (*here, "effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            )
        if operator in ("Equal", ""):
            if isinstance(text, str):
                errors = is_label_value(text)
                if errors:
                    scope.invalid((*here, "value"), text, ";".join(errors))
        elif operator == "Exists":
            if text:
                scope.invalid(
                    (*here, "value"), text, "value must be empty when `operator` is 'Exists'"
                )
        elif isinstance(operator, str):
            scope.unsupported((*here, "operator"), operator, ["Equal", "Exists"])
        if effect and isinstance(effect, str) and effect not in TOLERATION_EFFECTS:
            scope.unsupported((*here, "effect"), effect, TOLERATION_EFFECTS)


def affinity(scope: Scope, value: Any, path: JsonPath) -> None:
    """``validateAffinity``: node selector terms, weights 1–100, pod affinity terms."""
    found = as_dict(value)
    node = as_dict(found.get("nodeAffinity"))
    node_path = (*path, "nodeAffinity")
    required = node.get("requiredDuringSchedulingIgnoredDuringExecution")
    if isinstance(required, dict):
        labels_rules.node_selector(
            scope, required, (*node_path, "requiredDuringSchedulingIgnoredDuringExecution"), True
        )
    preferred_path = (*node_path, "preferredDuringSchedulingIgnoredDuringExecution")
    for here, term in items(
        node.get("preferredDuringSchedulingIgnoredDuringExecution"), preferred_path
    ):
        _weight(scope, term, here)
        if isinstance(term.get("preference"), dict):
            labels_rules.node_selector_term(scope, term["preference"], (*here, "preference"))
    for kind in ("podAffinity", "podAntiAffinity"):
        pod = as_dict(found.get(kind))
        base = (*path, kind)
        required_path = (*base, "requiredDuringSchedulingIgnoredDuringExecution")
        for here, term in items(
            pod.get("requiredDuringSchedulingIgnoredDuringExecution"), required_path
        ):
            _pod_affinity_term(scope, term, here)
        preferred_path = (*base, "preferredDuringSchedulingIgnoredDuringExecution")
        for here, term in items(
            pod.get("preferredDuringSchedulingIgnoredDuringExecution"), preferred_path
        ):
            _weight(scope, term, here)
            if isinstance(term.get("podAffinityTerm"), dict):
                _pod_affinity_term(scope, term["podAffinityTerm"], (*here, "podAffinityTerm"))


def _weight(scope: Scope, term: dict[str, Any], path: JsonPath) -> None:
    weight = as_int(term.get("weight"))
    if weight is not None and not 1 <= weight <= 100:
        scope.invalid((*path, "weight"), weight, "must be in the range 1-100")


def _pod_affinity_term(scope: Scope, term: dict[str, Any], path: JsonPath) -> None:
    if term.get("labelSelector") is None:
        scope.warning(path, "a null labelSelector results in matching no pod", key=True)
    labels_rules.label_selector(scope, term.get("labelSelector"), (*path, "labelSelector"))
    labels_rules.label_selector(scope, term.get("namespaceSelector"), (*path, "namespaceSelector"))
    key = as_str(term.get("topologyKey"))
    if "topologyKey" not in term or key == "":
        scope.required(path, "topologyKey", "can not be empty")
    elif key:
        labels_rules.label_key(scope, (*path, "topologyKey"), key)
    for index, namespace in enumerate(as_list(term.get("namespaces"))):
        if isinstance(namespace, str):
            set_of_messages(
                scope, (*path, "namespaces", index), namespace, is_dns1123_label(namespace)
            )


def topology_spread(scope: Scope, value: Any, path: JsonPath) -> None:
    """``validateTopologySpreadConstraints``: maxSkew > 0, a topology key, minDomains only with
    DoNotSchedule."""
    seen: set[tuple[str, str]] = set()
    for here, constraint in items(value, (*path, "topologySpreadConstraints")):
        skew = as_int(constraint.get("maxSkew"))
        if skew is not None and skew <= 0:
            scope.invalid((*here, "maxSkew"), skew, "must be greater than zero")
        key = as_str(constraint.get("topologyKey"))
        when = constraint.get("whenUnsatisfiable")
        enum(scope, constraint, here, "whenUnsatisfiable", WHEN_UNSATISFIABLE)
        if "topologyKey" not in constraint or key == "":
            scope.required(here, "topologyKey", "can not be empty")
        elif key:
            labels_rules.label_key(scope, (*here, "topologyKey"), key)
            if isinstance(when, str):
                if (key, when) in seen:
                    scope.duplicate((*here, "topologyKey"), f"{{{key}, {when}}}")
                seen.add((key, when))
        domains = as_int(constraint.get("minDomains"))
        if domains is not None:
            if domains <= 0:
                scope.invalid((*here, "minDomains"), domains, "must be greater than zero")
            elif when != "DoNotSchedule":
                scope.invalid(
                    (*here, "minDomains"),
                    domains,
                    "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not "
                    f"{when or 'unset'}",
                )
        labels_rules.label_selector(
            scope, constraint.get("labelSelector"), (*here, "labelSelector")
        )
        if constraint.get("labelSelector") is None:
            scope.warning(here, "a null labelSelector results in matching no pod", key=True)
