"""Listen-back checks of takes: an offline recogniser hears each take and its words are compared with the
line's text (``listen``: the recogniser and the background checker; ``scoring``: the comparison). No Qt."""
