"""Calls: the trainee speaks, the customer answers aloud, and how the trainee sounded is graded.

- `audio`: decoding a recording, writing WAV, loudness.
- `transcribe`: speech to text with word timings (faster-whisper here, or an OpenAI-compatible endpoint).
- `speak`: text to speech in the customer's mood (espeak-ng here, or an OpenAI-compatible endpoint).
- `engine`: the two together, with the endpoint falling back to the embedded engines.
- `features` and `check`: pace, loudness and silences of a spoken reply, and the voice criterion's verdict.

Only `engine`, `transcribe` and `speak` load the heavy engines; the grader imports `check` alone.
"""
