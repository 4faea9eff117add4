"""One hardened way to open untrusted XML, HTML and zip containers (DOCX).

Every parser here refuses to fetch anything (no network, no DTD loading, no external
entities) and every XML document that declares entities is refused outright: a bitext has no
use for them, and they are how entity-expansion ("billion laughs") and external-entity (XXE)
attacks are written. Zip archives are judged from their central directory alone, before a
single member is decompressed. All refusals are ``InputError``s with a one-line message that
starts with the file name.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError

MAX_ZIP_MEMBERS = 2_000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small members compress well for honest reasons (runs of spaces, repeated styles); the
# ratio rule only applies once a member would expand past this size.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
ENCRYPTED_FLAG = 0x1  # general purpose bit 0 of a zip entry


# The options of every XML parser here; streaming readers (etree.iterparse) can take them too.
SAFE_XML_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(**SAFE_XML_OPTIONS)


def _html_parser(encoding: str | None) -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(
        encoding=encoding,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


def one_line(message: str, limit: int = 200) -> str:
    """A parser message made fit for a one-line error: no newlines, not too long."""
    flat = " ".join(str(message).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """Parse XML bytes safely; refuse malformed XML and any document declaring entities."""
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as error:
        # libxml2 stops some expansion attacks itself, as a syntax error: say what it was.
        refuse_entity_declarations(_recovered_tree(data), name)
        raise InputError(f"{name}: not well-formed XML ({one_line(error.msg or str(error))})") from None
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{name}: cannot parse as XML ({one_line(str(error))})") from None
    if root is None:
        raise InputError(f"{name}: not well-formed XML (no root element)")
    tree = root.getroottree()
    refuse_entity_declarations(tree, name)
    return tree


def _recovered_tree(data: bytes) -> etree._ElementTree | None:
    """What the lenient parser makes of a broken document (same safety options), or None."""
    try:
        root = etree.fromstring(data, etree.XMLParser(recover=True, **SAFE_XML_OPTIONS))
    except (etree.XMLSyntaxError, etree.ParserError, ValueError):
        return None
    return None if root is None else root.getroottree()


def iterparse_xml(path: str | Path, events: tuple[str, ...], tags: tuple[str, ...]) -> Any:
    """A streaming parse of an XML file (``etree.iterparse``) with the options of every parser
    here. Call ``declares_entities`` on the root at the first event, before reading further."""
    return etree.iterparse(str(path), events=events, tag=tags, **SAFE_XML_OPTIONS)


def declares_entities(tree: etree._ElementTree | None) -> bool:
    """Does the document's internal DTD subset declare any entity?"""
    dtd = tree.docinfo.internalDTD if tree is not None else None
    return dtd is not None and any(True for _ in dtd.iterentities())


def refuse_entity_declarations(tree: etree._ElementTree | None, name: str) -> None:
    """Refuse a document that declares entities (see the module's docstring)."""
    if declares_entities(tree):
        raise InputError(
            f"{name}: XML declares entities (refused: possible entity-expansion or external-entity attack)"
        )


def parse_html_fragment(markup: str) -> lxml_html.HtmlElement | None:
    """A piece of HTML (a raw block of a Markdown file) under one ``<div>``, parsed offline;
    None when lxml cannot make anything of it."""
    try:
        fragment: lxml_html.HtmlElement = lxml_html.fragment_fromstring(
            markup, create_parent="div", parser=_html_parser(None)
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
        return None
    return fragment


def parse_html(data: bytes, name: str, encoding: str | None = None) -> lxml_html.HtmlElement:
    """Parse HTML bytes with the lenient HTML parser, offline. A given ``encoding`` wins over
    whatever the document declares (readers decode first, then hand over UTF-8)."""
    parser = _html_parser(encoding)
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise InputError(f"{name}: cannot parse as HTML ({one_line(str(error))})") from None
    if root is None:
        raise InputError(f"{name}: cannot parse as HTML (no content)")
    refuse_truncation(parser, name)
    return root


def refuse_truncation(parser: lxml_html.HTMLParser, name: str) -> None:
    """The lenient HTML parser cuts what exceeds its limits (nesting depth, huge text) and
    carries on: refuse rather than read a silently truncated page."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            raise InputError(f"{name}: HTML exceeds the parser's limits ({one_line(entry.message)}), refused")


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Bounds on a zip archive (a Word file) before anything is read from it: members, bytes of one
    member and of all, and the compression ratio allowed (checked from a size on, so that small
    members may compress well): a zip bomb is refused, not unpacked."""

    members: int = MAX_ZIP_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_COMPRESSION_RATIO
    ratio_from_bytes: int = RATIO_CHECK_FROM_BYTES


def check_zip(data: bytes, name: str, limits: ZipLimits = ZipLimits()) -> zipfile.ZipFile:
    """Open a zip archive after judging its central directory; return it for reading.

    Refuses what is not a zip, and archives with too many members, members or a total that
    would expand past the limits, suspicious compression ratios, or names that climb out of
    the archive. Nothing is decompressed here.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise InputError(
            f"{name}: not a zip archive, so not a valid .docx ({one_line(str(error))})"
        ) from None
    members = archive.infolist()
    if len(members) > limits.members:
        raise InputError(f"{name}: zip archive has {len(members)} members (limit {limits.members}), refused")
    total = 0
    for member in members:
        _check_member(member, name, limits)
        total += member.file_size
    if total > limits.total_bytes:
        raise InputError(
            f"{name}: zip archive would expand to {_mb(total)} (limit {_mb(limits.total_bytes)}), refused"
        )
    return archive


def _check_member(member: zipfile.ZipInfo, name: str, limits: ZipLimits) -> None:
    if _unsafe_member_name(member.filename):
        raise InputError(f"{name}: zip member name {member.filename!r} points outside the archive, refused")
    if member.flag_bits & ENCRYPTED_FLAG:
        raise InputError(
            f"{name}: zip member {member.filename} is encrypted (password-protected documents cannot be read)"
        )
    if member.file_size > limits.member_bytes:
        raise InputError(
            f"{name}: zip member {member.filename} would expand to {_mb(member.file_size)} "
            f"(limit {_mb(limits.member_bytes)}), refused as a possible zip bomb"
        )
    if member.file_size >= limits.ratio_from_bytes:
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.ratio:
            raise InputError(
                f"{name}: zip member {member.filename} has a compression ratio of {ratio:.0f}:1 "
                f"(limit {limits.ratio}:1), refused as a possible zip bomb"
            )


def _unsafe_member_name(filename: str) -> bool:
    normalised = filename.replace("\\", "/")
    path = PurePosixPath(normalised)
    return path.is_absolute() or ".." in path.parts or (len(normalised) > 1 and normalised[1] == ":")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes | None:
    """The bytes of a member already vetted by ``check_zip``; None when it is absent.

    A central directory that lies about a size cannot make this expand further: zipfile
    stops at the declared size and then fails the CRC check, which is refused here.
    """
    try:
        return archive.read(member)
    except KeyError:
        return None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as error:
        raise InputError(f"{name}: cannot read {member} from the archive ({one_line(str(error))})") from None
