"""Workload rules (``pkg/apis/apps/validation``, ``pkg/apis/batch/validation``, and core's
ReplicationController and PodTemplate).

Version notes: a StatefulSet's ``spec.serviceName`` is only checked when set (newer versions
made it optional: a false negative on older ones is preferred); the cron schedule follows
robfig/cron's standard parser (five fields or a ``@`` descriptor), as the CronJob controller
does, except that a day-of-week 7 is let through; HPAScaleToZero (alpha, off) is not assumed.
"""

from __future__ import annotations

import re
from typing import Any

from kubenotes.k8s.load import JsonPath
from kubenotes.k8s.semantic import labels as labels_rules
from kubenotes.k8s.semantic import pod
from kubenotes.k8s.semantic.base import (
    NEGATIVE,
    Scope,
    as_dict,
    as_int,
    as_list,
    as_str,
    enum,
    non_negative,
    shown,
)
from kubenotes.k8s.semantic.kinds import persistent_volume_claim_spec
from kubenotes.k8s.semantic.names import meta_common
from kubenotes.k8s.semantic.strings import is_dns1123_label

ALWAYS = ["Always"]
JOB_RESTART = ["OnFailure", "Never"]
_PERCENT = re.compile(r"^[0-9]+%$")
PERCENT_ERROR = (
    "a valid percent string must be a numeric string followed by an ending '%' "
    "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
)


def pod_template(
    scope: Scope,
    template: Any,
    path: JsonPath,
    restart: list[str] | None,
    *,
    partial: bool = False,
    claims: tuple[str, ...] = (),
) -> None:
    """A pod template: metadata, pod spec, and the restart policies the workload allows."""
    if not isinstance(template, dict):
        return
    meta_common(scope, as_dict(template.get("metadata")), (*path, "metadata"))
    spec = template.get("spec")
    if not isinstance(spec, dict):
        return
    pod.pod_spec(scope, spec, (*path, "spec"), partial=partial, claims=claims)
    policy = spec.get("restartPolicy")
    if restart and isinstance(policy, str) and policy not in restart:
        scope.unsupported((*path, "spec", "restartPolicy"), policy, restart)


def _template_labels(template: Any) -> dict[str, Any]:
    return as_dict(as_dict(as_dict(template).get("metadata")).get("labels"))


def selector_matches_template(
    scope: Scope, spec: dict[str, Any], path: JsonPath, kind: str, *, required: bool = True
) -> None:
    """The workload selector is a valid, non-empty label selector that selects the template."""
    selector = spec.get("selector")
    if selector is None:
        if required:
            scope.required(path, "selector")
        return
    if not isinstance(selector, dict):
        return
    labels_rules.label_selector(scope, selector, (*path, "selector"))
    if labels_rules.selector_is_empty(selector):
        scope.invalid((*path, "selector"), "{}", f"empty selector is invalid for {kind.lower()}")
        return
    template = spec.get("template")
    labels = _template_labels(template)
    if not isinstance(template, dict):
        return
    if labels_rules.selector_matches(selector, labels) is False:
        _mismatch(scope, path, labels_rules.selector_text(selector), labels)


def _mismatch(scope: Scope, path: JsonPath, wanted: str, labels: dict[str, Any]) -> None:
    have = ",".join(f"{k}={v}" for k, v in labels.items()) or "(none)"
    where = (*path, "template", "metadata", "labels")
    if not labels:
        where = (*path, "template", "metadata") if labels == {} else where
    scope.report.error(
        where,
        f"selector {wanted} does not match template labels {have} (`selector` does not match "
        "template `labels`); add the selector's labels to the pod template",
        key=not labels,
    )


