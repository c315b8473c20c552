"""Voice commands for the ``troupe`` command line: clone, design, blend, voice (delete, preview, closest),
activate, login and minimax-voices.

``register(group)`` adds them to the main click group; ``list_voices_for_cli`` lists the account's
MiniMax voices. Every command goes through the same actions as the voice library window
(``studio.actions.voices``) and the same library (``studio.library.VoiceLibrary``), runs its async work
with ``asyncio.run``, and reports a failure as one sentence: exit 2 for input that is refused before
anything is sent (a short clip, no consent, a bad blend), exit 1 when an engine fails. The key is read
without echo and stored only in the OS keyring. Rendering, import and export commands live in
``studio.cli``, not here.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

import click

from studio.cli_numbers import number
from studio.engines.minimax.config import REGIONS
from studio.engines.speech import EngineError, Voice

T = TypeVar("T")


class BadInput(click.ClickException):
    """Input refused before anything was sent; exit code 2."""

    exit_code = 2


def _run(work: Awaitable[T]) -> T:
    from studio.actions import ActionError
    from studio.actions.voices import CloneRefused

    try:
        return asyncio.run(work)  # type: ignore[arg-type]
    except CloneRefused as exc:
        raise BadInput("\n".join(p.sentence for p in exc.problems)) from None
    except (EngineError, ActionError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None


def _engine(**options: Any) -> Any:
    from studio.engines.minimax.engine import MiniMaxEngine
    return MiniMaxEngine(**{k: v for k, v in options.items() if v is not None})


def _library() -> Any:
    from studio.library import VoiceLibrary
    return VoiceLibrary()


def _copy(source: str | Path | None, out: Path | None, what: str) -> None:
    if source and out:
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out)
        click.echo(f"{what} saved to {out}.")


def _expiry_note(voice: Any) -> str:
    days = voice.days_left()
    if days is None:
        return "It is active: MiniMax keeps it."
    return (f"Use it in a render within {days} days, or MiniMax deletes it "
            f"(`troupe activate {voice.voice_id}` uses it once now).")


async def list_voices_for_cli(voice_type: str = "all", *, engine: Any = None, host: str | None = None) -> list[Voice]:
    """The account's MiniMax voices (system, cloned, designed) for the command line."""
    from studio.engines.minimax.voices import get_voice
    own = engine is None
    eng = engine if engine is not None else _engine(host=host)
    try:
        return await get_voice(eng.transport, voice_type)
    finally:
        if own:
            await eng.aclose()


# --- clone ---------------------------------------------------------------------------------------------

@click.command("clone")
@click.argument("audio", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="Display name of the new voice.")
@click.option("--consent", is_flag=True,
              help="Affirm: I have this speaker's permission to clone their voice (required; recorded).")
