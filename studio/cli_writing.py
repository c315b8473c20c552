"""Writing commands for the ``troupe`` command line: generate, translate, attribute and bulk.

``commands()`` lists them for ``studio.cli`` to register. Each goes through the same actions as the
window's writing room (``studio.actions.writing``) and reports one sentence: exit 2 for input refused
before anything is asked or changed (an empty premise, no chat model configured, a file that cannot be
read, options out of range), exit 1 when the chat model or an engine fails. A project is changed only
after everything it will get has been written and checked, in one step per episode, so a failed command
leaves it as it was.

* ``troupe generate PROJECT --premise TEXT [--episodes N] [--lang zh|en] [--genre G]`` — new episodes
  from a premise (the project is created if needed), each line printed as it arrives.
* ``troupe translate PROJECT --episode N --to en [--glossary FILE]`` — a new episode in the other language
  with the same cast; names the model translated are kept in the glossary (``--glossary FILE``, else
  ``<project>.glossary.json`` beside the project).
* ``troupe attribute PROSE PROJECT`` — a novel chapter as a new episode, speakers found by the chat model
  when one is configured, by the offline splitter otherwise (or with ``--offline``).
* ``troupe bulk ROLES.json --role-voice JSON [--voice-configs JSON] [--interval-title S] [--sample-rate
  32000] [--bitrate 128000] [--engine kokoro] -o OUT.mp3`` — MiniMax's role-audio deliverables on any
  engine: OUT.mp3, OUT.json (sentence subtitles) and the ``extra_info`` printed as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

import click

from studio.cli_numbers import number, whole
from studio.domain.model import ENGINES

T = TypeVar("T")


class BadInput(click.ClickException):
    """Input refused before anything was asked or changed; exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


