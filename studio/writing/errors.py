"""The errors of the writing room: each carries one sentence for the user.

``WritingError`` is any request the writing room could not carry out (the chat model's answers stayed
unusable, the input was empty); ``NeedsChatModel`` says no chat endpoint is configured. Both leave the
project untouched: nothing in ``studio.writing`` writes to a project.
"""

from __future__ import annotations

#: What generating, translating or attributing with a model says when no chat endpoint is configured.
NEEDS_CHAT_MODEL = ("{what} needs a chat model: add a MiniMax key in Settings or set an OpenAI-compatible "
                    "base URL.")


class WritingError(Exception):
    """A writing request that did not give a usable result; ``str()`` is the sentence to show."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return self.message


class NeedsChatModel(WritingError):
    """No MiniMax key and no OpenAI-compatible base URL: a chat model cannot be reached."""

    def __init__(self, what: str = "Generating") -> None:
        super().__init__(NEEDS_CHAT_MODEL.format(what=what))
        self.what = what
