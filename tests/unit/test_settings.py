"""The settings object: environment prefix, validation, secrets and immutability."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.settings import Settings


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092")
    monkeypatch.setenv("DIPSTREAM_BATCH_SIZE", "48")
    settings = Settings()
    assert settings.kafka_bootstrap_servers == "k1:9092,k2:9092"
    assert settings.batch_size == 48


def test_sasl_without_credentials_is_rejected() -> None:
    with pytest.raises(ValidationError, match="DIPSTREAM_KAFKA_SASL_USERNAME"):
        Settings(kafka_security_protocol="SASL_SSL")


def test_password_is_kept_secret() -> None:
    settings = Settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username="svc",
        kafka_sasl_password="hunter2",
    )
    assert "hunter2" not in repr(settings)
    assert settings.kafka_sasl_password is not None
    assert settings.kafka_sasl_password.get_secret_value() == "hunter2"


def test_settings_are_frozen() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        Settings().batch_size = 3  # type: ignore[misc]  # the assignment is what is under test


def test_out_of_range_values_are_rejected() -> None:
    with pytest.raises(ValidationError, match="web_port"):
        Settings(web_port=0)


def test_quad_class_topic_names() -> None:
    assert Settings(topic_events="ev").quad_class_topic("verbal-conflict") == "ev.verbal-conflict"
