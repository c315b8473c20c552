"""``troupe install-desktop``: puts Troupe into a Linux desktop's application menu and makes ``.troupe``
files open with it (freedesktop.org: a ``.desktop`` entry, a MIME type, icons and AppStream metainfo).
``commands()`` lists it for ``studio.cli`` to register.

* ``troupe install-desktop`` — writes into the user's data folder (``$XDG_DATA_HOME``, else
  ``~/.local/share``): ``applications/troupe.desktop`` (its ``Exec`` is the program that runs the command:
  the one-folder app, or the ``troupe`` of the Python environment), ``mime/packages/troupe.xml``
  (``application/x-troupe-project``), ``icons/hicolor/*/apps/troupe.*`` and ``metainfo/io.troupe.Troupe.metainfo.xml``,
  then refreshes the MIME and application caches when ``update-mime-database`` / ``update-desktop-database``
  are installed.
* ``troupe install-desktop --remove`` — removes exactly those files again.
* ``--data-dir DIR`` — another data folder, e.g. ``/usr/local/share`` for every user of the machine.

The files come from ``resources/desktop/`` and ``resources/icons/`` (of a checkout, the installed package or the
one-folder app). Bad input and failures are a sentence and exit 2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from studio.resources import resources_dir

DESKTOP = "troupe.desktop"
MIME = "troupe-mime.xml"
METAINFO = "io.troupe.Troupe.metainfo.xml"
ICON_SIZES = (48, 128, 256)
#: Characters that make an ``Exec`` argument need double quotes (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class UserError(click.ClickException):
    """A sentence for the user; exit code 2 (as ``studio.cli`` says it)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


@dataclass(frozen=True)
class Placement:
    """One file of the desktop integration: where it comes from and where it goes (relative to the data dir)."""

    source: Path
    target: Path


def placements() -> list[Placement]:
    """Every file ``install-desktop`` writes, or a UserError naming what this installation lacks."""
    folder, icons = resources_dir() / "desktop", resources_dir() / "icons"
    if not all(f.is_file() for f in (folder / DESKTOP, folder / MIME, icons / "troupe.svg")):
        raise UserError(f"this installation of Troupe lacks its desktop files (in {folder} and {icons}); "
                        "install Troupe again.")
    out = [Placement(folder / DESKTOP, Path("applications") / DESKTOP),
           Placement(folder / MIME, Path("mime") / "packages" / "troupe.xml"),
           Placement(icons / "troupe.svg", Path("icons") / "hicolor" / "scalable" / "apps" / "troupe.svg")]
    out += [Placement(icons / f"troupe-{n}.png", Path("icons") / "hicolor" / f"{n}x{n}" / "apps" / "troupe.png")
            for n in ICON_SIZES if (icons / f"troupe-{n}.png").is_file()]
    if (folder / METAINFO).is_file():
        out.append(Placement(folder / METAINFO, Path("metainfo") / METAINFO))
    return out


def program() -> list[str]:
    """The command line that starts this Troupe: the frozen app, the ``troupe`` script, else ``python -m studio``."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.stem == "troupe" and argv0.is_file():
        return [str(argv0.absolute())]
    found = shutil.which("troupe")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "studio"]


def exec_quote(arg: str) -> str:
    """One argument of an ``Exec`` value, quoted as the Desktop Entry spec asks (then string-escaped)."""
    arg = arg.replace("%", "%%")
    if any(c in _RESERVED for c in arg):
        arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg.replace("\\", "\\\\")


def desktop_entry(template: str, command: list[str]) -> str:
    """The .desktop text with ``Exec`` (and ``TryExec``) pointing at ``command``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(exec_quote(a) for a in command) + " %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir())  # $XDG_DATA_HOME, else ~/.local/share


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _refresh(data_dir: Path) -> list[str]:
    """Runs the cache tools that are installed; returns a sentence for each one that failed."""
    problems = []
    steps = [("update-mime-database", [str(data_dir / "mime")]),
             ("update-desktop-database", ["-q", str(data_dir / "applications")])]
    if (data_dir / "icons" / "hicolor" / "index.theme").is_file():
        steps.append(("gtk-update-icon-cache", ["-q", "-t", "-f", str(data_dir / "icons" / "hicolor")]))
    for tool, args in steps:
        exe = shutil.which(tool)
        if exe is None:
            continue
        try:
            done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            problems.append(f"{tool} did not run ({exc}).")
            continue
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            problems.append(f"{tool} failed: {said[-1] if said else f'exit {done.returncode}'}.")
    return problems


def install(data_dir: Path, command: list[str]) -> list[Path]:
    """Writes every placement under ``data_dir``; returns the files written."""
    written = []
    for p in placements():
        data = p.source.read_bytes()
        if p.target.name == DESKTOP:
            data = desktop_entry(data.decode("utf-8"), command).encode("utf-8")
        _write(data_dir / p.target, data)
        written.append(data_dir / p.target)
    return written


def remove(data_dir: Path) -> list[Path]:
    """Removes the files ``install`` writes; returns those that were there."""
    removed = []
    for p in placements():
        path = data_dir / p.target
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


@click.command("install-desktop")
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="Data folder to install into (default: $XDG_DATA_HOME, else ~/.local/share).")
@click.option("--remove", "uninstall", is_flag=True, help="Remove the files an install wrote.")
def install_desktop_cmd(data_dir: str | None, uninstall: bool) -> None:
    """Add Troupe to the desktop's application menu and open .troupe files with it (Linux)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        raise UserError("install-desktop is for Linux desktops (freedesktop.org); on this system start Troupe "
                        "with the troupe command or make a shortcut to it.")
    target = Path(data_dir).expanduser().absolute() if data_dir else default_data_dir()
    try:
        files = remove(target) if uninstall else install(target, program())
    except OSError as exc:
        raise UserError(f"could not write in {target}: {exc.strerror or exc}. Choose a folder you can write "
                        "to with --data-dir.") from exc
    problems = _refresh(target)
    for path in files:
        click.echo(f"{'Removed' if uninstall else 'Wrote'} {path}")
    for sentence in problems:
        click.echo(f"troupe: {sentence} The files are in place; logging out and in again picks them up.", err=True)
    if uninstall:
        click.echo("Troupe is no longer in the application menu." if files else "Nothing to remove.")
    else:
        click.echo("Troupe is in the application menu, and .troupe files open with it.")


def commands() -> list[click.Command]:
    return [install_desktop_cmd]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(click.Group(commands={c.name or "": c for c in commands()})())
