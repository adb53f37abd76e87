"""Functions that carry a state across the elements: ``Dataset.scan`` and
``tf.data.experimental.scan`` (``ScanDataset``: ``scan_func(state, element)`` gives the new state
and the output element) and ``Dataset.reduce`` (``ReduceDataset``, not a dataset: its outputs
are the final state's tensors, computed when a session runs them).

As TensorFlow does, the function is traced with the initial state's static shapes; when the
new state's shapes are less specific (a growing vector), the state's shapes are relaxed and
the function traced again, until they agree.

>>> import numpy as np, scopeflow as tf
>>> with tf.Graph().as_default():
...     total = tf.data.Dataset.range(5).reduce(np.int64(0), lambda s, x: s + x)
...     sums = tf.data.Dataset.range(4).scan(np.int64(0), lambda s, x: (s + x, s + x))
...     nxt = tf.data.make_one_shot_iterator(sums).get_next()
...     with tf.Session() as sess:
...         print(int(sess.run(total)), [int(sess.run(nxt)) for _ in range(4)])
10 [0, 1, 3, 6]
"""

from __future__ import annotations

from scopeflow._src.data import functions, runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.functions import DataFunction
from scopeflow._src.data.graph_build import ARGUMENTS, add_dataset_op, arguments_arg, register_dataset_op
from scopeflow._src.data.mapping import Runner
from scopeflow._src.framework import context, registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.registry import Arg, OpDef

_STATE = "_num_state"
_STATE_ARG = Arg("initial_state", type_attr="Tstate", number_attr=_STATE)


class ScanValue(runtime.DatasetValue):
    def __init__(self, inner, initial, runner):
        self.inner, self.initial, self.runner = inner, tuple(initial), runner

    def make(self):
        return ScanIterator(self.inner.make(), self.initial, self.runner)


class ScanIterator(runtime.ElementIterator):
    """Each element's output; the state moves on with every element."""

    def __init__(self, inner, state, runner):
        self.inner, self.state, self.runner = inner, state, runner

    def next(self):
        item = self.inner.next()
        if item is None:
            return None
        outputs = tuple(self.runner(self.state + tuple(item)))
        self.state = outputs[:len(self.state)]
        return outputs[len(self.state):]

    def close(self):
        self.inner.close()


def _scan_factory(op, state):
    plan = functions.traced(op, "f").compile(state)
    n = op._attrs[_STATE]

    def scan_dataset(inner, *rest):
        return ScanValue(inner, rest[:n], Runner(plan, rest[n:], op._type))
    return scan_dataset


def _reduce_factory(op, run_state):
    plan = functions.traced(op, "f").compile(run_state)
    n = op._attrs[_STATE]

    def reduce_dataset(dataset, *rest):
        runner = Runner(plan, rest[n:], op._type)
        state = tuple(rest[:n])
        iterator = dataset.make()
        try:
            while (item := iterator.next()) is not None:
                state = tuple(runner(state + tuple(item)))
        finally:
            iterator.close()
        return state
    return reduce_dataset


register_dataset_op("ScanDataset", ["input_dataset: variant", _STATE_ARG, arguments_arg()], _scan_factory,
                    {"preserve_cardinality": False, "use_default_device": True})
registry.register(OpDef(
    "ReduceDataset", inputs=["input_dataset: variant", _STATE_ARG, arguments_arg()],
    outputs=[Arg("components", type_attr="output_types", number_attr="_num_components")],
    shape=lambda inputs, attrs: list(attrs["output_shapes"]), factory=_reduce_factory, stateful=True,
    defaults={"use_inter_op_parallelism": True, "metadata": ""}))


# -- graph builders ----------------------------------------------------------------------------
def _trace(dataset, initial_state, fn, transformation, split, check):
    """Trace ``fn(state, element)`` until the state's shapes settle: (the function, the state's
    structure, the rest of its outputs' structure). ``split(out)`` gives the number of state
    components in the outputs and the nesting of the state and of the rest (after TF's checks);
    ``check(state, new, out)`` raises TF's errors."""
    state, elements = initial_state, dataset._structure
    while True:
        combined = structure_lib.Structure((state.template, elements.template), state.types + elements.types,
                                           state.shapes + elements.shapes, state.classes + elements.classes)
        func = DataFunction(fn, combined, transformation)
        out = func.output_structure
        n, state_template, rest_template = split(out)
        new = structure_lib.Structure(state_template, out.types[:n], out.shapes[:n], out.classes[:n])
        check(state, new, out)
        relaxed = [old.most_specific_compatible_shape(s) for old, s in zip(state.shapes, new.shapes)]
        if all(old.ndims is None or (r.ndims is not None and old.as_list() == r.as_list())
               for old, r in zip(state.shapes, relaxed)):
            rest = structure_lib.Structure(rest_template, out.types[n:], out.shapes[n:], out.classes[n:])
            return func, state, rest
        state = state.with_shapes(relaxed)


def scan(dataset, initial_state, scan_func, name=None):
    """``ScanDataset``: (variant tensor, output structure)."""
    state, tensors = structure_lib.normalize_element(initial_state)

    def split(out):
        template = out.template
        if not (isinstance(template, tuple) and not hasattr(template, "_fields") and len(template) == 2):
            raise TypeError(f"Invalid `scan_func`. `scan_func` should return a pair consisting of new state and "
                            f"the output value but its return type is {out.element_spec!r}.")
        return len(structure_lib.flatten(template[0])), template[0], template[1]

    def check(old, new, out):
        for what, a, b in (("classes", old.classes, new.classes), ("types", old.types, new.types)):
            if a != b:
                raise TypeError(f"Invalid `scan_func`. The element {what} for the new state must match the initial "
                                f"state. Expected {old.pack(a)}, got {new.pack(b)}.")

    func, state, out = _trace(dataset, state, scan_func, "tf.data.experimental.scan()", split, check)
    attrs = {"f": func, "Tstate": state.flat_types, _STATE: len(tensors), "Targuments": [t.dtype.base_dtype
             for t in func.captured], ARGUMENTS: len(func.captured), **out.attrs(), "preserve_cardinality": True,
             "use_default_device": True}
    return add_dataset_op("ScanDataset", [dataset._variant_tensor] + tensors + func.captured, attrs, name), out


def reduce(dataset, initial_state, reduce_func, name=None):
    """``ReduceDataset``: the final state, nested as ``initial_state``."""
    with name_scope("initial_state"):
        state, tensors = structure_lib.normalize_element(initial_state)

    def check(old, new, out):
        for what, a, b in (("classes", old.classes, new.classes), ("types", old.types, new.types)):
            if any(x != y for x, y in zip(a, b)):
                raise TypeError(f"The element {what} for the new state must match the initial state. Expected "
                                f"{old.pack(a)} but got {out.pack(getattr(out, what))}.")

    func, state, _ = _trace(dataset, state, reduce_func, "reduce()", lambda out: (len(out), out.template, ()), check)
    graph = context.default_graph()
    graph._functions[func.name] = func
    attrs = {"f": func, "Tstate": state.flat_types, _STATE: len(tensors), "Targuments": [t.dtype.base_dtype
             for t in func.captured], ARGUMENTS: len(func.captured), **state.attrs(), "_num_components": len(state),
             "use_inter_op_parallelism": True, "metadata": ""}
    inputs = [dataset._variant_tensor] + tensors + func.captured
    op = graph._add_op("ReduceDataset", graph._op_name(None, "ReduceDataset"), inputs, attrs,
                       list(zip(state.flat_types, state.flat_shapes)))
    return state.pack(op._outputs)
