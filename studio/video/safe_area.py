"""Frame sizes the platforms take, and the safe areas inside them: the part of the picture no app button,
user name, description or progress bar covers, where captions must stay.

Lives here: ``ASPECTS`` (9:16 and 16:9 at 1080p), ``SafeArea`` with the two areas the studio places
captions in (``VERTICAL_FEED``, ``LANDSCAPE_PLAYER``), ``safe_area_for`` (the one for any frame size, scaled
to it) and ``CAPTION_CLEARANCE`` (the space kept between a caption and the covered band). Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Frame sizes by aspect name: what Douyin, Kuaishou, TikTok, Reels and Shorts take upright, and the
#: landscape frame of YouTube, Bilibili and the like.
ASPECTS: dict[str, tuple[int, int]] = {"9:16": (1080, 1920), "16:9": (1920, 1080)}


@dataclass(frozen=True)
class SafeArea:
    """Margins, in pixels of a ``ref_width`` × ``ref_height`` frame, that a platform's interface covers."""

    name: str
    ref_width: int
    ref_height: int
    top: int
    bottom: int
    left: int
    right: int

    def scaled(self, width: int, height: int) -> SafeArea:
        """The same margins for a frame of ``width`` × ``height`` (each in proportion to its side)."""
        sx, sy = width / self.ref_width, height / self.ref_height
        return SafeArea(self.name, width, height, round(self.top * sy), round(self.bottom * sy),
                        round(self.left * sx), round(self.right * sx))

    def box(self) -> tuple[int, int, int, int]:
        """The safe area as (left, top, right, bottom) pixel edges of the frame it is scaled to."""
        return self.left, self.top, self.ref_width - self.right, self.ref_height - self.bottom

    @property
    def bottom_band(self) -> tuple[int, int]:
        """The rows (from, to) the bottom interface covers: the band captions must stay out of."""
        return self.ref_height - self.bottom, self.ref_height


#: Upright feeds (Douyin, Kuaishou, TikTok, Reels, Shorts) on a 1080 × 1920 frame. The bottom carries the
#: user name, the description, the sound's name and the progress bar; the right edge the column of avatar,
#: like, comment, bookmark and share buttons; the top the Following / For You tabs and the search button.
#: The numbers are the cautious end of the published TikTok safe-zone overlays for 1080 × 1920 (2025–26
#: creator guides: top 130–250 px, bottom 320–460 px, right 120–180 px, left about 60 px); Douyin and
#: Kuaishou lay their players out the same way.
VERTICAL_FEED = SafeArea("upright feed (Douyin, Kuaishou, TikTok, Reels, Shorts)", 1080, 1920,
                         top=250, bottom=420, left=60, right=170)

#: Landscape players (YouTube, Bilibili, Xigua) on a 1920 × 1080 frame: the title-safe area of SMPTE
#: ST 2046-1 (5 % in from each side) with the bottom tenth kept clear for the player's progress bar and
#: buttons, which cover the picture while they show.
LANDSCAPE_PLAYER = SafeArea("landscape player (YouTube, Bilibili)", 1920, 1080, top=54, bottom=108, left=96, right=96)

#: Space (at 1080 pixels across the short side) between a caption's edge and the covered band, so its
#: outline and shadow stay clear of it too.
CAPTION_CLEARANCE = 24


def safe_area_for(width: int, height: int) -> SafeArea:
    """The safe area of a ``width`` × ``height`` frame: an upright frame is a feed's, any other a player's."""
    base = VERTICAL_FEED if height > width else LANDSCAPE_PLAYER
    return base.scaled(width, height)


def aspect_size(aspect: str) -> tuple[int, int]:
    """The frame of "9:16" or "16:9"; ``ValueError`` naming the ones there are."""
    try:
        return ASPECTS[aspect.strip()]
    except KeyError:
        raise ValueError(f"“{aspect}” is not a video shape; choose {' or '.join(ASPECTS)}.") from None


__all__ = ["ASPECTS", "CAPTION_CLEARANCE", "LANDSCAPE_PLAYER", "SafeArea", "VERTICAL_FEED", "aspect_size",
           "safe_area_for"]
