"""The error raised when the local broker or a Kafka connection cannot be set up."""


class BrokerError(Exception):
    """A broker or connection problem the user can fix; its message is one line."""