def int_or_percent(scope: Scope, value: Any, path: JsonPath) -> tuple[int, bool] | None:
    """``ValidatePositiveIntOrPercent``: (number, is_percent) or None when invalid/absent."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if value < 0:
            scope.invalid(path, value, NEGATIVE)
            return None
        return value, False
    if isinstance(value, str):
        if not _PERCENT.match(value):
            scope.invalid(path, value, PERCENT_ERROR)
            return None
        return int(value[:-1]), True
    return None


def rolling_update(scope: Scope, value: Any, path: JsonPath) -> None:
    """maxSurge and maxUnavailable: ints or percents ≥ 0, not both 0, maxUnavailable ≤ 100%."""
    update = as_dict(value)
    surge = int_or_percent(scope, update.get("maxSurge"), (*path, "maxSurge"))
    unavailable = int_or_percent(scope, update.get("maxUnavailable"), (*path, "maxUnavailable"))
    if unavailable and unavailable[1] and unavailable[0] > 100:
        scope.invalid(
            (*path, "maxUnavailable"), update["maxUnavailable"], "must not be greater than 100%"
        )
    if surge and unavailable and surge[0] == 0 and unavailable[0] == 0:
        scope.invalid(
            (*path, "maxUnavailable"),
            update["maxUnavailable"],
            "may not be 0 when `maxSurge` is 0 (the rollout could never make progress; set "
            "maxSurge or maxUnavailable to at least 1)",
        )


def deployment(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidateDeploymentSpec``."""
    non_negative(scope, spec, path, "replicas", "minReadySeconds", "revisionHistoryLimit")
    selector_matches_template(scope, spec, path, "Deployment", required=not partial)
    pod_template(scope, spec.get("template"), (*path, "template"), ALWAYS, partial=partial)
    strategy = as_dict(spec.get("strategy"))
    enum(scope, strategy, (*path, "strategy"), "type", ["Recreate", "RollingUpdate"])
    kind = strategy.get("type")
    if kind == "Recreate" and strategy.get("rollingUpdate") is not None:
        scope.forbidden(
            (*path, "strategy", "rollingUpdate"),
            "may not be specified when strategy `type` is 'Recreate'",
        )
    elif kind in (None, "RollingUpdate"):
        rolling_update(scope, strategy.get("rollingUpdate"), (*path, "strategy", "rollingUpdate"))
    deadline = as_int(spec.get("progressDeadlineSeconds"))
    ready = as_int(spec.get("minReadySeconds")) or 0
    if deadline is not None and deadline <= ready:
        scope.invalid(
            (*path, "progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"
        )


def replica_set(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    non_negative(scope, spec, path, "replicas", "minReadySeconds")
    selector_matches_template(scope, spec, path, "ReplicaSet", required=not partial)
    pod_template(scope, spec.get("template"), (*path, "template"), ALWAYS, partial=partial)


def daemon_set(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    non_negative(scope, spec, path, "minReadySeconds", "revisionHistoryLimit")
    selector_matches_template(scope, spec, path, "DaemonSet", required=not partial)
    pod_template(scope, spec.get("template"), (*path, "template"), ALWAYS, partial=partial)
    strategy = as_dict(spec.get("updateStrategy"))
    enum(scope, strategy, (*path, "updateStrategy"), "type", ["OnDelete", "RollingUpdate"])
    if strategy.get("type") in (None, "RollingUpdate"):
        update = as_dict(strategy.get("rollingUpdate"))
        here = (*path, "updateStrategy", "rollingUpdate")
        surge = int_or_percent(scope, update.get("maxSurge"), (*here, "maxSurge"))
        unavailable = int_or_percent(scope, update.get("maxUnavailable"), (*here, "maxUnavailable"))
        if surge and unavailable and surge[0] == 0 and unavailable[0] == 0:
            scope.invalid(
                (*here, "maxUnavailable"),
                update.get("maxUnavailable"),
                "may not be 0 when `maxSurge` is 0",
            )


def stateful_set(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    non_negative(scope, spec, path, "replicas", "minReadySeconds", "revisionHistoryLimit")
    selector_matches_template(scope, spec, path, "StatefulSet", required=not partial)
    claims = tuple(
        name
        for claim in as_list(spec.get("volumeClaimTemplates"))
        if isinstance(claim, dict)
        and isinstance(name := as_dict(claim.get("metadata")).get("name"), str)
    )
    template = spec.get("template")
    pod_template(scope, template, (*path, "template"), ALWAYS, partial=partial, claims=claims)
    enum(scope, spec, path, "podManagementPolicy", ["OrderedReady", "Parallel"])
    strategy = as_dict(spec.get("updateStrategy"))
    enum(scope, strategy, (*path, "updateStrategy"), "type", ["OnDelete", "RollingUpdate"])
    service = as_str(spec.get("serviceName"))
    if service:
        for message in is_dns1123_label(service):
            scope.invalid((*path, "serviceName"), service, message)
    claims = spec.get("volumeClaimTemplates")
    for index, claim in enumerate(claims if isinstance(claims, list) else []):
        if isinstance(claim, dict):
            here = (*path, "volumeClaimTemplates", index)
            meta_common(scope, as_dict(claim.get("metadata")), (*here, "metadata"))
            if isinstance(claim.get("spec"), dict):
                persistent_volume_claim_spec(scope, claim["spec"], (*here, "spec"))
    update = as_dict(as_dict(spec.get("updateStrategy")).get("rollingUpdate"))
    partition = as_int(update.get("partition"))
    if partition is not None and partition < 0:
        scope.invalid((*path, "updateStrategy", "rollingUpdate", "partition"), partition, NEGATIVE)
    # rollingUpdate.maxUnavailable needs MaxUnavailableStatefulSet (off by default in 1.34:
    # the field is dropped, not validated), so it is not checked.


def replication_controller(
    scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool
) -> None:
    """A map selector; when set it must select the template (empty: taken from the template)."""
    non_negative(scope, spec, path, "replicas", "minReadySeconds")
    selector = as_dict(spec.get("selector"))
    labels_rules.labels(scope, selector, (*path, "selector"))
    template = spec.get("template")
    if selector and isinstance(template, dict):
        labels = _template_labels(template)
        if any(labels.get(k) != v for k, v in selector.items()):
            wanted = ",".join(f"{k}={v}" for k, v in selector.items())
            _mismatch(scope, path, wanted, labels)
    pod_template(scope, template, (*path, "template"), ALWAYS, partial=partial)


def job(
    scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool, *, cron: bool = False
) -> None:
    """``ValidateJobSpec``: counts ≥ 0, restartPolicy OnFailure or Never, a manual selector
    that matches the template, a generated one not written, completions for Indexed jobs.
    ``cron``: the spec of a CronJob's jobTemplate (``ValidateJobTemplateSpec``)."""
    non_negative(
        scope, spec, path, "parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished"
    )
    deadline = as_int(spec.get("activeDeadlineSeconds"))
    if deadline is not None and deadline <= 0:
        scope.invalid((*path, "activeDeadlineSeconds"), deadline, "must be greater than zero")
    template = spec.get("template")
    spec_of_template = as_dict(as_dict(template).get("spec"))
    if cron:
        _job_template_selector(scope, spec, path)
    elif spec.get("manualSelector") is not True:
        _generated_selector(scope, spec, path)
    elif not _selects_every_pod(spec.get("selector")):  # which is valid for a Job
        selector_matches_template(scope, spec, path, "Job", required=not partial)
    policy = spec_of_template.get("restartPolicy", None if partial else "Always")
    if isinstance(template, dict) and isinstance(policy, str) and policy not in JOB_RESTART:
        where = (*path, "template", "spec")
        where = (*where, "restartPolicy") if "restartPolicy" in spec_of_template else where
        scope.report.error(
            where,
            f'restartPolicy: Required value: valid values: "OnFailure", "Never" (got '
            f'"{policy}"{", the default" if "restartPolicy" not in spec_of_template else ""}: a '
            "Job's pods may not restart Always)",
            key="restartPolicy" not in spec_of_template,
        )
    pod_template(scope, template, (*path, "template"), None, partial=partial)
    enum(scope, spec, path, "completionMode", ["Indexed", "NonIndexed"])
    if spec.get("completionMode") == "Indexed" and spec.get("completions") is None and not partial:
        scope.required(path, "completions", "when completion mode is Indexed")
    if spec.get("podFailurePolicy") is not None:
        policy = spec_of_template.get("restartPolicy")
        if isinstance(policy, str) and policy != "Never":
            scope.invalid(
                (*path, "template", "spec", "restartPolicy"),
                policy,
                'only "Never" is supported when podFailurePolicy is specified',
            )


# The label the API server adds to a Job's selector and pod template (with the Job's uid,
# unknown to a manifest) when it generates the selector (registry/batch/job generateSelector).
_UID_LABEL = "batch.kubernetes.io/controller-uid"
_UID = "<the Job's uid>"
_JOB_LABELS = ("job-name", "batch.kubernetes.io/job-name", "controller-uid", _UID_LABEL)


def _generated_selector(scope: Scope, spec: dict[str, Any], path: JsonPath) -> None:
    """Without ``manualSelector: true`` the API server generates the selector: it adds
    controller-uid=<uid> to the selector written (if any) and the job labels to the template,
    then rejects a selector that asks for more than the uid (``validateGeneratedSelector``)
    and one that does not select the template (``ValidateJobSpec``)."""
    selector = spec.get("selector")
    if not isinstance(selector, dict):
        return
    generated = {**selector, "matchLabels": {_UID_LABEL: _UID}}
    generated["matchLabels"].update(as_dict(selector.get("matchLabels")))
    if labels_rules.selector_matches(generated, {_UID_LABEL: _UID}) is False:
        scope.invalid(
            (*path, "selector"),
            labels_rules.selector_text(selector),
            "`selector` not auto-generated (without manualSelector: true the API server "
            "generates it); remove the selector, or set manualSelector: true",
        )
    template = spec.get("template")
    labels = _template_labels(template)
    pod_labels = {**dict.fromkeys(_JOB_LABELS, _UID), **labels}
    if isinstance(template, dict) and labels_rules.selector_matches(generated, pod_labels) is False:
        _mismatch(scope, path, labels_rules.selector_text(selector), labels)


def _selects_every_pod(selector: Any) -> bool:
    return isinstance(selector, dict) and labels_rules.selector_is_empty(selector)


def _job_template_selector(scope: Scope, spec: dict[str, Any], path: JsonPath) -> None:
    """A CronJob's job template never has a selector: it is always generated."""
    if spec.get("selector") is not None:
        scope.invalid(
            (*path, "selector"),
            labels_rules.selector_text(as_dict(spec.get("selector"))),
            "`selector` will be auto-generated",
        )
    if spec.get("manualSelector") is True:
        scope.unsupported((*path, "manualSelector"), True, ["nil", "false"])


_DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
_FIELD_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NAMES = (
    None,
    None,
    None,
    {m: i + 1 for i, m in enumerate(_MONTHS)},
    {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])},
)


def cron_schedule_problem(schedule: str) -> str | None:
    """Why robfig/cron's standard parser rejects ``schedule`` (None: it parses)."""
    text = schedule.strip()
    if not text:
        return "empty spec string"
    if text.startswith("@"):
        if text in _DESCRIPTORS:
            return None
        if text.startswith("@every "):
            return (
                None
                if re.fullmatch(r"@every (\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+", text)
                else (f"failed to parse duration {text[7:]}")
            )
        return f"unrecognized descriptor: {text}"
    fields = text.split()
    if len(fields) != 5:
        return f"expected exactly 5 fields, found {len(fields)}: {fields}"
    for index, field in enumerate(fields):
        problem = _cron_field(field, index)
        if problem:
            return problem
    return None


def _cron_field(field: str, index: int) -> str | None:
    low, high = _FIELD_RANGES[index]
    names = _NAMES[index] or {}
    for part in field.split(","):
        range_part, _, step = part.partition("/")
        if step and not step.isdigit():
            return (
                f"failed to parse int from {step}: strconv.Atoi: parsing {step!r}: invalid syntax"
            )
        if step and int(step) == 0:
            return f"step of range should be a positive number: {part}"
        if range_part in ("*", "?"):
            continue
        bounds = range_part.split("-")
        if len(bounds) > 2:
            return f"too many hyphens: {part}"
        values = []
        for bound in bounds:
            value = names.get(bound.lower()) if not bound.isdigit() else int(bound)
            if value is None:
                return f"failed to parse int from {bound}: invalid syntax"
            values.append(value)
        begin, end = values[0], values[-1]
        if begin < low:
            return f"beginning of range ({begin}) below minimum ({low}): {part}"
        if end > high and not (index == 4 and end == 7):  # 7 (Sunday): lenient, not sure
            return f"end of range ({end}) above maximum ({high}): {part}"
        if begin > end:
            return f"beginning of range ({begin}) beyond end of range ({end}): {part}"
    return None


def cron_job(scope: Scope, spec: dict[str, Any], path: JsonPath, partial: bool) -> None:
    """``ValidateCronJobSpec``: a parsable schedule without TZ=, a known time zone, counts ≥ 0,
    and the job template's rules."""
    schedule = as_str(spec.get("schedule"))
    if schedule is not None:
        if "TZ=" in schedule:
            scope.invalid(
                (*path, "schedule"),
                schedule,
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
            )
        else:
            problem = cron_schedule_problem(schedule)
            if problem:
                scope.invalid((*path, "schedule"), schedule, problem)
    enum(scope, spec, path, "concurrencyPolicy", ["Allow", "Forbid", "Replace"])
    zone = as_str(spec.get("timeZone"))
    if zone is not None:
        _time_zone(scope, zone, (*path, "timeZone"))
    non_negative(
        scope,
        spec,
        path,
        "startingDeadlineSeconds",
        "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
    )
    template = spec.get("jobTemplate")
    if isinstance(template, dict):
        meta_common(scope, as_dict(template.get("metadata")), (*path, "jobTemplate", "metadata"))
        if isinstance(template.get("spec"), dict):
            job(scope, template["spec"], (*path, "jobTemplate", "spec"), partial, cron=True)


def _time_zone(scope: Scope, zone: str, path: JsonPath) -> None:
    """An IANA time zone name, as Go's time.LoadLocation finds it ("Local" is refused)."""
    import zoneinfo  # here, not at the top: only CronJobs with a time zone need it

    if zone != zone.strip() or zone == "Local" or not zone:
        scope.invalid(path, zone, "unknown time zone " + zone)
        return
    if zone.upper() == "UTC":
        return
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        if zoneinfo.available_timezones():  # only when this machine has a time zone database
            close = [z for z in zoneinfo.available_timezones() if z.lower() == zone.lower()]
            hint = f"; did you mean {shown(close[0])}?" if close else ""
            scope.invalid(path, zone, f"unknown time zone {zone}{hint}")
