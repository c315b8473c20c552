"""``troupe check PROJECT [-e N] [--engine NAME] [--recheck] [--all]``: the listen-back check on the command line,
through the same action as the window (``studio.actions.check``). Prints the doubtful lines with the words
that differ (``--all``: every line with its score), and a summary; exits 1 when a line is doubtful.
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
def check_cmd(project: str, episode: int | None, engine: str | None, recheck: bool, show_all: bool) -> None:
    """Hear each rendered take offline and print the lines whose take does not say what they say."""
    from studio.actions import check as checking
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

        try:
            with bar:
                report = checking.check_episodes(store, RenderPlanner(store, eng), ids, recheck=recheck,
                                                 progress=progress)
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
    if report.doubtful:
        sys.exit(1)


def commands() -> list[click.Command]:
    return [check_cmd]
