"""TF1's rules for summary names and tags (``summary_op_util``): ``clean_tag``, ``summary_scope``
and ``collect``.

A summary opens a name scope named after it, so its op name is unique, and its tag is that
scope: ``tf.summary.scalar("loss")`` under ``tf.name_scope("train")`` is the op
``train/loss`` with the tag ``train/loss``, and a second one is ``train/loss_1``. With a
``family``, the scope is ``<outer>/<family>/<name>`` and the tag starts with the family:
``family/<outer>/<family>/<name>``.
"""

from __future__ import annotations

import contextlib
import logging
import re

from scopeflow._src.framework import default_graph

_INVALID_TAG_CHARACTERS = re.compile(r"[^-/\w\.]")
# tf.logging's logger; stdlib logging here, since the op library sits below tf.logging's module
_logger = logging.getLogger("scopeflow")


def clean_tag(name):
    """``name`` with each character TF does not allow in a tag made ``_``, and no leading ``/``.

    >>> clean_tag("a b$c"), clean_tag("/lead"), clean_tag(None)
    ('a_b_c', 'lead', None)
    """
    if name is not None:
        cleaned = _INVALID_TAG_CHARACTERS.sub("_", name).lstrip("/")
        if cleaned != name:
            _logger.info("Summary name %s is illegal; using %s instead.", name, cleaned)
            name = cleaned
    return name


@contextlib.contextmanager
def summary_scope(name, family=None, default_name=None, values=None):
    """Open the name scope of a summary; yields ``(tag, scope)``.

    >>> import scopeflow as tf
    >>> with tf.name_scope("outer"):
    ...     with summary_scope("loss", family="train") as (tag, scope):
    ...         pass
    >>> tag, scope
    ('train/outer/train/loss', 'outer/train/loss/')
    """
    name = clean_tag(name)
    family = clean_tag(family)
    base = name if family is None else f"{family}/{name}"
    with default_graph.name_scope(base, default_name, values) as scope:
        tag = scope.rstrip("/") if family is None else f"{family}/{scope.rstrip('/')}"
        yield tag, scope


def collect(value, collections, default_collections) -> None:
    """Add ``value`` to each graph collection of ``collections`` (``default_collections`` when None)."""
    for key in default_collections if collections is None else collections:
        default_graph.add_to_collection(key, value)
