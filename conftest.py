"""Shared test set-up: each test starts with a fresh default graph."""

import pytest

import scopeflow as tf

collect_ignore = ["tests/conformance/record.py"]


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()
    yield
