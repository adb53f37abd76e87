"""Writing a plan's function: ``PlanWriter`` turns the ordered ops of a ``Plan`` into Python
source, one line per kernel call (``executor.py`` says what a plan is).

Each op goes through these rewrites, named passes of ``PlanWriter`` in this order; the first
that takes the op writes it, and an op none takes is one kernel call. Each reads the op's
``OpDef`` facts, never its type name:

1. ``stacked_sums``: a sum whose terms are per-step products or leading-axis reductions
   (an unrolled RNN's shared-weight gradients) runs once over the stacked operands, and the
   ops of its terms are not written (``stacked_sums.py``);
2. ``forward_input``: an op that ``forwards_input`` (``Identity``) costs no call: its output
   is its input's local name (a value, or a variable reference);
3. ``fold_constant``: what cannot change between runs is computed once, as TensorFlow's graph
   optimizer folds it: constants, small stateless ops of constants, shape reads of fully
   known static shapes; ``gated_constant``: a constant that may be dead is its value, guarded;
4. ``running_sum``: an op that ``accumulates`` (``AddN``) of more than two inputs adds each
   input as soon as it exists and frees it;
5. ``inline``: what a loop runs every iteration as Python expressions (a two-input ``Merge``,
   a ``Switch`` on a scalar, scalar arithmetic, a gradient loop's running sums).

An op that may be dead (``liveness.py``) runs only when its inputs are alive
(``v = _DEAD if a is _DEAD else k(a)``); a loop frame (``frames.py``) becomes a
``while True:`` block, one pass per iteration (``_loop``). Values are freed (``del``) after
their last use outside loops.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.client import frames, stacked_sums
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import type_string
from scopeflow._src.ops.common.dead import DEAD
from scopeflow._src.ops.common.shape_fns import static_shapes_known

_ndarray = np.ndarray
_STRING = dtypes.string
_FOLD_MAX_ELEMENTS = 4096  # the largest computed value a plan keeps instead of computing per run
_SCALAR = np.zeros((), np.int8)


def _fetch_value(v):
    """A fetched value as TensorFlow returns it: NumPy scalars for scalars, fresh arrays.

    The copy keeps callers from mutating constants or variable storage through a result.
    """
    if type(v) is _ndarray:
        return v.copy() if v.shape else v[()]
    return v


def _scalar(v):
    """A 0-d array as a NumPy scalar (anything else, ``DEAD`` included, as it is)."""
    return v[()] if type(v) is _ndarray else v


def _accumulate(total, value, first):
    """``total + value``, into ``total``'s buffer unless it is the sum's first value (which
    belongs to someone else: a constant, a variable, a fed array)."""
    if total is first or type(total) is not _ndarray:
        return total + value
    np.add(total, value, out=total)
    return total


def _fetch_live(v, index):
    """``_fetch_value`` of a fetch that may be dead (downstream of an untaken branch)."""
    if v is DEAD:
        raise errors.InvalidArgumentError(None, None, f"Retval[{index}] does not have value")
    return _fetch_value(v)


def encode_strings(array):
    """A fed string array as kernels see it: ``bytes`` elements (``str`` encoded as UTF-8)."""
    if array.dtype == object and set(map(type, array.reshape(-1).tolist())) <= {bytes}:
        return array.copy()  # already bytes (a batch of records): no per-element work
    out = np.empty(array.shape, dtype=object)
    flat = out.reshape(-1)
    for i, item in enumerate(array.reshape(-1)):
        if isinstance(item, str):
            item = item.encode("utf-8")
        elif not isinstance(item, bytes):
            raise errors.InternalError(None, None, f"Unsupported object type {type(item).__name__}")
        flat[i] = item
    return out


def _check_input_types(op) -> None:
    """An input rewired after the op was built (a loop's back edge) must have the op's type."""
    want = op._outputs[0]._dtype._base
    for i, t in enumerate(op._inputs):
        if t._dtype._base is not want:
            raise errors.InvalidArgumentError(
                None, op, f"Input {i} of node {op.name} was passed {type_string(t.dtype)} from {t.name} incompatible "
                          f"with expected {type_string(want)}.")


def _flat_args(opdef, op) -> list:
    args = []
    for arg in opdef.inputs:
        args.extend([arg] * op._attrs[arg.number_attr] if arg.number_attr else [arg])
    return args


class PlanWriter:
    """Writes the source of a plan's function, one line per kernel call or reference read."""

    def __init__(self, feed_tensors, state, dead_ops=frozenset(), dead=frozenset()):
        self.state = state
        self.dead_ops = dead_ops  # ops that may be dead (``liveness.py``), and tensors
        self.dead = dead
        self.dead_flags = {}  # op that may be dead and is a control input -> local name of "it is dead"
        self.names = {t: f"a{i}" for i, t in enumerate(feed_tensors)}
        self.n_feeds = len(feed_tensors)
        self.fed = set(feed_tensors)
        self.refs = {}  # tensor holding a VariableRef -> op to blame for a failed read (None: the reader)
        self.body = []  # (statement, what a failure there is reported at, local names read)
        self.defined_at = {}  # local name -> index in ``body`` of the statement assigning it
        self.after = {}  # index in ``body`` (-1: before it) -> statements to run right after it
        self.folded = {}  # name in the namespace -> value computed once, when the plan was written
        self.depth = 0  # how many loop blocks the op being written is in
        self.accumulators = {}  # a loop's running-sum op -> the local holding the sum's first value
        self.steps = 0
        self.namespace = {"_fetch_value": _fetch_value, "_fetch_live": _fetch_live, "_encode_strings": encode_strings,
                          "_DEAD": DEAD, "_scalar": _scalar, "_accumulate": _accumulate}
        self.counter = 0
        self.fed_names = dict(self.names)  # what a fetch of a fed tensor returns: the value as fed
        for t in feed_tensors:
            if t._dtype.base_dtype.name == "string":  # kernels see bytes, as TensorFlow's do
                name = self.names[t] = f"e{self.fed_names[t][1:]}"
                self.defined_at[name] = len(self.body)
                self.body.append((f"{name} = _encode_strings({self.fed_names[t]})", ("feed", t),
                                  [self.fed_names[t]]))

    def write(self, ops, fetch_tensors):
        """(source, namespace, {line: blame}) of the plan's function; a blame is ``("node", op)``,
        ``("retval", fetched variable tensor)`` or ``("feed", fed tensor)``."""
        self.flagged = {c for op in ops for c in op._control_inputs if c in self.dead_ops}
        needed = {t for op in ops for t in op._inputs} | set(fetch_tensors) | {
            op._outputs[0] for op in self.flagged if op._outputs}  # a Merge's flag reads its output
        self.sums, self.absorbed = stacked_sums.find(  # ops run by their sum
            [op for op in ops if op not in self.dead_ops], fetch_tensors, self.fed)
        self._items(frames.blocks(ops).items, needed)
        results, kept = [], set()
        for i, t in enumerate(fetch_tensors):
            if registry.get(t._op._type).enters_frame:  # outside its loop, an Enter is its first value
                t = t._op._inputs[0]
            if t in self.fed:
                results.append(self.fed_names[t])
                kept.add(self.fed_names[t])
                continue
            name = self.names[t]
            kept.add(name)
            if t in self.refs:
                blame = ("retval", t) if self.refs[t] is None else ("node", self.refs[t])
                self.body.append((f"f{i} = {name}.get()", blame, [name]))
                name = f"f{i}"
            results.append(f"_fetch_live({name}, {i})" if t in self.dead else f"_fetch_value({name})")
        return self._source(results, kept)

    def _local(self, t) -> str:
        self.counter += 1
        name = self.names[t] = f"v{self.counter}"
        self.defined_at[name] = len(self.body)  # the statement about to be appended assigns it
        return name

    # -- the passes, in the order ``_op`` tries them ---------------------------------------
    def stacked_sums(self, op, kernel) -> bool:
        """Writes a sum ``stacked_sums.find`` chose as one call on the stacked operands; the
        ops of its terms (``absorbed``) are not written at all."""
        if op in self.absorbed:
            return True
        stacked = self.sums.get(op)
        if stacked is None:
            return False
        self.namespace[kernel], operands = stacked
        args = [self.names[t] for t in operands]
        self.body.append((f"{self._local(op._outputs[0])} = {kernel}({', '.join(args)})", ("node", op), args))
        return True

    def forward_input(self, op, opdef) -> bool:
        """An op that forwards its input, unfed, names its input's value (or reference)."""
        outs = op._outputs
        if (not opdef.forwards_input or any(t in self.fed for t in outs)
                or any(c in self.dead_ops for c in op._control_inputs)):
            return False
        source = op._inputs[0]
        name = self.names[outs[0]] = self.names[source]
        if source in self.refs:
            self.refs[outs[0]] = self.refs[source] or op
        if op in self.flagged:  # dead exactly when its input is
            self._flag(op, f"{name} is _DEAD", [name])
        return True

    def fold_constant(self, op, opdef, kernel) -> bool:
        """Computes ``op`` now, once for every run, if its value cannot change: constants,
        small stateless ops of folded inputs, and shape reads of fully known static shapes (a
        fed value must have its tensor's static shape). TensorFlow's graph optimizer folds
        the same; in an unrolled RNN it removes a third of the gradient's kernel calls.
        A kernel that fails here is left to fail when the plan runs, with TF's error.
        """
        outs = op._outputs
        if (not outs or opdef.stateful or opdef.must_run or opdef.control_flow or op in self.dead_ops
                or any(t in self.fed or t._dtype._is_ref_dtype for t in outs)):
            return False
        if opdef.reads_shape_only:
            if not static_shapes_known(op):
                return False
            values = [np.broadcast_to(_SCALAR, t.shape.as_list()) for t in op._inputs]  # shapes, no memory
        else:
            if not opdef.constant and not all(
                    t.shape.is_fully_defined() and t.shape.num_elements() <= _FOLD_MAX_ELEMENTS for t in outs):
                return False
            names = [self.names[t] for t in op._inputs]
            if not all(n in self.folded for n in names):
                return False
            values = [self.folded[n] for n in names]
        try:
            with np.errstate(all="ignore"):
                result = self.namespace[kernel](*values)
        except Exception:  # noqa: BLE001 - reported with TensorFlow's text when the plan runs
            return False
        results = (result,) if opdef._single_output else result
        for t, value in zip(outs, results):
            name = self.names[t] = f"c{t._op._id}_{t._value_index}"
            self.namespace[name] = self.folded[name] = value
        if opdef.reads_shape_only:  # TF keeps a folded shape read's input running: a variable is still read
            for t in op._inputs:
                if t in self.refs:
                    name = self.names[t]
                    self.body.append((f"{name}.get()", ("node", self.refs[t] or op), [name]))
        return True

    def running_sum(self, op, opdef, args) -> bool:
        """Writes a sum of more than two inputs as a running sum: each input is added as soon
        as it exists (in input order, so the rounding is the kernel's), and is then freed.
        Gradients of a weight shared by many steps (an unrolled RNN's) would otherwise all
        stay alive until the last one, 100 fresh buffers a run instead of one. It needs
        static shapes (so NumPy cannot broadcast where TF refuses) and plain values (a
        variable reference is read when its consumer runs)."""
        if (not opdef.accumulates or len(args) < 3 or op._outputs[0] in self.fed or not static_shapes_known(op)
                or op in self.dead_ops or self.depth or any(t in self.refs for t in op._inputs)):
            return False
        total = self._local(op._outputs[0])
        blame = ("node", op)
        where = max(self.defined_at.get(args[0], -1), self.defined_at.get(args[1], -1))
        self.after.setdefault(where, []).append((f"{total} = {args[0]} + {args[1]}", blame, args[:2]))
        for name in args[2:]:
            where = max(where, self.defined_at.get(name, -1))
            self.after.setdefault(where, []).append((f"{total} += {name}", blame, [name, total]))
        return True

    def gated_constant(self, op, opdef, kernel) -> bool:
        """A constant that may be dead (in a branch or loop body, gated by its pivot) is its
        value when it is alive: no kernel call (a scalar as a NumPy scalar, for the
        ``inline`` operators)."""
        if not (opdef.constant and op in self.dead_ops) or op._outputs[0] in self.fed:
            return False
        value = self.namespace[kernel]()
        name = f"c{op._id}_0"
        self.namespace[name] = self.folded[name] = value[()] if type(value) is _ndarray and not value.ndim else value
        guard, reads = self._guard(op, [])
        if op in self.flagged:
            self._flag(op, guard, reads)
            guard, reads = self.dead_flags[op], [self.dead_flags[op]]
        self.body.append((f"{self._local(op._outputs[0])} = _DEAD if {guard} else {name}", ("node", op), reads))
        return True

    def inline(self, op, opdef, args, needed) -> bool:
        """Ops a loop runs every iteration, written as expressions rather than kernel calls:
        a ``Merge`` of two inputs (the live one), a ``Switch`` on a scalar predicate, an op
        with a ``scalar_operator`` on scalars (``i + 1``, ``i < n``), and a running sum that
        adds into its own buffer after the first iteration (``_accumulate``)."""
        outs = op._outputs
        if any(t in self.fed for t in outs) or op in self.flagged:
            return False
        first = self.accumulators.get(op)
        if first is not None:
            guard, reads = self._guard(op, args)
            value = f"_accumulate({args[0]}, {args[1]}, {first})"
            self.body.append((f"{self._local(outs[0])} = _DEAD if {guard} else {value}" if guard else
                              f"{self._local(outs[0])} = {value}", ("node", op), args + reads + [first]))
            return True
        if opdef.takes_dead_inputs and len(args) == 2 and outs[1] not in needed and not opdef.outputs[0].is_ref:
            self.body.append((f"{self._local(outs[0])} = {args[0]} if {args[0]} is not _DEAD else {args[1]}",
                              ("node", op), args))
            return True
        if opdef.routes_input and op._inputs[1].shape.ndims == 0:
            if any(t._dtype._is_ref_dtype for t in outs):
                return False
            false, true = (self._local(t) if t in needed else "_" for t in outs)
            guard, reads = self._guard(op, args)
            data, pred = args
            routed = f"((_DEAD, {data}) if {pred} else ({data}, _DEAD))"
            text = f"{false}, {true}, = (_DEAD, _DEAD) if {guard} else {routed}" if guard else \
                f"{false}, {true}, = {routed}"
            self.body.append((text, ("node", op), args + reads))
            return True
        if (opdef.scalar_operator and all(t.shape.ndims == 0 and t._dtype._base is not _STRING for t in op._inputs)
                and not any(t in self.refs for t in op._inputs)):
            guard, reads = self._guard(op, args)
            value = f"{args[0]} {opdef.scalar_operator} {args[1]}"
            text = f"_DEAD if {guard} else {value}" if guard else value
            self.body.append((f"{self._local(outs[0])} = {text}", ("node", op), args + reads))
            return True
        return False

    # -- loops ------------------------------------------------------------------------------
    def _items(self, items, needed):
        for item in items:
            if isinstance(item, frames.Block):
                self._loop(item, needed)
            else:
                self._op(op=item, needed=needed)

    def _loop(self, block, needed):
        """A frame as a ``while True:`` block, one pass per iteration: each loop variable's
        ``Enter`` value exists in the first iteration only, each ``NextIteration`` value is
        what the ``Merge`` reads in the next one, and an ``Exit`` keeps the value that
        reaches it; the loop ends when no value goes on to a next iteration."""
        first_values, next_values = [], []
        for op in block.items:
            if isinstance(op, frames.Block):
                continue
            opdef = registry.get(op._type)
            if opdef.enters_frame:
                source_tensor, out = op._inputs[0], op._outputs[0]
                source = self.names[source_tensor]
                if source_tensor in self.refs:
                    self.refs[out] = self.refs[source_tensor]
                scalar = out.shape.ndims == 0 and source_tensor not in self.refs
                if op._attrs.get("is_constant") and not scalar:  # a loop invariant: one value for every iteration
                    self.names[out] = source
                else:  # scalars enter as NumPy scalars, which Python's operators compute on fast
                    name = self._local(out)
                    self.body.append((f"{name} = _scalar({source})" if scalar else f"{name} = {source}",
                                      ("node", op), [source]))
                    if not op._attrs.get("is_constant"):
                        first_values.append(name)
                        self._first_of_accumulator(op, name)
            elif opdef.next_iteration or opdef.exits_frame:
                out = op._outputs[0]
                name = self._local(out)
                self.body.append((f"{name} = _DEAD", ("node", op), []))
                if out._dtype._is_ref_dtype:
                    self.refs[out] = None
                if opdef.next_iteration:
                    next_values.append(name)
        outer = self.body
        self.body = []
        self.depth += 1
        self._items([item for item in block.items
                     if isinstance(item, frames.Block) or not registry.get(item._type).enters_frame], needed)
        for name in first_values:
            self.body.append((f"{name} = _DEAD", None, []))
        done = " and ".join(f"{n} is _DEAD" for n in next_values) or "True"
        self.body.append((f"if {done}: break", None, next_values))
        self.depth -= 1
        inner, self.body = self.body, outer
        self.body.append(_Loop(inner))

    def _first_of_accumulator(self, enter, name) -> None:
        """If the loop variable that ``enter`` brings in is a running sum (``total + value``
        each iteration, read by nothing else: a gradient loop's ``b_acc``), keep its first
        value aside, so that later iterations can add into the sum's own buffer."""
        merges = enter._outputs[0]._consumers
        if len(merges) != 1 or not registry.get(merges[0]._type).takes_dead_inputs:
            return
        merge = merges[0]
        switches = merge._outputs[0]._consumers
        if len(switches) != 1 or not registry.get(switches[0]._type).routes_input:
            return
        adds = switches[0]._outputs[1]._consumers
        if len(adds) != 1 or registry.get(adds[0]._type).scalar_operator != "+":
            return
        add = adds[0]
        total, shape = add._outputs[0], add._outputs[0].shape
        if (add._inputs[0] is not switches[0]._outputs[1] or len(total._consumers) != 1
                or not registry.get(total._consumers[0]._type).next_iteration
                or total._consumers[0]._outputs[0] is not merge._inputs[1] or not shape.is_fully_defined()
                or not shape.ndims or any(t.shape != shape for t in add._inputs) or total._dtype._base is _STRING):
            return
        first = self.accumulators[add] = f"f{name[1:]}"
        self.body.append((f"{first} = {name}", None, [name]))

    def _frame_edge(self, op, opdef) -> bool:
        """Inside a loop block: a ``NextIteration`` sets the value the next iteration's ``Merge``
        reads; an ``Exit`` keeps its value when one reaches it."""
        if not (opdef.next_iteration or opdef.exits_frame):
            return False
        source = self.names[op._inputs[0]]
        target = self.names[op._outputs[0]]
        text = f"{target} = {source}" if opdef.next_iteration else f"if {source} is not _DEAD: {target} = {source}"
        self.body.append((text, ("node", op), [source]))
        return True

    # -- writing one op ----------------------------------------------------------------------
    def _op(self, op, needed):
        opdef = registry.get(op._type)
        self.steps += 1
        step = self.steps
        kernel = f"k{step}"
        if self.depth and self._frame_edge(op, opdef):
            return
        if opdef.takes_dead_inputs:
            _check_input_types(op)
        if self.stacked_sums(op, kernel) or self.forward_input(op, opdef):
            return
        self.namespace[kernel] = self.state.kernel(opdef, op)
        if self.fold_constant(op, opdef, kernel) or self.gated_constant(op, opdef, kernel):
            return
        args = self._arguments(step, op, opdef)
        if not (self.running_sum(op, opdef, args) or self.inline(op, opdef, args, needed)):
            self._call(op, opdef, kernel, args, needed)

    def _arguments(self, step, op, opdef) -> list:
        """The local names of ``op``'s input values; a variable reference is read into a
        local first unless the op takes the reference itself (a ``Ref`` input)."""
        args = []
        for i, (arg, t) in enumerate(zip(_flat_args(opdef, op), op._inputs)):
            name = self.names[t]
            if t in self.refs and not arg.is_ref:
                self.body.append((f"r{step}_{i} = {name}.get()", ("node", self.refs[t] or op), [name]))
                name = f"r{step}_{i}"
            args.append(name)
        return args

    def _flag(self, op, expression, reads) -> None:
        """A local saying whether ``op`` is dead, for the ops that depend on it by a control edge."""
        self.counter += 1
        flag = self.dead_flags[op] = f"z{self.counter}"
        self.defined_at[flag] = len(self.body)
        self.body.append((f"{flag} = {expression}", ("node", op), reads))

    def _guard(self, op, args) -> tuple[str, list]:
        """``(expression, names it reads)``: when ``op`` is dead (an input or control input is)."""
        reads = list(dict.fromkeys(a for a, t in zip(args, op._inputs) if t in self.dead))
        tests = [f"{a} is _DEAD" for a in reads]
        for c in op._control_inputs:
            if c in self.dead_ops:
                reads.append(self.dead_flags[c])
                tests.append(self.dead_flags[c])
        return " or ".join(dict.fromkeys(tests)), reads

    def _call(self, op, opdef, kernel, args, needed):
        """One line calling ``op``'s kernel, assigning the outputs that are needed; for an op
        that may be dead, only when it is not (its outputs are then dead)."""
        guard, guard_reads = ("", []) if opdef.takes_dead_inputs else self._guard(op, args)
        if guard and op in self.flagged:
            self._flag(op, guard, guard_reads)
            guard, guard_reads = self.dead_flags[op], [self.dead_flags[op]]
        targets = []
        for t in op._outputs:
            if t in self.fed or t not in needed:
                targets.append("_")
                continue
            targets.append(self._local(t))
            if t._dtype._is_ref_dtype:
                self.refs[t] = None
        call = f"{kernel}({', '.join(args)})"
        multi = len(opdef.outputs) != 1 or opdef.outputs[0].number_attr
        assigned = any(n != "_" for n in targets)
        if guard and assigned:
            dead = "_DEAD" if not multi else f"({'_DEAD, ' * len(targets)})"
            call = f"{dead} if {guard} else {call}"
        if not multi and assigned:
            text = f"{targets[0]} = {call}"
        elif multi and assigned:
            text = f"{', '.join(targets)}, = {call}"
        else:
            text = f"if not ({guard}): {call}" if guard else call
        self.body.append((text, ("node", op), args + guard_reads))
        if op in self.flagged and op not in self.dead_flags:  # a Merge: dead when its output is
            self._flag(op, f"{targets[0]} is _DEAD", [targets[0]])

    def _source(self, results, kept):
        body = list(self.after.get(-1, ()))
        for i, entry in enumerate(self.body):
            body.append(entry)
            body.extend(self.after.get(i, ()))
        lines, table = [], {}
        self._emit(body, 1, lines, table, kept)
        params = ", ".join(f"a{i}" for i in range(self.n_feeds))
        result = "(" + "".join(f"{r}, " for r in results) + ")"
        source = f"def _plan({params}):\n" + "".join(f"{ln}\n" for ln in lines) + f"    return {result}\n"
        return source, self.namespace, table

    def _emit(self, body, depth, lines, table, kept):
        """Append ``body``'s statements at indentation ``depth``; at the top level, free each
        value after its last use (inside a loop, each iteration's values replace the last's)."""
        last_use = {}
        if depth == 1:
            for i, entry in enumerate(body):
                for name in entry.reads if isinstance(entry, _Loop) else entry[2]:
                    last_use[name] = i
        pad = "    " * depth
        for i, entry in enumerate(body):
            if isinstance(entry, _Loop):
                lines.append(f"{pad}while True:")
                self._emit(entry.body, depth + 1, lines, table, kept)
                reads = entry.reads
            else:
                text, blame, reads = entry
                lines.append(pad + text)
                if blame is not None:
                    table[len(lines) + 1] = blame  # line 1 is the ``def``
            if depth == 1:
                dead = sorted({n for n in reads if last_use[n] == i and n not in kept and n not in self.folded})
                if dead:  # free intermediate arrays as soon as nothing needs them
                    lines.append(f"{pad}del " + ", ".join(dead))


class _Loop:
    """A loop block in a plan's body: its statements, and every local name they read."""

    __slots__ = ("body", "reads")

    def __init__(self, body):
        self.body = body
        self.reads = []
        for entry in body:
            self.reads.extend(entry.reads if isinstance(entry, _Loop) else entry[2])
