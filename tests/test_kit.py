"""The visual kit draws exactly the numbers it is given, and the chapter marks contract holds.

Every expected value here is recomputed from the raw arrays (NumPy, the sigmoid written
out, Python's own formatting), not read back from the kit.
"""

import itertools
import json
import os
from pathlib import Path

import numpy as np
import pytest
from manim import Text, tempconfig
from manim.utils.color import ManimColor

from nnmath.errors import TraceError
from scenes import theme, trace_source
from scenes.chapter_scene import ChapterScene, speaking_seconds
from scenes.kit.network import NetworkDiagram, PixelGrid, shown_indices
from scenes.kit.numbers import MatrixView, VectorColumn
from scenes.kit.plots import OutputBars, PointsPlane, SigmoidPlot, decision_segment
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_shape

SHIPPED_TRACE = Path(__file__).resolve().parents[1] / "assets" / "trace-mnist-10k.npz"


@pytest.fixture(scope="module")
def trace():
    return trace_source.load()


def rgb(color):
    return np.array(ManimColor(color).to_rgb())


# --------------------------------------------------------------------------- trace_source


def test_trace_path_defaults_to_the_shipped_trace_and_honours_the_env_var(monkeypatch, tmp_path):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    assert trace_source.trace_path() == SHIPPED_TRACE
    monkeypatch.setenv("NNMATH_TRACE", str(tmp_path / "x.npz"))
    assert trace_source.trace_path() == tmp_path / "x.npz"


def test_load_is_cached_per_path_and_a_missing_trace_names_the_file(monkeypatch, tmp_path):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    assert trace_source.load() is trace_source.load()
    missing = tmp_path / "nothing.npz"
    monkeypatch.setenv("NNMATH_TRACE", str(missing))
    with pytest.raises(TraceError, match="nothing.npz.*nnmath record"):
        trace_source.load()


# --------------------------------------------------------------------------- formatting


def test_number_formatting():
    assert fmt(0.12345, 3) == "0.123"
    assert fmt(-0.0001, 2) == "0.00"  # never "-0.00"
    assert fmt(-1.5, 1) == "-1.5"
    assert fmt_int(60000) == "60,000"
    assert fmt_pct(0.8862) == "88.6%"
    assert fmt_shape((20, 784)) == str((20, 784))
    assert fmt_shape((784,)) == str((784,))
    with pytest.raises(ValueError):
        fmt(float("nan"))


def test_shown_indices_elide_the_middle():
    assert shown_indices(784, 6) == ([0, 1, 2], [781, 782, 783])
    assert shown_indices(10, 10) == (list(range(10)), [])
    head, tail = shown_indices(20, 7)
    assert len(head) + len(tail) == 7 and tail[-1] == 19


# --------------------------------------------------------------------------- mobjects


def test_network_diagram_is_bound_to_the_real_weights_and_activations(trace):
    s = trace.step(0)
    w1, w2 = s["w_i_h"], s["w_h_o"]
    net = NetworkDiagram(trace.meta["sizes"], weights=[w1, w2],
                         activations=[s["img"], s["h"], s["o"]], max_shown=[8, 8, 10])
    # big layers: a few neurons and a brace whose label is the TRUE count
    texts = [t.text for brace in net.braces for t in brace.get_family() if isinstance(t, Text)]
    assert texts == [f"{w1.shape[1]:,}", f"{w1.shape[0]:,}"]
    assert sorted(net.neurons[2]) == list(range(10))
    assert len(net.neurons[0]) == 8 and 0 in net.neurons[0] and 783 in net.neurons[0]
    # edge colour = sign of the weight, width grows with |w|
    widths = []
    for (k, i, j), line in net.edges.items():
        w = (w1, w2)[k][i, j]
        want = theme.POSITIVE if w >= 0 else theme.NEGATIVE
        assert np.allclose(rgb(line.get_stroke_color()), rgb(want))
        if k == 1:
            widths.append((abs(w), line.get_stroke_width()))
    widths.sort()
    assert all(a[1] <= b[1] + 1e-9 for a, b in itertools.pairwise(widths))
    assert widths[-1][1] > widths[0][1]
    # neuron fill = activation, recomputed from the image and the weights
    h = 1 / (1 + np.exp(-(s["b_i_h"] + w1 @ s["img"])))[:, 0]
    for i, c in net.neurons[1].items():
        assert c.get_fill_opacity() == pytest.approx(h[i], abs=1e-6)


