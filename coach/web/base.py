"""What every part of the page shares: who is asking, the page's words, and how refusals are shown.

Every handler takes the `gr.Request` Gradio gives it and asks `who(request)`: the user comes
from the login session on the server, never from anything the browser sent. A refusal
(`Refusal`) is shown as a one-line message in the reader's language; anything unexpected is
logged with its traceback and shown as one plain line.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from html import escape
from typing import Any

import gradio as gr

from coach.accounts import User
from coach.errors import CoachError, Refusal
from coach.i18n import catalog, locale_of, t
from coach.languages import LANGUAGES, RTL
from coach.rubric import Rubric
from coach.web.auth import Identity
from coach.web.service import Coach, Forbidden
from coach.web.views import Engine

log = logging.getLogger("coach.web")

# An event that follows typing (a hint, a persona check): only the latest keystroke's text counts, with no
# spinner, and off Gradio's queue. The page's client keeps one event stream open while queued events
# are pending; when a queued typing event finished just as a click's event was joining, the server
# closed that stream and the click's result was never delivered (its button spun for ever).
TYPING_EVENT: dict[str, Any] = {"trigger_mode": "always_last", "show_progress": "hidden", "queue": False,
                                "api_visibility": "private"}


def page_i18n() -> gr.I18n:
    """Gradio's own translation support for the page's fixed labels (by the browser's language)."""
    return gr.I18n(**{lang: catalog(lang) for lang in LANGUAGES if catalog(lang)})


class Context:
    """The service, the identity check and the words, handed to each tab."""

    def __init__(self, service: Coach, identity: Identity, engine: Engine):
        self.service = service
        self.identity = identity
        self.engine = engine
        self.i18n = page_i18n()

    @property
    def rubric(self) -> Rubric:
        return self.service.rubric

    @property
    def local(self) -> bool:
        return self.identity.local

    def label(self, key: str) -> Any:
        return self.i18n(key)

    def who(self, request: gr.Request | None) -> User:
        user = self.identity.user(getattr(request, "username", None)) if request is not None else None
        if user is None:
            raise Refusal("error.sign_in")
        return user


def ui_language(request: gr.Request | None, chosen: str | None = None) -> str:
    """The reader's language: their choice on the page, else their browser's."""
    if chosen in LANGUAGES:
        return str(chosen)
    headers = getattr(request, "headers", None) or {}
    return locale_of(headers.get("accept-language"))


def _message(exc: Exception, ui: str, escaped: bool = True) -> str:
    """The one line shown (Gradio renders it as HTML, so it is escaped: it may quote input);
    for API callers (`escaped=False`) the plain line, on one line."""
    if isinstance(exc, Refusal):
        line = exc.text(ui)
    elif isinstance(exc, CoachError):
        line = str(exc)
    else:
        log.exception("unexpected error in a page handler")
        line = t("error.unexpected", ui)
    line = " ".join(line.split())
    return escape(line, quote=False) if escaped else line


def error_line(line: str, ui: str = "en") -> str:
    """A refusal shown where the form is, as one plain line (text, escaped)."""
    d = "rtl" if ui in RTL else "ltr"
    return f"<div class='coach-error' role='alert' dir='{d}'>{escape(line, quote=False)}</div>"


def refused_in(status: str) -> Callable[[Callable], Callable]:
    """Wrap a form's handler (returning a dict of updates) so a refusal becomes one line in the
    form's own status box, `self.c[status]`, and nothing else on the page changes: no toast, and
    no error marks left on the form's other boxes. What the caller's role forbids stays an error."""

    def wrap(fn: Callable) -> Callable:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        async def handler(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await fn(self, *args, **kwargs)
            except Forbidden:
                raise  # not a mistake in the form: the caller may not do this at all
            except Refusal as exc:
                bound = signature.bind_partial(self, *args, **kwargs)
                ui = str(bound.arguments.get("ui") or "en")
                return {self.c[status]: error_line(exc.text(ui), ui)}
        return shown(handler)
    return wrap


def api_call(fn: Callable) -> Callable:
    """`shown` for an API route: the refusal is one plain line, not HTML-escaped (a script reads
    it as text; no page renders it)."""
    return shown(fn, escaped=False)


def shown(fn: Callable, escaped: bool = True) -> Callable:
    """Wrap a handler so a refusal or failure becomes one line on the page (gr.Error) in the
    reader's language (the handler's `ui` argument), never a traceback."""
    signature = inspect.signature(fn)

    def ui_of(args: tuple, kwargs: dict) -> str:
        try:
            bound = signature.bind_partial(*args, **kwargs)
        except TypeError:
            return "en"
        return str(bound.arguments.get("ui") or "en")

    if inspect.isasyncgenfunction(fn):
        @functools.wraps(fn)
        async def agen(*args, **kwargs):
            try:
                async for item in fn(*args, **kwargs):
                    yield item
            except gr.Error:
                raise
            except Exception as exc:
                raise gr.Error(_message(exc, ui_of(args, kwargs), escaped), print_exception=False) from None
        return agen

    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def coro(*args, **kwargs):
            try:
                return await fn(*args, **kwargs)
            except gr.Error:
                raise
            except Exception as exc:
                raise gr.Error(_message(exc, ui_of(args, kwargs), escaped), print_exception=False) from None
        return coro

    @functools.wraps(fn)
    def plain(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as exc:
            raise gr.Error(_message(exc, ui_of(args, kwargs), escaped), print_exception=False) from None
    return plain
