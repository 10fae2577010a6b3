"""Shared fixtures: the spaCy model is loaded once per test session."""

import pytest


@pytest.fixture(scope="session")
def nlp():
    from frontlines.nlp.model import load

    return load()
