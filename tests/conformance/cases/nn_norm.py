"""Normalisation: moments, batch_normalization, fused_batch_norm, l2_normalize."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, grad_values, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises

_X = arr(5, 3, seed=51, low=-3.0, high=5.0)
_IMG = arr(2, 3, 2, 3, seed=52, low=-1.0, high=3.0, dtype=np.float32)


def _ph(tf, shape=(None, 3), dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float64, list(shape) if shape is not None else None, name=name)


@case
def moments_graph(tf):
    x = _ph(tf)
    return describe(tf, list(tf.nn.moments(x, axes=[0])), {x: _X})


@case
def moments_keep_dims_4d(tf):
    x = tf.placeholder(tf.float32, [None, 3, 2, 3], name="x")
    return describe(tf, list(tf.nn.moments(x, axes=[0, 1, 2], keep_dims=True)), {x: _IMG})


@case
def moments_named_axis1(tf):
    x = tf.constant(_X)
    return describe(tf, list(tf.nn.moments(x, axes=[1], name="stats", keepdims=False)))


@case
def moments_gradient(tf):
    x = _ph(tf, (5, 3))
    mean, var = tf.nn.moments(x, axes=[0])
    return {"mean": grads(tf, mean, x, {x: _X}), "var": grad_values(tf, var, x, {x: _X})}


@case
def batch_normalization_graph(tf):
    x = _ph(tf)
    mean, var = tf.constant([0.5, -1.0, 2.0], tf.float64), tf.constant([1.0, 4.0, 0.25], tf.float64)
    offset, scale = tf.constant([0.1, 0.2, 0.3], tf.float64), tf.constant([2.0, 1.0, 0.5], tf.float64)
    return describe(tf, tf.nn.batch_normalization(x, mean, var, offset, scale, 1e-3), {x: _X})


@case
def batch_normalization_no_scale_offset(tf):
    x = _ph(tf)
    y = tf.nn.batch_normalization(x, tf.zeros([3], tf.float64), tf.ones([3], tf.float64), None, None, 1e-3,
                                  name="bn")
    return describe(tf, y, {x: _X})


@case
def batch_normalization_with_moments_gradient(tf):
    x = _ph(tf, (5, 3))
    scale = tf.constant([2.0, 1.0, 0.5], tf.float64, name="scale")
    offset = tf.constant([0.1, 0.2, 0.3], tf.float64, name="offset")
    mean, var = tf.nn.moments(x, [0])
    y = tf.nn.batch_normalization(x, mean, var, offset, scale, 1e-3)
    return grads(tf, y, [x, scale, offset], {x: _X})


@case
def fused_batch_norm_graph(tf):
    x = tf.placeholder(tf.float32, [None, 3, 2, 3], name="x")
    outs = tf.nn.fused_batch_norm(x, tf.constant([1.0, 2.0, 0.5]), tf.constant([0.0, 0.1, -0.1]))
    return describe(tf, list(outs), {x: _IMG})


@case
def fused_batch_norm_all_outputs(tf):
    x = tf.constant(_IMG)
    y = tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]))[0]
    return {"outs": static(y.op.outputs), "values": values(tf, y.op.outputs[:5])}


@case
def fused_batch_norm_inference(tf):
    x = tf.placeholder(tf.float32, [None, 3, 2, 3], name="x")
    outs = tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]), mean=tf.constant([0.5, 1.0, 1.5]),
                                  variance=tf.constant([1.0, 2.0, 4.0]), is_training=False, epsilon=1e-5)
    # TF's graph optimiser rewrites inference-mode FusedBatchNormV3 so that only output 0 can be fetched.
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(list(outs)), "y": values(tf, outs[0], {x: _IMG})}


@case
def fused_batch_norm_exponential_avg(tf):
    outs = tf.nn.fused_batch_norm(tf.constant(_IMG), tf.ones([3]), tf.zeros([3]), mean=tf.ones([3]),
                                  variance=tf.ones([3]), exponential_avg_factor=0.25)
    return values(tf, list(outs))


@case
def fused_batch_norm_nchw(tf):
    x = tf.constant(np.transpose(_IMG, (0, 3, 1, 2)))
    outs = tf.nn.fused_batch_norm(x, tf.constant([1.0, 2.0, 0.5]), tf.zeros([3]), data_format="NCHW")
    return {"outs": static(list(outs)), "values": values(tf, list(outs))}


@case
def fused_batch_norm_static_shapes(tf):
    outs = tf.nn.fused_batch_norm(tf.placeholder(tf.float32), tf.ones([3]), tf.zeros([3]))
    return static(list(outs) + [outs[0].op.outputs[5]])


@case
def fused_batch_norm_errors(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 3])
    return [raises(lambda: tf.nn.fused_batch_norm(x, tf.ones([4]), tf.zeros([3]))),
            raises(lambda: tf.nn.fused_batch_norm(tf.placeholder(tf.float32, [None, 3]), tf.ones([3]), tf.zeros([3]))),
            raises(lambda: tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]), is_training=False)),
            raises(lambda: tf.nn.fused_batch_norm(x, tf.ones([3, 1]), tf.zeros([3]))),
            raises(lambda: tf.nn.fused_batch_norm(tf.placeholder(tf.float64, [None, 4, 4, 3]), tf.ones([3], tf.float64),
                                                  tf.zeros([3], tf.float64))),
            raises(lambda: tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]), mean=tf.ones([4]),
                                                  variance=tf.ones([3]), is_training=False))]


@case
def fused_batch_norm_gradient(tf):
    x = tf.constant(_IMG, name="x")
    scale = tf.constant([1.0, 2.0, 0.5], name="scale")
    offset = tf.constant([0.0, 0.1, -0.1], name="offset")
    y = tf.nn.fused_batch_norm(x, scale, offset)[0]
    return grads(tf, y, [x, scale, offset])


@case
def fused_batch_norm_inference_gradient(tf):
    x = tf.constant(_IMG, name="x")
    scale = tf.constant([1.0, 2.0, 0.5], name="scale")
    offset = tf.constant([0.0, 0.1, -0.1], name="offset")
    y = tf.nn.fused_batch_norm(x, scale, offset, mean=tf.constant([0.5, 1.0, 1.5]),
                               variance=tf.constant([1.0, 2.0, 4.0]), is_training=False)[0]
    return grads(tf, y, [x, scale, offset])


@case
def l2_normalize_graph(tf):
    x = _ph(tf)
    return describe(tf, [tf.nn.l2_normalize(x, axis=1), tf.nn.l2_normalize(x, dim=0, name="n0")], {x: _X})


@case
def l2_normalize_zero_and_gradient(tf):
    x = tf.constant([[0.0, 0.0], [3.0, 4.0]], tf.float64)
    y = tf.nn.l2_normalize(x, axis=1)
    return {"value": values(tf, y), "grad": grad_values(tf, y, x)}


@case
def sufficient_statistics_and_normalize(tf):
    x = tf.constant(_X)
    counts, m_ss, v_ss, shift = tf.nn.sufficient_statistics(x, [0])
    mean, var = tf.nn.normalize_moments(counts, m_ss, v_ss, shift)
    return {"ops": op_summary(tf.get_default_graph()), "shift": shift,
            "values": values(tf, [counts, m_ss, v_ss, mean, var])}


@case
def fused_batch_norm_runtime_errors(tf):
    x = tf.placeholder(tf.float32)
    y = tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]))[0]
    return [run_error(tf, y, {x: np.ones((2, 2, 2, 4))}), run_error(tf, y, {x: np.ones((2, 2, 4))})]


@case
def lrn_graph_values_errors(tf):
    x = tf.placeholder(tf.float32, [None, 2, 3, 8], name="x")
    a = tf.nn.lrn(x)
    b = tf.nn.local_response_normalization(x, 2, bias=2.0, alpha=0.001 / 9.0, beta=0.75, name="norm1")
    out = describe(tf, [a, b], {x: arr(2, 2, 3, 8, seed=53, dtype=np.float32)})
    out["errors"] = [raises(lambda: tf.nn.lrn(tf.placeholder(tf.float32, [4, 8]))),
                     raises(lambda: tf.nn.lrn(tf.placeholder(tf.float64, [1, 4, 4, 8])))]
    return out


@case
def lrn_gradient(tf):
    x = tf.placeholder(tf.float32, [2, 2, 3, 8], name="x")
    return grads(tf, tf.nn.lrn(x, depth_radius=2, alpha=0.5, beta=0.75, bias=1.5), x,
                 {x: arr(2, 2, 3, 8, seed=54, dtype=np.float32)})
