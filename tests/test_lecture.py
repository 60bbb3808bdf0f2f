"""The lecture tools on real small inputs: subtitles, chapter metadata, stitching real
videos, still grabs, narration with espeak-ng, the slide deck, the handout, the checks."""

import json
import os
import subprocess
import sys
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import srt
from PIL import Image

from lecture import deps, slides, stills, stitch, subtitles, voice
from lecture.chapter_render import chapter_inputs, count_cached, render_chapter
from lecture.errors import ChapterFailed, LectureError
from lecture.files import prune
from lecture.handout import handout_latex
from lecture.latex import escape, pdflatex
from lecture.marks import Marks, parse_marks
from lecture.probe import probe
from lecture.quality import QUALITIES
from lecture.render import select_chapters, video_name
from lecture.workdir import manim_running, recover, sweep_partials
from nnmath.trace import load_trace
from scenes.chapters import CHAPTERS, Chapter

REPO = Path(__file__).resolve().parents[1]


def make_video(path, seconds, color, size="64x48", fps=15):
    """A real H.264 video of one flat colour, as manim would write it (yuv420p)."""
    subprocess.run(["ffmpeg", "-y", "-v", "error", "-f", "lavfi", "-i",
                    f"color=c={color}:s={size}:r={fps}:d={seconds}", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def marks(duration, cues, stills_=()):
    return Marks("x", "X", duration, tuple(cues), tuple(stills_))


# ------------------------------------------------------------------------------ subtitles

def test_subtitle_lines_run_from_cue_to_next_cue_and_parse_as_srt():
    narration = [("a", "First sentence."), ("b", "Second, with 0.25."), ("c", "Last one.")]
    m = marks(9.0, [("a", 0.5), ("b", 3.25), ("c", 7.0)])
    lines = subtitles.timed_lines(narration, m, offset=60.0)
    parsed = list(srt.parse(subtitles.to_srt(lines)))
    assert [p.content for p in parsed] == [s for _, s in narration]
    starts = [p.start.total_seconds() for p in parsed]
    ends = [p.end.total_seconds() for p in parsed]
    assert starts == [60.5, 63.25, 67.0]
    assert ends == pytest.approx([63.25 - subtitles.GAP, 67.0 - subtitles.GAP, 69.0])


def test_subtitles_never_run_past_the_real_video():
    m = marks(6.5, [("a", 0.0), ("b", 6.5)])
    lines = subtitles.timed_lines([("a", "x"), ("b", "y")], m, duration=6.467)
    assert max(line.end for line in lines) <= 6.467
    assert all(line.start <= line.end for line in lines)


def test_a_sentence_whose_cue_was_never_played_is_an_error():
    with pytest.raises(LectureError, match="never called cue\\('b'\\)"):
        subtitles.timed_lines([("a", "x"), ("b", "y")], marks(3.0, [("a", 0.0)]))


def test_srt_timestamps():
    assert subtitles.timestamp(3661.5) == "01:01:01,500"
    assert subtitles.timestamp(0.0004) == "00:00:00,000"
    assert subtitles.timestamp(59.9996) == "00:01:00,000"


# --------------------------------------------------------------------------------- marks

def test_marks_are_validated():
    good = {"slug": "s", "scene": "S", "duration": 4.0, "cues": [{"id": "a", "t": 0.0}],
            "stills": [{"name": "n", "t": 4.0}]}
    assert parse_marks(good).stills == (("n", 4.0),)
    with pytest.raises(LectureError, match="outside the chapter"):
        parse_marks({**good, "stills": [{"name": "n", "t": 4.5}]})
    with pytest.raises(LectureError, match="time order"):
        parse_marks({**good, "cues": [{"id": "a", "t": 2.0}, {"id": "b", "t": 1.0}]})
    with pytest.raises(LectureError, match="not a marks file"):
        parse_marks({"slug": "s"})


# ----------------------------------------------------------------------- chapters, stitch

def test_ffmetadata_escapes_and_counts_milliseconds():
    text = stitch.ffmetadata("A = b; #1", [("1. One", 0.0, 2.5), ("2. Two\\x", 2.5, 4.0)])
    assert text.startswith(";FFMETADATA1\ntitle=A \\= b\\; \\#1\n")
    assert "START=2500\nEND=4000\ntitle=2. Two\\\\x" in text
    assert text.count("[CHAPTER]") == 2


def test_stitched_video_has_every_chapter_mark_at_the_chapter_boundaries(tmp_path):
    durations = [1.0, 2.0, 1.0]
    videos = [make_video(tmp_path / f"c{k}.mp4", d, color)
              for k, (d, color) in enumerate(zip(durations, ["red", "green", "blue"]))]
    real = [float(probe(v)["format"]["duration"]) for v in videos]
    spans = stitch.chapter_spans(real)
    titles = ["1. Red", "2. Green = go", "3. Blue"]
    meta = stitch.ffmetadata("Colours", [(t, s, e) for t, (s, e) in zip(titles, spans)])
    out = stitch.stitch(videos, meta, tmp_path / "all.mp4")
    info = probe(out)
    assert float(info["format"]["duration"]) == pytest.approx(sum(real), abs=0.1)
    assert info["format"]["tags"]["title"] == "Colours"
    chapters = info["chapters"]
    assert [c["tags"]["title"] for c in chapters] == titles
    assert [float(c["start_time"]) for c in chapters] == pytest.approx([0.0, real[0],
                                                                        real[0] + real[1]])
    # the middle of the second chapter is green: the chapters are in order
    png = stills.grab(out, real[0] + 1.0, tmp_path / "mid.png")
    r, g, b = Image.open(png).convert("RGB").getpixel((32, 24))
    assert g > 100 and r < 60 and b < 60
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".", "stitch"))) == []


