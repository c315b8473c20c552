"""The desktop integration: the .desktop entry, the AppStream metainfo and the MIME type validate, the MIME
magic recognises a real project file, and ``troupe install-desktop`` writes (and removes) them in the user's
XDG data folder. The validators run when they are installed (desktop-file-utils, appstream,
shared-mime-info) and are skipped otherwise."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from studio.cli import main
from studio.store.project_file import ProjectStore

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "resources" / "desktop"
ICONS = ROOT / "resources" / "icons"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} is not installed")
    return exe


def _desktop_keys(text: str) -> dict[str, str]:
    keys = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            k, v = line.split("=", 1)
            keys[k] = v
    return keys


def test_desktop_file_validates() -> None:
    done = subprocess.run([_tool("desktop-file-validate"), str(PACKAGING / "troupe.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_validates() -> None:
    done = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--explain",
                           str(PACKAGING / "io.troupe.Troupe.metainfo.xml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower().replace("errors: 0", ""), done.stdout


def test_the_files_name_the_same_icon_mime_type_and_desktop_id() -> None:
    keys = _desktop_keys((PACKAGING / "troupe.desktop").read_text(encoding="utf-8"))
    assert keys["MimeType"] == "application/x-troupe-project;"
    assert keys["Icon"] == "troupe" and "%f" in keys["Exec"]
    meta = ET.parse(PACKAGING / "io.troupe.Troupe.metainfo.xml").getroot()
    assert meta.findtext("launchable") == "troupe.desktop"
    assert meta.findtext("provides/mediatype") == "application/x-troupe-project"
    mime = ET.parse(PACKAGING / "troupe-mime.xml").getroot().find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == "application/x-troupe-project"
    assert mime.find(f"{MIME_NS}glob").get("pattern") == "*.troupe"
    assert mime.find(f"{MIME_NS}icon").get("name") == "troupe"
    for n in (48, 128, 256):  # the PNGs are renders of the SVG at their size
        png = (ICONS / f"troupe-{n}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == n and int.from_bytes(png[20:24], "big") == n
    assert ET.parse(ICONS / "troupe.svg").getroot().tag.endswith("svg")


def _magic(xml: Path) -> list[tuple[int, bytes]]:
    """The nested (offset, bytes) matches of the MIME type's magic, outermost first."""
    out = []
    node = ET.parse(xml).getroot().find(f"{MIME_NS}mime-type/{MIME_NS}magic")
    while node is not None:
        node = node.find(f"{MIME_NS}match")
        if node is not None:
            assert node.get("type") == "string"
            value = node.get("value", "").encode("latin-1").decode("unicode_escape").encode("latin-1")
            out.append((int(node.get("offset", "0")), value))
    return out


def test_the_magic_matches_a_project_file_and_not_another_sqlite_file(tmp_path: Path) -> None:
    import sqlite3

    store = ProjectStore.create(tmp_path / "p.troupe", "Probe")
    store.close()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    matches = _magic(PACKAGING / "troupe-mime.xml")
    assert len(matches) == 2
    project, plain = (tmp_path / "p.troupe").read_bytes(), other.read_bytes()
    assert all(project[off:off + len(v)] == v for off, v in matches)
    assert not all(plain[off:off + len(v)] == v for off, v in matches)


def _install(data_home: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["install-desktop"], env={"XDG_DATA_HOME": str(data_home)})
    return result.exit_code, result.output


def test_install_desktop_writes_into_xdg_data_home(tmp_path: Path) -> None:
    data = tmp_path / "share"
    code, said = _install(data)
    assert code == 0, said
    desktop = data / "applications" / "troupe.desktop"
    expected = [desktop, data / "mime" / "packages" / "troupe.xml",
                data / "icons" / "hicolor" / "scalable" / "apps" / "troupe.svg",
                data / "metainfo" / "io.troupe.Troupe.metainfo.xml"]
    expected += [data / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "troupe.png" for n in (48, 128, 256)]
    for path in expected:
        assert path.is_file(), said
        assert str(path) in said
    assert (data / "icons/hicolor/48x48/apps/troupe.png").read_bytes() == (ICONS / "troupe-48.png").read_bytes()
    keys = _desktop_keys(desktop.read_text(encoding="utf-8"))
    program = keys["Exec"].removesuffix(" %f").split(" ")[0]
    assert Path(program).is_absolute() and Path(program).is_file(), keys["Exec"]
    assert keys["MimeType"] == "application/x-troupe-project;"
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    if shutil.which("update-mime-database"):  # the cache the desktop reads was rebuilt with the new type
        assert "application/x-troupe-project:*.troupe" in (data / "mime" / "globs2").read_text()
    if shutil.which("update-desktop-database"):
        assert "application/x-troupe-project=troupe.desktop;" in (data / "applications" / "mimeinfo.cache").read_text()

    result = CliRunner().invoke(main, ["install-desktop", "--remove"], env={"XDG_DATA_HOME": str(data)})
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in expected)


def test_gio_sees_a_project_as_a_troupe_project_after_install(tmp_path: Path) -> None:
    gio = _tool("gio")
    _tool("update-mime-database")
    data = tmp_path / "share"
    assert _install(data)[0] == 0
    ProjectStore.create(tmp_path / "p.troupe", "Probe").close()
    (tmp_path / "no-suffix").write_bytes((tmp_path / "p.troupe").read_bytes())  # known by its magic alone
    env = {"XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": f"{data}:/usr/local/share:/usr/share", "PATH": "/usr/bin:/bin"}
    for name in ("p.troupe", "no-suffix"):
        done = subprocess.run([gio, "info", "-a", "standard::content-type", str(tmp_path / name)],
                              capture_output=True, text=True, env=env)
        assert "application/x-troupe-project" in done.stdout, done.stdout + done.stderr


def test_exec_arguments_are_quoted_as_the_desktop_spec_asks() -> None:
    from studio.cli_desktop import desktop_entry, exec_quote

    assert exec_quote("/opt/troupe/troupe") == "/opt/troupe/troupe"
    assert exec_quote("/home/a b/troupe") == '"/home/a b/troupe"'
    assert exec_quote('/x/$HOME"q') == '"/x/\\\\$HOME\\\\"q"'  # \$ and \" inside quotes, then \\ escaped
    assert exec_quote("/x/100%") == "/x/100%%"
    text = desktop_entry("[Desktop Entry]\nExec=troupe %f\nTryExec=troupe\n", ["/home/a b/troupe"])
    assert 'Exec="/home/a b/troupe" %f' in text and "TryExec=/home/a b/troupe" in text


def test_install_desktop_says_when_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["install-desktop", "--data-dir", str(blocker / "share")])
    assert result.exit_code == 2
    assert "could not write" in result.output and "Traceback" not in result.output


def test_pip_installs_the_resources_the_code_reads() -> None:
    """A wheel carries resources/ beside studio/ (studio.resources looks there): the demo series, the compiled
    translations, the icons and the desktop files, matched by pyproject's package-data."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "resources" in config["packages"]["find"]["include"]
    patterns = config["package-data"]["resources"]
    needed = [ROOT / "resources" / "demo" / "demo_series.json", *(ROOT / "resources" / "translations").glob("*.qm"),
              *PACKAGING.iterdir(), *ICONS.iterdir()]
    for path in needed:
        rel = path.relative_to(ROOT / "resources").as_posix()
        assert any(fnmatch.fnmatch(rel, p) for p in patterns), f"{rel} would be missing from an installed Troupe"
