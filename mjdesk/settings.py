"""User settings: a typed object with a schema version, stored as JSON in the config folder.

The API key is never here (it lives in a SecretStore). Writes are atomic (temp, fsync, rename).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

import platformdirs

from .core.i18n import Text, translate
from .fsutil import atomic_write

SCHEMA: Final = 1


@dataclass(frozen=True, slots=True)
class Settings:
    api_base: str = "https://api.evolink.ai"
    files_base: str = "https://files-api.evolink.ai"
    library_dir: str = ""  # empty: the default folder
    send_concurrency: int = 2
    download_concurrency: int = 4
    embed_metadata: bool = True
    callback_url: str = ""
    speed: str = "fast"
    quality: str = "standard"
    max_upload_mb: int = 30
    saved_searches: list[dict[str, Any]] = field(default_factory=list)
    prompt_presets: list[dict[str, Any]] = field(default_factory=list)  # {"name", "text"}
    appearance: str = "system"  # "system" (follow the OS), "dark" or "light"
    schema: int = SCHEMA

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def config_path() -> Path:
    return Path(platformdirs.user_config_dir("mjdesk", appauthor=False)) / "settings.json"


#: Names of the settings, for the notices that say which value was not kept.
LABELS: Final = {
    "api_base": translate("StudioService", "API base URL"),
    "files_base": translate("StudioService", "Files base URL"),
    "callback_url": translate("StudioService", "Callback URL"),
    "send_concurrency": translate("StudioService", "Prompts sent at once"),
    "download_concurrency": translate("StudioService", "Downloads at once"),
    "max_upload_mb": translate("StudioService", "Largest reference image"),
    "speed": translate("StudioService", "Default speed"),
    "quality": translate("StudioService", "Default quality"),
    "appearance": translate("StudioService", "Appearance"),
    "saved_searches": translate("StudioService", "Saved searches"),
    "prompt_presets": translate("StudioService", "Prompt presets"),
    "library_dir": translate("StudioService", "Library folder"),
}


def problems(settings: Settings) -> dict[str, Text]:
    """Field name → reason, for every value that cannot be used. The Settings dialog and the
    loader ask the same rules."""
    from .api.errors import UnsafeUrlError
    from .api.security import validate_base_url, validate_callback_url
    from .core.modes import QUALITIES, SPEEDS, compatible

    out: dict[str, Text] = {}
    for name in ("api_base", "files_base"):
        try:
            validate_base_url(getattr(settings, name), LABELS[name])
        except UnsafeUrlError as exc:
            out[name] = _sentence(exc)
    if settings.callback_url:
        try:
            validate_callback_url(settings.callback_url)
        except UnsafeUrlError as exc:
            out["callback_url"] = _sentence(exc)
    for name, lo, hi in (("send_concurrency", 1, 8), ("download_concurrency", 1, 16)):
        if not lo <= getattr(settings, name) <= hi:
            out[name] = translate("StudioService", "Between {lo} and {hi}").format(lo=lo, hi=hi)
    if not 1 <= settings.max_upload_mb <= 100:
        out["max_upload_mb"] = translate("StudioService", "Between 1 and 100 MB")
    if settings.speed not in SPEEDS:
        out["speed"] = translate("StudioService", "Draft, Fast or Turbo")
    if settings.quality not in QUALITIES or not compatible(settings.speed, settings.quality):
        out["quality"] = translate("StudioService", "Standard, or HD when not Draft")
    if settings.appearance not in ("system", "dark", "light"):
        out["appearance"] = translate("StudioService", "System, dark or light")
    if not all(_saved_search_ok(s) for s in settings.saved_searches):
        out["saved_searches"] = translate("StudioService", "A saved search is not readable")
    if not all(_preset_ok(p) for p in settings.prompt_presets):
        out["prompt_presets"] = translate("StudioService", "A prompt preset is not readable")
    return out


def _preset_ok(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and 0 < len(entry["name"]) <= 80
        and isinstance(entry.get("text"), str)
        and 0 < len(entry["text"]) <= 4000
    )


def _saved_search_ok(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and 0 < len(entry["name"]) <= 200
        and isinstance(entry.get("filters", {}), dict)
    )


def _sentence(exc: Exception) -> Text:
    message = getattr(exc, "message", None) or str(exc)
    return message if isinstance(message, Text) else Text("", "{m}", {"m": str(message)})


def load(path: Path | None = None) -> Settings:
    return load_checked(path)[0]


def load_checked(path: Path | None = None) -> tuple[Settings, list[Text]]:
    """The settings file, each value checked by the same rules as the Settings dialog: a
    value of the wrong type or out of range falls back to its default, with a notice."""
    path = path or config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), []
    except (OSError, ValueError):
        return Settings(), [
            translate("StudioService", "The settings file could not be read; defaults are used")
        ]
    if not isinstance(raw, dict):
        return Settings(), [
            translate("StudioService", "The settings file could not be read; defaults are used")
        ]
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    defaults = Settings()
    notices: list[Text] = []
    for name, value in raw.items():
        if name not in known or name == "schema":
            continue
        if type(value) is type(getattr(defaults, name)):
            values[name] = value
        else:
            notices.append(_not_kept(name, translate("StudioService", "not a valid value")))
    settings = Settings(**values)
    bad = problems(settings)
    if "saved_searches" in bad:
        kept = [s for s in settings.saved_searches if _saved_search_ok(s)]
        settings = replace(settings, saved_searches=kept)
        notices.append(_not_kept("saved_searches", bad.pop("saved_searches")))
    if "prompt_presets" in bad:
        kept_presets = [p for p in settings.prompt_presets if _preset_ok(p)]
        settings = replace(settings, prompt_presets=kept_presets)
        notices.append(_not_kept("prompt_presets", bad.pop("prompt_presets")))
    if bad:
        settings = replace(settings, **{name: getattr(defaults, name) for name in bad})
        notices.extend(_not_kept(name, reason) for name, reason in bad.items())
    return settings, notices


def _not_kept(name: str, reason: Text) -> Text:
    return translate(
        "StudioService", "Settings: {setting} was not used ({reason}); the default applies"
    ).format(setting=LABELS.get(name, name), reason=reason)


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or config_path()
    data = json.dumps(asdict(settings), indent=2, sort_keys=True)
    atomic_write(path, data.encode("utf-8"))
