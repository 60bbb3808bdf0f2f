"""Checks that tell whether a chapter can teach: layout, said-is-shown, every beat moves.

They look at what is on screen the way a viewer would, from the scene's mobjects (so they
run with animations skipped, in seconds per chapter):

- :func:`layout_problems`: every text inside the safe area (5% margin on each side), no text
  on another text or on a line, edge, bar or dot it does not belong to (a label declares its
  mark with :func:`scenes.kit.text.attach`; a panel behind text with
  :func:`scenes.kit.text.backdrop`), and text tall enough to read at 1080p (cap height at
  least :data:`MIN_SMALL_PX` for the smallest text, :data:`MIN_BODY_PX` for body text);
- :func:`unshown_numbers`: the numbers a sentence speaks that no displayed text shows with
  the same digits;
- :func:`visible_state`: a fingerprint of the picture, so a beat that changes nothing is seen;
- holds: each beat's longest still stretch (fails above :data:`MAX_HOLD` seconds) and the
  chapter's still share (stretches of :data:`FREEZE_MIN` seconds or more; fails above
  :data:`MAX_STILL_SHARE`), still as ffmpeg ``freezedetect`` sees it in the video: the
  checks draw the picture small (:class:`Picture`) at every play and follow freezedetect's
  rule on it (:class:`FreezeWatch`), so a change too small for the eye of freezedetect (a
  small label recoloured, a thin stroke) does not count as motion, and small changes that
  add up do;
- lit while said: every number a sentence speaks is animated, or shown in the "spoken now"
  colour, within :data:`LIT_WINDOW` seconds of its word (the word clock of
  :mod:`scenes.timing`);
- teach before use: no sentence or displayed text uses a term of :mod:`scenes.glossary`
  before the beat that teaches it.

:func:`check_chapter` runs a chapter with these checks at the end of every beat and at every
still; ``python -m scenes.checks [slug ...]`` prints its findings.
"""

import hashlib
import re
import sys
from dataclasses import dataclass, field

import numpy as np
from manim import (
    DL,
    UR,
    Code,
    DecimalNumber,
    MarkupText,
    SingleStringMathTex,
    Text,
    VMobject,
    Wait,
    config,
)
from manim.animation.indication import (
    ApplyWave,
    Blink,
    Circumscribe,
    Flash,
    FocusOn,
    Indicate,
    ShowPassingFlash,
    Wiggle,
)

from nnmath.errors import NnmathError

#: Fraction of the frame's width and height kept clear on each side.
SAFE_MARGIN = 0.05
#: Minimum cap height at 1080p, in pixels: the smallest text (ticks, captions, indices)...
MIN_SMALL_PX = 24
#: ... and body text (sentences, formulas, code).
MIN_BODY_PX = 36
#: The frame a check measures for: 1080 pixels over the frame's height.
CHECK_PIXEL_HEIGHT = 1080
#: Boxes closer than this (scene units, about 1.4 px at 1080p) do not count as overlapping.
TOLERANCE = 0.01

#: The longest a beat may hold still while its sentence is spoken, in seconds.
MAX_HOLD = 4.0
#: A still stretch counts toward the chapter's still share from this length on (ffmpeg
#: freezedetect's d=2, so the model and the pixels measure the same thing).
FREEZE_MIN = 2.0
#: The largest share of a chapter's length that may be still.
MAX_STILL_SHARE = 0.35
#: A spoken number must be marked within this many seconds of its word.
LIT_WINDOW = 0.5

EMPHASIS = (ApplyWave, Blink, Circumscribe, Flash, FocusOn, Indicate, ShowPassingFlash, Wiggle)
TEXT_TYPES = (Text, MarkupText, SingleStringMathTex, DecimalNumber)


# ------------------------------------------------------------------------------ what is shown


@dataclass(frozen=True)
class Shown:
    """One piece of displayed text: the mobject, what it says, its role and its box."""

    mob: object
    text: str
    role: str  # "body" or "small"
    box: tuple  # (x0, y0, x1, y1) in scene units
    announced: bool = False  # inside a mobject declared with scenes.kit.text.announce

    def describe(self):
        return f"{type(self.mob).__name__} {self.text!r} at {fmt_box(self.box)}"


def fmt_box(box):
    return "(" + ", ".join(f"{v:.2f}" for v in box) + ")"


def box_of(mob):
    lo, hi = mob.get_corner(DL), mob.get_corner(UR)
    return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def is_visible(mob):
    """Whether any part of ``mob`` would be drawn (some fill or stroke with opacity)."""
    for m in mob.family_members_with_points():
        if not isinstance(m, VMobject):
            return True
        if m.get_fill_opacity() > 0.01:
            return True
        if m.get_stroke_opacity() > 0.01 and m.get_stroke_width() > 0:
            return True
    return False


def _tex_text(mob):
    return mob.tex_string.replace("{,}", ",")


def _text_of(mob):
    if isinstance(mob, DecimalNumber):
        return mob._get_num_string(mob.number)
    if isinstance(mob, SingleStringMathTex):
        return _tex_text(mob)
    if isinstance(mob, MarkupText):
        return re.sub(r"<[^>]*>", "", mob.original_text)
    return mob.original_text


