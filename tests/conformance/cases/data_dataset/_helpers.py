"""Helpers shared by the ``data_dataset`` and ``data_iterators`` conformance cases (no cases here).

A dataset is checked through ``structure`` (its element types, static shapes and classes as
plain data) and ``drain`` (every element an iterator yields, up to ``OutOfRangeError``). Files
are written in a fresh temporary directory (``TempDir``) whose path reads ``<dir>`` in messages.
"""

import re

import numpy as np

from tests.conformance.cases.tfrecord import _helpers as tfrecord_helpers
from tests.conformance.harness import raises_last_line, shape_of


def plain(x):
    """A structure of dtypes, static shapes and classes as plain data (tuples become lists)."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (tuple, list)):
        return [plain(v) for v in x]
    if isinstance(x, type):
        return x.__name__
    if hasattr(x, "as_numpy_dtype") and hasattr(x, "name"):
        return x.name
    if hasattr(x, "as_list") and hasattr(x, "dims"):
        return {"shape": shape_of(x)}
    return x


def structure(tf, ds):
    """``{"types", "shapes", "classes"}`` of a dataset or iterator, through ``tf.data.get_output_*``."""
    return {"types": plain(tf.data.get_output_types(ds)), "shapes": plain(tf.data.get_output_shapes(ds)),
            "classes": plain(tf.data.get_output_classes(ds))}


def value(v):
    """A fetched element as comparable data: NumPy scalars become 0-d arrays (keeping the dtype)."""
    if isinstance(v, dict):
        return {k: value(x) for k, x in v.items()}
    if hasattr(v, "indices") and hasattr(v, "dense_shape"):  # a SparseTensorValue
        return {"indices": v.indices, "values": v.values, "dense_shape": v.dense_shape}
    if isinstance(v, (tuple, list)):
        return [value(x) for x in v]
    if isinstance(v, np.generic):
        return np.asarray(v)
    return v


def next_values(tf, sess, nxt, limit=200):
    """Run ``nxt`` until ``OutOfRangeError``: the values, then ``"end"`` (or ``"no end"`` after
    ``limit`` elements)."""
    out = []
    for _ in range(limit):
        try:
            out.append(value(sess.run(nxt)))
        except tf.errors.OutOfRangeError:
            return out + ["end"]
    return out + ["no end"]


def drain(tf, ds, limit=200):
    """Every element of ``ds`` through a one-shot iterator, then ``"end"``."""
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        return next_values(tf, sess, nxt, limit)


def drain_initializable(tf, ds, feed=None, limit=200):
    """Every element of ``ds`` through an initializable iterator (variables initialized first)."""
    it = tf.data.make_initializable_iterator(ds)
    nxt = it.get_next()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(it.initializer, feed)
        return next_values(tf, sess, nxt, limit)


def first_error(tf, ds, limit=200):
    """The elements of ``ds`` up to its first run-time error, then that error's class and last
    message line (``OutOfRangeError`` at the end)."""
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    out = []
    with tf.Session() as sess:
        for _ in range(limit):
            got = raises_last_line(lambda: out.append(value(sess.run(nxt))))
            if "error" in got:
                return out + [user_function_error(got)]
    return out + ["no end"]


def outcomes(tf, sess, nxt, runs):
    """Each of ``runs`` runs of ``nxt``: its value, or its error (errors do not stop the runs)."""
    out = []
    for _ in range(runs):
        got = raises_last_line(lambda: out.append(value(sess.run(nxt))))
        if "error" in got:
            out.append(user_function_error(got))
    return out


_CLASS = re.compile(r"<class '(?:\w+\.)*(\w+)'>")


def short_classes(got):
    """A recorded error whose message names classes by their name only (``<class 'X'>``): their
    modules differ between TensorFlow and scopeflow."""
    if "message" in got:
        got["message"] = _CLASS.sub(r"<class '\1'>", got["message"])
    return got


# TF's prefix of an error raised inside a dataset's function; it numbers the function and names
# the iterator's internal chain (which depends on its graph rewrites), so only the dataset stays.
_IN_FUNCTION = re.compile(r"^Error in user-defined function passed to (\w+):\d+ transformation with iterator: \S+: ")


def user_function_error(got):
    """A recorded error with TF's "Error in user-defined function passed to ..." prefix moved
    into ``"in_function"`` (the dataset's op type)."""
    found = _IN_FUNCTION.match(got.get("message", ""))
    if found:
        got["message"] = got["message"][found.end():]
        got["in_function"] = found.group(1)
    return got


def sorted_values(items):
    """Scalar elements (before ``"end"``) as a sorted list of Python numbers or bytes: a multiset."""
    return sorted(np.asarray(v).item() for v in items if not isinstance(v, str))


def graph_ops(tf, start=0):
    """``[name, type]`` of the default graph's operations from index ``start`` on."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()[start:]]


class TempDir(tfrecord_helpers.TempDir):
    """A fresh directory for one case: ``with TempDir() as d: d.path("name")``; ``d.clean(x)``
    writes its path as ``<dir>`` in strings found in ``x``."""

    def text(self, name: str, data) -> str:
        """Write ``data`` (str or bytes) to ``name``; return the file's path."""
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def records(self, tf, name: str, records, options=None) -> str:
        """Write ``records`` to the TFRecord file ``name``; return its path."""
        path = self.path(name)
        with tf.python_io.TFRecordWriter(path, options) as writer:
            for record in records:
                writer.write(record)
        return path

    def clean(self, x):
        if isinstance(x, str):
            return x.replace(self.root, "<dir>")
        if isinstance(x, bytes):
            return x.replace(self.root.encode(), b"<dir>")
        if isinstance(x, dict):
            return {k: self.clean(v) for k, v in x.items()}
        if isinstance(x, list):
            return [self.clean(v) for v in x]
        if isinstance(x, np.ndarray) and x.dtype == object:
            return np.array([self.clean(v) for v in x.ravel()], dtype=object).reshape(x.shape)
        return x
