"""The semantic stage: table-driven, one table per area, with the API server's verdict.

Each case names the upstream test it was taken from (kubernetes/kubernetes:
``pkg/apis/core/validation/validation_test.go`` unless said otherwise; apimachinery's
``staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go`` for strings and
``.../pkg/api/resource/quantity_test.go`` for quantities). Expected findings are the exact
(line, JSON path) of every k8s-semantic finding and a piece of its message; an empty list is
the API server's "valid".
"""

from __future__ import annotations

import textwrap
from fractions import Fraction

import pytest
from kubenotes.findings import Finding, format_text
from kubenotes.k8s.check import Checker
from kubenotes.k8s.semantic import strings
from kubenotes.k8s.semantic.quantity import QuantityError, parse_quantity
from kubenotes.k8s.semantic.workloads import cron_schedule_problem


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker("1.34")


def _semantic(checker: Checker, text: str, **kwargs: object) -> list[Finding]:
    found = checker.check_text(textwrap.dedent(text).lstrip("\n"), "t.yaml", **kwargs)
    return sorted(
        (f for f in found if f.rule == "k8s-semantic"),
        key=lambda f: (f.line, f.column, f.message),
    )


def _expect(found: list[Finding], expected: list[tuple[int, str, str]]) -> None:
    assert [(f.line, f.json_path) for f in found] == [(e[0], e[1]) for e in expected], [
        format_text(f) for f in found
    ]
    for finding, (_, _, fragment) in zip(found, expected, strict=True):
        assert fragment in finding.message, format_text(finding)


# --- apimachinery string checks ------------------------------------------------------------

STRING_CASES = [
    # TestIsDNS1123Label goodValues / badValues
    (strings.is_dns1123_label, ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "1-2"], []),
    (
        strings.is_dns1123_label,
        ["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_b",
         "a.b", "a b", "a&b", "a" * 64],
        None,
    ),
    # TestIsDNS1123Subdomain
    (strings.is_dns1123_subdomain, ["a", "a.b.c.d.e", "aaa.bbb.ccc", "a.1", "11.22.33", "a" * 253], []),
    (
        strings.is_dns1123_subdomain,
        ["", "A", "a.B", "a..b", "a.-b", "a-.b", ".a", "a.", "a_b", "Web_App", "a" * 254],
        None,
    ),
    # TestIsDNS1035Label
    (strings.is_dns1035_label, ["a", "ab", "a-1", "a--1--2--b"], []),
    (strings.is_dns1035_label, ["0", "01", "1-2", "-", "a-", "a.b", "A", "a" * 64], None),
    # TestIsQualifiedName
    (
        strings.is_qualified_name,
        ["simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple",
         "now-with-dashes/simple", "now-with-dashes/now-with-dashes", "now.with.dots/simple",
         "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678",
         "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo",
         "a" * 63, "a" * 253 + "/" + "b" * 63],
        [],
    ),
    (
        strings.is_qualified_name,
        ["nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
         "Example.com/abc", "example_com/abc", "example.com/", "/simple", "a" * 64,
         "a" * 254 + "/abc"],
        None,
    ),
    # TestIsValidLabelValue
    (strings.is_label_value, ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1",
                              "1234", "-" * 0, "a" * 63, ""], []),
    (strings.is_label_value, ["nospecialchars%^=@", "Tama-nui-te-rā.is_Māori.Sun", "\\backslashes",
                              "-starts-with-dash", "ends-with-dash-", ".starts.with.dot",
                              "ends.with.dot.", "a" * 64], None),
    # TestIsValidPortName
    (strings.is_port_name, ["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"], []),
    (strings.is_port_name, ["longerthan15characters", "", "12345", "1-2-3-4", "-begin", "end-",
                            "two--hyphens", "whois++", "metrics-endpoint-http"], None),
    # TestIsConfigMapKey
    (strings.is_config_map_key, ["a", "good", "good-good", "still.good", "this.is.also.good",
                                 ".so.is.this", "THIS_IS_GOOD", "so_is_this_17"], []),
    (strings.is_config_map_key, ["", ".", "..", "..bad", "b*d", "bad!&bad", "a" * 254], None),
]


