"""The review page: checks of the HTML it writes, then the page itself in headless Chromium."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aligner.model import Bitext, Disagreement, Document, Link, Sentence, StructuralAlignment, Unit, UnitPair
from aligner.writers import review as review_module
from aligner.writers.review import csp_hash, embed_json, review_data, write_review

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMAGE = '<img src=x onerror="window.__pwned=1">'
HOSTILE_COMMENT = "<!-- </script><script>window.__pwned=1</script> -->"


# --- a Bitext to review ----------------------------------------------------------------------


def _confidence(number: int) -> float:
    """A spread of confidences over [0, 1) that is the same on every run."""
    return round((number * 37 % 100) / 100, 2)


def _kind(number: int) -> tuple[int, int]:
    if number % 11 == 5:
        return 1, 0
    if number % 13 == 6:
        return 0, 1
    return (1, 2) if number % 7 == 3 else (1, 1)


def make_bitext(count: int = 60, *, per_unit: int = 3) -> Bitext:
    """``count`` links, ``per_unit`` to a unit, some 1-2, 1-0 and 0-1, hostile text in a few,
    a unit pair without links and disagreements at a unit, under one, and document-wide."""
    source: list[Sentence] = []
    target: list[Sentence] = []
    links: list[Link] = []
    hostile = (HOSTILE_SCRIPT, HOSTILE_IMAGE, HOSTILE_COMMENT)
    for number in range(count):
        key = f"res:I/op:{number // per_unit + 1}"
        sources, targets = _kind(number)
        first_source, first_target = len(source), len(target)
        for i in range(sources):
            text = hostile[number] if number < len(hostile) else f"Phrase source {number}.{i}"
            source.append(Sentence(text, key, len(source)))
        for i in range(targets):
            target.append(Sentence(f"Target sentence {number}.{i} & <b>bold</b>", key, len(target)))
        links.append(
            Link(
                tuple(range(first_source, len(source))),
                tuple(range(first_target, len(target))),
                _confidence(number),
                key,
            )
        )
    return Bitext("fr", "en", source, target, links, _structure(links), "fr.txt", "en.txt", "A/74/400")


def _structure(links: list[Link]) -> StructuralAlignment:
    keys = list(dict.fromkeys(link.unit for link in links))
    keys.insert(2, "res:I/op:unlinked")
    pairs = [UnitPair([Unit(key, "operative", "x")], [Unit(key, "operative", "x")]) for key in keys]
    disagreements = [
        Disagreement("renumbered", keys[1], "numbered 2 in French, 3 in English " + HOSTILE_IMAGE),
        Disagreement("missing", "res:I/op:unlinked", "no English paragraph"),
        Disagreement("footnote-count", f"{keys[4]}/fn:1", "1 footnote in French, 2 in English"),
        Disagreement("symbol", "", "A/74/400 in French, A/74/401 in English"),
    ]
    document = Document("x", "fr", "text", [])
    return StructuralAlignment(document, document, pairs, disagreements)


@pytest.fixture(scope="module")
def bitext() -> Bitext:
    return make_bitext()


@pytest.fixture(scope="module")
def page_path(bitext: Bitext, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.html"
    write_review(bitext, path, title=f"Review {HOSTILE_SCRIPT}")
    return path


@pytest.fixture(scope="module")
def page(page_path: Path) -> str:
    return page_path.read_text(encoding="utf-8")


def blob(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S)
    assert match, "no JSON data element"
    return json.loads(match.group(1))


# --- the HTML, without a browser ------------------------------------------------------------


def test_page_loads_nothing_from_outside(page: str) -> None:
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<(?:link|iframe|object|embed|base|img)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_json_blob_parses_and_keeps_the_text(page: str, bitext: Bitext) -> None:
    data = blob(page)
    assert len(data["links"]) == len(bitext.links)
    assert data["links"][0]["s"] == [HOSTILE_SCRIPT]
    assert data["links"][2]["s"] == [HOSTILE_COMMENT]
    assert data["meta"]["threshold"] == 0.9
    assert data["meta"]["symbol"] == "A/74/400"
    assert {link["k"] for link in data["links"]} == {"1-1", "1-2", "1-0", "0-1"}


def test_hostile_text_cannot_leave_the_data(page: str) -> None:
    lowered = page.lower()
    assert lowered.count("</script") == 2  # the data element and the page script
    assert lowered.count("<script") == 2
    assert "<!--" not in page
    for text in (HOSTILE_SCRIPT, HOSTILE_IMAGE, "<b>bold</b>"):
        assert text not in page
    assert "<title>Review &lt;script&gt;" in page


def test_embedded_json_escapes_markup() -> None:
    text = embed_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_content_security_policy_allows_only_the_inline_code(page: str) -> None:
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "default-src 'none'" in policy
    assert f"script-src {csp_hash(script)}" in policy
    assert f"style-src {csp_hash(style)}" in policy
    assert "unsafe" not in policy and "http" not in policy


def test_units_keep_reading_order_and_disagreements_find_their_unit(bitext: Bitext) -> None:
    data = review_data(bitext)
    keys = [unit["key"] for unit in data["units"]]
    assert keys[:4] == ["res:I/op:1", "res:I/op:2", "res:I/op:unlinked", "res:I/op:3"]
    assert data["units"][2]["links"] == []
    at = {item["kind"]: item["unit"] for item in data["disagreements"]}
    assert keys[at["renumbered"]] == "res:I/op:2"
    assert keys[at["missing"]] == "res:I/op:unlinked"
    assert keys[at["footnote-count"]] == "res:I/op:4"  # under its ancestor
    assert at["symbol"] == -1  # document-wide: only in the summary
    assert all(
        data["units"][link["u"]]["key"] == bitext.links[i].unit for i, link in enumerate(data["links"])
    )


def test_a_bitext_without_structure_or_text_still_renders(tmp_path: Path) -> None:
    links = [
        Link((0,), (), float("nan"), "", source_text="orphan"),
        Link((), (5,), 1.7, "p:1", target_text="t"),
    ]
    path = tmp_path / "bare.html"
    write_review(Bitext("fr", "en", [], [], links), path)
    data = blob(path.read_text(encoding="utf-8"))
    assert [link["c"] for link in data["links"]] == [0.0, 1.0]
    assert data["links"][0]["s"] == ["orphan"] and data["links"][1]["t"] == ["t"]
    assert data["disagreements"] == [] and data["meta"]["structured"] is False


def test_threshold_must_be_a_probability(tmp_path: Path, bitext: Bitext) -> None:
    with pytest.raises(ValueError):
        write_review(bitext, tmp_path / "x.html", threshold=1.5)
    assert not (tmp_path / "x.html").exists()


def test_page_is_written_atomically(tmp_path: Path, bitext: Bitext, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.html"
    path.write_text("old", encoding="utf-8")

    def broken(data: dict) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(review_module, "render_page", broken)
    with pytest.raises(RuntimeError):
        write_review(bitext, path)
    assert path.read_text(encoding="utf-8") == "old"
    monkeypatch.undo()
    write_review(bitext, path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [item.name for item in tmp_path.iterdir()] == ["review.html"]


# --- the command -----------------------------------------------------------------------------


def _load(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _command_group() -> click.Group:
    """A group with only ``review`` in it. The module is loaded from its file: the package's
    ``__init__`` imports every command module, and those of other commands need the pipeline."""
    group = click.Group("aligner")
    _load("aligner.cli.review", REPO / "aligner" / "cli" / "review.py").register(group)
    return group


def test_review_command_writes_the_page(
    tmp_path: Path, bitext: Bitext, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    pipeline = types.ModuleType("aligner.pipeline")
    pipeline.align_files = lambda source, target: calls.append((source, target)) or bitext
    monkeypatch.setitem(sys.modules, "aligner.pipeline", pipeline)
    (tmp_path / "fr.txt").write_text("Bonjour.", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Hello.", encoding="utf-8")
    output = tmp_path / "out" / "review.html"
    arguments = [
        "review",
        str(tmp_path / "fr.txt"),
        str(tmp_path / "en.txt"),
        "-o",
        str(output),
        "--threshold",
        "0.5",
    ]
    result = CliRunner().invoke(_command_group(), arguments)
    assert result.exit_code == 0, result.output
    assert calls == [(tmp_path / "fr.txt", tmp_path / "en.txt")]
    assert blob(output.read_text(encoding="utf-8"))["meta"]["threshold"] == 0.5
    below = sum(link.confidence < 0.5 for link in bitext.links)
    assert f"{len(bitext.links)} links, {below} below 0.5" in result.output


def test_review_command_without_the_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aligner.pipeline", None)  # importing it now fails
    (tmp_path / "fr.txt").write_text("Bonjour.", encoding="utf-8")
    arguments = ["review", str(tmp_path / "fr.txt"), str(tmp_path / "fr.txt"), "-o", str(tmp_path / "r.html")]
    result = CliRunner().invoke(_command_group(), arguments)
    assert result.exit_code != 0
    assert "pipeline" in str(result.exception)
    assert not (tmp_path / "r.html").exists()


# --- the page in headless Chromium -----------------------------------------------------------


def _screenshot_script() -> types.ModuleType:
    """scripts/review_screenshot.py, which holds the small DevTools driver these tests use."""
    return _load("review_screenshot", REPO / "scripts" / "review_screenshot.py")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: the browser tests need Debian's chromium package")
    with _screenshot_script().Chromium(width=1280, height=800) as chromium:
        yield chromium


@pytest.fixture()
def loaded(browser, page_path: Path):
    browser.open(page_path.as_uri())
    assert browser.evaluate("document.documentElement.dataset.ready") == "1"
    return browser


VISIBLE_ROWS = "[...document.querySelectorAll('.link')].filter((row) => row.checkVisibility()).length"
CURRENT = (
    "document.querySelector('.link.current') && Number(document.querySelector('.link.current').dataset.link)"
)
IN_VIEW = """(() => { const r = document.querySelector('.link.current').getBoundingClientRect();
  const top = document.querySelector('.toolbar').getBoundingClientRect().bottom;
  return r.top >= top - 1 && r.bottom <= window.innerHeight + 1; })()"""


def _set_threshold(browser, value: float) -> None:
    browser.evaluate(
        f"(() => {{ const input = document.getElementById('threshold'); input.value = '{value}';"
        " input.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )


def test_browser_renders_every_unit_and_link(loaded, bitext: Bitext) -> None:
    data = review_data(bitext)
    assert loaded.evaluate("document.querySelectorAll('section.unit').length") == len(data["units"])
    assert loaded.evaluate("document.querySelectorAll('.link').length") == len(bitext.links)
    assert loaded.evaluate("document.querySelectorAll('.link.gap').length") == sum(
        not link.source or not link.target for link in bitext.links
    )
    assert loaded.evaluate("document.querySelectorAll('#disagreements li').length") == 4
    missing = loaded.evaluate(
        "[...document.querySelectorAll('.side.missing')].map((cell) => cell.textContent)"
    )
    assert set(missing) == {"No French sentence", "No English sentence"}
    assert loaded.errors() == []


def test_browser_filter_shows_the_links_under_the_threshold(loaded, bitext: Bitext) -> None:
    def under(value: float) -> int:
        return sum(link.confidence < value for link in bitext.links)

    assert loaded.evaluate(VISIBLE_ROWS) == under(0.9)
    _set_threshold(loaded, 0.35)
    assert loaded.evaluate(VISIBLE_ROWS) == under(0.35)
    counter = loaded.evaluate("document.getElementById('counter').textContent")
    assert counter == f"Showing {under(0.35)} of {len(bitext.links)} links"
    assert loaded.evaluate("document.getElementById('threshold-range').value") == "0.35"
    loaded.evaluate("document.getElementById('filter-on').click()")
    assert loaded.evaluate(VISIBLE_ROWS) == len(bitext.links)
    assert loaded.errors() == []


def test_browser_keyboard_moves_the_highlight(loaded, bitext: Bitext) -> None:
    shown = [i for i, link in enumerate(bitext.links) if link.confidence < 0.9]
    loaded.press("j")
    assert loaded.evaluate(CURRENT) == shown[0]
    loaded.press("j")
    loaded.press("ArrowDown")
    assert loaded.evaluate(CURRENT) == shown[2]
    loaded.press("k")
    assert loaded.evaluate(CURRENT) == shown[1]
    for _ in range(25):
        loaded.press("j")
    assert loaded.evaluate(CURRENT) == shown[26]
    assert loaded.evaluate(IN_VIEW)
    loaded.press("ArrowUp")
    assert loaded.evaluate(CURRENT) == shown[25]
    assert loaded.evaluate(IN_VIEW)
    assert loaded.evaluate("document.querySelectorAll('.link.current').length") == 1
    assert loaded.errors() == []


def test_browser_keyboard_jumps_between_disagreements(loaded, bitext: Bitext) -> None:
    data = review_data(bitext)
    flagged = sorted({item["unit"] for item in data["disagreements"] if item["unit"] >= 0})
    current_unit = "document.querySelector('.unit.current-unit').id"
    loaded.press("n")
    assert loaded.evaluate(current_unit) == f"u{flagged[0]}"
    loaded.press("n")
    loaded.press("n")
    assert loaded.evaluate(current_unit) == f"u{flagged[2]}"
    loaded.press("p")
    assert loaded.evaluate(current_unit) == f"u{flagged[1]}"
    assert loaded.evaluate(
        "document.querySelector('.unit.current-unit').getBoundingClientRect().top < window.innerHeight"
    )
    loaded.evaluate("document.querySelectorAll('#disagreements a')[2].click()")  # the summary's jump links
    assert loaded.evaluate(current_unit) == f"u{data['disagreements'][2]['unit']}"
    loaded.press("p")
    assert loaded.evaluate(current_unit) == f"u{flagged[1]}"
    loaded.press("/")
    assert loaded.evaluate("document.activeElement.id") == "threshold"
    loaded.press("j")  # typed into the filter, not a navigation
    assert loaded.evaluate(current_unit) == f"u{flagged[1]}"
    loaded.press("Escape")
    assert loaded.evaluate("document.activeElement === document.body")
    assert loaded.errors() == []


def test_browser_runs_no_script_from_the_data(loaded) -> None:
    assert loaded.evaluate("typeof window.__pwned") == "undefined"
    assert loaded.evaluate("document.scripts.length") == 2
    assert loaded.evaluate("document.querySelectorAll('img, iframe').length") == 0
    assert not loaded.evaluate("[...document.querySelectorAll('b')].some((b) => b.textContent === 'bold')")
    text = loaded.evaluate("document.body.innerText")
    for hostile in (HOSTILE_SCRIPT, HOSTILE_IMAGE, HOSTILE_COMMENT, "<b>bold</b>"):
        assert hostile in text
    assert loaded.evaluate("document.title") == f"Review {HOSTILE_SCRIPT}"
    assert loaded.errors() == []


def test_browser_renders_a_long_review_quickly(browser, tmp_path: Path) -> None:
    path = tmp_path / "long.html"
    write_review(make_bitext(1500, per_unit=4), path)
    browser.open(path.as_uri())
    assert browser.evaluate("document.querySelectorAll('.link').length") == 1500
    render_ms = float(browser.evaluate("document.documentElement.dataset.renderMs"))
    assert render_ms < 1000, f"rendering 1,500 links took {render_ms} ms"
    browser.press("j")
    assert browser.evaluate(CURRENT) is not None
    assert browser.errors() == []


def test_screenshot_script_builds_a_bitext_from_the_gold_beads(corpora: Path) -> None:
    script = _screenshot_script()
    bitext = script.gold_bitext(corpora / "un-a74400")
    kinds = [link.kind for link in bitext.links]
    assert len(kinds) == 613 and kinds.count("1-2") == 34 and kinds.count("1-0") == 1
    assert any(link.unit.startswith("res:") for link in bitext.links)
    assert all(0.0 <= link.confidence <= 1.0 for link in bitext.links)
