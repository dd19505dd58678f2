"""Our exception tree; every message is something a user can act on."""


class WhosaidError(Exception):
    """Base class for errors the CLI and bot report without a traceback."""


class IngestError(WhosaidError):
    """A source could not be turned into an article (bad file, bad line, unreachable URL)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class StoreMismatchError(WhosaidError):
    """The store on disk was built with another embedding model."""


class NotCoveredError(WhosaidError):
    """The coverage holds nothing that answers the question."""


class WriterBusyError(WhosaidError):
    """Another process holds the data dir's writer lease."""


class StoreInconsistentError(WhosaidError):
    """The catalogue and Chroma disagree (an empty or foreign Chroma behind a full catalogue)."""
