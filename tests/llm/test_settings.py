"""Settings come from the environment and a settings file; the key never shows."""

from __future__ import annotations

import pytest

from coach.errors import ConfigError, DataFileError
from coach.settings import describe, load_settings
from tests.conftest import run_coach


def test_nothing_configured_means_the_offline_engine():
    settings = load_settings(env={})
    assert not settings.configured and not settings.use_llm


def test_an_endpoint_alone_selects_the_model_engine_for_local_servers():
    settings = load_settings(env={"OPENAI_BASE_URL": "http://localhost:11434/v1", "COACH_JUDGE_MODEL": "llama3.1"})
    assert settings.use_llm and settings.judge_model == "llama3.1"


def test_environment_variables_win_over_the_settings_file(tmp_path):
    path = tmp_path / "coach.yaml"
    path.write_text("judge_model: from-file\ncustomer_model: file-customer\ntimeout: 12\n", encoding="utf-8")
    settings = load_settings(env={"COACH_SETTINGS": str(path), "COACH_JUDGE_MODEL": "from-env"})
    assert settings.judge_model == "from-env"
    assert settings.customer_model == "file-customer" and settings.timeout == 12
    assert settings.settings_file == str(path)


def test_a_bad_settings_file_names_the_line_and_field(tmp_path):
    path = tmp_path / "coach.yaml"
    path.write_text("judge_model: m\nsamples: lots\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_settings(env={"COACH_SETTINGS": str(path)})
    assert err.value.line == 2 and err.value.field == "samples"


def test_a_bad_environment_value_names_the_variable():
    with pytest.raises(ConfigError, match="COACH_SAMPLES"):
        load_settings(env={"COACH_SAMPLES": "zero"})


def test_coach_config_masks_the_key():
    result = run_coach("config", env_extra={"OPENAI_API_KEY": "sk-verysecretkey1234"})
    assert "sk-…1234" in result.stdout and "verysecret" not in result.stdout
    assert "llm (judge + offline)" in result.stdout


def test_a_missing_settings_file_that_was_named_is_an_error():
    result = run_coach("config", env_extra={"COACH_SETTINGS": "/nonexistent/coach.yaml"})
    assert result.returncode == 2 and "/nonexistent/coach.yaml: file not found" in result.stderr


def test_speech_settings_sit_beside_the_chat_models():
    from coach.settings import load_settings

    offline = load_settings(env={})
    assert offline.speech_endpoint is None and offline.keep_audio is False  # embedded engines, nothing kept
    own = load_settings(env={"COACH_SPEECH_BASE_URL": "http://127.0.0.1:9000/v1", "COACH_KEEP_AUDIO": "1",
                             "OPENAI_API_KEY": "sk-chat-0000000000"})
    assert own.speech_endpoint == "http://127.0.0.1:9000/v1" and own.keep_audio is True
    assert own.speech_key() == "sk-chat-0000000000"  # the chat model's key unless one is given
    shared = load_settings(env={"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1", "COACH_SPEECH": "endpoint"})
    assert shared.speech_endpoint == "http://127.0.0.1:8080/v1"
    chat_only = load_settings(env={"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"})
    assert chat_only.speech_endpoint is None  # a chat server need not serve audio: speech stays embedded
    forced = load_settings(env={"COACH_SPEECH_BASE_URL": "http://127.0.0.1:9000/v1", "COACH_SPEECH": "embedded"})
    assert forced.speech_endpoint is None
def test_a_postgresql_url_is_kept_as_a_url_and_shown_without_its_password(tmp_path):
    path = tmp_path / "coach.yaml"
    path.write_text("database: postgresql://coach:s3cret@db.example:5432/coach\n", encoding="utf-8")
    settings = load_settings({"COACH_SETTINGS": str(path)})
    assert settings.database_where() == "postgresql://coach:s3cret@db.example:5432/coach"
    shown = dict(describe(settings))["database"]
    assert shown == "postgresql://coach:***@db.example:5432/coach" and "s3cret" not in shown
    path.write_text("database: team.sqlite3\n", encoding="utf-8")  # a file is read from the settings' folder
    assert load_settings({"COACH_SETTINGS": str(path)}).database_where() == str(tmp_path / "team.sqlite3")
