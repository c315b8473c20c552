"""The audio room: decoding takes, placing them on one buffer, loudness, and encoding exports.

Plain numpy/scipy and an ffmpeg subprocess. No Qt, no asyncio, no knowledge of the store or the engines:
callers hand in bytes, arrays and placements and get arrays, reports and files back.
"""
