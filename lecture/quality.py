"""manim's quality presets, by the one-letter flag render.sh takes (``-q l|m|h|k``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    flag: str
    width: int
    height: int
    fps: int

    @property
    def folder(self):
        """The folder name manim itself uses for this quality, e.g. ``1080p60``."""
        return f"{self.height}p{self.fps}"

    @property
    def manim_flag(self):
        return f"-q{self.flag}"


QUALITIES = {
    "l": Quality("l", 854, 480, 15),
    "m": Quality("m", 1280, 720, 30),
    "h": Quality("h", 1920, 1080, 60),
    "k": Quality("k", 3840, 2160, 60),
}
