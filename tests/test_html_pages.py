"""Web pages as governments publish them: a banner, menus, breadcrumbs, skip links and a footer
around the main content, anchors that are slugs of the translated titles, files named after
their language; and folders of chapters whose file names are translated."""

from __future__ import annotations

from pathlib import Path

from aligner.pipeline import load_document, pair_documents
from aligner.readers import read_document

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><title>{title}</title></head>
<body>
<ul id="skip-links"><li><a href="#main">{skip}</a></li></ul>
<header><div class="brand">{government}</div>
<nav class="site-menu"><ul><li><a href="/services">{services}</a></li>
<li><a href="/news">{news}</a></li></ul></nav>
</header>
<ol class="breadcrumb"><li><a href="/">{home}</a></li><li>{title}</li></ol>
<main id="main">
<h1 id="{slug_top}">{title}</h1>
<ul><li><a href="#{slug_rights}">{rights}</a></li><li><a href="#{slug_duties}">{duties}</a></li></ul>
<p>{intro}</p>
<h2 id="{slug_rights}">{rights}</h2>
<p>{rights_text}</p>
<ul><li>{item_one}</li><li>{item_two} <a href="https://laws.example/c-11">C-11</a></li></ul>
<h2 id="{slug_duties}">{duties}</h2>
<p>{duties_text}</p>
<table><tr><th>{year}</th><th>{cases}</th></tr><tr><td>2022</td><td>1 204</td></tr></table>
<footer><p>{updated}</p></footer>
</main>
<footer id="site-footer"><a href="/terms">{terms}</a> <a href="/privacy">{privacy}</a></footer>
<script>var tracking = "{government}";</script>
</body></html>"""

FRENCH = dict(
    lang="fr",
    title="Protection des renseignements personnels",
    skip="Passer au contenu principal",
    government="Gouvernement du Canada",
    services="Services",
    news="Nouvelles",
    home="Accueil",
    slug_top="protection-des-renseignements-personnels",
    slug_rights="droits-des-personnes",
    slug_duties="obligations-des-organisations",
    rights="Droits des personnes",
    duties="Obligations des organisations",
    intro="La Loi C-11 protège les renseignements personnels depuis 2022.",
    rights_text="Chaque personne peut consulter ses renseignements et demander leur correction.",
    item_one="Le droit d'accès aux renseignements.",
    item_two="Le droit de rectification prévu par la loi",
    duties_text="Les organisations doivent protéger les renseignements qu'elles détiennent.",
    year="Année",
    cases="Plaintes",
    updated="Date de modification : 2023-05-01",
    terms="Avis",
    privacy="Confidentialité",
)

ENGLISH = dict(
    lang="en",
    title="Protection of personal information",
    skip="Skip to main content",
    government="Government of Canada",
    services="Services",
    news="News",
    home="Home",
    slug_top="protection-of-personal-information",
    slug_rights="rights-of-people",
    slug_duties="duties-of-organizations",
    rights="Rights of people",
    duties="Duties of organizations",
    intro="Bill C-11 has protected personal information since 2022.",
    rights_text="Every person may consult their information and ask for its correction.",
    item_one="The right of access to information.",
    item_two="The right of correction provided by the act",
    duties_text="Organizations must protect the information they hold.",
    year="Year",
    cases="Complaints",
    updated="Date modified: 2023-05-01",
    terms="Terms",
    privacy="Privacy",
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_only_the_main_content_is_read(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "fr.html", PAGE.format(**FRENCH)))
    texts = [block.text for block in document.blocks]
    assert texts[0] == FRENCH["title"]
    for left_out in ("skip", "government", "services", "news", "home", "terms", "privacy"):
        assert not any(FRENCH[left_out] in text for text in texts), left_out
    assert texts.count(FRENCH["rights"]) == 1  # the heading, not its line in the in-page contents
    assert FRENCH["updated"] in texts  # the footer of the content is content
    assert f"{FRENCH['item_two']} C-11" in texts


def test_pages_named_after_their_language_pair_fully(tmp_path: Path) -> None:
    french = load_document(write(tmp_path, "fr.html", PAGE.format(**FRENCH)))
    english = load_document(write(tmp_path, "en.html", PAGE.format(**ENGLISH)))
    for document, stem in ((french, "fr"), (english, "en")):
        assert not any(unit.key.split("/")[0] in {f"ch:{stem}", stem} for unit in document.units)
    alignment = pair_documents(french, english)
    assert all(pair.source and pair.target for pair in alignment.pairs)
    assert len(alignment.paired) == len(french.units) == len(english.units)
    assert not [d for d in alignment.disagreements if d.kind == "renumbered"]
    pairs = {pair.source[0].text: pair.target[0].text for pair in alignment.paired}
    assert pairs[FRENCH["rights"]] == ENGLISH["rights"]
    assert pairs[FRENCH["duties_text"]] == ENGLISH["duties_text"]


def test_same_anchors_pair_by_key(tmp_path: Path) -> None:
    french_page = PAGE.format(**{**FRENCH, "slug_rights": "rights", "slug_duties": "duties"})
    english_page = PAGE.format(**{**ENGLISH, "slug_rights": "rights", "slug_duties": "duties"})
    french = load_document(write(tmp_path, "page-fr.html", french_page))
    english = load_document(write(tmp_path, "page-en.html", english_page))
    assert "id:rights" in french.by_key() and "id:duties/para:1" in english.by_key()
    alignment = pair_documents(french, english)
    methods = {pair.source[0].key: pair.method for pair in alignment.paired}
    assert methods["id:rights"] == methods["id:duties"] == "key"


def chapter(lang: str, word: str, number: int, title: str, text: str) -> str:
    return (
        f'<html lang="{lang}"><body><div class="navheader"><a href="x.html">&lt;&lt;</a></div>'
        f"<h1>{word} {number}. {title}</h1><p>{text}</p></body></html>"
    )


def test_folders_of_chapters_with_translated_file_names(tmp_path: Path) -> None:
    write(
        tmp_path / "fr",
        "01-presentation.html",
        chapter("fr", "Chapitre", 1, "Présentation", "Le projet 2021."),
    )
    write(
        tmp_path / "fr",
        "02-installation.html",
        chapter("fr", "Chapitre", 2, "Installation", "Java 17 requis."),
    )
    write(tmp_path / "en", "01-overview.html", chapter("en", "Chapter", 1, "Overview", "The 2021 project."))
    write(tmp_path / "en", "02-setup.html", chapter("en", "Chapter", 2, "Setup", "Java 17 is required."))
    french, english = load_document(tmp_path / "fr"), load_document(tmp_path / "en")
    assert [unit.key for unit in french.units] == ["ch:1", "ch:1/para:1", "ch:2", "ch:2/para:1"]
    alignment = pair_documents(french, english)
    assert [(pair.source[0].key, pair.target[0].key) for pair in alignment.paired] == [
        ("ch:1", "ch:1"),
        ("ch:1/para:1", "ch:1/para:1"),
        ("ch:2", "ch:2"),
        ("ch:2/para:1", "ch:2/para:1"),
    ]


def test_a_page_laid_out_with_divs_keeps_only_its_content(tmp_path: Path) -> None:
    page = """<html lang="en"><body>
