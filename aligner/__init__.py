"""aligner: structure-aware French-English alignment of institutional documents."""

__version__ = "0.1.0"
