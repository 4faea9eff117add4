"""Structural pairing: the units of two documents paired, and where their structures disagree.

``align_structure(source, target)`` returns a ``StructuralAlignment``: ``UnitPair``s (each
with a certainty and the method that made it: key, content or position) and
``Disagreement``s. ``structural`` pairs level by level, ``lists`` matches runs that each
language sorts its own way, ``unit_content`` measures how alike two units' texts are across
languages, and ``pair_scores`` turns the evidence into each pair's certainty. The sentence
aligner (``aligner.align``) then works inside the pairs.
"""

from .structural import align_structure

__all__ = ["align_structure"]
