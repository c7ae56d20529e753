"""Shared fixtures: the corpus parsed once per test session."""

from __future__ import annotations

import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpus")

SEEDS = {
    "000": "corpus/order-2025-10-24-580-nk/ru.txt",
    "001": "corpus/order-2025-10-24-580-nk/kk.txt",
    "002": "corpus/order-2017-10-25-360/ru.txt",
    "003": "corpus/order-2024-06-14-256-nk/ru.txt",
    "004": "corpus/order-2024-04-30-125/ru.txt",
}


@pytest.fixture(scope="session", autouse=True)
def _chdir_root():
    os.chdir(ROOT)


@pytest.fixture(scope="session")
def docs():
    """seed key ("000" … "004") -> parsed Document."""
    from parser.pipeline import parse_path

    os.chdir(ROOT)
    return {k: parse_path(p) for k, p in SEEDS.items()}
