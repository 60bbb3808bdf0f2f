"""Checks that tell whether a chapter can teach: layout, said-is-shown, every beat moves.

They look at what is on screen the way a viewer would, from the scene's mobjects (so they
run with animations skipped, in well under a second per chapter):

- :func:`layout_problems`: every text inside the safe area (5% margin on each side), no text
  on another text or on a line, edge, bar or dot it does not belong to (a label declares its
  mark with :func:`scenes.kit.text.attach`; a panel behind text with
  :func:`scenes.kit.text.backdrop`), and text tall enough to read at 1080p (cap height at
  least :data:`MIN_SMALL_PX` for the smallest text, :data:`MIN_BODY_PX` for body text);
- :func:`unshown_numbers`: the numbers a sentence speaks that no displayed text shows with
  the same digits;
- :func:`visible_state`: a fingerprint of the picture, so a beat that changes nothing is seen.

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

    def visit(mob):
        if not is_visible(mob):
            return
        if isinstance(mob, Code):
            lines = mob.code_lines.lines_text.original_text.split("\n")
            for line, glyphs in zip(lines, mob.code_lines):
                if is_visible(glyphs) and line.strip():
                    glyphs.code_listing = mob
                    found.append(Shown(glyphs, line, "body", box_of(glyphs)))
            return
        if isinstance(mob, TEXT_TYPES):
            found.append(Shown(mob, _text_of(mob), _role(mob), box_of(mob)))
            return
        for sub in mob.submobjects:
            visit(sub)

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


# ------------------------------------------------------------------------------ a chapter run


@dataclass
class BeatReport:
    """What the checks saw during one beat (or at one still)."""

    name: str
    sentence: str = ""
    moved: bool = False
    shown: set = field(default_factory=set)
    layout: list = field(default_factory=list)
    unshown: list = field(default_factory=list)


@dataclass
class ChapterReport:
    """The checks' findings for one chapter on one trace."""

    slug: str
    beats: list
    stills: list

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

    def counts(self):
        return {"layout": len(self.layout_failures()), "said": len(self.unshown()),
                "moves": len(self.still_beats())}

    def explain(self):
        """Every finding, one per line, naming the chapter, the beat and the mobjects."""
        lines = [f"{self.slug}, beat {w}: {kind}: {a}" + (f" / {b}" if b else "")
                 for w, kind, a, b in self.layout_failures()]
        lines += [f"{self.slug}, beat {w}: says {n} but no text on screen shows it: {s!r}"
                  for w, n, s in self.unshown()]
        lines += [f"{self.slug}, beat {w}: nothing on screen changes" for w in self.still_beats()]
        return lines


def checked(scene_class):
    """A subclass of a chapter scene that runs the checks as it plays (see :func:`check_chapter`)."""

    class Checked(scene_class):
        def setup(self):
            super().setup()
            self.beat_reports, self.still_reports, self._beat = [], [], None

        def _note_shown(self):
            self._beat.shown.update(t.text for t in displayed_texts(self.mobjects))

        def play_beat(self, cue_id):
            self._beat = BeatReport(cue_id, self._sentences[cue_id])
            self._note_shown()
            super().play_beat(cue_id)
            self._beat.layout = layout_problems(self.mobjects)
            self._beat.unshown = unshown_numbers(self._beat.sentence, self._beat.shown)
            self.beat_reports.append(self._beat)
            self._beat = None

        def play(self, *animations, **kwargs):
            if self._beat is None:
                return super().play(*animations, **kwargs)
            before = visible_state(self.mobjects)
            result = super().play(*animations, **kwargs)
            if changes_picture(animations) and not self._beat.moved:
                self._beat.moved = (visible_state(self.mobjects) != before or any(
                    isinstance(a, EMPHASIS) for a in animations))
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
    return ChapterReport(chapter.slug, scene.beat_reports, scene.still_reports)


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
                  f"{counts['said']} said-not-shown, {counts['moves']} still beats")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