def _role(mob):
    role = getattr(mob, "text_role", None)
    if role:
        return role
    if isinstance(mob, SingleStringMathTex) and not isinstance(mob, DecimalNumber):
        parent_size = getattr(mob, "font_size", 0)
        return "body" if parent_size >= 30 else "small"
    return "small"


def displayed_texts(mobjects):
    """Every visible piece of text among ``mobjects`` (and their families), as :class:`Shown`.

    A formula, a number or a text counts as one piece; a code listing as one piece per line.
    """
    found = []

    def visit(mob, announced=False):
        if not is_visible(mob):
            return
        announced = announced or getattr(mob, "announces", False)
        if isinstance(mob, Code):
            lines = mob.code_lines.lines_text.original_text.split("\n")
            for line, glyphs in zip(lines, mob.code_lines):
                if is_visible(glyphs) and line.strip():
                    glyphs.code_listing = mob
                    found.append(Shown(glyphs, line, "body", box_of(glyphs), announced))
            return
        if isinstance(mob, TEXT_TYPES):
            found.append(Shown(mob, _text_of(mob), _role(mob), box_of(mob), announced))
            return
        for sub in mob.submobjects:
            visit(sub, announced)

    for mob in mobjects:
        visit(mob)
    return found


def _marks(mobjects, texts):
    """Visible drawn shapes that are not text: lines, edges, bars, dots, curves, boxes."""
    text_ids = set()
    for t in texts:
        text_ids.update(id(m) for m in t.mob.get_family())
    out = []

    def visit(mob, backdrop):
        backdrop = backdrop or getattr(mob, "is_backdrop", False)
        if id(mob) in text_ids:
            return
        if isinstance(mob, Code):  # the listing's background panel holds its text
            return
        if mob.submobjects:
            for sub in mob.submobjects:
                visit(sub, backdrop)
            if not mob.has_points():
                return
        if backdrop or not isinstance(mob, VMobject) or not mob.has_points():
            return
        if is_visible(mob):
            out.append(mob)

    for mob in mobjects:
        visit(mob, False)
    return out


# ------------------------------------------------------------------------------ geometry


def _overlap(a, b, tol=TOLERANCE):
    return (min(a[2], b[2]) - max(a[0], b[0]) > tol) and (min(a[3], b[3]) - max(a[1], b[1]) > tol)


def _polyline(mob):
    """Points along ``mob``'s curves (cubic Béziers sampled at five places each)."""
    pts = mob.points
    n = len(pts) // 4 * 4
    if n == 0:
        return pts[:, :2]
    q = pts[:n].reshape(-1, 4, 3)
    ts = np.linspace(0, 1, 5)[:, None, None]
    a, b, c, d = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    samples = ((1 - ts) ** 3 * a + 3 * (1 - ts) ** 2 * ts * b + 3 * (1 - ts) * ts ** 2 * c
               + ts ** 3 * d)  # (5, curves, 3)
    return samples.transpose(1, 0, 2).reshape(-1, 3)[:, :2]


def _segments_hit_box(points, box, tol=TOLERANCE):
    """Whether the polyline through ``points`` passes through the box shrunk by ``tol``."""
    x0, y0, x1, y1 = box[0] + tol, box[1] + tol, box[2] - tol, box[3] - tol
    if x1 <= x0 or y1 <= y0 or len(points) < 2:
        return False
    p, q = points[:-1], points[1:]
    d = q - p
    t0, t1 = np.zeros(len(p)), np.ones(len(p))
    for dv, lo, hi, pv in ((d[:, 0], x0, x1, p[:, 0]), (d[:, 1], y0, y1, p[:, 1])):
        with np.errstate(divide="ignore", invalid="ignore"):
            ta, tb = (lo - pv) / dv, (hi - pv) / dv
        parallel = dv == 0
        inside = (pv >= lo) & (pv <= hi)
        t_enter = np.where(parallel, np.where(inside, -np.inf, np.inf), np.minimum(ta, tb))
        t_exit = np.where(parallel, np.where(inside, np.inf, -np.inf), np.maximum(ta, tb))
        t0, t1 = np.maximum(t0, t_enter), np.minimum(t1, t_exit)
    return bool(np.any(t0 <= t1))


def _mark_hits(mark, box):
    mbox = box_of(mark)
    if not _overlap(mbox, box, -1e-9):  # a straight line's box has no height or width
        return False
    if mark.get_fill_opacity() > 0.01:
        return _overlap(mbox, box)
    return _segments_hit_box(_polyline(mark), box)


# ------------------------------------------------------------------------------ sizes


_CAP_PER_POINT = {}


def _cap_per_point(kind):
    """Cap height in scene units per point of font size, measured once per kind of text."""
    if kind not in _CAP_PER_POINT:
        from manim import MathTex

        from scenes import theme

        probe = (Text("H", font=theme.FONT, font_size=48) if kind == "text"
                 else MathTex("H", font_size=48))
        _CAP_PER_POINT[kind] = probe.height / 48
    return _CAP_PER_POINT[kind]


