"""Music, sound-effect and pan commands for the ``troupe`` command line, through the same actions as the
window (``studio.actions.media``). ``commands()`` lists them for ``studio.cli`` to register.

* ``troupe music PROJECT -e N set [FILE] [--volume DB --fade-in MS --fade-out MS --duck DB --attack MS
  --release MS --loop/--no-loop]`` — the episode's music bed from FILE (a new file keeps the old bed's
  settings unless told otherwise), or without FILE the settings of the bed it has.
* ``troupe music PROJECT -e N clear`` and ``troupe music PROJECT -e N`` (show it).
* ``troupe sfx PROJECT -e N add FILE (--at MS | --line N [--offset MS]) [--volume DB]``, ``... list``,
  ``... move ID (--at MS | --line N [--offset MS] | --by MS) [--volume DB]``, ``... remove ID``.
* ``troupe pan PROJECT ROLE VALUE [-e N]`` — a role's place from left to right (-1…1, L30, C, R50), in
  every episode unless one is named.

Bad input is a sentence and exit 2; the project is changed only when everything was accepted.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from studio.actions import ActionError, media
from studio.cli_numbers import finite
from studio.domain.media import MusicBed
from studio.engines.speech import EngineError
from studio.store.project_file import ProjectError, ProjectStore


class UserError(click.ClickException):
    """A sentence for the user; exit code 2 (as ``studio.cli`` says it)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


def _open(path: str) -> ProjectStore:
    try:
        return ProjectStore.open(path)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc


def _episode(store: ProjectStore, number: int) -> int:
    try:
        return store.episode_by_number(number).id
    except ProjectError as exc:
        raise UserError(str(exc)) from exc


def _ms(ms: int | None) -> str:
    if ms is None:
        return "—"
    sign = "-" if ms < 0 else ""
    secs, rest = divmod(abs(ms), 1000)
    mins, secs = divmod(secs, 60)
    return f"{sign}{mins:02d}:{secs:02d}.{rest:03d}"


def _describe(bed: MusicBed) -> str:
    duck = bed.ducking
    ducking = (f"ducked {duck.amount_db:g} dB under speech (attack {duck.attack_ms} ms, release {duck.release_ms} ms)"
               if duck.enabled else "not ducked")
    return (f"“{bed.name}” ({bed.duration_ms / 1000:.1f} s, {bed.format}), {bed.volume_db:g} dB, fade in "
            f"{bed.fade_in_ms} ms, fade out {bed.fade_out_ms} ms, {'looped' if bed.loop else 'played once'}, {ducking}")


# --- music ---------------------------------------------------------------------------------------------


#: A group's own options may follow its PROJECT (``troupe music P -e 2 set ...``); the rest go to the command.
_GROUP = {"allow_interspersed_args": True, "ignore_unknown_options": True}


@click.group("music", invoke_without_command=True, context_settings=_GROUP)
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--episode", "-e", type=int, default=1, show_default=True, help="Episode number.")
@click.pass_context
def music_cmd(ctx: click.Context, project: str, episode: int) -> None:
    """Show, set or clear the music bed under an episode of PROJECT.

    \b
    troupe music P.troupe -e 2 set theme.mp3 --volume -14 --duck 12
    troupe music P.troupe -e 2 set --fade-out 4000     (the same file, new settings)
    troupe music P.troupe -e 2 clear
    """
    ctx.obj = {"project": project, "episode": episode}
    if ctx.invoked_subcommand is None:
        try:
            store = ProjectStore.open_readonly(project)  # works while the studio has it open
        except ProjectError as exc:
            raise UserError(str(exc)) from exc
        with store:
            bed = store.music_bed(_episode(store, episode))
            click.echo(f"Episode {episode}: " + (f"{_describe(bed)}." if bed else "no music bed."))


@music_cmd.command("set")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--volume", type=finite(), help="The bed's volume in dB (default -12).")
@click.option("--fade-in", type=int, help="Fade in over this many ms at the start (default 1000).")
@click.option("--fade-out", type=int, help="Fade out over this many ms at the end (default 2000).")
@click.option("--duck", type=finite(), help="How many dB the bed goes down under speech (default 12; 0: off).")
@click.option("--attack", type=int, help="How many ms before a line the bed starts going down (default 250).")
@click.option("--release", type=int, help="How many ms after a line the bed takes to come back (default 600).")
@click.option("--loop/--no-loop", default=None, help="Repeat a file shorter than the episode (default: loop).")
@click.pass_obj
def music_set_cmd(obj: dict[str, Any], file: str | None, volume: float | None, fade_in: int | None,
                  fade_out: int | None, duck: float | None, attack: int | None, release: int | None,
                  loop: bool | None) -> None:
    """Set the episode's music bed from FILE, or change the settings of the one it has."""
    settings = dict(volume_db=volume, fade_in_ms=fade_in, fade_out_ms=fade_out, loop=loop, duck_db=duck,
                    attack_ms=attack, release_ms=release)
    try:
        file_read = media.read_media(file, media.MUSIC) if file else None  # read before the project is opened
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    store = _open(obj["project"])
    with store:
        ep = _episode(store, obj["episode"])
        try:
            if file_read is not None:
                bed = media.bed_of(file_read, store.music_bed(ep), **settings)
                media.set_music(store, ep, bed, file_read.data)
            elif all(v is None for v in settings.values()):
                raise ActionError("Name a music FILE, or the settings to change (see --help).")
            else:
                _before, bed = media.change_music(store, ep, **settings)
        except ActionError as exc:
            raise UserError(str(exc)) from exc
        click.echo(f"Episode {obj['episode']}: {_describe(bed)}.")


