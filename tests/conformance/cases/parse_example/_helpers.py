"""Helpers shared by the ``parse_example`` conformance cases (no cases here): records built
with the API's own protos, and parse results as plain data."""

import numpy as np

from tests.conformance.cases.runtime_errors._helpers import _kernel_error


def feature(tf, values):
    """A ``tf.train.Feature`` of ``values`` (bytes, floats or ints; ``[]``: an empty Feature)."""
    if not values:
        return tf.train.Feature()
    if isinstance(values[0], bytes):
        return tf.train.Feature(bytes_list=tf.train.BytesList(value=values))
    if isinstance(values[0], float):
        return tf.train.Feature(float_list=tf.train.FloatList(value=values))
    return tf.train.Feature(int64_list=tf.train.Int64List(value=values))


def example(tf, **features):
    """A serialized ``tf.train.Example`` of ``features`` (key -> values)."""
    return tf.train.Example(features=tf.train.Features(
        feature={k: feature(tf, v) for k, v in features.items()})).SerializeToString(deterministic=True)


def sequence(tf, context=None, **lists):
    """A serialized ``tf.train.SequenceExample``: ``context`` features, ``lists`` (key -> frames)."""
    return tf.train.SequenceExample(
        context=tf.train.Features(feature={k: feature(tf, v) for k, v in (context or {}).items()}),
        feature_lists=tf.train.FeatureLists(feature_list={
            k: tf.train.FeatureList(feature=[feature(tf, f) for f in v]) for k, v in lists.items()}),
    ).SerializeToString(deterministic=True)


def static(parsed):
    """Each result's key (in the dict's order) with ``[name, dtype, shape]`` (a SparseTensor's
    three tensors for a sparse result)."""
    if isinstance(parsed, (tuple, list)):
        return [static(p) for p in parsed]
    return [[key, _static(value)] for key, value in parsed.items()]


def _static(t):
    if hasattr(t, "indices"):
        return [_static(t.indices), _static(t.values), _static(t.dense_shape)]
    return [t.name, t.dtype.name, None if t.shape.ndims is None else t.shape.as_list()]


def plain(value):
    """A fetched parse result as plain data (a SparseTensorValue as its three arrays)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)) and not hasattr(value, "indices"):
        return [plain(v) for v in value]
    if hasattr(value, "indices"):
        return {"indices": np.asarray(value.indices), "values": np.asarray(value.values),
                "dense_shape": np.asarray(value.dense_shape)}
    return np.asarray(value)


def run(tf, fetch, feed=None):
    """``{"ok": plain values}``, or the kernel's error (``{"error", "node", "kernel"}``)."""
    with tf.Session() as sess:
        try:
            value = sess.run(fetch, feed)
        except tf.errors.OpError:
            return _kernel_error(tf, fetch, feed)
    return {"ok": plain(value)}


def graph_ops(graph):
    """``[name, type, [input names]]`` of every op of ``graph``, in creation order."""
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in graph.get_operations()]
