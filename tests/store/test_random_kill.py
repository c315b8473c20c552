"""Killed at any moment of rendering, editing and importing, a project keeps every change that was
committed: a child process works on it in cycles (render a few stale lines with espeak, edit a line,
insert lines, import a script through the import action) and reports each change once it is committed;
it is SIGKILLed at random moments, many times, and after each kill the project must open for writing, pass
SQLite's integrity check, have every take's sound match its checksum, and hold every line, edit, import
and take the child reported. Bounded in time (about 45 s of kills)."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from studio.domain.model import Delivery, ProjectSettings
from studio.store.project_file import ProjectStore, integrity_problem

BUDGET_S = 45.0  # kills stop being started after this; each check then costs well under a second

CHILD = r"""
import asyncio, json, os, random, sys
from studio.actions.importing import apply_import, plan_import
from studio.domain.model import Delivery
from studio.engines.espeak import EspeakEngine
from studio.formats.script_import import parse_text
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore

path = sys.argv[1]


def say(**what):
    sys.stdout.write(json.dumps(what, ensure_ascii=False) + "\n")
    sys.stdout.flush()


async def work(seed):
    rng = random.Random(seed)
    store = ProjectStore.open(path)
    engine = EspeakEngine()
    say(kind="ready")
    n = 0
    while True:
        n += 1
        action = rng.choice(["render"] * 5 + ["edit"] * 3 + ["insert"] * 2 + ["import"])
        eps = store.episodes()
        if action == "render":
            ep = rng.choice(eps).id
            jobs = RenderPlanner(store, engine).stale_jobs(ep)[:3]
            sched = RenderScheduler(store, engine, on_event=lambda e: e.take is not None and e.kind == "done"
                                    and say(kind="take", take=e.take.id, line=e.line_id))
            await sched.render(jobs)
        elif action == "edit":
            lines = store.lines(rng.choice(eps).id)
            if lines:
                line = rng.choice(lines)
                text = f"Edit {seed}.{n}: the night goes on, and the rain with it."
                store.update_line(line.with_(text=text))
                say(kind="edit", line=line.id, text=text)
        elif action == "insert":
            ep = rng.choice(eps).id
            texts = [f"Inserted {seed}.{n}.{i}: a new line of the scene." for i in range(rng.randint(1, 4))]
            ids = store.insert_lines(ep, rng.randint(0, len(store.lines(ep))), [(None, t, Delivery(), None)
                                                                               for t in texts])
            say(kind="insert", lines=dict(zip(map(str, ids), texts)))
        else:
            script = "\n".join(f"{rng.choice(['Lin', f'New{seed}x{n}a', f'New{seed}x{n}b'])}: Imported {seed}.{n}.{i}."
                               for i in range(12))  # two new roles (and Lin) each time
            result = apply_import(store, plan_import(store, parse_text(script, source_name="s.txt"),
                                                     title=f"Import {seed}.{n}"))
            say(kind="import", episode=result.episode.id, lines=len(result.lines),
                roles=[r.name for r in result.roles])
        await asyncio.sleep(0)


# One process imports the studio once and forks a worker per cycle (a fork costs milliseconds, a fresh
# interpreter seconds); the test kills the worker. Its own messages go to stderr, the workers' to stdout.
for command in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            sys.stdout.write("\n")  # a report cut by the last kill ends here, not in this worker's first one
            asyncio.run(work(int(command)))
        except BaseException as exc:
            import traceback
            sys.stderr.write(json.dumps({"kind": "crashed", "error": traceback.format_exc()}) + "\n")
            sys.stderr.flush()
        finally:
            os._exit(1)
    sys.stderr.write(json.dumps({"kind": "worker", "pid": pid}) + "\n")
    sys.stderr.flush()
    os.waitpid(pid, 0)
    # every report the killed worker wrote is in the pipe before this mark (a cut one ends at the newline)
    sys.stdout.write("\n" + json.dumps({"kind": "flushed"}) + "\n")
    sys.stdout.flush()
