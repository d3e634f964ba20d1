"""positive_close: on a closing turn, the reply leaves a good last impression.

A closing turn is one where the customer is wrapping up ("that's everything, thanks") or the reply
ends the conversation itself (ending a chat after abuse). A warm close thanks the customer, wishes
them well ("enjoy the rest of your day", "que tenga un excelente día"), offers more help ("if it acts
up again, just reply here") or is glad with them ("so glad they turned up"); "Ok. Bye." is flat.
"""

from __future__ import annotations

import re

from coach.offline.situation import FAIL, NA, PASS, Result, Situation, because, quote, unjudged

# a picture in the reply ("Drošus braucienus 🛴💨", "استمتع بالطلعة الجديدة 👟"), not a tick, a thumbs-up or a
# face that may be cool ("Ok 🙂")
_PICTURE = re.compile("(?![\U0001F44D\U0001F44C\u2705\u2714\u2611\U0001F610-\U0001F612\U0001F642-\U0001F644])"
                      "[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def ends_conversation(s: Situation) -> bool:
    """The reply ends the call or chat now, not "if it goes on, I'll have to end the call" nor "I'll text
    you the reference before we finish this call"."""
    norm, lex = s.reply.low, s.lex
    for m in lex.end_conversation.finditer(norm):
        start = s.reply.sentence_at(m.start())[0]
        if not (lex.conditional.search(norm, max(start, m.start() - 60), m.start())
                or lex.before_then.search(norm, max(start, m.start() - 20), m.start())):
            return True
    return False


def positive_close(s: Situation) -> Result:
    norm, lex = s.reply.low, s.lex
    warm = lex.positive_close.search(norm)
    if warm:
        ev = s.clause(warm.start(), warm.end(), 80)
        return (PASS, because("closed", quote=quote(ev)), [ev], "high")
    if not (s.customer_closing or ends_conversation(s)):
        return (NA, because("not_closing"), [], "low" if s.last_customer is None else "high")
    cheers = lex.congratulate.search(norm)
    if cheers:  # "¡¡ENHORABUENA!! ¡Felicidades a los dos!" to "¡¡Ha dicho que sí!!! Gracias por el ramo"
        ev = s.clause(cheers.start(), cheers.end(), 80)
        return (PASS, because("closed", quote=quote(ev)), [ev], "high")
    if s.customer_laughs and not ends_conversation(s):
        return unjudged()  # "Thanks, I get daily cardio now 😂" is a joke about a complaint, not a goodbye
    if _keeps_going(s):
        return unjudged()  # it asks for something or invites them back: maybe no ending at all, maybe a warm one
    if _PICTURE.search(s.reply.original):
        return unjudged()  # a playful voice closes warmly in words no list holds; a flat close has no pictures
    return (FAIL, because("ended_flat"), [], "high")


def _keeps_going(s: Situation) -> bool:
    """A request, a question, an offer or something the customer can do ("call me when you're ready"):
    a "thanks" that opened with a complaint is not a goodbye, and an invitation back may close warmly."""
    from coach.offline.steps import steps  # steps reads the conduct checks, which read this module's neighbours

    norm, lex = s.reply.low, s.lex
    return any(kind in ("request", "question", "offer", "instruction") for _, _, kind in steps(s)) or bool(
        lex.customer_can.search(norm) or lex.consolation.search(norm) or lex.request.search(norm))
