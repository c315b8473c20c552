"""The studio's words as plain Python values and pure functions: no Qt, no I/O, no asyncio."""
