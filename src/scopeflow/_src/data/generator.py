"""``Dataset.from_generator``: elements produced by a Python generator in the session.

TensorFlow builds a ``TensorDataset`` of a dummy 0 and a ``FlatMapDataset`` whose function
makes a ``GeneratorDataset``; the generator's arguments are captured tensors of that
function. Each new iteration calls ``generator(*args)`` afresh (``args`` as NumPy values:
numbers as NumPy scalars, strings as ``bytes``), and each yielded element is checked against
``output_types``/``output_shapes`` with TensorFlow's errors (a ``TypeError`` or the
generator's own exception becomes ``InvalidArgumentError`` naming it).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import add_dataset_op, register_dataset_op
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import Arg
from scopeflow._src.framework.tensor_spec import TensorSpec, TypeSpec


class _GeneratorFunction:
    """The ``init_func``/``next_func``/``finalize_func`` attributes: the generator itself."""

    def __init__(self, generator, role, structure):
        self.generator, self.role, self.structure = generator, role, structure

    def name_attr_list(self):
        from scopeflow._src import protos  # loaded on first use: protobuf, for GraphDefs only

        return protos.NameAttrList(name=f"__inference_Dataset_from_generator_{self.role}_{id(self.generator):x}")


class GeneratorValue(runtime.DatasetValue):
    def __init__(self, generator, args, structure):
        self.generator, self.args, self.structure = generator, args, structure

    def make(self):
        return GeneratorIterator(self)


class GeneratorIterator(runtime.ElementIterator):
    def __init__(self, value):
        self.value = value
        self.it = None

    def next(self):
        value = self.value
        try:
            if self.it is None:
                self.it = iter(value.generator(*value.args))
            element = next(self.it)
        except StopIteration:
            return None
        except Exception as e:  # noqa: BLE001 - the generator's error, reported as TF does
            raise errors.InvalidArgumentError(None, None, f"{type(e).__name__}: {e}") from e
        try:
            return _checked(element, value.structure)
        except TypeError as e:
            raise errors.InvalidArgumentError(None, None, f"TypeError: {e}") from e


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


def _arg(value):
    value = np.asarray(value)
    return value[()] if value.ndim == 0 else value


def _generator_factory(op, state):
    generator, structure = op._attrs["init_func"].generator, op._attrs["init_func"].structure

    def generator_dataset(dummy, *args):
        return GeneratorValue(generator, tuple(_arg(a) for a in args), structure)
    return generator_dataset


register_dataset_op("GeneratorDataset", [
    Arg("init_func_other_args", type_attr="Tinit_func_args", number_attr="_num_init_args"),
    Arg("next_func_other_args", type_attr="Tnext_func_args", number_attr="_num_next_args"),
    Arg("finalize_func_other_args", type_attr="Tfinalize_func_args", number_attr="_num_finalize_args")],
    _generator_factory, stateful=True)


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
    dummy = dataset_cls.from_tensors(0)

    def flat_map_fn(dummy_arg):
        init_args = [dummy_arg] + list(args)
        attrs = {"init_func": _GeneratorFunction(generator, "init", structure),
                 "next_func": _GeneratorFunction(generator, "next", structure),
                 "finalize_func": _GeneratorFunction(generator, "finalize", structure),
                 "Tinit_func_args": [t.dtype.base_dtype for t in init_args], "_num_init_args": len(init_args),
                 "Tnext_func_args": [], "_num_next_args": 0, "Tfinalize_func_args": [], "_num_finalize_args": 0,
                 **structure.attrs()}
        return dataset_cls(add_dataset_op("GeneratorDataset", init_args, attrs), structure)
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
