"""The ``troupe`` command: the studio's services without a window (and the way to open the window).

Every command prints a sentence and exits non-zero on bad input; none of them shows a traceback for a
user's mistake. Async services run under ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from studio.cli_numbers import number, whole
from studio.cli_video import export_video_cmd, video_options, wants_video
from studio.domain.model import ENGINES
from studio.engines.speech import EngineError, SpeechEngine
from studio.store.project_file import ProjectError, ProjectStore

T = TypeVar("T")


class UserError(click.ClickException):
    """A sentence for the user; exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


def _run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def _open(path: str, *, view: bool = False) -> ProjectStore:
    """The project at ``path`` to change; with ``view``, a project that cannot be written opens read-only."""
    from studio.store.project_file import ProjectReadOnlyError

    try:
        try:
            return ProjectStore.open(path)
        except ProjectReadOnlyError as exc:
            if not view:
                raise
            click.echo(f"Note: {exc}", err=True)
            return ProjectStore.open_readonly(path)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc


def _engine(name: str | None, store: ProjectStore | None = None) -> SpeechEngine:
    from studio.actions.engines import create, engine_model
    from studio.settings import Settings

    settings = Settings()
    if settings.problem:  # a damaged settings file: its defaults are used, and the user is told once
        click.echo(f"Note: {settings.problem}", err=True)
    name = name or (store.settings.engine if store else settings.get("engine"))
    try:
        return create(name, engine_model(name, store.settings if store else None, settings) or None)
    except EngineError as exc:
        raise UserError(str(exc)) from exc


def _episode_ids(store: ProjectStore, number: int | None) -> list[int]:
    try:
        if number is not None:
            return [store.episode_by_number(number).id]
    except ProjectError as exc:
        raise UserError(str(exc)) from exc
    ids = [e.id for e in store.episodes()]
    if not ids:
        raise UserError(f"{store.path.name} has no episodes yet. Add one with `troupe import SCRIPT PROJECT`.")
    return ids


class _StudioGroup(click.Group):
    """A group whose optional first argument is a project to open, not a command name."""

    _VALUE_OPTIONS = ("--screenshot", "--lang")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = list(args)
        i = 0
        while i < len(args):
            arg = args[i]
            if arg in self._VALUE_OPTIONS:
                i += 2
                continue
            if arg.startswith("-"):
                i += 1
                continue
            if arg not in self.commands:
                ctx.meta["troupe.project"] = args.pop(i)
            break
        return super().parse_args(ctx, args)


@click.group(cls=_StudioGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--screenshot", type=click.Path(dir_okay=False), help="Draw the window into this PNG and exit.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="UI language.")
@click.version_option(package_name="troupe")
@click.pass_context
def main(ctx: click.Context, screenshot: str | None, lang: str | None) -> None:
    """Troupe: write, cast, render and export AI-voiced short dramas.

    \b
    troupe [PROJECT]   opens the studio on PROJECT (or the last project, or the demo series)
    troupe COMMAND ... runs one job without a window (see the commands below)
    """
    if ctx.invoked_subcommand is not None:
        return
    from studio.app import run_studio

    sys.exit(run_studio(ctx.meta.get("troupe.project"), screenshot=screenshot, language=lang))


def _read_script(script: str, subtitles: str | None = None, stream: int | None = None,
                 encoding: str | None = None) -> Any:
    from studio.actions.importing import encoding_notice, read_script_file, uncertain_encoding
    from studio.formats.script_import import ScriptImportError
    from studio.formats.timed import read_video_script

    try:
        if subtitles is not None or stream is not None:
            return read_video_script(script, subtitles, stream=stream)
        draft = read_script_file(script, encoding)
    except ScriptImportError as exc:
        raise UserError(str(exc)) from exc
    guessed = uncertain_encoding(draft, encoding)
    if guessed is not None:
        click.echo(f"Note: {encoding_notice(guessed)} Name it with --encoding (for example --encoding big5).",
                   err=True)
    return draft


