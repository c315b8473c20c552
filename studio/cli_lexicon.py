"""The pronunciation lexicon on the ``troupe`` command line, through the same actions as the window
(``studio.actions.lexicon``). ``commands()`` lists them for ``studio.cli`` to register.

* ``troupe lexicon add PROJECT WORD SPOKEN [--kind replace|pinyin|ipa] [--language zh|en|all]`` — how WORD
  is said (an entry for the same word and language is replaced); prints the lines that will be rendered
  again. SPOKEN written as toned pinyin ("hang2 zhang3") is taken as pinyin unless ``--kind`` says otherwise.
* ``troupe lexicon list PROJECT [--language zh|en]`` and ``troupe lexicon remove PROJECT WORD [--language]``.
* ``troupe lexicon pinyin WORD`` — the pinyin the offline engine reads WORD with, and each 多音字's readings.
* ``troupe lexicon suspects PROJECT`` — characters of the script with several readings, most used first.

Bad input is a sentence and exit 2; the project is changed only when the entry was accepted.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from studio.actions import ActionError
from studio.actions import lexicon as lex
from studio.store.project_file import ProjectError, ProjectStore

_LANGUAGE = click.Choice(["zh", "en", "all"], case_sensitive=False)
_SHOWN_LINES = 12


class UserError(click.ClickException):
    """A sentence for the user; exit code 2 (as ``studio.cli`` says it)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


def _open(path: str, *, read_only: bool = False) -> ProjectStore:
    try:
        return ProjectStore.open_readonly(path) if read_only else ProjectStore.open(path)
    except ProjectError as exc:
        raise UserError(str(exc)) from exc


def _language(value: str | None) -> str | None:
    return None if value in (None, "all") else value


def _echo_lines(change: lex.Change, verb: str) -> None:
    lines = change.lines
    if not lines:
        click.echo(f"No line holds “{change.entry.written}” yet; nothing is {verb}.")
        return
    click.echo(f"{len(lines)} line{'s' if len(lines) != 1 else ''} will be rendered again:")
    for a in lines[:_SHOWN_LINES]:
        click.echo(f"  episode {a.episode}, line {a.number}: {a.text}")
    if len(lines) > _SHOWN_LINES:
        click.echo(f"  … and {len(lines) - _SHOWN_LINES} more")


@click.group("lexicon")
def lexicon_cmd() -> None:
    """How names and words are pronounced, series-wide (subtitles keep the written text)."""


@lexicon_cmd.command("add")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("word")
@click.argument("spoken")
@click.option("--kind", type=click.Choice(["replace", "pinyin", "ipa"], case_sensitive=False), default=None,
              help="replace: say SPOKEN instead; pinyin: toned syllables (hang2 zhang3); ipa: phonemes. "
                   "Default: pinyin when SPOKEN is toned pinyin, else replace.")
@click.option("--language", type=_LANGUAGE, default="all", show_default=True,
              help="The episodes' language the entry is for.")
def lexicon_add(project: str, word: str, spoken: str, kind: str | None, language: str) -> None:
    """Say WORD as SPOKEN in every episode (of the language)."""
    store = _open(project)
    try:
        entry = lex.check_entry(word, spoken, _kind(spoken, kind), _language(language))
        change = lex.add(store, entry)
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    was = f" (it was {change.replaced.spoken})" if change.replaced else ""
    click.echo(f"{'Changed' if change.replaced else 'Added'} {lex.describe(entry)}{was}.")
    _echo_lines(change, "rendered again")


def _kind(spoken: str, kind: str | None) -> str:
    """The kind given, else pinyin when SPOKEN is toned pinyin, else replace."""
    if kind is not None:
        return kind
    syllables = lex.normalize_pinyin(spoken).split()
    return "pinyin" if syllables and all(re.fullmatch(r"[a-zü]+[1-5]", s) for s in syllables) else "replace"


@lexicon_cmd.command("say")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("word")
@click.argument("spoken")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The audio file to write.")
@click.option("--kind", type=click.Choice(["replace", "pinyin", "ipa"], case_sensitive=False), default=None,
              help="As for `add`.")
