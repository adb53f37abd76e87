"""``Dataset.reduce``, ``Dataset.scan``/``tf.data.experimental.scan`` (a state carried across the
elements, its shapes relaxed when the function changes them) and ``Dataset.window`` (windows
whose components are datasets): graph ops, static structure, values and errors."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, graph_ops, plain, structure
from tests.conformance.harness import case, raises, raises_last_line, shape_of, values


def _node_attrs(tf, op_type):
    node = next(n for n in tf.get_default_graph().as_graph_def().node if n.op == op_type)
    return {k: str(v) for k, v in sorted(node.attr.items()) if k != "f"}


@case
def reduce_sums_and_products(tf):
    total = tf.data.Dataset.range(5).reduce(np.int64(0), lambda s, x: s + x)
    pair = tf.data.Dataset.range(1, 5).reduce((np.int64(0), 1.0),
                                              lambda s, x: (s[0] + x, s[1] * tf.cast(x, tf.float32)))
    nested = tf.data.Dataset.range(3).reduce((np.int64(0), {"a": 1.0}), lambda s, x: (s[0] + x, {"a": s[1]["a"] * 2}))
    return {"names": [total.name, [t.name for t in pair], [nested[0].name, nested[1]["a"].name]],
            "shapes": [shape_of(total), shape_of(pair[1])], "values": values(tf, [total, pair, nested]),
            "ops": graph_ops(tf), "attrs": _node_attrs(tf, "ReduceDataset")}


@case
def reduce_relaxes_a_growing_state(tf):
    grown = tf.data.Dataset.range(4).reduce(tf.constant([], tf.int64), lambda s, x: tf.concat([s, [x]], 0))
    return [shape_of(grown), values(tf, grown)]


@case
def reduce_of_elements_with_several_components(tf):
    ds = tf.data.Dataset.from_tensor_slices(({"x": [1.0, 2.0, 3.0]}, [1, 0, 1]))
    out = ds.reduce(0.0, lambda s, element: s + element[0]["x"] * tf.cast(element[1], tf.float32))
    empty = tf.data.Dataset.range(0).reduce(np.int64(7), lambda s, x: s + x)
    return values(tf, [out, empty])


@case
def reduce_state_type_errors(tf):
    return [raises(lambda: tf.data.Dataset.range(3).reduce(np.int64(0), lambda s, x: tf.cast(s, tf.float32))),
            raises(lambda: tf.data.Dataset.range(3).reduce((np.int64(0), 1.0),
                                                           lambda s, x: (s[0], tf.cast(s[0], tf.float64))))]


@case
def scan_running_sums(tf):
    ds = tf.data.Dataset.range(5).apply(tf.data.experimental.scan(np.int64(0), lambda s, x: (s + x, s * 10)))
    return {"structure": structure(tf, ds), "values": drain(tf, ds), "ops": graph_ops(tf),
            "attrs": _node_attrs(tf, "ScanDataset")}


@case
def scan_nested_state_and_output(tf):
    ds = tf.data.Dataset.range(4).scan((np.int64(1), np.float32(0)),
                                       lambda s, x: ((s[0] * 2, s[1] + 1), {"a": x, "s": s[0]}))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def scan_relaxes_a_growing_state(tf):
    ds = tf.data.Dataset.range(3).scan(tf.constant([], tf.int64), lambda s, x: (tf.concat([s, [x]], 0), s))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def scan_errors(tf):
    return [raises(lambda: tf.data.Dataset.range(3).scan(np.int64(0), lambda s, x: s)),
            raises(lambda: tf.data.Dataset.range(3).scan(np.int64(0), lambda s, x: (tf.cast(s, tf.int32), x))),
            raises(lambda: tf.data.Dataset.range(3).scan((np.int64(0), 1.0),
                                                         lambda s, x: ((s[0], tf.cast(s[1], tf.float64)), x)))]


@case
def window_batched_back(tf):
    out = {}
    for name, args in [("size3_shift2", (3, 2)), ("stride2", (3, 2, 2)), ("drop", (3, 4, 2, True)),
                       ("default_shift", (2,)), ("shift_past_size", (2, 3)), ("longer_than_input", (10,))]:
        out[name] = drain(tf, tf.data.Dataset.range(8).window(*args).flat_map(lambda w: w.batch(10)))
    return out


@case
def window_of_tuples_and_dicts(tf):
    floats = tf.data.Dataset.range(5).map(lambda x: tf.cast(x, tf.float32))
    pairs = tf.data.Dataset.zip((tf.data.Dataset.range(5), floats))
    windows = pairs.window(2)
    zipped = windows.flat_map(lambda a, b: tf.data.Dataset.zip((a, b)).batch(2))
    dicts = tf.data.Dataset.from_tensor_slices({"a": [1, 2, 3], "b": ["x", "y", "z"]}).window(2, drop_remainder=True)
    return {"types": repr(windows.output_types), "shapes": repr(windows.output_shapes),
            "classes": repr(windows.output_classes), "spec": repr(dicts.element_spec), "pairs": drain(tf, zipped),
            "dicts": drain(tf, dicts.flat_map(lambda d: tf.data.Dataset.zip(d).batch(2)))}


@case
def window_graph(tf):
    ds = tf.data.Dataset.range(7).window(3, shift=2, stride=1, drop_remainder=False).flat_map(lambda w: w.batch(3))
    tf.data.make_one_shot_iterator(ds).get_next()
    return {"ops": graph_ops(tf), "attrs": _node_attrs(tf, "WindowDataset"),
            "flat_map": plain(tf.data.get_output_shapes(ds))}


@case
def window_bad_arguments(tf):
    out = []
    for args in [(0,), (2, 0), (2, 1, 0), (-1,), (2, -1)]:
        with tf.Graph().as_default():
            nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(3).window(*args).flat_map(
                lambda w: w.batch(5))).get_next()
            with tf.Session() as sess:
                out.append(raises_last_line(sess.run, nxt))
    return out