def _import(store: ProjectStore, draft: Any, title: str | None, name: str | None = None) -> None:
    from studio.actions.importing import apply_import, plan_import

    plan = plan_import(store, draft, title=title)
    try:
        result = apply_import(store, plan)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc
    n = [e.id for e in store.episodes()].index(result.episode.id) + 1
    created = f", new roles: {', '.join(r.name for r in result.roles)}" if result.roles else ""
    locked = " locked to their subtitle times" if any(p.line.cue_start_ms is not None for p in plan.lines) else ""
    video = f"; its video: {Path(plan.source_video).name}" if plan.source_video else ""
    click.echo(f"Imported {len(plan.lines)} lines{locked} as episode {n} “{result.episode.title}” "
               f"into {name or store.path.name}{created}{video}.")


_ENCODING_HELP = ("The text encoding of a text SCRIPT (utf-8, gb18030, big5, shift_jis, cp1252 …; default: told from "
                  "its bytes, with a note when that is a guess).")


@main.command("new")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--from", "script", type=click.Path(exists=True, dir_okay=False), help="Import this script.")
@click.option("--title", help="Series title (default: the file name).")
@click.option("--demo", is_flag=True, help="Create the demo series instead of an empty project.")
@click.option("--encoding", help=_ENCODING_HELP)
def new_cmd(project: str, script: str | None, title: str | None, demo: bool, encoding: str | None) -> None:
    """Create a new PROJECT (.troupe file)."""
    path = Path(project)
    if path.suffix != ".troupe":
        path = path.with_suffix(".troupe")
    if path.exists():
        raise UserError(f"{path} already exists; choose another name.")
    draft = _read_script(script, encoding=encoding) if script else None  # parse fully first: a bad script creates nothing
    if demo:
        from studio.formats.project_build import create_demo_project

        store = create_demo_project(path)
    else:
        try:
            if draft is None:
                store = ProjectStore.create(path, title or path.stem)
            else:  # the project appears with its first episode, or not at all
                store, _ = ProjectStore.create_filled(path, title or path.stem,
                                                      lambda s: _import(s, draft, None, path.name))
        except ProjectError as exc:
            raise UserError(str(exc)) from exc
    with store:
        if demo and draft is not None:
            _import(store, draft, None)
        click.echo(f"Created {path}.")


@main.command("import")
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--title", help="Episode title (default: from the script).")
@click.option("--subtitles", type=click.Path(exists=True, dir_okay=False),
              help="With a video as SCRIPT: its subtitle file (default: one beside it, else its own stream).")
@click.option("--stream", type=click.IntRange(1, 99), help="With a video as SCRIPT: which of its subtitle streams.")
@click.option("--encoding", help=_ENCODING_HELP)
def import_cmd(script: str, project: str, title: str | None, subtitles: str | None, stream: int | None,
               encoding: str | None) -> None:
    """Add SCRIPT as a new episode of PROJECT (created if needed).

    SCRIPT: CSV/TSV/XLSX with role and text columns, "Role: line" text, MiniMax bulk JSON, subtitles
    (SRT/ASS/VTT: lines locked to their times), or a video to dub (with its subtitles).
    """
    draft = _read_script(script, subtitles, stream, encoding)  # parse fully first: a bad script creates or changes nothing
    path = Path(project)
    if path.exists():
        store = _open(project)
    else:
        if path.suffix != ".troupe":
            raise UserError(f"{project} does not exist; name a new project with the .troupe suffix.")
        try:  # a new project appears with the import, or not at all
            store, _ = ProjectStore.create_filled(path, path.stem, lambda s: _import(s, draft, title, path.name))
        except ProjectError as exc:
            raise UserError(str(exc)) from exc
        store.close()
        return
    with store:
        _import(store, draft, title)


def _announce(batch: Any) -> None:
    if batch.cast:
        click.echo(f"Auto-cast for {batch.engine} (change with `troupe cast`):")
        for role, voice in batch.cast.items():
            click.echo(f"  {role} → {voice}")
    if batch.jobs and batch.cost is not None:
        click.echo(f"{len(batch.jobs)} lines, {batch.chars} characters to render with {batch.model}: "
                   f"about {batch.cost} (prices from settings).")
    for notice in getattr(batch, "notices", []):  # sound tags or pauses the engine cannot honour
        click.echo(f"Note: {notice}")