"""


def _project(path: Path) -> None:
    store = ProjectStore.create(path, "Kills", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    store.add_episode("One", "en", [(role.id, f"Line {i + 1} of the first night, and the rain goes on.",
                                     Delivery(), None) for i in range(8)])
    store.close()


class Expected:
    """What the child said it committed: each line's latest text, each import, each take."""

    def __init__(self) -> None:
        self.texts: dict[int, str] = {}
        self.imports: dict[int, int] = {}  # episode id -> its line count
        self.roles: set[str] = set()
        self.takes: set[int] = set()
        self.reports = 0

    def take_in(self, report: dict) -> None:
        kind = report["kind"]
        if kind == "ready":
            return
        self.reports += 1
        if kind == "edit":
            self.texts[report["line"]] = report["text"]
        elif kind == "insert":
            self.texts.update({int(k): v for k, v in report["lines"].items()})
        elif kind == "import":
            self.imports[report["episode"]] = report["lines"]
            self.roles.update(report["roles"])
        elif kind == "take":
            self.takes.add(report["take"])

    def check(self, path: Path, killed: int) -> None:
        """The project after worker ``killed`` was killed. Its one change in flight may have been committed
        without being reported: an edit of that worker is then the line's text from now on."""
        assert integrity_problem(path) is None
        with ProjectStore.open(path) as store:  # opens for writing: not called damaged, not locked
            lines = {ln.id: ln for ep in store.episodes() for ln in store.lines(ep.id)}
            unreported = 0
            for line_id, text in self.texts.items():
                assert line_id in lines, f"line {line_id} was lost"
                if lines[line_id].text != text and lines[line_id].text.startswith(f"Edit {killed}."):
                    unreported += 1
                    self.texts[line_id] = lines[line_id].text
                assert lines[line_id].text == self.texts[line_id], f"line {line_id} lost its edit"
            assert unreported <= 1, "only the change in flight can be unreported"
            episodes = {e.id for e in store.episodes()}
            for episode_id, count in self.imports.items():
                assert episode_id in episodes, f"imported episode {episode_id} was lost"
                assert len(store.lines(episode_id)) >= count
            names = {r.name for r in store.roles()}
            assert self.roles <= names, f"roles lost: {self.roles - names}"
            # no half import: every episode has its lines, every role (each made by an import) speaks one
            spoken = {ln.role_id for ln in lines.values()}
            for episode_id in episodes:
                assert store.lines(episode_id), f"episode {episode_id} has no lines: half an import"
            for role in store.roles():
                assert role.id in spoken, f"role {role.name} speaks no line: half an import"
            checked = 0
            for ln in lines.values():
                for take in store.takes_for_line(ln.id):
                    store.take_audio(take.id)  # TakeDamagedError when its sound does not match its checksum
                    checked += 1
                    self.takes.discard(take.id)
            assert not self.takes, f"takes lost: {sorted(self.takes)}"
            assert checked <= store.take_count()


def _reader(stream: object, into: list[dict]) -> None:
    for raw in stream:  # type: ignore[attr-defined]
        try:
            into.append(json.loads(raw))
        except ValueError:  # a line cut by a kill (or the blank line a worker starts with) is not a report
            pass


def _next(what: list[dict], kind: str, after: int, timeout: float = 30) -> int:
    """The index of the first ``kind`` message at or after ``after``, waiting for it."""
    end = time.monotonic() + timeout
    while True:
        for i in range(after, len(what)):
            if what[i]["kind"] == kind:
                return i
        assert time.monotonic() < end, f"no {kind!r} in {timeout} s"
        time.sleep(0.005)


def test_random_kills_over_render_edit_and_import_cycles_lose_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "kills.troupe"
    _project(path)
    expected = Expected()
    rng = random.Random(int(os.environ.get("TROUPE_KILL_SEED", "20261202")))
    zygote = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reports: list[dict] = []
    told: list[dict] = []
    for stream, into in ((zygote.stdout, reports), (zygote.stderr, told)):
        threading.Thread(target=_reader, args=(stream, into), daemon=True).start()
    assert zygote.stdin is not None
    start = time.monotonic()
    kills = busy = 0
    read = heard = 0  # how far the reports and the zygote's messages are taken in
    try:
        while time.monotonic() - start < BUDGET_S:
            zygote.stdin.write(f"{kills}\n")
            zygote.stdin.flush()
            heard = _next(told, "worker", heard) + 1
            pid = told[heard - 1]["pid"]
            read = _next(reports, "ready", read) + 1
            time.sleep(rng.uniform(0.0, 0.8))  # a random moment of its work
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            flushed = _next(reports, "flushed", read)
            kills += 1
            busy += flushed > read
            for report in reports[read:flushed]:
                expected.take_in(report)
            read = flushed + 1
            crashed = [m["error"] for m in told if m["kind"] == "crashed"]
            assert not crashed, crashed[0]
            expected.check(path, kills - 1)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    assert kills >= 20, f"only {kills} kills in {BUDGET_S:.0f} s"
    assert busy >= kills // 2, "the kills must land while the worker works"
    assert expected.reports >= kills and not expected.takes and expected.imports and expected.texts
    print(f"{kills} kills, {expected.reports} committed changes checked ({len(expected.imports)} imports, "
          f"{len(expected.texts)} edited or inserted lines)")
