"""``tf.nn.nce_loss`` and ``tf.nn.sampled_softmax_loss``: TF's graphs and, with ``sampled_values``
given, TF's values and gradients."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, static
from tests.conformance.harness import case, op_summary, raises

_W = arr(10, 3, seed=3, dtype=np.float32)
_B = arr(10, seed=4, dtype=np.float32)
_X = arr(4, 3, seed=5, dtype=np.float32)
_LABELS = np.array([[1, 2], [3, 3], [0, 9], [5, 1]], np.int64)


def _sampled(tf, dtype=np.float32, candidates=(2, 5, 1, 7)):
    n = len(candidates)
    return (tf.constant(list(candidates), tf.int64, name="sampled"),
            tf.constant(arr(4, 2, seed=6, low=0.1, high=1.5, dtype=dtype), name="true_count"),
            tf.constant(arr(n, seed=7, low=0.1, high=1.5, dtype=dtype), name="sampled_count"))


def _describe(tf, loss):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = sess.run(loss)
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(loss), "value": value}


@case
def nce_one_true(tf):
    loss = tf.nn.nce_loss(tf.constant(_W), tf.constant(_B), tf.constant(_LABELS[:, :1]), tf.constant(_X), 4, 10,
                          sampled_values=_sampled(tf))
    return _describe(tf, loss)


@case
def nce_two_true_hits_removed_div_shards(tf):
    loss = tf.nn.nce_loss([tf.constant(_W[:5]), tf.constant(_W[5:])], tf.constant(_B), tf.constant(_LABELS),
                          tf.constant(_X), 4, 10, num_true=2, sampled_values=_sampled(tf),
                          remove_accidental_hits=True, partition_strategy="div")
    return _describe(tf, loss)


@case
def nce_mod_shards_named(tf):
    shards = [tf.constant(_W[i::3]) for i in range(3)]
    loss = tf.nn.nce_loss(shards, tf.constant(_B), tf.constant(_LABELS[:, 1:]), tf.constant(_X), 4, 10,
                          sampled_values=_sampled(tf), name="my_nce")
    return _describe(tf, loss)


@case
def nce_float64(tf):
    loss = tf.nn.nce_loss(tf.constant(_W.astype(np.float64)), tf.constant(_B.astype(np.float64)),
                          tf.constant(_LABELS[:, :1]), tf.constant(_X.astype(np.float64)), 4, 10,
                          sampled_values=_sampled(tf, np.float64))
    return _describe(tf, loss)


@case
def sampled_softmax_two_true_int32_labels(tf):
    loss = tf.nn.sampled_softmax_loss(tf.constant(_W), tf.constant(_B), tf.constant(_LABELS, tf.int32),
                                      tf.constant(_X), 4, 10, num_true=2, sampled_values=_sampled(tf))
    return _describe(tf, loss)


@case
def sampled_softmax_keep_hits_mod_shards(tf):
    shards = [tf.constant(_W[i::2]) for i in range(2)]
    loss = tf.nn.sampled_softmax_loss(shards, tf.constant(_B), tf.constant(_LABELS[:, :1]), tf.constant(_X), 4, 10,
                                      sampled_values=_sampled(tf), remove_accidental_hits=False)
    return _describe(tf, loss)


@case
def sampled_softmax_repeated_candidates(tf):
    loss = tf.nn.sampled_softmax_loss(tf.constant(_W), tf.constant(_B), tf.constant(_LABELS[:, :1]),
                                      tf.constant(_X), 5, 10, sampled_values=_sampled(tf, candidates=(1, 3, 1, 0, 5)))
    return _describe(tf, loss)


@case
def nce_sampler_graph(tf):
    labels = tf.placeholder(tf.int64, [None, 1], name="labels")
    inputs = tf.placeholder(tf.float32, [None, 3], name="inputs")
    loss = tf.nn.nce_loss(tf.constant(_W), tf.constant(_B), labels, inputs, 4, 10)
    sampler = tf.get_default_graph().get_operation_by_name("nce_loss/LogUniformCandidateSampler")
    with tf.Session() as sess:
        value = sess.run(loss, {labels: _LABELS[:, :1], inputs: _X})
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(loss),
            "attrs": [sampler.get_attr(a) for a in ("num_true", "num_sampled", "unique", "range_max")],
            "finite": bool(np.isfinite(value).all()), "shape": list(value.shape)}


@case
def sampled_softmax_sampler_seed(tf):
    loss = tf.nn.sampled_softmax_loss(tf.constant(_W), tf.constant(_B), tf.constant(_LABELS[:, :1]),
                                      tf.constant(_X), 3, 10, seed=11)
    sampler = tf.get_default_graph().get_operation_by_name("sampled_softmax_loss/LogUniformCandidateSampler")
    return {"outs": static(loss), "seed": [sampler.get_attr("seed"), sampler.get_attr("seed2")],
            "ops": op_summary(tf.get_default_graph())}


def _grad_values(tf, make_loss):
    w = tf.get_variable("w", initializer=_W)
    b = tf.get_variable("b", initializer=_B)
    x = tf.constant(_X, name="x")
    loss = tf.reduce_sum(make_loss(w, b, x) * tf.constant([1.0, 2.0, 0.5, 1.5]))
    gs = [tf.convert_to_tensor(g) for g in tf.gradients(loss, [w, b, x])]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(gs)


@case
def nce_gradients(tf):
    return _grad_values(tf, lambda w, b, x: tf.nn.nce_loss(w, b, tf.constant(_LABELS), x, 4, 10, num_true=2,
                                                           sampled_values=_sampled(tf)))


@case
def sampled_softmax_gradients(tf):
    return _grad_values(tf, lambda w, b, x: tf.nn.sampled_softmax_loss(w, b, tf.constant(_LABELS[:, :1]), x, 4, 10,
                                                                       sampled_values=_sampled(tf)))


@case
def nce_trains_with_gradient_descent(tf):
    w = tf.get_variable("w", initializer=_W)
    b = tf.get_variable("b", initializer=_B)
    emb = tf.get_variable("emb", initializer=arr(6, 3, seed=9, dtype=np.float32))
    inputs = tf.nn.embedding_lookup(emb, [0, 2, 5, 2])
    loss = tf.reduce_mean(tf.nn.nce_loss(w, b, tf.constant(_LABELS[:, :1]), inputs, 4, 10,
                                         sampled_values=_sampled(tf)))
    step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            losses.append(sess.run([loss, step])[0])
        return {"losses": losses, "vars": sess.run([w, b, emb])}


@case
def nce_three_true_unknown_batch(tf):
    labels = tf.placeholder(tf.int64, [None, 3], name="labels")
    inputs = tf.placeholder(tf.float32, [None, 3], name="inputs")
    sampled = (tf.constant([2, 5, 1, 7], tf.int64), tf.placeholder(tf.float32, [None, 3], name="tc"),
               tf.constant([0.5, 1.0, 0.25, 2.0]))
    loss = tf.nn.nce_loss(tf.constant(_W), tf.constant(_B), labels, inputs, 4, 10, num_true=3, sampled_values=sampled,
                          remove_accidental_hits=True)
    with tf.Session() as sess:
        value = sess.run(loss, {labels: [[1, 2, 2], [7, 0, 9]], inputs: _X[:2],
                                sampled[1]: [[0.5, 0.25, 1.0], [2.0, 1.5, 0.75]]})
    return {"outs": static(loss), "value": value, "ops": op_summary(tf.get_default_graph())}


@case
def sampled_softmax_list_labels(tf):
    return _describe(tf, tf.nn.sampled_softmax_loss(tf.constant(_W), tf.constant(_B), [[1], [2], [3], [4]],
                                                    tf.constant(_X), 4, 10, sampled_values=_sampled(tf)))


@case
def nce_mismatched_dtypes_error(tf):
    return raises(tf.nn.nce_loss, tf.constant(_W), tf.constant(_B), tf.constant(_LABELS[:, :1]),
                  tf.constant(_X.astype(np.float64)), 4, 10, sampled_values=_sampled(tf))


@case
def embedding_lookup_float_ids_error(tf):
    return raises(tf.nn.embedding_lookup, tf.constant(_W), tf.constant([1.0, 2.0]))
