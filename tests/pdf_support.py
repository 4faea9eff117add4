"""Small PDFs written by the tests themselves (fpdf2), with lines placed where a layout rule
needs them, and a hand-serialised PDF for what fpdf2 cannot write (JavaScript)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

LEFT = 72.0
WIDTH = 450.0
SIZE = 11.0
LEADING = 14.0


class Sheet:
    """An A4 document in points; ``paragraph`` wraps text at WIDTH like a word processor."""

    def __init__(self) -> None:
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_font("Helvetica", size=SIZE)

    def page(self) -> None:
        self.pdf.add_page()

    def write(self, x: float, y: float, text: str, size: float = SIZE, style: str = "") -> float:
        """Text with its baseline at ``y`` (from the top); returns where it ends."""
        self.pdf.set_font("Helvetica", style=style, size=size)
        self.pdf.text(x, y, text)
        return x + self.pdf.get_string_width(text)

    def wrap(self, text: str, width: float = WIDTH, size: float = SIZE, indent: float = 0.0) -> list[str]:
        self.pdf.set_font("Helvetica", size=size)
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            available = width - (indent if not lines else 0.0)
            if current and self.pdf.get_string_width(candidate) > available:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines

    def paragraph(
        self,
        y: float,
        text: str,
        x: float = LEFT,
        width: float = WIDTH,
        size: float = SIZE,
        leading: float = LEADING,
        indent: float = 0.0,
        justify: bool = True,
    ) -> float:
        """A paragraph from baseline ``y``; full lines are justified by spreading their words.
        Returns the baseline after the paragraph plus a paragraph gap."""
        lines = self.wrap(text, width, size, indent)
        for index, line in enumerate(lines):
            start = x + (indent if index == 0 else 0.0)
            last = index == len(lines) - 1
            self._line(start, y, line, x + width - start, size, spread=justify and not last)
            y += leading
        return y + 0.8 * leading

    def _line(self, x: float, y: float, line: str, width: float, size: float, spread: bool) -> None:
        words = line.split()
        if not spread or len(words) < 2:
            self.write(x, y, line, size)
            return
        self.pdf.set_font("Helvetica", size=size)
        natural = sum(self.pdf.get_string_width(word) for word in words)
        gap = (width - natural) / (len(words) - 1)
        for word in words:
            x = self.write(x, y, word, size) + gap

    def rule(self, x: float, y: float, length: float) -> None:
        self.pdf.set_line_width(0.5)
        self.pdf.line(x, y, x + length, y)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def hand_made_pdf(text: str, extra_catalog: str = "", extra_objects: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF serialised here, with a correct cross-reference table, so that a test
    can put in the catalogue what no PDF library writes for it (a JavaScript action)."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {extra_catalog} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream",
        *extra_objects,
    ]
    output = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(output)
