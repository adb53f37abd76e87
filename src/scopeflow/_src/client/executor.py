"""Compiled execution plans: what ``Session.run`` does for one (fetches, feeds, targets).

Compiling a ``Plan`` does, once, everything that does not depend on the fed values. It
chooses the ops (``pruning.py``: ``prune`` to what the fetches and targets need, stopping at
fed tensors; ``order`` them; ``liveness.py``: which may be dead, in an untaken branch or past
a loop's last iteration; ``observed`` drops stateless ops reached only through control edges),
binds each op's kernel (``OpDef.compile``: factories read attributes here, not per run), and
has ``plan_writer.PlanWriter`` write the whole step as one Python function: one local
variable per tensor, one line per kernel call, one ``while True:`` block per loop frame.

Running a plan is then a single call of that function. There is no per-op bookkeeping:
when a kernel fails, the line number in the traceback tells which op it was, and the
error is re-raised as TensorFlow does it, naming the node.

Variable references: a ``VariableV2`` kernel yields a ``VariableRef`` (TF's ``float32_ref``
buffer). ``Identity`` of a reference (``v/read``) forwards it, and every other consumer
reads the stored value when it runs, so ``identity(v)`` under a control dependency on
``assign(v, ...)`` sees the new value, as in TensorFlow. A read of an uninitialized
variable is reported at the node TensorFlow names: the ``Identity`` that read it
(``v/read``), or the consumer itself when it takes the reference directly.
"""

from __future__ import annotations

import threading

import numpy as np

from scopeflow._src.client import liveness, pruning
from scopeflow._src.client.plan_writer import PlanWriter
from scopeflow._src.framework import errors
from scopeflow._src.ops.common import blas

_NUMERIC_ERRORS = (ValueError, IndexError, TypeError, ArithmeticError, np.linalg.LinAlgError, KeyError)

class RunState:
    """What a session keeps between runs: variable values (by variable name), the kernels of
    stateful ops, which all plans of a session share (so a seeded random op continues one
    stream whichever fetches it is run with, as in TensorFlow), and the resources those
    kernels own (queues, iterators and their threads), closed with the session.

    Several threads may run plans of one session at once (a queue runner enqueues while the
    training loop dequeues): each stateful kernel is still created once, under a lock.
    """

    def __init__(self):
        self.variables: dict[str, np.ndarray] = {}
        self.kernels: dict = {}
        self.resources: list = []
        self.named_resources: dict = {}  # (container, shared name) -> resource
        self.lock = threading.RLock()
        self.closed = False

    def kernel(self, opdef, op):
        """``op``'s kernel: compiled per plan, or once per session for stateful ops."""
        if not opdef.stateful:
            return opdef.compile(op, self)
        kernel = self.kernels.get(op)
        if kernel is None:
            with self.lock:
                kernel = self.kernels.get(op)
                if kernel is None:
                    kernel = self.kernels[op] = opdef.compile(op, self)
        return kernel

    def add_resource(self, resource):
        """Keep ``resource`` (an object with a ``close()`` method: a queue, an iterator) until
        the session closes, when its ``close()`` is called: blocked runs waiting on it end
        with ``CancelledError`` and its threads stop."""
        with self.lock:
            if not self.closed:
                self.resources.append(resource)
                return resource
        resource.close()  # created by a run that raced the session's close: nothing may wait on it
        return resource

    def named_resource(self, key, make):
        """The session's resource under ``key`` (a container and a shared name, as TF's
        resource manager finds them): ``make()`` creates it the first time, and it is kept
        (``add_resource``) until the session closes."""
        with self.lock:
            resource = self.named_resources.get(key)
            if resource is None:
                resource = self.named_resources[key] = self.add_resource(make())
            return resource

    def close(self):
        """Close every resource, in reverse order of creation (once)."""
        with self.lock:
            resources, self.resources, self.closed = self.resources[::-1], [], True
        for resource in resources:
            resource.close()


