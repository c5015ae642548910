"""The one place that turns :class:`Settings` into Kafka client connection arguments.

kafka-python (the CLI, the admin tasks, the tests) takes file paths for TLS; aiokafka (which
Faust drives) takes an :class:`ssl.SSLContext`. Both get the same, checked, settings: a SASL
protocol without credentials, TLS files with a plaintext protocol or a key without its
certificate are refused here with one clear line rather than failing later inside a client.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import NamedTuple

from services.broker.errors import BrokerError
from services.settings import Settings


class SaslCredentials(NamedTuple):
    """What a SASL login needs, the password in clear text."""

    mechanism: str
    username: str
    password: str


def bootstrap_servers(settings: Settings) -> list[str]:
    """The ``host:port`` entries of ``DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS``."""
    servers = [entry.strip() for entry in settings.kafka_bootstrap_servers.split(",")]
    servers = [entry for entry in servers if entry]
    if not servers:
        raise BrokerError("DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS is empty")
    for server in servers:
        host, _, port = server.rpartition(":")
        if not host or not port.isdigit():
            raise BrokerError(
                f"DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS entry {server!r} is not host:port"
            )
    return servers


def kafka_python_config(settings: Settings) -> dict[str, object]:
    """Keyword arguments for kafka-python's producer, consumer and admin client."""
    config: dict[str, object] = {
        "bootstrap_servers": bootstrap_servers(settings),
        "security_protocol": settings.kafka_security_protocol,
    }
    config.update(_sasl_config(settings))
    for name, path in _tls_files(settings).items():
        config[name] = str(path)
    return config


def aiokafka_config(settings: Settings) -> dict[str, object]:
    """Keyword arguments for aiokafka's producer, consumer and admin client."""
    config: dict[str, object] = {
        "bootstrap_servers": bootstrap_servers(settings),
        "security_protocol": settings.kafka_security_protocol,
    }
    config.update(_sasl_config(settings))
    context = ssl_context(settings)
    if context is not None:
        config["ssl_context"] = context
    return config


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context of an SSL or SASL_SSL connection; None for a plaintext one."""
    files = _tls_files(settings)
    if not settings.kafka_security_protocol.endswith("SSL"):
        return None
    cafile = files.get("ssl_cafile")
    try:
        context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
        certfile = files.get("ssl_certfile")
        if certfile is not None:
            keyfile = files.get("ssl_keyfile")
            context.load_cert_chain(str(certfile), str(keyfile) if keyfile else None)
    except ssl.SSLError as error:
        raise BrokerError(f"cannot load the Kafka TLS files: {error}") from error
    return context


def sasl_credentials(settings: Settings) -> SaslCredentials | None:
    """The SASL mechanism, user and clear password; None when the protocol is not SASL."""
    protocol = settings.kafka_security_protocol
    if not protocol.startswith("SASL"):
        if settings.kafka_sasl_mechanism or settings.kafka_sasl_username:
            raise BrokerError(
                f"SASL credentials are set but DIPSTREAM_KAFKA_SECURITY_PROTOCOL is {protocol}: "
                "use SASL_PLAINTEXT or SASL_SSL"
            )
        return None
    # Settings validates this on construction, but model_copy(update=...) skips validators.
    mechanism, username = settings.kafka_sasl_mechanism, settings.kafka_sasl_username
    password = settings.kafka_sasl_password
    if not (mechanism and username and password):
        raise BrokerError(
            f"{protocol} needs DIPSTREAM_KAFKA_SASL_MECHANISM, DIPSTREAM_KAFKA_SASL_USERNAME "
            "and DIPSTREAM_KAFKA_SASL_PASSWORD"
        )
    return SaslCredentials(mechanism, username, password.get_secret_value())


def _sasl_config(settings: Settings) -> dict[str, object]:
    credentials = sasl_credentials(settings)
    if credentials is None:
        return {}
    return {
        "sasl_mechanism": credentials.mechanism,
        "sasl_plain_username": credentials.username,
        "sasl_plain_password": credentials.password,
    }


def _tls_files(settings: Settings) -> dict[str, Path]:
    files = {
        name: path
        for name, path in (
            ("ssl_cafile", settings.kafka_ssl_cafile),
            ("ssl_certfile", settings.kafka_ssl_certfile),
            ("ssl_keyfile", settings.kafka_ssl_keyfile),
        )
        if path is not None
    }
    protocol = settings.kafka_security_protocol
    if files and not protocol.endswith("SSL"):
        raise BrokerError(
            f"TLS files are set but DIPSTREAM_KAFKA_SECURITY_PROTOCOL is {protocol}: "
            "use SSL or SASL_SSL"
        )
    if "ssl_keyfile" in files and "ssl_certfile" not in files:
        raise BrokerError("DIPSTREAM_KAFKA_SSL_KEYFILE is set without DIPSTREAM_KAFKA_SSL_CERTFILE")
    for name, path in files.items():
        if not path.is_file():
            raise BrokerError(f"DIPSTREAM_KAFKA_{name.upper()} {path} is not a file")
    return files
