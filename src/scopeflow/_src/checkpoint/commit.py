"""Replacing a V2 checkpoint's files so that its prefix is never without a complete checkpoint.

A checkpoint is two fixed names (or more: one data file per shard), ``P.index`` and
``P.data-00000-of-00001``, and the index's entries are offsets into that very data file: no
order of two renames swaps both at once. Removing the old index first leaves a moment with no
checkpoint at all (``latest_checkpoint`` is ``None``); replacing the data first leaves a moment
where the old index describes the new data (a restore fails). So a save commits in four steps,
with the index's pending file as the commit record:

1. every new data file is renamed to its final name plus ``.pending``;
2. the new index is renamed to ``P.index.pending``: **the commit point**. From here on the new
   checkpoint is complete on disk, under the pending names and final names together;
3. every ``.pending`` data file is renamed over its final name;
4. ``P.index.pending`` is renamed over ``P.index``.

What a reader sees at every instant, after ``recover(P)``:

- before step 2 (killed in step 1 or earlier): no ``P.index.pending``; ``P.index`` and the data
  files are the old checkpoint, untouched (stray ``.pending`` data files are ignored and removed
  by the next save);
- from step 2 to the end of step 4: ``P.index.pending`` exists, so ``recover`` completes steps 3
  and 4 (each rename is atomic and idempotent in effect: a file already moved is skipped), and the
  reader sees the new checkpoint;
- after step 4: the new checkpoint.

``recover`` runs where a checkpoint's existence is decided (``checkpoint_exists``, hence
``latest_checkpoint`` and ``Saver.restore``) and before every save to the prefix. Rename is atomic
on a local file system; the slow part of replacing a big file (freeing the old data's blocks)
happens inside step 3, which is covered by the commit record.
"""

from __future__ import annotations

import glob

from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io

PENDING = ".pending"


def _index(prefix: str) -> str:
    return prefix + ".index"


def _move(src: str, dst: str) -> None:
    try:
        file_io.rename(src, dst, overwrite=True)
    except errors.NotFoundError:  # already moved (by a concurrent recover)
        pass


def _pending_data(prefix: str) -> list:
    return file_io.glob(glob.escape(prefix) + ".data-?????-of-?????" + PENDING)


def recover(prefix: str) -> None:
    """Finish a save of ``prefix`` that was interrupted after its commit point (see above)."""
    index = _index(prefix)
    if not file_io.exists(index + PENDING):
        return
    for path in _pending_data(prefix):
        _move(path, path[:-len(PENDING)])
    _move(index + PENDING, index)


def recover_if_possible(prefix: str) -> None:
    """``recover(prefix)`` where a reader decides what a prefix holds; a pattern is left alone, and a
    directory it may not change (read-only) is read as it is."""
    if "*" in prefix or "?" in prefix or "[" in prefix:
        return
    try:
        recover(prefix)
    except (OSError, errors.OpError):
        pass


def prepare(prefix: str) -> None:
    """Before a save: finish an interrupted committed save, drop leftovers of an uncommitted one."""
    recover(prefix)
    for path in _pending_data(prefix):
        try:
            file_io.remove(path)
        except errors.NotFoundError:
            pass


def commit(prefix: str, data_files: list, index_file: str, move=None) -> None:
    """Make ``data_files`` (``[(written file, final name)]``) and ``index_file`` the checkpoint at
    ``prefix`` in the four steps above. ``move(src, dst)`` defaults to a rename."""
    move = move or _move
    index = _index(prefix)
    for src, dst in data_files:
        move(src, dst + PENDING)
    move(index_file, index + PENDING)  # the commit point
    for _, dst in data_files:
        _move(dst + PENDING, dst)
    _move(index + PENDING, index)
