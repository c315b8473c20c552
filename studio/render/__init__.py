"""Rendering: what is stale, the bounded render queue, and the mixdown/export of an episode from its takes."""