@music_cmd.command("clear")
@click.pass_obj
def music_clear_cmd(obj: dict[str, Any]) -> None:
    """Take the music bed off the episode."""
    store = _open(obj["project"])
    with store:
        try:
            removed = media.clear_music(store, _episode(store, obj["episode"]))
        except ActionError as exc:
            raise UserError(str(exc)) from exc
        click.echo(f"Episode {obj['episode']}: " + (f"music bed “{removed.bed.name}” removed." if removed
                                                    else "had no music bed; nothing changed."))


# --- sound effects -------------------------------------------------------------------------------------


@click.group("sfx", context_settings=_GROUP)
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--episode", "-e", type=int, default=1, show_default=True, help="Episode number.")
@click.pass_context
def sfx_cmd(ctx: click.Context, project: str, episode: int) -> None:
    """Add, list, move or remove the sound effects of an episode of PROJECT.

    \b
    troupe sfx P.troupe -e 1 add door.wav --line 3 --offset -200
    troupe sfx P.troupe -e 1 add thunder.flac --at 12500 --volume -6
    troupe sfx P.troupe -e 1 list
    troupe sfx P.troupe -e 1 move 4 --by 300
    troupe sfx P.troupe -e 1 remove 4
    """
    ctx.obj = {"project": project, "episode": episode}


def _place(store: ProjectStore, ep: int, at: int | None, line: int | None, offset: int | None) -> dict[str, Any]:
    if at is not None and line is not None:
        raise ActionError("Give either --at MS or --line N, not both.")
    if offset is not None and line is None:
        raise ActionError("--offset goes with --line N (the time from that line's start).")
    if line is not None:
        return {"line_id": media.line_id_at(store, ep, line), "offset_ms": offset or 0}
    return {"at_ms": at}


def _where(effect: media.PlacedEffect) -> str:
    clip = effect.clip
    if clip.line_id is None:
        return f"at {_ms(clip.at_ms)}"
    if effect.line_number is None:
        return "with a deleted line (left out)"
    return f"at {_ms(effect.start_ms)} (line {effect.line_number} {clip.offset_ms:+d} ms)"


def _placed(store: ProjectStore, ep: int) -> list[media.PlacedEffect]:
    """The episode's effects where the window's timeline has them (unrendered lines at their estimated
    length when the project's engine cannot be built here)."""
    import asyncio

    from studio.actions.engines import create, engine_model
    from studio.render.mixdown import build_timeline
    from studio.render.planner import RenderPlanner, unplanned

    name = store.settings.engine
    try:
        engine = create(name, engine_model(name, store.settings) or None)
    except EngineError as exc:
        plans = unplanned(store.lines(ep), str(exc))
    else:
        try:
            plans = RenderPlanner(store, engine).plan(ep)
        finally:
            asyncio.run(engine.aclose())
    placements = build_timeline(store, plans, placeholders=True).placements if plans else []
    return media.placed_effects(store, ep, placements)


@sfx_cmd.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--at", "at", type=int, help="Start this many ms into the episode.")
@click.option("--line", type=int, help="Attach to line N of the episode (it moves with the line).")
@click.option("--offset", type=int, help="With --line: ms after the line starts (negative: before).")
@click.option("--volume", type=finite(), default=0.0, show_default=True, help="Volume in dB.")
@click.pass_obj
def sfx_add_cmd(obj: dict[str, Any], file: str, at: int | None, line: int | None, offset: int | None,
                volume: float) -> None:
    """Add FILE as a sound effect at a time or attached to a line."""
    if at is None and line is None:
        raise UserError("Say where the sound goes: --at MS, or --line N [--offset MS].")
    try:
        sound = media.read_media(file, media.EFFECT)
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    store = _open(obj["project"])
    with store:
        ep = _episode(store, obj["episode"])
        try:
            clip = media.add_effect(store, ep, sound, volume_db=volume, **_place(store, ep, at, line, offset))
        except ActionError as exc:
            raise UserError(str(exc)) from exc
        where = f"with line {line} ({clip.offset_ms:+d} ms)" if clip.line_id is not None else f"at {_ms(clip.at_ms)}"
        click.echo(f"Added sound effect {clip.id} “{clip.name}” ({clip.duration_ms / 1000:.1f} s) {where}.")