def cap_height_px(shown):
    """The cap height of a piece of text at 1080p, in pixels."""
    mob = shown.mob
    px_per_unit = CHECK_PIXEL_HEIGHT / config.frame_height
    if isinstance(mob, (Text, MarkupText)):
        return mob.font_size * _cap_per_point("text") * px_per_unit
    if isinstance(mob, (SingleStringMathTex, DecimalNumber)):
        return mob.font_size * _cap_per_point("tex") * px_per_unit
    listing = mob.code_listing  # a line of code: the listing's font size, as scaled since
    scale = listing.width / listing.initial_width
    return listing.font_size_hint * scale * _cap_per_point("text") * px_per_unit


def _has_words(text):
    return any(ch.isalnum() for ch in re.sub(r"\\[a-zA-Z]+", "", text))


# ------------------------------------------------------------------------------ the checks


def layout_problems(mobjects):
    """Layout failures among ``mobjects`` as ``(kind, text, other)`` strings, one per problem."""
    texts = [t for t in displayed_texts(mobjects) if _has_words(t.text)]
    marks = _marks(mobjects, texts)
    w, h = config.frame_width / 2, config.frame_height / 2
    safe = (-w * (1 - 2 * SAFE_MARGIN), -h * (1 - 2 * SAFE_MARGIN),
            w * (1 - 2 * SAFE_MARGIN), h * (1 - 2 * SAFE_MARGIN))
    problems = []
    for t in texts:
        b = t.box
        if (b[0] < safe[0] - TOLERANCE or b[1] < safe[1] - TOLERANCE
                or b[2] > safe[2] + TOLERANCE or b[3] > safe[3] + TOLERANCE):
            problems.append(("outside the safe area", t.describe(), f"safe area {fmt_box(safe)}"))
        need = MIN_BODY_PX if t.role == "body" else MIN_SMALL_PX
        px = cap_height_px(t)
        if px < need - 0.5:
            problems.append((f"too small ({px:.0f} px, {t.role} text needs {need})",
                             t.describe(), ""))
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a.box, b.box):
                problems.append(("text on text", a.describe(), b.describe()))
    boxes = np.array([box_of(m) for m in marks]).reshape(-1, 4)
    for t in texts:
        b = t.box
        near = np.flatnonzero((boxes[:, 0] <= b[2]) & (boxes[:, 2] >= b[0])
                              & (boxes[:, 1] <= b[3]) & (boxes[:, 3] >= b[1]))
        owned = set()
        for m in getattr(t.mob, "attached_to", []):
            owned.update(id(x) for x in m.get_family())
        hits = [marks[i] for i in near if id(marks[i]) not in owned and _mark_hits(marks[i], b)]
        if hits:
            more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
            problems.append(("text on a mark", t.describe(),
                             f"{type(hits[0]).__name__} at {fmt_box(box_of(hits[0]))}{more}"))
    return problems


NUMBER = re.compile(r"(?<![\w.])[-\u2212+]?\d[\d,]*(?:\.\d+)?")


def numbers_in(text):
    """The numbers written in ``text``, normalised to their digits: '15,680' -> '15680'.

    A sign, a thousands separator and a trailing comma are not digits; digits glued to a
    word ("x1", "w_i_h") are part of a name, not a number.
    """
    out = []
    for m in NUMBER.finditer(text):
        token = m.group().lstrip("-\u2212+").rstrip(",").replace(",", "")
        if token:
            out.append(token)
    return out


def unshown_numbers(sentence, shown_strings):
    """The numbers ``sentence`` speaks that none of ``shown_strings`` shows."""
    shown = set()
    for s in shown_strings:
        shown.update(numbers_in(s))
    missing = []
    for n in numbers_in(sentence):
        if n not in shown and n not in missing:
            missing.append(n)
    return missing


def visible_state(mobjects):
    """A fingerprint of everything drawn: points, colours and opacities of every part."""
    digest = hashlib.blake2b(digest_size=16)
    for mob in mobjects:
        for m in mob.family_members_with_points():
            if not is_visible(m):
                continue
            digest.update(np.round(m.points, 4).tobytes())
            if isinstance(m, VMobject):
                digest.update(np.round(m.get_fill_rgbas(), 3).tobytes())
                digest.update(np.round(m.get_stroke_rgbas(), 3).tobytes())
                digest.update(np.float64(m.get_stroke_width()).tobytes())
    return digest.hexdigest()


def changes_picture(animations):
    """Whether ``animations`` (as given to ``play``) hold anything but waits."""
    return any(not isinstance(a, Wait) for a in animations)


def animated_mobjects(animations):
    """Every mobject an animation moves, recolours or brings in (groups opened)."""
    out = []
    for anim in animations:
        inner = getattr(anim, "animations", None)
        if inner:
            out += animated_mobjects(inner)
            continue
        for attr in ("mobject", "target_mobject"):
            mob = getattr(anim, attr, None)
            if mob is not None:
                out.append(mob)
    return out


def numbers_shown_by(mobjects):
    """The numbers (normalised digits) the visible texts among ``mobjects`` show."""
    found = set()
    for t in displayed_texts(mobjects):
        found.update(numbers_in(t.text))
    return found


def _color_hex(mob):
    try:
        return mob.get_color().to_hex().lower()
    except AttributeError:
        return ""


