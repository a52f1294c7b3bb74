"""The editor and the parameter controls stay in sync both ways; diagnostics and fixes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.widgets.conftest import open_studio


async def test_every_control_rewrites_only_its_token(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a  lighthouse,   dusk --c 5")
        p = w.params
        p.rows["s"].slider.setValue(400)
        assert w.editor.toPlainText() == "a  lighthouse,   dusk --c 5 --s 400"
        p.rows["c"].slider.setValue(30)
        assert w.editor.toPlainText() == "a  lighthouse,   dusk --c 30 --s 400"
        p.rows["exp"].slider.setValue(12)
        assert w.editor.toPlainText().endswith("--exp 12")
        p.raw.setChecked(True)
        assert w.editor.toPlainText().endswith("--raw")
        p.raw.setChecked(False)
        assert "--raw" not in w.editor.toPlainText()
        p.aspect.setEditText("16:9")
        p.aspect.lineEdit().editingFinished.emit()
        assert "--ar 16:9" in w.editor.toPlainText()
        p.seed.setText("42")
        p.seed.editingFinished.emit()
        assert "--seed 42" in w.editor.toPlainText()
        qtbot.mouseClick(p.rows["c"].reset, Qt.MouseButton.LeftButton)
        assert "--c" not in w.editor.toPlainText()
        assert w.editor.toPlainText().startswith("a  lighthouse,   dusk")
        assert w.editor.analysis.params == {"s": 400, "exp": 12, "ar": "16:9", "seed": 42}


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("a cat --ar 21:9", lambda p: p.aspect.currentText() == "21:9"),
        ("a cat --aspect 5:4", lambda p: p.aspect.currentText() == "5:4"),
        ("a cat --stylize 750", lambda p: p.rows["s"].slider.value() == 750),
        ("a cat --chaos 60", lambda p: p.rows["c"].slider.value() == 60),
        ("a cat --exp 33", lambda p: p.rows["exp"].slider.value() == 33),
        ("a cat --raw", lambda p: p.raw.isChecked()),
        ("a cat --seed 777", lambda p: p.seed.text() == "777"),
        ("a cat", lambda p: p.rows["s"].value.text() == "default" and not p.raw.isChecked()),
    ],
)
async def test_typing_a_token_moves_its_control(sim, tmp_path, qtbot, text, check):
    async with open_studio(sim, tmp_path, qtbot) as st:
        st.window.editor.setPlainText(text)
        assert check(st.window.params)
        # mirroring the prompt never rewrites it
        assert st.window.editor.toPlainText() == text


async def test_diagnostics_are_underlined_and_fixable(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a cat --v 7 --style raw")
        assert len(w.editor.extraSelections()) == 2
        assert not w.generate.isEnabled()
        assert "problem" in w.summary.text()
        fix_buttons = [
            b for b in w.diagnostics.findChildren(type(w.generate)) if b.text().startswith("Fix")
        ]
        assert len(fix_buttons) == 2
        qtbot.mouseClick(fix_buttons[0], Qt.MouseButton.LeftButton)
        fix_buttons = [
            b for b in w.diagnostics.findChildren(type(w.generate)) if b.text().startswith("Fix")
        ]
        qtbot.mouseClick(fix_buttons[-1], Qt.MouseButton.LeftButton)
        assert w.editor.toPlainText() == "a cat --raw"
        assert w.generate.isEnabled()
        w.editor.undo()
        assert w.editor.toPlainText() != "a cat --raw"


async def test_count_and_cost_are_shown_before_sending(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a {red, blue} kite --r 2")
        qtbot.mouseClick(w.modes.buttons["turbo"], Qt.MouseButton.LeftButton)
        assert w.summary.text() == "4 tasks · 16 images · 8 cost units"


async def test_history_with_up_and_down_in_an_empty_editor(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        e = st.window.editor
        e.set_history(["newest prompt", "older prompt"])
        e.setFocus()
        qtbot.keyClick(e, Qt.Key.Key_Up)
        assert e.toPlainText() == "newest prompt"
        qtbot.keyClick(e, Qt.Key.Key_Up)
        assert e.toPlainText() == "older prompt"
        qtbot.keyClick(e, Qt.Key.Key_Down)
        assert e.toPlainText() == "newest prompt"
        qtbot.keyClick(e, Qt.Key.Key_Down)
        assert e.toPlainText() == ""


async def test_completion_offers_parameter_names(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        e = st.window.editor
        e.setFocus()
        qtbot.keyClicks(e, "a cat --sty")
        popup = e._completer.popup()
        assert popup.isVisible()
        assert e._completer_model.stringList() == ["--stylize"]
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(e, Qt.Key.Key_Return)
        assert e.toPlainText() == "a cat --stylize "


def _wheel(widget, steps: int = -3) -> None:
    """A real mouse-wheel event over the middle of ``widget`` (negative: scroll down)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


