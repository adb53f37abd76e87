"""A compiled ``run`` on the JAX target: the whole pruned step as one ``jax.jit`` function.

``JaxPlan`` chooses its ops as ``executor.Plan`` does (``pruning``, ``liveness``), binds each
op's lowering (``OpDef.lower(op, jx)``) once, and traces the step into one function of
``(variables read, variables written, random counters, feeds)`` returning ``(fetches, new
variable values, new counters)``, jitted with the written variables and counters donated, so
an update needs no copy. Tracing walks the ops in the NumPy plan's order, reading and
replacing variable values in a dict as it goes: a read after an assign in the same step
sees what the NumPy target sees, and control dependencies hold as they do there.

While tracing, a value is either a NumPy array known when the step is compiled (constants,
static shapes, what is computed from them: an op whose inputs are all known runs its NumPy
kernel then, as TensorFlow's constant folding does) or a traced JAX array. Shapes, axes and
sizes must be known values, as XLA needs them.

Host fallback, for ops without a lowering (``xla/coverage.py`` lists them):

* numeric ops with fully known output shapes run inside the step through a JAX callback of
  their NumPy kernel (``io_callback``, in order, for stateful ones); a step with callbacks
  donates nothing, so that one failing leaves the variables as they were;
* a step with anything else (string tensors computed in the step, queues, readers,
  ``SaveV2``, an input that must be known and is computed in the step) runs on the host as a
  NumPy plan, whose kernels read the variables through the session's storage (``state.py``).

Handles of ``TensorArray``s and stacks hold a ``TracedState`` their ops update while tracing
(``xla/loops.py`` carries them through loops); string ops of values known when compiling
(an ``Assert``'s messages) run then, as constant folding.

The first run names the ops that run on the host in one ``HostFallbackWarning``.
"""

from __future__ import annotations

import warnings

import numpy as np

from scopeflow._src.client import executor, frames, liveness, pruning
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.ops.common.lowering import StaticValueError, TracedState
from scopeflow._src.xla import conds, devices, loops
from scopeflow._src.xla.lowering import Ref, draws_randomly, uses_handles

_HOST_DTYPES = frozenset((dtypes.string, dtypes.resource, dtypes.variant))  # never fed to or fetched from XLA
_FOLD_MAX_ELEMENTS = 4096  # a lowered op of known values is computed when compiling only up to this size
_NUMERIC_ERRORS = (ValueError, IndexError, TypeError, ArithmeticError, KeyError, np.linalg.LinAlgError)


class HostFallbackWarning(UserWarning):
    """Ops of a JAX session's step run on the host: they have no XLA lowering (yet)."""


HostFallbackWarning.__module__ = "scopeflow"


class _NeedsHost(Exception):
    """Raised while tracing: the step cannot be compiled and runs on the host (``why``)."""

    def __init__(self, op, why):
        super().__init__(why)
        self.op, self.why = op, why


class _CallbackFailed(Exception):
    """A host callback's kernel raised: the step is abandoned and its error re-raised."""


def _flat_args(opdef, op) -> list:
    args = []
    for arg in opdef.inputs:
        args.extend([arg] * op._attrs[arg.number_attr] if arg.number_attr else [arg])
    return args


def _host_reason(op, opdef, fed):
    """Why ``op`` forces its whole step onto the host, or ``None``. A cond's ``Switch`` and
    ``Merge`` compile (both branches run, ``Merge`` selects: see ``_trace``), and so do loops
    (``xla/loops.py``), but for what ``loops.host_reason`` finds."""
    if opdef.takes_dead_inputs and any(t._dtype._is_ref_dtype for t in op._outputs):
        return "control flow of references"
    passes_on = opdef.forwards_input or opdef.control_flow
    host_dtypes = set(_HOST_DTYPES)
    if opdef.lower is None or passes_on or opdef.constant:  # strings known when compiling: run then (``_run_op``)
        host_dtypes.discard(dtypes.string)
    if opdef.lower is not None or passes_on:  # a handle lowered ops keep their state in (``TracedState``)
        host_dtypes.discard(dtypes.resource)
    if any(t._dtype._base in host_dtypes for t in op._inputs) or any(
            t._dtype._base in host_dtypes for t in op._outputs if t not in fed):
        return "string or resource tensors"
    if opdef.lower is None and not opdef.routes_input and not opdef.enters_frame and (
            opdef._ref_inputs or any(t._dtype._is_ref_dtype for t in op._outputs)):
        return "no lowering"  # a RefEnter passes the variable into a loop (``xla/loops.py``)
    return None


