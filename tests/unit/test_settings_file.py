"""The settings file is checked by the Settings dialog's rules when it is read."""

from __future__ import annotations

import json

from mjdesk.settings import Settings, load_checked, problems


def write(tmp_path, values) -> object:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(values))
    return path


def test_out_of_range_and_wrongly_typed_values_fall_back_with_a_notice(tmp_path):
    path = write(
        tmp_path,
        {
            "send_concurrency": 0,
            "download_concurrency": 0,
            "max_upload_mb": "30",
            "callback_url": "http://127.0.0.1/hook",
            "saved_searches": [5, {"name": "kites", "filters": {"text": "kite"}}, {"name": 3}],
            "speed": "draft",
            "quality": "hd",
            "appearance": "neon",
            "api_base": "https://api.example.com",
        },
    )
    settings, notices = load_checked(path)
    defaults = Settings()
    assert settings.send_concurrency == defaults.send_concurrency
    assert settings.download_concurrency == defaults.download_concurrency
    assert settings.max_upload_mb == defaults.max_upload_mb
    assert settings.callback_url == "" and settings.appearance == "system"
    assert settings.saved_searches == [{"name": "kites", "filters": {"text": "kite"}}]
    assert settings.speed == "draft" and settings.quality == "standard"  # hd never with draft
    assert settings.api_base == "https://api.example.com"  # a good value is kept
    assert problems(settings) == {}
    text = "\n".join(notices)
    for label in (
        "Prompts sent at once",
        "Downloads at once",
        "Callback URL",
        "Saved searches",
        "Largest reference image",
        "Appearance",
        "Default quality",
    ):
        assert label in text, (label, text)


def test_an_unreadable_file_gives_defaults_and_says_so(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    settings, notices = load_checked(path)
    assert settings == Settings() and "could not be read" in notices[0]
    assert load_checked(tmp_path / "missing.json") == (Settings(), [])
