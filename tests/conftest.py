"""Shared fixtures: where the real corpora are (``../shared/corpora`` beside the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPORA = REPO.parent / "shared" / "corpora"
SAMPLE = REPO / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared real corpora; the tests that need them are skipped only if absent."""
    if not SHARED_CORPORA.is_dir():
        pytest.skip(f"shared corpora not found at {SHARED_CORPORA}")
    return SHARED_CORPORA


@pytest.fixture(scope="session")
def un_pair(corpora: Path) -> tuple[Path, Path]:
    folder = corpora / "un-a74400"
    return folder / "fr.txt", folder / "en.txt"