class Plan:
    """One compiled ``run``: call it with the fed arrays (in ``feed_tensors`` order); it
    returns one value per entry of ``fetch_tensors`` (fed ones as fed, as TensorFlow does).
    """

    def __init__(self, fetch_tensors, feed_tensors, target_ops, state):
        self.fetch_tensors = list(fetch_tensors)
        self.feed_tensors = list(feed_tensors)
        self.target_ops = list(target_ops)
        fed = set(self.feed_tensors)
        needed = pruning.prune(self.fetch_tensors, self.target_ops, fed)
        ordered = pruning.order(needed)  # ordering first: it also finds cycles
        dead_ops, dead = liveness.maybe_dead(ordered, fed)
        observed = pruning.observed(needed, self.fetch_tensors, self.target_ops, fed, dead_ops)
        ops = [op for op in ordered if op in observed]
        self.n_ops = len(ops)
        writer = PlanWriter(self.feed_tensors, state, dead_ops, dead)
        source, namespace, self._lines = writer.write(ops, self.fetch_tensors)
        self.source = source
        code = compile(source, f"<scopeflow plan {id(self):#x}>", "exec")
        exec(code, namespace)  # noqa: S102 - our own generated code: names and integers only
        self._fn = namespace["_plan"]
        self._code = self._fn.__code__

    @property
    def function(self):
        """The compiled step itself, for a caller that runs it many times in a row (tf.data's
        per-element functions): it sets ``np.errstate`` once around the calls, and calls the
        plan again where one fails, for TensorFlow's error."""
        return self._fn

    def __call__(self, *feed_values):
        try:
            with np.errstate(all="ignore"):  # TensorFlow computes inf/nan silently
                return self._fn(*feed_values)
        except Exception as e:  # noqa: BLE001 - one frame for the whole step
            error = self._runtime_error(e)
            if error is None:
                raise
            # a kernel's OpError keeps what caused it (a py_func's own exception) as the cause
            raise error from (e.__cause__ if isinstance(e, errors.OpError) else e)
        finally:
            blas.restore_threads()  # the caller's BLAS thread counts, if a product kernel changed them

    def _runtime_error(self, e):
        """TensorFlow's error for exception ``e`` raised inside the plan's function."""
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code is not self._code:
            tb = tb.tb_next
        if tb is None or tb.tb_lineno not in self._lines:
            return None
        kind, where = self._lines[tb.tb_lineno]
        if isinstance(e, errors.OpError):
            cls, message = type(e), e.message
        elif isinstance(e, MemoryError):
            cls, message = errors.ResourceExhaustedError, f"OOM when allocating tensor: {e}"
        elif isinstance(e, _NUMERIC_ERRORS):
            cls, message = errors.InvalidArgumentError, str(e) or type(e).__name__
        else:  # a kernel bug: keep the Python error visible (it is also the __cause__)
            cls, message = errors.InternalError, f"{type(e).__name__}: {e}"
        if kind == "feed":  # converting a fed value, before any node runs
            return cls(None, None, f"Graph execution error:\n\n{message}")
        if kind == "retval":  # a fetched variable read directly: TF's "_retval" node, no op
            names = sorted(t.name for t in self.fetch_tensors if t not in self.feed_tensors)
            retval = f"_retval_{where.op.name}_{where.value_index}_{names.index(where.name)}"
            return cls(None, None, f"Graph execution error:\n\n{message}\n\t [[{{{{node {retval}}}}}]]")
        return cls(where.node_def, where, node_error_text(where, message))


def node_error_text(op, message: str) -> str:
    """TensorFlow's text for a runtime failure at ``op`` (ops keep no creation traceback)."""
    return (f"Graph execution error:\n\nDetected at node {op.name!r} defined at (most recent call last):\n"
            f"Node: {op.name!r}\n{message}\n\t [[{{{{node {op.name}}}}}]]")