@click.option("--language", type=_LANGUAGE, default="all", show_default=True, help="As for `add`.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def lexicon_say(project: str, word: str, spoken: str, output: str, kind: str | None, language: str,
                force: bool) -> None:
    """Hear WORD said as SPOKEN before adding it: the first line holding WORD, on the project's engine, to
    OUTPUT (the lexicon is not changed)."""
    import asyncio
    from pathlib import Path

    from studio.actions.engines import create, engine_model
    from studio.engines.speech import EngineError

    out = Path(output)
    if out.exists() and not force:
        raise UserError(f"{out} exists; pass --force to replace it.")
    store = _open(project, read_only=True)
    try:
        entry = lex.check_entry(word, spoken, _kind(spoken, kind), _language(language))
        name = store.settings.engine
        engine = create(name, engine_model(name, store.settings) or None)
        audition = lex.audition(store, engine, entry)

        async def say() -> bytes:
            try:
                result = await engine.synthesize(audition.request)  # type: ignore[arg-type]
                return result.audio
            finally:
                await engine.aclose()

        audio = asyncio.run(say())
    except (ActionError, EngineError) as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    try:
        out.write_bytes(audio)
    except OSError as exc:
        raise UserError(f"Could not write {out}: {exc.strerror or exc}.") from exc
    where = f"episode {audition.line.episode}, line {audition.line.number}" if audition.line else "the word alone"
    click.echo(f"Wrote {out}: {where}, “{audition.said}” with {lex.describe(entry)}, on {name}.")


@lexicon_cmd.command("remove")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("word")
@click.option("--language", type=_LANGUAGE, default=None, help="Which entry, when the word has several.")
def lexicon_remove(project: str, word: str, language: str | None) -> None:
    """Remove WORD's entry."""
    store = _open(project)
    try:
        change = lex.remove(store, word, language)
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    click.echo(f"Removed {lex.describe(change.entry)}.")
    _echo_lines(change, "rendered again")


@lexicon_cmd.command("list")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--language", type=click.Choice(["zh", "en"], case_sensitive=False), default=None,
              help="Only the entries that apply to this language.")
def lexicon_list(project: str, language: str | None) -> None:
    """Print the lexicon, one entry a line, with how many lines hold each word."""
    store = _open(project, read_only=True)
    try:
        found = lex.entries(store, language)
        if not found:
            click.echo("The lexicon is empty. Add an entry with `troupe lexicon add PROJECT WORD SPOKEN`.")
            return
        for e in found:
            n = len(lex.affected_lines(store, e.written, e.language))
            click.echo(f"{lex.describe(e)}  — {n} line{'s' if n != 1 else ''}")
    finally:
        store.close()


@lexicon_cmd.command("pinyin")
@click.argument("word")
def lexicon_pinyin(word: str) -> None:
    """Show the pinyin the offline engine reads WORD with, and the readings of its 多音字."""
    try:
        reading = lex.readings(word)
    except ActionError as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"{reading.word}: {' '.join(reading.default)}")
    for i in reading.polyphonic:
        click.echo(f"  {reading.word[i]}: {' / '.join(reading.choices[i])}")
    if reading.polyphonic:
        click.echo(f"To choose a reading: troupe lexicon add PROJECT {reading.word} \"{' '.join(reading.default)}\"")


@lexicon_cmd.command("suspects")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--top", type=click.IntRange(1, 500), default=20, show_default=True)
def lexicon_suspects(project: str, top: int) -> None:
    """Words the listen-back check heard wrong (`troupe check`), then characters of the script with several
    readings, most used first."""
    from studio.actions.check import misheard_words

    store = _open(project, read_only=True)
    try:
        misheard = misheard_words(store)
        found = lex.suspects(store, misheard)[:top]
    finally:
        store.close()
    if not found:
        click.echo("No character of the script has more than one reading that the lexicon leaves open.")
    for word, n in found:
        if word in misheard:
            click.echo(f"{word}  misheard by the check — {n} line{'s' if n != 1 else ''}")
            continue
        reading = lex.readings(word)
        choices = " / ".join(reading.choices[0]) if reading.choices else " ".join(reading.default)
        click.echo(f"{word}  {choices}  — {n} line{'s' if n != 1 else ''}")


def commands() -> list[click.Command]:
    return [lexicon_cmd]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(click.Group(commands={c.name or "": c for c in commands()})())