def test_stitch_failure_leaves_no_final_file(tmp_path):
    bad = tmp_path / "not-a-video.mp4"
    bad.write_bytes(b"nothing here")
    with pytest.raises(LectureError, match="could not stitch"):
        stitch.stitch([bad], stitch.ffmetadata("t", [("c", 0, 1)]), tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()


def test_still_grab_takes_the_frame_shown_at_the_mark(tmp_path):
    # 1 s red then 1 s blue: the frame shown at 1.0 is the first blue one, before it red
    red = make_video(tmp_path / "r.mp4", 1.0, "red")
    blue = make_video(tmp_path / "b.mp4", 1.0, "blue")
    both = stitch.stitch([red, blue], stitch.ffmetadata("t", []), tmp_path / "rb.mp4")

    def colour_at(t):
        png = stills.grab(both, stills.frame_time(t, 15, 2.0), tmp_path / "s.png")
        r, _, b = Image.open(png).convert("RGB").getpixel((5, 5))
        return "red" if r > 180 and b < 60 else "blue" if b > 180 and r < 60 else "?"

    assert colour_at(1.0) == "blue"
    assert colour_at(1.0 - 1 / 15) == "red"
    assert colour_at(0.0) == "red"
    assert colour_at(5.0) == "blue"  # past the end: the last frame
    assert stills.frame_time(5.0, 15, 2.0) < 2.0


def test_contact_sheet_grid(tmp_path):
    items = []
    for k in range(5):
        p = tmp_path / f"{k}.png"
        Image.new("RGB", (160, 90), (40 * k, 0, 0)).save(p)
        items.append((p, f"still {k}"))
    sheet = Image.open(stills.contact_sheet(items, tmp_path / "sheet.png", columns=3,
                                            thumb_width=80))
    assert sheet.size == (16 + 3 * (80 + 16), 16 + 2 * (45 + 28 + 16))
    assert sheet.getpixel((16 + 2 * 96 + 40, 16 + 20)) == (80, 0, 0)  # third thumbnail


# ------------------------------------------------------------------------------- narration

def test_narration_places_speech_at_each_cue(tmp_path):
    lines = [subtitles.Line(1.0, 3.0, "One."), subtitles.Line(4.0, 6.0, "Two.")]
    placed = voice.narrate(lines, 6.0, tmp_path / "n.wav", tmp_path / "cache")
    with wave.open(str(tmp_path / "n.wav")) as w:
        rate, n = w.getframerate(), w.getnframes()
        samples = np.frombuffer(w.readframes(n), dtype=np.int16)
    assert abs(n / rate - 6.0) < 0.01
    assert not samples[: int(0.95 * rate)].any()  # silence before the first cue
    assert np.abs(samples[int(1.0 * rate): int(1.5 * rate)]).max() > 1000
    assert [p.start for p in placed] == [1.0, 4.0]
    assert all(p.overlap == 0 for p in placed)


def test_a_long_sentence_is_spoken_faster_to_fit_and_overlap_is_reported(tmp_path):
    text = "This sentence has far too many words to be spoken in the one second it is given."
    normal, _ = voice.read_wav(voice.speak(text, tmp_path / "normal.wav"))
    fast, _, wpm = voice.fit_speech(text, 3.0, tmp_path / "cache")
    assert wpm > voice.WPM and len(fast) < len(normal)
    placed = voice.narrate([subtitles.Line(0.0, 1.0, text)], 1.0, tmp_path / "n.wav",
                           tmp_path / "cache")
    assert placed[0].overlap > 0


def test_the_default_voice_is_deterministic_and_its_lengths_feed_the_scenes(tmp_path):
    """The measured-best engine that is installed speaks; the same text gives the same bytes;
    write_speech_seconds gives each sentence's audio length, as the scenes read it."""
    engine = voice.default_engine()
    assert engine == ("festival" if voice.engine_available("festival") else "espeak-ng")
    text = "The first weight goes from -0.49747 to -0.49944."
    a = voice.speak(text, tmp_path / "a.wav", engine=engine).read_bytes()
    b = voice.speak(text, tmp_path / "b.wav", engine=engine).read_bytes()
    assert a == b
    samples, rate = voice.read_wav(tmp_path / "a.wav")
    assert rate == voice.RATE and np.abs(samples).max() > 1000
    path = voice.write_speech_seconds([text, "Short."], tmp_path / "cache", engine,
                                      tmp_path / "speech.json")
    data = json.loads(path.read_text())
    assert data["engine"] == engine
    assert data["seconds"][text] == pytest.approx(len(samples) / rate, abs=1e-3)
    assert 0 < data["seconds"]["Short."] < data["seconds"][text]
    # numbers are spoken: the sentence takes far longer than its written words suggest
    assert data["seconds"][text] > 4.0


# ---------------------------------------------------------------------- slides, handout

def test_a_beat_runs_from_its_cue_to_the_next_and_the_first_from_the_start():
    narration = [("a", "One."), ("b", "Two."), ("c", "Three.")]
    got = slides.beats(narration, marks(9.0, [("a", 1.5), ("b", 4.0), ("c", 7.25)]), 8.9)
    assert [(b["id"], b["start"], b["end"], b["sentence"]) for b in got] == [
        ("a", 0.0, 4.0, "One."), ("b", 4.0, 7.25, "Two."), ("c", 7.25, 8.9, "Three.")]


def test_deck_steps_are_title_then_each_beat_then_each_still():
    chapter = {"number": 3, "title": "T", "stills": [("s.png", "key")],
               "beats": [{"start": 0.0, "end": 2.0, "sentence": "One."},
                         {"start": 2.0, "end": 5.0, "sentence": "Two."}]}
    steps = slides.deck_steps([chapter, {**chapter, "number": 4}])
    assert [(s["slide"], s["beat"], s["notes"]) for s in steps] == [
        (0, None, ""), (1, 1, "One."), (1, 2, "Two."), (2, None, "3. T: still key"),
        (3, 1, "One."), (3, 2, "Two."), (4, None, "4. T: still key")]
    assert (steps[2]["start"], steps[2]["end"]) == (2.0, 5.0)


def test_slide_deck_is_offline_and_its_files_exist(tmp_path):
    video = make_video(tmp_path / "01_x.mp4", 1.0, "red")
    png = tmp_path / "01_x_key.png"
    Image.new("RGB", (64, 48), "red").save(png)
    beats = slides.beats([("a", "Say <this>."), ("b", "Then that.")],
                         marks(1.0, [("a", 0.2), ("b", 0.6)]), 1.0)
    index = slides.write_deck(tmp_path / "deck", "T <&>", "sub", [
        {"number": 1, "slug": "x", "title": "X & Y", "video": video, "stills": [(png, "key")],
         "beats": beats}])
    text = index.read_text()
    assert "http" not in text and "//" not in text.replace("://", "")
    assert "X &amp; Y" in text
    steps = json.loads(text.split('id="steps">')[1].split("</script>")[0])
    assert [s["notes"] for s in steps[1:3]] == ["Say <this>.", "Then that."]
    for ref in ("media/01_x.mp4", "media/01_x_key.png"):
        assert f'"{ref}"' in text and (index.parent / ref).exists()
    pdf = slides.key_frames_pdf([(png, "a"), (png, "b")], tmp_path / "k.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    assert "Pages:           2" in info


def test_latex_escape_and_a_real_handout_pdf_one_page_per_chapter(tmp_path):
    # chapter 2 says far more than a page holds: it is scaled to fit its one page
    assert escape("w_i_h & 50% of #1 × 2") == r"w\_i\_h \& 50\% of \#1 $\times$ 2"
    png = tmp_path / "s.png"
    Image.new("RGB", (160, 90), "blue").save(png)
    pages = [{"number": n, "title": f"Chapter {n}", "still": "s.png",
              "key_numbers": [("w_i_h", "20 × 784")],
              "formulas": [(None, r"\sigma(x) = \frac{1}{1 + e^{-x}}")],
              "narration": ["It says 3.5%."] * (1 if n == 1 else 200)} for n in (1, 2)]
    pdf = pdflatex(handout_latex("T", "sub", pages), tmp_path / "h.pdf", [png])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    assert "Pages:           2" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
    assert "w_i_h" in text and "Chapter 2" in text


def test_a_latex_error_names_the_problem(tmp_path):
    with pytest.raises(LectureError, match="Undefined control sequence"):
        pdflatex("\\documentclass{article}\\begin{document}\\nosuch\\end{document}",
                 tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------- checks and the command

def test_missing_dependencies_give_one_install_command():
    missing = deps.missing_dependencies(voice=True, which=lambda name: None,
                                        font_check=lambda: False, latex_check=lambda: False)
    message = deps.install_message(missing)
    assert "espeak-ng" in message and "font DejaVu Sans" in message
    assert "sansmath" in message and "texlive-latex-recommended" in message
    command = [ln for ln in message.splitlines() if "apt-get install" in ln]
    assert len(command) == 1
    packages = command[0].split("install -y ")[1].split()
    assert len(packages) == len(set(packages))
    assert {"texlive-latex-base", "dvisvgm", "ffmpeg", "fonts-dejavu-core",
            "espeak-ng"} <= set(packages)
    assert deps.missing_dependencies(voice=False) == []  # this machine has everything
    assert deps.latex_package_installed("sansmath.sty")
    assert not deps.latex_package_installed("no-such-package-nnmath.sty")


def test_render_stops_with_the_install_command_when_latex_is_missing(tmp_path):
    run = subprocess.run([sys.executable, "-m", "lecture.render", "-q", "l", "--out",
                          str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                         env={"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)},
                         check=False)
    assert run.returncode == 3
    assert "latex" in run.stderr and "sudo apt-get update && sudo apt-get install -y" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_trace_is_one_message(tmp_path):
    bad = tmp_path / "trace.npz"
    bad.write_bytes(b"not a zip")
    run = subprocess.run([sys.executable, "-m", "lecture.render", "-q", "l", "--trace", str(bad),
                          "--out", str(tmp_path / "out")], cwd=REPO, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 1
    assert str(bad) in run.stderr and "--record" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_chapter_selection_and_video_name():
    assert [c.slug for c in select_chapters("bias,1")] == [CHAPTERS[0].slug, "bias"]
    with pytest.raises(LectureError, match="no chapter"):
        select_chapters("nosuch")

    trace_path = REPO / "assets" / "trace-mnist-10k.npz"
    trace = load_trace(trace_path)
    name = video_name(trace_path, trace, QUALITIES["h"], False)
    assert name == f"nn-from-scratch_mnist-10k_seed{trace.meta['seed']}_1080p60.mp4"
    assert video_name(trace_path, trace, QUALITIES["l"], True).endswith("_480p15_partial.mp4")


def test_a_chapter_depends_on_its_own_files_and_the_shared_ones_only():
    cost = next(c for c in CHAPTERS if c.slug == "cost")
    inputs = {str(p) for p in chapter_inputs(cost, REPO)}
    assert "scenes/values/cost.py" in inputs and "scenes/kit/network.py" in inputs and "scenes/chapter_scene.py" in inputs
    assert "scenes/values/bias.py" not in inputs and "scenes/bias.py" not in inputs
    assert "manim.cfg" in inputs


def test_manim_cache_count_from_its_log():
    log = ("Animation 0 : Using cached data (hash : 1)\nAnimation 1 : Using cached data "
           "(hash : 2)\nINFO Rendered Cost\nPlayed 5 animations\n")
    assert count_cached(log) == (2, 5)




@dataclass(frozen=True)
class Placed(Chapter):
    """A chapter outside the manifest, at a given place (the render pipeline's tests)."""

    place: int = 0

    @property
    def number(self):
        return self.place


def test_a_failing_chapter_stops_with_its_name_and_leaves_no_video(tmp_path):
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "broken.py").write_text(
        "from manim import Scene\n\n\nclass Broken(Scene):\n    def construct(self):\n"
        "        raise RuntimeError('broken on purpose')\n")
    (tmp_path / "manim.cfg").write_text("[CLI]\nmedia_dir = media\n")
    chapter = Placed("broken", "Broken", "Broken", 99)
    with pytest.raises(ChapterFailed) as failure:
        render_chapter(chapter, root=tmp_path, quality=QUALITIES["l"],
                       media_dir=tmp_path / "media", out_dir=tmp_path / "out",
                       trace_path=REPO / "assets" / "trace-mnist-10k.npz")
    message = str(failure.value)
    assert "chapter 99_broken" in message and "broken on purpose" in message
    assert str(tmp_path / "out" / "logs" / "99_broken.log") in message
    assert not (tmp_path / "out" / "chapters").exists()


def test_with_two_jobs_a_failing_chapter_still_stops_the_run_naming_it(tmp_path, monkeypatch):
    """render.sh -j 2: the good chapter renders beside the broken one, the run stops with the
    broken one's name (the first failure in chapter order)."""
    import argparse

    import lecture.render as render_module

    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "good.py").write_text(
        "import json\nfrom pathlib import Path\nfrom manim import Create, Scene, Square, config\n"
        "\n\nclass Good(Scene):\n    def construct(self):\n"
        "        self.play(Create(Square()), run_time=0.2)\n"
        "        marks = Path(config.media_dir) / 'marks' / 'Good.json'\n"
        "        marks.parent.mkdir(parents=True, exist_ok=True)\n"
        "        marks.write_text(json.dumps({'slug': 'good', 'scene': 'Good', 'duration': 0.2,"
        " 'cues': [], 'stills': []}))\n")
    (tmp_path / "scenes" / "broken.py").write_text(
        "from manim import Scene\n\n\nclass Broken(Scene):\n    def construct(self):\n"
        "        raise RuntimeError('broken on purpose')\n")
    (tmp_path / "manim.cfg").write_text("[CLI]\nmedia_dir = media\n")
    monkeypatch.setattr(render_module, "ROOT", tmp_path)
    import lecture.chapter_render as cr

    monkeypatch.setattr(cr, "chapter_inputs", lambda chapter, root: [Path(chapter.file)])
    chapters = [Placed("good", "Good", "Good", 97), Placed("broken", "Broken", "Broken", 98),
                Placed("later", "Later", "Later", 99)]
    args = argparse.Namespace(jobs=2, force=True)
    with pytest.raises(ChapterFailed) as failure:
        render_module.render_all(chapters, args, QUALITIES["l"],
                                 REPO / "assets" / "trace-mnist-10k.npz", tmp_path / "out")
    assert "chapter 98_broken" in str(failure.value)
    assert (tmp_path / "out" / "chapters" / "97_good.mp4").exists()


def test_prune_keeps_only_this_runs_files(tmp_path):
    for name in ("01_a_old.png", "01_a_new.png", "02_b_x.png"):
        (tmp_path / name).write_bytes(b"x")
    prune(tmp_path, [tmp_path / "01_a_new.png", tmp_path / "02_b_x.png"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01_a_new.png", "02_b_x.png"]


def test_recovery_deletes_what_a_killed_manim_was_writing_and_keeps_the_rest(tmp_path):
    media = tmp_path / "media" / "trace-x"
    earlier = media / "videos" / "ch01" / "480p15" / "partial_movie_files" / "S" / "a.mp4"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"a finished movie")
    past = time.time_ns() - 60 * 10**9
    os.utime(earlier, ns=(past, past))
    with manim_running(media, "01_x"):
        pass  # manim ended by itself: no marker left
    assert recover(tmp_path / "media") == 0
    with pytest.raises(RuntimeError), manim_running(media, "01_x"):
        (earlier.parent / "b.mp4").write_bytes(b"cut sh")  # the 48 bytes a kill leaves
        (media / "Tex").mkdir()
        (media / "Tex" / "f.tex").write_text("\\documentclass")
        raise RuntimeError("killed")
    assert recover(tmp_path / "media") == 2
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == ["a.mp4"]
    assert recover(tmp_path / "media") == 0


def test_sweep_removes_only_our_temporary_files(tmp_path):
    names = [".a.mp4.partial", "stills/.s.partial.png", ".summary.json.k2j4.tmp",
             "chapters/.12_x.stamp.json", "a.mp4", "stills/s.png", "notes.partial.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "stitch-k2j4").mkdir()
    (tmp_path / "stitch-k2j4" / "list.ffconcat").write_text("ffconcat version 1.0\n")
    assert sweep_partials(tmp_path) == 4
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) \
        == ["a.mp4", "chapters/.12_x.stamp.json", "notes.partial.txt", "stills/s.png"]


def test_a_contact_sheet_goes_into_a_folder_that_does_not_exist_yet(tmp_path):
    png = tmp_path / "a.png"
    Image.new("RGB", (160, 90), "red").save(png)
    sheet = stills.contact_sheet([(png, "a")], tmp_path / "new" / "sheet.png", thumb_width=80)
    assert Image.open(sheet).size == (16 + 80 + 16, 16 + 45 + 28 + 16)
