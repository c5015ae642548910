"""The deployment files, checked offline: there is no container engine or cluster here.

Kubernetes objects are validated against the API schemas that kubernetes-validate ships
(strict: an unknown field fails), the compose file against the Compose Specification's schema
that check-jsonschema ships; KEDA's ScaledObject and the kustomization have no schema there,
so they and the settings the files must agree on are checked field by field.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from services.settings import Settings
from tests.deploy.tools import DEPLOY, ROOT

KUBERNETES = DEPLOY / "kubernetes"
KUBERNETES_VERSION = "1.31.0"
COMPOSE = DEPLOY / "compose" / "compose.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
# Kinds with no schema in kubernetes-validate: checked by the tests below instead.
CUSTOM_KINDS = {"ScaledObject", "Kustomization"}


def _manifests() -> dict[str, dict[str, Any]]:
    return {path.name: yaml.safe_load(path.read_text()) for path in KUBERNETES.glob("*.yaml")}


MANIFESTS = _manifests()
BY_KIND = {manifest["kind"]: manifest for manifest in MANIFESTS.values()}
CONFIG = BY_KIND["ConfigMap"]["data"]
WORKER = BY_KIND["Deployment"]["spec"]["template"]["spec"]["containers"][0]


@pytest.mark.parametrize(
    "name", sorted(n for n, m in MANIFESTS.items() if m["kind"] not in CUSTOM_KINDS)
)
def test_kubernetes_objects_match_the_api_schema(name: str) -> None:
    kubernetes_validate.validate(MANIFESTS[name], KUBERNETES_VERSION, strict=True)


def test_the_schema_check_rejects_a_misspelt_field() -> None:
    broken = copy.deepcopy(BY_KIND["Deployment"])
    broken["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_the_kustomization_lists_every_manifest() -> None:
    listed = set(BY_KIND["Kustomization"]["resources"])

    assert listed == set(MANIFESTS) - {"kustomization.yaml"}


def test_the_worker_probes_serve_the_health_views_on_the_configured_port() -> None:
    (port,) = WORKER["ports"]

    assert str(port["containerPort"]) == CONFIG["DIPSTREAM_WEB_PORT"]
    assert CONFIG["DIPSTREAM_WEB_HOST"] == "0.0.0.0"
    assert WORKER["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert WORKER["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert WORKER["resources"]["limits"]["memory"] == "768Mi"


def test_the_orchestrators_wait_longer_than_a_stopping_worker_may_take() -> None:
    # A worker exits within DIPSTREAM_SHUTDOWN_GRACE_S; killed before, it cannot commit.
    grace = Settings(_env_file=None).shutdown_grace_s
    pod = BY_KIND["Deployment"]["spec"]["template"]["spec"]
    assert pod["terminationGracePeriodSeconds"] > grace
    compose = yaml.safe_load(COMPOSE.read_text())
    stop_grace = compose["x-worker"]["stop_grace_period"]
    assert re.fullmatch(r"\d+s", stop_grace) and int(stop_grace[:-1]) > grace


def test_the_configmap_holds_only_real_settings() -> None:
    for variable in CONFIG:
        field = variable.removeprefix("DIPSTREAM_").lower()
        assert field in Settings.model_fields, variable
    Settings(_env_file=None, **{k.removeprefix("DIPSTREAM_").lower(): v for k, v in CONFIG.items()})


def test_keda_scales_the_deployment_on_its_group_up_to_the_partition_count() -> None:
    spec = BY_KIND["ScaledObject"]["spec"]
    (trigger,) = spec["triggers"]

    assert BY_KIND["ScaledObject"]["apiVersion"] == "keda.sh/v1alpha1"
    assert spec["scaleTargetRef"]["name"] == BY_KIND["Deployment"]["metadata"]["name"]
    assert spec["maxReplicaCount"] == int(CONFIG["DIPSTREAM_TOPIC_PARTITIONS"])
    assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
    assert trigger["type"] == "kafka"
    assert trigger["metadata"]["consumerGroup"] == CONFIG["DIPSTREAM_APP_ID"]
    assert trigger["metadata"]["topic"] == CONFIG["DIPSTREAM_TOPIC_ARTICLES"]
    assert trigger["metadata"]["bootstrapServers"] == CONFIG["DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS"]
    assert int(trigger["metadata"]["lagThreshold"]) > 0


def test_the_metrics_service_selects_the_workers_and_lists_unready_ones() -> None:
    service = BY_KIND["Service"]["spec"]
    workers = BY_KIND["Deployment"]["spec"]["selector"]["matchLabels"]

    assert service["clusterIP"] == "None"
    assert service["publishNotReadyAddresses"] is True
    assert service["selector"] == workers
    assert BY_KIND["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == workers


def test_the_compose_file_matches_the_compose_specification() -> None:
    checked = subprocess.run(
        [
            str(Path(sys.executable).with_name("check-jsonschema")),
            "--builtin-schema",
            "vendor.compose-spec",
            str(COMPOSE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_compose_stack_has_kraft_kafka_two_workers_and_mounts_that_exist() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    workers = [name for name in services if name.startswith("worker-")]

    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert len(workers) == 2
    assert all(services[name]["image"] == services["topics"]["image"] for name in workers)
    assert services["topics"]["entrypoint"] == ["dipstream", "topics", "create"]
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (COMPOSE.parent / source).exists(), volume
    assert (COMPOSE.parent / services["topics"]["build"]["context"]).resolve() == ROOT


def test_the_compose_prometheus_scrapes_the_compose_workers() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    (job,) = config["scrape_configs"]
    (static,) = job["static_configs"]

    assert sorted(static["targets"]) == ["worker-1:6066", "worker-2:6066"]


def test_the_dockerfile_builds_with_make_setup_s_install_and_runs_the_worker_unprivileged() -> None:
    lines = DOCKERFILE.read_text().splitlines()
    stages = [line for line in lines if line.startswith("FROM ")]
    (user,) = [line.split()[1] for line in lines if line.startswith("USER ")]
    makefile = (ROOT / "Makefile").read_text()

    assert len(stages) == 2
    assert "RUN make venv PYTHON=python3.11" in lines
    assert re.search(r"^setup: venv\b", makefile, re.MULTILINE)
    assert user not in {"root", "0"}
    assert 'ENTRYPOINT ["dipstream", "worker"]' in lines
    assert any("/healthz" in line for line in lines if "urlopen" in line)
    assert "DIPSTREAM_WEB_HOST=0.0.0.0" in DOCKERFILE.read_text()
