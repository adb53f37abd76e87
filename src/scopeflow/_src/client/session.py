"""``tf.Session`` and ``tf.InteractiveSession``.

A session owns variable values (two sessions on one graph hold separate values) and two
caches:

* compiled plans (``executor.Plan``), one per (unique fetched tensors, fetched ops, fed
  tensors in feed order); a plan prunes from its fetches, so ops added to the graph later
  never invalidate it;
* "steps" (``_step``): for a call whose fetches and feed keys have an identity key
  (``call_keys``: graph objects, names, and plain containers of them) a ready function
  holding the plan, its feed converters and its result builder. A repeated ``run`` costs the
  key, one dict lookup, the feed conversions and the kernels. ``make_callable`` builds its
  step the same way, once, for the callable.

Several steps can share a plan (the same tensors fetched in another structure), so the two
caches stay apart; ``tests/client/test_session.py`` drives the first (checking) call and
the cached step of ``run`` and ``make_callable`` over the same calls.

Everything is checked in TensorFlow's order and with its messages: a closed session, an
empty graph, then each feed (``feeds.py``), then the fetch structure (``fetches.py``).

Where we differ: ``partial_run``/``partial_run_setup`` (deprecated in TensorFlow) and
``graph_def`` (graphs have no ``GraphDef`` here) are absent; ``run_metadata`` stays empty;
an op's runtime error names the node but lists no creation traceback (ops keep none).
"""

from __future__ import annotations

import threading

from scopeflow._src.client import call_keys, lints, placement, sparse_steps, targets
from scopeflow._src.client import config as config_lib
from scopeflow._src.client import feeds as feed_lib
from scopeflow._src.client.fetches import FetchStructure
from scopeflow._src.framework import context, errors, run_deadline
from scopeflow._src.framework.graph import Graph
from scopeflow._src.framework.operation import Operation, SymbolicTensor
from scopeflow._src.framework.sparse_tensor import SparseTensor

_MAX_CACHED = 4096  # plans or steps kept per session before the cache starts over