def accent_numbers(mobjects):
    """The numbers shown in the "spoken now" colour."""
    from scenes import theme

    accent = theme.ACCENT.lower()
    found = set()
    for t in displayed_texts(mobjects):
        if _color_hex(t.mob) == accent:
            found.update(numbers_in(t.text))
    return found


@dataclass(frozen=True)
class Segment:
    """One play on the chapter's clock: from ``t0`` to ``t1``, whether the picture changed,
    and the numbers the animations touched."""

    t0: float
    t1: float
    moving: bool
    numbers: frozenset = frozenset()


def still_stretches(segments, start, end):
    """``(t0, t1)`` of every stretch between ``start`` and ``end`` in which no segment moves."""
    moving = sorted((max(s.t0, start), min(s.t1, end)) for s in segments
                    if s.moving and s.t1 > start and s.t0 < end)
    out, t = [], start
    for a, b in moving:
        if a > t + 1e-9:
            out.append((t, a))
        t = max(t, b)
    if end > t + 1e-9:
        out.append((t, end))
    return out


def still_share(segments, duration, min_length=FREEZE_MIN):
    """Share of ``duration`` in still stretches of at least ``min_length`` seconds."""
    if duration <= 0:
        return 0.0
    still = sum(b - a for a, b in still_stretches(segments, 0.0, duration) if b - a >= min_length)
    return still / duration


# ------------------------------------------------------------------------------ motion in pixels


#: ffmpeg freezedetect's noise tolerance (``n=0.001``): a frame whose mean absolute difference
#: from the reference frame (over every sample of the yuv420p frame, as a fraction of 256)
#: is at most this is still.
FREEZE_NOISE = 0.001
#: What encoding adds to the difference between two frames of a picture that did not
#: change: H.264's quantisation noise, which shifts at every keyframe (each play starts a
#: new partial movie) and most where the picture is dense (a network's edges, a pixel
#: image). Calibrated on 720p30 renders of four chapters with narration (bench/bench_holds.py):
#: frames of a still picture there differ by 0.0003 to 0.0008, and the model's still share
#: matches freezedetect's best when a change counts from FREEZE_NOISE - ENCODER_NOISE on.
ENCODER_NOISE = 0.00045
#: The checks draw the picture this small to measure how much of it a play changes.
PROBE_WIDTH, PROBE_HEIGHT = 256, 144
#: Times per second the checks look inside a play for the moments freezedetect would see.
PROBE_RATE = 10

#: RGB (0..255) to the yuv420p samples ffmpeg compares (BT.601, limited range); the two
#: chroma planes have a quarter of the luma plane's samples, so they weigh a quarter.
_YUV = (np.array([[65.481, 128.553, 24.966],
                  [-37.797 / 4, -74.203 / 4, 112.0 / 4],
                  [112.0 / 4, -93.786 / 4, -18.214 / 4]], dtype=np.float32) / 255).T
#: One frame's sum of absolute sample differences that makes a mean of 1/256 (luma samples
#: and half as many chroma samples), per probe pixel.
_NORM = 1.5 * 256 * PROBE_WIDTH * PROBE_HEIGHT


def _part_key(m):
    """What decides how ``m`` is drawn (its points, colours, opacities, stroke width), hashed:
    equal keys, same drawing."""
    if isinstance(m, VMobject):
        return hash((m.points.tobytes(), m.get_fill_rgbas().tobytes(),
                     m.get_stroke_rgbas().tobytes(), m.get_stroke_width()))
    return hash((m.points.tobytes(), id(getattr(m, "pixel_array", None))))


def _shows(m):
    """Whether ``m`` itself (not its submobjects) draws anything."""
    if not isinstance(m, VMobject):
        return True
    return m.get_fill_opacity() > 0.01 or (m.get_stroke_opacity() > 0.01
                                           and m.get_stroke_width() > 0)


def visible_parts(mobjects):
    """``{id: part}`` of every family member that draws something, each once."""
    out = {}
    for mob in mobjects:
        for m in mob.family_members_with_points():
            if id(m) not in out and _shows(m):
                out[id(m)] = m
    return out


