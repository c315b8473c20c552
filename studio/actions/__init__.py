"""The user's verbs, shared by the window and the ``troupe`` command: import a script, render a batch,
export an episode, cast a voice, save a copy, report a project's state, keep the MiniMax key.

Each action is Qt-free. Where the window needs to undo what an action did, the action returns a plan
(what it will change) and a result (what it changed) and the window wraps them in undo commands; the
command line applies the plan directly. A rule the window and the command line both follow lives here
once. Must not live here: Qt, click, printing, dialogs.
"""

from __future__ import annotations


class ActionError(Exception):
    """A user's request that cannot be carried out, with a sentence saying why and what to do."""
