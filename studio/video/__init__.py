"""Pictures with ffmpeg: what a video file holds (``probe``), the platforms' safe areas (``safe_area``) and
the composition of a finished MP4 from a backdrop, a mastered soundtrack and a caption file (``compose``).

This room sits beside ``studio.audio``: it knows files and ffmpeg, not projects, lines or subtitles' text
(``studio.formats.captions`` writes the caption file, ``studio.actions.video`` puts it all together).
No Qt.
"""