class Picture:
    """The frame, drawn small, as the sum of what each visible part adds to the background.

    Each part is drawn alone when it first shows or changes (a cached crop), so a play costs
    only the drawing of what it changed. Parts are added, not stacked: a part's contrast is
    taken against the background, which is what most of this video's pictures stand on.
    The values are yuv samples (:data:`_YUV`), so :func:`picture_difference` measures what
    freezedetect measures.
    """

    def __init__(self):
        from manim.camera.camera import Camera

        self.camera = Camera(pixel_width=PROBE_WIDTH, pixel_height=PROBE_HEIGHT,
                             frame_width=config.frame_width, frame_height=config.frame_height,
                             background_color=config.background_color)
        self.image = np.zeros((PROBE_HEIGHT, PROBE_WIDTH, 3), np.float32)
        self.parts = {}  # id -> (key, mobject, (rows, cols) slices, crop)

    def draw(self, *parts):
        """``(slices, crop)``: what ``parts`` alone add to the background, where they do
        (drawn at once, in one pass)."""
        cam = self.camera
        cam.reset()
        cam.capture_mobjects(parts, include_submobjects=False)
        drawn, background = cam.pixel_array, cam.background
        ink = drawn.view(np.uint32)[:, :, 0] != background.view(np.uint32)[:, :, 0]
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        if not len(rows):
            return None, None
        where = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
        crop = (drawn[where][:, :, :3].astype(np.float32)
                - background[where][:, :, :3].astype(np.float32)) @ _YUV
        return where, crop

    def sync(self, mobjects):
        """Bring :attr:`image` up to ``mobjects``; whether anything drawn changed."""
        now = visible_parts(mobjects)
        changed = False
        for pid in [p for p in self.parts if p not in now]:
            self._take(pid)
            changed = True
        for pid, m in now.items():
            key = _part_key(m)
            old = self.parts.get(pid)
            if old is not None and old[0] == key:
                continue
            if old is not None:
                self._take(pid)
            where, crop = self.draw(m)
            if where is not None:
                self.image[where] += crop
            self.parts[pid] = (key, m, where, crop)
            changed = True
        return changed

    def _take(self, pid):
        _, _, where, crop = self.parts.pop(pid)
        if where is not None:
            self.image[where] -= crop

    def with_parts(self, image, add=(), remove=(), weight=1.0):
        """``image`` with ``add`` (mobjects not in the scene) drawn on it and the cached
        parts of ``remove`` taken off, both times ``weight``."""
        out = image.copy()
        for mob in remove:
            for m in mob.family_members_with_points():
                part = self.parts.get(id(m))
                if part is not None and part[2] is not None:
                    out[part[2]] -= weight * part[3]
        drawn = [m for mob in add for m in mob.family_members_with_points() if _shows(m)]
        if drawn:
            where, crop = self.draw(*drawn)
            if where is not None:
                out[where] += weight * crop
        return out


def picture_difference(a, b):
    """freezedetect's measure between two pictures: the mean absolute difference of their
    samples, as a fraction of 256."""
    return float(np.abs(a - b).sum()) / _NORM


def _leaves(animations):
    """``(animation, clock)`` for every animation a play runs, groups opened (an emphasis
    kept whole): ``clock(s)`` is that animation's own progress (0..1) ``s`` seconds into
    the play, as manim's groups share out their time (read when called, after the play)."""
    from manim import AnimationGroup

    out = []

    def visit(anim, clock):
        if isinstance(anim, AnimationGroup) and not isinstance(anim, EMPHASIS):
            for k, sub in enumerate(anim.animations):
                def sub_clock(s, anim=anim, k=k, clock=clock):
                    timing = anim.anims_with_timings[k]
                    t = anim.rate_func(clock(s)) * anim.max_end_time
                    span = timing["end"] - timing["start"]
                    return 1.0 if span <= 0 else min(1.0, max(0.0, (t - timing["start"]) / span))
                visit(sub, sub_clock)
        elif hasattr(anim, "rate_func"):
            out.append((anim, clock))

    for anim in animations:
        if not hasattr(anim, "run_time"):
            continue  # an .animate builder: opened into its animation by the play
        visit(anim, lambda s, anim=anim: min(1.0, s / anim.run_time) if anim.run_time > 0
              else 1.0)
    return out


@dataclass
class PlayPixels:
    """What one play does to the picture, for :class:`FreezeWatch`.

    ``start`` and ``end`` are the pictures before and after; the picture in between is taken
    as their blend at the play's progress (``progress(seconds)``, 0..1). ``extras`` are what
    emphases add on top meanwhile, each ``(pictures, pick)``: ``pick(seconds)`` gives
    ``(index, weight)`` of the picture (a difference from ``start``) shown then. ``always``:
    the play moves throughout by a rule the model cannot draw (a wait with time-based
    updaters, an emphasis it does not know)."""

    t0: float
    t1: float
    start: np.ndarray
    end: np.ndarray
    progress: object = None
    extras: list = field(default_factory=list)
    always: bool = False


class FreezeWatch:
    """ffmpeg freezedetect's rule run on the model's pictures: a reference picture, replaced
    whenever the picture differs from it by more than ``noise`` (:func:`picture_difference`;
    freezedetect's tolerance less what encoding adds, :data:`ENCODER_NOISE`).

    :attr:`breaks` are the moments the reference is replaced: a still stretch is the time
    between two breaks, so slow small changes that add up to more than ``noise`` break a
    still stretch, as they do in the pixels; a change too small ever to reach it does not.
    """

    def __init__(self, noise=FREEZE_NOISE - ENCODER_NOISE):
        self.noise = noise
        self.reference = None
        self.breaks = []

    def look(self, play):
        """Follow one play, :data:`PROBE_RATE` times a second; its breaks go to :attr:`breaks`."""
        if self.reference is None:
            self.reference = play.start.copy()
        elif picture_difference(self.reference, play.start) > self.noise:
            self.breaks.append(play.t0)  # an instant change before the play
            self.reference = play.start.copy()
        duration = play.t1 - play.t0
        if play.always:
            self.breaks += list(play.t0 + np.arange(0.0, duration + 1e-9, 1.0 / PROBE_RATE))
            self.reference = play.end.copy()
            return
        change = np.any(play.start != play.end, axis=2)
        for pictures, _ in play.extras:
            for pic in pictures:
                change |= np.any(pic != 0, axis=2)
        if not change.any():
            return
        rows, cols = np.flatnonzero(change.any(axis=1)), np.flatnonzero(change.any(axis=0))
        region = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
        a, b = play.start[region], play.end[region]
        extras = [([pic[region] for pic in pictures], pick) for pictures, pick in play.extras]
        ref = self.reference[region]
        outside = (float(np.abs(self.reference - play.start).sum())
                   - float(np.abs(ref - a).sum())) / _NORM
        broke = False
        steps = list(np.arange(1.0 / PROBE_RATE, duration, 1.0 / PROBE_RATE)) + [duration]
        for s in steps:
            rho = play.progress(s) if play.progress else (s / duration if duration else 1.0)
            frame = a + rho * (b - a)
            for pictures, pick in extras:
                k, weight = pick(s)
                if weight:
                    frame = frame + weight * pictures[k]
            if outside + float(np.abs(ref - frame).sum()) / _NORM > self.noise:
                self.breaks.append(play.t0 + s)
                ref, outside, broke = frame, 0.0, True
        if broke:
            self.reference = play.start.copy()
            self.reference[region] = ref