async def _render(store: ProjectStore, engine: SpeechEngine, episode_ids: list[int], jobs: int | None,
                  quiet: bool = False, doubtful: bool = False) -> tuple[dict[int, str], int]:
    """Render every stale line of the episodes (``doubtful``: the lines whose take a check found doubtful,
    again). Returns (failures line id -> message, engine calls)."""
    from studio.actions import ActionError
    from studio.actions.render import Which, render
    from studio.render.scheduler import RenderEvent

    bar: Any = None

    def planned(batch: Any) -> None:
        nonlocal bar
        _announce(batch)
        if batch.jobs:
            bar = click.progressbar(length=len(batch.jobs), file=sys.stderr, show_pos=True,
                                    label=f"Rendering {len(batch.jobs)} lines with {engine.name}")
            bar.__enter__()
        elif doubtful:
            click.echo("No take is doubtful: run `troupe check` to hear the takes first.")
        elif not quiet and not batch.unrenderable:
            click.echo("Nothing to render: every line is up to date.")

    def on_event(event: RenderEvent) -> None:
        if bar is not None and event.kind in ("done", "cached", "failed", "cancelled"):
            bar.update(1)

    try:
        batch, report = await render(store, engine, episode_ids, jobs=jobs, on_event=on_event, on_planned=planned,
                                     which=Which.DOUBTFUL if doubtful else Which.STALE)
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if report.stopped:
        raise UserError(report.stopped)
    failures = dict(batch.unrenderable)
    failures.update(report.failed)
    return failures, report.engine_calls


def _report_failures(store: ProjectStore, failures: dict[int, str]) -> None:
    if not failures:
        return
    click.echo(f"{len(failures)} line(s) failed:", err=True)
    numbering = {}
    for ep_no, ep in enumerate(store.episodes(), 1):
        for ln in store.lines(ep.id):
            numbering[ln.id] = (ep_no, ln.position + 1, ln.text)
    for line_id, message in failures.items():
        ep_no, pos, text = numbering.get(line_id, (0, 0, ""))
        click.echo(f"  episode {ep_no} line {pos} “{text[:30]}”: {message}", err=True)


@main.command("render")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--episode", "-e", type=whole(1), help="Episode number (default: all).")
@click.option("--engine", type=click.Choice(ENGINES), help="Speech engine (default: the project's).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Lines rendered at once.")
@click.option("--doubtful", is_flag=True, help="Instead, render again the lines whose take `troupe check` found "
              "doubtful (another reading of each).")
def render_cmd(project: str, episode: int | None, engine: str | None, jobs: int | None, doubtful: bool) -> None:
    """Render every stale line of PROJECT (finished takes are reused for free)."""
    store = _open(project)
    with store:
        eng = _engine(engine, store)

        async def go() -> tuple[dict[int, str], int]:
            try:
                return await _render(store, eng, _episode_ids(store, episode), jobs, doubtful=doubtful)
            finally:
                await eng.aclose()

        failures, calls = _run(go())
        click.echo(f"Engine calls: {calls}.")
        _report_failures(store, failures)
        if failures:
            sys.exit(1)


@main.command("export")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="One episode's audio file: .wav .flac .mp3 .m4a or .opus (side files go next to it).")
@click.option("--episode", "-e", type=whole(1), default=None, help="Episode number for -o (default 1).")
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Export a batch into this folder (see --episodes, --name, --format).")
@click.option("--episodes", default=None, help="Episodes of the batch: all, 3, 1-5 or 1,3,7-9 (default all).")
@click.option("--name", "pattern", default="{series}-E{nn}-{lang}", show_default=True,
              help="File names of the batch, from {series} {nn} {n} {title} {lang}.")
@click.option("--format", "fmt", type=click.Choice(["wav", "flac", "mp3", "m4a", "opus", "mp4"]), default="mp3",
              show_default=True, help="Format of the batch (mp4: video).")
@click.option("--rate", type=whole(1, None, "Hz"), help="Sample rate in Hz (default: the project's).")
@click.option("--stereo/--mono", default=None, help="Stereo or mono (default: stereo when there is music, "
              "effects or pans).")
@click.option("--stems", is_flag=True, help="Also one WAV per role (and music, effects), aligned with the mix.")
@click.option("--music", type=click.Path(exists=True, dir_okay=False),
              help="A music bed under the episodes, for this export (the project keeps its own).")
