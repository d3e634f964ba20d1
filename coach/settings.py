"""coach's settings: the model endpoint, the grader, and where rubric, personas and data live.

`OPENAI_BASE_URL` and `OPENAI_API_KEY` choose the endpoint (OpenAI, Ollama, vLLM, llama.cpp
server, LM Studio); coach's own settings come from `COACH_*` variables or a YAML settings
file (`$COACH_SETTINGS`, `./coach.yaml`, or the user's config folder, `~/.config/coach/settings.yaml`
on Linux). Variables win over the file. With neither an endpoint nor a key, coach uses the
offline engine. Relative paths in a settings file are read from the file's own folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from coach.datafile import errors_from_validation, load_model
from coach.db import is_url, redacted
from coach.errors import ConfigError
from coach.languages import Address
from coach.locations import default_database
from coach.personas import PersonaFolders


class Price(BaseModel):
    """US dollars per million tokens."""

    model_config = ConfigDict(extra="forbid")
    input: float = Field(ge=0)
    output: float = Field(ge=0)


# Published list prices for common models; a settings file can add or override any.
KNOWN_PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(input=0.15, output=0.60),
    "gpt-4o": Price(input=2.50, output=10.00),
    "gpt-4.1-mini": Price(input=0.40, output=1.60),
    "gpt-4.1-nano": Price(input=0.10, output=0.40),
    "gpt-4.1": Price(input=2.00, output=8.00),
}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1")
    api_key: SecretStr | None = None
    engine: Literal["auto", "offline", "llm"] = "auto"
    judge_model: str = "gpt-4o-mini"
    customer_model: str = "gpt-4o-mini"
    timeout: float = Field(30.0, gt=0, description="seconds per request")
    max_retries: int = Field(2, ge=0, le=10)
    temperature: float = Field(0.0, ge=0, le=2, description="the judge's temperature")
    customer_temperature: float = Field(0.8, ge=0, le=2)
    seed: int | None = 7
    samples: int = Field(1, ge=1, le=15, description="judge samples per reply; the majority verdict wins")
    token_budget: int = Field(6000, ge=500, description="most prompt tokens per call; older turns are trimmed")
    turn_deadline: float = Field(30.0, gt=0, description="seconds a turn may take end to end (judge and customer, "
                                                         "retries included); then offline stand-ins answer")
    judge_max_tokens: int | None = Field(None, ge=50, description="most tokens a judge answer may take "
                                                                    "(default: about 90 per criterion asked)")
    customer_max_tokens: int = Field(120, ge=20, description="most tokens a customer's line may take")
    explain_in: Literal["english", "reply"] = Field("english", description="language of the judge's explanations")
    prices: dict[str, Price] = Field(default_factory=dict)
    database: str | None = Field(None, description="where accounts and conversations live: an SQLite file (default: "
                                                   "coach.sqlite3 in the data directory, $COACH_HOME) or a "
                                                   "postgresql:// URL for a team's server")
    rubric: str | None = Field(None, description="a rubric file to use instead of the shipped one")
    personas: list[str] = Field(default_factory=list, description="folders of persona files, added to the shipped "
                                                                  "ones (the same id replaces a shipped persona)")
    shipped_personas: bool = Field(True, description="offer the personas that ship with coach")
    session_hours: float = Field(12.0, gt=0, le=24 * 30, description="a page login lasts this long")
    allowed_origins: list[str] = Field(default_factory=list, description="other origins (https://host[:port]) "
                                       "allowed to call the page with a login; the page's own always is")
    trusted_proxies: list[str] = Field(default_factory=list, description="addresses of reverse proxies whose "
                                       "X-Forwarded-For/-Proto headers say who the client is (e.g. 127.0.0.1)")
    secure_cookies: bool | None = Field(None, description="mark the login cookie Secure (default: when the page "
                                        "is reached over HTTPS)")
    max_request_kb: int = Field(256, ge=16, le=64 * 1024, description="largest request body the page accepts")
    # Calls: speech to text and text to speech. The embedded engines (faster-whisper, espeak-ng) run
    # offline; an OpenAI-compatible audio endpoint is used when `speech_base_url` is set, or with
    # speech: endpoint (then the chat model's endpoint and key serve audio too).
    speech: Literal["auto", "embedded", "endpoint"] = "auto"
    speech_base_url: str | None = Field(None, description="OpenAI-compatible audio endpoint (transcriptions, speech)")
    speech_api_key: SecretStr | None = None
    transcription_model: str = "whisper-1"
    speech_model: str = "tts-1"
    speech_voice: str = "alloy"
    speech_voice_angry: str | None = Field(None, description="the endpoint voice of an angry customer (mood 60+)")
    speech_timeout: float = Field(15.0, gt=0, description="seconds per audio request before the embedded engines "
                                                          "take over")
    whisper_model: str | None = Field(None, description="a CTranslate2 Whisper model folder (default: the shipped "
                                                        "multilingual base model)")
    keep_audio: bool = Field(False, description="keep the recordings of spoken turns and the customer's audio "
                                                "with the conversation (off: only their text is kept)")
    max_speech_seconds: float = Field(120.0, gt=0, le=600, description="the longest spoken reply accepted")
    address: Address = Field(Address.NEUTRAL, description="how customers address you where a language marks "
                                                          "gender, in `coach practice` and a page without "
                                                          "accounts (each account sets its own)")
    settings_file: str | None = Field(None, exclude=True)

    @property
    def configured(self) -> bool:
        """An endpoint or a key was given, so the model engine is wanted."""
        return bool(self.base_url or self.api_key)

    @property
    def use_llm(self) -> bool:
        return self.engine == "llm" or (self.engine == "auto" and self.configured)

    def price(self, model: str) -> Price | None:
        return self.prices.get(model) or KNOWN_PRICES.get(model)

    def masked_key(self) -> str:
        if not self.api_key:
            return "(not set)"
        key = self.api_key.get_secret_value()
        return f"{key[:3]}…{key[-4:]}" if len(key) > 10 else "…" * 3

    def endpoint(self) -> str:
        return self.base_url or "https://api.openai.com/v1"

    @property
    def speech_endpoint(self) -> str | None:
        """The audio endpoint in use, or None for the embedded engines."""
        if self.speech == "embedded":
            return None
        if self.speech_base_url:
            return self.speech_base_url
        return self.endpoint() if self.speech == "endpoint" else None

    def speech_key(self) -> str:
        key = self.speech_api_key or self.api_key
        return key.get_secret_value() if key else "not-needed"

    def database_where(self) -> str:
        """The `postgresql://` URL, or the SQLite file's path."""
        if self.database and is_url(self.database):
            return self.database
        return str(Path(self.database).expanduser() if self.database else default_database())

    def persona_folders(self) -> PersonaFolders:
        return PersonaFolders(tuple(Path(p).expanduser() for p in self.personas), self.shipped_personas)


