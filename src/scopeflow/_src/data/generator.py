"""``Dataset.from_generator``: elements produced by a Python generator in the session.

TensorFlow builds a ``TensorDataset`` of a dummy 0 and a ``FlatMapDataset`` whose function
makes a ``GeneratorDataset``, and so does scopeflow. The ``GeneratorDataset``'s three functions
call the generator through ``PyFunc`` ops (``tf.numpy_function``), as in TensorFlow (which
uses ``EagerPyFunc`` only for composite specs in ``output_signature``, which scopeflow does not
take): ``init_func`` gives each pass over the dataset a new id (``_GeneratorState``),
``next_func`` takes that pass's next element, ``finalize_func`` forgets the pass.

The generator's arguments are captured tensors of ``init_func``; each new pass calls
``generator(*args)`` afresh (``args`` as NumPy values: numbers as NumPy scalars, strings as
``bytes``), and each yielded element is checked against ``output_types``/``output_shapes``
with TensorFlow's errors. A ``TypeError`` or the generator's own exception becomes the
``PyFunc``'s error (``InvalidArgumentError`` for those, naming it); the generator's end is the
``PyFunc``'s ``OutOfRangeError``.
"""

from __future__ import annotations

import re
import threading

import numpy as np

from scopeflow._src.data import functions, runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.functions import DataFunction
from scopeflow._src.data.graph_build import add_dataset_op, register_dataset_op
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import Arg
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.framework.tensor_spec import TensorSpec, TypeSpec
from scopeflow._src.ops.script.script_ops import numpy_function

_NODE_TEXT = re.compile(r"Node: '[^']*'\n(.*)\n\t \[\[", re.DOTALL)
_TRANSFORMATION = "Dataset.from_generator()"


class _GeneratorState:
    """TF's ``_GeneratorState``: the passes over one ``from_generator`` dataset, by id."""

    def __init__(self, generator):
        self._generator = generator
        self._lock = threading.Lock()
        self._next_id = 0
        self._args: dict = {}
        self._iterators: dict = {}

    def get_next_id(self, *args):
        with self._lock:
            iterator_id = self._next_id
            self._next_id += 1
            self._args[iterator_id] = args
        return np.array(iterator_id, dtype=np.int64)

    def get_iterator(self, iterator_id):
        iterator_id = int(iterator_id)
        with self._lock:
            it = self._iterators.get(iterator_id)
            args = None if it is not None else self._args.pop(iterator_id)
        if it is None:
            it = iter(self._generator(*args))
            with self._lock:
                self._iterators[iterator_id] = it
        return it

    def iterator_completed(self, iterator_id):
        with self._lock:
            self._iterators.pop(int(iterator_id), None)
            self._args.pop(int(iterator_id), None)
        return np.array(0, dtype=np.int64)


class GeneratorValue(runtime.DatasetValue):
    def __init__(self, plans, inputs):
        self.plans, self.inputs = plans, inputs

    def make(self):
        return GeneratorIterator(self)


def _call(plan, *args):
    """Run one of the generator's functions; an error reads as the ``PyFunc``'s own message."""
    try:
        return plan(*args)
    except errors.OpError as e:
        found = _NODE_TEXT.search(e.message)
        raise type(e)(None, None, found.group(1) if found else e.message) from e.__cause__


class GeneratorIterator(runtime.ElementIterator):
    def __init__(self, value):
        self.value = value
        self.id = None

    def next(self):
        (init, nxt, _), (init_args, next_args, _) = self.value.plans, self.value.inputs
        if self.id is None:
            self.id = _call(init, *init_args)[0]
        try:
            return tuple(_call(nxt, self.id, *next_args))
        except errors.OutOfRangeError:
            self.close()
            return None

    def close(self):
        if self.id is not None:
            (_, _, finalize), (_, _, finalize_args) = self.value.plans, self.value.inputs
            iterator_id, self.id = self.id, None
            _call(finalize, iterator_id, *finalize_args)


def _checked(element, structure):
    """``element`` as arrays of the structure's dtypes and compatible shapes."""
    try:
        flat = structure_lib.flatten_up_to(structure.template, element)
    except (TypeError, ValueError):
        raise TypeError(f"`generator` yielded an element that did not match the expected structure. The expected "
                        f"structure was {structure.output_types}, but the yielded element was {element}.") from None
    out = []
    for value, dtype, shape in zip(flat, structure.types, structure.shapes):
        array = _array(value, dtype)
        if not shape.is_compatible_with(array.shape):
            raise TypeError(f"`generator` yielded an element of shape {_shape(array.shape)} where an element of "
                            f"shape {_shape(shape.as_list())} was expected.")
        out.append(array)
    return tuple(out)


def _shape(dims) -> str:
    dims = ["None" if d is None else str(d) for d in dims]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _array(value, dtype):
    if dtype == dtypes.string:
        array = np.asarray(value, dtype=object)
        return np.vectorize(lambda s: s.encode() if isinstance(s, str) else s, otypes=[object])(array) \
            if array.size else array
    array = np.asarray(value)
    want = np.dtype(dtype.as_numpy_dtype)
    if array.size and (array.dtype.kind in "OSU" or (array.dtype.kind == "f" and want.kind in "iu")):
        raise TypeError(f"`generator` yielded an element that could not be converted to the expected type. The "
                        f"expected type was {dtype.name}, but the yielded element was {value}.")
    return array.astype(want, copy=False)


