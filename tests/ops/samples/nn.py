"""Samples for the nn ops: activations and their gradient ops, bias_add, softmax and the
cross entropies, convolutions, pooling, fused batch norm, top_k and in_top_k.

References are written independently of the kernels: loops over output pixels (tiny
shapes) or the textbook formula.
"""

from __future__ import annotations

import numpy as np

from tests.ops.samples import F32, F64, sample

SCALE, ALPHA = 1.0507009873554805, 1.6732632423543772


def _away_from_zero(x, margin=0.05):
    """Values kept ``margin`` away from 0 (and from 6), so kinks stay out of finite differences."""
    x = np.where(np.abs(x) < margin, np.sign(x) * margin + x, x)
    return np.where(np.abs(x - 6) < margin, x + 2 * margin, x)


_A = _away_from_zero(F64(3, 4, low=-8, high=8))
_G = F64(3, 4, seed=1)


# -- activations --------------------------------------------------------------------------------------
@sample("Relu", [_A], reference=lambda x: np.maximum(x, 0))
def _(tf, x):
    return tf.nn.relu(x)


@sample("Relu6", [_A], reference=lambda x: np.minimum(np.maximum(x, 0), 6))
def _(tf, x):
    return tf.nn.relu6(x)


@sample("Elu", [_A], reference=lambda x: np.where(x > 0, x, np.exp(x) - 1))
def _(tf, x):
    return tf.nn.elu(x)


@sample("Selu", [_A], reference=lambda x: SCALE * np.where(x > 0, x, ALPHA * (np.exp(x) - 1)))
def _(tf, x):
    return tf.nn.selu(x)


@sample("LeakyRelu", [_A], reference=lambda x: np.where(x > 0, x, 0.3 * x))
def _(tf, x):
    return tf.nn.leaky_relu(x, alpha=0.3)


@sample("Softplus", [_A], reference=lambda x: np.log1p(np.exp(x)))
def _(tf, x):
    return tf.nn.softplus(x)


@sample("Softsign", [_A], reference=lambda x: x / (1 + np.abs(x)))
def _(tf, x):
    return tf.nn.softsign(x)


@sample("Relu", [F32(2, 5)], reference=lambda x: np.maximum(x, 0), grad=False)
def _(tf, x):
    return tf.nn.relu(x)


@sample("ReluGrad", [_G, _A], reference=lambda g, x: g * (x > 0))
def _(tf, g, x):
    return tf.gradients(tf.nn.relu(x), x, grad_ys=g)[0]


@sample("Relu6Grad", [_G, _A], reference=lambda g, x: g * ((x > 0) & (x < 6)))
def _(tf, g, x):
    return tf.gradients(tf.nn.relu6(x), x, grad_ys=g)[0]


@sample("EluGrad", [_G, _A], reference=lambda g, x: np.where(x > 0, g, g * np.exp(x)))
def _(tf, g, x):
    return tf.gradients(tf.nn.elu(x), x, grad_ys=g)[0]


@sample("SeluGrad", [_G, _A], reference=lambda g, x: np.where(x > 0, g * SCALE, g * SCALE * ALPHA * np.exp(x)))
def _(tf, g, x):
    return tf.gradients(tf.nn.selu(x), x, grad_ys=g)[0]


@sample("LeakyReluGrad", [_G, _A], reference=lambda g, x: np.where(x > 0, g, 0.3 * g))
def _(tf, g, x):
    return tf.gradients(tf.nn.leaky_relu(x, alpha=0.3), x, grad_ys=g)[0]


@sample("SoftsignGrad", [_G, _A], reference=lambda g, x: g / (1 + np.abs(x)) ** 2, grad=False)
def _(tf, g, x):  # TF registers no gradient for SoftsignGrad
    return tf.gradients(tf.nn.softsign(x), x, grad_ys=g)[0]


# -- bias_add, l2_loss --------------------------------------------------------------------------------------
@sample("BiasAdd", [F64(2, 3, 4), F64(4, seed=1)], reference=lambda x, b: x + b)
def _(tf, x, b):
    return tf.nn.bias_add(x, b)


@sample("BiasAdd", [F64(2, 3, 2, 2), F64(3, seed=1)], reference=lambda x, b: x + b[:, None, None])
def _(tf, x, b):
    return tf.nn.bias_add(x, b, data_format="NCHW")


@sample("BiasAddGrad", [F64(2, 3, 4)], reference=lambda g: g.sum(axis=(0, 1)))
def _(tf, g):
    b = tf.zeros([4], tf.float64)
    return tf.gradients(tf.nn.bias_add(tf.zeros([2, 3, 4], tf.float64), b), b, grad_ys=g)[0]


