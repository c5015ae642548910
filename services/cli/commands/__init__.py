"""One module per ``dipstream`` subcommand; each exposes ``register(subparsers)``."""
