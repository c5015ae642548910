"""Where the local broker keeps its jars, data, configuration, logs and pid file.

Jars are shared by every broker under one ``broker_home``; everything else lives in a folder
named after the broker port, so brokers on different ports never touch each other's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.settings import Settings

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy" / "kafka"
POM_FILE = DEPLOY_DIR / "pom.xml"
LOG4J_CONFIG = DEPLOY_DIR / "log4j2.properties"
SERVER_TEMPLATE = DEPLOY_DIR / "server.properties.template"


@dataclass(frozen=True)
class BrokerPaths:
    """The files of one local broker, all absolute."""

    libs: Path
    install_stamp: Path
    install_lock: Path
    instance: Path
    data: Path
    server_properties: Path
    server_log: Path
    console_log: Path
    pid_file: Path

    @classmethod
    def of(cls, settings: Settings) -> BrokerPaths:
        """The paths of the broker that ``settings`` describe (home and port)."""
        home = settings.broker_home.expanduser().resolve()
        instance = home / str(settings.broker_port)
        return cls(
            libs=home / "libs",
            install_stamp=home / "libs" / ".pom.sha256",
            install_lock=home / ".install.lock",
            instance=instance,
            data=instance / "data",
            server_properties=instance / "server.properties",
            server_log=instance / "server.log",
            console_log=instance / "console.log",
            pid_file=instance / "broker.pid",
        )
