"""whosaid: who said what in the news, with verbatim, cited quotes."""

__version__ = "0.1.0"
