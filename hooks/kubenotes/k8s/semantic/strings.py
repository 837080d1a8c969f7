"""apimachinery's string checks (``k8s.io/apimachinery/pkg/util/validation``), as Python.

Each ``is_*`` function returns the API server's messages for a value (empty: valid).
"""

from __future__ import annotations

import re

DNS1123_LABEL_MAX = 63
DNS1123_SUBDOMAIN_MAX = 253
DNS1035_LABEL_MAX = 63
QUALIFIED_NAME_MAX = 63
LABEL_VALUE_MAX = 63
PORT_NAME_MAX = 15
CONFIG_KEY_MAX = 253

_DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN = _DNS1123_LABEL + r"(\." + _DNS1123_LABEL + ")*"
_DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?"
_QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_LABEL_VALUE = "(" + _QUALIFIED_NAME + ")?"
_CONFIG_KEY = "[-._a-zA-Z0-9]+"
_ENV_VAR_STRICT = "[-._a-zA-Z][-._a-zA-Z0-9]*"

_RE = {
    name: re.compile(f"^(?:{pattern})$")
    for name, pattern in {
        "dns1123-label": _DNS1123_LABEL,
        "dns1123-subdomain": _DNS1123_SUBDOMAIN,
        "dns1035-label": _DNS1035_LABEL,
        "qualified-name": _QUALIFIED_NAME,
        "label-value": _LABEL_VALUE,
        "config-key": _CONFIG_KEY,
        "env-strict": _ENV_VAR_STRICT,
    }.items()
}


# Longer values get only the length message: Python's backtracking regexes (unlike Go's RE2)
# may take quadratic time on long invalid input, and such a value is wrong anyway.
REGEX_LIMIT = 1024


def max_len(limit: int) -> str:
    return f"must be no more than {limit} characters"


def _bounded(value: str, limit: int, pattern: str, message: str) -> list[str]:
    """A value of at most ``limit`` characters that matches ``_RE[pattern]``."""
    if len(value) > REGEX_LIMIT:
        return [max_len(limit)]
    errors = [max_len(limit)] if len(value) > limit else []
    if not _RE[pattern].match(value):
        errors.append(message)
    return errors


def _dot_path_errors(value: str) -> list[str]:
    """apimachinery's ``hasChDirPrefix``: not ``.``, ``..``, nor starting with ``..``."""
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def _format(what: str, pattern: str, examples: tuple[str, ...]) -> str:
    shown = ",  or ".join(f"'{e}'" for e in examples)
    return f"{what} (e.g. {shown}, regex used for validation is '{pattern}')"


DNS1123_LABEL_MSG = _format(
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character",
    _DNS1123_LABEL,
    ("my-name", "123-abc"),
)
DNS1123_SUBDOMAIN_MSG = _format(
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character",
    _DNS1123_SUBDOMAIN,
    ("example.com",),
)
DNS1035_LABEL_MSG = _format(
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character",
    _DNS1035_LABEL,
    ("my-name", "abc-123"),
)
QUALIFIED_NAME_MSG = _format(
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character",
    _QUALIFIED_NAME,
    ("MyName", "my.name", "123-abc"),
)
LABEL_VALUE_MSG = _format(
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character",
    _LABEL_VALUE,
    ("MyValue", "my_value", "12345"),
)
CONFIG_KEY_MSG = _format(
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
    _CONFIG_KEY,
    ("key.name", "KEY_NAME", "key-name"),
)
ENV_VAR_STRICT_MSG = _format(
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', "
    "or '.', and must not start with a digit",
    _ENV_VAR_STRICT,
    ("my.env-name", "MY_ENV.NAME", "MyEnvName1"),
)
ENV_VAR_RELAXED_MSG = (
    "a valid environment variable name must consist only of printable ASCII characters other "
    "than '='"
)


def is_dns1123_label(value: str) -> list[str]:
    return _bounded(value, DNS1123_LABEL_MAX, "dns1123-label", DNS1123_LABEL_MSG)


def is_dns1123_subdomain(value: str) -> list[str]:
    return _bounded(value, DNS1123_SUBDOMAIN_MAX, "dns1123-subdomain", DNS1123_SUBDOMAIN_MSG)


def is_dns1035_label(value: str) -> list[str]:
    return _bounded(value, DNS1035_LABEL_MAX, "dns1035-label", DNS1035_LABEL_MSG)


# The common valid case in one match (lengths checked apart): most keys take this fast path.
_QUALIFIED_FAST = re.compile(f"^(?:(?:{_DNS1123_SUBDOMAIN})/)?(?:{_QUALIFIED_NAME})$")


def is_qualified_name(value: str) -> list[str]:
    """``[prefix/]name``: a DNS-1123 subdomain prefix and a name of at most 63 characters."""
    if len(value) > REGEX_LIMIT:
        return [
            "must be no more than 317 characters (a prefix of at most 253, '/', and a name of "
            "at most 63)"
        ]
    if _QUALIFIED_FAST.match(value):
        prefix, _, name = value.rpartition("/")
        if len(name) <= QUALIFIED_NAME_MAX and len(prefix) <= DNS1123_SUBDOMAIN_MAX:
            return []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
        prefix_errors: list[str] = []
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            prefix_errors = ["prefix part must be non-empty"]
        else:
            prefix_errors = [f"prefix part {m}" for m in is_dns1123_subdomain(prefix)]
    else:
        return [
            "a qualified name " + QUALIFIED_NAME_MSG + " with an optional DNS subdomain prefix "
            "and '/' (e.g. 'example.com/MyName')"
        ]
    errors = list(prefix_errors)
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > QUALIFIED_NAME_MAX:
        errors.append("name part " + max_len(QUALIFIED_NAME_MAX))
    if name and not _RE["qualified-name"].match(name):
        errors.append("name part " + QUALIFIED_NAME_MSG)
    return errors


def is_label_value(value: str) -> list[str]:
    return _bounded(value, LABEL_VALUE_MAX, "label-value", LABEL_VALUE_MSG)


def is_port_name(value: str) -> list[str]:
    """An IANA service name: what a named port (and ``targetPort: name``) must be."""
    errors = []
    if len(value) > PORT_NAME_MAX:
        errors.append(max_len(PORT_NAME_MAX))
    if not re.fullmatch("[-a-z0-9]+", value):
        errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if "--" in value:
        errors.append("must not contain consecutive hyphens")
    if not re.search("[a-z]", value):
        errors.append("must contain at least one letter (a-z)")
    if value.startswith("-") or value.endswith("-"):
        errors.append("must not begin or end with a hyphen")
    return errors


def is_port_number(value: int) -> list[str]:
    return [] if 1 <= value <= 65535 else ["must be between 1 and 65535, inclusive"]


def is_config_map_key(value: str) -> list[str]:
    """Keys of ConfigMap/Secret data, and of projected ``items``."""
    errors = _bounded(value, CONFIG_KEY_MAX, "config-key", CONFIG_KEY_MSG)
    return errors if len(value) > REGEX_LIMIT else errors + _dot_path_errors(value)


def is_env_var_name(value: str, relaxed: bool) -> list[str]:
    """``relaxed``: the RelaxedEnvironmentVariableValidation gate (default on from 1.32, GA in
    1.34): any printable ASCII except '='. Before: letters, digits, '_', '-', '.'."""
    if relaxed:
        ok = bool(value) and all(32 <= ord(c) <= 126 and c != "=" for c in value)
        return [] if ok else [ENV_VAR_RELAXED_MSG]
    errors = [] if _RE["env-strict"].match(value) else [ENV_VAR_STRICT_MSG]
    return errors + _dot_path_errors(value)
