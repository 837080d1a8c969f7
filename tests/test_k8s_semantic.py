"""The semantic stage: table-driven, one table per area, with the API server's verdict.

Each case names the upstream test it was taken from (kubernetes/kubernetes:
``pkg/apis/core/validation/validation_test.go`` unless said otherwise; apimachinery's
``staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go`` for strings and
``.../pkg/api/resource/quantity_test.go`` for quantities). Expected findings are the exact
(line, JSON path) of every k8s-semantic finding and a piece of its message; an empty list is
the API server's "valid".
"""

# ruff: noqa: E501 -- the tables hold one-line YAML objects and JSON paths; wrapping them hides them

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
        [
            "",
            "A",
            "ABC",
            "aBc",
            "A1",
            "A-1",
            "1-A",
            "-",
            "a-",
            "-a",
            "1-",
            "-1",
            "_",
            "a_b",
            "a.b",
            "a b",
            "a&b",
            "a" * 64,
        ],
        None,
    ),
    # TestIsDNS1123Subdomain
    (
        strings.is_dns1123_subdomain,
        ["a", "a.b.c.d.e", "aaa.bbb.ccc", "a.1", "11.22.33", "a" * 253],
        [],
    ),
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
        [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes",
            "now.with.dots/simple",
            "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num",
            "1234/5678",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
            "a" * 63,
            "a" * 253 + "/" + "b" * 63,
        ],
        [],
    ),
    (
        strings.is_qualified_name,
        [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
            "a" * 64,
            "a" * 254 + "/abc",
        ],
        None,
    ),
    # TestIsValidLabelValue
    (
        strings.is_label_value,
        [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "end-with-num-1",
            "1234",
            "-" * 0,
            "a" * 63,
            "",
        ],
        [],
    ),
    (
        strings.is_label_value,
        [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is_Māori.Sun",
            "\\backslashes",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
            "a" * 64,
        ],
        None,
    ),
    # TestIsValidPortName
    (
        strings.is_port_name,
        ["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"],
        [],
    ),
    (
        strings.is_port_name,
        [
            "longerthan15characters",
            "",
            "12345",
            "1-2-3-4",
            "-begin",
            "end-",
            "two--hyphens",
            "whois++",
            "metrics-endpoint-http",
        ],
        None,
    ),
    # TestIsConfigMapKey
    (
        strings.is_config_map_key,
        [
            "a",
            "good",
            "good-good",
            "still.good",
            "this.is.also.good",
            ".so.is.this",
            "THIS_IS_GOOD",
            "so_is_this_17",
        ],
        [],
    ),
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


def test_long_values_get_the_length_message_only() -> None:
    """Past 1024 characters the regex is not run (Python's regexes backtrack where Go's RE2
    does not, quadratic on long invalid input): the length message alone is reported."""
    long = "a-" * 100_000 + "-"
    assert strings.is_dns1123_subdomain(long) == ["must be no more than 253 characters"]
    assert strings.is_label_value(long) == ["must be no more than 63 characters"]
    assert strings.is_qualified_name(long)[0].startswith("must be no more than 317 characters")
    assert len(strings.is_dns1123_subdomain("a-" * 200 + "-")) == 2  # short enough: both


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


def test_huge_quantities_are_skipped_not_computed() -> None:
    """Valid, but not worth a build's time to compute exactly: the checks skip them."""
    from kubenotes.k8s.semantic.quantity import Unmeasurable

    for text in ("1e999999999", "9" * 5000, "1E-999999"):
        with pytest.raises(Unmeasurable):
            parse_quantity(text)


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
            (
                10,
                "spec.template.metadata.labels",
                "selector app=web does not match template labels app=api",
            ),
            (
                16,
                f"{c0}.ports[0].containerPort",
                "Invalid value: 70000: must be between 1 and 65535",
            ),
            (17, f"{c0}.ports[0].name", "must be no more than 15 characters"),
            (
                19,
                f"{c0}.resources.requests.cpu",
                'Invalid value: "2": must be less than or equal to cpu limit of 1',
            ),
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
    return (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ")
        + "\n"
    )


