"""End to end: ``./render.sh -q l`` on the shipped trace, then every output is checked.

This is the one slow test module (it renders every chapter at 480p15 the first time; an
unchanged re-run reuses the chapters). Outputs go to ``build/test-render`` so a user's
``out/`` is left alone.
"""

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import srt
from PIL import Image

from lecture import voice
from lecture.probe import probe
from lecture.script import chapter_text
from nnmath.trace import load_trace
from scenes.chapters import CHAPTERS

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "test-render"
TRACE = REPO / "assets" / "trace-mnist-10k.npz"


def pdf_pages(pdf):
    """The page count pdfinfo (poppler) reads from a PDF."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE).group(1))


def render(*args):
    return subprocess.run(["./render.sh", "-q", "l", "--out", str(OUT), *args], cwd=REPO,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def present():
    """The chapters whose scene file exists when the render starts."""
    return [c for c in CHAPTERS if (REPO / c.file).exists()]


@pytest.fixture(scope="module")
def rendered(present):
    run = render()
    assert run.returncode == 0, f"./render.sh -q l failed:\n{run.stdout[-3000:]}\n{run.stderr}"
    out_dir = OUT / TRACE.stem / "480p15"
    summary = json.loads((out_dir / "summary.json").read_text())
    return run, out_dir, summary


def test_every_chapter_present_is_rendered_and_missing_ones_are_named(rendered, present):
    run, _, summary = rendered
    assert [c["slug"] for c in summary["chapters"]] == [c.slug for c in present]
    missing = [c.slug for c in CHAPTERS if c not in present]
    assert summary["missing_chapters"] == missing
    for c in present:
        assert re.search(rf"{c.number:02d} {c.slug}\s+(done|reused)", run.stdout)


def test_the_video_has_its_chapter_marks(rendered, present):
    _, _, summary = rendered
    video = REPO / summary["outputs"]["video"]
    assert video.name.startswith("nn-from-scratch_mnist-10k_seed")
    info = probe(video)
    stream = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (stream["codec_name"], stream["width"], stream["height"]) == ("h264", 854, 480)
    total = float(info["format"]["duration"])
    chapters = info["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [f"{c.number}. {c.title}" for c in present]
    starts = [float(c["start_time"]) for c in chapters]
    ends = [float(c["end_time"]) for c in chapters]
    durations = [c["duration"] for c in summary["chapters"]]
    assert starts[0] == 0 and starts[1:] == pytest.approx(ends[:-1])
    assert [e - s for s, e in zip(starts, ends)] == pytest.approx(durations, abs=2e-3)
    assert ends[-1] == pytest.approx(total, abs=0.1)
    for c in summary["chapters"]:  # each chapter video is what the summary says
        streams = {s["codec_type"]: s for s in probe(REPO / c["video"])["streams"]}
        assert float(streams["video"]["duration"]) == pytest.approx(c["duration"], abs=1e-3)
        assert streams["audio"]["codec_name"] == "aac"  # each chapter carries its narration


def test_the_narration_is_on_by_default_and_no_sentence_is_rushed(rendered):
    """Every beat was sized to its sentence's audio: nothing is sped up or overlaps, and the
    sound track is speech where the subtitles say a sentence is spoken."""
    run, _, summary = rendered
    assert summary["narration_overlaps"] == []
    assert re.search(r"narration: (\d+) sentences, 0 spoken faster to fit, 0 overlap", run.stdout)
    video = REPO / summary["outputs"]["video"]
    audio = [s for s in probe(video)["streams"] if s["codec_type"] == "audio"]
    assert len(audio) == 1 and audio[0]["codec_name"] == "aac"
    samples, rate = voice.read_wav(REPO / summary["outputs"]["narration"])
    subs = list(srt.parse((REPO / summary["outputs"]["subtitles"]).read_text()))
    for s in subs:  # speech in the first second of every sentence
        a = int(s.start.total_seconds() * rate)
        assert np.abs(samples[a:a + rate]).max() > 1000, s.content


def test_subtitles_parse_and_lie_inside_the_video(rendered, present):
    _, out_dir, summary = rendered
    total = float(probe(REPO / summary["outputs"]["video"])["format"]["duration"])
    subs = list(srt.parse((REPO / summary["outputs"]["subtitles"]).read_text()))
    trace = load_trace(TRACE)
    sentences = [s for c in present for _, s in chapter_text(c, trace).narration]
    assert [s.content for s in subs] == sentences
    for s in subs:
        assert 0 <= s.start.total_seconds() < s.end.total_seconds() <= total + 1e-3
    assert all(a.end <= b.start for a, b in pairwise(subs))
    for c in present:
        per = list(srt.parse((out_dir / "subtitles" / f"{c.number:02d}_{c.slug}.srt").read_text()))
        assert len(per) == len(chapter_text(c, trace).narration)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("src", "href", "poster", "data") and v]


def test_slides_work_offline(rendered, present):
    _, out_dir, summary = rendered
    index = REPO / summary["outputs"]["slides"]
    text = index.read_text()
    assert not re.search(r"(https?:|ftp:|//[a-z0-9])", text, re.IGNORECASE)
    assert "@import" not in text and "url(" not in text
    parser = _Refs()
    parser.feed(text)
    assert len([r for r in parser.refs if r.endswith(".mp4")]) == len(present)
    for ref in parser.refs:
        assert (index.parent / ref).is_file(), ref
    pdf = REPO / summary["outputs"]["slides_pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    n_stills = len(list((out_dir / "stills").glob("*.png")))
    assert pdf_pages(pdf) == n_stills


def test_stills_and_contact_sheet_decode(rendered, present):
    _, out_dir, summary = rendered
    pngs = sorted((out_dir / "stills").glob("*.png"))
    assert {p.name[:2] for p in pngs} == {f"{c.number:02d}" for c in present}
    for p in pngs + [REPO / summary["outputs"]["contact_sheet"]]:
        with Image.open(p) as im:
            im.load()
            assert im.format == "PNG"
            if p.parent.name == "stills":
                assert im.size == (854, 480)
                lo, hi = im.convert("L").getextrema()
                assert hi - lo > 50  # not a blank frame
    assert not [p for p in out_dir.rglob(".*") if p.name.endswith((".partial", ".tmp"))]


def test_a_frame_sheet_per_chapter_shows_the_end_of_every_beat(rendered, present):
    _, out_dir, _ = rendered
    trace = load_trace(TRACE)
    sheets = sorted((out_dir / "frame-sheets").glob("*.png"))
    assert [p.name[:2] for p in sheets] == [f"{c.number:02d}" for c in present]
    for chapter, sheet in zip(present, sheets):
        beats = len(chapter_text(chapter, trace).narration)
        with Image.open(sheet) as im:
            # three 480-px-wide frames a row (16 px apart), a row per three beats
            columns, rows = min(3, beats), -(-beats // 3)
            assert im.size[0] == 16 + columns * (480 + 16)
            frame_h = round(480 * 480 / 854)
            assert im.size[1] == 16 + rows * (frame_h + 28 + 16)


def test_handout_has_a_page_per_chapter_teacher_notes_and_the_glossary(rendered, present):
    from scenes.glossary import GLOSSARY

    _, _, summary = rendered
    pdf = REPO / summary["outputs"]["handout_pdf"]
    assert pdf_pages(pdf) == len(present) + 1  # and the glossary
    index = REPO / summary["outputs"]["handout"]
    parser = _Refs()
    parser.feed(index.read_text())
    for ref in parser.refs:
        assert (index.parent / ref).is_file(), ref
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    trace = load_trace(TRACE)
    minus_as_hyphen = text.replace("\u2212", "-")  # LaTeX text sets a minus sign as "-"
    for c in present:
        assert c.title in text
        for _, number in chapter_text(c, trace).key_numbers[:1]:
            assert number.split()[0].strip(".,").replace("\u2212", "-") in minus_as_hyphen
    flat = " ".join(text.split())
    notes = [n for c in present for _, n in chapter_text(c, trace).notes]
    assert notes and "For the teacher" in flat and "For the teacher" in index.read_text()
    assert " ".join(notes[0].split()[:3]) in flat
    assert "Glossary" in flat and all(g.term in flat for g in GLOSSARY)


def test_a_second_run_reuses_every_chapter(rendered, present):
    run = render()
    assert run.returncode == 0, run.stderr
    for c in present:
        assert re.search(rf"{c.number:02d} {c.slug}\s+reused", run.stdout), run.stdout
    assert os.path.exists(OUT / TRACE.stem / "480p15" / "summary.json")


# --------------------------------------------------------- the deck in a real browser

@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, driven by Selenium through chromium-driver, with the
    network switched off before the deck is opened."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield driver
    driver.quit()


def _video_state(driver, slide):
    return driver.execute_script(
        "const v=document.querySelectorAll('.slide')[arguments[0]].querySelector('video');"
        "return {t: v.currentTime, paused: v.paused, ready: v.readyState, error: v.error};",
        slide)


def _wait(predicate, seconds=60):
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_the_deck_steps_beat_by_beat_in_a_real_browser(rendered, browser):
    """Next N times lands on beat N: the video starts at that beat's cue and pauses at its
    end; back replays the previous beat; the presenter view follows; all offline."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _, out_dir, summary = rendered
    index = REPO / summary["outputs"]["slides"]
    deck = json.loads((index.parent / "deck.json").read_text())
    steps = deck["steps"]
    beats = [k for k, s in enumerate(steps) if s["beat"] is not None]
    # the beats in the deck are the sentences of the narration, in order
    trace = load_trace(TRACE)
    rendered_slugs = [c["slug"] for c in summary["chapters"]]
    assert [steps[k]["notes"] for k in beats] == [
        s for c in CHAPTERS if c.slug in rendered_slugs for _, s in chapter_text(c, trace).narration]
    # the shortest beat that is not a chapter's first (its cue is a real cue, not 0)
    n = min((k for k in beats if steps[k]["beat"] > 1),
            key=lambda k: steps[k]["end"] - steps[k]["start"])
    chapter = deck["chapters"][[s["slide"] for s in steps if s["beat"] == 1].index(
        steps[n]["slide"])]
    marks = json.loads((out_dir / "marks" / f"{chapter['number']:02d}_{chapter['slug']}.json")
                       .read_text())
    cue = {c["id"]: c["t"] for c in marks["cues"]}[
        chapter["beats"][steps[n]["beat"] - 1]["id"]]
    assert steps[n]["start"] == pytest.approx(cue)

    browser.get(index.as_uri())
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(n):
        body.send_keys(Keys.ARROW_RIGHT)
    assert browser.find_element(By.ID, "count").text == f"{n + 1} / {len(steps)}"
    slide = steps[n]["slide"]
    state = _video_state(browser, slide)
    assert state["error"] is None and state["t"] >= cue - 1e-3
    assert state["t"] < steps[n]["end"]  # it plays this beat, from its cue
    state = _wait(lambda: (s := _video_state(browser, slide))["paused"] and s)
    assert state["t"] == pytest.approx(steps[n]["end"], abs=1e-3)  # paused at the beat's end

    body.send_keys(Keys.ARROW_LEFT)  # back: the previous beat plays again from its start
    state = _video_state(browser, slide)
    assert steps[n - 1]["start"] - 1e-3 <= state["t"] < steps[n - 1]["end"]
    assert browser.find_element(By.ID, "count").text == f"{n} / {len(steps)}"

    # the presenter view: a second window with the current and next sentence, the step
    # number and the elapsed time
    main = browser.current_window_handle
    body.send_keys("p")
    _wait(lambda: len(browser.window_handles) == 2)
    browser.switch_to.window(next(h for h in browser.window_handles if h != main))
    _wait(lambda: browser.find_element(By.ID, "p-current").text)
    assert browser.find_element(By.ID, "p-current").text == steps[n - 1]["notes"]
    assert browser.find_element(By.ID, "p-next").text == steps[n]["notes"]
    assert browser.find_element(By.ID, "p-step").text == f"step {n} / {len(steps)}"
    assert re.fullmatch(r"\d+:\d\d", browser.find_element(By.ID, "p-clock").text)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)  # keys work there too
    _wait(lambda: browser.find_element(By.ID, "p-current").text == steps[n]["notes"])
    # a beat with a teacher note: the presenter view shows it under the sentence (it is
    # never on screen in the video or spoken)
    noted = next(k for k in beats if steps[k]["teacher"])
    browser.switch_to.window(main)
    body.send_keys(Keys.HOME)
    for _ in range(noted):
        body.send_keys(Keys.ARROW_RIGHT)
    browser.switch_to.window(next(h for h in browser.window_handles if h != main))
    _wait(lambda: browser.find_element(By.ID, "p-current").text == steps[noted]["notes"])
    assert browser.find_element(By.ID, "p-teacher").text == steps[noted]["teacher"]
    assert browser.find_element(By.ID, "p-teacher-box").is_displayed()
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
    _wait(lambda: browser.find_element(By.ID, "p-current").text == steps[noted + 1]["notes"])
    assert (browser.find_element(By.ID, "p-teacher-box").is_displayed()
            == bool(steps[noted + 1]["teacher"]))
    browser.close()
    browser.switch_to.window(main)
    body.send_keys(Keys.HOME)
    for _ in range(n):
        body.send_keys(Keys.ARROW_RIGHT)

    # a still is a step of its own, after the chapter's last beat
    still = next(k for k in range(n, len(steps)) if steps[k]["beat"] is None)
    for _ in range(still - n):
        body.send_keys(Keys.ARROW_RIGHT)
    shown = browser.find_elements(By.CSS_SELECTOR, ".slide.on img.still")
    assert len(shown) == 1 and browser.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth", shown[0]) == 854


