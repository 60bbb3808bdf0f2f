"""Where things go: named regions of the frame computed from the safe area, and helpers that
place rows and columns inside them, so a chapter never types a coordinate.

The frame is 14.22 x 8 scene units; the safe area keeps :data:`scenes.checks.SAFE_MARGIN` of
the width and height clear on each side. Its top band is the ``title`` region, the rest is
split into ``main`` (left) and ``side`` (right, :data:`SIDE_SHARE` of the width), with a
``footer`` band along the bottom for captions. ``full`` is everything below the title.

    plot.move_to(region("main").center)
    region("side").place(code)                # fit inside (scaled down if needed), centred
    rows(labels, region("side"), top=True)    # evenly spaced rows, top-aligned
"""

from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, VGroup, config

from scenes import theme

#: Fraction of the frame kept clear on every side (the layout check's safe area).
SAFE_MARGIN = 0.05
#: Height of the title band, scene units.
TITLE_BAND = 0.75
#: Height of the footer band, scene units.
FOOTER_BAND = 0.6
#: Share of the content width the side panel takes.
SIDE_SHARE = 0.36


@dataclass(frozen=True)
class Region:
    """A rectangle of the frame: ``left``, ``bottom``, ``right``, ``top`` in scene units."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.top - self.bottom

    @property
    def center(self):
        return np.array([(self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0])

    def point(self, fx, fy):
        """The point at fractions ``fx`` (0 left, 1 right) and ``fy`` (0 bottom, 1 top)."""
        return np.array([self.left + fx * self.width, self.bottom + fy * self.height, 0.0])

    def split(self, n, axis="x", gap=theme.GAP):
        """``n`` equal sub-regions side by side (``axis="x"``) or stacked top to bottom."""
        out = []
        if axis == "x":
            w = (self.width - gap * (n - 1)) / n
            for k in range(n):
                x0 = self.left + k * (w + gap)
                out.append(Region(x0, self.bottom, x0 + w, self.top))
        else:
            h = (self.height - gap * (n - 1)) / n
            for k in range(n):
                y1 = self.top - k * (h + gap)
                out.append(Region(self.left, y1 - h, self.right, y1))
        return out

    def inset(self, pad):
        return Region(self.left + pad, self.bottom + pad, self.right - pad, self.top - pad)

    def fit(self, mobject):
        """Scale ``mobject`` down (never up) so it fits inside; returns it."""
        scale = min(1.0, self.width / max(mobject.width, 1e-9),
                    self.height / max(mobject.height, 1e-9))
        if scale < 1.0:
            mobject.scale(scale)
        return mobject

    def place(self, mobject, where="center"):
        """Fit ``mobject`` and put it at the region's centre or an edge ("top", "bottom",
        "left", "right", "top left", ...); returns it."""
        self.fit(mobject)
        mobject.move_to(self.center)
        for word, direction in (("top", UP), ("bottom", DOWN), ("left", LEFT), ("right", RIGHT)):
            if word in where.split():
                edge = {"top": self.top, "bottom": self.bottom}.get(word)
                if edge is not None:
                    mobject.shift(UP * (edge - mobject.get_edge_center(direction)[1]))
                else:
                    x = self.left if word == "left" else self.right
                    mobject.shift(RIGHT * (x - mobject.get_edge_center(direction)[0]))
        return mobject


def safe_area():
    w, h = config.frame_width / 2, config.frame_height / 2
    return Region(-w * (1 - 2 * SAFE_MARGIN), -h * (1 - 2 * SAFE_MARGIN),
                  w * (1 - 2 * SAFE_MARGIN), h * (1 - 2 * SAFE_MARGIN))


def region(name):
    """The named region: ``title``, ``main``, ``side``, ``footer``, ``full`` or ``safe``."""
    s = safe_area()
    body_top = s.top - TITLE_BAND
    content_bottom = s.bottom + FOOTER_BAND
    side_left = s.right - SIDE_SHARE * s.width
    regions = {
        "safe": s,
        "title": Region(s.left, body_top, s.right, s.top),
        "full": Region(s.left, s.bottom, s.right, body_top - theme.GAP / 2),
        "main": Region(s.left, content_bottom, side_left - theme.GAP / 2, body_top - theme.GAP / 2),
        "side": Region(side_left + theme.GAP / 2, content_bottom, s.right, body_top - theme.GAP / 2),
        "footer": Region(s.left, s.bottom, s.right, content_bottom),
    }
    if name not in regions:
        raise KeyError(f"no region {name!r}; regions: {', '.join(regions)}")
    return regions[name]


def rows(mobjects, area, top=False, gap=None):
    """Place ``mobjects`` one under another inside ``area``: evenly spread over its height,
    or (``top``) stacked from its top with ``gap``; each centred horizontally. Returns a
    VGroup of them."""
    group = VGroup(*mobjects)
    if top:
        group.arrange(DOWN, buff=theme.GAP if gap is None else gap)
        area.place(group, "top")
        return group
    n = len(mobjects)
    for k, m in enumerate(mobjects):
        m.move_to(area.point(0.5, 1 - (k + 0.5) / n))
    return group


def columns(mobjects, area, gap=None):
    """Place ``mobjects`` side by side across ``area``, each centred in an equal share of
    its width (``gap`` between shares). Returns a VGroup of them."""
    shares = area.split(len(mobjects), "x", theme.GAP if gap is None else gap)
    for m, share in zip(mobjects, shares):
        share.fit(m)
        m.move_to(share.center)
    return VGroup(*mobjects)


def code_line(listing, line):
    """The glyphs of line ``line`` (counted from 1) of a :func:`scenes.kit.text.code_listing`:
    the one way a chapter points at a line of code (box it, light it, arrow to it)."""
    return listing.code_lines[line - 1]