class JaxPlan:
    """One compiled ``run`` on the JAX target; called like ``executor.Plan``."""

    def __init__(self, fetch_tensors, feed_tensors, target_ops, state):
        self.fetch_tensors = list(fetch_tensors)
        self.feed_tensors = list(feed_tensors)
        self.target_ops = list(target_ops)
        self._state = state
        self._jax = state.jax
        fed = set(self.feed_tensors)
        needed = pruning.prune(self.fetch_tensors, self.target_ops, fed)
        ordered = pruning.order(needed)
        dead_ops, _ = liveness.maybe_dead(ordered, fed)
        observed = pruning.observed(needed, self.fetch_tensors, self.target_ops, fed, dead_ops)
        ops = [op for op in ordered if op in observed]
        self.n_ops = len(ops)
        self.host_ops: dict[str, str] = {}  # op type -> how it runs on the host
        self._host = None
        self._warned = False
        for t in self.feed_tensors + self.fetch_tensors:
            if t._dtype._base in _HOST_DTYPES:
                self.host_ops.setdefault(t._op._type, "string or resource tensors")
        for op in ops:
            why = _host_reason(op, registry.get(op._type), fed)
            if why:
                self.host_ops.setdefault(op._type, why)
        root = frames.blocks(ops) if any(registry.get(op._type).enters_frame for op in ops) else None
        for block in root.items if root is not None else ():
            found = isinstance(block, frames.Block) and loops.host_reason(block, self.fetch_tensors)
            if found:
                self.host_ops.setdefault(found[0]._type, found[1])
        if self.host_ops:
            self._go_host()
            return
        if root is not None:  # a loop is one step (lax.while_loop): deadness inside it is the loop's own
            ops = root.items
            dead_ops, _ = liveness.maybe_dead([op for op in ops if not isinstance(op, frames.Block)], fed)
        self._dead_ops = dead_ops
        try:
            self._bind(ops, fed)
        except _NeedsHost as e:
            self._go_host(e)

    # -- building ----------------------------------------------------------------------------
    def _bind(self, ops, fed):
        """Each op's lowering (or kernel, for a host callback), and which variables the step
        reads and writes, found by following references from the variable ops."""
        state, jx = self._state, self._state.jx
        self._steps = []
        self._variables, self._written, self._random = set(), set(), set()
        refs = {}  # ref tensor -> storage key
        self._loop_steps = {}  # op of a loop frame -> its step, run by the loop's ``Loop``
        for op in _flat_ops(ops):
            opdef = registry.get(op._type)
            try:
                fn = opdef.lower(op, jx) if opdef.lower is not None else None
            except StaticValueError as e:  # a lowering that refuses the op (its attributes) when binding
                raise _NeedsHost(op, str(e)) from e
            mode = "lowered" if fn is not None else "callback"
            if fn is not None and not op._inputs and op._outputs and op._outputs[0]._dtype._is_ref_dtype:
                ref = fn()  # a variable op: its reference is known now
                self._variables.add(ref.key)
                refs[op._outputs[0]] = ref.key
                mode, fn = "variable", ref.key
            elif opdef._ref_inputs or ((opdef.forwards_input or opdef.enters_frame) and op._inputs[0] in refs):
                keys = [refs[t] for a, t in zip(_flat_args(opdef, op), op._inputs) if a.is_ref or t in refs]
                if opdef._ref_inputs:
                    self._written.update(keys)
                for t in op._outputs:
                    if t._dtype._is_ref_dtype and keys:
                        refs[t] = keys[0]
            if opdef.routes_input or opdef.takes_dead_inputs:
                mode = "switch" if opdef.routes_input else "merge"
            elif mode == "callback":
                fn = state.kernel(opdef, op)
                if not all(t.shape.is_fully_defined() for t in op._outputs) or any(
                        t._dtype._base in _HOST_DTYPES for t in (*op._inputs, *op._outputs)):
                    mode = "host"  # a callback's results are numbers of shapes fixed when the step is compiled
            elif mode == "lowered" and draws_randomly(op, opdef):
                self._random.add(op._name)
            self._steps.append((op, opdef, fn, mode, _flat_args(opdef, op)))
        if any(isinstance(item, frames.Block) for item in ops):
            self._loop_steps = {step[0]: step for step in self._steps}
            self._steps = [(None, None, loops.Loop(item, self._loop_steps), "loop", None)
                           if isinstance(item, frames.Block) else self._loop_steps[item] for item in ops]
        self._callbacks = any(m in ("callback", "host") for _, _, _, m, _ in self._steps)
        self._read = self._variables - self._written
        self._failure = None
        donate = () if self._callbacks else (1, 2)
        # ops placed on two or more devices (tf.device towers) run op by op, each on its device
        self._towers = None if state.data_parallel else devices.towers(self._jax, [s[0] for s in self._steps if s[0]])
        self._jitted = self._trace if self._towers else self._jax.jit(self._trace, donate_argnums=donate)

    def _go_host(self, why=None):
        if why is not None:
            self.host_ops.setdefault(why.op._type, why.why)
        self._host = executor.Plan(self.fetch_tensors, self.feed_tensors, self.target_ops, self._state)

    # -- running -------------------------------------------------------------------------------
    def __call__(self, *feed_values):
        if self._host is not None:
            if not self._warned:
                self._warn()
            return self._host(*feed_values)
        state, jax = self._state, self._jax
        with state.lock, jax.enable_x64(True):
            store = state.variables
            read = {k: v for k in self._read if (v := store.device(k, jax)) is not None}
            written = {k: v for k in self._written if (v := store.device(k, jax)) is not None}
            counters = {k: state.counter(k) for k in self._random}  # all there from the first run: one trace
            args = (read, written, counters, feed_values)
            placed = state.data_parallel  # SCOPEFLOW_DATA_PARALLEL: batches split over the devices (devices.py)
            try:
                (fetched, alive), new_values, new_counters = self._jitted(*(placed.step(*args) if placed else args))
            except _NeedsHost as e:
                self._go_host(e)
                self._warned = False
            except Exception as e:
                failure, self._failure = self._failure, None
                if failure is None:
                    raise
                raise failure from e
            else:
                if placed:
                    new_values, new_counters = placed.state(new_values), placed.state(new_counters)
                jax.block_until_ready(new_values)  # a run returns when its step is done, as TF's does
                store.put(new_values)
                state.counters.update(new_counters)
                self._check_alive(alive)
                if not self._warned:  # after the first trace, which found the callbacks
                    self._warn()
                return self._results(fetched, feed_values)
        self._warn()
        return self._host(*feed_values)

    def _check_alive(self, alive):
        """TF's error for a fetched value of an untaken cond branch (after the step, as TF)."""
        fetched = [i for i, t in enumerate(self.fetch_tensors) if t not in self.feed_tensors]
        for i, flag in zip(fetched, alive):
            if flag is not True and not bool(flag):
                raise errors.InvalidArgumentError(None, None, f"Retval[{i}] does not have value")

    def _results(self, fetched, feed_values):
        fed = dict(zip(self.feed_tensors, feed_values))
        results, values = [], iter(fetched)
        for t in self.fetch_tensors:
            if t in fed:
                results.append(fed[t])
                continue
            value = np.array(next(values))  # a fresh host array the caller may change
            results.append(value if value.shape else value[()])
        return tuple(results)

    def _warn(self):
        self._warned = True
        if self.host_ops:
            where = "the whole step runs on NumPy" if self._host is not None else "through host callbacks"
            listed = ", ".join(f"{t} ({why})" for t, why in sorted(self.host_ops.items()))
            warnings.warn(f"scopeflow's jax target: ops with no XLA lowering run on the host ({where}): {listed}",
                          HostFallbackWarning, stacklevel=4)

    # -- tracing -------------------------------------------------------------------------------
    def _trace(self, read, written, counters, feed_values):
        jx = self._state.jx
        jx.begin_trace(counters)
        current = {**read, **written}
        env = dict(zip(self.feed_tensors, feed_values))
        fed = set(self.feed_tensors)
        live = {}  # tensor or op that may be dead -> traced bool: it is alive (a cond's branch is taken)
        for op, opdef, fn, mode, flat in self._steps:
            if mode == "loop":
                env.update(fn.run(self, env, current, live))
                continue
            outputs = self._trace_op((op, opdef, fn, mode, flat), env, current, live, op in self._dead_ops)
            for t, value in zip(op._outputs, outputs):
                if t not in fed:
                    env[t] = value
        fetches = tuple(self._fetch(t, env, current) for t in self.fetch_tensors if t not in fed)
        alive = tuple(live.get(t, True) for t in self.fetch_tensors if t not in fed)
        return (fetches, alive), {k: current[k] for k in self._written if k in current}, \
            {**counters, **jx.new_counters}

    def _trace_op(self, step, env, current, live, may_be_dead):
        """The outputs of the op of ``step`` (a ``Switch``/``Merge`` routed, others run, alive
        as their inputs are when ``may_be_dead``: ``live`` holds the cond flags)."""
        op, opdef, fn, mode, flat = step
        self._state.jx.op = op
        try:
            if mode == "switch" or mode == "merge":
                return self._route(op, mode, env, live, current)
            alive = conds.alive(op, live) if may_be_dead else True
            outputs = self._run_op(op, opdef, fn, mode, flat, env, current, alive)
            if alive is not True:
                live[op] = alive
                live.update((t, alive) for t in op._outputs)
            return outputs
        except _NeedsHost:
            raise
        except Exception as e:  # noqa: BLE001 - TF's error, or the host
            if may_be_dead:  # fails in a branch that may not be taken: the host runs only the taken one
                raise _NeedsHost(op, "an op of a cond branch fails when compiled") from e
            self._raise_traced(op, e)

    def run_traced(self, op, env, current, live):
        """Trace ``op`` of a loop's body into ``env``, with the body's cond flags ``live``
        (``xla/loops.py``)."""
        step = self._loop_steps[op]
        if step[3] == "callback" or step[3] == "host":
            raise _NeedsHost(op, "a host op inside a while_loop")
        env.update(zip(op._outputs, self._trace_op(step, env, current, live, bool(live))))

    @staticmethod
    def needs_host(op, why) -> Exception:
        """The exception that sends the step to the host because of ``op`` (``why``)."""
        return _NeedsHost(op, why)

    def _raise_traced(self, op, e):
        """Raise the error for exception ``e`` from tracing ``op``: TF's, or a move to the host."""
        if isinstance(e, errors.OpError):
            if e.message.startswith("Graph execution error"):
                raise e  # already TensorFlow's text (a read of an uninitialized variable)
            raise _op_error(op, e) from e
        if isinstance(e, StaticValueError):
            raise _NeedsHost(op, str(e)) from e
        if isinstance(e, self._jax.errors.JAXTypeError):
            raise _NeedsHost(op, "an input that must be known when compiling is computed in the step") from e
        if isinstance(e, _NUMERIC_ERRORS):
            raise errors.InvalidArgumentError(
                op.node_def, op, executor.node_error_text(op, str(e) or type(e).__name__)) from e
        raise e

    def _route(self, op, mode, env, live, current):
        """A cond's ``Switch`` or ``Merge`` (``xla/conds.py``)."""
        jnp = self._jax.numpy
        if mode == "switch":
            return conds.switch(jnp, op, env, live)
        values = [self._read_ref(v, op, current) if isinstance(v, Ref) else v for v in (env[t] for t in op._inputs)]
        return conds.merge(jnp, op, values, live, _NeedsHost)

    def _run_op(self, op, opdef, fn, mode, flat, env, current, alive=True):
        if mode == "variable":
            return [Ref(fn)]
        values = [env[t] for t in op._inputs]
        if opdef.forwards_input and isinstance(values[0], Ref):  # Identity of a reference: still the variable
            return [Ref(values[0].key, values[0].blame or op)]
        refs = []
        for i, (arg, value) in enumerate(zip(flat, values)):
            if isinstance(value, Ref):
                if arg.is_ref:
                    refs.append(value)
                    values[i] = current.get(value.key)
                else:
                    values[i] = self._read_ref(value, op, current)
        if self._towers is not None:
            values = self._towers.place(op, values)
        if refs:
            result = fn(*values)
            for ref, new in zip(refs, result):
                if new is not None:
                    if alive is not True:  # an update in a cond branch: applied when the branch is taken
                        old = current.get(ref.key)
                        if old is None or np.shape(old) != np.shape(new):
                            raise _NeedsHost(op, "a variable first assigned in a cond branch")
                        new = self._jax.numpy.where(alive, new, old)
                    current[ref.key] = new
            rest = iter(result[len(refs):])
            return [Ref(refs[0].key) if t._dtype._is_ref_dtype else next(rest) for t in op._outputs]
        known = all(isinstance(v, np.ndarray | np.generic) for v in values)
        if known and not op._outputs and opdef.must_run:  # an Assert of known values: checked when compiling
            self._fold(op, opdef, values)
            return []
        if not opdef.stateful and known and (mode != "lowered" or _small(op)):
            result = self._fold(op, opdef, values)
        elif mode == "lowered":
            if alive is not True and uses_handles(op):
                raise _NeedsHost(op, "a TensorArray or stack op in a cond branch")
            try:
                result = fn(*values)
            except _NUMERIC_ERRORS as e:  # JAX's words for bad shapes: the NumPy kernel's, where it has them
                if isinstance(e, StaticValueError | self._jax.errors.JAXTypeError):
                    raise
                error = self._kernel_error(op, opdef, values)
                if error is None:
                    raise
                raise error from e
        elif mode == "callback":
            if alive is not True:
                raise _NeedsHost(op, "a host op in a cond branch")
            self.host_ops.setdefault(op._type, "callback")
            result = self._callback(op, opdef, fn, values)
        else:
            raise _NeedsHost(op, "output shapes not known when compiling")
        if not op._outputs:
            return []
        outputs = [result] if opdef._single_output else list(result)
        return [_as_dtype(v, t) for v, t in zip(outputs, op._outputs)]

    def _read_ref(self, ref, op, current):
        value = current.get(ref.key)
        if value is None:
            blame = ref.blame or op
            raise errors.FailedPreconditionError(blame.node_def, blame, executor.node_error_text(
                blame, f"Attempting to use uninitialized value {ref.key}"))
        return value

    def _fetch(self, t, env, current):
        value = env[t]
        if isinstance(value, Ref):
            if value.key not in current:  # TF's "_retval" node names the fetch, as on the NumPy target
                names = sorted(f.name for f in self.fetch_tensors if f not in self.feed_tensors)
                retval = f"_retval_{t.op.name}_{t.value_index}_{names.index(t.name)}"
                raise errors.FailedPreconditionError(None, None, f"Graph execution error:\n\nAttempting to use "
                                                                 f"uninitialized value {value.key}\n\t "
                                                                 f"[[{{{{node {retval}}}}}]]")
            return current[value.key]
        return value

    def _kernel_error(self, op, opdef, values):
        """The NumPy target's error for inputs of these shapes and dtypes (TensorFlow's class and
        wording), from the op's kernel run on memory-less zeros in place of the traced values;
        ``None`` where the kernel accepts them."""
        if any(isinstance(v, TracedState) for v in values):
            return None  # a handle's op: its kernel needs the run's resource
        stand_ins = [v if isinstance(v, np.ndarray | np.generic) else
                     np.broadcast_to(np.zeros((), v.dtype), v.shape) for v in values]
        try:
            self._fold(op, opdef, stand_ins)
        except errors.OpError as e:
            return _op_error(op, e)
        except Exception:  # noqa: BLE001 - no error of TensorFlow's: JAX's stands
            return None
        return None

    def _fold(self, op, opdef, values):
        """Run ``op``'s NumPy kernel now, on inputs known when compiling (constant folding)."""
        kernel = self._state.kernel(opdef, op)
        with np.errstate(all="ignore"):
            return kernel(*values)

    def _callback(self, op, opdef, kernel, values):
        """``op``'s NumPy kernel inside the step, through a JAX host callback."""
        jax = self._jax
        outs = [jax.ShapeDtypeStruct(tuple(t.shape.as_list()), t._dtype.base_dtype.as_numpy_dtype)
                for t in op._outputs]
        plan = self

        def host(*args):
            try:
                with np.errstate(all="ignore"):
                    result = kernel(*[np.asarray(a) for a in args])
            except Exception as e:  # noqa: BLE001 - re-raised by the plan, with TensorFlow's class
                plan._failure = _op_error(op, e)
                raise _CallbackFailed(op.name) from e
            result = (result,) if opdef._single_output else tuple(result or ())  # an Assert returns None
            return tuple(np.asarray(r, s.dtype) for r, s in zip(result, outs))

        if opdef.stateful or opdef.must_run:
            result = jax.experimental.io_callback(host, tuple(outs), *values, ordered=True)
        else:
            result = jax.pure_callback(host, tuple(outs), *values)
        return result[0] if opdef._single_output else result