def test_the_powerpoint_deck_has_a_slide_per_beat_and_libreoffice_opens_it(rendered, tmp_path):
    """python-pptx wrote a slide per beat (plus the title) with the sentence as its notes;
    LibreOffice headless converts it to a PDF with as many pages."""
    from pptx import Presentation

    _, _, summary = rendered
    pptx = REPO / summary["outputs"]["pptx"]
    trace = load_trace(TRACE)
    slugs = [c["slug"] for c in summary["chapters"]]
    texts = [chapter_text(c, trace) for c in CHAPTERS if c.slug in slugs]
    sentences = [s for t in texts for _, s in t.narration]
    # the notes: the sentence, and the beat's teacher note where it has one
    expected = [s + (f"\n\nFor the teacher: {t.note(c)}" if t.note(c) else "")
                for t in texts for c, s in t.narration]
    assert any(t.notes for t in texts)
    prs = Presentation(str(pptx))
    assert len(prs.slides) == 1 + len(sentences)
    notes = [slide.notes_slide.notes_text_frame.text for slide in list(prs.slides)[1:]]
    assert [n.replace("\r", "\n").replace("\x0b", "\n") for n in notes] == expected
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                          str(pptx)], capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / "slides.pdf"
    assert run.returncode == 0 and pdf.exists(), run.stderr
    assert pdf_pages(pdf) == 1 + len(sentences)
