"""No number typed by hand into displayed text: every digit on screen comes from the trace.

The checker reads the AST of every ``scenes/*.py`` and ``scenes/values/*.py`` and
looks at the string literals (and the constant parts of f-strings) that are
(a) passed to a text-making call (Text, MathTex, Tex, MarkupText, Paragraph,
DecimalNumber, Integer, Code and the kit's ``label``/``formula``/``code_listing``),
(b) returned or assigned inside a ``narration`` function, (c) values of dict
literals inside a ``values`` function, (d) module-level string constants of a
values module (e.g. ``FORMULAS`` and code listings), or (e) any string in a chapter's
scene file (``scenes/<slug>.py``) but its docstrings and format specs, since a scene may
build a caption in a variable before drawing it. Any digit left after removing the few
allowed formula/code constants below is a finding.
"""

import ast
import re
from pathlib import Path

import pytest

SCENES = Path(__file__).resolve().parents[1] / "scenes"

TEXT_CALLS = {"Text", "MathTex", "Tex", "MarkupText", "Paragraph", "DecimalNumber", "Integer",
              "Code", "Title", "BulletedList", "label", "formula", "code_listing"}

#: Constants of formulas and of the reference code, not data (regular expressions): the 1
#: of 1 / (1 + e^-x) and of 1/len(o), the 1 of h * (1 - h) and of ``img.shape += (1,)``, the
#: 2 of a square and of the MSE derivative 2/n, comparisons with zero (sign, decision line,
#: ReLU), the origin, the 0 that resets nr_correct, and index subscripts like w_1.
ALLOWED = (
    r"\\frac\{1\}\{1 ?\+ ?e\^\{-", r"\b1 ?\+ ?e\^\{-", r"\(1 - [a-z]\)",
    r"\\t?frac\{1\}\{(n|\\mathrm\{len\}\(o\)|\\text\{len\}\(o\))\}",
    r"\b1 ?/ ?len\(o\)", r"\\t?frac\{2\}\{n\}", r"\(1,\)", r"nr_correct = 0\b",
    r"\) ?\*\* ?2\b", r"\)\^\{?2\}?", r"[<>=] 0(?![\d.,])", r"max\(0, ",
    r"\(0, 0\)", r"_\{?[0-9]\}?(?![\d.])", r"--first \d",
)


def _digits_left(text):
    for allowed in ALLOWED:
        text = re.sub(allowed, "", text)
    return re.findall(r"\d+(?:[.,]\d+)*", text)


def _strings(node):
    """The string constants a displayed expression is built from (not dict keys or call args)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node, node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                yield part, part.value
    elif isinstance(node, ast.BinOp):
        yield from _strings(node.left)
        yield from _strings(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body)
        yield from _strings(node.orelse)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            yield from _strings(element)


def _call_name(call):
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _every_string(tree):
    """Every string constant of ``tree`` except docstrings, f-string format specs and keys."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(
                node) is not None:
            skip.add(id(node.body[0].value))
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip.update(id(sub) for sub in ast.walk(node.format_spec))
        if isinstance(node, ast.Subscript):  # v["h0_text"]: a key, not text
            skip.add(id(node.slice))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in skip]


