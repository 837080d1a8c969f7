"""Hints across the objects of one page or one file: warnings, never errors (the API server
accepts each object on its own; these are the mistakes it cannot see).

- a Service whose selector selects none of the pod templates beside it;
- a Service ``targetPort`` name that no selected container declares;
- a ``configMapKeyRef``/``secretKeyRef`` (or a configMap/secret volume item) naming a key the
  ConfigMap/Secret defined beside it does not have;
- an Ingress backend naming a port the Service defined beside it does not have.

Only objects in the same page or file are compared, and only when the referenced object is
there: a reference to something defined elsewhere is never reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kubenotes.findings import Finding
from kubenotes.k8s.load import Document, JsonPath
from kubenotes.k8s.report import Reporter
from kubenotes.k8s.semantic.base import as_dict, as_list, as_str, items
from kubenotes.k8s.semantic.labels import selector_text

# kind → path of its pod template (Pod itself: its own metadata and spec)
TEMPLATES: dict[str, JsonPath] = {
    "Deployment": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "ReplicationController": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
    "PodTemplate": ("template",),
    "Pod": (),
}


@dataclass
class Obj:
    """A whole object of the page or file, and where it is."""

    value: dict[str, Any]
    base: JsonPath
    document: Document
    shift: int  # columns to add (a Markdown block's indentation)

    @property
    def kind(self) -> str:
        return self.value.get("kind") if isinstance(self.value.get("kind"), str) else ""

    @property
    def name(self) -> str:
        name = as_dict(self.value.get("metadata")).get("name")
        return name if isinstance(name, str) else ""

    @property
    def namespace(self) -> str | None:
        namespace = as_dict(self.value.get("metadata")).get("namespace")
        return namespace if isinstance(namespace, str) else None

    @property
    def label(self) -> str:
        return "/".join(p for p in (self.kind, self.name) if p)

    def same_namespace(self, other: Obj) -> bool:
        return (
            self.namespace is None or other.namespace is None or (self.namespace == other.namespace)
        )


def objects(documents: list[tuple[Document, int]]) -> list[Obj]:
    """The whole objects (and ``kind: List`` items) of parsed documents."""
    found = []
    for document, shift in documents:
        value = document.value
        if not isinstance(value, dict):
            continue
        if value.get("kind") == "List":
            for index, item in enumerate(as_list(value.get("items"))):
                if isinstance(item, dict) and "kind" in item:
                    found.append(Obj(item, ("items", index), document, shift))
        elif "kind" in value and "apiVersion" in value:
            found.append(Obj(value, (), document, shift))
    return found


def hints(documents: list[tuple[Document, int]], source: str) -> list[Finding]:
    """The cross-object warnings of one page or file (none if a value is too odd to compare:
    the schema stage reports it)."""
    try:
        return _hints(documents, source)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
        return []


def _hints(documents: list[tuple[Document, int]], source: str) -> list[Finding]:
    found = objects(documents)
    if len(found) < 2:
        return []
    findings: list[Finding] = []
    pods = [(o, _template(o)) for o in found if o.kind in TEMPLATES]
    pods = [(o, t) for o, t in pods if t is not None]
    for obj in found:
        report = Reporter(obj.document, source, obj.label, base=obj.base)
        if obj.kind == "Service":
            _service(report, obj, [(o, t) for o, t in pods if obj.same_namespace(o)])
        if obj.kind == "Ingress":
            services = {o.name: o for o in found if o.kind == "Service" and obj.same_namespace(o)}
            _ingress(report, obj, services)
        template = _template(obj) if obj.kind in TEMPLATES else None
        if template is not None:
            data = {
                (o.kind, o.name): o
                for o in found
                if o.kind in ("ConfigMap", "Secret") and obj.same_namespace(o)
            }
            _key_refs(report, template[1], (*TEMPLATES[obj.kind], "spec"), data)
        findings += [
            replace(f, column=f.column + obj.shift) if f.column else f for f in report.findings
        ]
    return findings


def _template(obj: Obj) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(labels, pod spec) of an object's pod template."""
    node: Any = obj.value
    for part in TEMPLATES[obj.kind]:
        node = as_dict(node).get(part)
    if not isinstance(node, dict) or not isinstance(node.get("spec"), dict):
        return None
    return as_dict(as_dict(node.get("metadata")).get("labels")), node["spec"]


