"""A variable's initializer that reads other variables reads their *initialized values*.

TF1's ``RefVariable`` guards its initializer (``variables._try_guard_against_uninitialized_dependencies``):
when the initial value of ``w`` depends on a variable ``v`` (``tf.Variable(v * 2.0, name="w")``,
an ``ExponentialMovingAverage`` shadow initialized from its variable), the ops on the path from
``v`` are copied with ``_w`` appended to their names and ``v`` itself is replaced by
``v.initialized_value()`` (a ``tf.cond`` on ``IsVariableInitialized``, built in ``w``'s name
scope). ``w/Assign`` then works whichever order the initializers run in. The graph is
TF's op for op: ``w/IsVariableInitialized``, ``w/cond/...``, ``v/read_w``, ``mul_w``.

>>> import scopeflow as tf
>>> g = tf.Graph()
>>> with g.as_default():
...     v = tf.Variable(1.0, name="v")
...     w = tf.Variable(v * 2.0, name="w")
>>> w.initializer.inputs[1].name
'mul_w:0'
>>> [op.name for op in g.get_operations() if op.name.endswith("_w")]
['v/read_w', 'mul_w']
"""

from __future__ import annotations

from scopeflow._src.framework.graph_keys import GraphKeys

_VARIABLE_OPS = frozenset({"Variable", "VariableV2", "VarHandleOp"})
_KEPT_OPS = frozenset({"IsVariableInitialized", "VarIsInitializedOp", "ReadVariableOp", "If"})


def guard_initial_value(name: str, initial_value):
    """``initial_value`` with its reads of variables replaced by their initialized values.

    ``name`` is the new variable's name scope (``'w/'``). Returned unchanged when no variable
    is reachable or the initial value's graph has a cycle (a loop), as in TF.
    """
    reads_variable, cyclic = _scan(initial_value.op)
    if cyclic or not reads_variable:
        return initial_value
    return _rebuild(name, initial_value)


def _scan(root):
    """(whether any variable op is reachable, whether the dependencies have a cycle), walking
    data and control inputs depth first as TF's ``_has_cycle``."""
    started, finished = set(), set()
    reads_variable = False
    stack = [(root, False)]
    while stack:
        op, leaving = stack.pop()
        if leaving:
            started.discard(op)
            finished.add(op)
            continue
        if op in finished:
            continue
        if op in started:
            return reads_variable, True
        started.add(op)
        reads_variable = reads_variable or op.type in _VARIABLE_OPS
        stack.append((op, True))
        for dep in reversed([t.op for t in op.inputs] + list(op.control_inputs)):
            if dep not in finished:
                if dep in started:
                    return reads_variable, True
                stack.append((dep, False))
    return reads_variable, False


def _rebuild(name, tensor):
    """TF's ``_safe_initial_value_from_tensor``, iteratively: inputs left to right, each fully
    rebuilt before the next, so the new ops are created in TF's order."""
    done = {}  # op -> its replacement (itself when nothing under it reads a variable)
    stack = [(tensor.op, False)]
    while stack:
        op, ready = stack.pop()
        if op in done:
            continue
        if op.type in _KEPT_OPS:
            done[op] = op
        elif op.type in _VARIABLE_OPS:
            initialized = _initialized_value(op)
            done[op] = op if initialized is None else initialized.op
        elif not ready:
            stack.append((op, True))
            stack.extend((t.op, False) for t in reversed(op.inputs) if t.op not in done)
        else:
            new_inputs = [done[t.op].outputs[t.value_index] for t in op.inputs]
            if all(new is old for new, old in zip(new_inputs, op.inputs)):
                done[op] = op
            else:
                op_type = "Switch" if op.type == "RefSwitch" else op.type
                new_name = (op.name + "_" + name).replace(":", "_")  # ends in '/': exactly this name
                done[op] = op.graph.create_op(op_type, new_inputs, name=new_name, attrs=dict(op._attrs))
    return done[tensor.op].outputs[tensor.value_index]


def _initialized_value(variable_op):
    """The variable of ``variable_op`` (from the global or local variables) as its
    ``initialized_value()``, or None when no collection holds it."""
    names = (variable_op.name, variable_op.name + ":0")
    graph = variable_op.graph
    try:
        for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES):
            for var in graph.get_collection(key):
                if var.name in names:
                    return var.initialized_value()
    except AttributeError:  # an incomplete user-defined variable in the collection, as TF
        return None
    return None
