"""Pause markers and sound tags in the script table: drawn as chips in their colours, coloured in the
editor; the table's text itself is unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage

from studio.ui import script_model as sm
from studio.ui.delegates import PAUSE_COLOUR, TAG_COLOUR, LineTextEditor

from .conftest import Harness, make_project

TAGGED = "哈哈 (laughs) 你真逗<#0.8#>我们走吧。"


def _colours_in(image: QImage, x0: int, x1: int, y0: int, y1: int) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for x in range(x0, x1) for y in range(y0, y1)}


async def test_chips_are_drawn_where_the_markup_is(tmp_path: Path, qtbot: Any) -> None:
    h = Harness(make_project(tmp_path / "chips.troupe", [("林晚", TAGGED), ("林晚", "普通的一句话。")]))
    try:
        h.window.show()
        view = h.view
        view.clearSelection()
        assert h.model.index(0, sm.TEXT).data() == TAGGED
        image = view.viewport().grab().toImage()
        rows = [view.visualRect(h.model.index(r, sm.TEXT)) for r in range(2)]
        tagged = _colours_in(image, rows[0].left(), rows[0].right(), rows[0].top(), rows[0].bottom())
        plain = _colours_in(image, rows[1].left(), rows[1].right(), rows[1].top(), rows[1].bottom())
        assert TAG_COLOUR.name() in tagged and PAUSE_COLOUR.name() in tagged
        assert TAG_COLOUR.name() not in plain and PAUSE_COLOUR.name() not in plain
    finally:
        await h.close()


def test_the_editor_colours_markers_and_tags(qtbot: Any) -> None:
    editor = LineTextEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(TAGGED)
    block = editor.document().firstBlock()
    colours = {r.start: r.format.foreground().color().name() for r in block.layout().formats()}
    assert colours[TAGGED.index("(laughs)")] == TAG_COLOUR.name()
    assert colours[TAGGED.index("<#0.8#>")] == PAUSE_COLOUR.name()
