"""Sentences for people, written in English by the Qt-free core and translated where they are
shown.

``translate(context, template)`` has the name and the arguments of Qt's own, so Qt's lupdate
puts every core sentence in the catalogue; here it only marks. It returns a ``Text``: a ``str``
(the English sentence, for logs, the terminal and comparisons) that remembers its context,
template and values, so the window can say it in the user's language (``ui.words.say``).
"""

from __future__ import annotations

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
