"""Lints for the classic TF1 traps, raised as warnings at a session's first ``run``.

Each kind is its own subclass of ``ScopeflowLintWarning``, so ``warnings`` silences them one
kind at a time (``warnings.simplefilter("ignore", tf.GraphGrowthWarning)``):

* ``UpdateOpsWarning``: a training step that does not depend on ``tf.GraphKeys.UPDATE_OPS``
  while the graph holds some (batch norm's moving averages then never move);
* ``GraphGrowthWarning``: the graph grew between successive runs of the same fetches, twice in
  a row (ops built inside the training loop: TF1's classic memory leak);
* ``UninitializedVariableWarning``: variables that no initializer op reaches while others'
  are (made after ``tf.global_variables_initializer()`` was built);
* ``SlotScopeWarning``: an optimizer's slots made inside a variable scope opened with
  ``reuse=tf.AUTO_REUSE`` (another optimizer there would share them).

TensorFlow warns about none of these. The static ones (all but growth) run once per session
at its first ``run`` (the update-ops check once per new set of fetches) and on demand through
``scopeflow.lint(graph)``; the growth check costs a run one comparison of the graph's version.
The client reads facts from the graph (ref dtypes, collections), never op types.
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

from scopeflow._src.framework import context
from scopeflow._src.framework.graph_keys import GraphKeys


class ScopeflowLintWarning(UserWarning):
    """A graph that will run, but not as its author probably meant (see ``scopeflow.lint``)."""


class UpdateOpsWarning(ScopeflowLintWarning):
    """A training step skips ``UPDATE_OPS``: build it under
    ``tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS))``."""


class GraphGrowthWarning(ScopeflowLintWarning):
    """Ops are added to the graph between runs of a loop: build them once, before it (and
    ``graph.finalize()`` turns the next one into an error)."""


class UninitializedVariableWarning(ScopeflowLintWarning):
    """No initializer op reaches these variables: build ``tf.global_variables_initializer()``
    after the whole model."""


class SlotScopeWarning(ScopeflowLintWarning):
    """Optimizer slots made in a reused variable scope: create the optimizer outside it."""


for _cls in (ScopeflowLintWarning, UpdateOpsWarning, GraphGrowthWarning, UninitializedVariableWarning,
             SlotScopeWarning):
    _cls.__module__ = "scopeflow"


class Finding(NamedTuple):
    """One lint finding: its warning class, the message, and the graph names it is about."""

    kind: type
    message: str
    names: tuple

    def warn(self, stacklevel: int) -> None:
        warnings.warn(self.message, self.kind, stacklevel=stacklevel + 1)


def _listed(names, limit=5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _initializer_op(variable):
    """``variable.initializer`` as an op (after ``init_from_checkpoint`` it is the restoring
    ``Assign``'s tensor, as in TF)."""
    init = variable.initializer
    return getattr(init, "op", init)


def _is_variable(op) -> bool:
    outputs = op._outputs
    return not op._inputs and len(outputs) == 1 and outputs[0]._dtype._is_ref_dtype


def _variables(graph) -> list:
    seen, found = set(), []
    for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES) + graph.get_collection(GraphKeys.LOCAL_VARIABLES):
        if getattr(v, "initializer", None) is not None and id(v) not in seen:
            seen.add(id(v))
            found.append(v)
    return found


def _closure(ops) -> set:
    """``ops`` and every op they depend on, through inputs and control inputs."""
    seen, stack = set(ops), list(ops)
    while stack:
        op = stack.pop()
        for dep in [t._op for t in op._inputs] + list(op._control_inputs):
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def _training_writes(ops, trainable, initializers) -> list:
    """The ops among ``ops`` that write a trainable variable from a value computed from
    variables (an optimizer's update; not an initializer, not a restore from a file)."""
    found = []
    for op in ops:
        if op in initializers:
            continue
        refs = [t._op for t in op._inputs if t._dtype._is_ref_dtype]
        if any(r in trainable for r in refs):
            rest = [t._op for t in op._inputs if not t._dtype._is_ref_dtype] + list(op._control_inputs)
            if any(_is_variable(dep) for dep in _closure(rest)):
                found.append(op)
    return found


def missing_updates(graph, fetched_ops) -> list:
    """The ``UPDATE_OPS`` that a run of ``fetched_ops`` leaves out while it trains, else ``[]``."""
    updates = [u for u in graph.get_collection(GraphKeys.UPDATE_OPS) if u is not None]
    if not updates:
        return []
    needed = _closure(fetched_ops)
    variables = _variables(graph)
    trainable = {v.op for v in graph.get_collection(GraphKeys.TRAINABLE_VARIABLES) if hasattr(v, "op")}
    if not _training_writes(needed, trainable, {_initializer_op(v) for v in variables}):
        return []
    return [u for u in updates if getattr(u, "op", u) not in needed]


def _update_finding(step_name, missing) -> Finding:
    names = [getattr(u, "op", u).name for u in missing]
    return Finding(UpdateOpsWarning,
                   f"'{step_name}' trains variables but does not depend on {len(names)} op(s) of "
                   f"tf.GraphKeys.UPDATE_OPS ({_listed(names)}): batch norm's moving averages will never "
                   f"be updated. Fix: build the train op under "
                   f"tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)).", tuple(names))