def _service(
    report: Reporter, service: Obj, pods: list[tuple[Obj, tuple[dict[str, Any], dict[str, Any]]]]
) -> None:
    spec = as_dict(service.value.get("spec"))
    selector = spec.get("selector")
    if not isinstance(selector, dict) or not selector or not pods:
        return
    selected = [
        (obj, template)
        for obj, template in pods
        if all(template[0].get(k) == v for k, v in selector.items())
    ]
    if not selected:
        shown = "; ".join(
            f"{obj.label}: {','.join(f'{k}={v}' for k, v in template[0].items()) or '(none)'}"
            for obj, template in pods
        )
        wanted = selector_text({"matchLabels": selector})
        report.warning(
            ("spec", "selector"),
            f"selector {wanted} selects none of the pods defined here ({shown}); the Service "
            "would have no endpoints: make the selector match the pod template's labels",
        )
        return
    names = {
        port.get("name")
        for _, template in selected
        for container in as_list(template[1].get("containers"))
        if isinstance(container, dict)
        for port in as_list(container.get("ports"))
        if isinstance(port, dict)
    }
    for here, port in items(spec.get("ports"), ("spec", "ports")):
        target = port.get("targetPort")
        if isinstance(target, str) and target and target not in names:
            known = ", ".join(sorted(n for n in names if isinstance(n, str))) or "none"
            report.warning(
                (*here, "targetPort"),
                f'targetPort "{target}" is not a port name of the selected pods ({known}); '
                "traffic to this port would not be delivered",
            )


def _ingress(report: Reporter, ingress: Obj, services: dict[str, Obj]) -> None:
    spec = as_dict(ingress.value.get("spec"))
    backends: list[tuple[JsonPath, dict[str, Any]]] = []
    if isinstance(spec.get("defaultBackend"), dict):
        backends.append((("spec", "defaultBackend"), spec["defaultBackend"]))
    for here, rule in items(spec.get("rules"), ("spec", "rules")):
        http = as_dict(rule.get("http"))
        for path_here, entry in items(http.get("paths"), (*here, "http", "paths")):
            if isinstance(entry.get("backend"), dict):
                backends.append(((*path_here, "backend"), entry["backend"]))
    for here, backend in backends:
        service = as_dict(backend.get("service"))
        target = services.get(service.get("name")) if isinstance(service.get("name"), str) else None
        if target is None:
            continue
        ports = [
            p
            for p in as_list(as_dict(target.value.get("spec")).get("ports"))
            if isinstance(p, dict)
        ]
        port = as_dict(service.get("port"))
        if "number" in port and port["number"] not in [p.get("port") for p in ports]:
            known = ", ".join(str(p.get("port")) for p in ports)
            report.warning(
                (*here, "service", "port", "number"),
                f"Service {target.name} has no port {port['number']} (its ports: {known})",
            )
        if "name" in port and port["name"] not in [p.get("name") for p in ports]:
            known = ", ".join(str(p.get("name")) for p in ports if p.get("name")) or "none named"
            report.warning(
                (*here, "service", "port", "name"),
                f'Service {target.name} has no port named "{port["name"]}" (its ports: {known})',
            )


def _keys(obj: Obj) -> set[str]:
    value = obj.value
    found = set(as_dict(value.get("data"))) | set(as_dict(value.get("binaryData")))
    return found | set(as_dict(value.get("stringData")))


def _key_refs(
    report: Reporter, spec: dict[str, Any], path: JsonPath, data: dict[tuple[str, str], Obj]
) -> None:
    if not data:
        return
    for part in ("initContainers", "containers"):
        for here, container in items(spec.get(part), (*path, part)):
            for env_here, variable in items(container.get("env"), (*here, "env")):
                source = as_dict(variable.get("valueFrom"))
                for ref_name, kind in (
                    ("configMapKeyRef", "ConfigMap"),
                    ("secretKeyRef", "Secret"),
                ):
                    ref = as_dict(source.get(ref_name))
                    _check_key(report, ref, (*env_here, "valueFrom", ref_name), kind, data)
    for here, volume in items(spec.get("volumes"), (*path, "volumes")):
        for source_name, kind, name_field in (
            ("configMap", "ConfigMap", "name"),
            ("secret", "Secret", "secretName"),
        ):
            source = as_dict(volume.get(source_name))
            for item_here, item in items(source.get("items"), (*here, source_name, "items")):
                ref = {"name": source.get(name_field), "key": item.get("key")}
                ref["optional"] = source.get("optional")
                _check_key(report, ref, item_here, kind, data)


def _check_key(
    report: Reporter,
    ref: dict[str, Any],
    path: JsonPath,
    kind: str,
    data: dict[tuple[str, str], Obj],
) -> None:
    name, key = as_str(ref.get("name")), as_str(ref.get("key"))
    target = data.get((kind, name or ""))
    if target is None or not key or ref.get("optional") is True:
        return
    keys = _keys(target)
    if key not in keys:
        known = ", ".join(sorted(keys)) or "no keys"
        report.warning(
            (*path, "key"),
            f'{kind} {name} defined here has no key "{key}" (its keys: {known}); the pod would '
            f"not start (CreateContainerConfigError) unless the key is added or the reference "
            "is marked optional: true",
        )