def _generator_factory(op, state):
    funcs = [functions.traced(op, k) for k in ("init_func", "next_func", "finalize_func")]
    plans = [f.compile(state) for f in funcs]
    counts = [op._attrs[k] for k in ("_num_init_args", "_num_next_args", "_num_finalize_args")]

    def generator_dataset(*inputs):
        split = np.cumsum([0] + counts)
        return GeneratorValue(plans, [inputs[a:b] for a, b in zip(split[:-1], split[1:])])
    return generator_dataset


register_dataset_op("GeneratorDataset", [
    Arg("init_func_other_args", type_attr="Tinit_func_args", number_attr="_num_init_args"),
    Arg("next_func_other_args", type_attr="Tnext_func_args", number_attr="_num_next_args"),
    Arg("finalize_func_other_args", type_attr="Tfinalize_func_args", number_attr="_num_finalize_args")],
    _generator_factory, stateful=True)


def _generator_functions(state, generator_py_func, structure, args, dummy):
    """``init_func``, ``next_func`` and ``finalize_func`` traced as TensorFlow traces them."""
    types, shapes = list(structure.types), list(structure.shapes)

    def get_iterator_id_fn(unused_dummy):
        return numpy_function(state.get_next_id, list(args), dtypes.int64)

    def generator_next_fn(iterator_id_t):
        flat = numpy_function(generator_py_func, [iterator_id_t], types)
        for t, shape in zip(flat, shapes):
            t.set_shape(shape)
        return tuple(flat)

    def finalize_fn(iterator_id_t):
        return numpy_function(state.iterator_completed, [iterator_id_t], dtypes.int64)

    id_structure = structure_lib.legacy_structure(dtypes.int64, TensorShape([]))
    return (DataFunction(get_iterator_id_fn, structure_lib.legacy_structure(dummy.dtype, dummy.shape),
                         _TRANSFORMATION),
            DataFunction(generator_next_fn, id_structure, _TRANSFORMATION),
            DataFunction(finalize_fn, id_structure, _TRANSFORMATION))


def _function_attrs(funcs, dummy):
    attrs = {}
    for key, func, inputs in zip(("init", "next", "finalize"), funcs, ([dummy], [], [])):
        args = inputs + func.captured
        attrs.update({f"{key}_func": func, f"T{key}_func_args": [t.dtype.base_dtype for t in args],
                      f"_num_{key}_args": len(args)})
    return attrs, [dummy] + [t for f in funcs for t in f.captured]


def from_generator(dataset_cls, generator, output_types, output_shapes, args, output_signature):
    """The graph of ``Dataset.from_generator``."""
    if not callable(generator):
        raise TypeError("`generator` must be a Python callable.")
    if output_signature is not None:
        output_types, output_shapes = _signature_types_and_shapes(output_types, output_shapes, output_signature)
    elif output_types is None:
        raise TypeError("To specify the output signature you need to provide either the `output_signature` "
                        "argument or the `output_types` argument.")
    structure = structure_lib.legacy_structure(output_types, output_shapes)
    if args is None:
        args = ()
    else:
        if not isinstance(args, (tuple, list)):
            raise TypeError("values must be a sequence.")
        args = tuple(convert_to_tensor(a, name=f"args_{i}" if i else "args") for i, a in enumerate(args))
    state = _GeneratorState(generator)

    def generator_py_func(iterator_id):
        return list(_checked(next(state.get_iterator(iterator_id)), structure))

    dummy = dataset_cls.from_tensors(0)

    def flat_map_fn(dummy_arg):
        funcs = _generator_functions(state, generator_py_func, structure, args, dummy_arg)
        attrs, inputs = _function_attrs(funcs, dummy_arg)
        return dataset_cls(add_dataset_op("GeneratorDataset", inputs, {**attrs, **structure.attrs()}), structure)
    dataset = dummy.flat_map(flat_map_fn)
    if output_signature is not None:
        dataset._element_spec = output_signature  # as TF, the specs given (their names included)
    return dataset


def _signature_types_and_shapes(output_types, output_shapes, output_signature):
    """TF's checks of ``output_signature`` (nested ``tf.TensorSpec``s), then its dtypes and shapes."""
    if output_types is not None:
        raise TypeError("The `output_types` argument can not be used together with the `output_signature` argument.")
    if output_shapes is not None:
        raise TypeError("The `output_shapes` argument can not be used together with the `output_signature` "
                        "argument.")
    specs = structure_lib.flatten(output_signature)
    for spec in specs:
        if not isinstance(spec, TypeSpec):
            raise TypeError(f"`output_signature` must contain objects that are subclass of `tf.TypeSpec` but found "
                            f"{type(spec)} which is not.")
        if not isinstance(spec, TensorSpec):
            raise TypeError(f"scopeflow's from_generator yields dense tensors only: {spec!r} in `output_signature` "
                            "(TensorFlow also takes composite specs there).")
    return (structure_lib.pack(output_signature, [s.dtype for s in specs]),
            structure_lib.pack(output_signature, [s.shape for s in specs]))
