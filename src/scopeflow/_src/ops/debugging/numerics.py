"""``CheckNumerics``: the identity of a floating tensor that fails the run with
``<message> : Tensor had NaN values`` (``Inf``, ``Inf and NaN``) when it holds any; with
``tf.verify_tensor_all_finite`` (the tensor behind a ``CheckNumerics`` control dependency) and
``tf.add_check_numerics_ops`` (a chain of checks on every floating tensor of the graph).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies, name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.dtype_lists import FLOAT
from scopeflow._src.ops.control.control_flow_ops import group, with_dependencies


def _check_numerics_factory(op, state):
    message = op._attrs["message"]

    def check(x):
        nan, inf = bool(np.isnan(x).any()), bool(np.isinf(x).any())
        if nan or inf:
            found = "Inf and NaN" if nan and inf else ("NaN" if nan else "Inf")
            raise errors.InvalidArgumentError(None, op, f"{message} : Tensor had {found} values")
        return x
    return check


registry.register(OpDef("CheckNumerics", inputs=["tensor: T"], outputs=["output: T"], attrs={"T": FLOAT},
                        shape=shape_fns.unchanged, factory=_check_numerics_factory, stateful=True))


def check_numerics(tensor, message, name=None):
    """``tensor``, checked when it runs to hold no NaN or infinity (``InvalidArgumentError``
    ``<message> : Tensor had NaN values`` otherwise).

    >>> import scopeflow as tf
    >>> with tf.Session() as sess:
    ...     try:
    ...         sess.run(tf.check_numerics(tf.constant([1.0, float("nan")]), "bad"))
    ...     except tf.errors.InvalidArgumentError as e:
    ...         print(e.message.splitlines()[-2])
    bad : Tensor had NaN values
    """
    return create_output("CheckNumerics", [tensor], {"message": message}, name=name)


def verify_tensor_all_finite(t=None, msg=None, name=None, x=None, message=None):
    """``t`` (or ``x``) behind a ``CheckNumerics`` with message ``msg`` (or ``message``):
    its value, once checked to be finite.

    >>> import scopeflow as tf
    >>> tf.verify_tensor_all_finite(tf.constant([1.0]), "x").name
    'VerifyFinite/control_dependency:0'
    """
    x = _one_of("x", x, "t", t)
    message = _one_of("message", message, "msg", msg)
    with name_scope(name, "VerifyFinite", [x]):
        x = convert_to_tensor(x, name="x")
        with colocate_with(x):
            verify = check_numerics(x, message=message)
            return with_dependencies([verify], x)


def _one_of(new_name, new_value, old_name, old_value):
    if new_value is not None and old_value is not None:
        raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'.")
    return new_value if new_value is not None else old_value


def add_check_numerics_ops():
    """A ``group`` of ``CheckNumerics`` ops, one on each ``half``/``float``/``double`` output
    of the default graph, each depending on the one before (its message the tensor's name).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     _ = tf.constant(1.0)
    ...     tf.add_check_numerics_ops().name
    'group_deps'
    """
    checks = []
    for op in default_graph().get_operations():
        for output in op.outputs:
            if output.dtype in (dtypes.float16, dtypes.float32, dtypes.float64):
                if op._get_control_flow_context() is not None:
                    raise ValueError("`tf.add_check_numerics_ops() is not compatible with TensorFlow control flow "
                                     "operations such as `tf.cond()` or `tf.while_loop()`.")
                with control_dependencies(checks):
                    checks = [check_numerics(output, message=f"{op.name}:{output.value_index}")]
    return group(*checks)
