"""Sentences for people, written in English by the Qt-free core and translated where they are
shown.

``translate(context, template)`` has the name and the arguments of Qt's own, so Qt's lupdate
puts every core sentence in the catalogue; here it only marks. It returns a ``Text``: a ``str``
(the English sentence, for logs, the terminal and comparisons) that remembers its context,
template and values, so the window can say it in the user's language (``ui.words.say``).
"""

from __future__ import annotations

import json
from typing import Any


class Text(str):
    """An English sentence that can be said again in another language."""

    context: str
    template: str
    args: dict[str, Any] | None  # None: the template as it is (never formatted)

    def __new__(cls, context: str, template: str, args: dict[str, Any] | None = None) -> Text:
        self = super().__new__(cls, template if args is None else template.format(**args))
        self.context, self.template, self.args = context, template, args
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickling and copying keep the sentence
        return (Text, (self.context, self.template, self.args))

    def format(self, *positional: object, **values: Any) -> Text:
        """The sentence with its values filled in (named placeholders only)."""
        if positional:
            raise TypeError("Text.format takes named values only")
        return Text(self.context, self.template, values)


def translate(context: str, template: str) -> Text:
    """Marks ``template`` for the catalogue under ``context``; the window translates it."""
    return Text(context, template)


def joined(separator: str, parts: list[str]) -> Text:
    """``separator.join(parts)`` that keeps each part sayable in another language."""
    template = separator.join(f"{{part{i}}}" for i in range(len(parts)))
    return Text("", template, {f"part{i}": part for i, part in enumerate(parts)})


def to_json(text: Text) -> str:
    """A ``Text`` (with the sentences among its values) as JSON, to be kept beside the English."""
    return json.dumps(_plain(text), ensure_ascii=False, separators=(",", ":"))


def from_json(data: str) -> Text | None:
    """The ``Text`` that ``to_json`` wrote; None when ``data`` is not one."""
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return _text(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Text):
        args = None if value.args is None else {k: _plain(v) for k, v in value.args.items()}
        return {"context": value.context, "template": value.template, "args": args}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _text(value: Any) -> Text | None:
    if not isinstance(value, dict) or not isinstance(value.get("template"), str):
        return None
    raw = value.get("args")
    args: dict[str, Any] | None = None
    if isinstance(raw, dict):
        args = {str(k): (_text(v) or str(v)) if isinstance(v, dict) else v for k, v in raw.items()}
    try:
        return Text(str(value.get("context", "")), value["template"], args)
    except (KeyError, IndexError, ValueError):
        return None
