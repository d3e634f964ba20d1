"""User-facing errors: each carries a message a person can act on, never a traceback."""

from __future__ import annotations


class CoachError(Exception):
    """Base of every error coach reports to a user."""


class DataFileError(CoachError):
    """A trainer-written file (rubric, persona, case set, settings) is malformed.

    Names the file, the line and the field so the author can go straight to it.
    """

    def __init__(self, path: object, message: str, *, line: int | None = None, field: str | None = None):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        where = self.path + (f":{line}" if line else "")
        what = f"field '{field}' " if field else ""
        super().__init__(f"{where}: {what}{message}")


class DataFileErrors(CoachError):
    """Several problems found in one pass, so an author can fix them all at once."""

    def __init__(self, errors: list[DataFileError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class ConfigError(CoachError):
    """Settings are missing or contradictory."""


class EndpointError(CoachError):
    """The model endpoint could not give a usable answer (after retries).

    `reason` is one plain line (never a traceback): "timed out", "HTTP 429: ...".
    """

    def __init__(self, endpoint: str, reason: str):
        self.endpoint = endpoint
        self.reason = reason
        super().__init__(f"model endpoint {endpoint} failed: {reason}")


class Refusal(CoachError):
    """A request refused for a reason a person can act on. `key` names its words in the i18n
    catalogs: the API and the logs say it in English, the page in the reader's language."""

    def __init__(self, key: str, **params: object):
        from coach.i18n import t

        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def text(self, lang: str) -> str:
        from coach.i18n import t

        return t(self.key, lang, **self.params)
