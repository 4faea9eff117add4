"""The review page: the HTML it writes, the command, then the editor in headless Chromium
(Playwright on Debian's chromium): corrections, saved work, export, and back to a memory."""

from __future__ import annotations

import importlib.util
import json
import re
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from tmx_support import assert_valid_tmx, load_tmx_dtd

from aligner.cli import cli
from aligner.links import Links, LinksMeta, read_links
from aligner.memories import read_memory
from aligner.model import Bitext, Disagreement, Link, SegmentPair
from aligner.profiles import ENGLISH, FRENCH
from aligner.writers import review as review_module
from aligner.writers.jsonl import write_jsonl
from aligner.writers.review import csp_hash, doubt, embed_json, review_data, write_review

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample"

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMAGE = '<img src=x onerror="window.__pwned=1">'
HOSTILE_COMMENT = "<!-- </script><script>window.__pwned=1</script> -->"
DOCUMENT = "TEST/1"


# --- an alignment to review (our own sentences) ------------------------------------------------


def _link(
    key: str, ordinal: int, source: tuple[str, ...], target: tuple[str, ...], confidence: float
) -> SegmentPair:
    return SegmentPair(
        " ".join(source),
        " ".join(target),
        key=key,
        tuid=f"{DOCUMENT}:{key}:{ordinal}",
        document=DOCUMENT,
        confidence=confidence,
        kind=f"{len(source)}-{len(target)}",
        source_sentences=source,
        target_sentences=target,
    )


def small_alignment() -> Links:
    """Twelve links: two gaps, three links below 0.9 (one of them a 2-2), hostile text, a
    disagreement at p:6 and a document-wide one."""
    pairs = [
        _link("p:1", 1, ("Le Conseil se réunit.",), ("The Council meets.",), 0.98),
        _link("p:1", 2, ("Il adopte l'ordre du jour.",), (), 0.95),
        _link("p:1", 3, (), ("It adopts the agenda.",), 0.93),
        _link(
            "p:2",
            1,
            ("Le rapport est présenté.", "Il est adopté."),
            ("The report is introduced.", "It is adopted."),
            0.62,
        ),
        _link("p:3", 1, ("Texte sans rapport.",), ("Unrelated text.",), 0.31),
        _link("p:4", 1, ("La séance est levée à 13 heures.",), ("The meeting rose at 1 p.m.",), 0.85),
        _link("p:5", 1, (HOSTILE_SCRIPT,), (HOSTILE_IMAGE,), 0.99),
        _link("p:6", 1, (HOSTILE_COMMENT,), ("Target & <b>bold</b>",), 0.97),
    ]
    pairs += [
        _link(f"p:{n}", 1, (f"Phrase numéro {n} du texte.",), (f"Sentence number {n} of the text.",), 0.99)
        for n in range(7, 11)
    ]
    pairs[3].source_label = pairs[3].target_label = "2."  # the printed number of paragraph 2
    meta = LinksMeta(
        source_lang="fr",
        target_lang="en",
        symbol=DOCUMENT,
        document=DOCUMENT,
        source_file="fr.txt",
        target_file="en.txt",
        disagreements=[
            Disagreement("renumbered", "p:6", "numbered 6 in French, 7 in English " + HOSTILE_IMAGE),
            Disagreement("symbol", "", "TEST/1 in French, TEST/2 in English"),
        ],
    )
    return Links(meta, pairs)


# The queue: gaps first (least sure first), then links below 0.9, then the disagreement's.
QUEUE = ["p:1:3", "p:1:2", "p:3:1", "p:2:1", "p:4:1", "p:6:1"]


@pytest.fixture()
def links_file(tmp_path: Path) -> Path:
    path = tmp_path / "links.jsonl"
    alignment = small_alignment()
    write_jsonl(alignment.pairs, path, meta=alignment.meta)
    return path


