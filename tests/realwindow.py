"""Drive the real ``troupe`` window the way a user does: its own Xvfb screen, xdotool keys and clicks,
screenshots, and the window manager's close request.

    with RealApp(tmp_path, [project]) as app:
        win = app.window()            # a visible top-level window of the process
        app.focus(win)
        app.key("ctrl+q")
        result = app.wait()           # Result(returncode, stdout, stderr)

Each ``RealApp`` starts Xvfb on a random free display and kills it (and the app, if still running) on
exit. The app gets private config, data and XDG folders under ``home``, the silent ALSA device, a keyring
that stores nothing and no ``QT_QPA_PLATFORM`` (so Qt uses xcb, as on a desktop). Without Xvfb or
xdotool, ``require_tools()`` skips the test.

Without a window manager: ``xdotool windowactivate`` fails (nobody answers ``_NET_ACTIVE_WINDOW``), so
``focus`` sets the X input focus and, if it did not take, clicks inside the window once. Keys go through
XTEST to the focused window (``xdotool key --window`` uses XSendEvent, which Qt ignores). xdotool
3.20160805's ``windowclose`` destroys the X window (Qt gets no close event and the app runs on), so
``close_window`` sends the ``WM_DELETE_WINDOW`` client message through libX11 itself, as a window
manager's close button does; Qt turns it into a ``closeEvent``. ``window(dialog=True)`` tells a message
box from the main window by its ``_NET_WM_WINDOW_TYPE_DIALOG``, which Qt sets with or without a window
manager.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TROUPE = ROOT / ".venv" / "bin" / "troupe"
if not TROUPE.exists():
    TROUPE = Path(sys.executable).with_name("troupe")
ALSA_NULL = Path(__file__).resolve().parent / "alsa-null.conf"


def require_tools(*tools: str) -> None:
    """Skip the calling test when a tool the real window needs is not installed."""
    for tool in tools or ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install xvfb xdotool imagemagick)")


def app_env(home: Path, display: str | None) -> dict[str, str]:
    """The environment of a ``troupe`` started by a user on ``display`` with a fresh account in ``home``."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")
           and not k.startswith(("TROUPE_", "XDG_", "PYTEST_"))}
    dirs = {"TROUPE_CONFIG_DIR": "config/troupe", "TROUPE_DATA_DIR": "data/troupe", "XDG_CONFIG_HOME": "config",
            "XDG_DATA_HOME": "data", "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state",
            "XDG_RUNTIME_DIR": "runtime"}
    for name, sub in dirs.items():
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    (home / "runtime").chmod(0o700)
    env["ALSA_CONFIG_PATH"] = str(ALSA_NULL)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if display:
        env["DISPLAY"] = display
    return env


