"""``make_one_shot_iterator``: an iterator that starts itself, on a copy of its dataset.

TensorFlow captures the dataset's graph *by value* into a function (``_make_dataset_...``, the
``OneShotIterator``'s ``dataset_factory``), which the iterator runs once per session. So does
scopeflow: the ops the dataset tensor depends on through its data inputs are copied into a
``FuncGraph`` (control inputs are not copied, as in TF: ``list_files``' assertion does not run
for a one-shot iterator), refusing a placeholder or a variable with TF's errors; the copy is
also the function written to a GraphDef's library.
"""

from __future__ import annotations

from scopeflow._src.data import function_def
from scopeflow._src.data.func_graph import FuncGraph
from scopeflow._src.data.iterator import Iterator
from scopeflow._src.framework import context, default_graph, dtypes
from scopeflow._src.framework.tensor_shape import TensorShape

_STATEFUL = ("VariableV2", "VarHandleOp")


class DatasetFactory:
    """A one-shot iterator's ``dataset_factory`` attribute: the dataset's ops, copied by value."""

    def __init__(self, dataset_tensor):
        self.name = f"_make_dataset_{id(self):x}"
        self.graph = FuncGraph(self.name, dataset_tensor.graph)
        self.dataset_tensor = _copy_by_value(dataset_tensor, self.graph)

    @property
    def functions(self) -> dict:
        """The traced functions the copied dataset ops name."""
        return self.graph._functions

    def function_def(self):
        """The copy as a function returning the dataset (TF's ``_make_dataset``)."""
        return function_def.function_def(self.name, self.graph.get_operations(), [], [self.dataset_tensor])

    def name_attr_list(self):
        from scopeflow._src import protos  # loaded on first use: protobuf, for GraphDefs only

        return protos.NameAttrList(name=self.name)


def _by_value_ops(tensor) -> list:
    """The ops ``tensor`` depends on through data inputs, checked in TF's order (an op before
    its inputs) for what cannot be captured by value."""
    seen, stack = set(), [tensor._op]
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        if op._type in ("Placeholder", "PlaceholderWithDefault"):
            raise ValueError(f"Cannot capture a placeholder (name:{op.name}, type:{op.type}) by value.")
        if op._type in _STATEFUL:
            raise ValueError(f"Cannot capture a stateful node (name:{op.name}, type:{op.type}) by value.: A likely "
                             f"cause of this error is that the dataset for which you are calling "
                             f"`make_one_shot_iterator()` captures a stateful object, such as a `tf.Variable` or "
                             f"`tf.lookup.StaticHashTable`, which is not supported. Use "
                             f"`make_initializable_iterator()` instead.")
        stack.extend(t._op for t in reversed(op._inputs))
    return sorted(seen, key=lambda op: op._id)


def _copy_by_value(tensor, graph):
    copies = {}
    for op in _by_value_ops(tensor):
        new = graph._add_op(op._type, op._name, [copies[t] for t in op._inputs], dict(op._attrs),
                            [(t._dtype, t._shape) for t in op._outputs])
        copies.update(zip(op._outputs, new._outputs))
        for value in op._attrs.values():
            if hasattr(value, "function_def"):
                graph._functions[value.name] = value
    return copies[tensor]


def make_one_shot_iterator(dataset) -> Iterator:
    """``tf.data.make_one_shot_iterator(dataset)``: an iterator without an initializer."""
    factory = DatasetFactory(dataset._variant_tensor)
    default_graph.get_seed(None)
    graph = context.default_graph()
    structure = dataset._structure
    with graph.colocate_with(dataset._variant_tensor.op):
        attrs = {"dataset_factory": factory, **structure.attrs(), "container": "", "shared_name": ""}
        op = graph._add_op("OneShotIterator", graph._op_name(None, "OneShotIterator"), [], attrs,
                           [(dtypes.resource, TensorShape([]))])
        graph._functions[factory.name] = factory
        return Iterator(op._outputs[0], None, structure.output_types, structure.output_shapes,
                        structure.output_classes)