@sfx_cmd.command("list")
@click.pass_obj
def sfx_list_cmd(obj: dict[str, Any]) -> None:
    """List the episode's sound effects in time order."""
    store = _open(obj["project"])
    with store:
        ep = _episode(store, obj["episode"])
        effects = _placed(store, ep)
        if not effects:
            click.echo(f"Episode {obj['episode']} has no sound effects.")
            return
        for e in effects:
            c = e.clip
            click.echo(f"{c.id:>4}  {_where(e):<34} {c.volume_db:+5.1f} dB  {c.duration_ms / 1000:5.1f} s  {c.name}")


@sfx_cmd.command("move")
@click.argument("clip_id", metavar="ID", type=int)
@click.option("--at", "at", type=int, help="Start this many ms into the episode (no longer with a line).")
@click.option("--line", type=int, help="Attach to line N of the episode.")
@click.option("--offset", type=int, help="Ms after its line starts (with --line, or for an attached sound).")
@click.option("--by", "by", type=int, help="Move it this many ms later (negative: earlier).")
@click.option("--volume", type=finite(), help="Its volume in dB.")
@click.pass_obj
def sfx_move_cmd(obj: dict[str, Any], clip_id: int, at: int | None, line: int | None, offset: int | None,
                 by: int | None, volume: float | None) -> None:
    """Move sound effect ID (to a time, to a line, by an amount) and/or change its volume."""
    if at is None and line is None and offset is None and by is None and volume is None:
        raise UserError("Say what to change: --at, --line [--offset], --offset, --by or --volume.")
    if by is not None and (at is not None or line is not None or offset is not None):
        raise UserError("--by moves the sound from where it is; give it alone (with --volume at most).")
    store = _open(obj["project"])
    with store:
        ep = _episode(store, obj["episode"])
        try:
            clip = store.effect_clip(clip_id) if clip_id in {c.id for c in store.effect_clips(ep)} else None
            if clip is None:
                raise ActionError(f"Episode {obj['episode']} has no sound effect {clip_id}; `troupe sfx PROJECT "
                                  f"-e {obj['episode']} list` shows them.")
            if by is not None:
                start = next((e.start_ms for e in _placed(store, ep) if e.clip.id == clip_id), None)
                media.move_effect(store, clip_id, by, start)
            elif at is not None or line is not None:
                media.place_effect(store, clip_id, **_place(store, ep, at, line, offset))
            elif offset is not None:
                if clip.line_id is None:
                    raise ActionError("This sound is not attached to a line; use --at, or --line N --offset MS.")
                media.place_effect(store, clip_id, line_id=clip.line_id, offset_ms=offset)
            if volume is not None:
                media.set_effect_volume(store, clip_id, volume)
        except ActionError as exc:
            raise UserError(str(exc)) from exc
        placed = next(e for e in _placed(store, ep) if e.clip.id == clip_id)
        click.echo(f"Sound effect {clip_id} “{placed.clip.name}” is now {_where(placed)}, "
                   f"{placed.clip.volume_db:+.1f} dB.")


@sfx_cmd.command("remove")
@click.argument("clip_id", metavar="ID", type=int)
@click.pass_obj
def sfx_remove_cmd(obj: dict[str, Any], clip_id: int) -> None:
    """Remove sound effect ID from the episode."""
    store = _open(obj["project"])
    with store:
        ep = _episode(store, obj["episode"])
        if clip_id not in {c.id for c in store.effect_clips(ep)}:
            raise UserError(f"Episode {obj['episode']} has no sound effect {clip_id}; `troupe sfx PROJECT "
                            f"-e {obj['episode']} list` shows them.")
        removed = media.remove_effect(store, clip_id)
        click.echo(f"Removed sound effect {clip_id} “{removed.clip.name}”.")


# --- pan -----------------------------------------------------------------------------------------------


@click.command("pan", context_settings={"ignore_unknown_options": True})
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("role")
@click.argument("value")
@click.option("--episode", "-e", type=int, help="Only this episode (default: every episode).")
def pan_cmd(project: str, role: str, value: str, episode: int | None) -> None:
    """Place ROLE from left to right: VALUE -1 (left) … 0 (centre) … 1 (right), or L30, C, R50.

    A panned role makes the export stereo.
    """
    try:
        pan = media.parse_pan(value)
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    store = _open(project)
    with store:
        found = store.role_by_name(role)
        if found is None:
            names = ", ".join(r.name for r in store.roles()) or "none yet"
            raise UserError(f"There is no role “{role}” in {store.path.name} (roles: {names}).")
        ids = [_episode(store, episode)] if episode is not None else None
        try:
            media.set_pan(store, found.id, pan, ids)
        except ActionError as exc:
            raise UserError(str(exc)) from exc
        where = f"episode {episode}" if episode is not None else "every episode"
        click.echo(f"{found.name}: pan {media.pan_label(pan)} in {where}.")


def commands() -> list[click.Command]:
    return [music_cmd, sfx_cmd, pan_cmd]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(click.Group(commands={c.name or "": c for c in commands()})())
