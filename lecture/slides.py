"""The slide deck: one self-contained HTML file that works offline (its videos and stills
sit beside it, no script, style or font is fetched from anywhere), and a PDF of the key
frames.

Why not manim-slides: 5.7.0 fails on our pinned manim 0.22.0 (it needs 0.21.0), and its
offline HTML needs reveal.js fetched from npm into its cache. A deck of the chapter videos
we already render needs neither a second render nor a second toolchain.
"""

import html
import io
import json
from pathlib import Path

from PIL import Image, ImageDraw

from scenes import theme

from .files import place_copy, prune, write_atomic
from .stills import BACKGROUND_RGB, CAPTION_RGB, font

STYLE = """
html,body{margin:0;height:100%;background:""" + theme.BACKGROUND + """;color:#e6e6e6;
  font-family:'""" + theme.FONT + """',sans-serif}
.slide{display:none;position:absolute;inset:0;padding:2vh 3vw;box-sizing:border-box;
  flex-direction:column;align-items:center;justify-content:center}
.slide.on{display:flex}
h1{font-size:5vh;margin:0 0 2vh}h2{font-size:3.6vh;margin:0 0 1.5vh;color:#9ecbff}
video,img.still{max-width:94vw;max-height:72vh;background:#000}
.notes{display:none;max-width:90vw;font-size:2.2vh;color:#c8c8c8;margin-top:1.5vh}
body.shownotes .notes{display:block}
ol{font-size:2.6vh;line-height:1.5}
.foot{position:fixed;bottom:1vh;right:2vw;font-size:1.8vh;color:#888}
.meta{font-size:2.2vh;color:#aaa}
body.presenter .slide,body.presenter .foot{display:none!important}
#presenter{display:none;padding:3vh 4vw;font-size:3vh;line-height:1.4}
body.presenter #presenter{display:block}
#presenter .label{color:#888;font-size:2vh;margin-top:3vh}
#p-current{color:#fff;font-size:4vh}#p-next{color:#aaa}
#p-teacher{color:#ffc857}#p-teacher-box{display:none}
.notes .teacher{color:#ffc857;margin-top:1vh}
#p-step,#p-clock{font-size:3vh;color:#9ecbff}
"""

