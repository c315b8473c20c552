"""File formats the studio writes for the outside world (subtitles and the like).

Pure Python writers over domain values. No Qt, no audio processing, no store access.
"""
