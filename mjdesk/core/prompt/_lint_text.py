"""The prompt linter's rules on the text itself, the image prompts and references, and the
speed and quality modes (see ``_lint_params`` for the state they share)."""

from __future__ import annotations

import re
from typing import Final

from ..evolink import IMAGE_URL_ENDINGS
from ..i18n import translate
from ._lint_params import (
    _MULTI_PROMPT_RE,
    MAX_IMAGE_PROMPTS,
    LintBase,
)

__all__ = ["TextRules"]

_TEXT_URL_RE: Final = re.compile(r"<?https?://[^\s<>]+>?", re.IGNORECASE)


class TextRules(LintBase):
    # -- text, images, modes -----------------------------------------------------------------

    def _text_checks(self, full_text: str) -> None:
        p = self.parsed
        pieces = [(p.body, p.body_start)] + [(w.text, w.start) for w in p.trailing]
        for piece, offset in pieces:
            for m in _MULTI_PROMPT_RE.finditer(piece):
                s, e = offset + m.start(), offset + m.end()
                self.add(
                    "error",
                    "multi-prompt",
                    translate(
                        "Diagnostics",
                        "Multi-prompts and weights (::) are not available on the V8.1 route",
                    ),
                    s,
                    e,
                    "",
                )
            for m in _TEXT_URL_RE.finditer(piece):
                self.add(
                    "info",
                    "url-in-text",
                    translate(
                        "Diagnostics",
                        "This URL is read as text; image prompts must come first",
                    ),
                    offset + m.start(),
                    offset + m.end(),
                )
        has_refs = "sref" in self.values or "oref" in self.values
        if not full_text and not p.urls and not has_refs:  # references-need-text says more
            empty = translate("Diagnostics", "The prompt is empty")
            self.add("error", "empty-prompt", empty, 0, len(self.text))

    def _image_checks(self, urls: list[str], full_text: str) -> None:
        p = self.parsed
        for w, url in zip(p.urls, urls, strict=True):
            if not IMAGE_URL_ENDINGS.search(url.split("?", 1)[0].split("#", 1)[0]):
                self.add(
                    "error",
                    "image-url-extension",
                    translate(
                        "Diagnostics",
                        "Image prompt URLs must end in .png, .gif, .webp, .jpg or .jpeg",
                    ),
                    w.start,
                    w.end,
                )
        if len(urls) > MAX_IMAGE_PROMPTS:
            w = p.urls[MAX_IMAGE_PROMPTS]
            self.add(
                "error",
                "too-many-images",
                translate("Diagnostics", "At most {limit} image prompts").format(
                    limit=MAX_IMAGE_PROMPTS
                ),
                w.start,
                p.urls[-1].end,
            )
        if len(urls) == 1 and not full_text:
            w = p.urls[0]
            self.add(
                "error",
                "image-needs-text",
                translate(
                    "Diagnostics",
                    "One image prompt needs some text (or add a second image)",
                ),
                w.start,
                w.end,
            )
        if ("sref" in self.values or "oref" in self.values) and not full_text:
            ref = next(x for x in p.params if x.name in ("sref", "oref"))
            self.add(
                "error",
                "references-need-text",
                translate(
                    "Diagnostics",
                    "Style and omni references need a text prompt",
                ),
                ref.start,
                ref.end,
            )

    def _mode_checks(self, urls: list[str]) -> None:
        spans = self._mode_flag_spans
        if self.speed == "draft":
            refs: list[tuple[int, int]] = [(w.start, w.end) for w in self.parsed.urls]
            refs += [(x.start, x.end) for x in self.parsed.params if x.name in ("sref", "oref")]
            if refs:
                s, e = refs[0]
                self.add(
                    "error",
                    "references-with-draft",
                    translate(
                        "Diagnostics",
                        "Draft cannot use image prompts or references: choose Fast or Turbo",
                    ),
                    s,
                    e,
                )
            if self.quality == "hd":
                # the flag typed last is what the user changed: the fix takes it out again
                typed = spans.get("hd") or spans.get("draft")
                s, e = typed or (0, 0)
                self.add(
                    "error",
                    "hd-with-draft",
                    translate(
                        "Diagnostics",
                        "HD cannot be combined with Draft: choose Fast or Turbo, or Standard",
                    ),
                    s,
                    e,
                    self.removal(s, e) if typed else None,
                )

    def _move_trailing_fix(self) -> tuple[int, int, str] | None:
        p = self.parsed
        if not p.params:
            return None
        head = self.text[: p.body_end].rstrip()
        moved = " ".join(w.text for w in p.trailing)
        tail_parts: list[str] = []
        for param in p.params:
            tail_parts.append(self.text[param.start : param.end])
        if not head and not moved:
            return None
        return (0, len(self.text), f"{head} {moved} " + " ".join(tail_parts))
