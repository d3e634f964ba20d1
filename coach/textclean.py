"""Text from outside (a browser, an API call) made safe to store and grade, at the boundary.

A browser can send what Python strings can hold but UTF-8 and SQLite cannot: a lone UTF-16
surrogate makes saving fail after the turn was added in memory. NUL and other control
characters have no place in a reply either. A reply has a length limit on the page and the
API (the grader's own 20,000-character rule stays for the command line).
"""

from __future__ import annotations

import re

from coach.errors import Refusal

MAX_REPLY_CHARS = 4000
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab and newline, DEL, and C1 controls
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ReplyTooLong(Refusal):
    """A reply over the page's limit; nothing is saved, the text stays where it was typed."""

    def __init__(self, length: int, limit: int = MAX_REPLY_CHARS):
        super().__init__("error.too_long", length=length, limit=limit)


class EmptyReply(Refusal):
    """Nothing but spaces: there is nothing to grade."""

    def __init__(self) -> None:
        super().__init__("error.empty_reply")


def clean_text(text: object) -> str:
    """Any value as text that UTF-8 can hold: lone surrogates become U+FFFD, control characters
    (but tab and newline) are dropped, line ends become \\n."""
    value = text if isinstance(text, str) else ("" if text is None else str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", value))


def clean_reply(text: object, limit: int = MAX_REPLY_CHARS) -> str:
    """A trainee's reply, cleaned, or an error saying why it cannot be sent."""
    value = text if isinstance(text, str) else ("" if text is None else str(text))
    if len(value) > limit:  # checked before any work on it, so a huge reply costs nothing
        raise ReplyTooLong(len(value), limit)
    value = clean_text(value).strip()
    if not value:
        raise EmptyReply()
    return value
