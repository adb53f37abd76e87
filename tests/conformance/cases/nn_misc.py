"""dropout, embedding_lookup, top_k and in_top_k.

Dropout draws random numbers, so its cases record structure, shapes and properties that
hold for any stream (kept values are scaled by 1/keep_prob, seeded runs repeat), never the
random values themselves.
"""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, grad_values, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises

_X = arr(4, 5, seed=61)


def _ph(tf, shape=(None, 3), dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float32, list(shape) if shape is not None else None, name=name)


def _graph(tf, out):
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(out)}


@case
def dropout_keep_prob_graph(tf):
    return _graph(tf, tf.nn.dropout(_ph(tf), keep_prob=0.5))


@case
def dropout_rate_seed_graph(tf):
    y = tf.nn.dropout(_ph(tf), rate=0.5, seed=3)
    rnd = tf.get_default_graph().get_operation_by_name("dropout/random_uniform/RandomUniform")
    return dict(_graph(tf, y), seeds=[rnd.get_attr("seed"), rnd.get_attr("seed2")])


@case
def dropout_keep_prob_tensor_graph(tf):
    return _graph(tf, tf.nn.dropout(_ph(tf), keep_prob=tf.placeholder(tf.float32, name="kp")))


@case
def dropout_rate_tensor_graph(tf):
    return _graph(tf, tf.nn.dropout(_ph(tf), rate=tf.placeholder(tf.float32, [], name="r"), name="drop"))


@case
def dropout_noise_shape_graph(tf):
    return _graph(tf, tf.nn.dropout(_ph(tf), rate=0.3, noise_shape=[1, 3]))


@case
def dropout_static_input_graph(tf):
    return _graph(tf, tf.nn.dropout(tf.ones([2, 3]), rate=0.3))


@case
def dropout_rate_zero(tf):
    x = _ph(tf)
    return {"same": tf.nn.dropout(x, rate=0.0) is x, "ops": op_summary(tf.get_default_graph())}


@case
def dropout_errors(tf):
    x = _ph(tf)
    return [raises(lambda: tf.nn.dropout(x, rate=1.5)), raises(lambda: tf.nn.dropout(x, keep_prob=1.5)),
            raises(lambda: tf.nn.dropout(x)), raises(lambda: tf.nn.dropout(x, keep_prob=0.5, rate=0.5)),
            raises(lambda: tf.nn.dropout(tf.ones([2], tf.int32), rate=0.5)),
            raises(lambda: tf.nn.dropout(x, keep_prob="a"))]


@case
def dropout_kept_values_are_scaled(tf):
    y = tf.nn.dropout(tf.fill([50, 40], 2.0), keep_prob=0.25)
    v = values(tf, y)
    kept = float(np.mean(v != 0))
    return {"distinct": sorted(set(np.unique(v).tolist())), "fraction_kept_plausible": 0.15 < kept < 0.35}


@case
def dropout_seeded_repeats_across_sessions(tf):
    tf.set_random_seed(1)
    y = tf.nn.dropout(tf.ones([20, 20]), rate=0.5)
    with tf.Session() as s1:
        a, a2 = s1.run(y), s1.run(y)
    with tf.Session() as s2:
        b = s2.run(y)
    return {"same_across_sessions": bool(np.array_equal(a, b)), "differs_between_runs": not np.array_equal(a, a2)}


@case
def dropout_gradient(tf):
    tf.set_random_seed(2)
    x = tf.constant(np.ones((30, 30), np.float32), name="x")
    y = tf.nn.dropout(x, rate=0.5)
    g = tf.gradients(y, x)[0]
    with tf.Session() as sess:
        yv, gv = sess.run([y, g])
    return {"name": g.name, "grad_matches_mask": bool(np.array_equal(gv, yv)),
            "ops": [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")]}


# -- embedding_lookup ----------------------------------------------------------------------------------------
@case
def embedding_lookup_constant(tf):
    params = tf.constant(np.arange(30, dtype=np.float32).reshape(10, 3))
    ids = tf.placeholder(tf.int32, [None], name="ids")
    return describe(tf, tf.nn.embedding_lookup(params, ids), {ids: [3, 0, 9, 3]})


@case
def embedding_lookup_variable_2d_ids(tf):
    w = tf.get_variable("emb", [10, 3], initializer=tf.constant_initializer(np.arange(30).reshape(10, 3)))
    ids = tf.constant([[1, 2], [9, 0]])
    y = tf.nn.embedding_lookup(w, ids, name="lookup")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        v = sess.run(y)
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y), "value": v}


@case
def embedding_lookup_list_of_one(tf):
    params = [tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2))]
    return describe(tf, tf.nn.embedding_lookup(params, [2, 2, 0]))