_ENV = {
    "OPENAI_BASE_URL": "base_url", "OPENAI_API_KEY": "api_key",
    "COACH_ENGINE": "engine", "COACH_JUDGE_MODEL": "judge_model", "COACH_CUSTOMER_MODEL": "customer_model",
    "COACH_TIMEOUT": "timeout", "COACH_MAX_RETRIES": "max_retries", "COACH_TEMPERATURE": "temperature",
    "COACH_CUSTOMER_TEMPERATURE": "customer_temperature", "COACH_SEED": "seed", "COACH_SAMPLES": "samples",
    "COACH_TOKEN_BUDGET": "token_budget", "COACH_EXPLAIN_IN": "explain_in", "COACH_DB": "database",
    "COACH_RUBRIC": "rubric", "COACH_PERSONAS": "personas", "COACH_SHIPPED_PERSONAS": "shipped_personas",
    "COACH_SESSION_HOURS": "session_hours", "COACH_TURN_DEADLINE": "turn_deadline",
    "COACH_JUDGE_MAX_TOKENS": "judge_max_tokens", "COACH_CUSTOMER_MAX_TOKENS": "customer_max_tokens",
    "COACH_SPEECH": "speech", "COACH_SPEECH_BASE_URL": "speech_base_url", "COACH_SPEECH_API_KEY": "speech_api_key",
    "COACH_TRANSCRIPTION_MODEL": "transcription_model", "COACH_SPEECH_MODEL": "speech_model",
    "COACH_SPEECH_VOICE": "speech_voice", "COACH_SPEECH_VOICE_ANGRY": "speech_voice_angry",
    "COACH_SPEECH_TIMEOUT": "speech_timeout", "COACH_WHISPER_MODEL": "whisper_model", "COACH_KEEP_AUDIO": "keep_audio",
    "COACH_MAX_SPEECH_SECONDS": "max_speech_seconds",
    "COACH_ADDRESS": "address",
    "COACH_ALLOWED_ORIGINS": "allowed_origins", "COACH_TRUSTED_PROXIES": "trusted_proxies",
    "COACH_SECURE_COOKIES": "secure_cookies", "COACH_MAX_REQUEST_KB": "max_request_kb",
}
_LISTS = ("allowed_origins", "trusted_proxies")  # comma- or space-separated in a variable
_PATHS = ("database", "rubric", "whisper_model")  # settings-file paths read from the file's folder


