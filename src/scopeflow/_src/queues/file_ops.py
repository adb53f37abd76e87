"""Whole files as strings in the graph: ``ReadFile`` (``tf.read_file``, ``tf.io.read_file``) and
``WriteFile`` (``tf.write_file``, ``tf.io.write_file``), TF1's way to feed ``tf.image.decode_jpeg``
from a path. Paths go through ``lib_io.file_io``: local files, and remote ones (``gs://``...)
where fsspec has the backend, with TF's error classes and wording (``"<path>; No such file or
directory"``). Loaded on first use with the queues and readers.
"""

from __future__ import annotations

import posixpath

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.lib_io import file_io
from scopeflow._src.lib_io.fs_errors import as_tf_error


def _scalar_inputs(inputs, attrs):
    """TF's shape functions: every input is a scalar; ``ReadFile``'s output is one too."""
    for t in inputs:
        if t.shape.ndims not in (None, 0):
            raise ShapeError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    return TensorShape([]) if len(inputs) == 1 else []


def _path_of(op, value, what):
    if np.ndim(value):
        raise errors.InvalidArgumentError(
            None, op, f"Input {what} tensor must be scalar, but had shape: {shape_text(TensorShape(np.shape(value)))}")
    path = np.asarray(value, dtype=object).item()
    return path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else str(path)


def _as_op_error(op, exc):
    """A file error raised for ``op``: TF's class and ``"<path>; <reason>"`` text."""
    if isinstance(exc, errors.OpError):
        return type(exc)(None, op, exc.message)
    return None


def _read_factory(op, state):
    def read_file(filename):
        path = _path_of(op, filename, "filename")
        try:
            data = file_io.read_file(path)
        except errors.OpError as exc:
            raise _as_op_error(op, exc) from None
        except OSError as exc:
            raise _as_op_error(op, as_tf_error(exc, path)) from None
        return np.array(data, dtype=object)
    return read_file


def _write_factory(op, state):
    def write_file(filename, contents):
        path = _path_of(op, filename, "filename")
        if np.ndim(contents):
            shape = shape_text(TensorShape(np.shape(contents)))
            raise errors.InvalidArgumentError(None, op, f"Contents tensor must be scalar, but had shape: {shape}")
        data = np.asarray(contents, dtype=object).item()
        try:
            parent = posixpath.dirname(path) if "://" in path else path.rsplit("/", 1)[0] if "/" in path else ""
            if parent and not file_io.exists(parent):
                file_io.makedirs(parent)  # TF: "recursively creates directory if it does not exist"
            with file_io.filesystem(path).open(path, "wb") as f:
                f.write(data if isinstance(data, bytes) else str(data).encode())
        except errors.OpError as exc:
            raise _as_op_error(op, exc) from None
        except OSError as exc:
            raise _as_op_error(op, as_tf_error(exc, path)) from None
        return None
    return write_file


registry.register(OpDef("ReadFile", inputs=["filename: string"], outputs=["contents: string"],
                        shape=_scalar_inputs, factory=_read_factory))
registry.register(OpDef("WriteFile", inputs=["filename: string", "contents: string"], outputs=[],
                        shape=_scalar_inputs, factory=_write_factory, stateful=True))


def read_file(filename, name=None):
    """The bytes of the file ``filename`` (a scalar string tensor) as a scalar string.

    >>> import os, tempfile
    >>> import scopeflow as tf
    >>> path = os.path.join(tempfile.mkdtemp(), "hello.txt")
    >>> with tf.Graph().as_default():
    ...     write = tf.write_file(path, "hello")
    ...     contents = tf.read_file(path)
    ...     with tf.Session() as sess:
    ...         _ = sess.run(write)
    ...         print(contents.name, sess.run(contents))
    ReadFile:0 b'hello'
    """
    return create_output("ReadFile", [filename], {}, name=name)


def write_file(filename, contents, name=None):
    """The op that writes ``contents`` (a scalar string) to the file ``filename``, making its
    directories first; returns the ``Operation`` (``WriteFile``), as TF."""
    return create("WriteFile", [filename, contents], {}, name=name)
