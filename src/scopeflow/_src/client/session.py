"""``tf.Session`` and ``tf.InteractiveSession``.

A session owns variable values (two sessions on one graph hold separate values) and a
cache of compiled plans, one per (fetches, feeds) signature, so that a training loop's
``run`` only walks a flat list of kernels.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.client import fetches as fetch_lib
from scopeflow._src.client.executor import Plan, RunState
from scopeflow._src.framework import context, dtypes
from scopeflow._src.framework.operation import Operation, Tensor


class Session:
    """Runs ops of ``graph`` (default: the default graph) with NumPy kernels.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 2], name="x")
    >>> y = x * 2.0
    >>> with tf.Session() as sess:
    ...     sess.run(y, feed_dict={x: [[1.0, 2.0]]}).tolist()
    [[2.0, 4.0]]
    """

    def __init__(self, target="", graph=None, config=None):
        self._graph = context.default_graph() if graph is None else graph
        self._state = RunState()
        self._plans: dict = {}
        self._closed = False
        self._default_cm = None

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        raise TypeError("scopeflow graphs have no GraphDef protos; inspect graph.get_operations() instead")

    @property
    def sess_str(self) -> str:
        return ""

    def as_default(self):
        """Make this the default session (for ``eval`` and ``run``) inside a ``with`` block."""
        return context.push_session(self)

    def __enter__(self):
        self._default_cm = self.as_default()
        self._default_cm.__enter__()
        return self

    def __exit__(self, *exc):
        try:
            self._default_cm.__exit__(*exc)
        finally:
            self._default_cm = None
            self.close()
        return False

    def close(self) -> None:
        self._closed = True
        self._plans.clear()

    def __del__(self):
        pass

    # -- running --------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Compute ``fetches`` (tensors, ops, variables, names, or nested structures of them)."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if self._graph.version == 0:
            raise RuntimeError("The Session graph is empty. Add operations to the graph before calling run().")
        if isinstance(fetches, Tensor) and fetches._op._graph is self._graph and not feed_dict:
            plan = self._plans.get(fetches)
            if plan is None:
                plan = self._plans[fetches] = Plan([fetches], [], [], self._state)
            return plan.run(())[0]
        elements = []
        recipe = fetch_lib.flatten(self._graph, fetches, elements)
        feed_tensors, feed_values = self._feeds(feed_dict)
        tensors, ops = fetch_lib.split(elements)
        key = (tuple(tensors), tuple(ops), tuple(feed_tensors))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = Plan(tensors, feed_tensors, ops, self._state)
        values = plan.run(feed_values)
        by_element = {}
        it = iter(values)
        for e in elements:
            if isinstance(e, Tensor) and e not in by_element:
                by_element[e] = next(it)
        return fetch_lib.rebuild(recipe, [by_element.get(e) for e in elements])

    def _feeds(self, feed_dict):
        if not feed_dict:
            return [], []
        tensors, values = [], []
        for key, value in feed_dict.items():
            try:
                t = self._graph.as_graph_element(key, allow_tensor=True, allow_operation=False)
            except (TypeError, ValueError, KeyError) as e:
                raise TypeError("Cannot interpret feed_dict key as Tensor: " + (e.args[0] if e.args else str(e))) \
                    from None
            if isinstance(value, Tensor):
                raise TypeError(
                    "The value of a feed cannot be a tf.Tensor object. Acceptable feed values include Python "
                    "scalars, strings, lists, numpy ndarrays, or TensorHandles. For reference, the tensor object "
                    f"was {value} which was passed to the argument `feed_dict` with key {key}.")
            np_type = t.dtype.base_dtype.as_numpy_dtype
            if t.dtype.base_dtype == dtypes.string:
                array = np.asarray(value, dtype=object)
            else:
                try:
                    array = np.asarray(value, dtype=np_type)
                except (TypeError, ValueError) as e:
                    raise ValueError(f"could not convert feed for Tensor {t.name}: {e}") from None
            if not t.shape.is_compatible_with(array.shape):
                raise ValueError(f"Cannot feed value of shape {array.shape} for Tensor {t.name}, which has shape "
                                 f"{t.shape}")
            tensors.append(t)
            values.append(array)
        return tensors, values

    def make_callable(self, fetches, feed_list=None, accept_options=False):
        """A function ``f(*feed_values)`` that runs ``fetches`` with ``feed_list`` fed."""
        feed_list = list(feed_list or [])

        def call(*values):
            return self.run(fetches, dict(zip(feed_list, values)))
        return call

    def list_devices(self):
        return []

    def reset(self, *args, **kwargs):
        self._state = RunState()
        self._plans.clear()


class InteractiveSession(Session):
    """A session that makes itself the default on creation (for shells and notebooks)."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        context.install_session(self)

    def close(self) -> None:
        super().close()
        context.uninstall_session(self)
