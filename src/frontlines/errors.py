"""Errors that reach users: each names what failed and what to do next."""


class FrontlinesError(Exception):
    """Base class for every error frontlines raises on purpose."""


class InputError(FrontlinesError):
    """A document could not be read or is not an article; ``source`` names it."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(FrontlinesError):
    """Bad settings or a data file that does not parse."""


class GazetteerError(FrontlinesError):
    """The gazetteer cache is missing, stale or a GeoNames file is malformed."""


class StoreError(FrontlinesError):
    """The database cannot be opened, migrated or written."""