def test_pixel_grid_shows_the_real_image(trace):
    raw = trace["data_img"][0]
    grid = PixelGrid(raw, side_length=2.8)
    assert len(grid.lit) == np.count_nonzero(raw)
    assert len(grid.grid_lines) == 2 * (28 + 1)
    for j in list(np.flatnonzero(raw)[:20]) + [0, 300, 350, 406, 783]:
        want = raw[j] / 255.0
        assert np.allclose(rgb(grid.cell(j).get_fill_color()), [want] * 3, atol=1 / 255)
    # row-major: pixel 28 is the first square of the second row
    assert grid.cell(28).get_center()[1] < grid.cell(0).get_center()[1]
    assert grid.cell(28).get_center()[0] == pytest.approx(grid.cell(0).get_center()[0])


def test_vector_and_matrix_views_show_real_numbers_with_elision(trace):
    h = trace["step_h"][0][:, 0]
    col = VectorColumn(h, max_shown=6, digits=3)
    assert sorted(col.entries) == [0, 1, 2, 17, 18, 19]
    for i, t in col.entries.items():
        assert t.text == f"{h[i]:.3f}"
    w = trace["w_i_h_init"]
    m = MatrixView(w, max_rows=4, max_cols=5, digits=2)
    assert set(m.cells) == {(r, c) for r in (0, 1, 18, 19) for c in (0, 1, 2, 782, 783)}
    for (r, c), t in m.cells.items():
        assert t.text == fmt(w[r, c], 2)
        want = theme.POSITIVE if w[r, c] >= 0 else theme.NEGATIVE
        assert np.allclose(rgb(t.get_color()), rgb(want))


def test_sigmoid_plot_puts_the_real_point_on_the_curve(trace):
    x = float(trace["step_h_pre"][0][3, 0])
    plot = SigmoidPlot(x, (-6, 6, 2))
    px, py = plot.axes.p2c(plot.dot.get_center())
    assert px == pytest.approx(x, abs=1e-6)
    assert py == pytest.approx(1 / (1 + np.exp(-x)), abs=1e-6)
    assert py == pytest.approx(trace["step_h"][0][3, 0], abs=1e-6)


def test_output_bars_heights_follow_the_outputs(trace):
    o = trace["step_o"][0][:, 0]
    bars = OutputBars(o, trace.meta["class_names"], highlight=int(np.argmax(o)))
    heights = np.array([b.height for b in bars.bars])
    assert np.allclose(heights / heights.max(), o / o.max(), atol=1e-6)
    top = bars.bars[int(np.argmax(o))]
    assert np.allclose(rgb(top.get_fill_color()), rgb(theme.BAR_TOP))


def test_decision_segment_lies_on_the_line_and_the_plane_draws_it(trace):
    w, b = trace["bias_with_w"][-1], trace["bias_with_b"][-1]
    (x0, y0), (x1, y1) = decision_segment(w, b, (-2, 5), (-2, 5))
    for x, y in ((x0, y0), (x1, y1)):
        assert w[0] * x + w[1] * y + b == pytest.approx(0, abs=1e-9)
    plane = PointsPlane(trace["bias_x"], trace["bias_y"], (-2, 5, 1), (-2, 5, 1))
    line = plane.line(w, b)
    for end in (line.get_start(), line.get_end()):
        x, y = plane.axes.p2c(end)
        assert w[0] * x + w[1] * y + b == pytest.approx(0, abs=1e-6)


# --------------------------------------------------------------------------- the beat contract


def _probe_class(beat_ids, seconds=0.5):
    """A chapter of the structure chapter's narration whose beats each wait ``seconds``."""

    def make(cue_id):
        def beat(self):
            self.add(Text(cue_id))
            self.wait(seconds)
            if cue_id == beat_ids[-1]:
                self.still("probe")
        return beat

    body = {"slug": "structure", **{f"beat_{cid}": make(cid) for cid in beat_ids}}
    return type("Probe", (ChapterScene,), body)


def _run_probe(cls, media_dir):
    with tempconfig({"media_dir": str(media_dir), "disable_caching": True,
                     "verbosity": "ERROR", "progress_bar": "none"}):
        scene = cls(skip_animations=True)
        scene.render()
    return scene


def _structure_script():
    from scenes.values import values

    return values("structure", trace_source.load()).narration


def test_beats_play_in_narration_order_each_held_until_its_sentence_is_said(tmp_path,
                                                                             monkeypatch):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    script = _structure_script()
    ids = [cid for cid, _ in script]
    scene = _run_probe(_probe_class(ids), tmp_path)
    fps = scene.camera.frame_rate
    marks = json.loads((tmp_path / "marks" / "Probe.json").read_text())
    assert marks["slug"] == "structure" and marks["scene"] == "Probe"
    assert [c["id"] for c in marks["cues"]] == ids
    ends = [c["t"] for c in marks["cues"]][1:] + [marks["duration"]]
    for (cid, sentence), start, end in zip(script, [c["t"] for c in marks["cues"]], ends):
        # each beat lasts as long as its sentence takes (the beats themselves wait only 0.5 s);
        # the chapter's last picture rests a breath more
        rest = theme.SENTENCE_PAUSE if cid == ids[-1] else 0.0
        # (to the frame: the chapter clock counts the frames manim writes, issue #24)
        assert end - start == pytest.approx(max(0.5, speaking_seconds(sentence)) + rest,
                                            abs=1 / fps + 1e-6)
    frames = marks["duration"] * fps
    assert frames == pytest.approx(round(frames), abs=1e-4)  # whole frames
    assert [s["name"] for s in marks["stills"]] == ["probe"]
    assert not [p for p in os.listdir(tmp_path / "marks") if p.endswith(".tmp")]