def _progress_of(leaves):
    """The share of a play's change done ``s`` seconds in: the rate functions of its
    animations (emphases and waits aside) at their own progress, averaged; ``None`` when it
    has none (linear)."""
    moving = [(a, clock) for a, clock in leaves if not isinstance(a, (Wait,) + EMPHASIS)]
    if not moving:
        return None
    return lambda s: sum(a.rate_func(clock(s)) for a, clock in moving) / len(moving)


_LOOKS = ("points", "fill_rgbas", "stroke_rgbas", "background_stroke_rgbas", "color")


def _indicated(picture, anim, start):
    """``start`` with Indicate's mobject at its height: scaled and recoloured. Done on the
    mobject itself and undone (copying a whole group costs more than drawing it)."""
    mob = anim.mobject
    members = mob.get_family()
    if not all(isinstance(m, VMobject) for m in members if m.has_points()):
        return picture.with_parts(start, add=[anim.create_target()], remove=[mob])
    saved = [(m, {k: getattr(m, k) for k in _LOOKS if hasattr(m, k)}) for m in members]
    saved = [(m, {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in looks.items()})
             for m, looks in saved]
    try:
        mob.scale(anim.scale_factor).set_color(anim.color)
        return picture.with_parts(start, add=[mob], remove=[mob])
    finally:
        for m, looks in saved:
            for k, v in looks.items():
                setattr(m, k, v)


#: Where a passing flash is drawn (its progress), to follow it along its path.
FLASH_STEPS = 10


def _emphasis_of(picture, leaves, start):
    """``(extras, unknown)`` of the emphases among a play's ``leaves`` (see :class:`PlayPixels`):
    Indicate's scaled, recoloured copy rising and falling with its rate function; a
    Circumscribe's frame drawn and taken away; a passing flash (a Circumscribe's default)
    drawn at :data:`FLASH_STEPS` places along its path; ``unknown`` when another emphasis
    plays (it counts as moving throughout)."""
    from manim.utils.rate_functions import there_and_back

    extras, unknown = [], False
    blank = np.zeros_like(start)
    for anim, clock in leaves:
        if not isinstance(anim, EMPHASIS):
            continue
        if isinstance(anim, Indicate):
            peak = _indicated(picture, anim, start)
            extras.append(([peak - start],
                           lambda s, a=anim, c=clock: (0, a.rate_func(c(s)))))
            continue
        inner = anim.animations[0] if isinstance(anim, Circumscribe) else anim
        if isinstance(inner, ShowPassingFlash):
            shown, lit = [], inner.mobject.copy()
            for k in range(FLASH_STEPS + 1):
                upper = k / FLASH_STEPS * (1 + inner.time_width)
                for sub, full in zip(lit.family_members_with_points(),
                                     inner.mobject.family_members_with_points()):
                    sub.pointwise_become_partial(full, max(0.0, upper - inner.time_width),
                                                 min(1.0, upper))
                shown.append(picture.with_parts(blank, add=[lit]))
            extras.append((shown, lambda s, c=clock: (round(c(s) * FLASH_STEPS), 1.0)))
        elif isinstance(anim, Circumscribe):
            framed = picture.with_parts(blank, add=[inner.mobject])
            extras.append(([framed], lambda s, c=clock: (0, there_and_back(c(s)))))
        else:
            unknown = True
    return extras, unknown


def moving_segments(breaks):
    """The breaks as instants of motion (:class:`Segment` of no length), for
    :func:`still_stretches` and :func:`still_share`."""
    return [Segment(t, t, True) for t in breaks]


# ------------------------------------------------------------------------------ a chapter run


@dataclass
class BeatReport:
    """What the checks saw during one beat (or at one still)."""

    name: str
    sentence: str = ""
    moved: bool = False
    shown: set = field(default_factory=set)
    announced: set = field(default_factory=set)  # shown texts that name what comes later
    layout: list = field(default_factory=list)
    unshown: list = field(default_factory=list)
    start: float = 0.0
    end: float = 0.0
    clock: object = None  # the beat's scenes.timing.WordClock


