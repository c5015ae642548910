"""The broker's rendered configuration, cluster ids, paths and the one-line error summaries."""

from __future__ import annotations

import base64
from pathlib import Path

from services.broker.install import maven_error_summary
from services.broker.local import java_error_summary, new_cluster_id, server_properties
from services.broker.paths import BrokerPaths
from services.settings import Settings


def parse_properties(text: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def test_server_properties_listen_on_loopback_ports_of_the_settings(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, broker_port=29500, broker_controller_port=29501)
    properties = parse_properties(server_properties(settings, tmp_path / "data"))
    assert properties["listeners"] == ("PLAINTEXT://127.0.0.1:29500,CONTROLLER://127.0.0.1:29501")
    assert properties["advertised.listeners"] == "PLAINTEXT://127.0.0.1:29500"
    assert properties["controller.quorum.voters"] == "1@127.0.0.1:29501"
    assert properties["log.dirs"] == str(tmp_path / "data")


def test_server_properties_let_one_broker_run_transactions_and_groups(tmp_path: Path) -> None:
    properties = parse_properties(server_properties(Settings(_env_file=None), tmp_path))
    for key in (
        "offsets.topic.replication.factor",
        "transaction.state.log.replication.factor",
        "transaction.state.log.min.isr",
        "share.coordinator.state.topic.replication.factor",
    ):
        assert properties[key] == "1", key
    assert properties["group.initial.rebalance.delay.ms"] == "0"
    assert properties["auto.create.topics.enable"] == "false"
    assert not any("$" in value for value in properties.values())


def test_brokers_on_different_ports_share_jars_but_nothing_else(tmp_path: Path) -> None:
    first = BrokerPaths.of(Settings(_env_file=None, broker_home=tmp_path, broker_port=29500))
    second = BrokerPaths.of(Settings(_env_file=None, broker_home=tmp_path, broker_port=29600))
    assert first.libs == second.libs == tmp_path / "libs"
    assert {first.data, first.pid_file, first.server_log}.isdisjoint(
        {second.data, second.pid_file, second.server_log}
    )


def test_cluster_ids_are_distinct_16_byte_ids_in_url_safe_base64() -> None:
    ids = {new_cluster_id() for _ in range(50)}
    assert len(ids) == 50
    for cluster_id in ids:
        assert len(cluster_id) == 22
        assert not cluster_id.startswith("-")
        assert len(base64.urlsafe_b64decode(cluster_id + "==")) == 16


def test_java_error_summary_keeps_the_exception_not_the_stack() -> None:
    output = (
        'Exception in thread "main" java.lang.IllegalArgumentException: bad listeners\n'
        "\tat scala.Predef$.require(Predef.scala:337)\n"
        "\t... 3 more\n"
    )
    assert java_error_summary(output) == (
        'Exception in thread "main" java.lang.IllegalArgumentException: bad listeners'
    )
    assert java_error_summary("") == "no output"


def test_maven_error_summary_skips_colour_codes_and_blank_errors() -> None:
    output = (
        "\x1b[0m\x1b[0m[ERROR] Failed to execute goal: kafka_2.13:jar:9.9 was not found\n"
        "[ERROR] \n"
        "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.\n"
    )
    assert maven_error_summary(output) == "Failed to execute goal: kafka_2.13:jar:9.9 was not found"