def _flat_ops(items):
    """The ops of a plan's items (ops, and loops as ``frames.Block``s), loops' ops included."""
    for item in items:
        if isinstance(item, frames.Block):
            yield from item.ops()
        else:
            yield item


def _small(op) -> bool:
    """Whether ``op``'s outputs are small enough to compute when compiling; an output of
    unknown static shape computed from known values is shape arithmetic, and small."""
    return all(not t.shape.is_fully_defined() or t.shape.num_elements() <= _FOLD_MAX_ELEMENTS for t in op._outputs)


def _as_dtype(value, tensor):
    """``value`` in ``tensor``'s static dtype (a lowering may leave a promoted one)."""
    if isinstance(value, TracedState):
        return value
    want = tensor._dtype.base_dtype.as_numpy_dtype
    if not hasattr(value, "astype") or isinstance(value, np.ndarray | np.generic):  # a known value (bytes: a string)
        return value if getattr(value, "dtype", None) == want else np.asarray(value, want)
    return value if value.dtype == want else value.astype(want)


def _op_error(op, e):
    """TensorFlow's error for exception ``e`` raised by ``op``'s kernel."""
    if isinstance(e, errors.OpError):
        return type(e)(op.node_def, op, executor.node_error_text(op, e.message))
    cls = errors.InvalidArgumentError if isinstance(e, _NUMERIC_ERRORS) else errors.InternalError
    return cls(op.node_def, op, executor.node_error_text(op, str(e) or type(e).__name__))
