"""``DEAD``: the value of a tensor that was not computed, because it lies in the untaken
branch of a cond or past a loop's last iteration.

TensorFlow's executor marks such tensors dead and propagates deadness: an op with a dead
input (or a dead control input) does not run and its outputs are dead, except for the ops
that exist to handle deadness (``Switch`` makes one output dead, ``Merge`` takes whichever
input is alive). A plan does the same with this one sentinel object.
"""

from __future__ import annotations


class _Dead:
    """The sentinel's type: no value, and ``get()`` (a variable reference's read) is itself."""

    __slots__ = ()

    def get(self):
        return self

    def __repr__(self):
        return "DEAD"


DEAD = _Dead()