def find_typed_numbers(source, filename="<string>"):
    """Findings ``(file, line, text, digits)`` of hand-typed numbers in displayed text."""
    tree = ast.parse(source, filename)
    exprs = []
    if re.search(r"scenes/ch\d\d_\w+\.py$", filename.replace("\\", "/")):
        exprs += _every_string(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in TEXT_CALLS:
            exprs += list(node.args) + [k.value for k in node.keywords]
        if isinstance(node, ast.FunctionDef) and node.name == "narration":
            for sub in ast.walk(node):
                if isinstance(sub, (ast.Return, ast.Assign)) and sub.value is not None:
                    exprs.append(sub.value)
        if isinstance(node, ast.FunctionDef) and node.name == "values":
            for sub in ast.walk(node):
                if isinstance(sub, ast.Dict):
                    exprs += list(sub.values)
    if "/values/" in filename.replace("\\", "/"):
        for node in tree.body:
            if isinstance(node, ast.Assign):
                exprs.append(node.value)
    findings = []
    for expr in exprs:
        for const, text in _strings(expr):
            digits = _digits_left(text)
            if digits:
                findings.append((filename, const.lineno, text, digits))
    return sorted({(f, n, t, tuple(d)) for f, n, t, d in findings})


def scene_files():
    return (sorted(SCENES.glob("*.py")) + sorted((SCENES / "kit").glob("*.py"))
            + sorted((SCENES / "values").glob("*.py")))


def test_scenes_have_no_hand_typed_numbers_in_displayed_text():
    files = scene_files()
    assert len(files) > 5, "the scenes folder should hold the chapters"
    findings = []
    for path in files:
        findings += find_typed_numbers(path.read_text(encoding="utf-8"), str(path))
    report = "\n".join(f"{Path(f).relative_to(SCENES.parent)}:{n}: {t!r} has {list(d)}"
                       for f, n, t, d in findings)
    assert not findings, ("numbers typed by hand into displayed text; take them from the "
                          "trace through the chapter's values():\n" + report)


PLANTED = '''
from manim import Text, MathTex
from scenes.kit.text import label

def values(trace):
    return {"caption": "after 3 epochs", "acc": trace["x"], "key2": 5}

def narration(v):
    tail = "It reaches 91.3% in the end."
    return [("a", f"There are {v['n']} images and 784 pixels."), ("b", tail)]

FORMULAS = [r"\\sigma(x) = \\frac{1}{1 + e^{-x}}", r"w \\in \\mathbb{R}^{20 \\times 784}"]

def construct(self, v):
    self.add(Text("Accuracy 88.6%"), MathTex(r"\\frac{1}{1 + e^{-x}}"),
             label(f"{v['w1']} weights, seed 0"), Text(f"{v['n']:,d} images"))
'''


def test_the_checker_catches_planted_numbers_and_allows_formula_constants():
    found = find_typed_numbers(PLANTED, "scenes/values/planted.py")
    texts = {t for _, _, t, _ in found}
    assert "Accuracy 88.6%" in texts
    assert "after 3 epochs" in texts
    assert "It reaches 91.3% in the end." in texts
    assert " images and 784 pixels." in texts
    assert " weights, seed 0" in texts
    assert r"w \in \mathbb{R}^{20 \times 784}" in texts
    # the sigmoid's 1s are formula constants; dict keys, format specs and subscripts are not text
    assert all("frac{1}" not in t for t in texts)
    assert all("w1" not in t and ",d" not in t for t in texts)
    assert len(found) == 6


@pytest.mark.parametrize("text, bad", [("epoch 3", True), ("(1,)", False),
                                       ("h * (1 - h)", False), ("lr = 0.01", True),
                                       ("no digits here", False), ("w_1 x + w_2 y + b = 0", False),
                                       ("b = 0.54", True), ("weight > 0", False),
                                       (r"\\frac{1}{1 + e^{-x}}", False),
                                       (r"\\frac{3}{1 + e^{-x}}", True)])
def test_allowed_constants_are_exact(text, bad):
    assert bool(_digits_left(text)) is bad


def test_in_a_chapter_file_every_string_counts_but_docstrings_and_format_specs_do_not():
    source = ('"""Chapter 99: 3 beats."""\n'
              'caption = "after 3 epochs"\n'
              'shown = f"{v:.3f} and {n:>4}"\n'
              'key = v["h0_text"]\n')
    found = find_typed_numbers(source, "scenes/ch99_planted.py")
    assert [t for _, _, t, _ in found] == ["after 3 epochs"]
    assert find_typed_numbers(source, "scenes/helpers.py") == []
