"""``tf.train.load_checkpoint``, ``NewCheckpointReader``, ``list_variables``, ``load_variable``.

Where we differ: a corrupted index raises ``DataLossError`` (TensorFlow raises the generic
``OpError`` with the same text); ``DataLossError`` is an ``OpError``, so handlers keep
working. bfloat16 tensors come back as ``ml_dtypes.bfloat16`` arrays when ``ml_dtypes`` is
installed (as in TensorFlow) and as their raw ``uint16`` bits otherwise.
"""

from __future__ import annotations

import os

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.checkpoint_state import latest_checkpoint
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.lib_io import file_io


class CheckpointReader:
    """Reads the tensors of one checkpoint (TensorFlow's ``CheckpointReader``).

    >>> import numpy as np, os, tempfile
    >>> from scopeflow._src.checkpoint.bundle_writer import BundleWriter
    >>> prefix = os.path.join(tempfile.mkdtemp(), "ckpt")
    >>> with BundleWriter(prefix) as w:
    ...     w.add("w", np.array([1.0, 2.0], np.float32))
    >>> reader = NewCheckpointReader(prefix)
    >>> reader.get_variable_to_shape_map(), reader.get_tensor("w")
    ({'w': [2]}, array([1., 2.], dtype=float32))
    """

    def __init__(self, filepattern):
        if isinstance(filepattern, bytes):
            filepattern = filepattern.decode("utf-8", "surrogateescape")
        self._reader = BundleReader(file_io.path_text(filepattern))

    @property
    def prefix(self) -> str:
        return self._reader.prefix

    def _name(self, tensor_str) -> str:
        if not isinstance(tensor_str, (str, bytes)):
            raise TypeError(f"Expected binary or unicode string, got {tensor_str!r}")
        return tensor_str.decode("utf-8", "surrogateescape") if isinstance(tensor_str, bytes) else tensor_str

    def has_tensor(self, tensor_str) -> bool:
        return self._name(tensor_str) in self._reader.entries

    def get_tensor(self, tensor_str):
        """The tensor's value: an array, or a NumPy scalar / ``bytes`` for 0-d tensors."""
        try:
            value = self._reader.read(self._name(tensor_str))
        except errors.InvalidArgumentError as e:
            if e.message.startswith("Does not have sufficient slices"):  # TF's reader says ValueError
                raise ValueError(e.message) from None
            raise
        return value[()] if value.ndim == 0 else value

    def get_variable_to_shape_map(self) -> dict:
        return {name: list(e.shape) for name, e in self._reader.entries.items()}

    def get_variable_to_dtype_map(self) -> dict:
        out = {}
        for name, e in self._reader.entries.items():
            try:
                out[name] = dtypes.as_dtype(e.dtype)
            except TypeError:  # one of TensorFlow's newer types (float8, int4...): scopeflow has no DType for it
                raise errors.UnimplementedError(None, None, f"Data type {fmt.tf_type_name(e.dtype)} not supported "
                                                            f"(tensor {name} in {self.prefix})") from None
        return out

    def debug_string(self) -> bytes:
        lines = [f"{name} (DT_{fmt.tf_type_name(e.dtype).upper()}) [{','.join(str(d) for d in e.shape)}]\n"
                 for name, e in sorted(self._reader.entries.items())]
        return "".join(lines).encode("utf-8", "surrogateescape")

    def entry(self, name: str):
        """scopeflow: the stored ``BundleEntryProto`` of ``name`` (dtype enum, shape, size...)."""
        return self._reader.entries[name]

    def close(self) -> None:
        """scopeflow: close the data files now (they also close when the reader is collected)."""
        self._reader.close()


def NewCheckpointReader(filepattern) -> CheckpointReader:  # noqa: N802 - TensorFlow's name
    """A ``CheckpointReader`` for the checkpoint prefix ``filepattern``."""
    return CheckpointReader(filepattern)


def checkpoint_filename(ckpt_dir_or_file) -> str | None:
    """The checkpoint a directory (its latest) or a prefix names; ``None`` for a directory
    without one."""
    path = os.fspath(ckpt_dir_or_file)
    if file_io.isdir(path):
        return latest_checkpoint(path)
    return path


def load_checkpoint(ckpt_dir_or_file) -> CheckpointReader:
    """A ``CheckpointReader`` for a checkpoint prefix, or for the latest checkpoint of a directory."""
    filename = checkpoint_filename(ckpt_dir_or_file)
    if filename is None:
        raise ValueError(f"Couldn't find 'checkpoint' file or checkpoints in given directory {ckpt_dir_or_file}")
    return NewCheckpointReader(filename)


def load_variable(ckpt_dir_or_file, name: str):
    """The value of tensor ``name`` (a trailing ``:0`` is ignored) in the checkpoint."""
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)


def list_variables(ckpt_dir_or_file) -> list:
    """``[(name, shape), ...]`` of every tensor in the checkpoint, sorted by name."""
    reader = load_checkpoint(ckpt_dir_or_file)
    shapes = reader.get_variable_to_shape_map()
    return [(name, shapes[name]) for name in sorted(shapes)]