@sample("L2Loss", [F64(3, 4)], reference=lambda x: np.sum(x * x) / 2)
def _(tf, x):
    return tf.nn.l2_loss(x)


# -- softmax and cross entropies --------------------------------------------------------------------------------
def _np_softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


_LOGITS = F64(4, 5, low=-3, high=3)
_LABELS = _np_softmax(F64(4, 5, seed=2, low=-2, high=2))


@sample("Softmax", [_LOGITS], reference=_np_softmax)
def _(tf, x):
    return tf.nn.softmax(x)


@sample("LogSoftmax", [_LOGITS], reference=lambda x: np.log(_np_softmax(x)))
def _(tf, x):
    return tf.nn.log_softmax(x)


@sample("Softmax", [F64(2, 3, 4)], reference=_np_softmax)
def _(tf, x):
    return tf.nn.softmax(x)


@sample("SoftmaxCrossEntropyWithLogits", [_LOGITS, _LABELS],
        reference=lambda x, y: -(y * np.log(_np_softmax(x))).sum(-1))
def _(tf, x, y):
    return tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x)


@sample("SoftmaxCrossEntropyWithLogits", [_LOGITS],
        reference=lambda x: (-(_LABELS * np.log(_np_softmax(x))).sum(-1), _np_softmax(x) - _LABELS))
def _(tf, x):  # both outputs: the gradient includes TF's softmax-Hessian term for ``backprop``
    op = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(_LABELS), logits=x).op.inputs[0].op
    return list(op.outputs)


_CLASSES = np.array([4, 0, 2, 2], np.int32)


def _sparse_ref(x, labels):
    p = _np_softmax(x)
    onehot = np.eye(x.shape[1])[labels]
    return -np.log(p[np.arange(len(labels)), labels]), p - onehot


@sample("SparseSoftmaxCrossEntropyWithLogits", [_LOGITS, _CLASSES], reference=_sparse_ref)
def _(tf, x, labels):
    return list(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x).op.outputs)


def _numeric_vjp(f, x, g, eps=1e-6):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += eps
        down[idx] -= eps
        grad[idx] = np.sum((f(up) - f(down)) * g) / (2 * eps)
    return grad


# -- fused batch norm (float32 only, as in TF) ---------------------------------------------------------------------
_BN_X = F32(2, 3, 2, 3, low=-1, high=3)
_BN_SCALE = F32(3, seed=1, low=0.5, high=2)
_BN_OFFSET = F32(3, seed=2)


def _bn_ref(x, scale, offset):
    mean, var = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
    return (x - mean) / np.sqrt(var + 1e-3) * scale + offset


@sample("FusedBatchNormV3", [_BN_X, _BN_SCALE, _BN_OFFSET], reference=_bn_ref, rtol=1e-5, atol=1e-5, grad_tol=2e-2)
def _(tf, x, scale, offset):
    return tf.nn.fused_batch_norm(x, scale, offset)[0]


@sample("FusedBatchNormV3", [_BN_X], rtol=1e-5, atol=1e-5,
        reference=lambda x: (x - np.float32([0.5, 1, 1.5])) / np.sqrt(np.float32([1, 2, 4]) + 1e-3))
def _(tf, x):
    return tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]), mean=tf.constant([0.5, 1, 1.5]),
                                  variance=tf.constant([1.0, 2, 4]), is_training=False)[0]


@sample("FusedBatchNormV3", [_BN_X], rtol=1e-5, atol=1e-5, grad=False,
        reference=lambda x: [x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2)) * 12 / 11])
def _(tf, x):
    return list(tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]))[1:])


@sample("FusedBatchNormGradV3", [_BN_X, F32(2, 3, 2, 3, seed=3)], rtol=1e-4, atol=1e-4, grad=False,
        reference=lambda x, dy: _numeric_vjp(lambda v: _bn_ref(v.astype(np.float64), _BN_SCALE, _BN_OFFSET),
                                             x.astype(np.float64), dy.astype(np.float64), eps=1e-5))
def _(tf, x, dy):
    return tf.gradients(tf.nn.fused_batch_norm(x, tf.constant(_BN_SCALE), tf.constant(_BN_OFFSET))[0], x,
                        grad_ys=dy)[0]


# -- top_k, in_top_k ---------------------------------------------------------------------------------------------
_TOPK_IN = F64(3, 6, seed=11)


