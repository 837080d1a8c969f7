"""The semantic stage: the rules the API server enforces beyond the OpenAPI schema.

Runs after schema validation on every object with a known kind, and on fragments once their
definition is known. One module per area:

- ``strings``: apimachinery's string checks (DNS labels, qualified names, label values, ...);
- ``names``: object names per kind, ``generateName``, metadata;
- ``labels``: labels, annotations, label and node selectors;
- ``quantity``: the quantity grammar, resource names, requests and limits;
- ``pod``: pod spec, containers, volumes, probes, tolerations;
- ``workloads``: Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ...;
- ``kinds``: Service, ConfigMap, Secret, PVC, HPA, PDB, Ingress, NetworkPolicy, ...;
- ``rbac``: Role and ClusterRole rules, bindings' roleRef and subjects;
- ``cross``: hints across the objects of one page or file (warnings only).

Every rule prefers a false negative to a false positive: a value of the wrong type (which the
schema stage reports) is skipped, and rules that depend on a feature gate follow the default of
the configured Kubernetes version.
"""

from kubenotes.k8s.semantic.dispatch import check_fragment, check_object

__all__ = ["check_fragment", "check_object"]
