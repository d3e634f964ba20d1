"""My sessions and the trainer's view: lists of conversations and their transcripts.

A trainee's list holds only their own conversations; the trainer's view (trainers and admins)
holds everyone's. Transcripts are rendered as escaped HTML, never Markdown, so nothing a
trainee typed can pass for a grade, a mood or the customer.
"""

from __future__ import annotations

import re
from datetime import date

import gradio as gr
import pandas as pd

from coach.errors import Refusal
from coach.explaining import explain
from coach.grades import CriterionGrade, Verdict
from coach.i18n import t
from coach.languages import LANGUAGES
from coach.practice import Conversation
from coach.store import Summary
from coach.web import views
from coach.web.base import Context, refused_in, shown
from coach.web.editor import PersonaEditor
from coach.web.practise import Beside, PractiseTab
from coach.web.service import require_reviewer

COLUMNS = ("started", "customer", "language", "mode", "outcome", "turns", "score")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def table(summaries: list[Summary], ui: str, owners: dict[str, str] | None = None) -> pd.DataFrame:
    headers = [t(f"sessions.col.{k}", ui) for k in COLUMNS] + ([t("sessions.col.trainee", ui)] if owners else [])
    rows = []
    for s in summaries:
        row = [s.started_at[:16].replace("T", " "),
               f"{s.persona_name} ({s.customer_name})" + (f" · {t('preview.marker', ui)}" if s.preview else ""),
               LANGUAGES.get(s.language, s.language), t(f"mode.{s.mode}", ui),
               t(f"end.{s.outcome}", ui) if s.outcome else t("end.in_progress", ui), s.turns,
               f"{s.score:.0%}" if s.score is not None else "–"]
        if owners is not None:
            row.append(owners.get(s.owner or "", t("sessions.removed_user", ui)))
        rows.append(row)
    return pd.DataFrame(rows, columns=headers)


def choice_label(s: Summary, owners: dict[str, str] | None = None, ui: str = "en") -> str:
    who = f" · {owners.get(s.owner or '', '?')}" if owners else ""
    draft = f" · {t('preview.marker', ui)}" if s.preview else ""
    return f"{s.started_at[:16].replace('T', ' ')} · {s.persona_name}{draft}{who}"


def parse_day(value: str | None, ui: str, which: str) -> str | None:
    """A YYYY-MM-DD filter, checked: a date that does not exist is said so, not ignored."""
    text = (value or "").strip()
    if not text:
        return None
    if not _DATE.match(text):
        raise Refusal("error.bad_date", value=text[:40], field=t(which, ui))
    try:
        date.fromisoformat(text)
    except ValueError:
        raise Refusal("error.bad_date", value=text, field=t(which, ui)) from None
    return text


def graded(g: CriterionGrade) -> Verdict:
    """What the grader said, whatever a trainer made of it since."""
    return g.review.original if g.review else g.verdict


