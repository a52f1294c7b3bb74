"""Where the library lives: ``--library DIR``, else ``MJDESK_LIBRARY``, else the user data
folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

__all__ = ["default_library_dir", "resolve_library_dir"]


def default_library_dir() -> Path:
    return Path(platformdirs.user_data_dir("mjdesk", appauthor=False)) / "library"


def resolve_library_dir(
    option: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None
) -> Path:
    env = os.environ if env is None else env
    if option:
        return Path(option).expanduser()
    if env.get("MJDESK_LIBRARY"):
        return Path(env["MJDESK_LIBRARY"]).expanduser()
    return default_library_dir()
