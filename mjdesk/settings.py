"""User settings: a typed object with a schema version, stored as JSON in the config folder.

The API key is never here (it lives in a SecretStore). Writes are atomic (temp, fsync, rename).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

import platformdirs

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
    appearance: str = "system"  # "system" (follow the OS), "dark" or "light"
    schema: int = SCHEMA

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def config_path() -> Path:
    return Path(platformdirs.user_config_dir("mjdesk", appauthor=False)) / "settings.json"


def load(path: Path | None = None) -> Settings:
    path = path or config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    defaults = Settings()
    for name, value in raw.items():
        if name in known and name != "schema" and type(value) is type(getattr(defaults, name)):
            values[name] = value
    return Settings(**values)


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or config_path()
    data = json.dumps(asdict(settings), indent=2, sort_keys=True)
    atomic_write(path, data.encode("utf-8"))
