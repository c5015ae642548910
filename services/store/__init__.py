"""The event store (DuckDB), the sink that fills it from the topics, and the exports."""
