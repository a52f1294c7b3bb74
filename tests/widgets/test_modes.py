"""HD and Draft can never be combined: by click, by typed flag, or from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mjdesk.ui.controls import DRAFT_HD_WHY, HD_DRAFT_WHY
from tests.widgets.conftest import open_studio


async def test_clicking_draft_disables_hd_with_a_reason(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as studio:
        w = studio.window
        b = w.modes.buttons
        qtbot.mouseClick(b["draft"], Qt.MouseButton.LeftButton)
        assert w.modes.speed == "draft" and w.editor.speed == "draft"
        assert not b["hd"].isEnabled() and b["hd"].toolTip() == HD_DRAFT_WHY
        qtbot.mouseClick(b["hd"], Qt.MouseButton.LeftButton)  # disabled: nothing happens
        assert w.modes.quality == "standard"
        qtbot.mouseClick(b["fast"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(b["hd"], Qt.MouseButton.LeftButton)
        assert (w.modes.speed, w.modes.quality) == ("fast", "hd")
        assert not b["draft"].isEnabled() and b["draft"].toolTip() == DRAFT_HD_WHY
        # the other control is never changed silently
        qtbot.mouseClick(b["draft"], Qt.MouseButton.LeftButton)
        assert (w.modes.speed, w.modes.quality) == ("fast", "hd")


async def test_typed_flags_move_the_controls_but_never_form_hd_draft(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as studio:
        w = studio.window
        w.editor.setPlainText("a lighthouse --turbo")
        assert w.modes.speed == "turbo" and w.modes.buttons["turbo"].isChecked()
        w.editor.setPlainText("a lighthouse --hd")
        assert w.modes.quality == "hd"
        assert not w.modes.buttons["draft"].isEnabled()
        w.editor.setPlainText("a lighthouse --hd --draft")
        assert (w.modes.speed, w.modes.quality) != ("draft", "hd")
        assert "hd-with-draft" in {d.rule for d in w.editor.analysis.errors}
        assert not w.generate.isEnabled()


async def test_clicking_a_speed_removes_typed_speed_flags(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as studio:
        w = studio.window
        w.editor.setPlainText("a lighthouse --turbo --ar 3:2")
        qtbot.mouseClick(w.modes.buttons["fast"], Qt.MouseButton.LeftButton)
        assert w.editor.toPlainText() == "a lighthouse --ar 3:2"
        assert w.editor.analysis.speed == "fast"


async def test_keyboard_reaches_the_modes(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as studio:
        w = studio.window
        button = w.modes.buttons["draft"]
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert w.modes.speed == "draft" and not w.modes.buttons["hd"].isEnabled()


async def test_draft_disables_the_reference_zones_with_the_reason(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as studio:
        w = studio.window
        qtbot.mouseClick(w.modes.buttons["draft"], Qt.MouseButton.LeftButton)
        for zone in w.zones.values():
            assert not zone.acceptDrops() and not zone.pick.isEnabled()
            assert "Draft" in zone.toolTip()
