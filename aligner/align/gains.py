"""What a token's coverage is worth: its coverage times the weight of its class.

A token of a bead is covered by the other side of the bead to some degree c in [0, 1]
(see ``evidence``). How much that says depends on the token: "the" is covered by chance in
almost any French sentence, a name or a number almost never. So a function word counts a
quarter of a content word and an anchor (name, number, symbol) one and a half. A token of a
null bead gains nothing, nor does an uncovered one, so the choice between linking and
leaving a sentence unaligned rests on the bead-type priors, and adding a sentence to a
link pays exactly what the other side accounts for of it.

(Gains estimated from the text as log-likelihood ratios of coverage, per class and per
number of sentences on the other side, were tried and aligned worse on transread: 0.902-
0.914 strict F1 against 0.921; so were per-class weights estimated from the text, 0.915.)
"""

from __future__ import annotations

import numpy as np

FUNCTION, CONTENT, RARE, ANCHOR = range(4)
# Weight of a fully covered token of each class.
CLASS_WEIGHT = np.array([0.25, 1.0, 1.0, 1.5])


def token_gains(coverage: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Gain of every token (rows of ``coverage``) at every column."""
    gains: np.ndarray = CLASS_WEIGHT[classes][:, None] * coverage
    return gains
