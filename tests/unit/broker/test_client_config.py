"""Settings become kafka-python, aiokafka and Faust connection arguments."""

from __future__ import annotations

import ssl
import subprocess
from pathlib import Path
from typing import Any

import faust
import pytest
from pydantic import SecretStr, ValidationError

from services.broker.client_config import (
    aiokafka_config,
    bootstrap_servers,
    kafka_python_config,
    ssl_context,
)
from services.broker.errors import BrokerError
from services.broker.faust_config import faust_broker_kwargs
from services.settings import Settings


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A self-signed certificate and its key, made by openssl, also used as the CA file."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "client.pem", folder / "client.key"
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    subprocess.run(
        [*request, "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return {"kafka_ssl_cafile": cert, "kafka_ssl_certfile": cert, "kafka_ssl_keyfile": key}


def sasl_settings(protocol: str = "SASL_PLAINTEXT", **values: Any) -> Settings:
    return make_settings(
        kafka_security_protocol=protocol,
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username="events-writer",
        kafka_sasl_password=SecretStr("s3cret"),
        **values,
    )


def test_bootstrap_servers_are_split_and_trimmed() -> None:
    settings = make_settings(kafka_bootstrap_servers=" kafka-1:9092, kafka-2:9093 ,")
    assert bootstrap_servers(settings) == ["kafka-1:9092", "kafka-2:9093"]


def test_bootstrap_server_without_port_is_refused() -> None:
    with pytest.raises(BrokerError, match="'kafka-1' is not host:port"):
        bootstrap_servers(make_settings(kafka_bootstrap_servers="kafka-1"))


def test_plaintext_config_has_no_credentials() -> None:
    config = kafka_python_config(make_settings(kafka_bootstrap_servers="127.0.0.1:19092"))
    assert config == {"bootstrap_servers": ["127.0.0.1:19092"], "security_protocol": "PLAINTEXT"}


def test_sasl_config_unwraps_the_secret_password() -> None:
    config = kafka_python_config(sasl_settings())
    assert config["security_protocol"] == "SASL_PLAINTEXT"
    assert config["sasl_mechanism"] == "SCRAM-SHA-512"
    assert config["sasl_plain_username"] == "events-writer"
    assert config["sasl_plain_password"] == "s3cret"


def test_sasl_without_credentials_is_refused_by_settings() -> None:
    with pytest.raises(ValidationError, match="SASL security protocol needs"):
        make_settings(kafka_security_protocol="SASL_SSL")


def test_sasl_without_credentials_is_refused_after_an_unvalidated_copy() -> None:
    settings = make_settings().model_copy(update={"kafka_security_protocol": "SASL_PLAINTEXT"})
    with pytest.raises(BrokerError, match="SASL_PLAINTEXT needs DIPSTREAM_KAFKA_SASL_MECHANISM"):
        kafka_python_config(settings)


def test_credentials_with_a_plaintext_protocol_are_refused() -> None:
    settings = sasl_settings().model_copy(update={"kafka_security_protocol": "PLAINTEXT"})
    with pytest.raises(BrokerError, match="SASL credentials are set but"):
        kafka_python_config(settings)


def test_tls_files_are_passed_as_paths(tls_files: dict[str, Path]) -> None:
    config = kafka_python_config(make_settings(kafka_security_protocol="SSL", **tls_files))
    assert config["ssl_cafile"] == str(tls_files["kafka_ssl_cafile"])
    assert config["ssl_certfile"] == str(tls_files["kafka_ssl_certfile"])
    assert config["ssl_keyfile"] == str(tls_files["kafka_ssl_keyfile"])


def test_missing_tls_file_is_refused(tmp_path: Path) -> None:
    settings = make_settings(kafka_security_protocol="SSL", kafka_ssl_cafile=tmp_path / "ca.pem")
    with pytest.raises(BrokerError, match=r"DIPSTREAM_KAFKA_SSL_CAFILE .*ca\.pem is not a file"):
        kafka_python_config(settings)


def test_tls_files_with_a_plaintext_protocol_are_refused(tls_files: dict[str, Path]) -> None:
    with pytest.raises(BrokerError, match="TLS files are set but"):
        kafka_python_config(make_settings(**tls_files))


def test_key_without_certificate_is_refused(tls_files: dict[str, Path]) -> None:
    settings = make_settings(
        kafka_security_protocol="SSL", kafka_ssl_keyfile=tls_files["kafka_ssl_keyfile"]
    )
    with pytest.raises(BrokerError, match="KEYFILE is set without"):
        kafka_python_config(settings)


def test_unreadable_tls_file_is_reported_in_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "ca.pem"
    garbage.write_text("not a certificate\n")
    settings = make_settings(kafka_security_protocol="SSL", kafka_ssl_cafile=garbage)
    with pytest.raises(BrokerError, match="cannot load the Kafka TLS files"):
        ssl_context(settings)


def test_aiokafka_gets_a_verifying_ssl_context(tls_files: dict[str, Path]) -> None:
    config = aiokafka_config(sasl_settings("SASL_SSL", **tls_files))
    context = config["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert config["sasl_plain_password"] == "s3cret"


def test_faust_broker_url_joins_servers_with_semicolons() -> None:
    kwargs = faust_broker_kwargs(make_settings(kafka_bootstrap_servers="k1:9092,k2:9092"))
    assert kwargs == {"broker": "kafka://k1:9092;k2:9092", "broker_credentials": None}


def test_faust_sasl_ssl_credentials(tls_files: dict[str, Path]) -> None:
    credentials = faust_broker_kwargs(sasl_settings("SASL_SSL", **tls_files))["broker_credentials"]
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.protocol.value == "SASL_SSL"
    assert credentials.mechanism.value == "SCRAM-SHA-512"
    assert credentials.password == "s3cret"


def test_faust_ssl_credentials_carry_the_client_certificate(tls_files: dict[str, Path]) -> None:
    settings = make_settings(kafka_security_protocol="SSL", **tls_files)
    credentials = faust_broker_kwargs(settings)["broker_credentials"]
    assert isinstance(credentials, faust.SSLCredentials)
    assert credentials.protocol.value == "SSL"
    assert credentials.context.verify_mode == ssl.CERT_REQUIRED
