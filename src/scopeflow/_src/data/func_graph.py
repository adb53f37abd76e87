"""The graph of a traced function: the body of a ``map``/``filter``/``flat_map`` function.

A ``FuncGraph`` is a ``Graph`` whose ops may read tensors of the graphs enclosing it: the
op builder hands such a tensor to ``capture``, which gives it a placeholder in the function's
graph (once per tensor). The captured outer tensors become extra inputs of the dataset op that
runs the function (TF's ``other_arguments``), so their values are computed when the dataset
is created in a session, as TensorFlow does. A function traced inside another function
captures through it.
"""

from __future__ import annotations

from scopeflow._src.framework import context, naming
from scopeflow._src.framework.graph import Graph


class FuncGraph(Graph):
    """A function body being traced, inside ``outer_graph``.

    >>> import scopeflow as tf
    >>> from scopeflow._src.data.func_graph import FuncGraph
    >>> outer = tf.Graph()
    >>> with outer.as_default():
    ...     w = tf.constant(2.0, name="w")
    ...     body = FuncGraph("f", outer)
    ...     with body.as_default():
    ...         y = tf.placeholder(tf.float32, [], name="x") * w
    >>> [op.name for op in body.get_operations()], [t.name for t in body.captures]
    (['x', 'w', 'mul'], ['w:0'])
    """

    def __init__(self, name: str, outer_graph: Graph):
        super().__init__()
        self.name = name
        self.outer_graph = outer_graph
        self.seed = outer_graph.seed
        self.captures: dict = {}  # outer tensor -> its placeholder here, in capture order
        self.capture_sources: dict = {}  # outer tensor -> the tensor of ``outer_graph`` giving its value

    @property
    def building_function(self) -> bool:
        return True

    def capture(self, tensor):
        """The placeholder standing for ``tensor`` (of an enclosing graph) in this graph."""
        inner = self.captures.get(tensor)
        if inner is not None:
            return inner
        source = tensor
        if tensor._op._graph is not self.outer_graph:
            if not self.outer_graph.building_function:
                raise ValueError(f"{tensor} must be from the same graph as the function being traced "
                                 f"(graphs are {tensor._op._graph!r} and {self!r}).")
            source = self.outer_graph.capture(tensor)
        with self._lock:  # the name scope open now (the consumer's) is not the placeholder's
            name = naming.unique_name(self._names_in_use, tensor._op._name.rsplit("/", 1)[-1])
        attrs = {"dtype": tensor.dtype, "shape": tensor.shape}
        with context.push_graph(self):
            op = self._add_op("Placeholder", name, [], attrs, [(tensor.dtype, tensor.shape)])
        inner = self.captures[tensor] = op._outputs[0]
        self.capture_sources[tensor] = source
        return inner

    def __repr__(self):
        return f"<scopeflow FuncGraph {self.name!r}>"