@pytest.fixture()
def page_path(links_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "review.html"
    result = CliRunner().invoke(
        cli, ["review", "--links", str(links_file), "-o", str(path), "--title", f"Review {HOSTILE_SCRIPT}"]
    )
    assert result.exit_code == 0, result.output
    return path


def blob(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S)
    assert match, "no JSON data element"
    return json.loads(match.group(1))


# --- the HTML, without a browser ------------------------------------------------------------


def test_page_loads_nothing_from_outside(page_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<(?:link|iframe|object|embed|base|img)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_json_blob_keeps_the_links_and_their_sentences(page_path: Path) -> None:
    data = blob(page_path.read_text(encoding="utf-8"))
    links = data["links"]
    assert len(links) == 12
    assert links[3]["s"] == ["Le rapport est présenté.", "Il est adopté."]
    assert links[1]["t"] == [] and links[2]["s"] == []
    assert links[6]["s"] == [HOSTILE_SCRIPT] and links[7]["s"] == [HOSTILE_COMMENT]
    assert [link["u"] for link in links[:3]] == ["TEST/1:p:1:1", "TEST/1:p:1:2", "TEST/1:p:1:3"]
    assert data["meta"]["threshold"] == 0.9 and data["meta"]["document"] == DOCUMENT
    assert re.fullmatch(r"[0-9a-f]{20}", data["meta"]["doc_id"])
    located = {item["kind"]: (item["keys"], item["at"]) for item in data["disagreements"]}
    assert located == {"renumbered": (["p:6"], "p:6"), "symbol": ([], "")}


def test_hostile_text_cannot_leave_the_data(page_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
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


def test_content_security_policy_allows_only_the_inline_code(page_path: Path) -> None:
    page = page_path.read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "default-src 'none'" in policy
    assert f"script-src {csp_hash(script)}" in policy
    assert f"style-src {csp_hash(style)}" in policy
    assert "unsafe" not in policy and "http" not in policy


def test_doubt_names_gaps_low_links_and_disagreements() -> None:
    alignment = small_alignment()
    reasons = [doubt(pair, 0.9, {"p:6"}) for pair in alignment.pairs]
    assert reasons[:8] == [[], ["gap"], ["gap"], ["low"], ["low"], ["low"], [], ["disagreement"]]


def test_document_id_changes_with_the_alignment() -> None:
    alignment = small_alignment()
    first = review_data(alignment)["meta"]["doc_id"]
    assert review_data(small_alignment())["meta"]["doc_id"] == first
    alignment.pairs[0].status = "approved"
    assert review_data(alignment)["meta"]["doc_id"] != first


def test_a_bitext_without_structure_or_text_still_renders(tmp_path: Path) -> None:
    links = [
        Link((0,), (), float("nan"), "", source_text="orphan"),
        Link((), (5,), 1.7, "p:1", target_text="t"),
    ]
    path = tmp_path / "bare.html"
    write_review(Bitext(FRENCH, ENGLISH, [], [], links), path)
    data = blob(path.read_text(encoding="utf-8"))
    assert [link["c"] for link in data["links"]] == [0.0, 1.0]
    assert data["links"][0]["s"] == ["orphan"] and data["links"][1]["t"] == ["t"]
    assert data["disagreements"] == []


def test_threshold_must_be_a_probability(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_review(small_alignment(), tmp_path / "x.html", threshold=1.5)
    assert not (tmp_path / "x.html").exists()


def test_page_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.html"
    path.write_text("old", encoding="utf-8")

    def broken(data: dict) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(review_module, "render_page", broken)
    with pytest.raises(RuntimeError):
        write_review(small_alignment(), path)
    assert path.read_text(encoding="utf-8") == "old"
    monkeypatch.undo()
    write_review(small_alignment(), path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [item.name for item in tmp_path.iterdir()] == ["review.html"]


# --- the command -----------------------------------------------------------------------------


def test_review_aligns_two_files(tmp_path: Path) -> None:
    output = tmp_path / "out" / "review.html"
    arguments = [
        "review",
        str(SAMPLE / "fr.txt"),
        str(SAMPLE / "en.txt"),
        "-o",
        str(output),
        "--threshold",
        "0.5",
    ]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    data = blob(output.read_text(encoding="utf-8"))
    assert data["meta"]["threshold"] == 0.5 and data["meta"]["source_file"] == "fr.txt"
    assert f"{len(data['links'])} links, " in result.output and "doubtful listed first" in result.output


def test_review_reopens_a_links_file(page_path: Path) -> None:
    assert len(blob(page_path.read_text(encoding="utf-8"))["links"]) == 12


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "give SOURCE and TARGET"),
        (["--links", "LINKS", "SOURCE"], "not both"),
        (["--links", "missing.jsonl"], "no such file"),
    ],
)
def test_review_refuses_unclear_requests(
    tmp_path: Path, links_file: Path, arguments: list[str], message: str
) -> None:
    arguments = [
        {"LINKS": str(links_file), "SOURCE": str(SAMPLE / "fr.txt")}.get(
            a, a if a.startswith("-") else str(tmp_path / a)
        )
        for a in arguments
    ]
    result = CliRunner().invoke(cli, ["review", *arguments, "-o", str(tmp_path / "r.html")])
    assert result.exit_code != 0 and message in result.output
    assert not (tmp_path / "r.html").exists()


# --- the page in headless Chromium -----------------------------------------------------------


def _browser_helpers() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("review_browser", REPO / "scripts" / "review_browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helpers = _browser_helpers()


@pytest.fixture(scope="module")
def browser():
    reason = helpers.chromium_available()
    if reason:
        pytest.skip(reason)
    with helpers.launch_chromium() as chromium:
        yield chromium


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


class Page:
    """One review page in the browser, driven with the keyboard (and the mouse where said)."""

    def __init__(self, context, path: Path) -> None:
        self.page = context.new_page()
        self.errors = helpers.console_errors(self.page)
        self.page.goto(path.as_uri())
        helpers.wait_ready(self.page)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def key(self, *keys: str) -> None:
        for key in keys:
            helpers.press_and_wait(self.page, key)

    def go_to(self, wanted: str) -> None:
        self.key("g")
        self.page.keyboard.type(wanted)
        self.key("Enter")
        assert self.current() == f"{DOCUMENT}:{wanted}" or wanted in self.current()

    def current(self) -> str | None:
        return self.js("document.querySelector('.row.current')?.dataset.tuid ?? null")

    def rows(self) -> list[str]:
        """The tuids of the rows in the page, top to bottom."""
        return self.js(
            "[...document.querySelectorAll('.row')].sort((a, b) => a.getBoundingClientRect().top"
            " - b.getBoundingClientRect().top).map((row) => row.dataset.tuid)"
        )

    def text(self, selector: str) -> str:
        return self.js(f"document.querySelector({json.dumps(selector)}).textContent")

    def reload(self) -> None:
        """Reload once the page says its work is saved (as a reviewer would see it)."""
        helpers.wait_for(self.page, "document.documentElement.dataset.saved === 'done'")
        self.page.reload()
        helpers.wait_ready(self.page)

    def export(self, folder: Path) -> Path:
        with self.page.expect_download() as download:
            self.page.click("#export")
        path = folder / download.value.suggested_filename
        download.value.save_as(path)
        return path


def short(tuids: list[str]) -> list[str]:
    return [tuid.removeprefix(f"{DOCUMENT}:") for tuid in tuids]


def test_browser_lists_doubtful_links_first(context, page_path: Path) -> None:
    page = Page(context, page_path)
    assert short(page.rows()) == QUEUE  # every doubtful link, most doubtful first
    assert page.text("#progress") == "0 of 6 reviewed"
    assert page.text("#view-queue") == "Doubtful first (6)" and page.text("#view-all") == "All links (12)"
    assert page.js("document.querySelectorAll('.row.gap').length") == 2
    page.key("v")
    assert len(page.rows()) == 12 and short(page.rows())[:2] == ["p:1:1", "p:1:2"]
    page.key("v", "j")
    assert short([page.current()]) == ["p:1:3"]
    page.key("j", "j")
    assert short([page.current()]) == ["p:3:1"]
    page.key("k")
    assert short([page.current()]) == ["p:1:2"]
    context_text = page.js(
        "[...document.querySelectorAll('.row.current .context')].map((c) => c.textContent)"
    )
    assert "Le Conseil se réunit." in context_text[0] and "It adopts the agenda." in context_text[1]
    assert page.errors == []


def test_browser_threshold_and_disagreements(context, page_path: Path) -> None:
    page = Page(context, page_path)
    page.key("/")
    page.page.keyboard.press("Control+a")
    page.page.keyboard.type("0.5")
    page.key("Enter")
    assert short(page.rows()) == ["p:1:3", "p:1:2", "p:3:1", "p:6:1"]
    page.key("n")
    assert short([page.current()]) == ["p:6:1"]
    assert "renumbered at p:6" in page.text("#message")
    page.reload()  # the threshold is part of the saved work
    assert page.js("document.getElementById('threshold').value") == "0.5"
    assert page.errors == []


def test_browser_round_trip_to_a_memory(context, page_path: Path, tmp_path: Path) -> None:
    """Merge two links, split one, reject one, edit one, reload, export; then aligner export
    writes a TMX holding exactly those changes."""
    page = Page(context, page_path)
    page.key("v")
    page.go_to("p:1:2")
    page.key("m")  # the 1-0 and the 0-1 become one 1-1
    page.go_to("p:2:1")
    page.key("s")
    assert page.js("document.querySelectorAll('.row.current .slot.cut').length") == 2
    page.key("Enter")  # after the first sentence of each side
    page.go_to("p:3:1")
    page.key("r")
    page.go_to("p:4:1")
    page.key("e")
    assert page.js("document.activeElement.tagName") == "TEXTAREA"
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Control+a")
    page.page.keyboard.type("The meeting rose at 1 p.m.\nIt was the last one.")
    page.key("Control+Enter")
    assert page.text("#progress") == "5 of 6 reviewed"
    page.reload()
    assert page.text("#progress") == "5 of 6 reviewed"
    assert "Restored 4 changes" in page.text("#message")
    exported = page.export(tmp_path)
    assert exported.name == "TEST_1.links.jsonl"
    assert page.errors == []

    links = read_links(exported)
    statuses = [(pair.tuid.removeprefix(f"{DOCUMENT}:"), pair.status, pair.kind) for pair in links.pairs[:7]]
    assert statuses == [
        ("p:1:1", "", "1-1"),
        ("p:1:2", "edited", "1-1"),
        ("p:2:1", "edited", "1-1"),
        ("p:2:1.2", "edited", "1-1"),
        ("p:3:1", "rejected", "1-1"),
        ("p:4:1", "edited", "1-2"),
        ("p:5:1", "", "1-1"),
    ]
    assert [(pair.source_label, pair.target_label) for pair in links.pairs[2:4]] == [("2.", "2."), ("", "")]
    memory = tmp_path / "memory.tmx"
    result = CliRunner().invoke(cli, ["export", str(exported), "-o", str(memory), "--labels", "keep"])
    assert result.exit_code == 0, result.output
    assert_valid_tmx(memory, load_tmx_dtd())
    expected = [(pair.tuid, pair.source, pair.target) for pair in small_alignment().pairs]
    expected[1:3] = [(f"{DOCUMENT}:p:1:2", "Il adopte l'ordre du jour.", "It adopts the agenda.")]
    expected[2:3] = [
        (f"{DOCUMENT}:p:2:1", "Le rapport est présenté.", "The report is introduced."),
        (f"{DOCUMENT}:p:2:1.2", "Il est adopté.", "It is adopted."),
    ]
    del expected[4]  # rejected
    expected[4] = (
        f"{DOCUMENT}:p:4:1",
        "La séance est levée à 13 heures.",
        "The meeting rose at 1 p.m. It was the last one.",
    )
    assert [(pair.tuid, pair.source, pair.target) for pair in read_memory(memory)] == expected
    store = pytest.importorskip("translate.storage.tmx").tmxfile.parsefile(str(memory))
    assert [(unit.getid(), unit.source, unit.target) for unit in store.units] == expected


def test_browser_moves_sentences_undoes_and_redoes_with_the_mouse(context, page_path: Path) -> None:
    page = Page(context, page_path)
    page.key("v")
    page.page.click('.row[data-tuid="TEST/1:p:2:1"] .side.target')  # select, target side active
    assert page.current() == "TEST/1:p:2:1"
    page.page.click("button[title^='Move the last sentence']")
    moved = page.js("[...document.querySelectorAll('.row')].map((r) => [r.dataset.tuid, r.textContent])")
    by_tuid = dict(moved)
    assert "It is adopted." not in by_tuid["TEST/1:p:2:1"] and "It is adopted." in by_tuid["TEST/1:p:3:1"]
    page.page.click("button[title^='Undo']")
    by_tuid = dict(
        page.js("[...document.querySelectorAll('.row')].map((r) => [r.dataset.tuid, r.textContent])")
    )
    assert "It is adopted." in by_tuid["TEST/1:p:2:1"] and "It is adopted." not in by_tuid["TEST/1:p:3:1"]
    page.key("U")  # redo
    page.key("Control+z")
    page.page.click('.row[data-tuid="TEST/1:p:2:1"]')
    page.page.click("button[title^='Split']")
    page.page.click('.row.current .side.source .slot[data-cut="2"]')  # all the French in the first part
    page.page.click('.row.current .side.target .slot[data-cut="1"]')
    page.key("Enter")
    kinds = page.js(
        "[...document.querySelectorAll('.row')]"
        ".map((row) => [row.dataset.tuid, row.querySelector('.kind').textContent])"
    )
    assert dict(kinds)["TEST/1:p:2:1"] == "2-1" and dict(kinds)["TEST/1:p:2:1.2"] == "0-1"
    assert page.errors == []


def test_browser_keeps_hostile_text_as_text_after_edits(context, page_path: Path, tmp_path: Path) -> None:
    page = Page(context, page_path)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.title") == f"Review {HOSTILE_SCRIPT}"
    page.key("v")
    page.go_to("p:7:1")
    page.key("e")
    page.page.keyboard.press("Control+a")
    page.page.keyboard.type(f"{HOSTILE_SCRIPT}\n{HOSTILE_COMMENT}")
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Control+a")
    page.page.keyboard.type(f"{HOSTILE_IMAGE} & <b>bold</b>")
    page.key("Control+Enter")
    page.go_to("p:6:1")  # shows the edited link as context too
    page.reload()
    page.key("v")
    page.go_to("p:7:1")
    text = page.js("document.body.innerText")
    for hostile in (HOSTILE_SCRIPT, HOSTILE_IMAGE, HOSTILE_COMMENT, "<b>bold</b>"):
        assert hostile in text
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.scripts.length") == 2
    assert page.js("document.querySelectorAll('img, iframe, b').length") == 0
    exported = page.export(tmp_path)
    edited = read_links(exported).pairs[8]
    assert edited.source_sentences == (HOSTILE_SCRIPT, HOSTILE_COMMENT) and edited.status == "edited"
    assert edited.target == f"{HOSTILE_IMAGE} & <b>bold</b>"
    assert page.errors == []

    reopened = tmp_path / "reopened.html"
    result = CliRunner().invoke(cli, ["review", "--links", str(exported), "-o", str(reopened)])
    assert result.exit_code == 0, result.output
    assert HOSTILE_SCRIPT not in reopened.read_text(encoding="utf-8")
    again = Page(context, reopened)
    again.key("v")
    again.go_to("p:7:1")
    assert HOSTILE_COMMENT in again.js("document.body.innerText")
    assert again.js("typeof window.__pwned") == "undefined" and again.errors == []


def test_browser_ignores_saved_work_that_does_not_fit(context, page_path: Path) -> None:
    page = Page(context, page_path)
    doc_id = blob(page_path.read_text(encoding="utf-8"))["meta"]["doc_id"]
    bogus = {
        "v": 1,
        "threshold": 0.9,
        "done": [{"at": 0, "before": [], "after": [{"s": 1}], "what": "x"}],
        "undone": [],
    }
    page.js(
        "new Promise((resolve) => { const request = indexedDB.open('aligner-review', 1);"
        " request.onsuccess = () => { const transaction = request.result.transaction('work', 'readwrite');"
        f" transaction.objectStore('work').put({json.dumps(bogus)}, 'aligner-review:{doc_id}');"
        " transaction.oncomplete = () => resolve(true); }; })"
    )
    page.reload()
    assert "no longer fits" in page.text("#message")
    assert len(page.rows()) == len(QUEUE) and page.errors == []


def test_browser_opens_a_long_alignment(context, tmp_path: Path) -> None:
    """10,000 links: timings are printed (scripts/bench_review.py measures them), not judged."""
    pairs = [
        _link(
            f"p:{n // 3 + 1}",
            n % 3 + 1,
            (f"Phrase {n} du document.",),
            (f"Sentence {n} of the document.",),
            (n * 37 % 100) / 100,
        )
        for n in range(10_000)
    ]
    alignment = Links(LinksMeta("fr", "en", document="LONG/1"), pairs)
    path = tmp_path / "long.html"
    write_review(alignment, path)
    page = Page(context, path)
    ready = float(page.js("document.documentElement.dataset.readyMs"))
    queued = sum(pair.confidence < 0.9 for pair in pairs)
    assert page.text("#view-queue") == f"Doubtful first ({queued:,})"
    assert page.js("document.querySelectorAll('.row').length") < 60  # only the rows in sight
    timings = {key: helpers.press_and_wait(page.page, key) for key in ("j", "a", "m", "u", "v", "j")}
    print(f"\n10,000 links: ready {ready:.0f} ms after navigation; actions (ms): {timings}")
    assert page.text("#progress") == f"1 of {queued:,} reviewed"
    assert page.errors == []


FIRST_SCREEN = """(() => {
  const list = document.getElementById('links').getBoundingClientRect();
  return [...document.querySelectorAll('.row')]
    .filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
    })
    .map((row) => row.dataset.tuid);
})()"""


def test_browser_first_screen_holds_every_damaged_link(context, un_pair, tmp_path: Path) -> None:
    """A/74/400 with one damage of every kind planted (aligner.damage, seeded): the default
    view lists every surfacing link, and the links holding the damage are all in its first
    screen (1280 x 900), before any scrolling."""
    from aligner.damage import damaged_links, plant_damages, surfacing_links
    from aligner.pipeline import align_documents, load_document

    clean = align_documents(load_document(un_pair[0]), load_document(un_pair[1]))
    damaged = plant_damages(clean, seed=0)
    bitext = align_documents(damaged.source, damaged.target)
    alignment = review_module.bitext_links(bitext)
    path = tmp_path / "damaged.html"
    write_review(alignment, path)
    page = Page(context, path)
    shown = surfacing_links(bitext)
    queued = int(page.text("#view-queue").split("(")[1].rstrip(")"))
    assert queued >= sum(shown)  # the page's doubt covers the benchmark's
    first_screen = set(page.js(FIRST_SCREEN))
    holding = sorted({number for links in damaged_links(bitext, damaged) for number in links})
    quiet = [number for number in holding if not shown[number]]
    assert not quiet, f"{len(quiet)} of {len(holding)} damaged links do not surface"
    assert {alignment.pairs[number].tuid for number in holding} <= first_screen
    assert page.errors == []


def test_browser_every_other_action_by_key(context, page_path: Path, tmp_path: Path) -> None:
    """Approve (and go on), merge with the previous link, move a sentence back with the other
    side active, split with the cut moved by keys, cancel, delete by emptying, export by key."""
    page = Page(context, page_path)
    page.key("j", "a")  # the first queued link approved, the next one current
    assert short([page.current()]) == ["p:1:2"] and page.text("#progress") == "1 of 6 reviewed"
    page.key("M")  # p:1:2 (1-0) merged into p:1:1
    page.key("v")
    page.go_to("p:2:1")
    page.key("t", "[")  # the first English sentence of p:2:1 moves to the previous link, p:1:3
    assert "The report is introduced." in page.js(
        "document.querySelector('.row[data-tuid=\"TEST/1:p:1:3\"]').textContent"
    )
    page.key("s", "Escape")
    assert page.js("document.querySelectorAll('.slot').length") == 0 and "Cancelled" in page.text("#message")
    page.key("s", "k", "t", "j")  # source cut 1 -> 0... then the target cut 0 -> 1
    cuts = page.js("[...document.querySelectorAll('.row.current .slot.cut')].map((slot) => slot.dataset.cut)")
    assert cuts == ["0", "1"]
    page.key("Enter")
    page.go_to("p:10:1")
    page.key("e")
    page.page.keyboard.press("Control+a")
    page.page.keyboard.press("Delete")
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Control+a")
    page.page.keyboard.press("Delete")
    page.key("Control+Enter")
    assert "Deleted TEST/1:p:10:1" in page.text("#message")
    with page.page.expect_download() as download:
        page.page.keyboard.press("x")
    exported = tmp_path / "by-key.jsonl"
    download.value.save_as(exported)
    pairs = read_links(exported).pairs
    summary = [(pair.tuid.removeprefix(f"{DOCUMENT}:"), pair.kind, pair.status) for pair in pairs]
    assert summary[:4] == [
        ("p:1:1", "2-1", "edited"),  # with the French of p:1:2
        ("p:1:3", "0-2", "edited"),  # approved, then given an English sentence
        ("p:2:1", "0-1", "edited"),  # split: no French, the English sentence left
        ("p:2:1.2", "2-0", "edited"),
    ]
    assert len(pairs) == 12 - 1 + 1 - 1 and "p:10:1" not in {pair.tuid.split(":", 1)[1] for pair in pairs}
    assert page.errors == []
