"""The MiniMax speech, voice and text client.

Modules: ``config`` (key, host, region, settings file), ``errors`` (typed errors, one sentence per
code), ``models`` (what each speech model accepts), ``ratelimit`` (per-endpoint sliding-window limiter
with adaptive slow-down), ``client`` (the shared HTTP transport: auth, retries, ``base_resp``),
``engine`` (``MiniMaxEngine``, the ``SpeechEngine``), ``voices`` (list, clone, design, delete, the 7-day
rule) and ``cost`` (prices and usage entries).

Nothing is imported here so that ``import studio.engines.minimax`` stays cheap; import the module you
need. No Qt, no project-file access.
"""
