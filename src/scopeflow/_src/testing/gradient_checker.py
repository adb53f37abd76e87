"""TF1's numeric gradient checker (``tf.test.compute_gradient``, ``compute_gradient_error``):
the Jacobian ``tf.gradients`` builds, column by column, against central differences.

>>> import numpy as np
>>> import scopeflow as tf
>>> with tf.Graph().as_default(), tf.Session():
...     x = tf.placeholder(tf.float64, [3])
...     err = tf.test.compute_gradient_error(x, [3], tf.square(x), [3], x_init_value=np.ones(3))
>>> bool(err < 1e-8)
True
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.context import default_session
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.gradients import gradients
from scopeflow._src.ops.array_ops import identity
from scopeflow._src.ops.math_ops import cast

_ALLOWED = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.complex64, dtypes.complex128)


def _size(shape) -> int:
    return shape if isinstance(shape, int) else int(np.prod(shape, dtype=np.int64))


def _feeds(extra, new):
    return {**extra, **new} if extra else new


def _theoretical_jacobian(x, x_shape, x_data, dy, dy_shape, dx, extra_feed_dict):
    """Row i, column j: d y_j / d x_i from ``dx`` run with ``dy`` one-hot at j."""
    if x.dtype.is_complex:
        x_shape = (*x_shape, 2)
    x_size, row_size = _size(x_shape), _size(x_shape[1:])
    dy_size = _size(dy_shape) * (2 if dy.dtype.is_complex else 1)
    jacobian = np.zeros((x_size, dy_size), dtype=x.dtype.real_dtype.as_numpy_dtype)
    dy_data = np.zeros(dy_shape, dtype=dy.dtype.as_numpy_dtype)
    dy_flat = dy_data.ravel().view(dy.dtype.real_dtype.as_numpy_dtype)
    sess = default_session()
    for col in range(dy_size):
        dy_flat[col] = 1
        feeds = _feeds(extra_feed_dict, {x: x_data, dy: dy_data})
        if isinstance(dx, IndexedSlices):
            indices, values = sess.run([dx.indices, dx.values], feed_dict=feeds)
            for i, v in zip(indices, values):
                jacobian[i * row_size:(i + 1) * row_size, col] += v.flat
        else:
            jacobian[:, col] = sess.run(dx, feed_dict=feeds).ravel().view(jacobian.dtype)
        dy_flat[col] = 0
    if not dy_size:
        backprop = sess.run(dx, feed_dict=_feeds(extra_feed_dict, {x: x_data, dy: dy_data}))
        if backprop.shape != x_data.shape:
            raise ValueError(f"Empty gradient has wrong shape: expected {x_data.shape}, got {backprop.shape}")
        if np.any(backprop):
            raise ValueError("Empty tensor with nonzero gradients")
    return jacobian


def _numeric_jacobian(x, x_shape, x_data, y, y_shape, delta, extra_feed_dict):
    """Row i: (y(x + delta e_i) - y(x - delta e_i)) / (2 delta)."""
    if x.dtype == dtypes.bfloat16:
        x = cast(x, dtypes.float32)
    if y.dtype == dtypes.bfloat16:
        y = cast(y, dtypes.float32)
    if x_data.dtype == dtypes.bfloat16.as_numpy_dtype:
        x_data = x_data.astype(np.float32)
    x_size = _size(x_shape) * (2 if x.dtype.is_complex else 1)
    y_size = _size(y_shape) * (2 if y.dtype.is_complex else 1)
    x_dtype, y_dtype = x.dtype.real_dtype.as_numpy_dtype, y.dtype.real_dtype.as_numpy_dtype
    x_data = np.asarray(x_data, dtype=x.dtype.as_numpy_dtype)
    scale = np.asarray(2 * delta, dtype=y_dtype)[()]
    jacobian = np.zeros((x_size, y_size), dtype=x_dtype)
    for row in range(x_size):
        x_pos, x_neg = x_data.copy(), x_data.copy()
        x_pos.ravel().view(x_dtype)[row] += delta
        y_pos = y.eval(feed_dict=_feeds(extra_feed_dict, {x: x_pos}))
        x_neg.ravel().view(x_dtype)[row] -= delta
        y_neg = y.eval(feed_dict=_feeds(extra_feed_dict, {x: x_neg}))
        jacobian[row, :] = ((y_pos - y_neg) / scale).ravel().view(y_dtype)
    return jacobian


def _dx_and_dy(x, y, y_shape):
    with x.graph.as_default():
        dy_orig = constant(1.0, shape=y_shape, dtype=y.dtype)
        dy = identity(dy_orig)
    grads = gradients(y, x, dy)
    assert len(grads) == 1
    return grads[0], dy_orig


def _jacobians(x, x_shape, dx, y, y_shape, dy, x_init_value, delta, extra_feed_dict):
    t, t2 = dtypes.as_dtype(x.dtype), dtypes.as_dtype(y.dtype)
    assert t.base_dtype in _ALLOWED, f"Don't support type {t.name} for x"
    assert t2.base_dtype in _ALLOWED, f"Don't support type {t2.name} for y"
    if x_init_value is not None:
        assert list(x_shape) == list(x_init_value.shape), \
            f"x_shape = {x_shape}, init_data shape = {list(x_init_value.shape)}"
        x_data = x_init_value
    else:
        x_data = np.random.random_sample(x_shape).astype(t.as_numpy_dtype)
        if t.is_complex:
            x_data.imag = np.random.random_sample(x_shape)
    return (_theoretical_jacobian(x, x_shape, x_data, dy, y_shape, dx, extra_feed_dict),
            _numeric_jacobian(x, x_shape, x_data, y, y_shape, delta, extra_feed_dict))


def _run_init_targets(init_targets):
    if init_targets is not None:
        assert isinstance(init_targets, (list, tuple))
        for init in init_targets:
            init.run()


def compute_gradient(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                     extra_feed_dict=None):
    """The theoretical and numeric Jacobians of ``y`` with respect to ``x`` (a tensor, or a list
    of tensors with a list of shapes: then a list of pairs), each ``x_size`` by ``y_size``; run
    in the default session. Complex values count as two real ones, as in TF."""
    extra_feed_dict = extra_feed_dict or {}
    if isinstance(x, list):
        pairs = [_dx_and_dy(xi, y, y_shape) for xi in x]
        _run_init_targets(init_targets)
        inits = [None] * len(x) if x_init_value is None else x_init_value
        return [_jacobians(xi, shape, dxi, y, y_shape, dyi, init, delta, extra_feed_dict)
                for xi, shape, (dxi, dyi), init in zip(x, x_shape, pairs, inits)]
    _run_init_targets(init_targets)
    dx, dy = _dx_and_dy(x, y, y_shape)
    return _jacobians(x, x_shape, dx, y, y_shape, dy, x_init_value, delta, extra_feed_dict)


def compute_gradient_error(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                           extra_feed_dict=None):
    """The largest absolute difference between the theoretical and numeric Jacobians."""
    grad = compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets, extra_feed_dict)
    error = 0
    for j_t, j_n in [grad] if isinstance(grad, tuple) else grad:
        if j_t.size or j_n.size:
            error = np.maximum(error, np.fabs(j_t - j_n).max())
    return error
