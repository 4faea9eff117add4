"""Hostile and broken inputs: external entities, entity expansion, zip bombs, malformed files,
and the encodings the text reader has to cope with. Every refusal is one ``InputError`` line
that starts with the file name; nothing is fetched, expanded or decompressed on the way."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.readers import read_document
from aligner.readers.encoding import decode
from aligner.readers.safexml import ZipLimits, check_zip, parse_html, parse_xml, read_member

SECRET = "TOP-SECRET-7f3a9c"
HOSTNAME = Path("/etc/hostname")
DOCUMENT_PART = "word/document.xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MINIMAL_DOCUMENT = (
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>'
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def refusal(path: Path) -> str:
    """The message of the InputError reading ``path`` raises, checked to be one line."""
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


@pytest.fixture()
def secret_file(tmp_path: Path) -> Path:
    return write(tmp_path, "secret.txt", SECRET)


def lims_with_doctype(doctype: str, body: str = "&x;") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<Statute '
        f'xml:lang="en"><Body><Section><Label>1</Label><Text>{body}</Text></Section></Body></Statute>'
    )


# --- XML: external entities and entity expansion ------------------------------------------


@pytest.mark.parametrize("target", ["secret", "hostname", "http"])
def test_external_entities_are_refused_and_never_read(tmp_path: Path, secret_file: Path, target: str) -> None:
    system_id = {
        "secret": secret_file.as_uri(),
        "hostname": HOSTNAME.as_uri(),
        "http": "http://127.0.0.1:9/evil.dtd",
    }[target]
    path = write(
        tmp_path, "xxe.xml", lims_with_doctype(f'<!DOCTYPE Statute [<!ENTITY x SYSTEM "{system_id}">]>')
    )
    started = time.perf_counter()
    message = refusal(path)
    assert "declares entities" in message
    assert time.perf_counter() - started < 2
    assert SECRET not in message
    if HOSTNAME.exists() and len(HOSTNAME.read_text().strip()) > 3:
        assert HOSTNAME.read_text().strip() not in message


def test_parameter_entities_are_refused(tmp_path: Path, secret_file: Path) -> None:
    doctype = f'<!DOCTYPE Statute [<!ENTITY % p SYSTEM "{secret_file.as_uri()}"> %p;]>'
    path = write(tmp_path, "pe.xml", lims_with_doctype(doctype, body="text"))
    assert "declares entities" in refusal(path)


def test_external_dtd_is_not_loaded(tmp_path: Path, secret_file: Path) -> None:
    dtd = write(tmp_path, "evil.dtd", f'<!ENTITY x "{SECRET}">')
    path = write(tmp_path, "dtd.xml", lims_with_doctype(f'<!DOCTYPE Statute SYSTEM "{dtd.as_uri()}">'))
    try:
        document = read_document(path)
    except InputError as error:
        assert SECRET not in str(error)
    else:
        assert all(SECRET not in block.text for block in document.blocks)


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    path = write(
        tmp_path, "laughs.xml", lims_with_doctype(f"<!DOCTYPE Statute [{''.join(entities)}]>", body="&lol9;")
    )
    started = time.perf_counter()
    assert "declares entities" in refusal(path)
    assert time.perf_counter() - started < 1


def test_entities_inside_a_docx_part_are_refused(tmp_path: Path, secret_file: Path) -> None:
    document = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret_file.as_uri()}">]>'
        + MINIMAL_DOCUMENT.replace("Hello", "&x;")
    )
    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(DOCUMENT_PART, document)
    message = refusal(path)
    assert "declares entities" in message and SECRET not in message


def test_html_entity_declarations_are_inert(tmp_path: Path, secret_file: Path) -> None:
    page = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "{secret_file.as_uri()}">]><html><body><p>before &x; '
        "after</p></body></html>"
    )
    document = read_document(write(tmp_path, "xxe.html", page))
    assert all(SECRET not in block.text for block in document.blocks)
    assert any("before" in block.text for block in document.blocks)


def test_html_nested_past_the_parser_limit_is_refused_not_truncated(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 300 + "deep text" + "</div>" * 300 + "</body></html>"
    assert "exceeds the parser's limits" in refusal(write(tmp_path, "deep.html", page))


def test_xml_nested_past_the_parser_limit_is_refused(tmp_path: Path) -> None:
    statute = (
        "<Statute><Body>" + "<Section>" * 300 + "<Text>x</Text>" + "</Section>" * 300 + "</Body></Statute>"
    )
    assert "Excessive depth" in refusal(write(tmp_path, "deep.xml", statute))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.xml", "<Statute><Body><Section></Body></Statute>", "not well-formed XML"),
        ("truncated.xml", '<?xml version="1.0"?><Statute xml:lang="en"><Body>', "not well-formed XML"),
        ("garbage.xml", "this is not xml at all", "not well-formed XML"),
    ],
)
def test_malformed_xml_is_one_line_input_error(tmp_path: Path, name: str, content: str, reason: str) -> None:
    assert reason in refusal(write(tmp_path, name, content))


def test_parsers_name_the_file_in_their_errors() -> None:
    with pytest.raises(InputError, match=r"^part\.xml: not well-formed XML \(.+\)$"):
        parse_xml(b"<a><b></a>", "part.xml")
    with pytest.raises(InputError, match=r"^page\.html: cannot parse as HTML"):
        parse_html(b"", "page.html")


# --- DOCX: zip containers ------------------------------------------------------------------


def forbid_decompression(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was decompressed before the archive was judged")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)


def archive_with_declared_sizes(sizes: dict[str, int]) -> bytes:
    """A zip whose central directory claims the given uncompressed sizes (the data is tiny)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sizes:
            archive.writestr(member, b"\0" * 64)
        for info in archive.filelist:
            info.file_size = sizes[info.filename]
    return buffer.getvalue()