def run_troupe(args: list[str], home: Path, display: str | None = None,
               timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``troupe ARGS`` to the end (e.g. ``import``, or the window without a display)."""
    return subprocess.run([str(TROUPE), *args], env=app_env(home, display), capture_output=True, text=True,
                          timeout=timeout, cwd=home)


@dataclass
class Result:
    returncode: int | None  # None: still running at the timeout (then killed)
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __str__(self) -> str:  # the end of each stream: where a traceback says what went wrong
        def tail(text: str) -> str:
            lines = text.rstrip().splitlines()
            return "\n".join((["..."] if len(lines) > 12 else []) + lines[-12:])

        status = "still running (killed)" if self.returncode is None else f"exit {self.returncode}"
        return f"{status}\n--- stdout\n{tail(self.stdout)}\n--- stderr\n{tail(self.stderr)}"


class Xvfb:
    """An X server of our own on a random free display; ``stop()`` kills it."""

    def __init__(self, size: str = "1600x1000x24") -> None:
        for _ in range(20):
            number = random.randint(100, 899)
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            self.proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", size, "-nolisten", "tcp"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if self._ready(number):
                self.display = f":{number}"
                return
            self.stop()
        raise RuntimeError("Xvfb did not start on any free display")

    def _ready(self, number: int, timeout: float = 10) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.proc.poll() is None:
            with socket.socket(socket.AF_UNIX) as s:
                try:
                    s.connect(f"/tmp/.X11-unix/X{number}")
                except OSError:
                    time.sleep(0.02)
                    continue
            return self.proc.poll() is None  # the socket is ours only if our server still runs
        return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class RealApp:
    """``troupe ARGS`` on its own Xvfb screen. Use as a context manager."""

    def __init__(self, home: Path, args: list[str]) -> None:
        require_tools("Xvfb", "xdotool")
        self.home = home
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None
        self.x: Xvfb | None = None

    def __enter__(self) -> RealApp:
        self._out = open(self.home / "app.stdout", "w+b")  # noqa: SIM115 - closed in __exit__
        self._err = open(self.home / "app.stderr", "w+b")  # noqa: SIM115
        try:
            self.x = Xvfb()
            self.env = app_env(self.home, self.x.display)
            self.proc = subprocess.Popen([str(TROUPE), *self.args], env=self.env, cwd=self.home,
                                         stdout=self._out, stderr=self._err)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.x is not None:
            self.x.stop()
        self._out.close()
        self._err.close()

    # ------------------------------------------------------------------ X commands

    def xdotool(self, *args: str, check: bool = True, timeout: float = 10) -> str:
        try:
            done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            if check:
                raise AssertionError(f"xdotool {' '.join(args)} did not finish in {timeout} s") from None
            return ""
        if check and done.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def windows(self) -> list[int]:
        """The app's visible top-level windows (main window, dialogs)."""
        assert self.proc is not None
        out = self.xdotool("search", "--onlyvisible", "--pid", str(self.proc.pid), check=False)
        return [int(w) for w in out.split()]

    def window(self, timeout: float = 20, dialog: bool = False) -> int:
        """Wait for a visible window of the app (with ``dialog``: a dialog); fails if the app exits first."""
        assert self.proc is not None
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = [w for w in self.windows() if not dialog or self.is_dialog(w)]
            if found:
                return found[-1]
            if self.proc.poll() is not None:
                kind = "a dialog" if dialog else "a window"
                raise AssertionError(f"the app exited without showing {kind}:\n{self.result()}")
            time.sleep(0.05)
        raise AssertionError(f"no {'dialog' if dialog else 'window'} within {timeout} s; windows: {self.windows()}")

    def geometry(self, window: int) -> tuple[int, int, int, int]:
        """x, y, width, height of ``window`` on the screen."""
        values = dict(line.split("=") for line in self.xdotool("getwindowgeometry", "--shell", str(window)).split())
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def focus(self, window: int) -> None:
        """Give ``window`` the keyboard focus (a click inside it if setting the focus does not take)."""
        self.xdotool("windowactivate", "--sync", str(window), check=False, timeout=3)
        self.xdotool("windowfocus", "--sync", str(window), check=False, timeout=3)
        if self.xdotool("getwindowfocus", check=False) != str(window):
            x, y, w, h = self.geometry(window)
            self.click(x + w // 2, y + h // 2)

    def key(self, *keys: str) -> None:
        """Press keys (xdotool names: ``ctrl+q``, ``Return``, ``F2``) in the focused window."""
        self.xdotool("key", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        """Type ASCII text into the focused widget."""
        assert text.isascii(), "xdotool types only ASCII reliably; paste other text"
        self.xdotool("type", "--delay", "30", text)

    def click(self, x: int, y: int) -> None:
        """Left click at screen coordinates."""
        # not --sync: it waits for the pointer to move, forever when it is already there
        self.xdotool("mousemove", str(x), str(y), "sleep", "0.05", "click", "1")

    def screenshot(self, path: Path) -> Path:
        """The whole screen as a PNG (needs ImageMagick's ``import``)."""
        require_tools("import")
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True, timeout=20,
                       capture_output=True)
        return path

    def close_window(self, window: int) -> None:
        """Ask ``window`` to close as a window manager's close button does (WM_DELETE_WINDOW)."""
        with X11(self.env["DISPLAY"]) as x:
            x.send_delete_window(window)

    def is_dialog(self, window: int) -> bool:
        """Whether ``window`` is a dialog (a message box, a file dialog) rather than a main window."""
        with X11(self.env["DISPLAY"]) as x:
            return "_NET_WM_WINDOW_TYPE_DIALOG" in x.window_types(window)

    # ------------------------------------------------------------------ the process

    def wait(self, timeout: float = 15) -> Result:
        """Wait for the app to exit; after ``timeout`` it is stopped and the result says None."""
        assert self.proc is not None
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            return self.result(running=True)
        return self.result()

    def result(self, running: bool = False) -> Result:
        assert self.proc is not None
        self._out.seek(0)
        self._err.seek(0)
        return Result(None if running else self.proc.returncode,
                      self._out.read().decode(errors="replace"), self._err.read().decode(errors="replace"))


# ---------------------------------------------------------------------- libX11: what a window manager does

class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


class X11:
    """A connection to ``display`` through libX11 (ctypes): close requests and window types."""

    def __init__(self, display: str) -> None:
        name = ctypes.util.find_library("X11")
        if name is None:
            pytest.skip("libX11 is not installed")
        x = self.lib = ctypes.CDLL(name)
        ptr, ulong = ctypes.c_void_p, ctypes.c_ulong
        x.XOpenDisplay.restype = ptr
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XInternAtom.restype = ulong
        x.XInternAtom.argtypes = [ptr, ctypes.c_char_p, ctypes.c_int]
        x.XGetAtomName.restype = ptr
        x.XGetAtomName.argtypes = [ptr, ulong]
        x.XSendEvent.argtypes = [ptr, ulong, ctypes.c_int, ctypes.c_long, ctypes.POINTER(_XEvent)]
        x.XGetWindowProperty.argtypes = [ptr, ulong, ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int, ulong,
                                         ctypes.POINTER(ulong), ctypes.POINTER(ctypes.c_int),
                                         ctypes.POINTER(ulong), ctypes.POINTER(ulong), ctypes.POINTER(ptr)]
        x.XFree.argtypes = x.XFlush.argtypes = x.XCloseDisplay.argtypes = [ptr]
        self.dpy = x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise AssertionError(f"cannot open X display {display}")

    def __enter__(self) -> X11:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lib.XCloseDisplay(self.dpy)

    def atom(self, name: str) -> int:
        return int(self.lib.XInternAtom(self.dpy, name.encode(), False))

    def send_delete_window(self, window: int) -> None:
        """The ICCCM WM_PROTOCOLS / WM_DELETE_WINDOW client message (a close button's request)."""
        event = _XEvent()
        msg = event.xclient
        msg.type = 33  # ClientMessage
        msg.window = window
        msg.message_type = self.atom("WM_PROTOCOLS")
        msg.format = 32
        msg.data[0] = self.atom("WM_DELETE_WINDOW")  # data[1] = 0: CurrentTime
        if not self.lib.XSendEvent(self.dpy, window, False, 0, ctypes.byref(event)):
            raise AssertionError("XSendEvent failed")
        self.lib.XFlush(self.dpy)

    def window_types(self, window: int) -> list[str]:
        """``_NET_WM_WINDOW_TYPE`` of ``window``, e.g. ``["_NET_WM_WINDOW_TYPE_DIALOG", ...]``."""
        kind, fmt = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        self.lib.XGetWindowProperty(self.dpy, window, self.atom("_NET_WM_WINDOW_TYPE"), 0, 32, False, 4,  # XA_ATOM
                                    ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count),
                                    ctypes.byref(after), ctypes.byref(data))
        if not data.value:
            return []
        atoms = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[:count.value]
        self.lib.XFree(data)
        names = []
        for atom in atoms:
            name = self.lib.XGetAtomName(self.dpy, atom)
            names.append(ctypes.string_at(name).decode())
            self.lib.XFree(name)
        return names