@case
def embedding_lookup_max_norm(tf):
    params = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
    return describe(tf, tf.nn.embedding_lookup(params, tf.constant([0, 3]), max_norm=2.0))


@case
def embedding_lookup_out_of_range(tf):
    return run_error(tf, tf.nn.embedding_lookup(tf.ones([3, 2]), tf.constant([0, 5])))


@case
def embedding_lookup_gradient_dense_values(tf):
    params = tf.constant(np.arange(12, dtype=np.float64).reshape(4, 3), name="params")
    y = tf.nn.embedding_lookup(params, tf.constant([1, 3, 1]))
    g = tf.gradients(tf.reduce_sum(y * y), params)[0]
    return values(tf, tf.convert_to_tensor(g))


# -- top_k and in_top_k ----------------------------------------------------------------------------------------
@case
def top_k_graph_and_values(tf):
    x = _ph(tf, (None, 5))
    out = tf.nn.top_k(x, k=2)
    return dict(describe(tf, list(out), {x: _X}), fields=[out.values.name, out.indices.name])


@case
def top_k_ties_and_tensor_k(tf):
    x = tf.constant([[1.0, 3.0, 3.0, 2.0], [5.0, 5.0, 5.0, 5.0]])
    a = tf.nn.top_k(x, k=3)
    b = tf.nn.top_k(x, k=tf.constant(2), name="tk")
    c = tf.nn.top_k(tf.constant([4, 1, 7], tf.int32))
    return describe(tf, list(a) + list(b) + list(c))


@case
def top_k_static_shapes(tf):
    return [static(list(tf.nn.top_k(_ph(tf, (None, 4)), k=tf.placeholder(tf.int32, [])))),
            static(list(tf.nn.top_k(_ph(tf, None), k=2))),
            static(list(tf.nn.top_k(tf.ones([2, 3, 4]), k=4, index_type=tf.int64)))]


@case
def top_k_errors(tf):
    return [raises(lambda: tf.nn.top_k(tf.ones([2, 3]), k=4)),
            raises(lambda: tf.nn.top_k(tf.constant(1.0), k=1)),
            raises(lambda: tf.nn.top_k(tf.ones([2, 3]), k=-1))]


@case
def top_k_runtime_error(tf):
    x = tf.placeholder_with_default(tf.ones([2, 3]), [None, None])
    return run_error(tf, tf.nn.top_k(x, k=4).values)


@case
def top_k_gradient(tf):
    x = tf.placeholder(tf.float64, [4, 5], name="x")
    out = grads(tf, tf.nn.top_k(x, k=3).values, x, {x: _X.astype(np.float64)})
    # TF's C++ shape inference folds the whole constant index computation of this gradient;
    # the op list (which depends on that folding) is left out.
    return {"names": out["names"], "shapes": out["shapes"], "values": out["values"],
            "grad_ops": [s for s in out["ops"] if "_grad/" not in s[0] or "TopKV2_grad/ScatterNd" in s[0]]}


@case
def in_top_k_graph_and_values(tf):
    preds = tf.constant([[1.0, 3.0, 3.0, 2.0], [1.0, 2.0, 3.0, np.nan], [0.5, 0.1, 0.2, 0.3]])
    targets = tf.placeholder(tf.int32, [None], name="t")
    out = [tf.nn.in_top_k(preds, targets, 1), tf.nn.in_top_k(preds, targets, 2, name="k2"),
           tf.nn.in_top_k(preds, targets, 3)]
    return describe(tf, out, {targets: [2, 0, 7]})


@case
def in_top_k_int64_targets(tf):
    return values(tf, tf.nn.in_top_k(tf.constant(_X), tf.constant([0, 1, 2, 3], tf.int64), 2))


@case
def in_top_k_errors(tf):
    return [raises(lambda: tf.nn.in_top_k(tf.ones([2, 3]), tf.ones([3], tf.int32), 1)),
            raises(lambda: tf.nn.in_top_k(tf.ones([2, 3]), tf.ones([2, 1], tf.int32), 1)),
            raises(lambda: tf.nn.in_top_k(tf.ones([2, 3], tf.float64), tf.ones([2], tf.int32), 1))]


@case
def top_k_gradient_values_3d(tf):
    x = tf.constant(arr(2, 3, 4, seed=62))
    return grad_values(tf, tf.nn.top_k(x, k=2).values, x)


@case
def in_top_k_runtime_error(tf):
    p = tf.placeholder(tf.float32)
    return run_error(tf, tf.nn.in_top_k(p, [0, 1], 1), {p: np.ones((3, 3))})