def test_declared_gigabyte_member_is_refused_before_decompression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "bomb.docx", archive_with_declared_sizes({DOCUMENT_PART: 1024**3}))
    forbid_decompression(monkeypatch)
    message = refusal(path)
    assert "would expand to 1024 MB" in message and "zip bomb" in message


def test_highly_compressed_member_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real bomb in miniature: 64 MB of zeros deflate to about 64 KB (ratio ~1000:1)."""
    path = tmp_path / "ratio.docx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(DOCUMENT_PART, "w") as member,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(64):
            member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    forbid_decompression(monkeypatch)
    assert "compression ratio" in refusal(path)


def test_total_expansion_is_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = archive_with_declared_sizes(
        {f"word/media/image{number}.bin": 150 * 1024**2 for number in range(4)}
    )
    forbid_decompression(monkeypatch)
    with pytest.raises(InputError, match=r"^many\.docx: zip archive would expand to 600 MB"):
        check_zip(data, "many.docx", ZipLimits(ratio=10**9))


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(50):
            archive.writestr(f"part{number}.xml", b"")
    with pytest.raises(InputError, match="50 members"):
        check_zip(buffer.getvalue(), "crowd.docx", ZipLimits(members=40))


@pytest.mark.parametrize(
    "member", ["../evil.xml", "/etc/evil.xml", "word/../../evil.xml", "C:/evil.xml", "..\\evil.xml"]
)
def test_path_traversal_names_are_refused(tmp_path: Path, member: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(DOCUMENT_PART, MINIMAL_DOCUMENT)
        archive.writestr(zipfile.ZipInfo(member), b"x")
    assert "points outside the archive" in refusal(write(tmp_path, "traversal.docx", buffer.getvalue()))


def test_member_that_lies_about_its_size_is_stopped(tmp_path: Path) -> None:
    """200 KB of data declared as 100 bytes: reading stops at 100 and the checksum fails."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENT_PART, b" " * 200_000)
        archive.filelist[0].file_size = 100
    archive = check_zip(buffer.getvalue(), "liar.docx")
    with pytest.raises(
        InputError, match=r"^liar\.docx: cannot read word/document\.xml from the archive \(Bad CRC-32"
    ):
        read_member(archive, DOCUMENT_PART, "liar.docx")


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(DOCUMENT_PART, MINIMAL_DOCUMENT)
        archive.filelist[0].flag_bits |= 0x1
    assert "encrypted" in refusal(write(tmp_path, "locked.docx", buffer.getvalue()))


@pytest.mark.parametrize("content", [b"PK\x03\x04 truncated", b"%PDF-1.7 not a zip", b"plain text"])
def test_docx_that_is_not_a_zip_is_refused(tmp_path: Path, content: bytes) -> None:
    assert "not a zip archive" in refusal(write(tmp_path, "report.docx", content))


def test_large_ordinary_docx_passes_the_checks(tmp_path: Path) -> None:
    paragraphs = "".join(
        (
            f"<w:p><w:r><w:t>Paragraph {number}: the Committee took note of item "
            f"{number * 7919 % 10007}.</w:t></w:r></w:p>"
        )
        for number in range(20_000)
    )
    path = tmp_path / "large.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            DOCUMENT_PART, MINIMAL_DOCUMENT.replace("<w:p><w:r><w:t>Hello</w:t></w:r></w:p>", paragraphs)
        )
    assert archive.getinfo(DOCUMENT_PART).file_size > 1024 * 1024
    blocks = read_document(path).blocks
    assert len(blocks) == 20_000 and blocks[-1].text.startswith("Paragraph 19999:")


# --- Encodings of text files ----------------------------------------------------------------


def test_utf8_with_bom() -> None:
    decoded = decode("\ufeffCafé".encode("utf-8"), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.note) == ("Café", "utf-8", None)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    data = "\ufeffPremière ligne\r\nDeuxième".encode(codec)
    decoded = decode(data, "b.txt")
    assert decoded.text == "Première ligne\nDeuxième"
    assert decoded.encoding == "utf-16"


def test_cp1252_fallback_says_so() -> None:
    decoded = decode("Résolution « adoptée » – 2019".encode("cp1252"), "c.txt")
    assert decoded.text == "Résolution « adoptée » – 2019"
    assert decoded.encoding == "cp1252"
    assert decoded.note and decoded.note.startswith("c.txt:") and "cp1252" in decoded.note


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    assert "binary" in refusal(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "empty" in refusal(write(tmp_path, "blank.txt", b"  \n\n"))
    with pytest.raises(InputError, match="empty"):
        decode(b"", "nothing.txt")


def test_crlf_and_form_feeds_through_the_text_reader(tmp_path: Path) -> None:
    path = write(
        tmp_path, "pages.txt", b"First line\r\nsame block\r\n\r\nSecond block\fThird block\r\non page two\r\n"
    )
    document = read_document(path)
    assert [(block.text, block.page, block.line) for block in document.blocks] == [
        ("First line\nsame block", 0, 1),
        ("Second block", 0, 4),
        ("Third block\non page two", 1, 4),
    ]