@click.option("--voice-id", default=None, help="Your own id (8-256 chars, starts with a letter, has a digit).")
@click.option("--start", "trim_start", type=number(0, 3600, "s"), default=None, help="Upload the clip from this second on.")
@click.option("--end", "trim_end", type=number(0, 3600, "s"), default=None, help="Upload the clip up to this second.")
@click.option("--prompt-audio", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A clip under 8 seconds that improves similarity (needs --prompt-text).")
@click.option("--prompt-text", default=None, help="The exact transcript of --prompt-audio.")
@click.option("--transcript", default=None,
              help="What is said in AUDIO (at most 200 chars): MiniMax checks the clip against it.")
@click.option("--accuracy", type=number(0, 1), default=None, help="How close the transcript check must be (0-1, default 0.7).")
@click.option("--preview", "preview_text", default=None, help="Text the new voice speaks as its demo.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to save a copy of the demo audio (mp3).")
@click.option("--language", default="zh", show_default=True, help="The voice's own language.")
@click.option("--gender", type=click.Choice(["female", "male"]), default=None, help="The speaker's gender.")
@click.option("--age", type=click.Choice(["child", "young", "adult", "old"]), default=None, help="The speaker's age.")
@click.option("--model", default=None, help="Speech model for the demo (default speech-2.8-hd).")
@click.option("--noise-reduction", is_flag=True, help="Ask MiniMax to reduce noise in the sample.")
@click.option("--normalize-volume", is_flag=True, help="Ask MiniMax to normalize the sample's volume.")
@click.option("--activate", is_flag=True, help="Use the voice once right away so it does not expire in 7 days.")
def clone_command(audio: Path, name: str, consent: bool, voice_id: str | None, trim_start: float | None,
                  trim_end: float | None, prompt_audio: Path | None, prompt_text: str | None,
                  transcript: str | None, accuracy: float | None, preview_text: str | None, out: Path | None,
                  language: str, gender: str | None, age: str | None, model: str | None, noise_reduction: bool,
                  normalize_volume: bool, activate: bool) -> None:
    """Clone a voice from AUDIO (mp3, m4a or wav; 10 s to 5 min; at most 20 MB) into your voice library.

    Only with --consent: you affirm that the speaker allowed it; the statement and the time are kept
    with the voice. `troupe voice delete VOICE_ID` removes it again, on MiniMax too.
    """
    from studio.actions import voices as actions

    request = actions.CloneRequest(
        audio=audio, name=name, consent=consent, voice_id=voice_id, trim_start=trim_start, trim_end=trim_end,
        prompt_audio=prompt_audio, prompt_text=prompt_text, preview_text=preview_text, transcript=transcript,
        accuracy=accuracy, noise_reduction=noise_reduction, volume_normalization=normalize_volume,
        language=language, gender=gender, age=age, model=model)
    problems = actions.check_clone(request)
    if problems:
        raise BadInput("\n".join(
            f"Cloning needs the speaker's permission: add --consent to affirm “{actions.CONSENT_STATEMENT}”; "
            f"nothing was uploaded." if p.field == "consent" else p.sentence for p in problems))

    async def work() -> None:
        from studio.library import PreviewCache

        engine = _engine(model=model)
        library = _library()
        try:
            outcome = await actions.clone(engine, library, request, cache=PreviewCache())
            voice = outcome.voice
            click.echo(f"Cloned voice {voice.voice_id} ({voice.name}) into your voice library.")
            _copy(voice.sample_path, out, "Demo audio")
            if activate:
                voice = await actions.activate(engine, library, voice.voice_id) or voice
            click.echo(_expiry_note(voice))
        finally:
            await engine.aclose()

    _run(work())


# --- design --------------------------------------------------------------------------------------------

@click.command("design")
@click.argument("prompt")
@click.option("--preview", "preview_text", required=True, help="Text the new voice speaks (at most 500 chars).")
@click.option("--name", default=None, help="Name in your voice library (default: the start of the prompt).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to save a copy of the trial audio (mp3).")
@click.option("--voice-id", default=None, help="Your own id for the voice (optional).")
@click.option("--language", default="zh", show_default=True, help="The voice's own language.")
@click.option("--gender", type=click.Choice(["female", "male"]), default=None, help="The voice's gender.")
@click.option("--age", type=click.Choice(["child", "young", "adult", "old"]), default=None, help="The voice's age.")
def design_command(prompt: str, preview_text: str, name: str | None, out: Path | None, voice_id: str | None,
                   language: str, gender: str | None, age: str | None) -> None:
    """Design a new voice from a text description PROMPT and save it in your voice library (with its
    prompt, so it can be designed again or varied)."""
    from studio.actions import voices as actions

    problems = actions.check_design(prompt, preview_text, voice_id)
    if problems:
        raise BadInput("\n".join(problems))

    async def work() -> None:
        from studio.library import PreviewCache

        engine = _engine()
        try:
            outcome = await actions.design(engine, _library(), prompt, preview_text, name=name, voice_id=voice_id,
                                           language=language, gender=gender, age=age, cache=PreviewCache())
            click.echo(f"Designed voice {outcome.voice.voice_id} ({outcome.voice.name}) in your voice library.")
            _copy(outcome.voice.sample_path, out, "Trial audio")
            click.echo(_expiry_note(outcome.voice))
        finally:
            await engine.aclose()

    _run(work())


# --- blend ---------------------------------------------------------------------------------------------

@click.command("blend")
@click.argument("name")
@click.argument("parts", nargs=-1, required=True, metavar="VOICE:WEIGHT...")
@click.option("--engine", "engine_name", type=click.Choice(["minimax", "kokoro"]), default="minimax",
              show_default=True, help="Blend MiniMax voices (timbre weights) or Kokoro voices.")
@click.option("--gender", type=click.Choice(["female", "male"]), default=None, help="The blend's gender.")
@click.option("--age", type=click.Choice(["child", "young", "adult", "old"]), default=None, help="The blend's age.")
def blend_command(name: str, parts: tuple[str, ...], engine_name: str, gender: str | None, age: str | None) -> None:
    """Save a blend of two to four voices in your voice library as NAME.

    For example `troupe blend Lead female-shaonv:60 male-qn-jingying:40`; weights are whole numbers from 1 to 100. The printed voice id is what a role is cast with
    (`troupe cast PROJECT ROLE VOICE_ID`).
    """
    from studio.actions import ActionError
    from studio.actions import voices as actions

    library = _library()
    try:
        components = actions.parse_components(parts)
        problems = actions.check_blend(engine_name, components, library)
        if problems:
            raise BadInput("\n".join(problems))
        voice = actions.blend(library, name, components, engine_name=engine_name, gender=gender, age=age)
    except ActionError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"Saved the blend {voice.name} in your voice library: {voice.voice_id}")