@click.option("--duck", type=number(0, 40, "dB"),
              help="How many dB the music goes down under speech (default 12; 0: off).")
@click.option("--subtitles", default="srt", show_default=True, help="Comma list of srt,vtt,ass,json (or none).")
@click.option("--speaker-names", is_flag=True, help="Put the role's name before its subtitles.")
@click.option("--max-chars", type=whole(4, 200), help="Characters per subtitle line (longer cues are split).")
@click.option("--max-lines", type=click.IntRange(1, 4), help="Lines per subtitle (default 1).")
@click.option("--max-cps", type=number(1, 100), help="Reading speed limit, characters a second.")
@click.option("--karaoke", is_flag=True, help="Also a karaoke ASS (NAME.karaoke.ass): each word lit as it is heard.")
@click.option("--words", "word_json", is_flag=True, help="Also each word's time as JSON (NAME.words.json).")
@click.option("--visemes", is_flag=True, help="Also a viseme track for lip-sync as JSON (NAME.visemes.json).")
@click.option("--otio", is_flag=True, help="Also an OpenTimelineIO timeline for an editor.")
@click.option("--audacity", is_flag=True, help="Also an Audacity label track (use with --stems).")
@click.option("--preset", "preset_name", type=click.Choice(["short-video", "podcast", "streaming", "ebu-r128", "atsc"]),
              help="Loudness target and true-peak ceiling by use.")
@click.option("--lufs", type=number(-40, -5, "LUFS"),
              help="Loudness target (default: the preset's, else the project's, -16).")
@click.option("--true-peak", type=number(-9, 0, "dBTP"),
              help="True-peak ceiling in dBTP (default: the preset's or the project's).")
@click.option("--engine", type=click.Choice(ENGINES), help="Speech engine (default: the project's).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Lines rendered at once.")
@click.option("--force", is_flag=True, help="Replace files that exist though no export wrote them (never the "
              "project or the music it reads).")