@dataclass
class ChapterReport:
    """The checks' findings for one chapter on one trace."""

    slug: str
    beats: list
    stills: list
    segments: list = field(default_factory=list)  # every play, as Segment
    accents: list = field(default_factory=list)  # (t, numbers in the accent colour from t on)
    duration: float = 0.0
    motion: list = None  # freezedetect's breaks as Segments of no length (None: segments)

    def _motion(self):
        return self.segments if self.motion is None else self.motion

    def holds(self):
        """``(beat, seconds, words said meanwhile)`` for every beat holding still over
        :data:`MAX_HOLD` seconds."""
        out = []
        for b in self.beats:
            stretches = still_stretches(self._motion(), b.start, b.end)
            if not stretches:
                continue
            t0, t1 = max(stretches, key=lambda s: s[1] - s[0])
            if t1 - t0 > MAX_HOLD + 1e-6:
                words = [w for w, s in zip(b.sentence.split(), b.clock.starts)
                         if t0 - 1e-6 <= b.start + s < t1]
                out.append((b.name, t1 - t0, " ".join(words)))
        return out

    def still_share(self):
        return still_share(self._motion(), self.duration)

    def too_still(self):
        """``[share]`` when the chapter is still for more than :data:`MAX_STILL_SHARE`."""
        share = self.still_share()
        return [share] if share > MAX_STILL_SHARE else []

    def _accent_at(self, t):
        current = set()
        for when, numbers in self.accents:
            if when > t + 1e-9:
                break
            current = numbers
        return current

    def unlit(self):
        """``(beat, number, seconds into the beat)`` for every spoken number that no
        animation touches and no accent colour marks within :data:`LIT_WINDOW` of its word."""
        out = []
        for b in self.beats:
            if b.clock is None:
                continue
            for token, start in zip(b.sentence.split(), b.clock.starts):
                for n in numbers_in(token):
                    t = b.start + start
                    lo, hi = t - LIT_WINDOW, t + LIT_WINDOW
                    touched = any(s.moving and s.t1 >= lo and s.t0 <= hi and n in s.numbers
                                  for s in self.segments)
                    times = [lo, t, hi] + [w for w, _ in self.accents if lo <= w <= hi]
                    lit = touched or any(n in self._accent_at(x) for x in times)
                    if not lit:
                        out.append((b.name, n, start))
        return out

    def untaught(self):
        """``(beat, term, where it is taught)`` for every term used before its teaching beat."""
        from scenes.glossary import used_before_taught

        return used_before_taught(self.slug, self.beats)

    def layout_failures(self):
        """Distinct layout problems over every beat's end and every still."""
        seen = {}
        for rep in self.beats + self.stills:
            for problem in rep.layout:
                seen.setdefault(problem, rep.name)
        return [(where, *problem) for problem, where in seen.items()]

    def unshown(self):
        """``(beat, number, sentence)`` for every spoken number not on screen."""
        return [(b.name, n, b.sentence) for b in self.beats for n in b.unshown]

    def still_beats(self):
        """Beats that play no animation changing the picture."""
        return [b.name for b in self.beats if not b.moved]

    def found(self, check):
        """The findings of one check (see :data:`CHECKS`)."""
        return {"layout": self.layout_failures, "said": self.unshown,
                "moves": self.still_beats, "holds": self.holds, "still": self.too_still,
                "lit": self.unlit, "taught": self.untaught}[check]()

    def counts(self):
        return {check: len(self.found(check)) for check in CHECKS}

    def explain(self, check=None):
        """Every finding (of ``check``, or all), one per line, naming the chapter and beat."""
        s = self.slug
        lines = {
            "layout": [f"{s}, beat {w}: {kind}: {a}" + (f" / {b}" if b else "")
                       for w, kind, a, b in self.layout_failures()],
            "said": [f"{s}, beat {w}: says {n} but no text on screen shows it: {t!r}"
                     for w, n, t in self.unshown()],
            "moves": [f"{s}, beat {w}: nothing on screen changes" for w in self.still_beats()],
            "holds": [f"{s}, beat {w}: the picture holds still for {sec:.1f} s (at most "
                      f"{MAX_HOLD:g}) while the voice says {words!r}"
                      for w, sec, words in self.holds()],
            "still": [f"{s}: still for {share:.0%} of its {self.duration:.1f} s (at most "
                      f"{MAX_STILL_SHARE:.0%})" for share in self.too_still()],
            "lit": [f"{s}, beat {w}: {n} is said at {t:.1f} s but nothing showing it is "
                    "marked then" for w, n, t in self.unlit()],
            "taught": [f"{s}, beat {w}: uses {term!r} before {where} teaches it"
                       for w, term, where in self.untaught()],
        }
        return [line for c in CHECKS if check in (None, c) for line in lines[c]]


#: Every check, in the order the reports and the known-failures table list them.
CHECKS = ("layout", "said", "moves", "holds", "still", "lit", "taught")