class SessionsTab(Beside):
    """My sessions: the caller's own conversations; continue one, or read it."""

    def build(self) -> None:
        ctx, c = self.ctx, self.c
        c["refresh"] = gr.Button(ctx.label("sessions.refresh"), elem_id="coach-mine-refresh")
        c["message"] = gr.HTML(elem_id="coach-mine-message")
        c["table"] = gr.Dataframe(interactive=False, elem_id="coach-mine", visible=False)  # shown once filled
        with gr.Row():
            c["pick"] = gr.Dropdown([], label=ctx.label("sessions.open"), elem_id="coach-mine-pick")
            c["resume"] = gr.Button(ctx.label("sessions.continue"), elem_id="coach-resume")
        c["view"] = gr.HTML(elem_id="coach-mine-view")

    def wire(self, ui: gr.State, tabs: gr.Tabs, tab: gr.Tab) -> None:
        c = self.c
        self.tabs = tabs
        for trigger in (c["refresh"].click, tab.select):
            trigger(self.on_list, [ui], [c["table"], c["pick"], c["message"]], api_visibility="private")
        c["pick"].change(self.on_open, [c["pick"], ui], [c["view"]], api_visibility="private")
        c["resume"].click(self.on_resume, [c["pick"], ui], [*self.practise.view_outputs, tabs],
                          api_visibility="private")

    @shown
    async def on_list(self, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        summaries = await self.ctx.service.my_sessions(user)
        return (gr.update(value=table(summaries, ui), visible=bool(summaries)),
                gr.update(choices=[(choice_label(s, ui=ui), s.id) for s in summaries], value=None),
                "" if summaries else views.notice(t("sessions.none", ui), ui, "coach-mine-none"))

    @shown
    async def on_open(self, conversation_id: str | None, ui: str, request: gr.Request):
        if not conversation_id:
            return ""
        user = self.ctx.who(request)
        conversation = await self.ctx.service.conversation(user, conversation_id)
        if conversation.owner != user.id:  # My sessions shows one's own, whatever the role
            raise Refusal("error.not_yours")
        return views.transcript_html(conversation, self.ctx.rubric, ui)

    @shown
    async def on_resume(self, conversation_id: str | None, ui: str, request: gr.Request):
        if not conversation_id:
            raise Refusal("error.pick_session")
        user = self.ctx.who(request)
        conversation = await self.ctx.service.conversation(user, conversation_id, write=True)
        out = self.practise.view(conversation, ui)
        if conversation.finished:
            out.update(await self.practise.downloads(user, conversation, ui))
        return {**out, self.tabs: gr.Tabs(selected="practise")}


class TrainerTab(Beside):
    """Every conversation, filtered, and any transcript with its grades (trainers and admins)."""

    def __init__(self, ctx: Context, practise: PractiseTab):
        super().__init__(ctx, practise)
        self.editor = PersonaEditor(ctx, practise)

    def build(self) -> None:
        ctx, c = self.ctx, self.c
        with gr.Row():
            c["persona"] = gr.Dropdown([(t("trainer.all_customers", "en"), "")] + self.practise.persona_choices("en"),
                                       value="", label=ctx.label("practise.customer"), elem_id="coach-t-persona")
            c["since"] = gr.Textbox(label=ctx.label("trainer.since"), elem_id="coach-t-since")
            c["until"] = gr.Textbox(label=ctx.label("trainer.until"), elem_id="coach-t-until")
            c["score"] = gr.Number(label=ctx.label("trainer.min_score"), value=None, elem_id="coach-t-score")
            c["go"] = gr.Button(ctx.label("trainer.show"), elem_id="coach-trainer-go")
        c["message"] = gr.HTML(elem_id="coach-trainer-message")
        c["table"] = gr.Dataframe(interactive=False, elem_id="coach-trainer", visible=False)
        c["pick"] = gr.Dropdown([], label=ctx.label("trainer.open"), elem_id="coach-trainer-pick")
        with gr.Group(visible=False, elem_id="coach-review") as c["review_box"]:
            gr.Markdown(ctx.label("trainer.review_title"))
            with gr.Row():
                c["r_turn"] = gr.Dropdown([], label=ctx.label("trainer.review_turn"), elem_id="coach-review-turn")
                c["r_criterion"] = gr.Dropdown([(cr.name, cr.id) for cr in ctx.rubric.criteria],
                                               label=ctx.label("trainer.review_criterion"),
                                               elem_id="coach-review-criterion")
                c["r_verdict"] = gr.Radio([(ctx.label("verdict.pass"), "pass"), (ctx.label("verdict.fail"), "fail"),
                                           (ctx.label("verdict.na"), "n/a")], label=ctx.label("trainer.review_verdict"),
                                          elem_id="coach-review-verdict")
            c["r_grader"] = gr.HTML(elem_id="coach-review-grader")
            c["r_comment"] = gr.Textbox(label=ctx.label("trainer.review_comment"), elem_id="coach-review-comment")
            c["r_save"] = gr.Button(ctx.label("trainer.review_save"), elem_id="coach-review-save")
            c["r_status"] = gr.HTML(elem_id="coach-review-status")
        c["view"] = gr.HTML(elem_id="coach-trainer-view")
        with gr.Accordion(ctx.label("trainer.assign_title"), open=False, elem_id="coach-assignments"):
            with gr.Row():
                c["team_name"] = gr.Textbox(label=ctx.label("trainer.team_name"), elem_id="coach-team-name", scale=1)
                c["team_members"] = gr.Dropdown([], multiselect=True, label=ctx.label("trainer.team_members"),
                                                elem_id="coach-team-members", scale=2)
                c["team_save"] = gr.Button(ctx.label("trainer.team_save"), elem_id="coach-team-save", scale=0)
            with gr.Row():
                c["a_persona"] = gr.Dropdown(self.practise.persona_choices("en"), label=ctx.label("practise.customer"),
                                             elem_id="coach-assign-persona", scale=2)
                c["a_mode"] = gr.Radio([(ctx.label("mode.practice"), "practice"), (ctx.label("mode.exam"), "exam")],
                                       value="practice", label=ctx.label("practise.mode"), elem_id="coach-assign-mode")
                c["a_due"] = gr.Textbox(label=ctx.label("trainer.assign_due"), elem_id="coach-assign-due")
                c["a_to"] = gr.Dropdown([], label=ctx.label("trainer.assign_to"), elem_id="coach-assign-to")
                c["a_go"] = gr.Button(ctx.label("trainer.assign_go"), elem_id="coach-assign-go", scale=0)
            c["a_status"] = gr.HTML(elem_id="coach-assign-status")
            c["teams_list"] = gr.HTML(elem_id="coach-teams")
            c["a_table"] = gr.Dataframe(interactive=False, elem_id="coach-assign-table", visible=False)
        with gr.Accordion(ctx.label("trainer.progress_title"), open=False, elem_id="coach-progress"):
            with gr.Row():
                c["p_team"] = gr.Dropdown([(ctx.label("trainer.all_teams"), "")], value="",
                                          label=ctx.label("trainer.progress_team"), elem_id="coach-progress-team")
                c["p_persona"] = gr.Dropdown([(t("trainer.all_customers", "en"), "")] + self.practise.persona_choices("en"),
                                             value="", label=ctx.label("practise.customer"),
                                             elem_id="coach-progress-persona")
                c["p_since"] = gr.Textbox(label=ctx.label("trainer.since"), elem_id="coach-progress-since")
                c["p_until"] = gr.Textbox(label=ctx.label("trainer.until"), elem_id="coach-progress-until")
                c["p_go"] = gr.Button(ctx.label("trainer.progress_show"), elem_id="coach-progress-go", scale=0)
            c["p_message"] = gr.HTML(elem_id="coach-progress-message")
            # points, not lines: a first week of practice is one point per trainee, which a line would not show
            c["p_chart"] = gr.ScatterPlot(x="week", y="rate", color="trainee", y_lim=[0, 100],
                                          x_title=ctx.label("progress.col_week"), y_title=ctx.label("progress.col_rate"),
                                          color_title=ctx.label("progress.col_trainee"),
                                       title=ctx.label("trainer.progress_chart"), height=240, elem_id="coach-progress-chart")
            c["p_table"] = gr.Dataframe(interactive=False, elem_id="coach-progress-table", visible=False)
            c["p_latest_title"] = gr.Markdown(ctx.label("trainer.progress_latest"), visible=False)
            c["p_latest"] = gr.Dataframe(interactive=False, elem_id="coach-progress-latest", visible=False)
            c["p_csv"] = gr.DownloadButton(ctx.label("trainer.progress_csv"), visible=False, elem_id="coach-progress-csv")
        with gr.Accordion(ctx.label("editor.title"), open=False, elem_id="coach-editor"):
            self.editor.build()
        gr.Markdown(ctx.label("trainer.agreement_title"))
        c["agreement"] = gr.HTML(elem_id="coach-agreement")
        c["agreement_go"] = gr.Button(ctx.label("trainer.agreement_refresh"), elem_id="coach-agreement-go", size="sm")

    def wire(self, ui: gr.State, tab: gr.Tab, tabs: gr.Tabs) -> None:
        c = self.c
        self.editor.wire(ui, tabs)
        assign_outputs = [c["team_members"], c["a_to"], c["a_table"], c["agreement"], c["p_team"], c["teams_list"],
                          c["a_persona"], c["p_persona"], self.editor.c["from"]]
        c["p_go"].click(self.on_progress, [c["p_team"], c["p_persona"], c["p_since"], c["p_until"], ui],
                        [c["p_chart"], c["p_table"], c["p_latest"], c["p_csv"], c["p_message"], c["p_latest_title"]],
                        api_visibility="private")
        tab.select(self.on_workspace, [ui], assign_outputs, api_visibility="private")
        c["team_save"].click(self.on_team, [c["team_name"], c["team_members"], ui], [c["a_status"], *assign_outputs],
                             api_visibility="private")
        c["a_go"].click(self.on_assign, [c["a_persona"], c["a_mode"], c["a_due"], c["a_to"], ui],
                        [c["a_status"], *assign_outputs], api_visibility="private")
        c["go"].click(self.on_list, [c["persona"], c["since"], c["until"], c["score"], ui],
                      [c["table"], c["pick"], c["message"]], api_visibility="private")
        form = [c["r_turn"], c["r_criterion"], c["r_verdict"], c["r_grader"]]
        c["pick"].change(self.on_open, [c["pick"], ui], [c["view"], c["review_box"], c["r_status"], *form],
                         api_visibility="private")
        c["r_turn"].input(self.on_review_turn, [c["pick"], c["r_turn"], ui], form, api_visibility="private")
        c["r_criterion"].input(self.on_review_criterion, [c["pick"], c["r_turn"], c["r_criterion"], ui], form,
                               api_visibility="private")
        c["r_save"].click(self.on_review, [c["pick"], c["r_turn"], c["r_criterion"], c["r_verdict"], c["r_comment"], ui],
                          [c["view"], c["r_status"], c["r_comment"], c["agreement"], *form], api_visibility="private")
        c["agreement_go"].click(self.on_agreement, [ui], [c["agreement"]], api_visibility="private")

    @shown
    async def on_list(self, persona_id: str | None, since: str, until: str, min_score: float | None, ui: str,
                      request: gr.Request):
        user = self.ctx.who(request)
        first, last = parse_day(since, ui, "trainer.since"), parse_day(until, ui, "trainer.until")
        if min_score is not None and not 0 <= min_score <= 100:
            raise Refusal("error.bad_score")
        summaries = await self.ctx.service.all_sessions(
            user, persona_id=persona_id or None, since=first, until=last,
            min_score=(min_score / 100) if min_score else None)
        owners = self.ctx.service.user_names()
        message = "" if summaries else views.notice(t("trainer.none", ui), ui)
        return (gr.update(value=table(summaries, ui, owners), visible=bool(summaries)),
                gr.update(choices=[(choice_label(s, owners, ui), s.id) for s in summaries], value=None), message)

    def _transcript(self, conversation, ui: str) -> str:
        owners = self.ctx.service.user_names()
        return views.transcript_html(conversation, self.ctx.rubric, ui, owners.get(conversation.owner or "", "?"))

    @shown
    async def on_open(self, conversation_id: str | None, ui: str, request: gr.Request):
        c = self.c
        if not conversation_id:
            return {c["view"]: "", c["review_box"]: gr.update(visible=False), c["r_status"]: ""}
        user = self.ctx.who(request)
        require_reviewer(user)
        conversation = await self.ctx.service.conversation(user, conversation_id)
        return {c["view"]: self._transcript(conversation, ui), c["review_box"]: gr.update(visible=bool(conversation.turns)),
                c["r_status"]: "", **self._review_form(conversation, ui)}

    def _review_form(self, conversation: Conversation, ui: str, turn: int | None = None,
                     criterion: str | None = None) -> dict:
        """The review form set to something worth reviewing: the turn (the first with a fail, else the
        last), its criteria each with the grader's verdict, the criterion (its first fail, else the
        first judged one), the grader's verdict preselected and what the grader said."""
        c, rubric = self.c, self.ctx.rubric
        turns = conversation.turns
        if not turns:
            return {c["r_turn"]: gr.update(choices=[], value=None), c["r_criterion"]: gr.update(value=None),
                    c["r_verdict"]: gr.update(value=None), c["r_grader"]: ""}
        if turn is None or not 0 <= turn < len(turns):
            turn = next((tr.index for tr in turns if any(g.verdict is Verdict.FAIL for g in tr.grade.criteria)),
                        turns[-1].index)
        grade = turns[turn].grade
        said = {g.criterion: g for g in grade.criteria}
        if criterion not in said:
            criterion = next((g.criterion for g in grade.criteria if g.verdict is Verdict.FAIL), None) or next(
                (g.criterion for g in grade.criteria if g.verdict is not Verdict.NA), grade.criteria[0].criterion)
        g = said[criterion]
        original = graded(g)
        choices = [(t("trainer.review_choice", ui, criterion=cr.name_in(ui), verdict=views.verdict_word(graded(said[cr.id]), ui))
                    if cr.id in said else cr.name_in(ui), cr.id) for cr in rubric.criteria]
        grader = (f"<div class='coach-review-grader' data-verdict='{original.value}' dir='{views.direction(ui)}'>"
                  + views.t_html("review.grader_said", ui, verdict=views.escape(views.verdict_word(original, ui)),
                                 explanation=views.explained(explain(g, ui, rubric))) + "</div>")
        return {c["r_turn"]: gr.update(choices=[(t("score.turn", ui, turn=i + 1), i) for i in range(len(turns))],
                                       value=turn),
                c["r_criterion"]: gr.update(choices=choices, value=criterion),
                c["r_verdict"]: gr.update(value=(g.review.verdict if g.review else g.verdict).value),
                c["r_grader"]: grader}

    @shown
    async def on_review_turn(self, conversation_id: str | None, turn: int | None, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        require_reviewer(user)
        if not conversation_id:
            return {}
        conversation = await self.ctx.service.conversation(user, conversation_id)
        return self._review_form(conversation, ui, None if turn is None else int(turn))

    @shown
    async def on_review_criterion(self, conversation_id: str | None, turn: int | None, criterion: str | None, ui: str,
                                  request: gr.Request):
        user = self.ctx.who(request)
        require_reviewer(user)
        if not conversation_id:
            return {}
        conversation = await self.ctx.service.conversation(user, conversation_id)
        return self._review_form(conversation, ui, None if turn is None else int(turn), criterion)

    @refused_in("r_status")
    async def on_review(self, conversation_id: str | None, turn: int | None, criterion: str | None, verdict: str | None,
                        comment: str, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        require_reviewer(user)
        if not conversation_id:
            raise Refusal("error.pick_session")
        if turn is None or not criterion or not verdict:
            raise Refusal("error.review_incomplete")
        conversation = await self.ctx.service.review(user, conversation_id, int(turn), criterion, verdict, comment)
        saved = t("trainer.review_saved", ui, turn=int(turn) + 1,
                  criterion=views.criterion_name(self.ctx.rubric, criterion, ui),
                  verdict=views.verdict_word(Verdict(verdict), ui))
        agreement = views.agreement_html(await self.ctx.service.agreement(user), self.ctx.rubric, ui)
        c = self.c
        return {c["view"]: self._transcript(conversation, ui), c["r_status"]: views.notice(saved, ui), c["r_comment"]: "",
                c["agreement"]: agreement, **self._review_form(conversation, ui, int(turn), criterion)}

    async def _workspace(self, user, ui: str) -> dict:
        service = self.ctx.service
        everyone = await service.people(user)
        people = [u for u in everyone if u.role.value == "trainee"]
        teams = await service.teams(user)
        targets = [(p.name, f"user:{p.name}") for p in people] + [(t("assign.to_team", ui, name=tm.name), f"team:{tm.name}")
                                                                  for tm in teams]
        names = {u.id: u.name for u in everyone}
        team_names = {tm.id: tm.name for tm in teams}
        rows = []
        for a, done, total in await service.assignment_progress(user):
            persona = service.personas.get(a.persona_id)
            to = names.get(a.user_id or "", "?") if a.user_id else t("assign.to_team", ui, name=team_names.get(a.team_id or "", "?"))
            rows.append([persona.display_name if persona else a.persona_id, t(f"mode.{a.mode}", ui), a.due or "",
                         to, f"{done}/{total}"])
        table_ = pd.DataFrame(rows, columns=[t(f"assign.col_{k}", ui) for k in ("customer", "mode", "due", "to", "done")])
        agreement = views.agreement_html(await service.agreement(user), self.ctx.rubric, ui)
        team_choices = [(t("trainer.all_teams", ui), "")] + [(tm.name, tm.name) for tm in teams]
        members = "".join(f"<li><b>{views.escape(tm.name)}</b>: {views.escape(', '.join(names.get(m, '?') for m in tm.members))}"
                          "</li>" for tm in teams)
        personas = self.practise.persona_choices(ui)  # a persona published since the page was built included
        c = self.c
        return {c["team_members"]: gr.update(choices=[p.name for p in people]),
                c["a_to"]: gr.update(choices=targets, value=None),
                c["a_table"]: gr.update(value=table_, visible=bool(rows)), c["agreement"]: agreement,
                c["p_team"]: gr.update(choices=team_choices),
                c["teams_list"]: f"<ul class='coach-teams' dir='{views.direction(ui)}'>{members}</ul>" if teams else "",
                c["a_persona"]: gr.update(choices=personas),
                c["p_persona"]: gr.update(choices=[(t("trainer.all_customers", ui), "")] + personas),
                self.editor.c["from"]: await self.editor.choices(user)}

    @shown
    async def on_progress(self, team: str | None, persona_id: str | None, since: str, until: str, ui: str,
                          request: gr.Request):
        user = self.ctx.who(request)
        first, last = parse_day(since, ui, "trainer.since"), parse_day(until, ui, "trainer.until")
        found = await self.ctx.service.progress(user, team=team or None, persona_id=persona_id or None,
                                                since=first, until=last)
        rubric = self.ctx.rubric
        names = {c.id: c.name_in(ui) for c in rubric.criteria}
        chart = pd.DataFrame([{"week": f"{w.week:%Y-%m-%d}", "rate": round(100 * (w.rate or 0)), "trainee": w.trainee}
                              for w in found.weeks], columns=["week", "rate", "trainee"])
        trainees = sorted({r.trainee for r in found.criteria})
        cells = {(r.trainee, r.criterion): r for r in found.criteria}
        pivot = pd.DataFrame(
            [[who] + [views.rate_cell(cells.get((who, c.id)), ui) for c in rubric.criteria] for who in trainees],
            columns=[t("progress.col_trainee", ui)] + [names[c.id] for c in rubric.criteria])
        latest = pd.DataFrame([[a.trainee, a.persona, a.started, t(f"end.{a.outcome}", ui) if a.outcome else
                                t("end.in_progress", ui), "" if a.score is None else f"{a.score:.0%}"] for a in found.latest],
                              columns=[t("progress.col_trainee", ui), t("assign.col_customer", ui),
                                       t("progress.col_started", ui), t("progress.col_outcome", ui),
                                       t("progress.col_score", ui)])
        csv_path = await self.ctx.service.write_export(user, "team-progress.csv", found.csv(names))
        message = "" if found.criteria else views.notice(t("trainer.progress_none", ui), ui)
        return (chart, gr.update(value=pivot, visible=bool(trainees)), gr.update(value=latest, visible=bool(found.latest)),
                gr.update(value=str(csv_path), visible=bool(found.criteria)), message,
                gr.update(visible=bool(found.latest)))

    @shown
    async def on_workspace(self, ui: str, request: gr.Request):
        return await self._workspace(self.ctx.who(request), ui)

    @refused_in("a_status")
    async def on_team(self, name: str, members: list[str] | None, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        team = await self.ctx.service.save_team(user, name, list(members or []))
        note = t("trainer.team_saved", ui, name=team.name, count=len(team.members))
        return {self.c["a_status"]: views.notice(note, ui), **await self._workspace(user, ui)}

    @refused_in("a_status")
    async def on_assign(self, persona_id: str | None, mode: str, due: str, to: str | None, ui: str,
                        request: gr.Request):
        user = self.ctx.who(request)
        require_reviewer(user)
        if not persona_id:
            raise Refusal("error.pick_customer")
        day = parse_day(due, ui, "trainer.assign_due")
        a = await self.ctx.service.assign(user, persona_id, mode, date.fromisoformat(day) if day else None, to or "")
        persona = self.ctx.service.personas.get(a.persona_id)
        target = (to or "").partition(":")[2]
        note = t("trainer.assigned", ui, customer=persona.display_name if persona else a.persona_id,
                 mode=t(f"mode.{a.mode}", ui), to=target if (to or "").startswith("user:") else t("assign.to_team", ui, name=target))
        return {self.c["a_status"]: views.notice(note, ui), **await self._workspace(user, ui)}

    @shown
    async def on_agreement(self, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        return views.agreement_html(await self.ctx.service.agreement(user), self.ctx.rubric, ui)
