"""The page in the language the reader picks.

Gradio's translation support (`gr.I18n`) labels the page by the browser's language. To follow a
language picked on the page, every fixed word marked with `gr.I18n` is found once after the page
is built, and re-sent in the chosen language as component updates."""

from __future__ import annotations

import json
from typing import Any

import gradio as gr
from gradio.i18n import I18nData

from coach.i18n import t

MARK = "__i18n__"
ATTRIBUTES = ("label", "value", "placeholder", "info", "title", "x_title", "y_title", "color_title")


def key_of(value: Any) -> str | None:
    """The catalog key behind a `gr.I18n` marker (an object, or the string Gradio turns it into)."""
    if isinstance(value, I18nData):
        return value.key
    if isinstance(value, str) and value.startswith(MARK):
        try:
            return str(json.loads(value[len(MARK):])["key"])
        except (ValueError, KeyError, TypeError):
            return None
    return None


class Relabeller:
    def __init__(self, blocks: gr.Blocks):
        self.marked: list[tuple[Any, dict[str, str], list[tuple[str, Any]] | None]] = []
        for block in blocks.blocks.values():
            keys = {attr: key for attr in ATTRIBUTES if (key := key_of(getattr(block, attr, None)))}
            choices = getattr(block, "choices", None)
            labelled = None
            if choices and any(isinstance(ch, tuple) and key_of(ch[0]) for ch in choices):
                labelled = [(key_of(label) or label, value) for label, value in choices]
            if keys or labelled:
                self.marked.append((block, keys, labelled))

    @property
    def components(self) -> list:
        return [block for block, _, _ in self.marked]

    def updates(self, ui: str) -> dict:
        out = {}
        for block, keys, labelled in self.marked:
            change: dict[str, Any] = {attr: t(key, ui) for attr, key in keys.items()}
            if labelled:
                change["choices"] = [(t(label, ui), value) for label, value in labelled]
            out[block] = gr.update(**change)
        return out


def merged(*parts: dict) -> dict:
    """Several handlers' updates for the same components, later ones adding to earlier ones."""
    out: dict = {}
    for part in parts:
        for component, update in part.items():
            before = out.get(component)
            out[component] = {**before, **update} if isinstance(before, dict) and isinstance(update, dict) else update
    return out
