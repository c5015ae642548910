"""The Prometheus configuration and rules pass promtool, and every alert is unit-tested.

Each alert has a test file in deploy/prometheus/tests with a case where it fires and one
where it does not. Those files spell out the templated annotations (summary, description);
the runbook, a fixed text, is taken from the rule itself so that it is written once.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.tools import PROMETHEUS, RULE_FILES, RULE_TESTS, require_tool, rules

ALERTS = {rule["alert"]: rule for rule in rules() if "alert" in rule}


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_tool("promtool"), *args], capture_output=True, text=True, check=False
    )


def _alert_cases(test_file: Path) -> list[dict[str, Any]]:
    return [
        case
        for group in yaml.safe_load(test_file.read_text())["tests"]
        for case in group.get("alert_rule_test", [])
    ]


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus-kubernetes.yml"])
def test_the_scrape_configurations_are_valid(config: str) -> None:
    checked = _promtool("check", "config", str(PROMETHEUS / config))

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{len(RULE_FILES)} rule files found" in checked.stdout


def test_the_rule_files_are_valid() -> None:
    checked = _promtool("check", "rules", *map(str, RULE_FILES))

    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("alert", sorted(ALERTS))
def test_every_alert_has_a_runbook_and_a_test_file_that_fires_it_and_one_case_that_does_not(
    alert: str,
) -> None:
    files = [
        path for path in RULE_TESTS if any(c["alertname"] == alert for c in _alert_cases(path))
    ]

    assert len(files) == 1, f"{alert} should be tested in exactly one file, not {files}"
    cases = [case for case in _alert_cases(files[0]) if case["alertname"] == alert]
    assert any(case["exp_alerts"] for case in cases), f"no case of {files[0].name} fires"
    assert any(not case["exp_alerts"] for case in cases), f"every case of {files[0].name} fires"
    assert len(ALERTS[alert]["annotations"]["runbook"]) > 100


@pytest.mark.parametrize("test_file", RULE_TESTS, ids=lambda path: path.name)
def test_promtool_rule_unit_tests_pass(test_file: Path, tmp_path: Path) -> None:
    suite = yaml.safe_load(test_file.read_text())
    suite["rule_files"] = [str((test_file.parent / name).resolve()) for name in suite["rule_files"]]
    for group in suite["tests"]:
        for case in group.get("alert_rule_test", []):
            for expected in case["exp_alerts"]:
                runbook = ALERTS[case["alertname"]]["annotations"]["runbook"]
                expected["exp_annotations"] = {**expected["exp_annotations"], "runbook": runbook}
    completed = tmp_path / test_file.name
    completed.write_text(yaml.safe_dump(suite, sort_keys=False))

    tested = _promtool("test", "rules", str(completed))

    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "SUCCESS" in tested.stdout