POD_CASES = [
    # TestValidateContainers success cases, TestValidatePodSpec "populate basic fields"
    ("valid", "containers: [{name: web, image: nginx}]", []),
    # TestValidateContainers "zero-length image"
    (
        "zero-length image",
        "containers: [{name: web}]",
        [(5, "spec.containers[0]", "image: Required value")],
    ),
    # TestValidateContainers "name not a DNS label"
    (
        "name not a DNS label",
        "containers: [{name: a.b, image: i}]",
        [(5, "spec.containers[0].name", "RFC 1123 label")],
    ),
    # TestValidateContainers "name not unique" (init and app containers share names)
    (
        "init and app names shared",
        """
     initContainers: [{name: web, image: i}]
     containers: [{name: web, image: i}]
     """,
        [(6, "spec.containers[0].name", 'Duplicate value: "web"')],
    ),
    # TestValidatePorts "name not unique", "zero container port", "invalid container port"
    (
        "ports",
        """
     containers:
     - name: web
       image: i
       ports:
       - {name: abc, containerPort: 80}
       - {name: abc, containerPort: 0}
       - {containerPort: 65536, hostPort: 70000}
     """,
        [
            (10, "spec.containers[0].ports[1]", "containerPort: Required value"),
            (10, "spec.containers[0].ports[1].name", 'Duplicate value: "abc"'),
            (11, "spec.containers[0].ports[2].containerPort", "between 1 and 65535"),
            (11, "spec.containers[0].ports[2].hostPort", "between 1 and 65535"),
        ],
    ),
    # TestValidatePorts "name is a number", "name contains invalid characters"
    (
        "port names",
        """
     containers:
     - name: web
       image: i
       ports: [{name: "80", containerPort: 80}, {name: a.b.c, containerPort: 81}]
     """,
        [
            (8, "spec.containers[0].ports[0].name", "at least one letter"),
            (8, "spec.containers[0].ports[1].name", "alpha-numeric"),
        ],
    ),
    # TestValidateContainers "host port not unique"; TestValidatePodSpec hostNetwork ports
    (
        "host ports",
        """
     hostNetwork: true
     containers:
     - {name: a, image: i, ports: [{containerPort: 80, hostPort: 8080}]}
     - {name: b, image: i, ports: [{containerPort: 8080, hostPort: 8080}]}
     """,
        [
            (
                7,
                "spec.containers[0].ports[0].hostPort",
                "must match `containerPort` when `hostNetwork` is true",
            ),
            (8, "spec.containers[1].ports[0].hostPort", 'Duplicate value: "8080/TCP"'),
        ],
    ),
    # TestValidateVolumeMounts "name not found", "empty mountpath", "mountpath collision",
    # "absolute subpath", "subpath contains .."
    (
        "volume mounts",
        """
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
     """,
        [
            (11, "spec.containers[0].volumeMounts[1].name", 'Not found: "missing"'),
            (12, "spec.containers[0].volumeMounts[2].mountPath", "must be unique"),
            (12, "spec.containers[0].volumeMounts[2].subPath", "must be a relative path"),
            (13, "spec.containers[0].volumeMounts[3].subPath", "must not contain '..'"),
            (15, "spec.containers[0].volumeDevices[0].name", "PersistentVolumeClaim or Ephemeral"),
        ],
    ),
    # TestValidateVolumes "name not unique", "more than one source"; a volume without a source
    # is valid (v1 defaulting makes it an emptyDir)
    (
        "volumes",
        """
     volumes:
     - {name: a, emptyDir: {}, hostPath: {path: /x}}
     - {name: a}
     - {name: Bad_Name, secret: {secretName: s, defaultMode: 1000}}
     - name: cm
       configMap:
         name: c
         items: [{key: "b*d", path: /etc/x}, {key: ok, path: ../x}]
     containers: [{name: web, image: i}]
     """,
        [
            (6, "spec.volumes[0].hostPath", "may not specify more than 1 volume type"),
            (7, "spec.volumes[1].name", 'Duplicate value: "a"'),
            (8, "spec.volumes[2].name", "RFC 1123 label"),
            (8, "spec.volumes[2].secret.defaultMode", "between 0 and 0777"),
            (12, "spec.volumes[3].configMap.items[0].key", "a valid config key"),
            (12, "spec.volumes[3].configMap.items[0].path", "must be a relative path"),
            (12, "spec.volumes[3].configMap.items[1].path", "must not contain '..'"),
        ],
    ),
    # TestValidateContainers "invalid liveness probe, successThreshold != 1", "invalid
    # readiness probe, terminationGracePeriodSeconds set", probes without/with two handlers
    (
        "probes",
        """
     containers:
     - name: web
       image: i
       livenessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}, successThreshold: 2}
       readinessProbe: {periodSeconds: -1, exec: {command: [ok]}, terminationGracePeriodSeconds: 5}
       startupProbe: {initialDelaySeconds: 1}
     """,
        [
            (
                8,
                "spec.containers[0].livenessProbe.tcpSocket",
                "may not specify more than 1 handler type",
            ),
            (8, "spec.containers[0].livenessProbe.successThreshold", "must be 1"),
            (
                9,
                "spec.containers[0].readinessProbe.periodSeconds",
                "must be greater than or equal to 0",
            ),
            (
                9,
                "spec.containers[0].readinessProbe.terminationGracePeriodSeconds",
                "must not be set for readinessProbes",
            ),
            (10, "spec.containers[0].startupProbe", "must specify a handler type"),
        ],
    ),
    # TestValidateHandler / probes: ports by number or IANA name
    (
        "probe ports",
        """
     containers:
     - name: web
       image: i
       livenessProbe: {httpGet: {port: 0}}
       readinessProbe: {tcpSocket: {port: "metrics-endpoint-http"}}
     """,
        [
            (8, "spec.containers[0].livenessProbe.httpGet.port", "between 1 and 65535"),
            (9, "spec.containers[0].readinessProbe.tcpSocket.port", "no more than 15 characters"),
        ],
    ),
    # TestValidateInitContainers: probes and lifecycle only on sidecars (restartPolicy: Always)
    (
        "init container probes",
        """
     initContainers:
     - {name: setup, image: i, livenessProbe: {exec: {command: [ok]}}}
     - {name: proxy, image: i, restartPolicy: Always, readinessProbe: {exec: {command: [ok]}}}
     - {name: other, image: i, restartPolicy: Never}
     containers: [{name: web, image: i, restartPolicy: Always}]
     """,
        [
            (
                6,
                "spec.initContainers[0].livenessProbe",
                "may not be set for init containers without restartPolicy=Always",
            ),
            (8, "spec.initContainers[2].restartPolicy", 'Unsupported value: "Never"'),
            (9, "spec.containers[0].restartPolicy", "may not be set for non-init containers"),
        ],
    ),
    # TestValidateLifecycle "invalid lifecycle, no exec command.", "sleep with negative seconds"
    (
        "lifecycle",
        """
     containers:
     - name: web
       image: i
       lifecycle:
         postStart: {exec: {command: []}}
         preStop: {sleep: {seconds: -1}}
     """,
        [
            (9, "spec.containers[0].lifecycle.postStart.exec", "command: Required value"),
            (
                10,
                "spec.containers[0].lifecycle.preStop.sleep.seconds",
                "must be non-negative integer",
            ),
        ],
    ),
    # TestValidateEnv "value and valueFrom specified", "valueFrom without a source", "unsupported
    # fieldPath", "invalid fieldPath labels" (no subscript), "missing key"
    (
        "env",
        """
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
     """,
        [
            (9, "spec.containers[0].env[0].name", "printable ASCII characters other than '='"),
            (
                10,
                "spec.containers[0].env[1].valueFrom",
                "may not be specified when `value` is not empty",
            ),
            (11, "spec.containers[0].env[2].valueFrom", "must specify one of"),
            (
                12,
                "spec.containers[0].env[3].valueFrom.fieldRef.fieldPath",
                'Unsupported value: "metadata.labels"',
            ),
            (14, "spec.containers[0].env[5].valueFrom.configMapKeyRef.key", "a valid config key"),
            (
                15,
                "spec.containers[0].env[6].valueFrom.resourceFieldRef.resource",
                'Unsupported value: "limits.gpu"',
            ),
        ],
    ),
    # TestValidateEnvFrom "no source", "both sources"
    (
        "envFrom",
        """
     containers:
     - name: web
       image: i
       envFrom: [{prefix: P_}, {configMapRef: {name: a}, secretRef: {name: b}}]
     """,
        [
            (
                8,
                "spec.containers[0].envFrom[0]",
                "must specify one of: `configMapRef` or `secretRef`",
            ),
            (
                8,
                "spec.containers[0].envFrom[1]",
                "may not have more than one field specified at a time",
            ),
        ],
    ),
    # TestValidateResourceRequirements / TestValidateContainers "Resource CPU invalid",
    # "Request limit simple invalid", extended resources ("invalid extended resource")
    (
        "resources",
        """
     containers:
     - name: web
       image: i
       resources:
         limits: {cpu: "-1", memory: 1Gi, example.com/gpu: "2", hugepages-2Mi: 100Mi}
         requests: {memory: 2Gi, example.com/gpu: "1", example.com/fpga: "0.5", gpu: "1", hugepages-2Mi: 50Mi}
     """,
        [
            (9, "spec.containers[0].resources.limits.cpu", "must be greater than or equal to 0"),
            (
                10,
                "spec.containers[0].resources.requests.memory",
                "must be less than or equal to memory limit of 1Gi",
            ),
            (
                10,
                'spec.containers[0].resources.requests["example.com/gpu"]',
                "must be equal to example.com/gpu limit of 2",
            ),
            (
                10,
                'spec.containers[0].resources.requests["example.com/fpga"]',
                "Limit must be set for non overcommitable resources",
            ),
            (10, 'spec.containers[0].resources.requests["example.com/fpga"]', "must be an integer"),
            (
                10,
                "spec.containers[0].resources.requests.gpu",
                "must be a standard resource for containers",
            ),
            (
                10,
                "spec.containers[0].resources.requests.hugepages-2Mi",
                "must be equal to hugepages-2Mi limit of 100Mi",
            ),
        ],
    ),
    # TestValidateTolerations: "invalid toleration key", "operator must be Exists when key is
    # empty", "value must be empty when operator is Exists", "effect must be NoExecute when
    # tolerationSeconds is set", "invalid effect"
    (
        "tolerations",
        """
     containers: [{name: web, image: i}]
     tolerations:
     - {key: "a/b/c", operator: Equal, value: v}
     - {operator: Equal, value: v}
     - {key: k, operator: Exists, value: v}
     - {key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 10}
     - {key: k, operator: Gt, value: "1"}
     - {key: k, operator: Exists, effect: NoRun}
     - {operator: Exists}
     """,
        [
            (7, "spec.tolerations[0].key", "a qualified name"),
            (8, "spec.tolerations[1].operator", "operator must be Exists when `key` is empty"),
            (9, "spec.tolerations[2].value", "value must be empty when `operator` is 'Exists'"),
            (
                10,
                "spec.tolerations[3].effect",
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ),
            (11, "spec.tolerations[4].operator", 'Unsupported value: "Gt"'),
            (12, "spec.tolerations[5].effect", 'Unsupported value: "NoRun"'),
        ],
    ),
    # TestValidateAffinity / TestValidateNodeSelectorRequirement: In needs values, Exists has
    # none, Gt one value, matchFields only metadata.name; weights 1–100; topologyKey required
    (
        "affinity",
        """
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
     """,
        [
            (
                11,
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]",
                "values: Required value",
            ),
            (
                12,
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values",
                "may not be specified when `operator` is 'Exists'",
            ),
            (
                13,
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2]",
                "single value",
            ),
            (
                14,
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[3].operator",
                "not a valid selector operator",
            ),
            (
                16,
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key",
                "not a valid field selector key",
            ),
            (
                18,
                "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                "must be in the range 1-100",
            ),
            (
                21,
                "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]",
                "topologyKey: Required value",
            ),
        ],
    ),
    # TestValidatePodSpec: activeDeadlineSeconds 0, hostname/subdomain labels, serviceAccountName,
    # dnsPolicy None without dnsConfig, nodeSelector labels, topology spread maxSkew
    (
        "pod spec fields",
        """
     containers: [{name: web, image: i}]
     activeDeadlineSeconds: 0
     hostname: Web_1
     serviceAccountName: Bad_SA
     dnsPolicy: "None"
     nodeSelector: {"disk type": ssd}
     topologySpreadConstraints:
     - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 2}
     """,
        [
            (4, "spec", "dnsConfig: Required value"),
            (6, "spec.activeDeadlineSeconds", "must be between 1 and 2147483647"),
            (7, "spec.hostname", "RFC 1123 label"),
            (8, "spec.serviceAccountName", "RFC 1123 subdomain"),
            (10, 'spec.nodeSelector["disk type"]', "name part must consist of alphanumeric"),
            (
                12,
                "spec.topologySpreadConstraints[0]",
                "a null labelSelector results in matching no pod",
            ),
            (12, "spec.topologySpreadConstraints[0].maxSkew", "must be greater than zero"),
            (12, "spec.topologySpreadConstraints[0].minDomains", "whenUnsatisfiable=DoNotSchedule"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [c[1:] for c in POD_CASES], ids=[c[0] for c in POD_CASES]
)
def test_pod_rules(checker: Checker, body: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, _pod(body)), expected)


# --- metadata: names per kind, generateName, labels, annotations ------------------------------

META_CASES = [
    # TestValidateObjectMeta / NameIsDNSSubdomain: most kinds
    ("subdomain ok", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: my.config-1}\n", []),
    # ValidateServiceName = NameIsDNS1035Label (TestValidateServiceCreate "invalid name")
    (
        "service name",
        "apiVersion: v1\nkind: Service\nmetadata: {name: 1-web}\nspec: {ports: [{port: 80}]}\n",
        [(3, "metadata.name", "DNS-1035 label")],
    ),
    (
        "service dots",
        "apiVersion: v1\nkind: Service\nmetadata: {name: web.v1}\nspec: {ports: [{port: 80}]}\n",
        [(3, "metadata.name", "DNS-1035 label")],
    ),
    # ValidateNamespaceName = DNS-1123 label (TestValidateNamespace "dots-in-name")
    (
        "namespace",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: team.a}\n",
        [(3, "metadata.name", "RFC 1123 label")],
    ),
    # RBAC names are path segments (TestValidateRoleNonResourceURL... ValidateRBACName)
    (
        "rbac",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: 'system:Reader'}\nrules: []\n",
        [],
    ),
    # "name or generateName is required"
    (
        "no name",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n",
        [(3, "metadata", "name or generateName is required")],
    ),
    # generateName is a prefix: a trailing '-' is fine (TestValidateObjectMetaTrimsTrailingSlash)
    (
        "generateName",
        "apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\nspec: {containers: [{name: a, image: i}]}\n",
        [],
    ),
    (
        "bad generateName",
        "apiVersion: v1\nkind: Pod\nmetadata: {generateName: Web_}\nspec: {containers: [{name: a, image: i}]}\n",
        [(3, "metadata.generateName", "RFC 1123 subdomain")],
    ),
    # CronJob names are at most 52 characters (batch TestValidateCronJob "spec.name too long")
    (
        "cronjob name",
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: " + "a" * 53 + "}\n"
        "spec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          restartPolicy: Never\n          containers: [{name: a, image: i}]\n",
        [(3, "metadata.name", "must be no more than 52 characters")],
    ),
    # TestValidateLabels (apimachinery meta/v1/validation), TestValidateAnnotations
    (
        "labels and annotations",
        """
     apiVersion: v1
     kind: ConfigMap
     metadata:
       name: c
       namespace: Team_A
       labels: {"a/b/c": x, app: "-bad-", "example.com/tier": "ok"}
       annotations: {"Example.COM/Owner": me, "bad key!": x}
     """,
        [
            (5, "metadata.namespace", "RFC 1123 label"),
            (6, 'metadata.labels["a/b/c"]', "a qualified name"),
            (6, "metadata.labels.app", "a valid label must be an empty string"),
            (7, 'metadata.annotations["bad key!"]', "name part must consist of alphanumeric"),
        ],
    ),
    (
        "annotations too large",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n"
        "    big: " + "x" * (256 * 1024) + "\n",
        [(5, "metadata.annotations", "must have at most 262144 bytes")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in META_CASES], ids=[c[0] for c in META_CASES]
)
def test_metadata_rules(checker: Checker, text: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, text), expected)