@video_options
def export_cmd(project: str, output: str | None, episode: int | None, out_dir: str | None, episodes: str | None,
               pattern: str, fmt: str, rate: int | None, stereo: bool | None, stems: bool, music: str | None,
               duck: float | None, subtitles: str, speaker_names: bool, max_chars: int | None,
               max_lines: int | None, max_cps: float | None, karaoke: bool, word_json: bool, visemes: bool,
               otio: bool, audacity: bool, preset_name: str | None,
               lufs: float | None, true_peak: float | None, engine: str | None, jobs: int | None, force: bool,
               **video: Any) -> None:
    """Export episodes of PROJECT as audio plus subtitles, or as video (renders stale lines first).

    \b
    One episode:  troupe export P.troupe -o ep1.mp3 [-e 1]
    A batch:      troupe export P.troupe --out-dir out --episodes 1-5 --name "{series}-E{nn}-{lang}"
    A video:      troupe export P.troupe -o ep1.mp4 --video cover.png --aspect 9:16 [--bilingual]
    Each file's measured loudness and true peak are printed.
    """
    args = dict(locals())
    if wants_video(args):
        export_video_cmd(args)
        return
    from studio.actions import ActionError
    from studio.actions import export as exporting
    from studio.formats.subtitles import SubtitleOptions

    if (output is None) == (out_dir is None):
        raise UserError("Give either -o FILE (one episode) or --out-dir DIR (a batch).")
    if output is not None and episodes is not None:
        raise UserError("--episodes goes with --out-dir; for one file use -e N.")
    if out_dir is not None and episode is not None:
        raise UserError("-e goes with -o; for a batch use --episodes.")
    options = None
    if speaker_names or max_chars is not None or max_lines is not None or max_cps is not None:
        options = SubtitleOptions(max_chars=max_chars, max_lines=max_lines or 1, max_cps=max_cps,
                                  speaker_names=speaker_names)
    try:
        bed = exporting.read_music(music, duck) if music else None
        if duck is not None and music is None:
            raise ActionError("--duck needs --music.")
        common: dict[str, Any] = dict(subtitles=subtitles, lufs=lufs, true_peak_db=true_peak, preset_name=preset_name,
                                      sample_rate=rate, stereo=stereo, stems=stems, otio=otio, audacity=audacity,
                                      subtitle_options=options, music=bed, karaoke=karaoke, words=word_json,
                                      visemes=visemes)
        single = exporting.check_request(output, **common) if output is not None else None
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    store = _open(project, view=True)  # a read-only project exports what is rendered
    with store:
        try:
            if single is not None:
                ep_ids = _episode_ids(store, episode or 1)
                exporting.check_files(store, single, force)  # before anything renders
                batch = None
            else:
                assert out_dir is not None
                Path(out_dir).mkdir(parents=True, exist_ok=True)
                common.pop("subtitles")
                batch = exporting.check_batch(store, out_dir, episodes=episodes, pattern=pattern, format=fmt,
                                              subtitles=subtitles, **common)
                ep_ids = [item.episode_id for item in batch.items]
                batch.check_files(store, force)
        except (ActionError, OSError) as exc:
            raise UserError(str(exc) if isinstance(exc, ActionError) else
                            f"Cannot make the folder {out_dir} ({exc.strerror or exc}).") from exc
        eng = _engine(engine, store)

        async def go() -> tuple[dict[int, str], list[Any], dict[int, str]]:
            from studio.render.planner import RenderPlanner

            try:  # nothing can be rendered into a read-only project
                failures = {} if store.read_only else (await _render(store, eng, ep_ids, jobs, quiet=True))[0]
            finally:
                await eng.aclose()
            planner = RenderPlanner(store, eng)
            plans = {ep_id: planner.plan(ep_id) for ep_id in ep_ids}
            left = sum(exporting.unrendered_counts(plans).values()) if store.read_only else 0
            if left:
                click.echo(f"{left} unrendered line(s) are left out: the project is read-only, so they cannot be "
                           "rendered into it.", err=True)
            if single is not None:
                result = await asyncio.to_thread(exporting.export, store, ep_ids[0], plans[ep_ids[0]], single,
                                                force=force)
                return failures, [result], {}
            assert batch is not None
            bar = click.progressbar(length=1000, file=sys.stderr, label=f"Exporting {len(batch.items)} episode(s)")
            shown = [0]

            def progress(p: Any) -> None:
                step = int(p.fraction * 1000) - shown[0]
                if step > 0:
                    bar.update(step)
                    shown[0] += step

            with bar:
                report = await asyncio.to_thread(exporting.export_batch, store, batch, plans, progress=progress,
                                                  force=force)
            return failures, [f.result for f in report.files], report.skipped

        try:
            failures, results, skipped = _run(go())
        except (ActionError, ValueError, OSError) as exc:
            raise UserError(str(exc)) from exc
        except Exception as exc:
            from studio.audio.ffmpeg import ExportError

            if isinstance(exc, ExportError):
                raise UserError(str(exc)) from exc
            raise
        for result in results:
            click.echo(f"Exported {result.audio_path} ({result.duration_ms / 1000:.1f} s, {result.lines} lines, "
                       f"{result.measured_lufs:.1f} LUFS, true peak {result.measured_true_peak_dbtp:.1f} dBTP).")
            for p in result.subtitle_paths:
                click.echo(f"Subtitles: {p}")
            for p in result.word_paths:
                click.echo(f"Word timings: {p}")
            if result.word_paths:
                click.echo(_word_sources(result.word_sources))
            if result.stem_paths:
                click.echo(f"Stems: {', '.join(p.name for p in result.stem_paths.values())} in "
                           f"{next(iter(result.stem_paths.values())).parent}")
            for extra in (result.otio_path, result.labels_path):
                if extra is not None:
                    click.echo(f"Editor file: {extra}")
        numbers = {e.id: n for n, e in enumerate(store.episodes(), 1)}
        for ep_id, why in skipped.items():
            click.echo(f"Episode {numbers.get(ep_id, '?')} was not exported: {why}.", err=True)
        _report_failures(store, failures)
        if failures:
            click.echo("The lines that failed are missing from the export.", err=True)
            sys.exit(1)


def _word_sources(sources: dict[str, int]) -> str:
    said = {"engine": "from the engine", "aligned": "aligned on the audio", "estimate": "estimated"}
    parts = [f"{n} {said.get(k, k)}" for k, n in sources.items() if n]
    return f"Word times of the lines: {', '.join(parts) or 'none'}."


