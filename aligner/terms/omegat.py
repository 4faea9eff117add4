"""OmegaT's own glossary format: tab-separated lines of source term, target term, comment.

No header (OmegaT would read it as an entry). ``.utf8`` files are read by OmegaT as UTF-8
whatever the system; ``.txt`` ones by detection, so they get a byte-order mark to be detected
as UTF-8 (OmegaT skips the mark). Lines starting with "#" are comments to OmegaT, so a term
that starts with one cannot be written and is left out (counted). Tabs and line breaks inside
a field become spaces.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_open
from ..writers.common import one_line
from .glossary import Glossary
from .sheets import Cleaning


class OmegatGlossaryWriter:
    """``.utf8`` / ``.txt``: OmegaT's tab-separated glossary."""

    def __init__(self) -> None:
        self.left_out = 0

    def write(self, glossary: Glossary, path: str | Path) -> Cleaning:
        """Write the file; returns how many control characters were removed."""
        cleaning = Cleaning()
        encoding = "utf-8-sig" if Path(path).suffix.lower() == ".txt" else "utf-8"
        with atomic_open(path, encoding=encoding, newline="") as output:
            for entry in glossary.entries:
                texts = (entry.source_term, entry.target_term, entry.comment())
                fields = [" ".join(cleaning.clean(one_line(text)).split()) for text in texts]
                if fields[0].startswith("#") or not all(fields[:2]):
                    self.left_out += 1
                    continue
                output.write("\t".join(fields) + "\n")
        return cleaning