def _top_k_ref(x, k=3):
    idx = np.argsort(-x, axis=-1, kind="stable")[:, :k]
    return np.take_along_axis(x, idx, -1), idx.astype(np.int32)


@sample("TopKV2", [_TOPK_IN], reference=_top_k_ref)
def _(tf, x):
    return list(tf.nn.top_k(x, k=3))


@sample("InTopKV2", [F32(4, 5, seed=12), np.array([0, 4, 2, 1], np.int32)], grad=False,
        reference=lambda p, t: np.array([np.sum(p[i] > p[i, t[i]]) < 2 for i in range(len(t))]))
def _(tf, p, t):
    return tf.nn.in_top_k(p, t, 2)



# -- float32 stays float32 (kernels must not upcast silently) -------------------------------------------------
def _f32_sample(op_type, inputs, build, reference):
    sample(op_type, [np.asarray(v, np.float32) if np.asarray(v).dtype.kind == "f" else v for v in inputs],
           reference=reference, grad=False, rtol=1e-4, atol=1e-5)(build)


for _name, _ref in (("elu", lambda x: np.where(x > 0, x, np.exp(x) - 1)),
                    ("selu", lambda x: SCALE * np.where(x > 0, x, ALPHA * (np.exp(x) - 1))),
                    ("softplus", lambda x: np.log1p(np.exp(x))), ("softsign", lambda x: x / (1 + np.abs(x))),
                    ("relu6", lambda x: np.clip(x, 0, 6)), ("leaky_relu", lambda x: np.where(x > 0, x, 0.2 * x))):
    _f32_sample({"elu": "Elu", "selu": "Selu", "softplus": "Softplus", "softsign": "Softsign", "relu6": "Relu6",
                 "leaky_relu": "LeakyRelu"}[_name], [_A], lambda tf, x, _n=_name: getattr(tf.nn, _n)(x), _ref)
_f32_sample("Softmax", [_LOGITS], lambda tf, x: tf.nn.softmax(x), _np_softmax)
_f32_sample("LogSoftmax", [_LOGITS], lambda tf, x: tf.nn.log_softmax(x), lambda x: np.log(_np_softmax(x)))
_f32_sample("SoftmaxCrossEntropyWithLogits", [_LOGITS, _LABELS],
            lambda tf, x, y: list(
                tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x).op.inputs[0].op.outputs),
            lambda x, y: (-(y * np.log(_np_softmax(x))).sum(-1), _np_softmax(x) - y))
_f32_sample("SparseSoftmaxCrossEntropyWithLogits", [_LOGITS, _CLASSES],
            lambda tf, x, t: list(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=t, logits=x).op.outputs),
            _sparse_ref)
_f32_sample("L2Loss", [_A], lambda tf, x: tf.nn.l2_loss(x), lambda x: np.sum(x * x) / 2)
_f32_sample("BiasAddGrad", [F64(2, 3, 4)], lambda tf, g: _f32_bias_grad(tf, g), lambda g: g.sum(axis=(0, 1)))


def _f32_bias_grad(tf, g):
    b = tf.zeros([4])
    return tf.gradients(tf.nn.bias_add(tf.zeros([2, 3, 4]), b), b, grad_ys=g)[0]
_f32_sample("TopKV2", [_TOPK_IN], lambda tf, x: list(tf.nn.top_k(x, k=3)), _top_k_ref)


# -- local response normalisation (float32 only, as in TF) ---------------------------------------------------
def _lrn_ref(x, r=2, bias=1.5, alpha=0.5, beta=0.75):
    x = x.astype(np.float64)
    sq = np.square(x)
    norm = np.stack([sq[..., max(d - r, 0):d + r + 1].sum(-1) for d in range(x.shape[-1])], axis=-1)
    return x / (bias + alpha * norm) ** beta


_LRN_X = F32(2, 2, 3, 6, seed=13)


@sample("LRN", [_LRN_X], reference=_lrn_ref, rtol=1e-5, atol=1e-6, grad_tol=2e-2)
def _(tf, x):
    return tf.nn.lrn(x, depth_radius=2, bias=1.5, alpha=0.5, beta=0.75)


@sample("LRNGrad", [_LRN_X, F32(2, 2, 3, 6, seed=14)], rtol=1e-4, atol=1e-5, grad=False,
        reference=lambda x, g: _numeric_vjp(_lrn_ref, x.astype(np.float64), g.astype(np.float64)))
def _(tf, x, g):
    return tf.gradients(tf.nn.lrn(x, depth_radius=2, bias=1.5, alpha=0.5, beta=0.75), x, grad_ys=g)[0]
