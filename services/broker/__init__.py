"""Kafka plumbing shared by the CLI, the processor and the tests.

``local`` runs a real single-node Apache Kafka broker from Maven Central jars for development
and integration tests; ``client_config`` and ``faust_config`` turn :class:`Settings` into client
connection arguments; ``topics`` names and creates dipstream's topics.
"""