@pytest.mark.parametrize(("check", "values", "expected"), STRING_CASES)
def test_string_checks(check: object, values: list[str], expected: list[str] | None) -> None:
    for value in values:
        problems = check(value)  # type: ignore[operator]
        if expected is None:
            assert problems, f"{check.__name__}({value!r}) should be invalid"  # type: ignore[attr-defined]
        else:
            assert problems == expected, f"{check.__name__}({value!r})"  # type: ignore[attr-defined]


def test_env_var_names_follow_the_version() -> None:
    """TestValidateEnv "invalid env var name" (strict), and the RelaxedEnvironmentVariable-
    Validation cases (default on from 1.32): printable ASCII except '='."""
    for name in ("ABC", "AbC_123", "abc", "a-b-c", "a.b.c", "_a", "-a", ".a"):
        assert strings.is_env_var_name(name, relaxed=False) == []
    for name in ("1ABC", "ab c", "a=b", "..", "..a"):
        assert strings.is_env_var_name(name, relaxed=False)
    for name in ("1ABC", "ab c", "a:b", "@#$", "é" * 0 + "x y"):
        assert strings.is_env_var_name(name, relaxed=True) == []
    for name in ("a=b", "", "tab\there", "é"):
        assert strings.is_env_var_name(name, relaxed=True)


# --- quantities (quantity_test.go TestQuantityParse) ----------------------------------------

QUANTITY_CASES = [
    ("0", Fraction(0)),
    ("1", Fraction(1)),
    ("100m", Fraction(1, 10)),
    ("0.5", Fraction(1, 2)),
    (".5", Fraction(1, 2)),
    ("5.", Fraction(5)),
    ("+5", Fraction(5)),
    ("-1", Fraction(-1)),
    ("1Ki", Fraction(1024)),
    ("1.5Gi", Fraction(3 * 2**29)),
    ("12Mi", Fraction(12 * 2**20)),
    ("1k", Fraction(1000)),
    ("1M", Fraction(10**6)),
    ("1E", Fraction(10**18)),
    ("1e3", Fraction(1000)),
    ("1E-3", Fraction(1, 1000)),
    ("1n", Fraction(1, 10**9)),
    ("1u", Fraction(1, 10**6)),
    (" 1Gi ", Fraction(2**30)),  # UnmarshalJSON trims spaces
    (2, Fraction(2)),  # a JSON number
    (0.25, Fraction(1, 4)),
]
BAD_QUANTITIES = [
    ("", "regular expression"),
    ("12XB", "regular expression"),
    ("1.5.3", "regular expression"),
    ("1 Gi", "regular expression"),
    ("1GB", "regular expression"),
    ("1e", "suffix"),
    ("1KiB", "regular expression"),
    ("1Kb", "regular expression"),
    ("1mi", "suffix"),
    ("1ki", "suffix"),
    ("1Ki5", "suffix"),
    (True, "regular expression"),
]


@pytest.mark.parametrize(("text", "value"), QUANTITY_CASES)
def test_quantity_parses(text: object, value: Fraction) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize(("text", "problem"), BAD_QUANTITIES)
def test_quantity_rejected(text: object, problem: str) -> None:
    with pytest.raises(QuantityError, match=problem):
        parse_quantity(text)


# --- the issue's Deployment: eight errors, each at its line -----------------------------------

ISSUE = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web_App                    # not a DNS-1123 subdomain
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: api}           # selector does not match template labels
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 70000     # out of range
          name: metrics-endpoint-http   # port names are at most 15 characters
        resources:
          requests: {cpu: "2"}
          limits: {cpu: "1", memory: 12XB}   # request > limit; 12XB is not a quantity
        volumeMounts:
        - {name: data, mountPath: /data}     # no volume named data
      - name: web                  # duplicate container name
        image: nginx:1.27
