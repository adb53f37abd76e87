"""``tf.Assert``: an op that fails the run with TensorFlow's ``assertion failed: [...]`` when its
condition is false, printing its data (the first ``summarize`` elements of each).

As in TensorFlow, data of other dtypes than ``string`` and ``int32`` is assumed to be
expensive to print, so the ``Assert`` is built inside a cond on the condition
(``Assert/AssertGuard``) and runs only when the condition is false.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.ops.common.value_text import summarize as summarize_value
from scopeflow._src.ops.control.cond import cond
from scopeflow._src.ops.control.control_flow_ops import no_op

# ``data`` is a type list (``T``); the registry expands list arguments through a count
# attribute, so the op also carries a private ``_num_data`` (not part of TF's node text).
_COUNT = "_num_data"


def _assert_factory(op, state):
    n = op._attrs["summarize"]

    def check(condition, *data):
        if condition.ndim:
            raise errors.InvalidArgumentError(None, op, f"In[0] should be a scalar: {list(condition.shape)}")
        if not condition:
            shown = " ".join(f"[{summarize_value(d, n)}]" for d in data)
            raise errors.InvalidArgumentError(None, op, f"assertion failed: {shown}")
    return check


registry.register(OpDef("Assert", inputs=["condition: bool", Arg("data", type_attr="T", number_attr=_COUNT)],
                        outputs=(), factory=_assert_factory, stateful=True, must_run=True, defaults={"summarize": 3}))


def _assert(condition, data, summarize, name):
    graph = default_graph()
    with name_scope(name, "Assert") as scope:
        condition = convert_to_tensor(condition, dtype=dtypes.bool, name="condition")
        data = [convert_to_tensor(d, name=f"data_{i}") for i, d in enumerate(data)]
        attrs = {"T": [d.dtype.base_dtype for d in data], "summarize": 3 if summarize is None else summarize,
                 _COUNT: len(data)}
        return graph._add_op("Assert", scope[:-1], [condition] + data, attrs, [])


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TensorFlow's name
    """An op that raises ``InvalidArgumentError`` when ``condition`` is false when it runs,
    printing ``data`` (a list of tensors or values).

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.int32, [])
    >>> check = tf.Assert(x > 0, ["x must be positive:", x])
    >>> check.name
    'Assert/Assert'
    """
    with name_scope(name, "Assert", [condition, data]):
        xs = [convert_to_tensor(d) for d in data]
        if all(x.dtype.base_dtype in (dtypes.string, dtypes.int32) for x in xs):
            return _assert(condition, data, summarize, name="Assert")
        condition = convert_to_tensor(condition, name="Condition")
        guarded = cond(condition, no_op, lambda: _assert(condition, data, summarize, name="Assert"),
                       name="AssertGuard")
        return guarded.op
