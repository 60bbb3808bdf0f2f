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
"""

SCRIPT = """
const slides=[...document.querySelectorAll('.slide')];let k=0;
function show(n){k=Math.max(0,Math.min(slides.length-1,n));
  slides.forEach((s,i)=>{s.classList.toggle('on',i===k);
    s.querySelectorAll('video').forEach(v=>{if(i===k){v.currentTime=0;v.play().catch(()=>{});}
      else v.pause();});});
  document.getElementById('count').textContent=(k+1)+' / '+slides.length;
  history.replaceState(null,'','#'+(k+1));}
document.addEventListener('keydown',e=>{
  if(['ArrowRight','PageDown',' '].includes(e.key)){e.preventDefault();show(k+1);}
  else if(['ArrowLeft','PageUp'].includes(e.key)){e.preventDefault();show(k-1);}
  else if(e.key==='Home')show(0);else if(e.key==='End')show(slides.length-1);
  else if(e.key==='n')document.body.classList.toggle('shownotes');
  else if(e.key==='f'){if(document.fullscreenElement)document.exitFullscreen();
    else document.documentElement.requestFullscreen();}});
document.addEventListener('click',e=>{if(e.target.tagName!=='VIDEO')show(k+1);});
show((parseInt(location.hash.slice(1))||1)-1);
"""


def _notes(sentences):
    return "".join(f"<p>{html.escape(s)}</p>" for s in sentences)


def deck_html(title, subtitle, chapters):
    """The deck's HTML. ``chapters``: dicts with ``title``, ``number``, ``video`` (relative
    path), ``stills`` (list of ``(relative path, name)``) and ``notes`` (sentences)."""
    e = html.escape
    items = "".join(f"<li>{e(c['title'])}</li>" for c in chapters)
    parts = [(f'<section class="slide"><h1>{e(title)}</h1><p class="meta">{e(subtitle)}</p>'
              f"<ol>{items}</ol></section>")]
    for c in chapters:
        poster = f' poster="{e(c["stills"][0][0])}"' if c["stills"] else ""
        parts.append(
            f'<section class="slide"><h2>{c["number"]}. {e(c["title"])}</h2>'
            f'<video src="{e(c["video"])}"{poster} controls preload="metadata"></video>'
            f'<div class="notes">{_notes(c["notes"])}</div></section>')
        for path, name in c["stills"]:
            parts.append(
                f'<section class="slide"><h2>{c["number"]}. {e(c["title"])}: {e(name)}</h2>'
                f'<img class="still" src="{e(path)}" alt="{e(name)}"></section>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(parts)
            + '\n<div class="foot"><span id="count"></span> &middot; arrows: move, n: notes, '
              f"f: full screen</div>\n<script>{SCRIPT}</script>\n</body></html>\n")


def write_deck(out_dir, title, subtitle, chapters):
    """Write ``out_dir/index.html`` with the chapter videos and stills copied into
    ``out_dir/media``. ``chapters``: dicts with ``title``, ``number``, ``slug``, ``video``
    (path), ``stills`` (``[(png path, name)]``), ``notes``."""
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
    write_atomic(out_dir / "deck.json", json.dumps(entries, indent=1) + "\n")
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
