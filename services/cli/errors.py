"""The one error type the CLI shows to users as a single line."""


class UserError(Exception):
    """A mistake the user can fix (bad path, bad flag, broker down); printed without traceback."""
