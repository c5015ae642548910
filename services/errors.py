"""The one error type every command shows to users as a single line.

It lives at the root of ``services`` so that the packages below the CLI (evaluation, processes,
benchmarks) can raise it without importing the CLI, which catches and prints it.
"""


class UserError(Exception):
    """A mistake the user can fix (bad path, bad flag, broker down); printed without traceback."""