"""


def test_the_issue_deployment_has_eight_errors(checker: Checker) -> None:
    found = _semantic(checker, ISSUE)
    c0 = "spec.template.spec.containers[0]"
    _expect(
        found,
        [
            (4, "metadata.name", 'Invalid value: "Web_App": a lowercase RFC 1123 subdomain'),
            (10, "spec.template.metadata.labels", "selector app=web does not match template labels app=api"),
            (16, f"{c0}.ports[0].containerPort", "Invalid value: 70000: must be between 1 and 65535"),
            (17, f"{c0}.ports[0].name", "must be no more than 15 characters"),
            (19, f"{c0}.resources.requests.cpu", 'Invalid value: "2": must be less than or equal to cpu limit of 1'),
            (20, f"{c0}.resources.limits.memory", "quantities must match the regular expression"),
            (22, f"{c0}.volumeMounts[0].name", 'Not found: "data"'),
            (23, "spec.template.spec.containers[1].name", 'Duplicate value: "web"'),
        ],
    )
    assert all(f.severity == "error" and f.obj == "Deployment/Web_App" for f in found)
    assert found[0].column == 9 and found[0].message.endswith("e.g. 'web-app'")


# --- pod spec and containers ------------------------------------------------------------------


def _pod(body: str) -> str:
    """A Pod whose spec is ``body`` (indented under spec:); line 5 is the body's first line."""
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + textwrap.indent(
        textwrap.dedent(body).strip("\n"), "  "
    ) + "\n"


