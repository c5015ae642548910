"""The ``dipstream`` command line."""
