"""Connection arguments of ``faust.App``, built from :class:`Settings`.

Kept apart from :mod:`services.broker.client_config` so that only the processor imports Faust.
"""

from __future__ import annotations

import faust

from services.broker.client_config import bootstrap_servers, sasl_credentials, ssl_context
from services.settings import Settings


def faust_broker_url(settings: Settings) -> str:
    """Faust's broker URL: ``kafka://host:port;host2:port2``."""
    return "kafka://" + ";".join(bootstrap_servers(settings))


def faust_credentials(settings: Settings) -> faust.SASLCredentials | faust.SSLCredentials | None:
    """Faust's ``broker_credentials``: SASL (over TLS or not), TLS alone, or None."""
    sasl = sasl_credentials(settings)
    context = ssl_context(settings)
    if sasl is not None:
        return faust.SASLCredentials(
            username=sasl.username,
            password=sasl.password,
            mechanism=sasl.mechanism,
            ssl_context=context,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def faust_broker_kwargs(settings: Settings) -> dict[str, object]:
    """``broker`` and ``broker_credentials`` for ``faust.App(...)``."""
    return {
        "broker": faust_broker_url(settings),
        "broker_credentials": faust_credentials(settings),
    }
