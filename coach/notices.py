"""Notices: what coach tells a person about how a grade or a turn was made, as typed values.

A notice is a kind plus its parameters, never free text, so code can act on it (say the
endpoint failure once, count fallbacks) without reading sentences, and the page can say
it in the trainee's language. `text()` renders it; the words live in the i18n catalogs.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field, model_validator

from coach.i18n import t


class NoticeKind(str, Enum):
    REPLY_TRUNCATED = "reply_truncated"  # length, limit
    GRADER_FALLBACK = "grader_fallback"  # endpoint, reason: the offline grade stands in for the judge
    CUSTOMER_FALLBACK = "customer_fallback"  # endpoint, reason: the scripted line stands in for the model
    EVIDENCE_DROPPED = "evidence_dropped"  # count: judge quotes not found in the reply
    TURNS_TRIMMED = "turns_trimmed"  # count: older turns left out of a prompt
    INJECTION = "injection"  # quote: the reply addresses the grader; the judge's passes are not trusted
    TURN_DEADLINE = "turn_deadline"  # seconds: the model took too long; offline stand-ins were used
    CUSTOMER_REPLACED = "customer_replaced"  # problem: the model's customer line failed its check
    SPEECH_FALLBACK = "speech_fallback"  # endpoint, reason: the embedded speech engines stood in for the endpoint
    NO_VOICE = "no_voice"  # reason: the customer's line could not be spoken (the text still shows)
    TEXT = "text"  # text: a notice saved as plain text by an older version


class Notice(BaseModel):
    kind: NoticeKind
    params: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        return {"kind": "text", "params": {"text": value}} if isinstance(value, str) else value

    def text(self, lang: str = "en") -> str:
        return t(f"notice.{self.kind.value}", lang, **self.params)

    @property
    def is_fallback(self) -> bool:
        """A model could not be used for this turn and an offline stand-in was used."""
        return self.kind in (NoticeKind.GRADER_FALLBACK, NoticeKind.CUSTOMER_FALLBACK)


def notice(kind: NoticeKind, **params: Any) -> Notice:
    return Notice(kind=kind, params=params)