class BaseSession:
    """What ``Session`` and ``InteractiveSession`` share: running, feeding, callables."""

    def __init__(self, target="", graph=None, config=None):
        if graph is None:
            graph = context.default_graph()
        elif not isinstance(graph, Graph):
            raise TypeError(f'Argument `graph` must be a tf.Graph, but got "{type(graph).__name__}"')
        self._graph = graph
        self._closed = False
        self._target = _target_bytes(target)
        self._engine = targets.engine(self._target or b"")  # NumPy, or JAX (target "jax", SCOPEFLOW_TARGET)
        if config is not None and not isinstance(config, config_lib.ConfigProto):
            raise TypeError(f'Argument `config` must be a tf.ConfigProto, but got "{type(config).__name__}"')
        self._config = config
        self._placer = placement.Placer(graph, config)
        self._state = self._engine.new_state()
        self._plans: dict = {}
        self._steps: dict = {}
        self._feed_specs: dict = {}
        self._lock = threading.Lock()
        self._lints = lints.SessionLints(graph)
        self.plans_compiled = 0  # how many plans this session compiled (tests check the caching)

    # -- properties -------------------------------------------------------------------------
    @property
    def graph(self) -> Graph:
        """The graph that was launched in this session."""
        return self._graph

    @property
    def graph_def(self):
        """The session's graph as a ``GraphDef`` (with ``_output_shapes`` when the config's
        ``graph_options.infer_shapes`` is set, as in TensorFlow).

        >>> import scopeflow as tf
        >>> with tf.Graph().as_default():
        ...     c = tf.constant(1.0, name="c")
        ...     [n.name for n in tf.Session().graph_def.node]
        ['c']
        """
        config = self._config
        return self._graph.as_graph_def(add_shapes=bool(config and config.graph_options.infer_shapes))

    @property
    def sess_str(self) -> bytes:
        """The target this session was created with (``b""``: in-process)."""
        return self._target

    def list_devices(self) -> list:
        """The devices this session can use: scopeflow runs everything on one CPU."""
        return [config_lib.DeviceAttributes("/job:localhost/replica:0/task:0/device:CPU:0", "CPU", 268435456, 0)]

    def as_default(self):
        """Make this the default session of ``Tensor.eval`` and ``Operation.run`` in a ``with``.

        As in TensorFlow, this does not change the default graph and does not close the
        session on exit.
        """
        return context.push_session(self)

    def close(self) -> None:
        """Free the session's variable values and compiled plans; later runs raise."""
        self._closed = True
        self._plans.clear()
        self._steps.clear()
        state, self._state = self._state, self._engine.new_state()
        state.close()

    # -- running ------------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Compute ``fetches``: graph elements or names, in nested lists, tuples, dicts, namedtuples.

        ``feed_dict`` maps tensors (or their names, or nested tuples of them) to values
        that replace them for this call. Returns values in the structure of ``fetches``:
        NumPy scalars for scalar tensors, arrays otherwise, ``None`` for operations, and
        fed tensors' values as fed. ``options`` and ``run_metadata`` are accepted; the
        metadata stays empty.
        """
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if options is not None or run_metadata is not None:
            _check_run_options(options, run_metadata)
            if options is not None and options.timeout_in_ms > 0:
                return self._run_within(options.timeout_in_ms, fetches, feed_dict)
        kind = type(fetches)
        key = id(fetches) if kind is SymbolicTensor or kind is Operation else call_keys.fetch_key(fetches)
        if key is not None:
            feed_key = call_keys.feed_key(feed_dict)
            if feed_key is not None:
                step = self._steps.get((key, feed_key))
                if step is not None:
                    if self._graph._version != self._lints.version:  # the growth lint's one comparison
                        self._lints.ran(key, 2)
                    return step(feed_dict.values() if feed_dict else ())
        return self._run(fetches, feed_dict, key)

    def _run_within(self, timeout_in_ms, fetches, feed_dict):
        """``run`` with a deadline: a kernel still waiting (on a queue) when it passes gives up,
        and the run raises TensorFlow's ``DeadlineExceededError``, which names no node."""
        try:
            with run_deadline.within(timeout_in_ms):
                return self.run(fetches, feed_dict)
        except errors.DeadlineExceededError as e:
            if run_deadline.TIMED_OUT not in e.message:
                raise
            raise errors.DeadlineExceededError(None, None, f"Graph execution error:\n\n{run_deadline.TIMED_OUT}") \
                from None

    def _run(self, fetches, feed_dict, key):
        if self._graph.version == 0:
            raise RuntimeError("The Session graph is empty. Add operations to the graph before calling run().")
        feed_tensors, feed_values, one_per_key = self._feeds(feed_dict)
        structure = FetchStructure(self._graph, fetches)
        self._lints.new_fetches([t._op for t in structure.tensors] + list(structure.ops), 3)
        self._lints.ran(key, 3)
        plan = self._plan(structure.tensors, structure.ops, feed_tensors)
        result = structure.build(plan(*feed_values))
        feed_key = call_keys.feed_key(feed_dict)
        if key is not None and feed_key is not None:
            mask = None if one_per_key else sparse_steps.sparse_mask(feed_dict)
            if one_per_key or mask and sparse_steps.expanded_feed_count(feed_dict, mask) == len(feed_tensors):
                step = _step(plan, self._specs(feed_tensors), structure.build, call_keys.pins(fetches, feed_dict))
                if mask:
                    keys = list(feed_dict)
                    step = sparse_steps.sparse_step(step, mask, lambda v: self._run(fetches, dict(zip(keys, v)), None))
                self._remember(self._steps, (key, feed_key), step)
        return result

    def _feeds(self, feed_dict):
        """(fed tensors, converted values, whether each key fed its own tensor) in feed order."""
        if not feed_dict:
            return [], [], True
        flat = feed_lib.flatten_feed_dict(feed_dict)
        one_per_key = flat is feed_dict
        values = {}
        graph = self._graph
        for key, value in flat.items():
            tensor = feed_lib.resolve_key(graph, key)
            array = self._spec(tensor)(value)
            if not graph.is_feedable(tensor):
                raise ValueError(f"Tensor {tensor.name} may not be fed.")
            if tensor in values:
                one_per_key = False
            values[tensor] = array
        return list(values), list(values.values()), one_per_key

    def _spec(self, tensor):
        spec = self._feed_specs.get(tensor)
        if spec is None:
            spec = self._feed_specs[tensor] = feed_lib.FeedSpec(tensor)
        return spec

    def _specs(self, tensors) -> list:
        return [self._spec(t) for t in tensors]

    def _plan(self, tensors, ops, feed_tensors):
        self._placer.place()  # TF places the whole graph when it has grown (client/placement.py)
        key = (tuple(map(id, tensors)), tuple(map(id, ops)), tuple(map(id, feed_tensors)))
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key)
                if plan is None:
                    plan = self._engine.plan(tensors, feed_tensors, ops, self._state)
                    self.plans_compiled += 1
                    self._remember(self._plans, key, plan)
        return plan

    @staticmethod
    def _remember(cache, key, value):
        if len(cache) >= _MAX_CACHED:
            cache.clear()
        cache[key] = value

    # -- callables ----------------------------------------------------------------------------
    def make_callable(self, fetches, feed_list=None, accept_options=False):
        """A function running ``fetches`` with positional values for ``feed_list``.

        ``f = sess.make_callable(loss, [x, y]); f(xs, ys)`` equals
        ``sess.run(loss, {x: xs, y: ys})`` but skips the per-call dictionary work: after
        the first call it goes straight to the compiled plan.
        """
        if feed_list is not None:
            if not isinstance(feed_list, (list, tuple)):
                raise TypeError(f"Argument `feed_list` must be a list or tuple. Received: feed_list={feed_list}")
            return _FeedListCallable(self, fetches, list(feed_list))
        structure = FetchStructure(self._graph, fetches)
        tensors, ops, build = structure.tensors, structure.ops, structure.build
        session = self

        def run_callable(options=None, run_metadata=None):
            if session._closed:
                raise errors.CancelledError(None, None, "Session has been closed.")
            if not tensors and not ops:
                raise errors.InvalidArgumentError(None, None, "Must specify at least one target to fetch or execute.")
            return build(session._plan(tensors, ops, [])())

        if accept_options:
            return run_callable
        return lambda: run_callable()