# The deck steps through ``STEPS`` (built in Python, embedded as JSON): the title, then per
# chapter one step per beat (play the chapter video from the beat's start, pause at its end)
# and one per still. "next" goes one step on, "back" one step back (and replays that beat).
# A presenter view (``p``, or ``#presenter``) in a second window shows the current and the
# next sentence, the step number and the elapsed time; the two windows talk by postMessage,
# which works from a file:// folder with no server.
SCRIPT = """
const STEPS=JSON.parse(document.getElementById('steps').textContent);
const slides=[...document.querySelectorAll('.slide')];
const presenting=location.hash==='#presenter';let k=0,stopAt=null,peer=null;
const started=Date.now();
function say(){const s=STEPS[k],n=STEPS[k+1];const m={step:k+1,steps:STEPS.length,
  current:s.notes,teacher:s.teacher,next:n?n.notes:'',started:started};
  if(peer&&!peer.closed)peer.postMessage(m,'*');return m;}
function watch(v){if(stopAt===null)return;
  if(v.currentTime>=stopAt-0.002){v.pause();v.currentTime=stopAt;stopAt=null;}
  else requestAnimationFrame(()=>watch(v));}
function show(n){k=Math.max(0,Math.min(STEPS.length-1,n));const s=STEPS[k];
  slides.forEach((el,i)=>{el.classList.toggle('on',i===s.slide);
    el.querySelectorAll('video').forEach(v=>{if(i!==s.slide)v.pause();});});
  const v=slides[s.slide].querySelector('video');stopAt=null;
  if(v&&s.beat!==null){stopAt=s.end;v.pause();v.currentTime=s.start;
    v.play().then(()=>watch(v)).catch(()=>{});}
  document.getElementById('count').textContent=(k+1)+' / '+STEPS.length;
  document.querySelectorAll('.notes').forEach(el=>{el.textContent=s.notes;
    if(s.teacher){const t=document.createElement('div');t.className='teacher';
      t.textContent='For the teacher: '+s.teacher;el.appendChild(t);}});
  history.replaceState(null,'','#'+(k+1));say();}
function key(e){if(['ArrowRight','PageDown',' '].includes(e.key)){
    e.preventDefault();return show(k+1);}
  if(['ArrowLeft','PageUp','Backspace'].includes(e.key)){e.preventDefault();return show(k-1);}
  if(e.key==='Home')return show(0);if(e.key==='End')return show(STEPS.length-1);
  if(e.key==='s')return document.body.classList.toggle('shownotes');
  if(e.key==='p'){peer=window.open(location.pathname+'#presenter','presenter');
    setTimeout(say,300);return;}
  if(e.key==='f'){if(document.fullscreenElement)document.exitFullscreen();
    else document.documentElement.requestFullscreen();}}
function clock(t0){const s=Math.floor((Date.now()-t0)/1000);
  return Math.floor(s/60)+':'+String(s%60).padStart(2,'0');}
if(presenting){document.body.classList.add('presenter');let t0=Date.now();
  window.addEventListener('message',e=>{const m=e.data;t0=m.started;
    document.getElementById('p-step').textContent='step '+m.step+' / '+m.steps;
    document.getElementById('p-current').textContent=m.current;
    document.getElementById('p-teacher').textContent=m.teacher||'';
    document.getElementById('p-teacher-box').style.display=m.teacher?'block':'none';
    document.getElementById('p-next').textContent=m.next;});
  setInterval(()=>{document.getElementById('p-clock').textContent=clock(t0);},250);
  document.addEventListener('keydown',e=>{if(window.opener)
    window.opener.postMessage({key:e.key},'*');});
}else{
  window.addEventListener('message',e=>{if(e.data&&e.data.key)key({key:e.data.key,
    preventDefault(){}});});
  document.addEventListener('keydown',key);
  document.addEventListener('click',e=>{if(e.target.tagName!=='VIDEO')show(k+1);});
  show((parseInt(location.hash.slice(1))||1)-1);}
"""


def beats(narration, marks, duration, notes=()):
    """One beat per sentence: ``{"id", "start", "end", "sentence", "note"}`` on the chapter's
    clock; ``note`` is the beat's teacher note (``notes``: ``(cue_id, note)`` pairs) or "".

    A beat runs from its cue to the next cue (the last one to the end of the video); the
    first starts at 0 so the chapter's title card plays with it."""
    times, notes = dict(marks.cues), dict(notes)
    cues = sorted((min(times[c], duration), c, s) for c, s in narration if c in times)
    out = []
    for i, (t, c, s) in enumerate(cues):
        end = cues[i + 1][0] if i + 1 < len(cues) else duration
        out.append({"id": c, "start": 0.0 if i == 0 else round(t, 6), "end": round(end, 6),
                    "sentence": s, "note": notes.get(c, "")})
    return out


def deck_steps(chapters):
    """The deck's steps, in order: ``{"slide", "beat", "start", "end", "notes", "teacher"}``;
    ``beat`` is the beat's number within its chapter (from 1), ``None`` on title and still
    slides; ``notes`` the sentence, ``teacher`` the beat's teacher note ("" if none)."""
    steps = [{"slide": 0, "beat": None, "start": 0, "end": 0, "notes": "", "teacher": ""}]
    slide = 1
    for c in chapters:
        for b, beat in enumerate(c["beats"], start=1):
            steps.append({"slide": slide, "beat": b, "start": beat["start"], "end": beat["end"],
                          "notes": beat["sentence"], "teacher": beat.get("note", "")})
        slide += 1
        for _, name in c["stills"]:
            steps.append({"slide": slide, "beat": None, "start": 0, "end": 0,
                          "notes": f"{c['number']}. {c['title']}: still {name}",
                          "teacher": ""})
            slide += 1
    return steps


