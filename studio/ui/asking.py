"""Questions asked from a coroutine: a message box opened (not ``exec()``: no event loop nested inside a
coroutine) and awaited until the user answers. Must not live here: what is asked."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox


async def answer(box: QMessageBox) -> QAbstractButton | None:
    """Open ``box`` and wait for it to close; the button clicked (None when closed otherwise)."""
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda result: done.done() or done.set_result(result))
    box.open()
    try:
        await done
    finally:
        box.deleteLater()
    return box.clickedButton()


async def finished(dialog: QDialog) -> bool:
    """Open ``dialog`` and wait for it to close; True when it was accepted."""
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: done.done() or done.set_result(result))
    dialog.open()
    return int(await done) == QDialog.DialogCode.Accepted.value