<div id="header"><a href="/">Home</a> <a href="/contact">Contact us</a></div>
<div id="menu"><a href="/a">Services and information</a></div>
<div id="content"><h1 id="report">Annual report</h1><p>The office received 312 complaints.</p></div>
<div id="footer">Copyright 2024</div>
<div class="sidebar-nav"><a href="/b">Related pages</a></div>
</body></html>"""
    document = read_document(write(tmp_path, "report.html", page))
    assert [block.text for block in document.blocks] == [
        "Annual report",
        "The office received 312 complaints.",
    ]


def test_the_densest_block_of_a_page_without_landmarks(tmp_path: Path) -> None:
    links = "".join(f'<a href="/p{n}">Programme {n}</a> ' for n in range(12))
    page = f"""<html lang="en"><body><div class="wrap">
<div class="top">{links}</div>
<div class="col"><h2 id="report">Annual report</h2>
<p>The office received 312 complaints in 2023, a fifth more than the year before.</p>
<p>Most of them concerned the delays in the processing of applications.</p></div>
<div class="bottom"><a href="/terms">Terms and conditions</a> <a href="/privacy">Privacy</a></div>
</div></body></html>"""
    document = read_document(write(tmp_path, "page.html", page))
    assert document.blocks[0].text == "Annual report"
    assert not any("Programme" in block.text or "Privacy" in block.text for block in document.blocks)
    # Text around the block that is not links is content: then the whole body is read.
    note = "<p>Published by the Office of the Commissioner of Official Languages for all Canadians.</p>"
    kept = page.replace('<div class="bottom">', f'<div class="bottom">{note}')
    document = read_document(write(tmp_path, "kept.html", kept))
    assert any("Published by" in block.text for block in document.blocks)
