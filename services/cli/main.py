"""Entry point of ``dipstream``: parses the command line and runs one subcommand.

Each subcommand lives in ``services/cli/commands/<name>.py`` and registers itself with a
``register(subparsers)`` function that sets ``handler`` on its parser; every module in that
package is loaded, so adding a command means adding a file. When the command line names one,
only that module is loaded: a worker then never imports what other commands need (DuckDB,
Arrow, the benchmarks), which would stay in its memory for nothing. A handler returns the
process exit code. A :class:`UserError`, a settings error or an interrupt becomes one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError
from pydantic_settings import SettingsError

from services import __version__
from services.cli import commands
from services.errors import UserError

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse's returns NoReturn
        self.exit(2, f"dipstream: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every available subcommand registered, or only ``command`` when it
    names one."""
    parser = _Parser(prog="dipstream", description="Diplomatic events from news, on Kafka.")
    parser.add_argument("--version", action="version", version=f"dipstream {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    for name in [command] if command in names else names:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dipstream`` and return its exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The top-level options take no value: the first word that is not one names the command.
    command = next((word for word in arguments if not word.startswith("-")), None)
    args = build_parser(command).parse_args(arguments)
    handler: Handler = args.handler
    try:
        return handler(args)
    except UserError as error:
        print(f"dipstream: error: {error}", file=sys.stderr)
        return 1
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "input"
        print(f"dipstream: error: invalid {where}: {first['msg']}", file=sys.stderr)
        return 1
    except SettingsError as error:
        # A DIPSTREAM_* variable that does not parse, such as a list that is not JSON.
        print(f"dipstream: error: {error} (lists are JSON, e.g. '[\"a\"]')", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dipstream: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        return 0


if __name__ == "__main__":
    sys.exit(main())
