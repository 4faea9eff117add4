"""What makes two words cognates: one definition for the structural pairing and the sentence
aligner.

"organisation" and "organization", "gouvernement" and "government", "intelligente" and
"intelligent" share their first letters once case and accents are folded. Words shorter
than ``COGNATE_MIN_LENGTH`` get no cognate key, so short function words never match by
spelling; longer ones match on their first ``COGNATE_PREFIX`` letters.
"""

from __future__ import annotations

COGNATE_MIN_LENGTH = 6
COGNATE_PREFIX = 4


def cognate_key(folded: str) -> str | None:
    """The cognate key of a word already folded (lower case, no accents), or None for a
    word too short to have one."""
    return folded[:COGNATE_PREFIX] if len(folded) >= COGNATE_MIN_LENGTH else None