async def test_the_wheel_scrolls_the_panel_and_never_changes_the_prompt(sim, tmp_path, qtbot):
    """Scrolling the create panel over a slider or the aspect list moves the panel only;
    once the user clicks a slider, the wheel adjusts it."""
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.resize(1280, 560)  # short enough for the create panel to scroll
        prompt = "a glass lighthouse at dusk --ar 3:2 --sref https://example.com/a.png"
        w.editor.setPlainText(prompt)
        bar = w.create_panel.verticalScrollBar()
        await st.until(lambda: bar.maximum() > 0)
        stylize, aspect = w.params.rows["s"].slider, w.params.aspect
        weight = w.zones["style"].weight
        await st.until(weight.isEnabled)  # a style reference is there: its weight applies
        for control in (stylize, aspect, weight):
            before = bar.value()
            _wheel(control)
            assert bar.value() > before or bar.value() == bar.maximum(), control
            bar.setValue(0)
        assert w.editor.toPlainText() == prompt
        assert stylize.value() == 100 and aspect.currentText() == "3:2" and weight.value() == 100
        qtbot.mouseClick(stylize, Qt.MouseButton.LeftButton)  # now the user means the slider
        assert stylize.hasFocus()
        _wheel(stylize, 1)
        assert "--s 1" in w.editor.toPlainText()
        qtbot.mouseDClick(stylize, Qt.MouseButton.LeftButton)  # double-click: the default
        assert w.editor.toPlainText() == prompt
        assert w.params.rows["s"].value.text() == "default"