def _demo_out() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Troupe demo"


@main.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the exported episodes (default: “Troupe demo” in your Documents folder).")
@click.option("--engine", type=click.Choice(ENGINES), default="kokoro", show_default=True)
@click.option("--window/--no-window", default=None,
              help="Open the studio afterwards (default: when a display is available).")
def demo_cmd(out_dir: str | None, engine: str, window: bool | None) -> None:
    """Render and export the demo series offline, then open it in the studio.

    The demo project lives in the user data folder; its episodes are exported to OUT as MP3 + SRT.
    """
    import os

    from studio.actions import ActionError
    from studio.actions import export as exporting
    from studio.formats.project_build import create_demo_project
    from studio.settings import data_dir

    path = data_dir() / "Demo.troupe"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_demo_project(path).close()
        click.echo(f"Created the demo series at {path}.")
    out = (Path(out_dir) if out_dir else _demo_out()).expanduser().resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot make the folder {out} ({exc.strerror or exc}); choose another with --out.") \
            from exc
    store = _open(str(path))
    with store:
        eng = _engine(engine, store)

        async def go() -> list[Any]:
            from studio.render.planner import RenderPlanner

            ids = _episode_ids(store, None)
            try:
                failures, _ = await _render(store, eng, ids, None)
            finally:
                await eng.aclose()
            _report_failures(store, failures)
            results = []
            for n, ep_id in enumerate(ids, 1):
                plans = RenderPlanner(store, eng).plan(ep_id)
                request = exporting.check_request(out / f"episode{n}.mp3", ("srt",))
                results.append(await asyncio.to_thread(exporting.export, store, ep_id, plans, request))
            return results

        try:
            results = _run(go())
        except (ActionError, OSError) as exc:
            raise UserError(str(exc)) from exc
        for r in results:
            click.echo(f"Exported {r.audio_path.name} ({r.duration_ms / 1000:.1f} s) and {r.subtitle_paths[0].name}.")
        click.echo(f"The demo's audio and subtitles are in {out}")
    has_display = sys.platform != "linux" or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if window is None:
        window = has_display
    if window:
        from studio.app import run_studio

        sys.exit(run_studio(str(path)))
    click.echo("No display here, so the studio window was not opened. With a display run "
               f"`troupe {path}`; headless, `xvfb-run troupe --screenshot shot.png {path}` draws it.")


@main.command("cast")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("role", required=False)
@click.argument("voice", required=False)
@click.option("--check", is_flag=True, help="List the roles whose voices sound alike on the engine (no change).")
@click.option("--engine", type=click.Choice(ENGINES), help="Engine the voice belongs to (default: the project's).")
@click.option("--effect", help="A voice effect for the role's lines: telephone, radio, echo, hall, robot or none.")
@click.option("--caption-colour", help="The role's caption colour in ASS subtitles and video, e.g. #ffcc00 "
              "(empty: the role's colour).")
@click.option("--caption-position", type=click.Choice(["bottom", "middle", "top"]),
              help="Where the role's captions sit in ASS subtitles and video.")
@click.option("--modify", "modify", metavar="SETTINGS",
              help="MiniMax voice modify for the role's lines: pitch=N (deeper … brighter), intensity=N (stronger "
                   "… softer), timbre=N (fuller … crisper), N from -100 to 100, comma-separated; or none.")