@pytest.mark.parametrize("change", ["missing", "extra-order", "swapped"])
def test_beat_methods_that_do_not_match_the_narration_are_refused(tmp_path, monkeypatch,
                                                                   change):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    ids = [cid for cid, _ in _structure_script()]
    broken = {"missing": ids[:-1], "extra-order": ids[1:] + ids[:1],
              "swapped": [ids[1], ids[0], *ids[2:]]}[change]
    with pytest.raises(TypeError, match="do not match the narration"):
        _run_probe(_probe_class(broken), tmp_path)
    assert not (tmp_path / "marks" / "Probe.json").exists()


def test_speaking_time_grows_with_words_and_digits():
    assert speaking_seconds("one two three four") > speaking_seconds("one two")
    assert speaking_seconds("a 0.0123 b") > speaking_seconds("a b c")


def test_a_beat_lasts_its_measured_speech_plus_a_breath(tmp_path, monkeypatch):
    """With narration on, a sentence's measured audio length decides its beat, longer or
    shorter than the estimate (a beat never idles after the voice has stopped); a sentence
    the file does not have keeps the reading-time estimate."""
    slow, short, absent = "A long slow sentence.", "Short.", "Not measured at all."
    estimate = {s: speaking_seconds(s) for s in (slow, short, absent)}
    path = tmp_path / "speech.json"
    path.write_text(json.dumps({"engine": "festival", "seconds": {slow: 9.0, short: 0.1}}))
    monkeypatch.setenv("NNMATH_SPEECH_SECONDS", str(path))
    assert speaking_seconds(slow) == pytest.approx(9.0 + theme.SENTENCE_PAUSE)
    assert speaking_seconds(short) == pytest.approx(0.1 + theme.SENTENCE_PAUSE)
    assert speaking_seconds(absent) == estimate[absent]
    monkeypatch.delenv("NNMATH_SPEECH_SECONDS")
    assert speaking_seconds(slow) == estimate[slow]


def test_numbers_are_sans_serif_even_after_a_serif_glyph_was_cached():
    """manim caches a DecimalNumber's glyphs by character only: a serif "7" made before the
    scenes' template is set must not come back once use_sans_math() has run."""
    from manim import DecimalNumber, TexTemplate, config

    from scenes.kit.text import use_sans_math

    config.tex_template = TexTemplate()  # manim's default: serif Computer Modern
    serif = DecimalNumber(7, num_decimal_places=0)
    assert "sansmath" not in serif[0].tex_template.preamble
    use_sans_math()
    for number in (DecimalNumber(7, num_decimal_places=0), DecimalNumber(-8.54)):
        assert all("sansmath" in glyph.tex_template.preamble for glyph in number)
    assert "sansmath" in config.tex_template.preamble


def test_pieces_keep_one_line_and_give_each_part_its_own_text():
    """``pieces``: every part its own text (to light as it is said), left to right where the
    whole line would put it, each in its colour."""
    from scenes.kit.text import pieces

    parts = ["784", "×", "20", "=", "15,680"]
    colors = [theme.TEXT, theme.MUTED, theme.TEXT, theme.MUTED, theme.ACCENT]
    out = pieces(parts, theme.BODY_SIZE, colors, mono=False, sep=" ")
    assert [t.original_text for t in out] == parts
    xs = [t.get_x() for t in out]
    assert xs == sorted(xs)
    digits = [out[0], out[2]]
    assert abs(digits[0].get_bottom()[1] - digits[1].get_bottom()[1]) < 1e-6
    assert ManimColor(out[4][0].get_fill_color()).to_hex().lower() == (
        ManimColor(theme.ACCENT).to_hex().lower())


def test_flash_runs_along_copies_of_the_edges():
    from manim import Line, ShowPassingFlash

    from scenes.kit.network import flash

    edges = [Line([0, 0, 0], [1, 0, 0]), Line([0, 1, 0], [1, 1, 0])]
    anim = flash(edges)
    assert isinstance(anim, ShowPassingFlash)
    assert len(anim.mobject) == 2 and all(c is not e for c, e in zip(anim.mobject, edges))
