"""Helpers shared by the DOCX tests: a minimal but valid .docx written with zipfile, and its
paragraphs and runs written as WordprocessingML strings."""

from __future__ import annotations

import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""  # noqa: E501
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""  # noqa: E501


def paragraph(*runs: str, props: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{''.join(runs)}</w:p>"


def run(text: str, italic: bool = False, extra_props: str = "") -> str:
    props = ("<w:i/>" if italic else "") + extra_props
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def numbered(num_id: int, level: int, text: str) -> str:
    return paragraph(
        run(text), props=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )


def make_docx(folder: Path, paragraphs: list[str], name: str = "doc.docx", **parts: str) -> Path:
    """A minimal but valid .docx: the package parts Word needs and the ones given."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        f'xmlns:w="{W}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    )
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        for part, content in parts.items():
            archive.writestr(f"word/{part}.xml", content)
    return path