class Failed(click.ClickException):
    """The chat model or an engine failed; exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"troupe: {self.message}", err=True)


def _run(work: Awaitable[T]) -> T:
    from studio.actions import ActionError
    from studio.actions.writing import NeedsChatModelError

    try:
        return asyncio.run(work)  # type: ignore[arg-type]
    except NeedsChatModelError as exc:
        raise BadInput(str(exc)) from None
    except ActionError as exc:
        raise Failed(str(exc)) from None


def _store(project: str, *, create: bool = False, readonly: bool = False) -> Any:
    from studio.store.project_file import ProjectError, ProjectStore

    path = Path(project)
    try:
        if path.exists():
            return ProjectStore.open_readonly(path) if readonly else ProjectStore.open(path)
        if not create:
            raise BadInput(f"{project} does not exist.")
        if path.suffix != ".troupe":
            raise BadInput(f"{project} does not exist; name a new project with the .troupe suffix.")
        return ProjectStore.create(path, path.stem)
    except ProjectError as exc:
        raise BadInput(str(exc)) from None


def _episode(store: Any, number: int) -> Any:
    from studio.store.project_file import ProjectError

    try:
        return store.episode_by_number(number)
    except ProjectError as exc:
        raise BadInput(str(exc)) from None


async def _connect(what: str) -> Any:
    from studio.actions.writing import connect

    return await connect(what=what)


def _say_line(line: Any) -> None:
    emotion = f" ({line.delivery.emotion})" if line.delivery.emotion else ""
    click.echo(f"  {line.role}{emotion}: {line.text}")


# --- generate ----------------------------------------------------------------------------------------

@click.command("generate")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--premise", required=True, help="What the series is about, a sentence or two.")
@click.option("--episodes", type=click.IntRange(1, 100), default=1, show_default=True, help="How many episodes.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language (default: the project's last episode's, "
              "else zh).")
@click.option("--genre", default="", help="甜宠, 逆袭, 悬疑, 霸总, 复仇, romance, thriller, comedy …")
@click.option("--seconds", type=click.IntRange(15, 900), default=90, show_default=True,
              help="Length of each episode, spoken.")
@click.option("--no-new-roles", is_flag=True, help="Use only the project's cast.")
def generate_cmd(project: str, premise: str, episodes: int, lang: str | None, genre: str, seconds: int,
                 no_new_roles: bool) -> None:
    """Write EPISODES new episodes of PROJECT from a premise with the chat model (PROJECT is created if
    needed)."""
    from studio.actions import ActionError
    from studio.actions.writing import GenerationPlan, apply_generation, series_brief, stream_generate
    from studio.writing.generate import EpisodeReady, LinePreview, Restarted

    if not premise.strip():
        raise BadInput("The premise is empty: say in a sentence or two what the series is about.")
    path = Path(project)
    if not path.exists() and path.suffix != ".troupe":
        raise BadInput(f"{project} does not exist; name a new project with the .troupe suffix.")

    async def work() -> GenerationPlan:
        chat = await _connect("Generating")
        try:
            if path.exists():
                with _store(project, readonly=True) as store:
                    brief = series_brief(store, premise, genre=genre, language=lang, episodes=episodes,
                                         episode_seconds=seconds, allow_new_roles=not no_new_roles)
            else:
                from studio.writing.generate import SeriesBrief

                brief = SeriesBrief(premise, genre, lang or "zh", episodes, seconds, (), not no_new_roles,
                                    path.stem)
                if brief.problems():
                    raise ActionError(" ".join(brief.problems()))
            plan = GenerationPlan([])
            async for event in stream_generate(chat, brief):
                if isinstance(event, LinePreview):
                    if event.index == 0:
                        click.echo(f"Episode {event.episode}:")
                    _say_line(event.line)
                elif isinstance(event, Restarted):
                    click.echo(f"(The answer for episode {event.episode} was not usable; asking again.)", err=True)
                elif isinstance(event, EpisodeReady):
                    plan.episodes.append(event.result)
            return plan
        finally:
            await chat.aclose()

    plan = _run(work())
    with _store(project, create=True) as store:
        try:
            results = apply_generation(store, plan)
        except ActionError as exc:
            raise Failed(str(exc)) from None
        for result in results:
            n = [e.id for e in store.episodes()].index(result.episode.id) + 1
            roles = f", new roles: {', '.join(r.name for r in result.roles)}" if result.roles else ""
            click.echo(f"Added episode {n} “{result.episode.title}” ({len(result.lines)} lines{roles}) "
                       f"to {store.path.name}.")


# --- translate ---------------------------------------------------------------------------------------

@click.command("translate")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.option("--episode", "-e", type=whole(1), help="Episode number to translate.")
@click.option("--all", "every", is_flag=True, help="Translate every episode not yet in the target language.")
@click.option("--to", "target", type=click.Choice(["zh", "en"]), required=True, help="Target language.")
@click.option("--glossary", type=click.Path(dir_okay=False),
              help="A JSON glossary of names and terms (default: <project>.glossary.json beside it).")
@click.option("--margin", type=click.FloatRange(0, 5), default=0.15, show_default=True,
              help="Flag lines whose translation runs more than this much over their source.")
def translate_cmd(project: str, episode: int | None, every: bool, target: str, glossary: str | None,
                  margin: float) -> None:
    """Translate an episode (or the series) of PROJECT into another language, as new episodes with the
    same cast, every line kept."""
    from studio.actions import ActionError
    from studio.actions.writing import (
        apply_translations,
        fit_issues,
        load_glossary,
        plan_series_translation,
        plan_translation,
        save_new_terms,
    )
    from studio.writing.translate import glossary_path

    if episode is None and not every:
        raise BadInput("Name the episode to translate with --episode N (or --all for the series).")
    try:
        book = load_glossary(project, glossary)
    except ActionError as exc:
        raise BadInput(str(exc)) from None
    book_path = Path(glossary) if glossary else glossary_path(project)
    with _store(project, readonly=True) as store:
        source = _episode(store, episode) if episode is not None else None
        if source is not None and source.language == target:
            raise BadInput(f"Episode {episode} is already in {target}.")

    async def work() -> list[Any]:
        chat = await _connect("Translating")
        try:
            with _store(project, readonly=True) as store:
                if source is not None:
                    return [await plan_translation(store, chat, source.id, target, glossary=book)]
                return await plan_series_translation(store, chat, target, glossary=book)
        finally:
            await chat.aclose()

    plans = _run(work())
    with _store(project) as store:
        try:
            results = apply_translations(store, plans)
        except ActionError as exc:
            raise Failed(str(exc)) from None
        terms: dict[str, str] = {}
        for plan, result in zip(plans, results, strict=True):
            src = store.episode(plan.source_episode_id)
            new = result.result.episode
            numbers = [e.id for e in store.episodes()]
            click.echo(f"Translated episode {numbers.index(src.id) + 1} “{src.title}” into {target} as episode "
                       f"{numbers.index(new.id) + 1} “{new.title}” ({len(result.line_map)} lines, the same cast).")
            long = fit_issues(store, src.id, new.id, margin=margin, line_map=result.line_map)
            if long:
                click.echo(f"  {len(long)} line(s) may run more than {margin:.0%} over their source; render both "
                           "to check the fit.")
            terms.update(plan.new_terms)
    saved = save_new_terms(book, target, terms, book_path)
    if saved:
        click.echo(f"Kept {len(terms)} new name(s) in {saved.name}.")


# --- attribute ---------------------------------------------------------------------------------------

@click.command("attribute")
@click.argument("prose", type=click.Path(exists=True, dir_okay=False))
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--title", help="Episode title (default: the chapter's heading).")
@click.option("--offline", is_flag=True, help="Use the offline splitter even when a chat model is configured.")
def attribute_cmd(prose: str, project: str, title: str | None, offline: bool) -> None:
    """Add the novel chapter PROSE to PROJECT as an episode: each quotation under its speaker, the rest as
    narration (PROJECT is created if needed)."""
    from studio.actions import ActionError
    from studio.actions.writing import apply_attribution, chat_available, plan_attribution
    from studio.formats.script_import import ScriptImportError, _decode

    path = Path(project)
    if not path.exists() and path.suffix != ".troupe":
        raise BadInput(f"{project} does not exist; name a new project with the .troupe suffix.")
    try:
        text = _decode(Path(prose).read_bytes(), Path(prose).name)
    except ScriptImportError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"{prose} could not be read ({exc.strerror or exc}).") from None
    if not text.strip():
        raise BadInput(f"{prose} is empty.")
    use_model = not offline and chat_available()

    async def work() -> Any:
        chat = await _connect("Attributing") if use_model else None
        try:
            if path.exists():
                with _store(project, readonly=True) as store:
                    return await plan_attribution(store, text, chat=chat, title=title or "")
            import tempfile

            from studio.store.project_file import ProjectStore

            with tempfile.TemporaryDirectory() as tmp, ProjectStore.create(Path(tmp) / "p.troupe", "p") as store:
                return await plan_attribution(store, text, chat=chat, title=title or "")
        finally:
            if chat is not None:
                await chat.aclose()

    planned = _run(work())
    with _store(project, create=True) as store:
        from studio.actions.importing import plan_import

        plan = planned
        plan.plan = plan_import(store, planned.draft, title=title or None)  # against the project as it is now
        try:
            result = apply_attribution(store, plan)
        except ActionError as exc:
            raise Failed(str(exc)) from None
        n = [e.id for e in store.episodes()].index(result.episode.id) + 1
        spoken = sum(1 for ln in plan.attribution.lines if ln.kind == "dialogue")
        unsure = sum(1 for ln in plan.attribution.lines if ln.kind == "dialogue" and ln.confidence < 0.5)
        how = "the chat model" if use_model else "the offline splitter"
        roles = f", new roles: {', '.join(r.name for r in result.roles)}" if result.roles else ""
        click.echo(f"Added “{result.episode.title}” as episode {n} ({len(result.lines)} lines, {spoken} spoken; "
                   f"speakers by {how}{roles}).")
        if unsure:
            click.echo(f"  {unsure} spoken line(s) have an unsure speaker; check them in the window.")


# --- bulk --------------------------------------------------------------------------------------------

@click.command("bulk")
@click.argument("roles_json", metavar="ROLES.json", type=click.Path(exists=True, dir_okay=False))
@click.option("--role-voice", help='JSON (or a JSON file) mapping role ids to voice ids, e.g. '
              '{"title": "audiobook_male_1", "anarration": "audiobook_male_1", "林晚": "female-shaonv"}.')
@click.option("--voice-configs", help='JSON (or a file) mapping voice ids to {"speed", "vol", "pitch"}.')
@click.option("--interval-title", type=number(0, 60, "s"), help="Seconds of silence after the title (two decimals).")
@click.option("--sample-rate", type=click.Choice(["16000", "24000", "32000"]), default="32000", show_default=True)
@click.option("--bitrate", type=click.Choice(["32000", "64000", "128000"]), default="128000", show_default=True)
@click.option("--engine", type=click.Choice(ENGINES), default="kokoro", show_default=True,
              help="Speech engine (MiniMax uses the role_voice ids; the offline engines cast by gender).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The mp3 to write.")
def bulk_cmd(roles_json: str, role_voice: str | None, voice_configs: str | None, interval_title: float | None,
             sample_rate: str, bitrate: str, engine: str, output: str) -> None:
    """MiniMax's role audio from a Role Classification file: one mp3, sentence subtitles (OUT.json) and the
    extra_info figures (printed as JSON)."""
    from studio.actions.engines import create
    from studio.actions.writing import bulk_audio
    from studio.engines.speech import EngineError
    from studio.formats.bulk import BulkError, read_bulk

    out = Path(output)
    if out.suffix.lower() != ".mp3":
        raise BadInput("The output is an mp3 file: give it a .mp3 name.")
    if not out.parent.exists():
        raise BadInput(f"The folder {out.parent} does not exist.")
    try:
        script = read_bulk(roles_json, role_voice=role_voice, voice_configs=voice_configs,
                           interval_title=interval_title)
    except BulkError as exc:
        raise BadInput(str(exc)) from None
    if not script.role_voice:
        raise BadInput("Give --role-voice: which voice reads each role id (title, anarration and each character).")
    try:
        speech = create(engine)
    except EngineError as exc:
        raise BadInput(str(exc)) from None

    async def work() -> Any:
        try:
            return await bulk_audio(script, out, engine=speech, sample_rate=int(sample_rate), bitrate=int(bitrate))
        finally:
            await speech.aclose()

    result = _run(work())
    click.echo(f"Wrote {result.audio} ({result.duration_ms / 1000:.1f} s, {int(sample_rate) // 1000} kHz, "
               f"{int(bitrate) // 1000} kbps) and {result.subtitles.name} ({len(result.cues)} sentences).")
    click.echo(json.dumps({"extra_info": result.extra_info}, ensure_ascii=False))


def commands() -> list[click.Command]:
    return [generate_cmd, translate_cmd, attribute_cmd, bulk_cmd]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(click.Group(commands={c.name or "": c for c in commands()})())