async def test_reference_weights_show_their_value_even_by_default(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a fox --sref https://example.com/a.png")
        zone = w.zones["style"]
        await st.until(lambda: "default" in zone.weight_value.text())
        assert zone.weight_value.text().startswith("100")
        w.editor.setPlainText("a fox --sref https://example.com/a.png --sw 250")
        await st.until(lambda: zone.weight_value.text() == "250")


async def test_the_completion_popup_is_legible_in_both_schemes_and_leaves_the_word_visible(
    sim, tmp_path, qtbot, qapp
):
    from PySide6.QtGui import QColor

    from mjdesk.ui import theme

    async with open_studio(sim, tmp_path, qtbot) as st:
        e = st.window.editor
        try:
            for scheme in ("light", "dark"):
                theme.apply(qapp, scheme)
                e.setPlainText("")
                e.setFocus()
                qtbot.keyClicks(e, "a cat --sty")
                popup = e._completer.popup()
                assert popup.isVisible()
                shot = popup.grab().toImage()
                inside = shot.pixelColor(8, shot.height() - 8)  # its own background, no item
                text = QColor(theme.current().text)
                assert abs(inside.lightnessF() - text.lightnessF()) > 0.6, (scheme, inside.name())
                line = e.cursorRect()
                line_bottom = e.viewport().mapToGlobal(line.bottomLeft()).y()
                assert popup.mapToGlobal(popup.rect().topLeft()).y() > line_bottom
                popup.hide()
        finally:
            theme.apply(qapp)


async def test_the_cost_is_shown_in_credits_once_evolink_has_priced_the_mode(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a quiet harbour at dawn")
        assert w.summary.text().endswith("1 cost unit")  # nothing priced yet
        w.submit()
        await st.only_job("stored")
        w.editor.setPlainText("a {red, blue} kite over dunes")  # two Fast tasks
        await st.until(lambda: "credits" in w.summary.text())
        assert w.summary.text().endswith("≈ 4 credits")  # 2 each, as the task said
        qtbot.mouseClick(w.modes.buttons["turbo"], Qt.MouseButton.LeftButton)
        await st.until(lambda: "cost units" in w.summary.text())  # Turbo: not priced yet


async def test_a_set_of_aspects_is_shown_as_a_set_and_never_replaced_silently(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setFocus()
        qtbot.keyClicks(w.editor, "a kite --ar {1:1, 16:9}")
        aspect = w.params.aspect
        assert aspect.currentText() == "{1:1, 16:9}"  # the set, not its first value
        aspect.setCurrentIndex(aspect.findText("16:9"))
        aspect.activated.emit(aspect.currentIndex())  # the user picks one value
        assert w.editor.toPlainText() == "a kite --ar 16:9"
        assert "Replaced the set {1:1, 16:9} with 16:9" in w.status.currentMessage()
        w.editor.setFocus()
        qtbot.keyClick(w.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert w.editor.toPlainText() == "a kite --ar {1:1, 16:9}"


async def test_a_set_of_stylize_values_is_shown_as_a_set_and_replaced_only_aloud(
    sim, tmp_path, qtbot
):
    from PySide6.QtTest import QTest

    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setFocus()
        qtbot.keyClicks(w.editor, "a kite --s {100, 500}")
        row = w.params.rows["s"]
        assert row.value.text() == "{100, 500}"
        assert "set of values" in row.value.toolTip()
        assert w.editor.toPlainText() == "a kite --s {100, 500}"  # showing it changed nothing
        # the user moves the slider with the keyboard: the set becomes one value, aloud
        row.slider.setFocus()
        QTest.keyClick(row.slider, Qt.Key.Key_PageUp)
        value = row.slider.value()
        assert w.editor.toPlainText() == f"a kite --s {value}"
        assert "Replaced the set {100, 500}" in w.status.currentMessage()
        assert row.value.text() == str(value)


async def test_long_reference_urls_are_drawn_short_and_sent_whole(sim, tmp_path, qtbot):
    """A long URL takes the room of its host, "…" and the end of its name, while the text
    (copied, analysed, sent) is the whole URL; with the cursor inside it opens to be edited."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    url = "https://cdn.example.com/u/2026/12/02/a1b2c3d4e5f6a7b8c9d0/e1f2a3b4c5d6-linocut.png"
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        editor = w.editor
        prompt = f"a heron --sref {url} --s 200"
        editor.setPlainText(prompt)
        start = prompt.index(url)

        def drawn_width() -> float:  # the prompt's lines, laid out, end to end
            block = editor.document().firstBlock()
            editor.document().documentLayout().ensureBlockLayout(block)
            layout = block.layout()
            return sum(layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount()))

        full = editor.fontMetrics().horizontalAdvance(prompt)
        w.params.rows["s"].slider.setFocus()  # editing elsewhere: every long URL is folded
        assert drawn_width() < full * 0.7
        assert editor.toPlainText() == prompt
        assert editor.analysis.params["sref"] == [url]
        # the cursor inside the URL opens it
        editor.setFocus()
        cursor = editor.textCursor()
        cursor.setPosition(start + 30)
        editor.setTextCursor(cursor)
        assert drawn_width() >= full * 0.9
        # moved out of it (to the end): folded again
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        assert drawn_width() < full * 0.7
        editor.selectAll()
        editor.copy()
        assert QApplication.clipboard().text() == prompt
