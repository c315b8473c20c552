"""``troupe trim``: the silence at the start and end of an episode's takes trimmed (or heard again), through the
same action as the window (``studio.actions.trimming``). ``commands()`` lists it for ``studio.cli``.

* ``troupe trim PROJECT -e N [--lines 3,7]`` — trim every rendered line's leading and trailing silence (or
  only those lines'); the lines after them move up, and the export and its subtitles follow.
* ``troupe trim PROJECT -e N --clear`` — hear the takes whole again.

Bad input is a sentence and exit 2; the project is changed in one transaction, only when all was accepted.
"""

from __future__ import annotations

import sys

import click

from studio.domain.model import ENGINES


def _numbers(text: str) -> set[int]:
    from studio import cli

    out: set[int] = set()
    try:
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-", 1))
                out.update(range(min(lo, hi), max(lo, hi) + 1))
            else:
                out.add(int(part))
    except ValueError:
        raise cli.UserError(f"“{text}” is not a list of line numbers, like 3,7 or 2-5.") from None
    return out


@click.command("trim")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--episode", "-e", type=int, default=1, show_default=True, help="Episode number.")
@click.option("--lines", default=None, help="Only these line numbers (e.g. 3,7 or 2-5; default: every line).")
@click.option("--clear", is_flag=True, help="Hear the takes whole again (take the trims off).")
@click.option("--engine", type=click.Choice(ENGINES), help="Speech engine whose takes are trimmed (default: the "
              "project's).")
def trim_cmd(project: str, episode: int, lines: str | None, clear: bool, engine: str | None) -> None:
    """Trim the silence at the start and end of the takes of an episode of PROJECT."""
    from studio import cli
    from studio.actions import trimming
    from studio.render.planner import RenderPlanner

    store = cli._open(project)
    with store:
        ep_id = cli._episode_ids(store, episode)[0]
        eng = cli._engine(engine, store)
        try:
            plans = RenderPlanner(store, eng).plan(ep_id)
        finally:
            cli._run(eng.aclose())
        number = {p.line.id: n for n, p in enumerate(plans, 1)}
        wanted = None
        if lines:
            numbers = _numbers(lines)
            unknown = sorted(n for n in numbers if not 1 <= n <= len(plans))
            if unknown:
                raise cli.UserError(f"Episode {episode} has lines 1 to {len(plans)}; there is no line "
                                    f"{', '.join(map(str, unknown))}.")
            wanted = [p.line.id for n, p in enumerate(plans, 1) if n in numbers]
        if not clear and not any(p.take is not None and p.status == "done" for p in plans
                                 if wanted is None or p.line.id in wanted):
            raise cli.UserError(f"No line of episode {episode} has been rendered yet: render it first "
                                f"(`troupe render {project} -e {episode}`).")
        result = trimming.trim_episode(store, plans, wanted, clear=clear)
        if clear:
            if not result.after:
                click.echo(f"No line of episode {episode} was trimmed.")
                return
            click.echo(f"{len(result.after)} lines of episode {episode} are heard whole again "
                       f"({result.saved_ms / -1000:.2f} s longer in all).")
            return
        found = {f.line_id: f for f in result.found}
        for ln in result.after:
            f = found[ln.id]
            click.echo(f"  line {number[ln.id]}: {f.start_ms} ms trimmed from its start, {f.end_ms} ms from its end")
        if not result.after:
            click.echo(f"The takes of episode {episode} have no silence left to trim.")
            return
        click.echo(f"Trimmed {len(result.after)} lines of episode {episode}: {result.saved_ms / 1000:.2f} s shorter "
                   f"in all. Hear them whole again with `troupe trim {project} -e {episode} --clear`.")


def commands() -> list[click.Command]:
    return [trim_cmd]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(click.Group(commands={c.name or "": c for c in commands()})())
