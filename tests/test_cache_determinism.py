"""A chapter's output does not depend on manim's cache (issue #24, case 3).

manim advances its clock by a cached animation's run time but by whole frames when it
renders one, so a scene that timed its beats with manim's clock held them for other
lengths from a warm media folder than from an empty one: 937 vs 938 frames, cues 0.11 s
apart. The chapter clock counts frames instead; here one short chapter is rendered at
480p15 from an empty media folder, then again from the same (now warm) folder, and the
frame count, the cue and still times and the mp4's bytes must be identical.
"""

import json
import os
from pathlib import Path

from lecture.chapter_render import render_chapter
from lecture.probe import probe
from lecture.quality import QUALITIES
from scenes.chapters import by_slug

REPO = Path(__file__).resolve().parents[1]
TRACE = REPO / "assets" / "trace-mnist-10k.npz"
CHAPTER = "one_neuron"


def frames(video):
    info = probe(video)
    stream = next(s for s in info["streams"] if s.get("codec_type") == "video")
    return int(stream["nb_frames"])


def test_a_chapter_is_the_same_from_a_cold_and_a_warm_media_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("NNMATH_SPEECH_SECONDS", raising=False)  # the silent timing
    chapter, quality = by_slug(CHAPTER), QUALITIES["l"]
    media = tmp_path / "media"
    results = []
    for run in ("cold", "warm"):
        r = render_chapter(chapter, root=REPO, quality=quality, media_dir=media,
                           out_dir=tmp_path / run, trace_path=TRACE, force=True)
        results.append((r, json.loads(Path(r.marks_file).read_text()), r.video.read_bytes()))
    (cold, cold_marks, cold_bytes), (warm, warm_marks, warm_bytes) = results
    assert cold.cached_animations == 0 and warm.cached_animations > 0, \
        "the second render did not use manim's cache"
    assert frames(cold.video) == frames(warm.video)
    assert cold_marks["cues"] == warm_marks["cues"]
    assert cold_marks["stills"] == warm_marks["stills"]
    assert cold_marks["duration"] == warm_marks["duration"]
    assert cold_bytes == warm_bytes
    assert os.path.getsize(cold.video) > 10_000