# --- voice (delete, preview, closest) ------------------------------------------------------------------

@click.group("voice")
def voice_group() -> None:
    """Work with one voice of your voice library: delete it, hear it, find the closest offline preset."""


@voice_group.command("delete")
@click.argument("voice_id")
@click.option("--engine", "engine_name", type=click.Choice(["minimax", "kokoro"]), default=None,
              help="The engine of the voice, when the same id exists on two.")
def voice_delete_command(voice_id: str, engine_name: str | None) -> None:
    """Delete VOICE_ID: on MiniMax (the voice and the files uploaded for it), its kept audio and previews,
    and its library entry. Use it when a speaker withdraws their consent."""
    from studio.actions import voices as actions

    library = _library()
    voice = library.get(voice_id, engine_name)
    if voice is None or not voice.own:
        what = "no voice" if voice is None else "no clone, design or blend"
        raise BadInput(f"Your voice library has {what} called {voice_id!r}: see `troupe voices --kind cloned`.")

    async def work() -> None:
        needs_minimax = voice.engine == "minimax" and voice.kind in ("cloned", "designed")
        engine = _engine() if needs_minimax else None
        try:
            outcome = await actions.delete(engine, library, voice_id, engine_name=voice.engine)
            for sentence in outcome.sentences:
                click.echo(sentence)
        finally:
            if engine is not None:
                await engine.aclose()

    _run(work())


@voice_group.command("preview")
@click.argument("voice_id")
@click.option("--engine", "engine_name", type=click.Choice(["kokoro", "espeak", "minimax"]), default=None,
              help="The engine to speak with (default: the voice's own, else the settings' engine).")
@click.option("--text", default=None, help="What to say (default: a sample sentence in the voice's language).")
@click.option("--language", default=None, help="The language of the text (default: the voice's own).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to save a copy of the preview.")
def voice_preview_command(voice_id: str, engine_name: str | None, text: str | None, language: str | None,
                          out: Path | None) -> None:
    """Hear VOICE_ID: the preview is kept by its content, so asking again costs no request."""
    from studio.actions import voices as actions
    from studio.actions.engines import create
    from studio.library import PreviewCache
    from studio.settings import Settings

    library = _library()
    known = library.get(voice_id, engine_name)
    name = engine_name or (known.engine if known else Settings().get("engine"))

    async def work() -> None:
        engine = create(name)
        try:
            audio = await actions.preview(engine, voice_id, text, language, PreviewCache(), library=library)
        finally:
            await engine.aclose()
        where = "from the cache, no request made" if audio.cached else "new"
        click.echo(f"{audio.path} ({audio.format}, {audio.duration_ms / 1000:.1f} s, {where})")
        _copy(audio.path, out, "Preview")

    _run(work())


