"""``tf.ConditionalAccumulator`` and ``tf.SparseConditionalAccumulator``: the gradient
aggregators of synchronous replicated training (``SyncReplicasOptimizer``). Gradients applied
with a ``local_step`` older than the accumulator's global step are dropped; ``take_grad(n)``
waits for ``n`` gradients, returns their mean (or sum) and advances the global step.

>>> import scopeflow as tf
>>> acc = tf.ConditionalAccumulator(tf.float32, shape=[2])
>>> apply_1 = acc.apply_grad([1.0, 2.0])
>>> apply_2 = acc.apply_grad([3.0, 4.0])
>>> with tf.Session() as sess:
...     _ = sess.run([apply_1]), sess.run([apply_2])
...     sess.run(acc.take_grad(2)).tolist()
[2.0, 3.0]
"""

from __future__ import annotations

import collections

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.queues import accumulator_ops

SparseTakeGradient = collections.namedtuple("SparseAccumulatorTakeGradient", ["indices", "values", "shape"])


def _step(value):
    return cast(convert_to_tensor(value), dtypes.int64)


class ConditionalAccumulatorBase:
    """What both accumulators share: the handle, the name, the dtype, ``num_accumulated`` and
    ``set_global_step``."""

    _NUM_ACCUMULATED = "ResourceAccumulatorNumAccumulated"
    _SET_GLOBAL_STEP = "ResourceAccumulatorSetGlobalStep"

    def __init__(self, dtype, shape, accumulator_ref):
        self._dtype = dtype
        self._shape = TensorShape(shape) if shape is not None else TensorShape(None)
        self._accumulator_ref = accumulator_ref
        self._name = accumulator_ref.op.name.split("/")[-1]

    @property
    def accumulator_ref(self):
        """The accumulator's handle (the creating op's output)."""
        return self._accumulator_ref

    @property
    def name(self):
        """The name of the accumulator's op, without its scope."""
        return self._name

    @property
    def dtype(self):
        """The dtype of the gradients it accumulates."""
        return self._dtype

    def num_accumulated(self, name=None):
        """How many gradients are in the accumulator now (an ``int32`` scalar)."""
        if name is None:
            name = f"{self._name}_NumAccumulated"
        return accumulator_ops.handle_op(self._NUM_ACCUMULATED, [self._accumulator_ref], name)

    def set_global_step(self, new_global_step, name=None):
        """An op setting the accumulator's global step (gradients older than it are dropped)."""
        return accumulator_ops.handle_op(self._SET_GLOBAL_STEP, [self._accumulator_ref, _step(new_global_step)], name)


class ConditionalAccumulator(ConditionalAccumulatorBase):
    """Accumulates dense gradients of one shape (``ResourceConditionalAccumulator``)."""

    def __init__(self, dtype, shape=None, shared_name=None, name="conditional_accumulator", reduction_type="MEAN"):
        ref = accumulator_ops.conditional_accumulator("ResourceConditionalAccumulator", dtype, shape, shared_name,
                                                      name, reduction_type)
        super().__init__(dtypes.as_dtype(dtype), shape, ref)

    def apply_grad(self, grad, local_step=0, name=None):
        """An op adding ``grad`` unless ``local_step`` is older than the accumulator's step.
        ``grad``'s static shape must be compatible with the accumulator's (else ``ValueError``)."""
        grad = convert_to_tensor(grad, self._dtype)
        grad.shape.assert_is_compatible_with(self._shape)
        local_step = _step(local_step)
        return accumulator_ops.apply_op("ResourceAccumulatorApplyGradient", [self._accumulator_ref, local_step, grad],
                                        self._dtype, name)

    def take_grad(self, num_required, name=None):
        """The mean (or sum) of the next ``num_required`` gradients, once they are in; the
        accumulator is then emptied and its global step advanced."""
        out, = accumulator_ops.take_op("ResourceAccumulatorTakeGradient", self._accumulator_ref, num_required,
                                       self._dtype, name)
        out.set_shape(self._shape)
        return out


class SparseConditionalAccumulator(ConditionalAccumulatorBase):
    """Accumulates ``IndexedSlices`` gradients (``SparseConditionalAccumulator``, a ``Ref(string)``
    handle); the mean divides each slice by the number of gradients that gave it."""

    _NUM_ACCUMULATED = "AccumulatorNumAccumulated"
    _SET_GLOBAL_STEP = "AccumulatorSetGlobalStep"

    def __init__(self, dtype, shape=None, shared_name=None, name="sparse_conditional_accumulator",
                 reduction_type="MEAN"):
        ref = accumulator_ops.conditional_accumulator("SparseConditionalAccumulator", dtype, shape, shared_name,
                                                      name, reduction_type)
        super().__init__(dtypes.as_dtype(dtype), shape, ref)

    def apply_indexed_slices_grad(self, grad, local_step=0, name=None):
        """``apply_grad`` of an ``IndexedSlices``."""
        return self.apply_grad(grad_indices=grad.indices, grad_values=grad.values, grad_shape=grad.dense_shape,
                               local_step=local_step, name=name)

    def apply_grad(self, grad_indices, grad_values, grad_shape=None, local_step=0, name=None):
        """An op adding the slices ``grad_values`` at ``grad_indices`` unless ``local_step`` is
        older than the accumulator's step; ``grad_shape`` (optional) is checked against the
        accumulator's shape when it runs."""
        local_step = _step(local_step)
        indices = cast(grad_indices, dtypes.int64)
        shape = cast([] if grad_shape is None else grad_shape, dtypes.int64)
        return accumulator_ops.sparse_apply_op(self._accumulator_ref, local_step, indices, grad_values, shape,
                                               grad_shape is not None, name)

    def take_grad(self, num_required, name=None):
        """``(indices, values, shape)`` of the mean (or sum) of the next ``num_required`` gradients."""
        return SparseTakeGradient(*accumulator_ops.take_op("SparseAccumulatorTakeGradient", self._accumulator_ref,
                                                           num_required, self._dtype, name))

    def take_indexed_slices_grad(self, num_required, name=None):
        """``take_grad`` as an ``IndexedSlices``."""
        indices, values, shape = accumulator_ops.take_op("SparseAccumulatorTakeGradient", self._accumulator_ref,
                                                         num_required, self._dtype, name)
        return IndexedSlices(indices=indices, values=values, dense_shape=shape)