def _step(plan, specs, build, pinned=()):
    """The function a cached call runs on the fed values (in feed order): convert the
    feeds, run the plan, build the result. ``pinned`` keeps alive the objects whose ids are
    in the step's key."""
    if not specs:
        return lambda values, _pinned=pinned: build(plan())
    if len(specs) == 1:
        spec = specs[0]
        return lambda values, _pinned=pinned: build(plan(*[spec(v) for v in values]))
    return lambda values, _pinned=pinned: build(plan(*[s(v) for s, v in zip(specs, values)]))


class _FeedListCallable:
    """``make_callable`` with a ``feed_list``: ``run`` semantics on the first call, then the
    step ``run`` would cache for the same call."""

    def __init__(self, session, fetches, feed_list):
        self._session = session
        self._fetches = fetches
        self._feed_list = feed_list
        self._step = None

    def __call__(self, *feed_args, **kwargs):
        step = self._step
        if step is not None and not kwargs and len(feed_args) == len(self._feed_list) and not self._session._closed:
            return step(feed_args)
        result = self._session.run(self._fetches, dict(zip(self._feed_list, feed_args)), **kwargs)
        if step is None and len(feed_args) == len(self._feed_list):
            self._step = self._compile()
        return result

    def _compile(self):
        session = self._session
        sparse = [isinstance(f, SparseTensor) for f in self._feed_list]
        keys = [t for f, s in zip(self._feed_list, sparse)
                for t in ((f.indices, f.values, f.dense_shape) if s else (f,))]
        tensors = [feed_lib.resolve_key(session._graph, f) for f in keys]
        if len(set(map(id, tensors))) != len(tensors):
            return None  # the same tensor fed twice: the last value wins, as run() does
        structure = FetchStructure(session._graph, self._fetches)
        plan = session._plan(structure.tensors, structure.ops, tensors)
        step = _step(plan, session._specs(tensors), structure.build)
        if not any(sparse):
            return step
        fetches, feed_list = self._fetches, self._feed_list
        return sparse_steps.sparse_step(step, sparse, lambda args: session.run(fetches, dict(zip(feed_list, args))))