@voice_group.command("closest")
@click.argument("clip", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(1, 12), default=3, show_default=True, help="How many presets to show.")
def voice_closest_command(clip: Path, top: int) -> None:
    """The offline presets closest to the voice in CLIP by pitch and brightness (not a clone)."""
    from studio.actions import voices as actions

    def progress(done: int, total: int) -> None:
        click.echo(f"\rMeasuring the offline presets: {done} of {total}", err=True, nl=done == total)

    matches = _run(actions.closest_presets(clip, _library(), top=top, progress=progress))
    for m in matches:
        click.echo(f"{m.voice_id:<16} {m.name:<24} score {m.score:.2f}  (pitch {m.pitch_hz:.0f} Hz, "
                   f"brightness {m.brightness_hz:.0f} Hz)")
    click.echo(f"These are the {matches[0].label}." if matches else "No preset could be compared.")


# Only the group is a top-level command: ``studio.cli`` adds every command it finds in this module.
del voice_delete_command, voice_preview_command, voice_closest_command


# --- login, list, activate -----------------------------------------------------------------------------

@click.command("login")
@click.option("--region", type=click.Choice(sorted(REGIONS)), default=None,
              help="global (api.minimax.io) or mainland (api.minimaxi.com); saved to settings.")
@click.option("--check", is_flag=True, help="Verify the key by listing the system voices.")
def login_command(region: str | None, check: bool) -> None:
    """Store the MiniMax API key in the system keyring (read from stdin, never echoed)."""
    if sys.stdin is not None and sys.stdin.isatty():
        key = click.prompt("MiniMax API key", hide_input=True)
    else:
        key = (sys.stdin.readline() if sys.stdin is not None else "").strip()
    if not key:
        raise click.ClickException("No key was given; nothing was saved.")
    from studio.actions import ActionError, accounts

    try:
        accounts.save_minimax_key(key)
        if region:
            accounts.set_minimax_region(region)
    except ActionError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("MiniMax key saved in the system keyring" + (f"; region set to {region}." if region else "."))
    if check:
        voices = _run(list_voices_for_cli("system"))
        click.echo(f"The key works: {len(voices)} system voices available.")


@click.command("minimax-voices")
@click.option("--json", "as_json", is_flag=True, help="Print the voices as JSON.")
@click.option("--type", "voice_type", type=click.Choice(["all", "system", "voice_cloning", "voice_generation"]),
              default="all", show_default=True, help="Which voices to list.")
def minimax_voices_command(as_json: bool, voice_type: str) -> None:
    """List the MiniMax voices of this account, as MiniMax lists them (see `troupe voices` for the library)."""
    voices = _run(list_voices_for_cli(voice_type))
    if as_json:
        click.echo(json.dumps([v.to_dict() for v in voices], ensure_ascii=False, indent=2))
        return
    for v in voices:
        traits = ", ".join(t for t in (v.gender, v.age, "narrator" if v.narrator else None) if t)
        click.echo(f"{v.voice_id}\t{v.name}\t{v.kind}\t{traits}")


@click.command("activate")
@click.argument("voice_id", required=False)
@click.option("--all-pending", is_flag=True, help="Activate every new voice that has not been used yet.")
def activate_command(voice_id: str | None, all_pending: bool) -> None:
    """Use a new cloned or designed voice once, so MiniMax keeps it (unused voices expire after 7 days).

    With no VOICE_ID, lists the voices still waiting for their first use and when they expire (after
    asking MiniMax which of them have been used meanwhile, when it can be reached).
    """
    from studio.actions import voices as actions

    library = _library()
    if library.pending() and not voice_id:
        asyncio.run(actions.refresh(library, ["minimax"]))  # a render elsewhere may have used some
    pending = library.pending()
    targets = [v.voice_id for v in pending] if all_pending else ([voice_id] if voice_id else [])
    if not targets:
        if not pending:
            click.echo("No new voice is waiting for its first use.")
        for v in pending:
            click.echo(f"{v.voice_id}\t{v.name}\tunused, {v.days_left()} days left")
        for warning in library.warnings():
            click.echo(warning, err=True)
        return

    async def work() -> None:
        engine = _engine()
        try:
            for target in targets:
                await actions.activate(engine, library, target)
                click.echo(f"Voice {target} activated: MiniMax keeps it now.")
        finally:
            await engine.aclose()

    _run(work())


COMMANDS: tuple[click.Command, ...] = (clone_command, design_command, blend_command, voice_group, login_command,
                                       minimax_voices_command, activate_command)


def register(group: click.Group) -> None:
    """Add the voice and MiniMax commands to the main ``troupe`` group."""
    for command in COMMANDS:
        group.add_command(command)
