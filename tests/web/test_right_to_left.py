"""Arabic laid out right to left in Chromium: the grade panel, the banners and the scorecard are
checked by where their parts land on screen (bounding boxes), not only by what they contain."""

from __future__ import annotations

from playwright.sync_api import expect

from coach.i18n import t
from coach.rubric import load_rubric
from tests.web.conftest import new_page
from tests.web.ui import open_page, pick_customer, send, start

BOX = "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"
# where the first few characters of an element's text land (the start of the sentence as read)
FIRST_WORDS = """e => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !node.textContent.trim()) node = walker.nextNode();
  const range = document.createRange();
  const at = node.textContent.search(/\\S/);
  range.setStart(node, at); range.setEnd(node, at + 3);
  const r = range.getClientRects()[0];
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
}"""


def box(locator) -> dict:
    return locator.evaluate(BOX)


def direction(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).direction")


def test_the_arabic_grade_panel_banners_and_scorecard_read_right_to_left(server, browser, tmp_path):
    page = new_page(browser, locale="ar")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_page(page, server.url)
        # nothing left in English: heading, language label, engine banner
        expect(page.locator("#coach-title h2")).to_contain_text(t("page.title", "ar"))
        expect(page.locator("#coach-language")).to_contain_text(t("page.language", "ar"))
        engine = page.locator("#coach-engine")
        expect(engine).to_have_text(t("banner.offline", "ar"))
        assert direction(engine) == "rtl"

        # the local-mode banner starts at the right edge, and the command (a later word) sits left of its start
        local = page.locator("#coach-local")
        start_words, command, whole = local.evaluate(FIRST_WORDS), box(local.locator("code")), box(local)
        assert whole["right"] - start_words["right"] < 20
        assert command["right"] < start_words["left"]
        page.screenshot(path=tmp_path / "banner-ar.png")

        pick_customer(page, "The $19 lawsuit")
        start(page, "FAKE")
        send(page, "Calm down. I understand, but that's our policy.")
        panel = page.locator("#coach-grade .coach-grade")
        assert panel.get_attribute("dir") == "rtl" and direction(panel) == "rtl"
        panel.screenshot(path=tmp_path / "grade-ar.png")

        # the verdict badge and the criterion's name: two boxes, the badge first (to the right), apart
        crit = panel.locator(".crit[data-criterion=no_yes_but]")
        badge, name = box(crit.locator(".badge")), box(crit.locator(".name"))
        assert badge["left"] >= name["right"] + 4
        expect(crit.locator(".name")).to_have_text(load_rubric().get("no_yes_but").name_in("ar"))
        expect(crit.locator(".badge")).to_contain_text(t("verdict.fail", "ar"))

        # the English quote inside the Arabic explanation keeps its marks and its place after the Arabic start
        why = crit.locator(".why")
        quote = why.locator("bdi.quote").first
        expect(quote).to_have_text("“I understand, but that's our policy”")
        assert direction(quote) == "ltr"
        first, quoted = why.evaluate(FIRST_WORDS), box(quote)
        assert first["right"] > quoted["right"]  # read from the right: the Arabic start comes first
        assert first["top"] < quoted["bottom"] and (first["left"] >= quoted["right"] - 1 or quoted["top"] > first["top"])

        # lists with the Arabic comma
        expect(panel.locator(".na").first).to_contain_text("، ")
        # the mood bar fills from the right
        track, fill = box(page.locator("#coach-mood .track")), box(page.locator("#coach-mood .fill"))
        assert abs(track["right"] - fill["right"]) < 2 and fill["left"] > track["left"] + 2

        page.click("#coach-end")
        card = page.locator("#coach-scorecard")
        expect(card).to_be_visible()
        assert direction(card) == "rtl"
        heads = card.locator("table th")
        criterion, passed, not_applicable = box(heads.nth(0)), box(heads.nth(1)), box(heads.nth(2))
        assert criterion["left"] > passed["left"] > not_applicable["left"]
        expect(heads.nth(2)).to_have_text(t("verdict.na", "ar"))
        title = card.locator("h3")
        assert box(card)["right"] - title.evaluate(FIRST_WORDS)["right"] < 20
        expect(page.locator("#coach-mood-plot")).to_contain_text(t("practise.mood_axis_turn", "ar"))
        page.locator("#coach-score-box").screenshot(path=tmp_path / "scorecard-ar.png")
        assert all((tmp_path / f).stat().st_size > 5000 for f in ("banner-ar.png", "grade-ar.png", "scorecard-ar.png"))
        assert errors == [], errors  # the browser had nothing to complain about either
    finally:
        page.context.close()