def checked(scene_class):
    """A subclass of a chapter scene that runs the checks as it plays (see :func:`check_chapter`)."""

    class Checked(scene_class):
        def setup(self):
            super().setup()
            self.beat_reports, self.still_reports, self._beat = [], [], None
            self.segments, self.accents = [], []
            self._picture, self.watch = Picture(), FreezeWatch()

        def _note_shown(self):
            for t in displayed_texts(self.mobjects):
                self._beat.shown.add(t.text)
                if t.announced:
                    self._beat.announced.add(t.text)

        def play_beat(self, cue_id):
            self._beat = BeatReport(cue_id, self._sentences[cue_id], start=self.time)
            self._note_shown()
            super().play_beat(cue_id)
            self._beat.end, self._beat.clock = self.time, self.clock
            self._beat.layout = layout_problems(self.mobjects)
            self._beat.unshown = unshown_numbers(self._beat.sentence, self._beat.shown)
            self.beat_reports.append(self._beat)
            self._beat = None

        def play_now(self, *animations, **kwargs):
            t0 = self.time
            self._picture.sync(self.mobjects)  # what changed at once since the last play
            start = self._picture.image.copy()
            leaves = _leaves(animations)
            extras, unknown = _emphasis_of(self._picture, leaves, start)
            result = super().play_now(*animations, **kwargs)
            changed = self._picture.sync(self.mobjects)
            is_emphasis = any(isinstance(a, EMPHASIS) for a in animations)
            updating = False
            if changes_picture(animations):
                moving = changed or is_emphasis
                numbers = frozenset(numbers_shown_by(animated_mobjects(animations)))
            else:  # a wait moves only when something updates with time (a flow, a sweep)
                moving = updating = any(m.has_time_based_updater() for m in self.mobjects
                                        if is_visible(m))
                numbers = frozenset()
            self.segments.append(Segment(t0, self.time, moving, numbers if moving else
                                         frozenset()))
            leaves += _leaves([a for a in getattr(self, "animations", None) or []
                               if a not in animations])  # .animate, opened by the play
            self.watch.look(PlayPixels(t0, self.time, start, self._picture.image.copy(),
                                       _progress_of(leaves), extras, updating or unknown))
            self.accents.append((self.time, accent_numbers(self.mobjects)))
            if self._beat is not None:
                if changes_picture(animations) and not self._beat.moved:
                    self._beat.moved = moving
                self._note_shown()
            return result

        def still(self, name):
            super().still(name)
            self.still_reports.append(BeatReport(f"still {name}",
                                                 layout=layout_problems(self.mobjects)))

    Checked.__name__ = Checked.__qualname__ = scene_class.__name__
    return Checked


def check_chapter(chapter, trace_file, media_dir):
    """Run ``chapter`` on ``trace_file`` with animations skipped; return its :class:`ChapterReport`.

    ``media_dir`` receives the marks JSON (a temporary folder in the tests).
    """
    from scenes.run import run_scene

    scene = run_scene(chapter, trace_file, media_dir, wrap=checked)
    return report_of(scene)


def report_of(scene):
    """The :class:`ChapterReport` of a finished :func:`checked` scene."""
    return ChapterReport(scene.slug, scene.beat_reports, scene.still_reports,
                         scene.segments, scene.accents, scene.time,
                         moving_segments(scene.watch.breaks))


def main(argv=None):
    """``python -m scenes.checks [slug ...] [--trace FILE]``: print each chapter's findings
    (exit 1 if there are any; 2, with one line naming the file, when the checks cannot run)."""
    import argparse

    from scenes import trace_source
    from scenes.chapters import CHAPTERS, by_slug

    parser = argparse.ArgumentParser(prog="python -m scenes.checks", description=main.__doc__)
    parser.add_argument("slugs", nargs="*", help="chapters (slug or number); default: all")
    parser.add_argument("--trace", default=None, help="trace file (default: $NNMATH_TRACE or "
                        "the shipped one)")
    args = parser.parse_args(argv)
    try:
        chapters = [by_slug(s) for s in args.slugs] if args.slugs else list(CHAPTERS)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    trace_file = args.trace if args.trace is not None else trace_source.trace_path()
    try:
        return _check_all(chapters, trace_file)
    except (NnmathError, OSError) as exc:  # a known failure: one line naming the file
        print(f"error: {one_line_error(exc)}", file=sys.stderr)
        return 2


def one_line_error(exc):
    """A trace error's own message, or a file-system error naming the file and the fix."""
    if isinstance(exc, OSError):
        where = exc.filename or "a file"
        return (f"{where}: {exc.strerror or exc}; the checks write LaTeX and text caches "
                "in media/ and temporary files in $TMPDIR: make them writable")
    return str(exc)


def _check_all(chapters, trace_file):
    import tempfile

    from nnmath.trace import load_trace

    load_trace(trace_file)  # refuse a missing or broken trace before any chapter runs
    total = 0
    with tempfile.TemporaryDirectory() as media:
        for chapter in chapters:
            report = check_chapter(chapter, trace_file, media)
            for line in report.explain():
                print(line)
            counts = report.counts()
            total += sum(counts.values())
            print(f"== {chapter.number:2d} {chapter.slug}: {counts['layout']} layout, "
                  f"{counts['said']} said-not-shown, {counts['moves']} still beats, "
                  f"{counts['holds']} holds over {MAX_HOLD:g} s, still "
                  f"{report.still_share():.0%}, {counts['lit']} not lit while said, "
                  f"{counts['taught']} used before taught ({report.duration:.1f} s)")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