def cast_cmd(project: str, role: str | None, voice: str | None, engine: str | None, effect: str | None,
             caption_colour: str | None, caption_position: str | None, modify: str | None, check: bool) -> None:
    """Bind VOICE to ROLE in PROJECT for one engine (a role keeps one voice per engine), and/or set its effect,
    its MiniMax voice modify or its caption style. With --check, list the roles that sound alike."""
    if check:
        _cast_check(project, engine)
        return
    if role is None:
        raise UserError("Name a ROLE (or use --check to list the roles that sound alike).")
    from studio.actions import ActionError
    from studio.actions.casting import (
        cast,
        describe_voice_modify,
        find_role,
        parse_voice_modify,
        set_effect,
        set_voice_modify,
    )
    from studio.actions.export import caption_style, with_caption_style

    if voice is None and effect is None and caption_colour is None and caption_position is None and modify is None:
        raise UserError("Name a VOICE, an --effect, a --modify, a --caption-colour or --caption-position.")
    try:
        modify_values = parse_voice_modify(modify) if modify is not None else None
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    store = _open(project)
    with store:
        eng_name = engine or store.settings.engine
        try:
            if voice is not None:
                # MiniMax ids belong to the account and are checked when used; offline voices by the engine
                eng = _engine(eng_name, store) if eng_name != "minimax" else None
                r = cast(store, eng_name, role, voice, eng)
                click.echo(f"{r.name} → {voice} ({eng_name}).")
            if effect is not None:
                r = set_effect(store, role, effect)
                click.echo(f"{r.name}: voice effect {r.delivery.effect or 'none'}.")
            if modify_values is not None:
                r = set_voice_modify(store, role, modify_values)
                click.echo(f"{r.name}: MiniMax voice modify {describe_voice_modify(r.delivery)}.")
            if caption_colour is not None or caption_position is not None:
                r = find_role(store, role)
                store.set_settings(with_caption_style(store.settings, r.id, caption_colour, caption_position))
                style = caption_style(r, store.settings)
                click.echo(f"{r.name}: captions {style.colour}, {style.position}.")
        except ActionError as exc:
            raise UserError(str(exc)) from exc


def _cast_check(project: str, engine: str | None) -> None:
    from studio.actions import ActionError, distinct

    store = _open(project)
    with store:
        eng_name = engine or store.settings.engine
        roles = [r for r in store.roles() if r.voices.get(eng_name)]
        if len(roles) < 2:
            click.echo(f"Fewer than two roles have a {eng_name} voice: nothing to compare.")
            return
        eng = _engine(eng_name, store)
        context = distinct.cast_context(store)

        async def go() -> tuple[list[distinct.AlikePair], list[distinct.Advice]]:
            try:
                pairs = await distinct.alike_roles(roles, eng, context.language)
                if not pairs:
                    return pairs, []
                try:  # the palette, measured once, suggests a voice that sounds apart (and helps auto-cast)
                    voices = await eng.voices()
                except EngineError:
                    return pairs, []
                table = await distinct.voice_table(eng, voices, context.language, render=True)
                return pairs, distinct.suggest(store.roles(), voices, table, pairs, context) if table else []
            finally:
                await eng.aclose()

        try:
            pairs, advice = asyncio.run(go())
        except ActionError as exc:
            raise UserError(str(exc)) from exc
    if not pairs:
        click.echo(f"The {len(roles)} roles cast on {eng_name} all sound different.")
        return
    for pair in pairs:
        click.echo(pair.sentence)
    for a in advice:
        click.echo(f"Suggestion: troupe cast {project} {a.role} {a.voice_id} --engine {eng_name} "
                   f"({a.voice_id} sounds apart from every other role).")
    sys.exit(1)


@main.command("voices")
@click.option("--engine", type=click.Choice(ENGINES), default=None, help="Only this engine's voices (default: all).")
@click.option("--language", default=None, help="Only voices that speak this language (zh, en, ja ...).")
@click.option("--gender", type=click.Choice(["female", "male"]), default=None, help="Only female or male voices.")
@click.option("--age", type=click.Choice(["child", "young", "adult", "old"]), default=None, help="Only this age.")
@click.option("--kind", type=click.Choice(["preset", "system", "cloned", "designed", "blend"]), default=None,
              help="Only presets, system voices, your clones, designs or blends.")
