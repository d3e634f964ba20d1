"""The Users tab (admins only): add people, change roles and forms of address, reset passwords,
remove accounts."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from coach.accounts import Role
from coach.errors import Refusal
from coach.i18n import t
from coach.languages import Address
from coach.textclean import clean_text
from coach.web import views
from coach.web.base import Context, shown


def address_choices(ctx: Context) -> list[tuple]:
    """The forms of address, labelled in the reader's language."""
    return [(ctx.label(f"address.{a.value}"), a.value) for a in Address]


class UsersTab:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.c: dict[str, Any] = {}

    def build(self) -> None:
        ctx, c = self.ctx, self.c
        roles = [(ctx.label(f"role.{r.value}"), r.value) for r in Role]
        c["table"] = gr.Dataframe(interactive=False, elem_id="coach-users", visible=False)  # shown once filled
        c["message"] = gr.HTML(elem_id="coach-users-message")
        with gr.Row():
            c["name"] = gr.Textbox(label=ctx.label("users.name"), elem_id="coach-user-name")
            c["role"] = gr.Dropdown(roles, value="trainee", label=ctx.label("users.role"), elem_id="coach-user-role")
            c["password"] = gr.Textbox(label=ctx.label("users.password"), type="password", elem_id="coach-user-password")
            c["address"] = gr.Dropdown(address_choices(ctx), value="neutral", label=ctx.label("users.address"),
                                       elem_id="coach-user-address")
        with gr.Row():
            c["add"] = gr.Button(ctx.label("users.add"), variant="primary", elem_id="coach-user-add")
            c["set_role"] = gr.Button(ctx.label("users.set_role"), elem_id="coach-user-set-role")
            c["set_password"] = gr.Button(ctx.label("users.set_password"), elem_id="coach-user-set-password")
            c["set_address"] = gr.Button(ctx.label("users.set_address"), elem_id="coach-user-set-address")
            c["remove"] = gr.Button(ctx.label("users.remove"), variant="stop", elem_id="coach-user-remove")
        # removing someone is asked about first, by name
        with gr.Group(visible=False, elem_id="coach-user-confirm") as c["confirm"]:
            c["confirm_text"] = gr.HTML()
            c["confirm_name"] = gr.State("")
            with gr.Row():
                c["confirm_yes"] = gr.Button(ctx.label("users.confirm_yes"), variant="stop", elem_id="coach-user-confirm-yes")
                c["confirm_no"] = gr.Button(ctx.label("users.confirm_no"), elem_id="coach-user-confirm-no")

    def wire(self, ui: gr.State, tab: gr.Tab) -> None:
        c = self.c
        out = [c["table"], c["message"], c["password"]]
        tab.select(self.on_list, [ui], out, api_visibility="private")
        c["add"].click(self.on_add, [c["name"], c["role"], c["password"], ui], out, api_visibility="private")
        c["set_role"].click(self.on_set_role, [c["name"], c["role"], ui], out, api_visibility="private")
        c["set_password"].click(self.on_set_password, [c["name"], c["password"], ui], out, api_visibility="private")
        c["set_address"].click(self.on_set_address, [c["name"], c["address"], ui], out, api_visibility="private")
        c["remove"].click(self.on_ask_remove, [c["name"], ui], [c["confirm"], c["confirm_text"], c["confirm_name"],
                                                                c["message"]], api_visibility="private")
        c["confirm_yes"].click(self.on_remove, [c["confirm_name"], ui], [*out, c["confirm"]], api_visibility="private")
        c["confirm_no"].click(lambda: (gr.update(visible=False), ""), None, [c["confirm"], c["confirm_name"]],
                              api_visibility="private")

    async def _listing(self, request: gr.Request, ui: str, done: str = "") -> tuple:
        users = await self.ctx.service.users(self.ctx.who(request))
        frame = pd.DataFrame([[u.name, t(f"role.{u.role.value}", ui), t(f"address.{u.address.value}", ui),
                               u.created_at[:16].replace("T", " ")] for u in users],
                             columns=[t("users.name", ui), t("users.role", ui), t("users.address", ui),
                                      t("users.created", ui)])
        message = views.notice(done, ui, "coach-users-done") if done else ""
        return gr.update(value=frame, visible=True), message, ""  # the password box is emptied after every action

    @shown
    async def on_list(self, ui: str, request: gr.Request):
        return await self._listing(request, ui)

    @shown
    async def on_add(self, name: str, role: str, password: str, ui: str, request: gr.Request):
        user = await self.ctx.service.add_user(self.ctx.who(request), name, role, password)
        return await self._listing(request, ui, t("users.added", ui, name=user.name, role=t(f"role.{user.role.value}", ui)))

    @shown
    async def on_set_role(self, name: str, role: str, ui: str, request: gr.Request):
        await self.ctx.service.set_role(self.ctx.who(request), name, role)
        return await self._listing(request, ui, t("users.role_set", ui, name=name, role=t(f"role.{role}", ui)))

    @shown
    async def on_set_password(self, name: str, password: str, ui: str, request: gr.Request):
        await self.ctx.service.set_password(self.ctx.who(request), name, password)
        return await self._listing(request, ui, t("users.password_set", ui, name=name))

    @shown
    async def on_set_address(self, name: str, address: str, ui: str, request: gr.Request):
        user = await self.ctx.service.set_address(self.ctx.who(request), name, address)
        return await self._listing(request, ui, t("users.address_set", ui, name=user.name,
                                                  form=t(f"address.{user.address.value}", ui)))

    @shown
    async def on_ask_remove(self, name: str, ui: str, request: gr.Request):
        """Ask before removing: the account (not its conversations) goes for good."""
        user = self.ctx.who(request)
        wanted = clean_text(name or "").strip()
        found = next((u for u in await self.ctx.service.users(user) if u.name.casefold() == wanted.casefold()), None)
        if found is None:
            raise Refusal("error.no_user", name=wanted[:64])
        if found.id == user.id:
            raise Refusal("error.remove_self")
        line = views.t_html("users.confirm_remove", ui, name=views.text(found.name))
        return (gr.update(visible=True), f"<div class='coach-confirm-line' id='coach-user-confirm-text' dir='{views.direction(ui)}'>{line}</div>",
                found.name, "")

    @shown
    async def on_remove(self, name: str, ui: str, request: gr.Request):
        await self.ctx.service.remove_user(self.ctx.who(request), name)
        return (*await self._listing(request, ui, t("users.removed", ui, name=name)), gr.update(visible=False))
