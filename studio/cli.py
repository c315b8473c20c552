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

from studio.domain.model import ENGINES
from studio.engines.speech import EngineError, SpeechEngine
from studio.store.project_file import ProjectError, ProjectStore

T = TypeVar("T")

AUDIO_FORMATS = ("wav", "flac", "mp3", "m4a", "opus")


class UserError(click.ClickException):
    """A sentence for the user; exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


def _run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def _open(path: str) -> ProjectStore:
    try:
        return ProjectStore.open(path)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc


def _engine(name: str | None, store: ProjectStore | None = None) -> SpeechEngine:
    from studio.engines.registry import create_engine
    from studio.settings import Settings

    settings = Settings()
    name = name or (store.settings.engine if store else settings.get("engine"))
    options: dict[str, Any] = {}
    if name == "minimax":
        # Host, region, limits and prices come from the MiniMax settings (studio.engines.minimax.config).
        options = {"model": store.settings.minimax_model if store else settings.get("minimax_model")}
    try:
        return create_engine(name, **options)
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


@main.command("new")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--from", "script", type=click.Path(exists=True, dir_okay=False), help="Import this script.")
@click.option("--title", help="Series title (default: the file name).")
@click.option("--demo", is_flag=True, help="Create the demo series instead of an empty project.")
def new_cmd(project: str, script: str | None, title: str | None, demo: bool) -> None:
    """Create a new PROJECT (.troupe file)."""
    path = Path(project)
    if path.suffix != ".troupe":
        path = path.with_suffix(".troupe")
    if path.exists():
        raise UserError(f"{path} already exists; choose another name.")
    draft = None
    if script:
        draft = _read_script(script)
    if demo:
        from studio.formats.project_build import create_demo_project

        store = create_demo_project(path)
    else:
        try:
            store = ProjectStore.create(path, title or (draft.title if draft and draft.title else path.stem))
        except ProjectError as exc:
            raise UserError(str(exc)) from exc
    with store:
        if draft is not None:
            from studio.formats.project_build import add_draft

            ep = add_draft(store, draft)
            click.echo(f"Added episode “{ep.title}” with {len(draft.lines)} lines.")
        click.echo(f"Created {path}.")


def _read_script(script: str) -> Any:
    from studio.formats.script_import import ScriptImportError, read_script

    try:
        return read_script(script)
    except ScriptImportError as exc:
        raise UserError(str(exc)) from exc


@main.command("import")
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--title", help="Episode title (default: from the script).")
def import_cmd(script: str, project: str, title: str | None) -> None:
    """Add SCRIPT as a new episode of PROJECT (created if needed).

    SCRIPT: CSV/TSV/XLSX with role and text columns, "Role: line" text, or MiniMax bulk JSON.
    """
    from studio.formats.project_build import add_draft

    draft = _read_script(script)  # parse fully first: a bad script creates or changes nothing
    path = Path(project)
    if path.exists():
        store = _open(project)
    else:
        if path.suffix != ".troupe":
            raise UserError(f"{project} does not exist; name a new project with the .troupe suffix.")
        try:
            store = ProjectStore.create(path, draft.title or path.stem)
        except ProjectError as exc:
            raise UserError(str(exc)) from exc
    with store:
        ep = add_draft(store, draft, title)
        n = len(store.episodes())
        click.echo(f"Imported {len(draft.lines)} lines as episode {n} “{ep.title}” "
                   f"({len(draft.roles)} roles) into {path.name}.")


def _print_casting(store: ProjectStore, engine_name: str, cast: dict[str, str]) -> None:
    if cast:
        click.echo(f"Auto-cast for {engine_name} (change with `troupe cast`):")
        for role, voice in cast.items():
            click.echo(f"  {role} → {voice}")


async def _render(store: ProjectStore, engine: SpeechEngine, episode_ids: list[int], jobs: int | None,
                  quiet: bool = False) -> tuple[dict[int, str], int]:
    """Render every stale line of the episodes. Returns (failures line id -> message, engine calls)."""
    from studio.render.planner import RenderPlanner, cast_missing
    from studio.render.scheduler import RenderEvent, RenderScheduler

    try:
        cast = await cast_missing(store, engine, episode_ids)
    except EngineError as exc:
        raise UserError(str(exc)) from exc
    _print_casting(store, engine.name, cast)
    planner = RenderPlanner(store, engine)
    failures: dict[int, str] = {}
    calls = 0
    all_jobs = []
    for ep_id in episode_ids:
        for plan in planner.plan(ep_id):
            if plan.job is None:
                failures[plan.line.id] = plan.error or "cannot be rendered"
            elif plan.status != "done":
                all_jobs.append(plan.job)
    if not all_jobs:
        if not quiet:
            click.echo("Nothing to render: every line is up to date.")
        return failures, 0
    if engine.name == "minimax":
        from studio.engines.minimax.cost import configured_prices, estimate

        chars = sum(len(j.request.text) for j in all_jobs)
        cost = estimate({engine.model: chars}, configured_prices())
        click.echo(f"{len(all_jobs)} lines, {chars} characters to render with {engine.model}: "
                   f"about {cost} (prices from settings).")
    bar_ctx = click.progressbar(length=len(all_jobs), label=f"Rendering {len(all_jobs)} lines with {engine.name}",
                                file=sys.stderr, show_pos=True)
    with bar_ctx as bar:
        def on_event(ev: RenderEvent) -> None:
            if ev.kind in ("done", "cached", "failed", "cancelled"):
                bar.update(1)

        scheduler = RenderScheduler(store, engine, jobs=jobs, on_event=on_event)
        report = await scheduler.render(all_jobs)
    calls = report.engine_calls
    failures.update(report.failed)
    return failures, calls


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
@click.option("--episode", "-e", type=int, help="Episode number (default: all).")
@click.option("--engine", type=click.Choice(ENGINES), help="Speech engine (default: the project's).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Lines rendered at once.")
def render_cmd(project: str, episode: int | None, engine: str | None, jobs: int | None) -> None:
    """Render every stale line of PROJECT (finished takes are reused for free)."""
    store = _open(project)
    with store:
        eng = _engine(engine, store)

        async def go() -> tuple[dict[int, str], int]:
            try:
                return await _render(store, eng, _episode_ids(store, episode), jobs)
            finally:
                await eng.aclose()

        failures, calls = _run(go())
        click.echo(f"Engine calls: {calls}.")
        _report_failures(store, failures)
        if failures:
            sys.exit(1)


@main.command("export")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output audio file: .wav .flac .mp3 .m4a or .opus")
@click.option("--episode", "-e", type=int, default=1, show_default=True, help="Episode number.")
@click.option("--subtitles", default="srt", show_default=True, help="Comma list of srt,vtt,json (or none).")
@click.option("--lufs", type=float, help="Loudness target (default: the project's, -16).")
@click.option("--engine", type=click.Choice(ENGINES), help="Speech engine (default: the project's).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Lines rendered at once.")
def export_cmd(project: str, output: str, episode: int, subtitles: str, lufs: float | None,
               engine: str | None, jobs: int | None) -> None:
    """Export one episode of PROJECT as audio plus subtitles (renders stale lines first)."""
    out = Path(output)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in AUDIO_FORMATS:
        raise UserError(f"Cannot export “.{fmt}”; choose one of {', '.join('.' + f for f in AUDIO_FORMATS)}.")
    subs = [] if subtitles.strip().lower() in ("", "none") else [s.strip().lower() for s in subtitles.split(",")]
    bad = [s for s in subs if s not in ("srt", "vtt", "json")]
    if bad:
        raise UserError(f"Unknown subtitle format {', '.join(bad)}; use srt, vtt or json.")
    if not out.parent.exists():
        raise UserError(f"The folder {out.parent} does not exist.")
    store = _open(project)
    with store:
        eng = _engine(engine, store)
        ep_ids = _episode_ids(store, episode)

        async def go() -> tuple[dict[int, str], Any]:
            from studio.render.mixdown import export_episode
            from studio.render.planner import RenderPlanner

            try:
                failures, _ = await _render(store, eng, ep_ids, jobs, quiet=True)
            finally:
                await eng.aclose()
            plans = RenderPlanner(store, eng).plan(ep_ids[0])
            result = await asyncio.to_thread(export_episode, store, ep_ids[0], plans, out, subtitles=subs,
                                             lufs=lufs)
            return failures, result

        try:
            failures, result = _run(go())
        except (ValueError, OSError) as exc:
            raise UserError(str(exc)) from exc
        except Exception as exc:
            from studio.audio.ffmpeg import ExportError

            if isinstance(exc, ExportError):
                raise UserError(str(exc)) from exc
            raise
        lr = result.loudness
        click.echo(f"Exported {result.audio_path} ({result.duration_ms / 1000:.1f} s, {result.lines} lines, "
                   f"{lr.output_lufs:.1f} LUFS, true peak {lr.true_peak_dbtp:.1f} dBTP).")
        for p in result.subtitle_paths:
            click.echo(f"Subtitles: {p}")
        _report_failures(store, failures)
        if failures:
            click.echo("The lines that failed are missing from the export.", err=True)
            sys.exit(1)


@main.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="demo-out", show_default=True,
              help="Folder for the exported episodes.")
@click.option("--engine", type=click.Choice(ENGINES), default="kokoro", show_default=True)
@click.option("--window/--no-window", default=None,
              help="Open the studio afterwards (default: when a display is available).")
def demo_cmd(out_dir: str, engine: str, window: bool | None) -> None:
    """Render and export the demo series offline, then open it in the studio.

    The demo project lives in the user data folder; its episodes are exported to OUT as MP3 + SRT.
    """
    import os

    from studio.formats.project_build import create_demo_project
    from studio.settings import data_dir

    path = data_dir() / "Demo.troupe"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_demo_project(path).close()
        click.echo(f"Created the demo series at {path}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store = _open(str(path))
    with store:
        eng = _engine(engine, store)

        async def go() -> list[Any]:
            from studio.render.mixdown import export_episode
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
                target = out / f"episode{n}.mp3"
                results.append(await asyncio.to_thread(export_episode, store, ep_id, plans, target,
                                                       subtitles=("srt",)))
            return results

        for r in _run(go()):
            click.echo(f"Exported {r.audio_path} ({r.duration_ms / 1000:.1f} s) and {r.subtitle_paths[0]}.")
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
@click.argument("role")
@click.argument("voice")
@click.option("--engine", type=click.Choice(ENGINES), help="Engine the voice belongs to (default: the project's).")
def cast_cmd(project: str, role: str, voice: str, engine: str | None) -> None:
    """Bind VOICE to ROLE in PROJECT for one engine (a role keeps one voice per engine)."""
    store = _open(project)
    with store:
        eng_name = engine or store.settings.engine
        r = store.role_by_name(role)
        if r is None:
            names = ", ".join(x.name for x in store.roles()) or "none yet"
            raise UserError(f"There is no role “{role}” in {store.path.name} (roles: {names}).")
        if eng_name != "minimax":  # MiniMax ids are checked by the account when they are used
            from studio.domain.render_key import SpeechRequest

            eng = _engine(eng_name, store)
            try:  # the engine's own check: presets, base voices and blends alike
                eng.prepare(SpeechRequest(engine=eng_name, voice_id=voice, text="."))
            except EngineError as exc:
                raise UserError(f"{eng_name} has no voice “{voice}”: {exc}") from exc
        store.set_voice(r.id, eng_name, voice)
        click.echo(f"{r.name} → {voice} ({eng_name}).")


@main.command("voices")
@click.option("--engine", type=click.Choice(ENGINES), default=None, help="Engine (default: kokoro).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def voices_cmd(engine: str | None, as_json: bool) -> None:
    """List the voices of an engine."""
    eng = _engine(engine or "kokoro")

    async def go() -> list[Any]:
        try:
            return await eng.voices()
        finally:
            await eng.aclose()

    try:
        voices = _run(go())
    except EngineError as exc:
        raise UserError(str(exc)) from exc
    if (engine or "kokoro") == "minimax":
        from studio.engines.minimax.created_voices import CreatedVoices

        for warning in CreatedVoices().warnings():
            click.echo(warning, err=True)
    if as_json:
        click.echo(json.dumps([v.to_dict() for v in voices], ensure_ascii=False, indent=2))
        return
    for v in voices:
        tags = " ".join(t for t in (v.gender, v.age, "narrator" if v.narrator else None, v.kind) if t)
        click.echo(f"{v.voice_id:<24} {v.name:<20} {tags:<28} {v.description}")


@main.command("info")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
def info_cmd(project: str) -> None:
    """Show a project's episodes, cast and render state."""
    from studio.render.planner import RenderPlanner

    store = _open(project)
    with store:
        s = store.settings
        click.echo(f"{store.title}  ({store.path.name}; engine {s.engine}, {s.sample_rate} Hz, "
                   f"gap {s.gap_ms} ms, {s.lufs} LUFS)")
        counts = store.line_counts_by_role()
        click.echo("Cast:")
        for r in store.roles():
            voices = ", ".join(f"{k}={v}" for k, v in sorted(r.voices.items())) or "no voice yet"
            click.echo(f"  {r.name:<12} {counts.get(r.id, 0):>4} lines  {voices}")
        engine = None
        try:
            engine = _engine(s.engine, store)
        except UserError:
            pass
        click.echo("Episodes:")
        for n, ep in enumerate(store.episodes(), 1):
            lines = store.lines(ep.id)
            chars = sum(len(ln.text) for ln in lines)
            state = ""
            if engine is not None:
                plans = RenderPlanner(store, engine).plan(ep.id)
                done = sum(p.status == "done" for p in plans)
                failed = sum(p.status == "failed" for p in plans)
                state = f", {done} rendered, {len(plans) - done - failed} stale, {failed} failed"
            click.echo(f"  {n}. {ep.title} [{ep.language}] {len(lines)} lines, {chars} characters{state}")
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


if __name__ == "__main__":
    main()
