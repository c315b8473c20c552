"""Import a script as a new episode, or paste lines into one: first a pure plan (the roles to create, with
their voices and genders, and the lines with their roles), then applied in one transaction.

The rules live here once: a role is matched by name; a "Narrator" in a script of a series that already
has a narrator (旁白) speaks with it; voices a MiniMax bulk script names are bound to the new roles; a
new role's gender is guessed from its name and the script where that is clear; the episode's title is
the one given, else the script's, else "Episode N". A timed script's lines (SRT/ASS/VTT, a video's
subtitles) keep their source cues, so they are locked to them; a script that came with a video (a dub) has
the episode remember that video (``EpisodeMix.source_video``, set right after the episode is added, and
again on redo). ``troupe import`` applies the plan directly; the window wraps it in an undo command
(``apply_import`` / ``undo_import`` / ``redo_import``). A text script's encoding, when it had to be
guessed (not UTF-8, no byte-order mark), is said (``uncertain_encoding``, ``encoding_notice``) and can be
named instead (``read_script_file(path, encoding)``), from the window or ``troupe import --encoding``.
Must not live here: Qt, how files are decoded and parsed (``studio.formats``), printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from studio.domain.casting import guess_role_gender
from studio.domain.model import Delivery, Episode, Line, NewLine, Role, is_narrator_name
from studio.formats.script_import import ScriptDraft
from studio.store.project_file import NewRole, ProjectStore

#: The engine whose voice ids a MiniMax bulk script's ``role_voice`` names.
BULK_VOICE_ENGINE = "minimax"

RoleRef = int | str | None  # an existing role's id, the name of a role the plan creates, or no role


@dataclass(frozen=True)
class PlannedLine:
    role: RoleRef
    line: NewLine


@dataclass
class LinesPlan:
    """Roles to create and lines to add, each line naming its role."""

    new_roles: list[NewRole] = field(default_factory=list)
    lines: list[PlannedLine] = field(default_factory=list)
    matched: dict[str, int] = field(default_factory=dict)  # a script's role name -> the existing role it uses

    def pairs(self) -> list[tuple[RoleRef, NewLine]]:
        return [(p.role, p.line) for p in self.lines]


@dataclass
class ImportPlan(LinesPlan):
    title: str = ""
    language: str = "zh"
    source_video: str | None = None  # the video a timed script came with (a dub)


@dataclass
class ImportResult:
    episode: Episode
    roles: list[Role]  # created by the import
    lines: list[Line] = field(default_factory=list)  # as added (for redo after an undo)
    source_video: str | None = None


@dataclass(frozen=True)
class ScriptLine:
    """A line from any source (a script file, a paste): a role name ("" for none) and what it says."""

    role: str
    text: str
    delivery: Delivery = field(default_factory=Delivery)
    gap_ms: int | None = None
    note: str = ""
    cue_start_ms: int | None = None  # a timed script's source cue
    cue_end_ms: int | None = None


def narrator_role_id(store: ProjectStore) -> int | None:
    return next((r.id for r in store.roles() if is_narrator_name(r.name)), None)


def plan_lines(store: ProjectStore, items: Sequence[ScriptLine], *, role_order: Iterable[str] = (),
               voices: dict[str, str] | None = None, voice_engine: str = BULK_VOICE_ENGINE,
               default_role: int | None = None) -> LinesPlan:
    """Match ``items``' roles to the project's by name, planning the roles that do not exist yet.

    ``role_order`` is the order new roles are created in (first appearance by default); ``voices`` binds
    a voice of ``voice_engine`` to a new role; lines without a role get ``default_role``.
    """
    existing = {r.name: r.id for r in store.roles()}
    narrator = narrator_role_id(store)
    texts = [it.text for it in items]
    plan = LinesPlan()
    refs: dict[str, RoleRef] = {}
    for name in list(dict.fromkeys([*role_order, *(it.role for it in items)])):
        if not name or name in refs:
            continue
        if name in existing:
            refs[name] = existing[name]
            plan.matched[name] = existing[name]
        elif narrator is not None and is_narrator_name(name):
            refs[name] = narrator  # "Narrator" in an English script is the series' 旁白
            plan.matched[name] = narrator
        else:
            bound = {voice_engine: voices[name]} if voices and voices.get(name) else {}
            plan.new_roles.append(NewRole(name, voices=bound, gender=guess_role_gender(name, texts)))
            refs[name] = name
    for it in items:
        ref = refs.get(it.role, default_role) if it.role else default_role
        plan.lines.append(PlannedLine(ref, NewLine(None, it.text, it.delivery, it.gap_ms, it.note, it.cue_start_ms,
                                                   it.cue_end_ms)))
    return plan


def plan_import(store: ProjectStore, draft: ScriptDraft, *, title: str | None = None,
                voice_engine: str = BULK_VOICE_ENGINE) -> ImportPlan:
    """What importing ``draft`` as a new episode will add. Changes nothing."""
    items = [ScriptLine(ln.role, ln.text, ln.delivery, ln.gap_ms, ln.note, ln.cue_start_ms, ln.cue_end_ms)
             for ln in draft.lines]
    lines = plan_lines(store, items, role_order=draft.roles, voices=draft.role_voices, voice_engine=voice_engine)
    number = len(store.episodes()) + 1
    name = (title or "").strip() or draft.title or f"Episode {number}"
    return ImportPlan(lines.new_roles, lines.lines, lines.matched, title=name, language=draft.language,
                      source_video=draft.source_video)


def _remember_video(store: ProjectStore, episode_id: int, video: str | None) -> None:
    if video:
        store.set_episode_mix(episode_id, replace(store.episode_mix(episode_id), source_video=video))


def apply_import(store: ProjectStore, plan: ImportPlan) -> ImportResult:
    """Add the planned roles and episode in one transaction (and then the video it came with, if any)."""
    episode, roles = store.import_episode(plan.new_roles, plan.title, plan.language, plan.pairs())
    try:
        _remember_video(store, episode.id, plan.source_video)
    except Exception:
        store.remove_import(episode.id, [r.id for r in roles])  # all or nothing
        raise
    return ImportResult(episode, roles, store.lines(episode.id), plan.source_video)


def undo_import(store: ProjectStore, result: ImportResult) -> None:
    store.remove_import(result.episode.id, [r.id for r in result.roles])


def redo_import(store: ProjectStore, result: ImportResult) -> None:
    store.restore_import(result.episode, result.lines, result.roles)
    _remember_video(store, result.episode.id, result.source_video)


def describe(plan: ImportPlan) -> str:
    """"15 lines, 3 new roles (林晚, 陆沉, 旁白)"."""
    text = f"{len(plan.lines)} lines"
    if any(p.line.cue_start_ms is not None for p in plan.lines):
        text += " locked to their subtitle times"
    if plan.new_roles:
        text += f", {len(plan.new_roles)} new role(s) ({', '.join(r.name for r in plan.new_roles)})"
    return text


def script_title(path: str | Path) -> str:
    return Path(path).stem


# --- the encoding a text script is read in ------------------------------------------------------------

#: The encodings offered when the user chooses one (a script file's usual ones first); any codec name
#: Python knows is taken too.
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030", "big5", "utf-16", "shift_jis", "euc-kr", "cp1252", "latin-1")

#: Encodings a file's bytes prove (valid UTF-8, a UTF-16 byte-order mark): never a guess.
_CERTAIN = ("utf-8", "utf-16")


def read_script_file(path: str | Path, encoding: str | None = None) -> ScriptDraft:
    """The draft of the script at ``path``, its encoding told from its bytes, or the one the user named
    (``ScriptImportError`` with a sentence when the file cannot be read in it). What both the window and
    ``troupe import --encoding`` read with."""
    from studio.formats.script_import import read_script

    return read_script(path, encoding=encoding or None)


def uncertain_encoding(draft: ScriptDraft, chosen: str | None = None) -> str | None:
    """The encoding a text script was read in when that was a guess (it is not UTF-8 and has no byte-order
    mark, and the user did not name it): the import says so and lets the user choose. None otherwise."""
    if chosen:
        return None
    encoding = (draft.encoding or "utf-8").lower()
    return None if encoding in _CERTAIN else encoding


def encoding_preview(path: str | Path, encoding: str, lines: int = 12, limit: int = 4096) -> str:
    """The first ``lines`` lines of the file at ``path`` read as ``encoding`` (what a byte it cannot read
    shows as U+FFFD), for the user to choose an encoding by eye."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit)
        text = data.decode(encoding, errors="replace")
    except (OSError, LookupError) as exc:
        return str(exc)
    return "\n".join(text.lstrip("\ufeff").splitlines()[:lines])


def encoding_notice(encoding: str) -> str:
    """The sentence said when a script's encoding was a guess (the command line adds how to choose)."""
    return f"The script is not UTF-8; it was read as {encoding}. If any text looks wrong, import it again in its " \
           "own encoding."


__all__ = ["ENCODINGS", "ImportPlan", "ImportResult", "LinesPlan", "PlannedLine", "ScriptLine", "apply_import",
           "describe", "encoding_notice", "encoding_preview", "narrator_role_id", "plan_import", "plan_lines", "read_script_file",
           "redo_import", "uncertain_encoding", "undo_import"]