class Session(BaseSession):
    """Runs ops of ``graph`` (default: the default graph) with NumPy kernels.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 2], name="x")
    >>> y = x * 2.0
    >>> with tf.Session() as sess:
    ...     sess.run(y, feed_dict={x: [[1.0, 2.0]]}).tolist()
    [[2.0, 4.0]]
    """

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._graph_context = None
        self._session_context = None

    def __enter__(self) -> "Session":
        if self._graph_context is not None:
            raise RuntimeError("Session context managers are not re-entrant. Use `Session.as_default()` if you "
                               "want to enter a session multiple times.")
        self._graph_context = self._graph.as_default()
        self._session_context = self.as_default()
        self._graph_context.__enter__()
        return self._session_context.__enter__()

    def __exit__(self, exc_type, exc_value, exc_tb):
        try:
            self._session_context.__exit__(exc_type, exc_value, exc_tb)
            self._graph_context.__exit__(exc_type, exc_value, exc_tb)
        finally:
            self._session_context = None
            self._graph_context = None
            self.close()

    @staticmethod
    def reset(target, containers=None, config=None) -> None:
        """Reset resource containers on a distributed ``target``: nothing to do in process."""


class InteractiveSession(BaseSession):
    """A session that makes itself the default on creation (for shells and notebooks).

    As in TensorFlow it is not a ``Session`` subclass and not a context manager; with an
    explicit ``graph`` it also makes that graph the default until ``close()``.
    """

    _count_lock = threading.Lock()
    _active_session_count = 0

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        with InteractiveSession._count_lock:
            if InteractiveSession._active_session_count > 0:
                from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
                logging_module.error(
                    "An interactive session is already active. This can cause out-of-memory errors or some other "
                    "unexpected errors (due to the unpredictable timing of garbage collection) in some cases. You "
                    "must explicitly call `InteractiveSession.close()` to release resources held by the other "
                    "session(s). Please use `tf.Session()` if you intend to productionize.")
            InteractiveSession._active_session_count += 1
        self._explicitly_closed = False
        self._explicit_graph = graph is not None
        context.install_session(self, with_graph=self._explicit_graph)

    def close(self) -> None:
        super().close()
        with InteractiveSession._count_lock:
            if self._explicitly_closed:
                return
            InteractiveSession._active_session_count -= 1
            self._explicitly_closed = True
        context.uninstall_session(self, with_graph=self._explicit_graph)


def _check_run_options(options, run_metadata) -> None:
    # TensorFlow serializes ``options`` and parses into ``run_metadata``: other objects fail there.
    if options is not None and not isinstance(options, config_lib.RunOptions):
        raise AttributeError(f"'{type(options).__name__}' object has no attribute 'SerializeToString'")
    if run_metadata is not None and not isinstance(run_metadata, config_lib.RunMetadata):
        raise AttributeError(f"'{type(run_metadata).__name__}' object has no attribute 'ParseFromString'")


def _target_bytes(target) -> bytes:
    if target is None:
        return None
    if isinstance(target, bytes):
        return target
    if isinstance(target, str):
        return target.encode()
    if isinstance(target, config_lib.ConfigProto):
        raise TypeError(f'Argument `target` must be a string, but got "{type(target).__name__}". Did you do '
                        '"Session(config)" instead of "Session(config=config)"?')
    raise TypeError(f'Argument `target` must be a string, but got "{type(target).__name__}"')
