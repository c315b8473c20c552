"""Troupe: a desktop studio for AI-voiced short dramas, audio dramas and voice-overs.

Rooms (arrows point down only): ui -> render/writing/formats -> engines/audio/store -> domain.
"""

__version__ = "0.1.0"