# --- workloads --------------------------------------------------------------------------------

_TEMPLATE = """
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: i}]"""

WORKLOAD_CASES = [
    # apps TestValidateDeployment: valid
    (
        "deployment ok",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
        "  selector: {matchLabels: {app: web}}" + _TEMPLATE + "\n",
        [],
    ),
    # "selector does not match template labels", "empty selector"
    (
        "deployment mismatch",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
        "  selector: {matchExpressions: [{key: app, operator: In, values: [api]}]}"
        + _TEMPLATE
        + "\n",
        [
            (
                7,
                "spec.template.metadata.labels",
                "selector app in (api) does not match template labels app=web",
            )
        ],
    ),
    (
        "deployment empty selector",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
        "  selector: {}" + _TEMPLATE + "\n",
        [(5, "spec.selector", "empty selector is invalid for deployment")],
    ),
    # TestValidateDeployment "invalid restart policy", rolling update with 0/0, Recreate with
    # rollingUpdate, maxUnavailable > 100%, bad percent, progressDeadlineSeconds ≤ minReadySeconds
    (
        "deployment strategy",
        """
     apiVersion: apps/v1
     kind: Deployment
     metadata: {name: d}
     spec:
       replicas: -1
       minReadySeconds: 10
       progressDeadlineSeconds: 10
       selector: {matchLabels: {app: web}}
       strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: "0%"}}
       template:
         metadata: {labels: {app: web}}
         spec:
           restartPolicy: OnFailure
           containers: [{name: web, image: i}]
     """,
        [
            (5, "spec.replicas", "must be greater than or equal to 0"),
            (7, "spec.progressDeadlineSeconds", "must be greater than minReadySeconds"),
            (9, "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"),
            (
                13,
                "spec.template.spec.restartPolicy",
                'Unsupported value: "OnFailure": supported values: "Always"',
            ),
        ],
    ),
    (
        "deployment recreate",
        """
     apiVersion: apps/v1
     kind: Deployment
     metadata: {name: d}
     spec:
       selector: {matchLabels: {app: web}}
       strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}
       template:
         metadata: {labels: {app: web}}
         spec: {containers: [{name: web, image: i}]}
     """,
        [
            (
                6,
                "spec.strategy.rollingUpdate",
                "may not be specified when strategy `type` is 'Recreate'",
            )
        ],
    ),
    (
        "deployment percent",
        """
     apiVersion: apps/v1
     kind: Deployment
     metadata: {name: d}
     spec:
       selector: {matchLabels: {app: web}}
       strategy: {rollingUpdate: {maxSurge: "1.5%", maxUnavailable: "120%"}}
       template:
         metadata: {labels: {app: web}}
         spec: {containers: [{name: web, image: i}]}
     """,
        [
            (6, "spec.strategy.rollingUpdate.maxSurge", "a valid percent string"),
            (6, "spec.strategy.rollingUpdate.maxUnavailable", "must not be greater than 100%"),
        ],
    ),
    # StatefulSet: volumeClaimTemplates provide volumes; their PVC specs are validated
    (
        "statefulset claims",
        """
     apiVersion: apps/v1
     kind: StatefulSet
     metadata: {name: s}
     spec:
       serviceName: web
       selector: {matchLabels: {app: web}}
       template:
         metadata: {labels: {app: web}}
         spec:
           containers:
           - {name: web, image: i, volumeMounts: [{name: www, mountPath: /w}, {name: x, mountPath: /x}]}
       volumeClaimTemplates:
       - metadata: {name: www}
         spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
     """,
        [(11, "spec.template.spec.containers[0].volumeMounts[1].name", 'Not found: "x"')],
    ),
    # DaemonSet: template labels missing (kubeconform's extra_property.yaml)
    (
        "daemonset no labels",
        """
     apiVersion: apps/v1
     kind: DaemonSet
     metadata: {name: ds}
     spec:
       selector: {matchLabels: {k8s-app: ds}}
       template:
         spec: {containers: [{name: a, image: i}]}
     """,
        [
            (
                6,
                "spec.template.metadata",
                "selector k8s-app=ds does not match template labels (none)",
            )
        ],
    ),
    # core TestValidateReplicationController "selector_doesnt_match"
    (
        "replicationcontroller",
        """
     apiVersion: v1
     kind: ReplicationController
     metadata: {name: rc}
     spec:
       selector: {app: web, tier: front}
       template:
         metadata: {labels: {app: web}}
         spec: {containers: [{name: a, image: i}]}
     """,
        [
            (
                7,
                "spec.template.metadata.labels",
                "selector app=web,tier=front does not match template labels app=web",
            )
        ],
    ),
    # batch TestValidateJob: restartPolicy (default Always refused), manual selector, Indexed
    (
        "job",
        """
     apiVersion: batch/v1
     kind: Job
     metadata: {name: j}
     spec:
       completionMode: Indexed
       manualSelector: true
       selector: {matchLabels: {app: other}}
       template:
         metadata: {labels: {app: job}}
         spec: {containers: [{name: a, image: i}]}
     """,
        [
            (4, "spec", "completions: Required value: when completion mode is Indexed"),
            (
                9,
                "spec.template.metadata.labels",
                "selector app=other does not match template labels app=job",
            ),
            (
                10,
                "spec.template.spec",
                'restartPolicy: Required value: valid values: "OnFailure", "Never"',
            ),
        ],
    ),
    (
        "job always",
        """
     apiVersion: batch/v1
     kind: Job
     metadata: {name: j}
     spec:
       backoffLimit: -1
       template:
         spec: {restartPolicy: Always, containers: [{name: a, image: i}]}
     """,
        [
            (5, "spec.backoffLimit", "must be greater than or equal to 0"),
            (
                7,
                "spec.template.spec.restartPolicy",
                'valid values: "OnFailure", "Never" (got "Always"',
            ),
        ],
    ),
    # batch TestValidateCronJob: schedule, TZ= in schedule, timeZone
    (
        "cronjob",
        """
     apiVersion: batch/v1
     kind: CronJob
     metadata: {name: c}
     spec:
       schedule: "*/5 * * *"
       timeZone: Asia/Shanghia
       startingDeadlineSeconds: -5
       jobTemplate:
         spec:
           template:
             spec: {restartPolicy: OnFailure, containers: [{name: a, image: i}]}
     """,
        [
            (5, "spec.schedule", "expected exactly 5 fields, found 4"),
            (6, "spec.timeZone", "unknown time zone Asia/Shanghia"),
            (7, "spec.startingDeadlineSeconds", "must be greater than or equal to 0"),
        ],
    ),
    (
        "cronjob TZ",
        """
     apiVersion: batch/v1
     kind: CronJob
     metadata: {name: c}
     spec:
       schedule: "CRON_TZ=UTC 0 * * * *"
       timeZone: Asia/Shanghai
       jobTemplate:
         spec:
           template:
             spec: {restartPolicy: OnFailure, containers: [{name: a, image: i}]}
     """,
        [(5, "spec.schedule", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in WORKLOAD_CASES], ids=[c[0] for c in WORKLOAD_CASES]
)
def test_workload_rules(checker: Checker, text: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, text), expected)


CRON_CASES = [
    # robfig/cron ParseStandard, which the CronJob controller uses
    ("0 * * * *", None),
    ("*/15 9-17 * * mon-fri", None),
    ("0 0 1 jan,jul *", None),
    ("@hourly", None),
    ("@every 1h30m", None),
    ("0 0 * * 7", None),  # lenient: upstream may refuse 7; a false negative is preferred
    ("60 * * * *", "above maximum (59)"),
    ("* 24 * * *", "above maximum (23)"),
    ("* * 0 * *", "below minimum (1)"),
    ("* * * 13 *", "above maximum (12)"),
    ("5-1 * * * *", "beyond end of range"),
    ("*/0 * * * *", "should be a positive number"),
    ("@often", "unrecognized descriptor"),
    ("* * * * * *", "expected exactly 5 fields, found 6"),
    ("x * * * *", "failed to parse int from x"),
]


@pytest.mark.parametrize(("schedule", "problem"), CRON_CASES)
def test_cron_schedules(schedule: str, problem: str | None) -> None:
    found = cron_schedule_problem(schedule)
    assert (found is None) == (problem is None), found
    if problem:
        assert problem in found  # type: ignore[operator]


# --- other kinds ------------------------------------------------------------------------------

KIND_CASES = [
    # core TestValidateServiceCreate: "missing port name" with several ports, "duplicate port
    # name", "duplicate ports", "invalid targetPort", "nodePort with type ClusterIP"
    (
        "service ports",
        """
     apiVersion: v1
     kind: Service
     metadata: {name: web}
     spec:
       selector: {app: web}
       ports:
       - {name: http, port: 80, targetPort: 8080}
       - {port: 443, targetPort: 0}
       - {name: http, port: 80, targetPort: metrics-endpoint-http}
       - {name: node, port: 81, nodePort: 30001}
     """,
        [
            (8, "spec.ports[1]", "name: Required value"),
            (9, "spec.ports[2]", 'Duplicate value: "80/TCP"'),
            (9, "spec.ports[2].name", 'Duplicate value: "http"'),
            (9, "spec.ports[2].targetPort", "no more than 15 characters"),
            (10, "spec.ports[3].nodePort", "may not be used when `type` is 'ClusterIP'"),
        ],
    ),
    (
        "service no ports",
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n",
        [(4, "spec", "ports: Required value")],
    ),
    (
        "headless and external",
        """
     apiVersion: v1
     kind: List
     items:
     - {apiVersion: v1, kind: Service, metadata: {name: h}, spec: {clusterIP: None, selector: {app: a}}}
     - {apiVersion: v1, kind: Service, metadata: {name: e}, spec: {type: ExternalName, externalName: db.example.com.}}
     - {apiVersion: v1, kind: Service, metadata: {name: x}, spec: {type: ExternalName, externalName: Bad_Host}}
     """,
        [(6, "items[2].spec.externalName", "RFC 1123 subdomain")],
    ),
    # core TestValidateConfigMap "invalid key", "leading .. key", data/binaryData duplicate
    (
        "configmap",
        """
     apiVersion: v1
     kind: ConfigMap
     metadata: {name: c}
     data: {"good.key": a, "bad key": b, "..dots": c, same: d}
     binaryData: {same: aGk=}
     """,
        [
            (4, 'data["bad key"]', "a valid config key"),
            (4, 'data["..dots"]', "must not start with '..'"),
            (5, "binaryData.same", "duplicate of key present in data"),
        ],
    ),
    # core TestValidateSecret / TestValidateTLSSecret / TestValidateDockerConfigSecret
    (
        "secret tls",
        """
     apiVersion: v1
     kind: Secret
     metadata: {name: s}
     type: kubernetes.io/tls
     data: {tls.crt: "not base64!"}
     """,
        [
            (4, "type", "data[tls.key]: Required value"),
            (5, 'data["tls.crt"]', "illegal base64 data at input byte 3"),
        ],
    ),
    (
        "secret dockerconfigjson",
        """
     apiVersion: v1
     kind: Secret
     metadata: {name: s}
     type: kubernetes.io/dockerconfigjson
     stringData: {.dockerconfigjson: "{not json"}
     """,
        [(5, 'stringData[".dockerconfigjson"]', "not valid JSON")],
    ),
    (
        "secret ok",
        """
     apiVersion: v1
     kind: Secret
     metadata: {name: s}
     type: kubernetes.io/basic-auth
     stringData: {username: admin}
     data: {extra: aGVsbG8=}
     """,
        [],
    ),
    # core TestValidatePersistentVolumeClaim "missing-accessmodes", "missing-resource-requests",
    # "invalid-accessmode", "ReadWriteOncePod with other modes", "negative storage request"
    (
        "pvc",
        """
     apiVersion: v1
     kind: List
     items:
     - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: a}, spec: {resources: {requests: {storage: 1Gi}}}}
     - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: b}, spec: {accessModes: [ReadWriteOnce]}}
     - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: c}, spec: {accessModes: [ReadWriteOncePod, ReadOnlyMany], resources: {requests: {storage: "0"}}}}
     """,
        [
            (4, "items[0].spec", "accessModes: Required value: at least 1 access mode is required"),
            (5, "items[1].spec", "resources.requests.storage: Required value"),
            (
                6,
                "items[2].spec.accessModes",
                "may not use ReadWriteOncePod with other access modes",
            ),
            (6, "items[2].spec.resources.requests.storage", "must be greater than zero"),
        ],
    ),
    # autoscaling TestValidateHorizontalPodAutoscaler "maxReplicas < minReplicas", "minReplicas 0"
    (
        "hpa",
        """
     apiVersion: autoscaling/v2
     kind: HorizontalPodAutoscaler
     metadata: {name: h}
     spec:
       scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
       minReplicas: 5
       maxReplicas: 2
       metrics:
       - type: Resource
         resource: {name: cpu, target: {type: Utilization, averageValue: 500m}}
     """,
        [
            (7, "spec.maxReplicas", "must be greater than or equal to `minReplicas` (5)"),
            (10, "spec.metrics[0].resource.target", "averageUtilization: Required value"),
        ],
    ),
    (
        "hpa zero",
        """
     apiVersion: autoscaling/v2
     kind: HorizontalPodAutoscaler
     metadata: {name: h}
     spec:
       scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
       minReplicas: 0
       maxReplicas: 3
     """,
        [(6, "spec.minReplicas", "must be greater than or equal to 1")],
    ),
    # policy TestValidateMinAvailablePodDisruptionBudgetSpec / "both minAvailable and
    # maxUnavailable", "percent over 100"
    (
        "pdb",
        """
     apiVersion: policy/v1
     kind: PodDisruptionBudget
     metadata: {name: p}
     spec:
       minAvailable: 120%
       maxUnavailable: 1
       selector: {matchExpressions: [{key: app, operator: Exists, values: [x]}]}
     """,
        [
            (5, "spec.minAvailable", "must not be greater than 100%"),
            (6, "spec.maxUnavailable", "minAvailable and maxUnavailable cannot be both set"),
            (
                7,
                "spec.selector.matchExpressions[0].values",
                "may not be specified when `operator` is 'Exists'",
            ),
        ],
    ),
    # networking TestValidateIngress: "path not absolute" for Prefix/Exact, invalid sequences,
    # "both port name and number", IP address host, wildcard host
    (
        "ingress",
        """
     apiVersion: networking.k8s.io/v1
     kind: Ingress
     metadata: {name: i}
     spec:
       rules:
       - host: 10.0.0.1
         http:
           paths:
           - {path: api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
           - {path: /a//b, pathType: Exact, backend: {service: {name: web, port: {number: 80, name: http}}}}
           - {path: foo, pathType: ImplementationSpecific, backend: {service: {name: web, port: {name: http}}}}
       - host: "*.example.com"
         http:
           paths:
           - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
     """,
        [
            (6, "spec.rules[0].host", "must be a DNS name, not an IP address"),
            (9, "spec.rules[0].http.paths[0].path", "must be an absolute path"),
            (10, "spec.rules[0].http.paths[1].path", "must not contain '//'"),
            (
                10,
                "spec.rules[0].http.paths[1].backend.service.port",
                "cannot set both port name & port number",
            ),
            (11, "spec.rules[0].http.paths[2].path", "must be an absolute path"),
        ],
    ),
    # networking TestValidateNetworkPolicy: "endPort smaller than port", "endPort with named
    # port", "endPort without port", "empty peer", "ipBlock with another peer", "except not in cidr"
    (
        "networkpolicy",
        """
     apiVersion: networking.k8s.io/v1
     kind: NetworkPolicy
     metadata: {name: n}
     spec:
       podSelector: {}
       ingress:
       - ports:
         - {port: 8080, endPort: 80}
         - {port: http, endPort: 90}
         - {endPort: 90}
         - {port: 32000, endPort: 32768}
         from:
         - {}
         - {ipBlock: {cidr: 10.0.0.0/16}, podSelector: {}}
         - {ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24, 10.0.0.0/16]}}
         - {ipBlock: {cidr: 10.00.0.0/8}}
     """,
        [
            (
                8,
                "spec.ingress[0].ports[0].endPort",
                "must be greater than or equal to `port` (8080)",
            ),
            (
                9,
                "spec.ingress[0].ports[1].endPort",
                "may not be specified when `port` is non-numeric",
            ),
            (10, "spec.ingress[0].ports[2]", "port: Required value"),
            (13, "spec.ingress[0].from[0]", "must specify a peer"),
            (14, "spec.ingress[0].from[1]", "may not specify both ipBlock and another peer"),
            (15, "spec.ingress[0].from[2].ipBlock.except[0]", "must be a strict subset of `cidr`"),
            (15, "spec.ingress[0].from[2].ipBlock.except[1]", "must be a strict subset of `cidr`"),
        ],
    ),
    # scheduling TestValidatePriorityClass: user values ≤ 1e9, system- prefix reserved
    (
        "priorityclass",
        """
     apiVersion: scheduling.k8s.io/v1
     kind: PriorityClass
     metadata: {name: high}
     value: 2000000000
     """,
        [(4, "value", "maximum allowed value of a user defined priority is 1000000000")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in KIND_CASES], ids=[c[0] for c in KIND_CASES]
)
def test_kind_rules(checker: Checker, text: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, text), expected)


# --- fragments get the rules of their definition ----------------------------------------------

FRAGMENT_CASES = [
    # a Container fragment: port-name rules; volume references cannot be checked (no pod)
    (
        "container",
        None,
        """
     name: web
     image: nginx
     ports: [{name: metrics-endpoint-http, containerPort: 9090}]
     volumeMounts: [{name: data, mountPath: /data}]
     """,
        [(3, "ports[0].name", "must be no more than 15 characters")],
    ),
    # a PodSpec fragment with its volumes: volume references are checked
    (
        "podspec",
        "PodSpec",
        """
     volumes: [{name: cache, emptyDir: {}}]
     containers:
     - name: web
       volumeMounts: [{name: data, mountPath: /data}]
     """,
        [(4, "containers[0].volumeMounts[0].name", 'Not found: "data"')],
    ),
    # a PodSpec fragment without volumes: a mount may refer to volumes left out
    (
        "podspec excerpt",
        "PodSpec",
        """
     containers:
     - name: web
       volumeMounts: [{name: data, mountPath: /data}]
     """,
        [],
    ),
    (
        "resources",
        "ResourceRequirements",
        """
     requests: {memory: 1Gi}
     limits: {memory: 512Mi}
     """,
        [(1, "requests.memory", "must be less than or equal to memory limit of 512Mi")],
    ),
    (
        "label selector",
        "LabelSelector",
        """
     matchExpressions:
     - {key: tier, operator: In}
     """,
        [(2, "matchExpressions[0]", "values: Required value")],
    ),
    (
        "affinity",
        "Affinity",
        """
     nodeAffinity:
       requiredDuringSchedulingIgnoredDuringExecution:
         nodeSelectorTerms:
         - matchExpressions: [{key: disktype, operator: DoesNotExist, values: [ssd]}]
     """,
        [
            (
                4,
                "nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values",
                "may not be specified",
            )
        ],
    ),
    (
        "list of containers",
        "Container",
        """
     - {name: a, image: i, ports: [{containerPort: 0}]}
     - {name: B, image: i}
     """,
        [(1, "[0].ports[0]", "containerPort: Required value"), (2, "[1].name", "RFC 1123 label")],
    ),
]


@pytest.mark.parametrize(
    ("target", "text", "expected"),
    [c[1:] for c in FRAGMENT_CASES],
    ids=[c[0] for c in FRAGMENT_CASES],
)
def test_fragment_rules(
    checker: Checker, target: str | None, text: str, expected: list[tuple[int, str, str]]
) -> None:
    _expect(_semantic(checker, text, fragments=True, target=target), expected)


# --- cross-object hints: warnings, per file and per page --------------------------------------

CROSS = """
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {LOG_LEVEL: info}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80, name: http}]
        env:
        - {name: LEVEL, valueFrom: {configMapKeyRef: {name: cfg, key: LOG_LEVL}}}
        - {name: OPT, valueFrom: {configMapKeyRef: {name: cfg, key: X, optional: true}}}
        - {name: ELSEWHERE, valueFrom: {secretKeyRef: {name: not-here, key: X}}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: wbe}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web2}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: htp}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web2, port: {number: 8080}}}}
      - {path: /x, pathType: Prefix, backend: {service: {name: elsewhere, port: {number: 1}}}}
"""


def test_cross_object_hints_are_warnings(checker: Checker, tmp_path: object) -> None:
    from pathlib import Path

    file = Path(str(tmp_path)) / "app.yaml"
    file.write_text(CROSS.lstrip("\n"), encoding="utf-8")
    found = [f for f in checker.check_yaml_file(file, "app.yaml") if f.rule == "k8s-semantic"]
    assert [(f.line, f.severity, f.json_path) for f in found] == [
        (19, "warning", "spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key"),
        (27, "warning", "spec.selector"),
        (35, "warning", "spec.ports[0].targetPort"),
        (44, "warning", "spec.rules[0].http.paths[0].backend.service.port.number"),
    ]
    assert 'has no key "LOG_LEVL" (its keys: LOG_LEVEL)' in found[0].message
    assert "selects none of the pods defined here (Deployment/web: app=web)" in found[1].message
    assert 'targetPort "htp" is not a port name of the selected pods (http)' in found[2].message
    assert "Service web2 has no port 8080 (its ports: 80)" in found[3].message


def test_cross_object_hints_span_a_page(checker: Checker) -> None:
    """Two fences of one page are compared; each warning lands in its own fence."""
    page = textwrap.dedent(
        """
        # Page

        ```yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ```

        - A Service in a list item:

            ```yaml
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: api}, ports: [{port: 80}]}
            ```
        """
    ).lstrip("\n")
    found, _ = checker.check_markdown(page, "docs/p.md")
    assert [format_text(f)[:70] for f in found] == [
        "docs/p.md:20:22: warning: Service/web spec.selector: selector app=api "
    ]


def test_api_server_warnings(checker: Checker) -> None:
    """pkg/api/pod/warnings_test.go: "terminationGracePeriodSeconds is negative", "null
    LabelSelector in PodAffinity", fractional byte values, and an env var defined twice."""
    text = _pod(
        """
        terminationGracePeriodSeconds: -1
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone}]
        containers:
        - name: a
          image: i
          resources: {requests: {memory: 200m}}
          env: [{name: A, value: "1"}, {name: A, value: "2"}]
        """
    )
    found = [f for f in _semantic(checker, text)]
    assert [(f.line, f.severity, f.json_path, f.message[:45]) for f in found] == [
        (
            5,
            "warning",
            "spec.terminationGracePeriodSeconds",
            "must be >= 0; negative values are invalid and",
        ),
        (
            8,
            "warning",
            "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]",
            "a null labelSelector results in matching no p",
        ),
        (
            12,
            "warning",
            "spec.containers[0].resources.requests.memory",
            'fractional byte value "200m" is invalid, must',
        ),
        (
            13,
            "warning",
            "spec.containers[0].env[1]",
            'hides previous definition of "A", which may b',
        ),
    ]


def test_negative_grace_period_is_a_warning(checker: Checker) -> None:
    """ValidatePodSpec accepts it (ValidatePodUpdate: "allow it to be set to 1 if it was
    previously negative"): a warning, not an error."""
    found = _semantic(
        checker, _pod("terminationGracePeriodSeconds: -5\ncontainers: [{name: a, image: i}]")
    )
    assert [(f.line, f.severity, f.json_path) for f in found] == [
        (5, "warning", "spec.terminationGracePeriodSeconds")
    ]


def test_schema_errors_are_not_reported_twice(checker: Checker) -> None:
    """A misplaced field is the schema stage's finding; the semantic stage stays quiet about
    the same place (here: exec without command because command sits beside it)."""
    text = _pod(
        """
        containers:
        - name: a
          image: i
          lifecycle: {preStop: {exec: {}, command: [sleep, "5"]}}
        """
    )
    found = checker.check_text(text, "t.yaml")
    assert [(f.rule, f.json_path) for f in found] == [
        ("k8s-schema", "spec.containers[0].lifecycle.preStop")
    ]


_ODD = [None, 0, -1, 1.5, True, "", "x", [], {}, [1], {"a": 1}, [{"a": [1]}], 70000, "1Gi"]


def test_odd_values_never_stop_the_rules(checker: Checker) -> None:
    """Every value of the issue's Deployment, and of a Service/Ingress/NetworkPolicy/Secret,
    replaced in turn by values of other types: the rules skip what the schema stage reports
    and never crash or stop early."""
    import yaml
    from kubenotes.k8s.load import Document
    from kubenotes.k8s.semantic import check_object

    def paths(value: object, prefix: tuple = ()) -> list[tuple]:
        found = [prefix]
        if isinstance(value, dict):
            for key, inner in value.items():
                found += paths(inner, (*prefix, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                found += paths(inner, (*prefix, index))
        return found

    def replaced(value: object, path: tuple, new: object) -> object:
        if not path:
            return new
        copy = dict(value) if isinstance(value, dict) else list(value)  # type: ignore[call-overload]
        copy[path[0]] = replaced(copy[path[0]], path[1:], new)
        return copy

    others = """
    {apiVersion: v1, kind: Service, metadata: {name: s}, spec: {selector: {a: b}, ports: [{name: h, port: 80, targetPort: h, protocol: TCP}]}}
    ---
    {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: i}, spec: {rules: [{host: a.b, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}}
    ---
    {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: n}, spec: {podSelector: {}, ingress: [{ports: [{port: 80, endPort: 90}], from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}}
    ---
    {apiVersion: v1, kind: Secret, metadata: {name: t}, type: kubernetes.io/tls, data: {tls.crt: aGk=, tls.key: aGk=}}
    ---
    {apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: h}, spec: {scaleTargetRef: {kind: D, name: d}, minReplicas: 1, maxReplicas: 2, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]}}
    """
    objects = [yaml.safe_load(ISSUE), *yaml.safe_load_all(textwrap.dedent(others))]
    for obj in objects:
        for path in paths(obj)[1:]:
            for new in _ODD:
                value = replaced(obj, path, new)
                found = check_object(value, (), Document(value), "t.yaml", "x", "1.34")  # type: ignore[arg-type]
                assert not any("stopped early" in f.message for f in found), (path, new, found)


RBAC_CASES = [
    # rbac TestValidateRoleZeroVerbs / "resource rules must supply at least one api group",
    # "namespaced rules cannot apply to non-resource URLs"
    (
        "role",
        """
     apiVersion: rbac.authorization.k8s.io/v1
     kind: Role
     metadata: {name: r}
     rules:
     - {resources: [pods], verbs: [get]}
     - {apiGroups: [""], resources: [pods], verbs: []}
     - {nonResourceURLs: [/healthz], verbs: [get]}
     - {apiGroups: [""], resources: [pods], verbs: [get, list]}
     """,
        [
            (5, "rules[0]", "apiGroups: Required value"),
            (6, "rules[1]", "verbs: Required value: verbs must contain at least one value"),
            (7, "rules[2].nonResourceURLs", "namespaced rules cannot apply to non-resource URLs"),
        ],
    ),
    (
        "clusterrole urls",
        """
     apiVersion: rbac.authorization.k8s.io/v1
     kind: ClusterRole
     metadata: {name: r}
     rules:
     - {nonResourceURLs: [/healthz], verbs: [get]}
     - {nonResourceURLs: [/metrics], resources: [pods], verbs: [get]}
     """,
        [
            (
                6,
                "rules[1].nonResourceURLs",
                "rules cannot apply to both regular resources and non-resource URLs",
            )
        ],
    ),
    # rbac TestValidateRoleBindingZeroSubjects..., "bad roleRef kind", ServiceAccount subject
    # with an API group, a ServiceAccount of a ClusterRoleBinding without namespace
    (
        "bindings",
        """
     apiVersion: v1
     kind: List
     items:
     - apiVersion: rbac.authorization.k8s.io/v1
       kind: ClusterRoleBinding
       metadata: {name: b}
       roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
       subjects:
       - {kind: ServiceAccount, name: default}
       - {kind: ServiceAccount, name: sa, namespace: ns, apiGroup: rbac.authorization.k8s.io}
       - {kind: User, name: jane, apiGroup: ""}
       - {kind: Robot, name: x}
     - apiVersion: rbac.authorization.k8s.io/v1
       kind: RoleBinding
       metadata: {name: b}
       roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
       subjects: [{kind: ServiceAccount, name: default}]
     """,
        [
            (
                7,
                "items[0].roleRef.kind",
                'Unsupported value: "Role": supported values: "ClusterRole"',
            ),
            (9, "items[0].subjects[0]", "namespace: Required value"),
            (10, "items[0].subjects[1].apiGroup", 'supported values: ""'),
            (11, "items[0].subjects[2].apiGroup", 'supported values: "rbac.authorization.k8s.io"'),
            (12, "items[0].subjects[3].kind", 'Unsupported value: "Robot"'),
        ],
    ),
    # node TestValidateRuntimeClass "invalid handler"
    (
        "runtimeclass",
        """
     apiVersion: node.k8s.io/v1
     kind: RuntimeClass
     metadata: {name: gvisor}
     handler: runsc_v1
     overhead: {podFixed: {memory: 12XB}}
     """,
        [
            (4, "handler", "RFC 1123 label"),
            (5, "overhead.podFixed.memory", "quantities must match the regular expression"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in RBAC_CASES], ids=[c[0] for c in RBAC_CASES]
)
def test_rbac_rules(checker: Checker, text: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, text), expected)
