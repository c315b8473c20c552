"""The writing room: scripts generated, continued, rewritten, translated and attributed with a chat model.

Modules (Qt-free; nothing here writes to a project — each returns a draft the caller applies in one step
through ``studio.actions.writing``):

* ``endpoint`` — which chat model to use (``resolve_endpoint``; ``NeedsChatModel`` when there is none).
* ``ask`` — JSON answers checked against a schema, repaired, retried a bounded number of times;
  ``JsonAsk.stream`` yields items of the answer as they complete.
* ``jsonio`` — repair of a model's JSON, schema problems as sentences, the streamed item reader.
* ``lines`` — the cast and context values the model sees, one line's schema.
* ``generate`` — a series from a premise, the next lines of an episode, rewrites of chosen lines.
* ``translate`` — an episode into the other language with every line id kept; the glossary; dubbing fit.
* ``attribute`` — speakers in prose by the chat model, or the offline splitter of ``studio.formats.prose``.
* ``errors`` — ``WritingError`` and ``NeedsChatModel`` with the sentences the user reads.
"""
