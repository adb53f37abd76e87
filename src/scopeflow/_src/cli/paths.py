"""Turning a command-line PATH into a checkpoint prefix.

PATH may be a prefix (``dir/model.ckpt-100``), one of its files (``.index``,
``.data-00000-of-00001``, ``.meta``), or a directory: its ``checkpoint`` state file names
the latest checkpoint, or, without one, the directory must hold exactly one checkpoint.
"""

from __future__ import annotations

import glob
import os
import re

from scopeflow._src.checkpoint import commit
from scopeflow._src.checkpoint.checkpoint_state import get_checkpoint_state
from scopeflow._src.framework import errors

SUFFIX = re.compile(r"\.(index|meta|data-\d{5}-of-\d{5})$")


class UsageError(Exception):
    """Bad input on the command line; the message says what to do."""


def resolve(path: str) -> str:
    """The checkpoint prefix that ``path`` names; ``UsageError`` when there is none."""
    if os.path.isdir(path):
        return _from_directory(path)
    prefix = SUFFIX.sub("", path)
    _recover(prefix)
    if os.path.isfile(prefix + ".index"):
        return prefix
    if os.path.exists(path):
        raise UsageError(f"{path} is not a TensorFlow checkpoint (no {prefix}.index)")
    raise UsageError(f"no checkpoint at {path}: neither {path} nor {prefix}.index exists")


def _from_directory(directory: str) -> str:
    try:
        state = get_checkpoint_state(directory)
    except ValueError as e:  # a state file naming no checkpoint (TensorFlow's ValueError)
        raise UsageError(f"{e}: its 'checkpoint' file names no checkpoint") from None
    if state is not None:
        _recover(state.model_checkpoint_path)
    if state is not None and os.path.isfile(state.model_checkpoint_path + ".index"):
        return state.model_checkpoint_path
    indexes = sorted(glob.glob(os.path.join(glob.escape(directory), "*.index")))
    if len(indexes) == 1:
        return indexes[0][:-len(".index")]
    if state is not None:
        raise UsageError(f"{directory}/checkpoint names {state.model_checkpoint_path}, whose .index does not exist")
    if not indexes:
        raise UsageError(f"no checkpoint in directory {directory} (no 'checkpoint' file and no *.index file)")
    names = ", ".join(os.path.basename(p)[:-len(".index")] for p in indexes)
    raise UsageError(f"{directory} holds several checkpoints and no 'checkpoint' file; name one of: {names}")


def _recover(prefix: str) -> None:
    """Complete a save of ``prefix`` killed after its commit point (see ``checkpoint/commit.py``)."""
    try:
        commit.recover(prefix)
    except (OSError, errors.OpError):  # e.g. a read-only directory: report what is there
        pass
