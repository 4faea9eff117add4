"""Check reports people read: every rendering of a varying text in full with the differing
words marked, findings grouped by check with counts and a filter, the files and the date
named; XLSX laid out for reading (widths, wrapping, frozen header, filters)."""

from __future__ import annotations

import csv
import importlib.util
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html

from aligner.checks import run_checks
from aligner.checks.differences import marked_words
from aligner.checks.report import write_report
from aligner.model import SegmentPair

REPO = Path(__file__).resolve().parents[1]
CREATED = datetime(2025, 11, 26, 9, 30, tzinfo=UTC)
# Two renderings that agree on their first 90 characters and differ in one word after them.
OPENING = (
    "Le Conseil économique et social recommande à l'Assemblée générale d'adopter le projet de résolution"
)
USUAL = OPENING + " suivant sans vote et de le transmettre."
OTHER = OPENING + " suivant sans débat et de le transmettre."
ENGLISH = "The Economic and Social Council recommends that the General Assembly adopt the draft resolution."


def varying_pairs() -> list[SegmentPair]:
    """One English segment that stands for two French ones (the same-target check)."""
    pairs = [SegmentPair(USUAL, ENGLISH, tuid=f"A/1:p:{n}:1", document="A/1") for n in (1, 2)]
    pairs.append(SegmentPair(OTHER, ENGLISH, tuid="A/1:p:3:1", document="A/1"))
    pairs.append(
        SegmentPair("La résolution 70/1 est adoptée.", "Resolution 70/2 is adopted.", tuid="A/1:p:4:1")
    )
    return pairs


@pytest.fixture()
def findings():
    found = run_checks(varying_pairs(), only=["same-target", "symbols", "numbers"])
    assert {finding.check for finding in found} >= {"same-target", "symbols"}
    return found


def test_words_where_renderings_differ_are_marked() -> None:
    assert marked_words(OTHER, USUAL) == (
        (OPENING + " suivant sans ", False),
        ("débat", True),
        (" et de le transmettre.", False),
    )
    assert marked_words("the Member States", "the States") == (
        ("the ", False),
        ("Member", True),
        (" States", False),
    )
    assert marked_words("same", "same") == (("same", False),)


def test_html_shows_every_rendering_whole_grouped_by_check_with_a_filter(tmp_path: Path, findings) -> None:
    path = tmp_path / "report.html"
    write_report(findings, path, ["same-target", "symbols", "numbers"], ["fr.txt", "en.txt"], CREATED)
    page = lxml_html.parse(str(path)).getroot()
    about = page.find_class("about")[0].text_content()
    assert "fr.txt" in about and "en.txt" in about and "2025-11-26 09:30 UTC" in about
    summary = {row[0].text_content(): row[2].text_content() for row in page.find_class("summary")[0][1:]}
    assert summary == {"same-target": "1", "symbols": "1", "numbers": "0"}
    sections = {section.get("id"): section for section in page.find_class("check")}
    assert set(sections) == {"check-same-target", "check-symbols"}
    variants = sections["check-same-target"].find_class("variants")[0]
    texts = [item.text_content() for item in variants]
    assert texts == [f"2× {USUAL}", f"1× {OTHER}"]
    assert [mark.text for mark in variants.iter("mark")] == ["vote", "débat"]
    radios = [radio.get("id") for radio in page.iter("input") if radio.get("type") == "radio"]
    assert radios == ["show-all", "show-same-target", "show-symbols"]
    assert not list(page.iter("script")), "the page runs nothing"


def test_csv_and_xlsx_hold_every_rendering_in_full(tmp_path: Path, findings) -> None:
    from openpyxl import load_workbook

    csv_path, xlsx_path = tmp_path / "report.csv", tmp_path / "report.xlsx"
    write_report(findings, csv_path, ["same-target", "symbols"], ["fr.txt", "en.txt"], CREATED)
    write_report(findings, xlsx_path, ["same-target", "symbols"], ["fr.txt", "en.txt"], CREATED)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["variants"] == f"2× {USUAL} | 1× {OTHER}"
    workbook = load_workbook(xlsx_path, rich_text=True)
    sheet = workbook["findings"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:H{len(findings) + 1}"
    assert [cell.value for cell in sheet[1]] == [
        "check",
        "severity",
        "unit",
        "source",
        "target",
        "detail",
        "document",
        "renderings",
    ]
    assert sheet.column_dimensions["D"].width == 50 and sheet["D2"].alignment.wrap_text
    renderings = sheet["H2"].value
    assert str(renderings) == f"2× {USUAL}\n1× {OTHER}"
    marked = [block.text for block in renderings if hasattr(block, "font") and block.font.b]
    assert marked == ["vote", "débat"]
    assert [sheet.cell(row=row, column=1).value for row in range(2, len(findings) + 2)] == sorted(
        (finding.check for finding in findings), key=["same-target", "symbols"].index
    )
    about = {row[0].value: row[1].value for row in workbook["about"].iter_rows()}
    assert about["files"] == "fr.txt\nen.txt" and about["date"] == "2025-11-26 09:30 UTC"
    summary = [[cell.value for cell in row] for row in workbook["summary"].iter_rows(min_row=2)]
    assert [(name, count) for name, _, count in summary] == [("same-target", 1), ("symbols", 1)]


def _browser_helpers():
    spec = importlib.util.spec_from_file_location("review_browser", REPO / "scripts" / "review_browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_filter_shows_one_check_or_hides_a_severity_in_a_browser(tmp_path: Path, findings) -> None:
    helpers = _browser_helpers()
    reason = helpers.chromium_available()
    if reason:
        pytest.skip(reason)
    path = tmp_path / "report.html"
    write_report(findings, path, ["same-target", "symbols"], ["fr.txt", "en.txt"], CREATED)
    with helpers.launch_chromium() as chromium:
        page = chromium.new_page()
        page.goto(path.as_uri())
        assert page.is_visible("#check-same-target") and page.is_visible("#check-symbols")
        page.click("label[for='show-symbols']")
        assert not page.is_visible("#check-same-target") and page.is_visible("#check-symbols")
        page.click("label[for='show-all']")
        severities = {finding.severity for finding in findings}
        hidden = sorted(severities)[0]
        page.click(f"label[for='hide-{hidden}']")
        rows = page.locator(f"tr.{hidden}-row")
        assert rows.count() > 0 and not any(rows.nth(i).is_visible() for i in range(rows.count()))
