"""``troupe check PROJECT [-e N] [--engine NAME] [--recheck] [--all] [--voices/--no-voices]``: the listen-back
check on the command line, through the same action as the window (``studio.actions.check``). Prints the
doubtful lines with the words that differ (``--all``: every line with its score), and a summary; exits 1
when a line is doubtful.

Then, when the speaker encoder is installed (``--no-voices``: not), the voice check
(``studio.actions.drift``): the takes that no longer sound like their role's voice, also exit 1. It is on by
default because it costs less than the listen-back check it follows (measured under load on two cores: 2.7 s
to embed a 6-second take against 4.3 s to hear it) and, like it, measures each take once.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import click

from studio.actions import ActionError
from studio.domain.model import ENGINES
from studio.engines.speech import EngineError
from studio.store.project_file import ProjectError, ProjectStore


class UserError(click.ClickException):
    """A sentence for the user; exit code 2 (as ``studio.cli`` says it)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


@click.command("check")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--episode", "-e", type=click.IntRange(1), default=None, help="Episode number (default: all).")
@click.option("--engine", type=click.Choice(ENGINES), help="Whose takes (default: the project's engine).")
@click.option("--recheck", is_flag=True, help="Hear every take again, not only the new ones.")
@click.option("--all", "show_all", is_flag=True, help="Print every line's score, not only the doubtful ones.")
@click.option("--voices/--no-voices", default=None,
              help="Also name the takes that do not sound like their role's voice (default: when the speaker "
                   "encoder is installed).")
def check_cmd(project: str, episode: int | None, engine: str | None, recheck: bool, show_all: bool,
              voices: bool | None) -> None:
    """Hear each rendered take offline and print the lines whose take does not say what they say, and the
    takes that drift from their role's voice."""
    from studio.actions import check as checking
    from studio.library.embedding import encoder_problem

    problem = encoder_problem()
    if voices and problem is not None:
        raise UserError(problem)
    voices = problem is None if voices is None else voices
    from studio.actions.engines import create, engine_model
    from studio.render.planner import RenderPlanner

    try:
        store = ProjectStore.open(project)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc
    with store:
        try:
            ids = [store.episode_by_number(episode).id] if episode else [e.id for e in store.episodes()]
        except ProjectError as exc:
            raise UserError(str(exc)) from exc
        name = engine or store.settings.engine
        try:
            eng = create(name, engine_model(name, store.settings) or None)
        except EngineError as exc:
            raise UserError(str(exc)) from exc
        bar = click.progressbar(length=1, file=sys.stderr, label="Listening to the takes")
        shown = [0]

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - shown[0])
            shown[0] = done

        drift = None
        try:
            with bar:
                report = checking.check_episodes(store, RenderPlanner(store, eng), ids, recheck=recheck,
                                                 progress=progress)
            if voices:
                drift = _check_voices(store, eng, ids, recheck)
        except ActionError as exc:
            raise UserError(str(exc)) from exc
        finally:
            asyncio.run(eng.aclose())
    for c in report.checked if show_all else report.doubtful:
        mark = "doubtful" if c.result.doubtful else "ok"
        click.echo(f"episode {c.episode}, line {c.number} ({c.result.score:.0%}, {mark}): {c.text}")
        for d in c.result.differences:
            click.echo(f"    {d.sentence()}")
        if c.result.doubtful:
            click.echo(f"    heard: {c.result.heard or '(nothing)'}")
    for line_id, why in report.failed.items():
        click.echo(f"line {line_id} could not be heard: {why}", err=True)
    new = f" ({report.heard_now} heard now)" if report.heard_now != len(report.checked) else ""
    rest = f"; {report.not_rendered} not rendered with {name}" if report.not_rendered else ""
    click.echo(f"Checked {len(report.checked)} takes{new}: {len(report.doubtful)} doubtful{rest}.")
    if drift is not None:
        _print_voices(drift, show_all)
    if report.doubtful or (drift is not None and drift.drifting):
        sys.exit(1)


def _check_voices(store: ProjectStore, engine: Any, ids: list[int], recheck: bool) -> Any:
    from studio.actions.drift import check_drift
    from studio.render.planner import RenderPlanner

    bar = click.progressbar(length=1, file=sys.stderr, label="Measuring the voices")
    shown = [0]

    def progress(done: int, total: int) -> None:
        bar.length = total
        bar.update(done - shown[0])
        shown[0] = done

    with bar:
        return asyncio.run(check_drift(store, RenderPlanner(store, engine), ids, recheck=recheck, progress=progress))


def _print_voices(drift: Any, show_all: bool) -> None:
    for c in drift.checked if show_all else drift.drifting:
        who = f" ({c.role})" if c.role else ""
        if c.similarity is None:
            why = "too short to tell" if c.note.get("reason") == "short" else "a voice effect changes its timbre"
            click.echo(f"episode {c.episode}, line {c.number}{who}: voice not judged, {why}")
            continue
        mark = "drifting: it does not sound like its voice" if c.drifting else "ok"
        click.echo(f"episode {c.episode}, line {c.number}{who} ({c.similarity:.2f} to {c.note.get('voice')}, "
                   f"{mark}): {c.text}")
    for line_id, why in drift.failed.items():
        click.echo(f"line {line_id}: its voice could not be measured: {why}", err=True)
    now = f" ({drift.measured_now} measured now)" if drift.measured_now != len(drift.checked) else ""
    click.echo(f"Voices: {len(drift.checked)} takes{now}: {len(drift.drifting)} drifting from their role's voice.")


def commands() -> list[click.Command]:
    return [check_cmd]
