"""Saying the core's sentences in the user's language.

The Qt-free layers write English ``Text`` (``core.i18n``): each remembers its catalogue context,
template and values. ``say`` translates the template with Qt's installed translators and fills
the values in, themselves said first when they are sentences too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.i18n import Text


def say(text: str) -> str:
    """``text`` in the user's language when it is a core ``Text``; as it is otherwise."""
    if not isinstance(text, Text):
        return text
    template = (
        QCoreApplication.translate(text.context, text.template) if text.context else text.template
    )
    if text.args is None:
        return template
    values = {k: say(v) if isinstance(v, str) else v for k, v in text.args.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(text)


def say_stored(message: str) -> str:
    """A sentence read back from the library (a job's error): the core's task-error sentences
    are said in the user's language; other stored words stay as they were written."""
    return QCoreApplication.translate("TaskErrors", message) if message else message


def said(error: BaseException) -> str:
    """An error's sentence in the user's language (its first argument, as raised)."""
    message = getattr(error, "message", None) or (error.args[0] if error.args else None)
    return say(message) if isinstance(message, str) else str(error)
