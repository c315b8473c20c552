"""Video and dubbing on the ``troupe`` command line: ``troupe export … -o ep1.mp4`` (and ``--format mp4`` for a
batch) through ``studio.actions.video``, and ``troupe fit`` for the lines of a timed episode that run past
their cue (``studio.actions.dubbing``).

* ``troupe export P.troupe -o ep1.mp4 --video cover.png|stills.txt|images/|clip.mp4 [--aspect 9:16|16:9]
  [--bilingual] [--speaker-names] [--preset short-video] [--no-captions] [--video-audio mix] [--me me.wav]``
  — stale lines are rendered first, as for audio; the video's loudness and true peak are measured and printed.
* ``troupe fit P.troupe -e N`` lists the overflowing lines; ``--speed`` (never above ``--max-speed``, 1.3×),
  ``--overlap`` or ``--shorten`` (a chat model) fits them, then render again.

``video_options`` adds the video flags to ``troupe export``; ``commands()`` lists ``troupe fit`` for
``studio.cli`` to register. Bad input is a sentence and exit 2.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from studio.domain.model import ENGINES

#: The audio export's flags a video export has no use for.
_AUDIO_ONLY = {"stems": "--stems", "otio": "--otio", "audacity": "--audacity", "stereo": "--stereo/--mono"}


def video_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The video flags of ``troupe export``."""
    options = [
        click.option("--video", "video", type=click.Path(), default=None,
                     help="The picture of an .mp4 export: a cover image, a scene list (lines of “0:12.5 a.png”), a "
                          "folder of images per episode (E01.png …), or a video (default: the episode's own)."),
        click.option("--aspect", type=click.Choice(["9:16", "16:9"]), default=None,
                     help="Video shape: 9:16 (1080×1920, the default for stills) or 16:9 (1920×1080); a video keeps "
                          "its own unless given."),
        click.option("--bilingual", is_flag=True, help="Captions with the line in the other language under it."),
        click.option("--bilingual-with", type=int, default=None,
                     help="The episode (number) giving the second caption line (default: its translation)."),
        click.option("--captions/--no-captions", default=True, show_default=True,
                     help="Burn captions into the picture (without: a video's picture is copied unchanged)."),
        click.option("--caption-style", default="plain", show_default=True,
                     help="Kind of captions: plain, or karaoke (each word lit as it is heard)."),
        click.option("--video-audio", type=click.Choice(["replace", "mix"]), default="replace", show_default=True,
                     help="A video's own sound: replaced by the new dialogue, or mixed under it."),
        click.option("--video-audio-db", type=float, default=-12.0, show_default=True,
                     help="How loud a video's own sound stays under the dialogue (with --video-audio mix)."),
        click.option("--me", "me_track", type=click.Path(exists=True, dir_okay=False), default=None,
                     help="A music-and-effects track under the dialogue, at full level, not ducked."),
        click.option("--fit", type=click.Choice(["pad", "crop"]), default="pad", show_default=True,
                     help="Stills of another shape: black bars (pad) or filling the frame (crop)."),
        click.option("--x264-preset", default="veryfast", show_default=True, help="Encoder speed (ultrafast … "
                     "veryslow)."),
        click.option("--fps", type=int, default=30, show_default=True, help="Frame rate of a video from stills."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def wants_video(args: dict[str, Any]) -> bool:
    """Whether ``troupe export`` makes video: an .mp4 output, ``--format mp4``, or a video flag (then an audio
    output is refused with a sentence rather than the flag silently ignored)."""
    output, fmt, extra = args.get("output"), args.get("fmt"), args.get("video") or {}
    asked = bool(extra.get("video") or extra.get("aspect") or extra.get("bilingual") or extra.get("me_track"))
    if output is not None:
        return Path(output).suffix.lower() == ".mp4" or asked
    return fmt == "mp4" or asked


def export_video_cmd(args: dict[str, Any]) -> None:
    """``troupe export`` when the result is a video (see ``studio.cli.export_cmd`` for the flags)."""
    from studio import cli
    from studio.actions import ActionError, video
    from studio.actions import export as exporting
    from studio.formats.subtitles import SubtitleOptions

    v = args["video"]
    output, out_dir = args["output"], args["out_dir"]
    if (output is None) == (out_dir is None):
        raise cli.UserError("Give either -o FILE.mp4 (one episode) or --out-dir DIR --format mp4 (a batch).")
    if output is not None and args["episodes"] is not None:
        raise cli.UserError("--episodes goes with --out-dir; for one file use -e N.")
    if out_dir is not None and args["episode"] is not None:
        raise cli.UserError("-e goes with -o; for a batch use --episodes.")
    for key, flag in _AUDIO_ONLY.items():
        if args.get(key):
            raise cli.UserError(f"{flag} goes with an audio export, not a video.")
    if out_dir is not None and args["fmt"] not in ("mp4", "mp3"):  # mp3: the default, not asked for
        raise cli.UserError("A batch of videos is --format mp4.")
    options = None
    if args["max_chars"] is not None or args["max_lines"] is not None or args["max_cps"] is not None:
        options = SubtitleOptions(max_chars=args["max_chars"], max_lines=args["max_lines"] or 2,
                                  max_cps=args["max_cps"], max_duration_ms=7000, min_duration_ms=700)
    subtitles = args["subtitles"]
    store = cli._open(args["project"])
    with store:
        try:
            music = None
            if args["music"] and v["me_track"]:
                raise ActionError("Choose --music or --me, not both.")
            if args["music"]:
                music = exporting.read_music(args["music"], args["duck"])
            if args["duck"] is not None and not args["music"]:
                raise ActionError("--duck needs --music.")
            partner = None
            if v["bilingual_with"] is not None:
                partner = cli._episode_ids(store, v["bilingual_with"])[0]
            common: dict[str, Any] = dict(
                video=v["video"], aspect=v["aspect"], captions=v["captions"], bilingual=v["bilingual"],
                bilingual_with=partner, speaker_names=args["speaker_names"], caption_style=v["caption_style"],
                subtitles=subtitles, preset_name=args["preset_name"], lufs=args["lufs"],
                true_peak_db=args["true_peak"], sample_rate=args["rate"], music=music, source_audio=v["video_audio"],
                source_audio_db=v["video_audio_db"], fit=v["fit"], fps=v["fps"], x264_preset=v["x264_preset"],
                subtitle_options=options, me_track=v["me_track"])
            if output is not None:
                single = video.check_video_request(output, **common)
                ep_ids = cli._episode_ids(store, args["episode"] or 1)
                video.check_video_files(store, ep_ids[0], single, bool(args.get("force")))  # before any render
                batch = None
            else:
                Path(out_dir).mkdir(parents=True, exist_ok=True)
                batch = video.check_video_batch(store, out_dir, episodes=args["episodes"], pattern=args["pattern"],
                                                **common)
                ep_ids = [item.episode_id for item in batch.items]
                single = None
        except ActionError as exc:
            raise cli.UserError(str(exc)) from exc
        except OSError as exc:
            raise cli.UserError(f"Cannot make the folder {out_dir} ({exc.strerror or exc}).") from exc
        eng = cli._engine(args["engine"], store)

        async def go() -> tuple[dict[int, str], list[Any], dict[int, str]]:
            from studio.render.planner import RenderPlanner

            try:
                failures, _ = await cli._render(store, eng, ep_ids, args["jobs"], quiet=True)
            finally:
                await eng.aclose()
            planner = RenderPlanner(store, eng)
            plans = {ep_id: planner.plan(ep_id) for ep_id in ep_ids}
            bar = click.progressbar(length=1000, file=sys.stderr, label="Exporting video")
            shown = [0]

            def tick(fraction: float) -> None:
                step = int(fraction * 1000) - shown[0]
                if step > 0:
                    bar.update(step)
                    shown[0] += step

            with bar:
                if single is not None:
                    result = await asyncio.to_thread(video.export_video, store, ep_ids[0], plans[ep_ids[0]], single,
                                                     progress=tick, force=bool(args.get("force")))
                    return failures, [result], {}
                assert batch is not None
                report = await asyncio.to_thread(video.export_video_batch, store, batch, plans,
                                                 progress=lambda p: tick(p.fraction), force=bool(args.get("force")))
            return failures, report.files, report.skipped

        try:
            failures, results, skipped = cli._run(go())
        except (ActionError, ValueError, OSError) as exc:
            raise cli.UserError(str(exc)) from exc
        except Exception as exc:
            from studio.audio.ffmpeg import ExportError

            if isinstance(exc, ExportError):
                raise cli.UserError(str(exc)) from exc
            raise
        for result in results:
            picture = "picture copied" if result.copied_picture else f"{result.frames} frames"
            click.echo(f"Exported {result.path} ({result.width}×{result.height}, {result.duration_ms / 1000:.1f} s, "
                       f"{picture}, {result.captions} captions, {result.audio.measured_lufs:.1f} LUFS, true peak "
                       f"{result.audio.measured_true_peak_dbtp:.1f} dBTP).")
            for p in result.subtitle_paths:
                click.echo(f"Subtitles: {p}")
            for warning in result.warnings:
                click.echo(f"Note: {warning}", err=True)
        numbers = {e.id: n for n, e in enumerate(store.episodes(), 1)}
        for ep_id, why in skipped.items():
            click.echo(f"Episode {numbers.get(ep_id, '?')} was not exported: {why}.", err=True)
        cli._report_failures(store, failures)
        if failures:
            click.echo("The lines that failed are missing from the export.", err=True)
            sys.exit(1)


@click.command("fit")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--episode", "-e", type=int, required=True, help="Episode number.")
@click.option("--speed", "how", flag_value="speed", help="Speak the lines faster (up to --max-speed).")
@click.option("--overlap", "how", flag_value="overlap", help="Let the lines run into what follows their cue.")
@click.option("--shorten", "how", flag_value="shorten", help="Have the chat model rewrite them shorter.")
@click.option("--max-speed", type=float, default=None, help="Fastest speed for --speed (default 1.3).")
@click.option("--lines", default=None, help="Only these line numbers (e.g. 3,7).")
@click.option("--engine", type=click.Choice(ENGINES), help="Speech engine whose takes are measured (default: the "
              "project's).")
def fit_cmd(project: str, episode: int, how: str | None, max_speed: float | None, lines: str | None,
            engine: str | None) -> None:
    """List the lines of a timed episode that run past their cue, or fit them (then render again)."""
    from studio import cli
    from studio.actions import ActionError, dubbing
    from studio.render.planner import RenderPlanner

    store = cli._open(project)
    with store:
        ep_id = cli._episode_ids(store, episode)[0]
        eng = cli._engine(engine, store)
        try:
            plans = RenderPlanner(store, eng).plan(ep_id)
        finally:
            cli._run(eng.aclose())
        if not any(p.line.locked for p in plans):
            raise cli.UserError(f"Episode {episode} is not a timed script (import subtitles or a video to get one).")
        wanted = None
        if lines:
            try:
                numbers = {int(x) for x in lines.split(",") if x.strip()}
            except ValueError:
                raise cli.UserError(f"“{lines}” is not a list of line numbers, like 3,7.") from None
            wanted = [p.line.id for p in plans if p.line.position + 1 in numbers]
        over = [o for o in dubbing.overflowing(plans) if wanted is None or o.line_id in wanted]
        if not over:
            click.echo(f"Every rendered line of episode {episode} fits its cue.")
            return
        for o in over:
            click.echo(f"  {o.sentence()}")
        if how is None:
            click.echo("Fit them with --speed, --overlap or --shorten, then render again.")
            return
        try:
            if how == "speed":
                fitted = dubbing.plan_speed_fit(store, plans, max_speed=max_speed or dubbing.MAX_FIT_SPEED,
                                                line_ids=wanted)
                plan = fitted.plan
                for line_id in fitted.still_over:
                    n = next(p.line.position + 1 for p in plans if p.line.id == line_id)
                    click.echo(f"Line {n} stays too long even at the fastest speed; shorten it or let it overlap.",
                               err=True)
            elif how == "overlap":
                plan = dubbing.plan_overlap(plans, line_ids=wanted)
            else:
                from studio.actions.writing import connect

                async def shorten() -> Any:
                    chat = await connect(what="Shortening")
                    try:
                        return await dubbing.plan_shorten(store, chat, ep_id, plans, line_ids=wanted)
                    finally:
                        await chat.aclose()

                plan = cli._run(shorten())
            dubbing.apply_fit(store, plan)
        except ActionError as exc:
            raise cli.UserError(str(exc)) from exc
        click.echo(f"Fitted {len(plan.changed())} line(s) of episode {episode} ({how}); render again to hear them.")


def commands() -> list[click.Command]:
    return [fit_cmd]