def update_ops_findings(graph) -> list:
    """The ``UpdateOpsWarning`` of each training step in ``graph`` (an op nothing depends on,
    which runs an optimizer's update)."""
    if not graph.get_collection(GraphKeys.UPDATE_OPS):
        return []
    ops = graph.get_operations()
    trainable = {v.op for v in graph.get_collection(GraphKeys.TRAINABLE_VARIABLES) if hasattr(v, "op")}
    writes = _training_writes(ops, trainable, {_initializer_op(v) for v in _variables(graph)})
    if not writes:
        return []
    used = {t._op for op in ops for t in op._inputs} | {c for op in ops for c in op._control_inputs}
    findings = []
    for sink in (op for op in ops if op not in used):
        missing = missing_updates(graph, [sink])
        if missing:
            findings.append(_update_finding(sink.name, missing))
    return findings


def uninitialized_findings(graph) -> list:
    """Variables whose initializer no other op runs, while some variables' initializers are."""
    variables = _variables(graph)
    reached = {c for op in graph.get_operations() for c in op._control_inputs}
    missed = [v for v in variables if _initializer_op(v) not in reached]
    if not missed or len(missed) == len(variables):
        return []
    names = [v.op.name for v in missed]
    return [Finding(UninitializedVariableWarning,
                    f"No initializer op runs the initializer of {_listed(names)} (made after "
                    f"tf.global_variables_initializer() or another initializer was built?): a run that reads "
                    f"them raises FailedPreconditionError. Fix: build the initializer after the whole model, or "
                    f"run tf.variables_initializer() on them.", tuple(names))]


def slot_scope_findings(graph) -> list:
    """Optimizer slots (``<scope>/<variable>/<slot>``) made under ``reuse=tf.AUTO_REUSE``."""
    variables = _variables(graph)
    by_name = {v.op.name: v for v in variables}
    findings = []
    for v in variables:
        if not getattr(v, "_made_under_auto_reuse", False):
            continue
        parts = v.op.name.split("/")
        for start in range(1, len(parts) - 1):
            primary = "/".join(parts[start:-1])
            if primary in by_name and by_name[primary] is not v:
                scope = "/".join(parts[:start])
                findings.append(Finding(
                    SlotScopeWarning,
                    f"Optimizer slot {v.op.name} (of {primary}) was made inside variable scope '{scope}' opened "
                    f"with reuse=tf.AUTO_REUSE: another optimizer there would silently share it. Fix: create the "
                    f"optimizer and call minimize() outside the reused variable scope.", (v.op.name,)))
                break
    return findings


def lint(graph=None) -> list:
    """The findings (``Finding``: ``kind``, ``message``, ``names``) of the static lints on
    ``graph`` (default: the default graph): update ops, initializers, slot scopes. A session
    raises the same findings as warnings at its first run; TensorFlow has no such check.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default() as g:
    ...     a = tf.Variable(1.0, name="a")
    ...     init = tf.global_variables_initializer()
    ...     b = tf.Variable(2.0, name="b")
    >>> [(f.kind.__name__, f.names) for f in tf.lint(g)]
    [('UninitializedVariableWarning', ('b',))]
    """
    graph = context.default_graph() if graph is None else graph
    return update_ops_findings(graph) + uninitialized_findings(graph) + slot_scope_findings(graph)


class SessionLints:
    """A session's lint state: the static lints at its first run, the update-ops check per new
    set of fetches, and the growth check when the graph's version moved since the last run."""

    __slots__ = ("_graph", "version", "_started", "_checked", "_runs", "_grew_warned")

    def __init__(self, graph):
        self._graph = graph
        self.version = -1  # the graph's version at the last run the growth check saw
        self._started = False
        self._checked = set()
        self._runs = {}  # fetch key -> (graph version at its last run, consecutive growths)
        self._grew_warned = False

    def new_fetches(self, ops, stacklevel) -> None:
        """Called by a run that is not a cached step (the first of its fetches)."""
        graph = self._graph
        if not self._started:
            self._started = True
            for finding in uninitialized_findings(graph) + slot_scope_findings(graph):
                finding.warn(stacklevel + 1)
        key = frozenset(ops)
        if key in self._checked or not graph.get_collection(GraphKeys.UPDATE_OPS):
            return
        self._checked.add(key)
        missing = missing_updates(graph, ops)
        if missing:
            _update_finding(", ".join(op.name for op in ops), missing).warn(stacklevel + 1)

    def ran(self, key, stacklevel) -> None:
        """Called when the graph's version differs from the last run's: ``key`` identifies the
        fetches (``None``: not identifiable, not tracked)."""
        graph = self._graph
        now = graph.version
        self.version = now
        if key is None or self._grew_warned:
            return
        last = self._runs.get(key)
        if last is None:
            self._runs[key] = (now, 0)
            return
        before, streak = last
        streak = streak + 1 if now != before else 0
        self._runs[key] = (now, streak)
        if streak >= 2:
            self._grew_warned = True
            new = [op.name for op in graph.get_operations() if op._id > before]
            Finding(GraphGrowthWarning,
                    f"The graph grew between runs of the same fetches ({len(new)} new op(s) since the last one: "
                    f"{_listed(new)}): ops built inside a training loop add to the graph at every step. Fix: build "
                    f"them once before the loop (graph.finalize() makes the next such op an error).",
                    tuple(new)).warn(stacklevel + 1)
