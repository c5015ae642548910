"""The extraction engine: from an article to coded diplomatic events (no Kafka here)."""
