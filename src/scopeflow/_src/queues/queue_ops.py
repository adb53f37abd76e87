"""The queue op types (``FIFOQueueV2``, ``QueueEnqueueV2``, ``QueueDequeueManyV2``, ...) and
the functions that add them to a graph, as TensorFlow's generated ``gen_data_flow_ops`` do.

A queue op's kernel creates the session's queue (``queue_kernels``) once and outputs it as
the ``resource`` handle; the enqueue, dequeue, close and size ops take that handle as their
first input and call the queue. Every one of them is stateful: none is folded, pruned or
cached.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.queues import queue_kernels, resources

_HANDLE = "handle: resource"
_COUNT = "_num_components"  # the type list's length: scopeflow's bookkeeping, kept off NodeDefs
_IN = Arg("components", type_attr="Tcomponents", number_attr=_COUNT)
_OUT = Arg("components", type_attr="component_types", number_attr=_COUNT)
_QUEUE_DEFAULTS = {"shapes": [], "capacity": -1, "container": "", "shared_name": ""}
_TIMEOUT = {"timeout_ms": -1}


def _numpy_types(types):
    return [d.as_numpy_dtype for d in types]


def _shapes(op):
    return [tuple(s.as_list()) for s in op._attrs.get("shapes", [])]


def _queue_factory(make):
    def factory(op, state):
        queue = resources.lookup_or_create(state, op, lambda name: make(op, name))
        return lambda: queue
    return factory


def _fifo(op, name):
    return queue_kernels.QueueKernel(name, _numpy_types(op._attrs["component_types"]), _shapes(op),
                                     op._attrs.get("capacity", -1))


def _padding(op, name):
    return queue_kernels.PaddingFIFOQueueKernel(name, _numpy_types(op._attrs["component_types"]), _shapes(op),
                                                op._attrs.get("capacity", -1))


def _shuffle(op, name):
    attrs = op._attrs
    return queue_kernels.RandomShuffleQueueKernel(
        name, _numpy_types(attrs["component_types"]), _shapes(op), attrs.get("capacity", -1),
        attrs.get("min_after_dequeue", 0), attrs.get("seed", 0), attrs.get("seed2", 0))


def _priority(op, name):
    shapes = _shapes(op)
    return queue_kernels.PriorityQueueKernel(
        name, _numpy_types([dtypes.int64] + list(op._attrs["component_types"])), [()] + shapes if shapes else [],
        op._attrs.get("capacity", -1))


def _scalar(inputs, attrs):
    return TensorShape(())


for _type, _make, _extra in (("FIFOQueueV2", _fifo, {}), ("PaddingFIFOQueueV2", _padding, {}),
                             ("RandomShuffleQueueV2", _shuffle, {"min_after_dequeue": 0, "seed": 0, "seed2": 0}),
                             ("PriorityQueueV2", _priority, {"component_types": []})):
    _defaults = {**_QUEUE_DEFAULTS, **_extra}
    if _type == "PriorityQueueV2":
        del _defaults["shapes"]  # required there
    registry.register(OpDef(_type, outputs=[_HANDLE], shape=_scalar, factory=_queue_factory(_make), stateful=True,
                            defaults=_defaults))


def _enqueue_factory(op, state):
    return lambda queue, *components: queue.enqueue(components)


def _enqueue_many_factory(op, state):
    return lambda queue, *components: queue.enqueue_many(components)


def _dequeue_factory(op, state):
    return lambda queue: queue.dequeue()


def _close_factory(op, state):
    cancel = bool(op._attrs.get("cancel_pending_enqueues"))
    return lambda queue: queue.close_queue(cancel)


def _dequeue_many_factory(up_to):
    def factory(op, state):
        return lambda queue, n: queue.dequeue_many(n, up_to)
    return factory


registry.register(OpDef("QueueEnqueueV2", inputs=[_HANDLE, _IN], factory=_enqueue_factory, stateful=True,
                        defaults=_TIMEOUT))
registry.register(OpDef("QueueEnqueueManyV2", inputs=[_HANDLE, _IN], factory=_enqueue_many_factory, stateful=True,
                        defaults=_TIMEOUT))
registry.register(OpDef("QueueDequeueV2", inputs=[_HANDLE], outputs=[_OUT], factory=_dequeue_factory,
                        stateful=True, defaults=_TIMEOUT))
registry.register(OpDef("QueueDequeueManyV2", inputs=[_HANDLE, "n: int32"], outputs=[_OUT],
                        factory=_dequeue_many_factory(False), stateful=True, defaults=_TIMEOUT))
registry.register(OpDef("QueueDequeueUpToV2", inputs=[_HANDLE, "n: int32"], outputs=[_OUT],
                        factory=_dequeue_many_factory(True), stateful=True, defaults=_TIMEOUT))
registry.register(OpDef("QueueCloseV2", inputs=[_HANDLE], factory=_close_factory, stateful=True,
                        defaults={"cancel_pending_enqueues": False}))
registry.register(OpDef("QueueSizeV2", inputs=[_HANDLE], outputs=["size: int32"], shape=_scalar,
                        kernel=lambda queue: queue.size(), stateful=True))
registry.register(OpDef("QueueIsClosedV2", inputs=[_HANDLE], outputs=["is_closed: bool"], shape=_scalar,
                        kernel=lambda queue: queue.is_closed(), stateful=True))


# -- building -----------------------------------------------------------------------------------
def queue_op(op_type, graph, name, component_types, shapes, capacity, shared_name, **extra):
    """A queue-creating op (``FIFOQueueV2``...) named ``name`` in the current scope; its handle."""
    if not component_types and op_type != "PriorityQueueV2":  # its priority is a component of its own
        raise ValueError(f"Attr 'component_types' of '{op_type}' Op passed list of length 0 less than minimum 1.")
    attrs = {"component_types": list(component_types), "shapes": [TensorShape(s) for s in shapes or []],
             "capacity": int(capacity), "container": "", "shared_name": shared_name or "", **extra}
    op = graph._add_op(op_type, graph._op_name(name, op_type), [], attrs, [(dtypes.resource, TensorShape(()))])
    return op._outputs[0]


def enqueue_op(op_type, handle, components, scope):
    """A ``QueueEnqueueV2`` or ``QueueEnqueueManyV2`` op named ``scope`` (ending in ``/``)."""
    graph = handle.graph
    attrs = {"Tcomponents": [c.dtype.base_dtype for c in components], _COUNT: len(components), "timeout_ms": -1}
    return graph._add_op(op_type, scope[:-1], [handle] + list(components), attrs, [])


def dequeue_op(op_type, handle, component_types, name, n=None):
    """A dequeue op of ``op_type`` (``n`` elements for the batch ones); its outputs, of unknown shape."""
    graph = handle.graph
    attrs = {"component_types": list(component_types), _COUNT: len(component_types), "timeout_ms": -1}
    outputs = [(d, UNKNOWN) for d in component_types]
    if n is None:
        return graph._add_op(op_type, graph._op_name(name, op_type), [handle], attrs, outputs)._outputs
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        n = convert_to_tensor(n, dtype=dtypes.int32, name="n")
        return graph._add_op(op_type, scope[:-1], [handle, n], attrs, outputs)._outputs


def handle_op(op_type, handle, name, attrs=None, output=None):
    """``QueueCloseV2``, ``QueueSizeV2`` or ``QueueIsClosedV2`` on ``handle``."""
    graph = handle.graph
    outputs = [] if output is None else [(output, TensorShape(()))]
    op = graph._add_op(op_type, graph._op_name(name, op_type), [handle], dict(attrs or {}), outputs)
    return op if output is None else op._outputs[0]
