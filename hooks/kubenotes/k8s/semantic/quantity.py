"""Quantities (``resource.ParseQuantity``), resource names and container resources.

A quantity is ``<sign><digits>[.<digits>]<suffix>``, the suffix one of the binary SI ones
(Ki Mi Gi Ti Pi Ei), the decimal SI ones (n u m k M G T P E) or a decimal exponent
(``e3``, ``E-2``). JSON numbers are quantities too; surrounding spaces are trimmed.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from kubenotes.k8s.load import JsonPath
from kubenotes.k8s.semantic.base import NEGATIVE, Scope, as_dict, shown
from kubenotes.k8s.semantic.strings import is_qualified_name

FORMAT_ERROR = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
SUFFIX_ERROR = "unable to parse quantity's suffix"

_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_SHAPE = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*)([-+]?[0-9]*)")
_EXPONENT = re.compile(r"[eE][-+]?[0-9]+")
_INT64_MAX = 2**63 - 1

STANDARD_CONTAINER = ("cpu", "memory", "ephemeral-storage")
HUGEPAGES = "hugepages-"


class QuantityError(ValueError):
    """Not a quantity: the API server rejects it (the message is the API server's)."""


class Unmeasurable(ValueError):
    """A valid quantity too large or too precise to compute with cheaply (``1e999999999``, a
    5000-digit number): its checks are skipped rather than spending the build on it."""


MAX_EXPONENT = 64
MAX_DIGITS = 400


def parse_quantity(value: Any) -> Fraction:
    """The exact value of a quantity (a YAML number or string); raises :class:`QuantityError`
    with the API server's message."""
    if isinstance(value, bool) or value is None:
        raise QuantityError(FORMAT_ERROR)
    if isinstance(value, int | float):
        if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
            raise QuantityError(FORMAT_ERROR)
        return Fraction(value) if isinstance(value, int) else Fraction(repr(value))
    text = str(value).strip()
    match = _SHAPE.fullmatch(text)
    if not text or match is None:
        raise QuantityError(FORMAT_ERROR)
    sign, whole, fraction, letters, tail = match.groups()
    suffix = letters + tail
    fraction = fraction or ""
    if len(whole) + len(fraction) > MAX_DIGITS:
        raise Unmeasurable(text)
    numerator = int((whole or "0") + fraction) * (-1 if sign == "-" else 1)
    denominator = 10 ** len(fraction)
    if suffix in _BINARY:
        numerator <<= _BINARY[suffix]
    elif suffix in _DECIMAL or (
        _EXPONENT.fullmatch(suffix) and len(suffix) < 22 and abs(int(suffix[1:])) <= _INT64_MAX
    ):
        exponent = _DECIMAL[suffix] if suffix in _DECIMAL else int(suffix[1:])
        if abs(exponent) > MAX_EXPONENT:
            raise Unmeasurable(text)
        if exponent >= 0:
            numerator *= 10**exponent
        else:
            denominator *= 10**-exponent
    else:
        raise QuantityError(SUFFIX_ERROR)
    return Fraction(numerator, denominator)


def quantity(scope: Scope, value: Any, path: JsonPath) -> Fraction | None:
    """A quantity at ``path``: its value, or None after reporting why it does not parse."""
    if isinstance(value, dict | list):
        return None  # a type error: the schema stage reports it
    try:
        return parse_quantity(value)
    except Unmeasurable:
        return None
    except QuantityError as exc:
        scope.invalid(path, value if isinstance(value, str) else str(value), str(exc))
        return None


def non_negative_quantity(scope: Scope, value: Any, path: JsonPath) -> Fraction | None:
    found = quantity(scope, value, path)
    if found is not None and found < 0:
        scope.invalid(path, value, NEGATIVE)
    return found


def show(value: Any) -> str:
    return str(value).strip() if not isinstance(value, str) else value.strip()


BYTE_RESOURCES = ("memory", "ephemeral-storage", "storage")


def fractional_bytes(scope: Scope, name: str, value: Fraction, raw: Any, path: JsonPath) -> None:
    """The API server's warning for a byte quantity that is not a whole number (``200m`` of
    memory is 0.2 bytes: a mistake for ``200Mi``)."""
    if name in BYTE_RESOURCES and value.denominator != 1:
        scope.warning(path, f'fractional byte value "{show(raw)}" is invalid, must be an integer')


def is_native(name: str) -> bool:
    """Resource names without a domain, or in the kubernetes.io domain."""
    if "/" not in name:
        return True
    prefix = name.split("/", 1)[0]
    return prefix == "kubernetes.io" or prefix.endswith(".kubernetes.io")


def is_extended(name: str) -> bool:
    """Extended resources (``example.com/gpu``): not native and not ``requests.*``."""
    return not is_native(name) and not name.startswith("requests.")


def container_resource_name(scope: Scope, name: str, path: JsonPath) -> bool:
    """``validateContainerResourceName``: standard names, hugepages-<size>, or domain/name."""
    for message in is_qualified_name(name):
        scope.report.error(path, f"Invalid value: {shown(name)}: {message}", key=True)
        return False
    if "/" not in name:
        if name not in STANDARD_CONTAINER and not name.startswith(HUGEPAGES):
            scope.report.error(
                path,
                f"Invalid value: {shown(name)}: must be a standard resource for containers "
                f"({', '.join(STANDARD_CONTAINER)}, hugepages-<size>) or a domain-qualified "
                "extended resource such as example.com/gpu",
                key=True,
            )
            return False
    elif is_native(name):
        scope.report.error(
            path,
            f"Invalid value: {shown(name)}: must be a standard resource for containers",
            key=True,
        )
        return False
    return True


def resource_requirements(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidateResourceRequirements``: names, quantities ≥ 0, requests ≤ limits; extended
    resources are integers and their requests equal their limits."""
    resources = as_dict(value)
    parsed: dict[str, dict[str, Fraction]] = {}
    for part in ("limits", "requests"):
        parsed[part] = {}
        for name, amount in as_dict(resources.get(part)).items():
            here = (*path, part, name)
            if not container_resource_name(scope, name, here):
                continue
            found = non_negative_quantity(scope, amount, here)
            if found is None:
                continue
            parsed[part][name] = found
            fractional_bytes(scope, name, found, amount, here)
            if is_extended(name) and found.denominator != 1:  # IsIntegerResourceName
                scope.invalid(here, show(amount), "must be an integer")
    limits, requests = parsed["limits"], parsed["requests"]
    raw_limits = as_dict(resources.get("limits"))
    raw_requests = as_dict(resources.get("requests"))
    for name, request in requests.items():
        here = (*path, "requests", name)
        limit = limits.get(name)
        overcommit = is_native(name) and not name.startswith(HUGEPAGES)
        if name not in raw_limits:
            if not overcommit:
                scope.report.error(
                    here,
                    f"limits.{name}: Required value: Limit must be set for non overcommitable "
                    f"resources (add limits.{name}: {show(raw_requests[name])})",
                    key=True,
                )
        elif limit is None:
            continue
        elif request != limit and not overcommit:
            scope.invalid(
                here,
                show(raw_requests[name]),
                f"must be equal to {name} limit of {show(raw_limits[name])}",
            )
        elif request > limit:
            scope.invalid(
                here,
                show(raw_requests[name]),
                f"must be less than or equal to {name} limit of {show(raw_limits[name])}",
            )
