"""The handout: one page per chapter with its still, its key numbers and its formulas, all
from the trace; as HTML (formulas as SVG made by LaTeX) and as PDF (pdflatex).

Why pdflatex for the PDF: LaTeX is already a hard dependency (MathTex), it typesets the
formulas natively, and it is offline and deterministic; there is no headless browser here
and WeasyPrint would add a Python dependency tree for one page per chapter.
"""

import html
from pathlib import Path

from scenes import theme

from .files import place_copy, prune, write_atomic
from .latex import PREAMBLE, escape, formula_svg, pdflatex

STYLE = """
body{font-family:'""" + theme.FONT + """',sans-serif;max-width:860px;margin:0 auto;padding:16px;color:#111}
section{page-break-after:always;break-after:page;margin-bottom:48px}
h1{font-size:24px;border-bottom:2px solid #1f6feb;padding-bottom:4px}
img.still{width:100%;border:1px solid #ccc}
table{border-collapse:collapse;margin:12px 0}td{padding:3px 12px 3px 0;vertical-align:top}
td.k{color:#555}.formula{margin:10px 0}.formula img{max-width:100%}
.narration{font-size:14px;color:#333}.meta{font-size:12px;color:#666}
.teacher{border:1px solid #d4a72c;background:#fff8e1;padding:6px 12px;font-size:14px}
dl.glossary dt{font-weight:bold;margin-top:6px}
"""


def handout_html(title, subtitle, pages, glossary=()):
    """``pages``: dicts with ``number``, ``title``, ``still`` (relative path or None),
    ``key_numbers`` (label, text), ``formulas`` (relative SVG paths with their LaTeX),
    ``narration`` (sentences), ``notes`` (teacher notes, optional); ``glossary``:
    ``(term, meaning)`` pairs for a last page."""
    e = html.escape
    parts = []
    for p in pages:
        still = f'<img class="still" src="{e(p["still"])}" alt="">' if p["still"] else ""
        rows = "".join(f'<tr><td class="k">{e(a)}</td><td>{e(b)}</td></tr>'
                       for a, b in p["key_numbers"])
        formulas = "".join(f'<div class="formula"><img src="{e(svg)}" alt="{e(tex)}"></div>'
                           for svg, tex in p["formulas"])
        words = " ".join(e(s) for s in p["narration"])
        notes = "".join(f"<li>{e(n)}</li>" for n in p.get("notes", ()))
        teacher = (f'<div class="teacher"><h2>For the teacher</h2><ul>{notes}</ul></div>'
                   if notes else "")
        parts.append(f"<section><h1>{p['number']}. {e(p['title'])}</h1>{still}"
                     f"<h2>Key numbers</h2><table>{rows}</table>"
                     f"<h2>Formulas</h2>{formulas}<p class=\"narration\">{words}</p>{teacher}"
                     f'<p class="meta">{e(title)} &middot; {e(subtitle)}</p></section>')
    if glossary:
        terms = "".join(f"<dt>{e(t)}</dt><dd>{e(m)}</dd>" for t, m in glossary)
        parts.append(f'<section><h1>Glossary</h1><dl class="glossary">{terms}</dl></section>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}: handout</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def handout_latex(title, subtitle, pages, glossary=()):
    """The LaTeX source of the handout; ``still`` is a bare file name here. Each chapter is
    typeset into a box that is scaled down if it is taller than the page, so every chapter
    is exactly one page."""
    out = ["\\documentclass[11pt,a4paper]{article}", PREAMBLE.strip(),
           "\\usepackage{graphicx}", "\\usepackage[margin=18mm]{geometry}",
           "\\pagestyle{empty}", "\\setlength{\\parindent}{0pt}",
           "\\newsavebox{\\chapterbox}", "\\newlength{\\room}",
           "\\setlength{\\room}{0.93\\textheight}", "\\begin{document}"]
    for k, p in enumerate(pages):
        if k:
            out.append("\\newpage")
        out.append("\\sbox{\\chapterbox}{\\begin{minipage}{\\linewidth}")
        out.append(f"{{\\Large\\bfseries {p['number']}. {escape(p['title'])}}}\\par\\medskip")
        if p["still"]:
            out.append("\\includegraphics[width=\\linewidth,height=0.42\\textheight,"
                       f"keepaspectratio]{{{p['still']}}}\\par\\medskip")
        if p["key_numbers"]:
            out.append("\\textbf{Key numbers}\\par\\smallskip")
            out.append("\\begin{tabular}{@{}p{0.45\\linewidth}p{0.5\\linewidth}@{}}")
            out += [f"{escape(a)} & {escape(b)} \\\\" for a, b in p["key_numbers"]]
            out.append("\\end{tabular}\\par\\medskip")
        if p["formulas"]:
            out.append("\\textbf{Formulas}")
            out += [f"\\[ {tex} \\]" for _, tex in p["formulas"]]
        if p["narration"]:
            out.append("{\\small " + " ".join(escape(s) for s in p["narration"]) + "\\par}")
        if p.get("notes"):
            out.append("\\medskip\\fbox{\\begin{minipage}{0.96\\linewidth}\\textbf{For the "
                       "teacher}\\par\\small")
            out += [f"\\textbullet\\ {escape(n)}\\par" for n in p["notes"]]
            out.append("\\end{minipage}}\\par")
        out.append("\\end{minipage}}")
        out.append("\\ifdim\\dimexpr\\ht\\chapterbox+\\dp\\chapterbox\\relax>\\room"
                   "\\resizebox*{!}{\\room}{\\usebox{\\chapterbox}}"
                   "\\else\\usebox{\\chapterbox}\\fi\\par")
        out.append(f"\\vfill{{\\footnotesize {escape(title)} -- {escape(subtitle)}}}")
    if glossary:
        out.append("\\newpage{\\Large\\bfseries Glossary}\\par\\medskip")
        out += [f"\\textbf{{{escape(t)}}}: {escape(m)}\\par\\smallskip" for t, m in glossary]
    out.append("\\end{document}")
    return "\n".join(out) + "\n"


def write_handout(out_dir, out_pdf, title, subtitle, pages, cache_dir, glossary=()):
    """Write ``out_dir/index.html`` (stills and formula SVGs beside it) and ``out_pdf``.
    ``pages``: dicts with ``number``, ``title``, ``still`` (PNG path or None),
    ``key_numbers``, ``formulas`` (LaTeX), ``narration``."""
    out_dir = Path(out_dir)
    html_pages, tex_pages, resources = [], [], []
    for p in pages:
        still = None
        if p["still"]:
            still = place_copy(p["still"], out_dir / "img" / Path(p["still"]).name)
            resources.append(still)
        svgs = []
        for k, tex in enumerate(p["formulas"]):
            svg = place_copy(formula_svg(tex, cache_dir),
                             out_dir / "img" / f"{p['number']:02d}_formula{k + 1}.svg")
            svgs.append((svg.relative_to(out_dir).as_posix(), tex))
        html_pages.append({**p, "still": still.relative_to(out_dir).as_posix() if still else None,
                           "formulas": svgs})
        tex_pages.append({**p, "still": still.name if still else None,
                          "formulas": [(None, tex) for tex in p["formulas"]]})
    prune(out_dir / "img", [out_dir / p["still"] for p in html_pages if p["still"]]
          + [out_dir / svg for p in html_pages for svg, _ in p["formulas"]])
    index = out_dir / "index.html"
    write_atomic(index, handout_html(title, subtitle, html_pages, glossary))
    pdflatex(handout_latex(title, subtitle, tex_pages, glossary), out_pdf, resources)
    return index, Path(out_pdf)

