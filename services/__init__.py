"""dipstream services: the extraction engine, the stream processor, the local broker and the CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dipstream")
except PackageNotFoundError:  # running from a source tree that was not pip-installed
    __version__ = "0.0.0+local"
