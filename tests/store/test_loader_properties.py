"""Property test of the project loader: a project file with bytes changed anywhere (or cut short) opens,
or is refused with a ``ProjectError`` sentence — never another exception, and never changed by trying."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from studio.domain.model import Delivery
from studio.store.project_file import ProjectError, ProjectStore

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="troupe-hypothesis-"))  # nothing left in the tree
EXAMPLES = 300 if os.environ.get("TROUPE_HYPOTHESIS") == "deep" else 40


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("orig") / "p.troupe"
    store = ProjectStore.create(path, "Orig")
    role = store.add_role("Lin")
    store.add_episode("One", "en", [(role.id, f"Line {i}.", Delivery(), None) for i in range(40)])
    store.close()
    return path.read_bytes()


@given(changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=6),
       cut=st.one_of(st.none(), st.floats(0, 1)))
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_a_changed_project_file_opens_or_is_refused_with_a_sentence(original: bytes, changes, cut) -> None:
    data = bytearray(original)
    for where, value in changes:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    folder = tempfile.mkdtemp()
    try:
        path = Path(folder) / "p.troupe"
        path.write_bytes(bytes(data))
        for opener in (ProjectStore.open_readonly, ProjectStore.open):
            try:
                store = opener(path)
            except ProjectError as exc:
                assert str(exc).strip() and "Traceback" not in str(exc)
                if opener is ProjectStore.open:
                    assert path.read_bytes() == bytes(data)  # refused: not changed by trying
                continue
            try:
                store.title, store.roles(), store.episodes()
            except ProjectError:
                pass
            except Exception as exc:  # sqlite may still find the damage on a later read
                assert "malformed" in str(exc) or "not a database" in str(exc), exc
            finally:
                store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