POD_CASES = [
    # TestValidateContainers success cases, TestValidatePodSpec "populate basic fields"
    ("valid", "containers: [{name: web, image: nginx}]", []),
    # TestValidateContainers "zero-length image"
    ("zero-length image", "containers: [{name: web}]", [(5, "spec.containers[0]", "image: Required value")]),
    # TestValidateContainers "name not a DNS label"
    ("name not a DNS label", "containers: [{name: a.b, image: i}]",
     [(5, "spec.containers[0].name", "RFC 1123 label")]),
    # TestValidateContainers "name not unique" (init and app containers share names)
    ("init and app names shared", """
     initContainers: [{name: web, image: i}]
     containers: [{name: web, image: i}]
     """, [(6, "spec.containers[0].name", 'Duplicate value: "web"')]),
    # TestValidatePorts "name not unique", "zero container port", "invalid container port"
    ("ports", """
     containers:
     - name: web
       image: i
       ports:
       - {name: abc, containerPort: 80}
       - {name: abc, containerPort: 0}
       - {containerPort: 65536, hostPort: 70000}
     """, [
        (10, "spec.containers[0].ports[1]", "containerPort: Required value"),
        (10, "spec.containers[0].ports[1].name", 'Duplicate value: "abc"'),
        (11, "spec.containers[0].ports[2].containerPort", "between 1 and 65535"),
        (11, "spec.containers[0].ports[2].hostPort", "between 1 and 65535"),
    ]),
    # TestValidatePorts "name is a number", "name contains invalid characters"
    ("port names", """
     containers:
     - name: web
       image: i
       ports: [{name: "80", containerPort: 80}, {name: a.b.c, containerPort: 81}]
     """, [
        (8, "spec.containers[0].ports[0].name", "at least one letter"),
        (8, "spec.containers[0].ports[1].name", "alpha-numeric"),
    ]),
    # TestValidateContainers "host port not unique"; TestValidatePodSpec hostNetwork ports
    ("host ports", """
     hostNetwork: true
     containers:
     - {name: a, image: i, ports: [{containerPort: 80, hostPort: 8080}]}
     - {name: b, image: i, ports: [{containerPort: 8080, hostPort: 8080}]}
     """, [
        (7, "spec.containers[0].ports[0].hostPort", "must match `containerPort` when `hostNetwork` is true"),
        (8, "spec.containers[1].ports[0].hostPort", 'Duplicate value: "8080/TCP"'),
    ]),
    # TestValidateVolumeMounts "name not found", "empty mountpath", "mountpath collision",
    # "absolute subpath", "subpath contains .."
    ("volume mounts", """
     volumes: [{name: abc, emptyDir: {}}, {name: blk, persistentVolumeClaim: {claimName: c}}]
     containers:
     - name: web
       image: i
       volumeMounts:
       - {name: abc, mountPath: /foo}
       - {name: missing, mountPath: /bar}
       - {name: abc, mountPath: /foo, subPath: /abs}
       - {name: abc, mountPath: /baz, subPath: a/../b}
       volumeDevices:
       - {name: abc, devicePath: /dev/x}
       - {name: blk, devicePath: /dev/y}
     """, [
        (11, "spec.containers[0].volumeMounts[1].name", 'Not found: "missing"'),
        (12, "spec.containers[0].volumeMounts[2].mountPath", "must be unique"),
        (12, "spec.containers[0].volumeMounts[2].subPath", "must be a relative path"),
        (13, "spec.containers[0].volumeMounts[3].subPath", "must not contain '..'"),
        (15, "spec.containers[0].volumeDevices[0].name", "PersistentVolumeClaim or Ephemeral"),
    ]),
    # TestValidateVolumes "name not unique", "more than one source"; a volume without a source
    # is valid (v1 defaulting makes it an emptyDir)
    ("volumes", """
     volumes:
     - {name: a, emptyDir: {}, hostPath: {path: /x}}
     - {name: a}
     - {name: Bad_Name, secret: {secretName: s, defaultMode: 1000}}
     - name: cm
       configMap:
         name: c
         items: [{key: "b*d", path: /etc/x}, {key: ok, path: ../x}]
     containers: [{name: web, image: i}]
     """, [
        (6, "spec.volumes[0].hostPath", "may not specify more than 1 volume type"),
        (7, "spec.volumes[1].name", 'Duplicate value: "a"'),
        (8, "spec.volumes[2].name", "RFC 1123 label"),
        (8, "spec.volumes[2].secret.defaultMode", "between 0 and 0777"),
        (12, "spec.volumes[3].configMap.items[0].key", "a valid config key"),
        (12, "spec.volumes[3].configMap.items[0].path", "must be a relative path"),
        (12, "spec.volumes[3].configMap.items[1].path", "must not contain '..'"),
    ]),
    # TestValidateContainers "invalid liveness probe, successThreshold != 1", "invalid
    # readiness probe, terminationGracePeriodSeconds set", probes without/with two handlers
    ("probes", """
     containers:
     - name: web
       image: i
       livenessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}, successThreshold: 2}
       readinessProbe: {periodSeconds: -1, exec: {command: [ok]}, terminationGracePeriodSeconds: 5}
       startupProbe: {initialDelaySeconds: 1}
     """, [
        (8, "spec.containers[0].livenessProbe.tcpSocket", "may not specify more than 1 handler type"),
        (8, "spec.containers[0].livenessProbe.successThreshold", "must be 1"),
        (9, "spec.containers[0].readinessProbe.periodSeconds", "must be greater than or equal to 0"),
        (9, "spec.containers[0].readinessProbe.terminationGracePeriodSeconds", "must not be set for readinessProbes"),
        (10, "spec.containers[0].startupProbe", "must specify a handler type"),
    ]),
    # TestValidateHandler / probes: ports by number or IANA name
    ("probe ports", """
     containers:
     - name: web
       image: i
       livenessProbe: {httpGet: {port: 0}}
       readinessProbe: {tcpSocket: {port: "metrics-endpoint-http"}}
     """, [
        (8, "spec.containers[0].livenessProbe.httpGet.port", "between 1 and 65535"),
        (9, "spec.containers[0].readinessProbe.tcpSocket.port", "no more than 15 characters"),
    ]),
    # TestValidateInitContainers: probes and lifecycle only on sidecars (restartPolicy: Always)
    ("init container probes", """
     initContainers:
     - {name: setup, image: i, livenessProbe: {exec: {command: [ok]}}}
     - {name: proxy, image: i, restartPolicy: Always, readinessProbe: {exec: {command: [ok]}}}
     - {name: other, image: i, restartPolicy: Never}
     containers: [{name: web, image: i, restartPolicy: Always}]
     """, [
        (6, "spec.initContainers[0].livenessProbe", "may not be set for init containers without restartPolicy=Always"),
        (8, "spec.initContainers[2].restartPolicy", 'Unsupported value: "Never"'),
        (9, "spec.containers[0].restartPolicy", "may not be set for non-init containers"),
    ]),
    # TestValidateLifecycle "invalid lifecycle, no exec command.", "sleep with negative seconds"
    ("lifecycle", """
     containers:
     - name: web
       image: i
       lifecycle:
         postStart: {exec: {command: []}}
         preStop: {sleep: {seconds: -1}}
     """, [
        (9, "spec.containers[0].lifecycle.postStart.exec", "command: Required value"),
        (10, "spec.containers[0].lifecycle.preStop.sleep.seconds", "must be non-negative integer"),
    ]),
    # TestValidateEnv "value and valueFrom specified", "valueFrom without a source", "unsupported
    # fieldPath", "invalid fieldPath labels" (no subscript), "missing key"
    ("env", """
     containers:
     - name: web
       image: i
       env:
       - {name: "a=b", value: x}
       - {name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
       - {name: B, valueFrom: {}}
       - {name: C, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}
       - {name: D, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
       - {name: E, valueFrom: {configMapKeyRef: {name: cfg, key: "a b"}}}
       - {name: F, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}
       - {name: "1 relaxed: fine", value: x}
     """, [
        (9, "spec.containers[0].env[0].name", "printable ASCII characters other than '='"),
        (10, "spec.containers[0].env[1].valueFrom", "may not be specified when `value` is not empty"),
        (11, "spec.containers[0].env[2].valueFrom", "must specify one of"),
        (12, "spec.containers[0].env[3].valueFrom.fieldRef.fieldPath", 'Unsupported value: "metadata.labels"'),
        (14, "spec.containers[0].env[5].valueFrom.configMapKeyRef.key", "a valid config key"),
        (15, "spec.containers[0].env[6].valueFrom.resourceFieldRef.resource", 'Unsupported value: "limits.gpu"'),
    ]),
    # TestValidateEnvFrom "no source", "both sources"
    ("envFrom", """
     containers:
     - name: web
       image: i
       envFrom: [{prefix: P_}, {configMapRef: {name: a}, secretRef: {name: b}}]
     """, [
        (8, "spec.containers[0].envFrom[0]", "must specify one of: `configMapRef` or `secretRef`"),
        (8, "spec.containers[0].envFrom[1]", "may not have more than one field specified at a time"),
    ]),
    # TestValidateResourceRequirements / TestValidateContainers "Resource CPU invalid",
    # "Request limit simple invalid", extended resources ("invalid extended resource")
    ("resources", """
     containers:
     - name: web
       image: i
       resources:
         limits: {cpu: "-1", memory: 1Gi, example.com/gpu: "2", hugepages-2Mi: 100Mi}
         requests: {memory: 2Gi, example.com/gpu: "1", example.com/fpga: "0.5", gpu: "1", hugepages-2Mi: 50Mi}
     """, [
        (9, "spec.containers[0].resources.limits.cpu", "must be greater than or equal to 0"),
        (10, 'spec.containers[0].resources.requests.memory', "must be less than or equal to memory limit of 1Gi"),
        (10, 'spec.containers[0].resources.requests["example.com/gpu"]', "must be equal to example.com/gpu limit of 2"),
        (10, 'spec.containers[0].resources.requests["example.com/fpga"]', "Limit must be set for non overcommitable resources"),
        (10, 'spec.containers[0].resources.requests["example.com/fpga"]', "must be an integer"),
        (10, "spec.containers[0].resources.requests.gpu", "must be a standard resource for containers"),
        (10, "spec.containers[0].resources.requests.hugepages-2Mi", "must be equal to hugepages-2Mi limit of 100Mi"),
    ]),
    # TestValidateTolerations: "invalid toleration key", "operator must be Exists when key is
    # empty", "value must be empty when operator is Exists", "effect must be NoExecute when
    # tolerationSeconds is set", "invalid effect"
    ("tolerations", """
     containers: [{name: web, image: i}]
     tolerations:
     - {key: "a/b/c", operator: Equal, value: v}
     - {operator: Equal, value: v}
     - {key: k, operator: Exists, value: v}
     - {key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 10}
     - {key: k, operator: Gt, value: "1"}
     - {key: k, operator: Exists, effect: NoRun}
     - {operator: Exists}
     """, [
        (7, "spec.tolerations[0].key", "a qualified name"),
        (8, "spec.tolerations[1].operator", "operator must be Exists when `key` is empty"),
        (9, "spec.tolerations[2].value", "value must be empty when `operator` is 'Exists'"),
        (10, "spec.tolerations[3].effect", "effect must be 'NoExecute' when `tolerationSeconds` is set"),
        (11, "spec.tolerations[4].operator", 'Unsupported value: "Gt"'),
        (12, "spec.tolerations[5].effect", 'Unsupported value: "NoRun"'),
    ]),
    # TestValidateAffinity / TestValidateNodeSelectorRequirement: In needs values, Exists has
    # none, Gt one value, matchFields only metadata.name; weights 1–100; topologyKey required
    ("affinity", """
     containers: [{name: web, image: i}]
     affinity:
       nodeAffinity:
         requiredDuringSchedulingIgnoredDuringExecution:
           nodeSelectorTerms:
           - matchExpressions:
             - {key: zone, operator: In, values: []}
             - {key: zone, operator: Exists, values: [a]}
             - {key: cpus, operator: Gt, values: ["1", "2"]}
             - {key: zone, operator: Like, values: [a]}
             matchFields:
             - {key: metadata.labels, operator: In, values: [a]}
         preferredDuringSchedulingIgnoredDuringExecution:
         - {weight: 0, preference: {matchExpressions: [{key: zone, operator: Exists}]}}
       podAntiAffinity:
         requiredDuringSchedulingIgnoredDuringExecution:
         - {labelSelector: {matchLabels: {app: web}}, topologyKey: ""}
     """, [
        (11, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]", "values: Required value"),
        (12, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values", "may not be specified when `operator` is 'Exists'"),
        (13, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2]", "single value"),
        (14, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[3].operator", "not a valid selector operator"),
        (16, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key", "not a valid field selector key"),
        (18, "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight", "must be in the range 1-100"),
        (21, "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]", "topologyKey: Required value"),
    ]),
    # TestValidatePodSpec: activeDeadlineSeconds 0, hostname/subdomain labels, serviceAccountName,
    # dnsPolicy None without dnsConfig, nodeSelector labels, topology spread maxSkew
    ("pod spec fields", """
     containers: [{name: web, image: i}]
     activeDeadlineSeconds: 0
     hostname: Web_1
     serviceAccountName: Bad_SA
     dnsPolicy: "None"
     nodeSelector: {"disk type": ssd}
     topologySpreadConstraints:
     - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 2}
     """, [
        (4, "spec", "dnsConfig: Required value"),
        (6, "spec.activeDeadlineSeconds", "must be between 1 and 2147483647"),
        (7, "spec.hostname", "RFC 1123 label"),
        (8, "spec.serviceAccountName", "RFC 1123 subdomain"),
        (10, 'spec.nodeSelector["disk type"]', "name part must consist of alphanumeric"),
        (12, "spec.topologySpreadConstraints[0].maxSkew", "must be greater than zero"),
        (12, "spec.topologySpreadConstraints[0].minDomains", "whenUnsatisfiable=DoNotSchedule"),
    ]),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in POD_CASES], ids=[c[0] for c in POD_CASES])
def test_pod_rules(checker: Checker, body: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, _pod(body)), expected)
