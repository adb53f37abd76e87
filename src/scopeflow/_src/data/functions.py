"""User functions of ``map``, ``filter``, ``flat_map`` and ``interleave``, traced once.

``DataFunction`` calls the Python function once, in a ``FuncGraph`` of its own, on placeholders
``args_0``, ``args_1``... standing for an element's components (a tuple element is passed as
separate arguments, as TensorFlow does; a dict or namedtuple as one). Its ops are named as
TensorFlow names them inside a function (``mul``, ``Cast``); tensors of the enclosing graph
that it reads are captured (``func_graph.py``) and become the dataset op's
``other_arguments``. In a session, the function is one compiled ``Plan`` (``compile``), run
for each element: the op library, never Python per op.

``elementwise`` tells whether running the function once on a stack of elements gives the
stack of its results (every op elementwise, every other operand a scalar constant or capture,
no state): then a ``map`` before a ``batch`` runs once per batch.
"""

from __future__ import annotations

import itertools

from scopeflow._src.client.executor import Plan
from scopeflow._src.data import function_def
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.func_graph import FuncGraph
from scopeflow._src.framework import context, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.array.identity import placeholder

_UIDS = itertools.count(1)


def traced(op, attr: str):
    """The traced function held in ``op``'s attribute ``attr``. A graph imported from a GraphDef
    holds only the function's name there (scopeflow does not import a GraphDef's function
    library): its datasets cannot run, and say so."""
    func = op._attrs[attr]
    if getattr(func, "name_attr_list", None) is None:
        raise errors.UnimplementedError(
            op.node_def, op, f"{op.type} '{op.name}' calls the graph function '{func.name}' of an imported "
                             f"GraphDef's library: scopeflow does not import graph functions, so datasets of an "
                             f"imported graph cannot run; build the pipeline with tf.data in Python")
    return func

# Ops that compute each output element from the same element of each input (operands of equal
# shapes, or scalars broadcast): a function made of them maps a stack of elements to the stack
# of its results.
_ELEMENTWISE = frozenset("""
    Identity Cast Neg Abs Square Sqrt Rsqrt Reciprocal Exp Expm1 Log Log1p Floor Ceil Round Rint Sign
    Tanh Sigmoid Relu Relu6 Elu Selu Softplus Sin Cos Erf IsNan IsFinite LogicalNot
    Add AddV2 Sub Mul RealDiv Div DivNoNan FloorDiv FloorMod TruncateDiv Mod Maximum Minimum Pow
    SquaredDifference Equal NotEqual Less LessEqual Greater GreaterEqual LogicalAnd LogicalOr
    ClipByValue
""".split())


class DataFunction:
    """``fn`` traced for elements of ``input_structure``; what a dataset op runs per element."""

    def __init__(self, fn, input_structure, transformation: str, returns_dataset: bool = False):
        if not callable(fn):
            raise ValueError(f"Argument `func` must be a callable. Received func={fn} (of type {type(fn)})")
        outer = context.default_graph()
        name = getattr(fn, "__name__", type(fn).__name__).replace("<", "").replace(">", "")
        self.name = f"__inference_{transformation.replace('()', '').replace('.', '_')}_{name}_{next(_UIDS)}"
        self.graph = graph = FuncGraph(self.name, outer)
        self.input_structure = input_structure
        with context.push_graph(graph):
            args = [placeholder(dt, sh, name=f"args_{i}") for i, (dt, sh) in
                    enumerate(zip(input_structure.flat_types, input_structure.flat_shapes))]
            nested = input_structure.pack(input_structure.from_tensors(args))
            ret = fn(*nested) if type(nested) is tuple else fn(nested)
            self.dataset = self.output_structure = None
            if returns_dataset:
                self.dataset = ret
                outputs = [ret._variant_tensor]
            else:
                template, values = _outputs(ret, transformation)
                self.output_structure, outputs = structure_lib.components_of(template, values)
            outputs = [graph.capture(t) if t.graph is not graph else t for t in outputs]
        self.outputs = outputs
        self.args = args
        self.inputs = args + list(graph.captures.values())
        self.captured = list(graph.capture_sources.values())  # tensors of the enclosing graph
        self.elementwise = _is_elementwise(graph, args, outputs)

    def compile(self, state) -> Plan:
        """The function as a plan of the session whose ``state`` is given: call it with an
        element's components, then the captured values; it returns the outputs."""
        return Plan(self.outputs, self.inputs, [], state)

    @property
    def functions(self) -> dict:
        """The functions the body's own nodes name (a dataset made inside ``flat_map``'s)."""
        return self.graph._functions

    def function_def(self):
        """The function as TensorFlow's ``FunctionDef``."""
        return function_def.function_def(self.name, self.graph.get_operations(), self.inputs, self.outputs,
                                         {"_tf_data_function": True})

    def name_attr_list(self):
        """The function as a ``NameAttrList`` (a node's ``f`` attribute in a GraphDef)."""
        from scopeflow._src import protos  # loaded on first use: protobuf, for GraphDefs only

        func = protos.NameAttrList(name=self.name)
        func.attr["_tf_data_function"].b = True
        return func

    def __repr__(self):
        return f"<DataFunction {self.name}>"


def _outputs(ret, transformation):
    """The function's return value as (nesting, flat tensors and sparse tensors): lists become
    tuples and Python values tensors, as TensorFlow does."""
    if isinstance(ret, list):
        ret = tuple(ret)
    if ret is None:
        return (), []
    flat = structure_lib.flatten(ret)
    values = []
    for value in flat:
        if isinstance(value, (Tensor, SparseTensor)):
            values.append(value)
            continue
        try:
            values.append(convert_to_tensor(value))
        except (TypeError, ValueError):
            raise TypeError(f"Unsupported return value from function passed to {transformation}: {ret}.") from None
    return ret, values


def _is_elementwise(graph, args, outputs) -> bool:
    """Whether the function maps a stack of elements to the stack of its results."""
    varying = set(args)  # tensors that change from element to element
    for op in graph.get_operations():
        if op._type == "Placeholder" or op._type == "Const":
            continue
        opdef = registry.find(op._type)
        if opdef is None or opdef.stateful:
            return False
        if not any(t in varying for t in op._inputs):
            continue  # a constant computed from constants and captures
        if op._type not in _ELEMENTWISE:
            return False
        for out in op._outputs:
            if not out.shape.is_fully_defined():
                return False
            for t in op._inputs:
                if t.shape != out.shape and (t in varying or t.shape.ndims != 0):
                    return False
            varying.add(out)
    return all(t in varying for t in outputs)
