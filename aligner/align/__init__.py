"""Sentence alignment inside paired structural units or over whole texts.

``SentenceAligner(source_language, target_language, options).fit(blocks).align(source, target)``
returns ``Bead``s (``align_blocks(blocks)``: those of many blocks at once);
``align_presegmented`` does both for one-sentence-a-line texts and ``format_ladder`` writes
the result as ``[i]:[j,k]:confidence`` lines.
"""

from .sentences import AlignOptions, Bead, SentenceAligner, align_presegmented, format_ladder

__all__ = ["AlignOptions", "Bead", "SentenceAligner", "align_presegmented", "format_ladder"]
