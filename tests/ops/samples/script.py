"""The script ops: a Python function in the graph, against the same function on NumPy (no
gradients: TF registers none for ``PyFunc``/``PyFuncStateless``, and ``EagerPyFunc``'s needs
an eager tape). Their attributes, conversions and errors are tested in
``tests/ops/test_script.py`` and the ``py_func`` conformance area."""

import numpy as np

from tests.ops.samples import F32, F64, I32, sample


def _sinh_and_sum(x, y):
    return np.sinh(x), (x.sum() + y.sum()).astype(np.float64)


@sample("PyFunc", [F32(2, 3), F64(3)], lambda x, y: list(_sinh_and_sum(x, y)), grad=False, exact_shape=False)
def _(tf, x, y):
    return tf.py_func(_sinh_and_sum, [x, y], [tf.float32, tf.float64])


@sample("PyFuncStateless", [I32(4)], lambda x: x * 2, grad=False, exact_shape=False)
def _(tf, x):
    return tf.numpy_function(lambda v: v * 2, [x], tf.int32, stateful=False)


@sample("EagerPyFunc", [F64(2, 2)], lambda x: np.tanh(x).astype(np.float32), grad=False, exact_shape=False)
def _(tf, x):
    return tf.py_function(lambda v: np.tanh(v.numpy()), [x], tf.float32)
