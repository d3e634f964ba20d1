"""The persona editor (trainers and admins): write or change a persona as YAML, validated as you
type with the same file:line: field messages as `coach persona validate`; save drafts as versions,
run the persona test on them, try one as a trainee, then publish it."""

from __future__ import annotations

from typing import Any

import gradio as gr

from coach.errors import Refusal
from coach.i18n import t
from coach.persona_versions import PersonaVersion
from coach.web import views
from coach.web.base import TYPING_EVENT, error_line, refused_in, shown
from coach.web.practise import Beside
from coach.web.service import require_reviewer


class PersonaEditor(Beside):

    def build(self) -> None:
        ctx, c = self.ctx, self.c
        c["saved"] = gr.State(None)  # (persona id, version) of the last save
        c["base"] = gr.State(None)  # (persona id, version) the text on screen started from: a save names it
        with gr.Row():
            c["from"] = gr.Dropdown([(p.display_name, p.id) for p in ctx.service.personas.values()],
                                    label=ctx.label("editor.start_from"), elem_id="coach-editor-from", scale=3)
            c["load"] = gr.Button(ctx.label("editor.load"), elem_id="coach-editor-load", scale=0)
        c["yaml"] = gr.Code(language="yaml", label=ctx.label("editor.yaml"), lines=18, elem_id="coach-editor-yaml",
                            interactive=True)
        c["problems"] = gr.HTML(elem_id="coach-editor-problems")
        with gr.Row():
            c["save"] = gr.Button(ctx.label("editor.save"), elem_id="coach-editor-save")
            c["test"] = gr.Button(ctx.label("editor.test"), elem_id="coach-editor-test")
            c["preview"] = gr.Button(ctx.label("editor.preview"), elem_id="coach-editor-preview")
            c["publish"] = gr.Button(ctx.label("editor.publish"), variant="primary", elem_id="coach-editor-publish")
        c["status"] = gr.HTML(elem_id="coach-editor-status")
        c["report"] = gr.HTML(elem_id="coach-editor-report")
        c["history"] = gr.HTML(elem_id="coach-editor-history")

    def wire(self, ui: gr.State, tabs: gr.Tabs) -> None:
        c = self.c
        self.tabs = tabs
        c["load"].click(self.on_load, [c["from"], ui], [c["yaml"], c["problems"], c["history"], c["saved"], c["base"]],
                        api_visibility="private")
        c["yaml"].change(self.on_check, [c["yaml"], ui], [c["problems"]], **TYPING_EVENT)
        c["save"].click(self.on_save, [c["yaml"], c["base"], ui],
                        [c["saved"], c["base"], c["status"], c["history"], c["problems"], c["from"]],
                        api_visibility="private")
        c["test"].click(self.on_test, [c["saved"], ui], [c["report"], c["status"]], api_visibility="private")
        c["publish"].click(self.on_publish, [c["saved"], c["yaml"], ui],
                           [c["status"], c["history"], self.practise.c["persona"], c["from"]], api_visibility="private")
        c["preview"].click(self.on_preview, [c["saved"], ui], [*self.practise.view_outputs, tabs, c["status"]],
                           api_visibility="private")

    def _history(self, versions: list[PersonaVersion], ui: str) -> str:
        if not versions:
            return ""
        lines = []
        published = [v for v in versions if v.published_at]
        live = max(published, key=lambda v: v.published_at or "").version if published else None
        for v in versions:
            line = t("editor.version_line", ui, version=v.version, author=v.author, at=v.created_at[:16].replace("T", " "),
                     state=t("editor.live" if v.published_at else "editor.draft", ui))
            if v.changed:
                line += " · " + t("editor.changed", ui, fields=v.changed)
            mark = "▶ " if v.version == live else ""
            lines.append(f"<li data-version='{v.version}' data-live='{str(v.version == live).lower()}'>"
                         f"{mark}{views.escape(line)}</li>")
        return f"<div class='coach-editor-history' dir='{views.direction(ui)}'><b>{views.escape(t('editor.history', ui))}</b><ul>{''.join(lines)}</ul></div>"

    @staticmethod
    def _saved(saved: Any) -> tuple[str, int]:
        if not saved or len(saved) != 2:
            raise Refusal("error.save_first")
        return str(saved[0]), int(saved[1])

    @shown
    async def on_load(self, persona_id: str | None, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        if not persona_id:
            raise Refusal("error.pick_customer")
        text, version = await self.ctx.service.persona_draft(user, persona_id)
        history = await self.ctx.service.persona_history(user, persona_id)
        return text, "", self._history(history, ui), None, [persona_id, version]

    @staticmethod
    def _problems(problems: list[str]) -> str:
        if not problems:
            return ""
        items = "".join(f"<li>{views.escape(p)}</li>" for p in problems)
        return f"<div class='coach-editor-problems'><ul>{items}</ul></div>"

    @shown
    async def on_check(self, text: str, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        if not (text or "").strip():
            return ""
        return self._problems(await self.ctx.service.check_persona(user, text))

    @refused_in("status")
    async def on_save(self, text: str, base: Any, ui: str, request: gr.Request):
        """Save a draft; a persona with problems is not saved, and says so once, beside the problems."""
        user = self.ctx.who(request)
        c = self.c
        problems = await self.ctx.service.check_persona(user, text) if (text or "").strip() else []
        if problems:
            return {c["status"]: error_line(t("editor.not_saved", ui, count=len(problems)), ui),
                    c["problems"]: self._problems(problems)}
        version = await self.ctx.service.save_persona(user, text, base or [None, 0])
        history = await self.ctx.service.persona_history(user, version.persona_id)
        note = t("editor.saved", ui, id=version.persona_id, version=version.version)
        return {c["saved"]: [version.persona_id, version.version], c["base"]: [version.persona_id, version.version],
                c["status"]: views.notice(note, ui),
                c["history"]: self._history(history, ui), c["problems"]: "", c["from"]: await self.choices(user)}

    async def choices(self, user) -> dict:
        """What the editor can open: every persona, drafts of new ones included."""
        return gr.update(choices=await self.ctx.service.editable_personas(user))

    @refused_in("status")
    async def on_test(self, saved: Any, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        require_reviewer(user)
        persona_id, version = self._saved(saved)
        report = await self.ctx.service.rehearse_persona(user, persona_id, version)
        return {self.c["report"]: f"<pre class='coach-editor-report' data-ok='{str(report.ok).lower()}'>"
                                  f"{views.escape(report.text())}</pre>", self.c["status"]: ""}

    @refused_in("status")
    async def on_publish(self, saved: Any, on_screen: str, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        require_reviewer(user)
        persona_id, version = self._saved(saved)
        published = await self.ctx.service.publish_persona(user, persona_id, version, on_screen=on_screen)
        history = await self.ctx.service.persona_history(user, persona_id)
        note = t("editor.published", ui, id=published.persona_id, version=published.version)
        c = self.c
        return {c["status"]: views.notice(note, ui), c["history"]: self._history(history, ui),
                self.practise.c["persona"]: gr.update(choices=self.practise.persona_choices(ui)),
                c["from"]: await self.choices(user)}

    @refused_in("status")
    async def on_preview(self, saved: Any, ui: str, request: gr.Request):
        """Play the saved version as a trainee would, in the Practise tab: a draft's preview says so
        and stays the trainer's own."""
        user = self.ctx.who(request)
        require_reviewer(user)
        persona_id, version = self._saved(saved)
        conversation = await self.ctx.service.start(user, persona_id, "practice", draft=version, language=ui)
        return {**self.practise.view(conversation, ui), self.tabs: gr.Tabs(selected="practise"), self.c["status"]: ""}
