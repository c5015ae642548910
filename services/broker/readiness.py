"""Whether a Kafka broker answers: a metadata request, not just an open port."""

from __future__ import annotations

import socket

from kafka import KafkaAdminClient
from kafka.errors import KafkaError


def port_accepts(host: str, port: int, timeout_s: float = 0.5) -> bool:
    """True when something accepts TCP connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host:port``, so a broker may bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Like the JVM, ignore connections of a stopped broker still in TIME_WAIT.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def answers_metadata(host: str, port: int, timeout_ms: int = 2000) -> bool:
    """True when a broker at ``host:port`` answers a cluster metadata request."""
    if not port_accepts(host, port):
        return False
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=f"{host}:{port}",
            request_timeout_ms=timeout_ms,
            bootstrap_timeout_ms=timeout_ms,
            client_id="dipstream-readiness",
        )
    except KafkaError:
        return False
    try:
        description = admin.describe_cluster()
    except KafkaError:
        return False
    finally:
        admin.close()
    return bool(description.get("brokers"))