def settings_path(env: Mapping[str, str] | None = None) -> Path | None:
    env = os.environ if env is None else env
    if env.get("COACH_SETTINGS"):
        return Path(env["COACH_SETTINGS"])
    for candidate in (Path("coach.yaml"), Path(platformdirs.user_config_dir("coach", appauthor=False)) / "settings.yaml"):
        if candidate.is_file():
            return candidate
    return None


def load_settings(env: Mapping[str, str] | None = None, **overrides) -> Settings:
    """Settings from the file (if any), then environment variables, then explicit overrides."""
    env = os.environ if env is None else env
    path = settings_path(env)
    base = load_model(path, Settings).model_dump(exclude_unset=True) if path else {}
    if path:
        base["settings_file"] = str(path)
        folder = path.resolve().parent
        for key in _PATHS:
            if base.get(key) and not is_url(base[key]):
                base[key] = str(folder / Path(base[key]).expanduser())
        base["personas"] = [str(folder / Path(p).expanduser()) for p in base.get("personas", [])]
    from_env: dict[str, object] = {field: env[var] for var, field in _ENV.items() if env.get(var, "").strip()}
    if str(from_env.get("seed", "")).lower() in {"none", "off"}:
        from_env["seed"] = None
    if "personas" in from_env:
        from_env["personas"] = [p for p in str(from_env["personas"]).split(os.pathsep) if p.strip()]
    for key in _LISTS:
        if key in from_env:
            from_env[key] = str(from_env[key]).replace(",", " ").split()
    data = {**base, **from_env, **{k: v for k, v in overrides.items() if v is not None}}
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        names = {field: var for var, field in _ENV.items()}
        problems = []
        for err in errors_from_validation(path or "settings", exc, {}):
            var = names.get((err.field or "").split(".")[0])
            where = f"environment variable {var}" if var and var in env else (err.path if path else "settings")
            problems.append(f"{where}: {err.field}: {err.message}")
        raise ConfigError("; ".join(problems)) from None


def describe(settings: Settings) -> list[tuple[str, str]]:
    """Rows for `coach config`, the key masked."""
    rows = [
        ("engine", f"{settings.engine} -> {'llm (judge + offline)' if settings.use_llm else 'offline (no model configured)'}"),
        ("base_url", settings.endpoint() if settings.configured else "(not set)"),
        ("api_key", settings.masked_key()),
    ]
    for name in ("judge_model", "customer_model", "timeout", "max_retries", "turn_deadline", "temperature",
                 "customer_temperature", "seed", "samples", "token_budget", "explain_in"):
        rows.append((name, str(getattr(settings, name))))
    rows.append(("speech", f"{settings.speech} -> " + (f"endpoint {settings.speech_endpoint} (transcription "
                                                      f"{settings.transcription_model}, speech {settings.speech_model})"
                                                      if settings.speech_endpoint else
                                                      "embedded (faster-whisper + espeak-ng)")))
    rows.append(("keep_audio", str(settings.keep_audio)))
    rows.append(("database", redacted(settings.database_where())))
    rows.append(("rubric", settings.rubric or "(shipped)"))
    rows.append(("personas", ", ".join(settings.personas) + (" + shipped" if settings.shipped_personas else "")
                 if settings.personas else ("shipped" if settings.shipped_personas else "(none)")))
    rows.append(("settings_file", settings.settings_file or "(none)"))
    return rows