def deck_html(title, subtitle, chapters):
    """The deck's HTML. ``chapters``: dicts with ``title``, ``number``, ``video`` (relative
    path), ``stills`` (list of ``(relative path, name)``) and ``beats`` (see :func:`beats`)."""
    e = html.escape
    items = "".join(f"<li>{e(c['title'])}</li>" for c in chapters)
    parts = [(f'<section class="slide"><h1>{e(title)}</h1><p class="meta">{e(subtitle)}</p>'
              f"<ol>{items}</ol></section>")]
    for c in chapters:
        poster = f' poster="{e(c["stills"][0][0])}"' if c["stills"] else ""
        parts.append(
            f'<section class="slide"><h2>{c["number"]}. {e(c["title"])}</h2>'
            f'<video src="{e(c["video"])}"{poster} preload="auto" playsinline></video>'
            f'<div class="notes"></div></section>')
        for path, name in c["stills"]:
            parts.append(
                f'<section class="slide"><h2>{c["number"]}. {e(c["title"])}: {e(name)}</h2>'
                f'<img class="still" src="{e(path)}" alt="{e(name)}"></section>')
    steps = json.dumps(deck_steps(chapters)).replace("</", "<\\/")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(parts)
            + '\n<div id="presenter"><div id="p-step"></div><div id="p-clock"></div>'
              '<div class="label">now</div><div id="p-current"></div>'
              '<div id="p-teacher-box"><div class="label">for the teacher</div>'
              '<div id="p-teacher"></div></div>'
              '<div class="label">next</div><div id="p-next"></div></div>'
            + '\n<div class="foot"><span id="count"></span> &middot; arrows: next / back, '
              "s: notes, p: presenter view, f: full screen</div>\n"
            + f'<script type="application/json" id="steps">{steps}</script>\n'
            + f"<script>{SCRIPT}</script>\n</body></html>\n")


def write_deck(out_dir, title, subtitle, chapters):
    """Write ``out_dir/index.html`` with the chapter videos and stills copied into
    ``out_dir/media``. ``chapters``: dicts with ``title``, ``number``, ``slug``, ``video``
    (path), ``stills`` (``[(png path, name)]``), ``beats`` (see :func:`beats`)."""
    out_dir = Path(out_dir)
    entries = []
    for c in chapters:
        video = place_copy(c["video"], out_dir / "media" / Path(c["video"]).name)
        stills = [(place_copy(p, out_dir / "media" / Path(p).name), n) for p, n in c["stills"]]
        entries.append({**c, "video": video.relative_to(out_dir).as_posix(),
                        "stills": [(p.relative_to(out_dir).as_posix(), n) for p, n in stills]})
    prune(out_dir / "media", [out_dir / e["video"] for e in entries]
          + [out_dir / p for e in entries for p, _ in e["stills"]])
    index = out_dir / "index.html"
    write_atomic(index, deck_html(title, subtitle, entries))
    deck = {"chapters": entries, "steps": deck_steps(entries)}
    write_atomic(out_dir / "deck.json", json.dumps(deck, indent=1) + "\n")
    return index


def _captioned(png, caption, band=64):
    with Image.open(png) as im:
        im = im.convert("RGB")
        page = Image.new("RGB", (im.width, im.height + band), BACKGROUND_RGB)
        page.paste(im, (0, band))
    ImageDraw.Draw(page).text((24, band // 2), caption, fill=CAPTION_RGB,
                              font=font(max(14, band // 2)), anchor="lm")
    return page


def key_frames_pdf(items, out_pdf):
    """A PDF with one page per ``(png, caption)`` key frame (Pillow's multi-page PDF)."""
    pages = [_captioned(p, c) for p, c in items]
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=144.0)
    write_atomic(out_pdf, buf.getvalue())
    return Path(out_pdf)