@click.option("--style", default=None, help="Only voices with this style (narrator, calm ...).")
@click.option("--search", default=None, help="Words to find in the id, name, description or prompt.")
@click.option("--offline", is_flag=True, help="Do not ask the engines again: list what the library has cached.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def voices_cmd(engine: str | None, language: str | None, gender: str | None, age: str | None, kind: str | None,
               style: str | None, search: str | None, offline: bool, as_json: bool) -> None:
    """List the voices of your voice library: offline presets, each engine's voices, your clones,
    designs and blends. Each engine's list is refreshed when it can be; otherwise the cached list is shown
    and the reason is printed on stderr."""
    from studio.actions import voices as voice_actions
    from studio.library import VoiceLibrary

    library = VoiceLibrary()
    names = [engine] if engine else list(ENGINES)
    if not offline:
        _run(voice_actions.refresh(library, names))
    for name in names:
        problem = library.problem(name)
        if problem and (engine or library.fetched_at(name) is not None):
            click.echo(problem, err=True)
    for warning in library.warnings():
        click.echo(warning, err=True)
    rows = library.filter(search=search, engine=engine, language=language, gender=gender, age=age, style=style,
                          kind=kind)
    if as_json:
        click.echo(json.dumps([v.to_dict() for v in rows], ensure_ascii=False, indent=2))
        return
    for v in rows:
        days = v.days_left()
        left = f"{days} days left" if days is not None else None
        tags = " ".join(t for t in (v.gender, v.age, "narrator" if v.narrator else None, v.kind, left) if t)
        where = "" if engine else f"{v.engine:<8} "
        click.echo(f"{where}{v.voice_id:<24} {v.name:<20} {tags:<28} {v.description}")


@main.command("info")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--engine", "engines", type=click.Choice(ENGINES), multiple=True,
              help="Report render state for this engine (repeatable; default: the project's engine and every "
                   "engine that has takes).")
def info_cmd(project: str, engines: tuple[str, ...]) -> None:
    """Show a project's episodes, cast and render state per engine (works while the studio has it open)."""
    from studio.actions.engines import engine_model
    from studio.actions.status import engine_status, engines_in_use

    try:
        store = ProjectStore.open_readonly(project)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc
    with store:
        s = store.settings
        click.echo(f"{store.title}  ({store.path.name}; engine {s.engine}, {s.sample_rate} Hz, "
                   f"gap {s.gap_ms} ms, {s.lufs} LUFS)")
        counts = store.line_counts_by_role()
        click.echo("Cast:")
        for r in store.roles():
            voices = ", ".join(f"{k}={v}" for k, v in sorted(r.voices.items())) or "no voice yet"
            gender = f" ({r.gender})" if r.gender else ""
            click.echo(f"  {r.name}{gender:<10} {counts.get(r.id, 0):>4} lines  {voices}")
        names = list(dict.fromkeys(engines)) or engines_in_use(store)
        statuses = [_run(engine_status(store, n, engine_model(n, s))) for n in names]
        click.echo("Episodes:")
        for n, ep in enumerate(store.episodes(), 1):
            lines = store.lines(ep.id)
            chars = sum(len(ln.text) for ln in lines)
            click.echo(f"  {n}. {ep.title} [{ep.language}] {len(lines)} lines, {chars} characters")
            for st in statuses:
                state = st.problem or st.episodes[ep.id].sentence()
                click.echo(f"       {st.engine}: {state}")
        usage = store.usage_by_model()
        if usage:
            from studio.engines.minimax.cost import configured_prices, estimate

            paid = {m: c for (e, m), c in usage.items() if e == "minimax"}
            spent = f" (about {estimate(paid, configured_prices())})" if paid else ""
            click.echo("Billed characters: " + ", ".join(f"{m}: {c}" for (_, m), c in usage.items()) + spent)
        click.echo(f"Takes stored: {store.take_count()}")


def _register_optional(group: click.Group, loader: Callable[[], list[click.Command]]) -> None:
    try:
        commands = loader()
    except ImportError:
        return
    for cmd in commands:
        group.add_command(cmd)


def _minimax_commands() -> list[click.Command]:
    from studio import cli_minimax

    return [c for c in vars(cli_minimax).values() if isinstance(c, click.Command)]


_register_optional(main, _minimax_commands)
_register_optional(main, lambda: __import__("studio.cli_writing", fromlist=["commands"]).commands())
_register_optional(main, lambda: __import__("studio.cli_video", fromlist=["commands"]).commands())
_register_optional(main, lambda: __import__("studio.cli_media", fromlist=["commands"]).commands())
_register_optional(main, lambda: __import__("studio.cli_trim", fromlist=["commands"]).commands())
_register_optional(main, lambda: __import__("studio.cli_desktop", fromlist=["commands"]).commands())
_register_optional(main, lambda: __import__("studio.cli_lexicon", fromlist=["commands"]).commands())
_register_optional(main, lambda: __import__("studio.cli_check", fromlist=["commands"]).commands())


if __name__ == "__main__":
    main()
