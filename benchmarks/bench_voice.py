"""Calls: how fast a spoken reply is heard, and how soon the customer's voice answers.

For each language, espeak-ng says a reply of about ten seconds (the same recording each round), and
the embedded engines (faster-whisper with the shipped Whisper base, espeak-ng) run on this machine:

1. Transcription real-time factor: seconds Whisper takes to transcribe the reply / the reply's
   seconds (below 1.0 is faster than speech). Median of `--rounds`, after one warm-up run.
2. Time to first audio: from the end of the trainee's speech (the recording handed to the page's
   service, as the page does when the trainee stops recording) to the first sentence of the
   customer's answer ready as WAV: decoding, transcription, pace and loudness, the grade, the mood,
   the customer's line (the persona's scripted line: no model) and espeak-ng's first sentence.
   Median of `--rounds`, each in a new conversation. Printed against the target for English:
   1.5 s for a 10-second reply (the ratio, target at most 1.0).

Run it when the machine is quiet: both figures are CPU-bound on two cores.
Benchmarks print ratios; they never assert timings.
Run:  PYTHONPATH=. .venv/bin/python benchmarks/bench_voice.py [--rounds 5] [--langs en,es]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from coach.accounts import LOCAL
from coach.db import open_database
from coach.personas import load_personas
from coach.rubric import load_rubric
from coach.settings import Settings
from coach.speech.audio import RATE, decode
from coach.testing.voices import synthesize
from coach.web.service import Coach

TARGET_S = 1.5
REPLIES = {
    "en": ("Good morning, thank you for calling. I am sorry your parcel has not arrived yet. I can see the order "
           "here, and I will check with the courier right now. Could you confirm your address for me?"),
    "es": ("Buenos días, gracias por llamar. Siento que su paquete aún no haya llegado. Veo el pedido aquí y voy a "
           "consultar con la empresa de transporte ahora mismo. ¿Me confirma su dirección?"),
    "sv": ("God morgon och tack för att du ringer. Jag beklagar att paketet inte har kommit. Jag ser beställningen "
           "här och kontaktar budfirman direkt. Kan du bekräfta din adress åt mig?"),
    "pl": ("Dzień dobry, dziękuję za telefon. Przykro mi, że paczka jeszcze nie dotarła. Widzę zamówienie i od razu "
           "sprawdzę to z kurierem. Czy może pan potwierdzić adres?"),
    "lv": ("Labrīt, paldies, ka zvanāt. Man žēl, ka sūtījums vēl nav pienācis. Es redzu pasūtījumu un tūlīt "
           "sazināšos ar kurjeru. Vai varat apstiprināt savu adresi?"),
    "ar": ("صباح الخير، شكراً لاتصالك. يؤسفني أن طردك لم يصل بعد. أرى الطلب هنا وسأتواصل مع شركة الشحن الآن. "
           "هل يمكنك تأكيد عنوانك من فضلك؟"),
}


def ten_seconds(text: str, lang: str) -> bytes:
    """The reply said at the pace that makes it about ten seconds long."""
    rate = 160
    for _ in range(4):
        wav = synthesize(text, lang, rate=rate, pause_after=0.4)
        seconds = len(decode(wav)) / RATE
        rate = max(80, min(400, round(rate * seconds / 10.0)))
        if abs(seconds - 10.0) < 0.7:
            break
    return wav


async def first_audio(coach: Coach, persona_id: str, wav: bytes) -> float | None:
    conversation = await coach.start(LOCAL, persona_id)
    started = time.perf_counter()
    async for kind, _ in coach.spoken_turn_stream(LOCAL, conversation.id, wav):
        if kind == "voice":
            return time.perf_counter() - started
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--langs", default=",".join(REPLIES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as folder:
        db = Path(folder) / "coach.sqlite3"
        rubric = load_rubric()
        personas, _ = load_personas(rubric=rubric)
        coach = Coach(Settings(engine="offline", database=str(db)), rubric, personas, open_database(db))
        whisper = coach.speech.whisper
        whisper.warm_up()
        print(f"{'lang':4}  {'audio s':>7}  {'transcribe s':>12}  {'RTF':>5}  {'first audio s':>13}  {'/ 1.5 s':>7}  persona")
        for lang in args.langs.split(","):
            persona = next(p for p in personas if p.language == lang)
            wav = ten_seconds(REPLIES[lang], lang)
            samples = decode(wav)
            seconds = len(samples) / RATE
            whisper.transcribe(samples, lang)  # warm-up for this language
            took = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                whisper.transcribe(samples, lang)
                took.append(time.perf_counter() - t0)
            firsts = [f for f in (asyncio.run(first_audio(coach, persona.id, wav)) for _ in range(args.rounds))
                      if f is not None]
            transcribe_s = statistics.median(took)
            first = statistics.median(firsts) if firsts else float("nan")
            print(f"{lang:4}  {seconds:7.1f}  {transcribe_s:12.2f}  {transcribe_s / seconds:5.2f}  {first:13.2f}  "
                  f"{first / TARGET_S:7.2f}  {persona.id}")


if __name__ == "__main__":
    main()
