"""MiniMax commands for the ``troupe`` command line: clone, design, activate, login, minimax-voices.

``register(group)`` adds them to the main click group; ``list_voices_for_cli`` is what the main
``voices --engine minimax`` command calls. Each command runs its async work with ``asyncio.run`` over
the same engine the studio uses, and reports a failure as one sentence with a non-zero exit. The key is
read without echo and stored only in the OS keyring. Rendering, import and export commands live in
``studio.cli``, not here.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

import click

from studio.engines.minimax.config import REGIONS
from studio.engines.speech import EngineError, Voice

T = TypeVar("T")


def _run(work: Awaitable[T]) -> T:
    try:
        return asyncio.run(work)  # type: ignore[arg-type]
    except EngineError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None


def _engine(**options: Any) -> Any:
    from studio.engines.minimax.engine import MiniMaxEngine
    return MiniMaxEngine(**{k: v for k, v in options.items() if v is not None})


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


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


@click.command("clone")
@click.argument("audio", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="Display name of the new voice.")
@click.option("--voice-id", default=None, help="Your own id (8-256 chars, starts with a letter, has a digit).")
@click.option("--prompt-audio", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A clip under 8 seconds that improves similarity (needs --prompt-text).")
@click.option("--prompt-text", default=None, help="The exact transcript of --prompt-audio.")
@click.option("--preview", "preview_text", default=None, help="Text to speak with the new voice as a preview.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to save the preview audio (mp3).")
@click.option("--model", default=None, help="Speech model for the preview (default speech-2.8-hd).")
@click.option("--noise-reduction", is_flag=True, help="Ask MiniMax to reduce noise in the sample.")
@click.option("--normalize-volume", is_flag=True, help="Ask MiniMax to normalize the sample's volume.")
@click.option("--activate", is_flag=True, help="Use the voice once right away so it does not expire in 7 days.")
def clone_command(audio: Path, name: str, voice_id: str | None, prompt_audio: Path | None, prompt_text: str | None,
                  preview_text: str | None, out: Path | None, model: str | None, noise_reduction: bool,
                  normalize_volume: bool, activate: bool) -> None:
    """Clone a voice from AUDIO (mp3, m4a or wav; 10 s to 5 min; at most 20 MB)."""

    async def work() -> None:
        engine = _engine(model=model)
        try:
            result = await engine.clone(audio, name=name, voice_id=voice_id, prompt_audio=prompt_audio,
                                        prompt_text=prompt_text, preview_text=preview_text,
                                        need_noise_reduction=noise_reduction,
                                        need_volume_normalization=normalize_volume)
            click.echo(f"Cloned voice {result.voice_id} ({name}).")
            if result.demo_audio and out:
                _write(out, result.demo_audio)
                click.echo(f"Preview saved to {out}.")
            if activate:
                await engine.activate(result.voice_id)
                click.echo("Voice activated: it will not expire.")
            else:
                click.echo("Use it in a render within 7 days, or MiniMax deletes it (or run with --activate).")
        finally:
            await engine.aclose()

    _run(work())


@click.command("design")
@click.argument("prompt")
@click.option("--preview", "preview_text", required=True, help="Text the new voice speaks (at most 500 chars).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to save the trial audio (mp3).")
@click.option("--voice-id", default=None, help="Your own id for the voice (optional).")
def design_command(prompt: str, preview_text: str, out: Path | None, voice_id: str | None) -> None:
    """Design a new voice from a text description PROMPT."""

    async def work() -> None:
        engine = _engine()
        try:
            result = await engine.design(prompt, preview_text, voice_id=voice_id)
            click.echo(f"Designed voice {result.voice_id}.")
            if out:
                _write(out, result.audio)
                click.echo(f"Trial audio saved to {out}.")
        finally:
            await engine.aclose()

    _run(work())


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
    """List the MiniMax voices of this account."""
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

    With no VOICE_ID, lists the voices still waiting for their first use and when they expire.
    """
    from studio.engines.minimax.created_voices import CreatedVoices

    registry = CreatedVoices()
    pending = registry.pending()
    targets = [r.voice_id for r in pending] if all_pending else ([voice_id] if voice_id else [])
    if not targets:
        if not pending:
            click.echo("No new voice is waiting for its first use.")
        for r in pending:
            click.echo(f"{r.voice_id}\t{r.name}\tunused")
        for warning in registry.warnings():
            click.echo(warning, err=True)
        return

    async def work() -> None:
        engine = _engine()
        try:
            for target in targets:
                await engine.activate(target)
                click.echo(f"Voice {target} activated: MiniMax keeps it now.")
        finally:
            await engine.aclose()

    _run(work())


COMMANDS: tuple[click.Command, ...] = (clone_command, design_command, login_command, minimax_voices_command,
                                       activate_command)


def register(group: click.Group) -> None:
    """Add the MiniMax commands to the main ``troupe`` group."""
    for command in COMMANDS:
        group.add_command(command)
