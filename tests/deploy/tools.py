"""What the deployment tests read: the files under deploy/, their PromQL, and the tools.

promtool and prometheus come from Debian's ``prometheus`` package, which ``make test``
installs; a test that needs one and does not find it fails rather than skips.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
RULE_FILES = sorted((PROMETHEUS / "rules").glob("*.yml"))
RULE_TESTS = sorted((PROMETHEUS / "tests").glob("*.test.yml"))
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "dipstream.json"

# Series Prometheus makes itself for every target.
SYNTHETIC_SERIES = frozenset({"up"})
_KEYWORDS = frozenset(
    {
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
        "bool",
        "and",
        "or",
        "unless",
        "offset",
        "inf",
        "nan",
    }
)
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_IDENTIFIER = re.compile(r"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*")


def require_tool(name: str) -> str:
    """The path of an installed tool; fails the test when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: `make test` installs Debian's prometheus package")
    return path


def metric_names(expr: str) -> set[str]:
    """The metric and recorded-series names a PromQL expression reads."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = _GROUPING.sub(" ", text)
    names = set()
    for match in _IDENTIFIER.finditer(text):
        word = match.group()
        is_call = text[match.end() :].lstrip().startswith("(")
        if not is_call and word.lower() not in _KEYWORDS:
            names.add(word)
    return names


def rules() -> list[dict[str, Any]]:
    """Every recording and alert rule of deploy/prometheus/rules."""
    return [
        rule
        for path in RULE_FILES
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
    ]


def recorded_names() -> set[str]:
    """The series the recording rules make."""
    return {rule["record"] for rule in rules() if "record" in rule}


def dashboard_queries() -> list[str]:
    """The PromQL of every panel target and template variable of the Grafana dashboard."""
    model = json.loads(DASHBOARD.read_text())
    queries = [target["expr"] for panel in model["panels"] for target in panel.get("targets", [])]
    queries += [variable["definition"] for variable in model["templating"]["list"]]
    return queries


def as_plain_promql(query: str) -> str:
    """A dashboard query as Prometheus can run it: Grafana's variables and functions replaced."""
    # A variable's values come from label_values(selector, label): the selector is the query.
    label_values = re.fullmatch(r"label_values\((.*),\s*\w+\)", query)
    if label_values:
        query = label_values.group(1)
    return query.replace("$__rate_interval", "1m").replace("$instance", ".*")
