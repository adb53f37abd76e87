"""Matching a checkpoint against the variables to restore: the dry-run report.

``plan_restore`` pairs each wanted key (a ``Saver`` key: the variable's op name, or its
``var_list`` dict key) with a checkpoint tensor after the rename rules, checks dtype and
shape, and lists what is missing or unexpected, with the closest checkpoint name suggested
for each missing variable.
"""

from __future__ import annotations

import dataclasses

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint.rename import RenameRules, owner
from scopeflow._src.framework import dtypes


@dataclasses.dataclass
class Mismatch:
    """A variable whose checkpoint tensor has another shape or dtype."""

    checkpoint_name: str
    variable_shape: list | None
    checkpoint_shape: list
    variable_dtype: str
    checkpoint_dtype: str


@dataclasses.dataclass
class RestoreReport:
    """What a restore with rename rules does (or did): returned by ``Saver.restore`` when it
    is called with ``rename=``, ``strict=False`` or ``dry_run=True``.

    ``matched`` maps each restorable variable key to its checkpoint name; ``missing`` lists
    keys with no checkpoint tensor (``suggestions`` gives the closest checkpoint name for
    each, or ``None``); ``unexpected`` lists checkpoint names no variable uses;
    ``shape_mismatched`` and ``dtype_mismatched`` map keys to a ``Mismatch``; ``restored``
    lists the keys actually assigned (empty for a dry run).
    """

    checkpoint: str
    matched: dict = dataclasses.field(default_factory=dict)
    missing: list = dataclasses.field(default_factory=list)
    unexpected: list = dataclasses.field(default_factory=list)
    shape_mismatched: dict = dataclasses.field(default_factory=dict)
    dtype_mismatched: dict = dataclasses.field(default_factory=dict)
    suggestions: dict = dataclasses.field(default_factory=dict)
    restored: list = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every variable has a checkpoint tensor of its shape and dtype."""
        return not (self.missing or self.shape_mismatched or self.dtype_mismatched)

    def __str__(self) -> str:
        lines = [f"restore from {self.checkpoint}: {len(self.matched)} matched, {len(self.missing)} missing, "
                 f"{len(self.shape_mismatched) + len(self.dtype_mismatched)} mismatched, "
                 f"{len(self.unexpected)} unexpected"]
        for key, src in sorted(self.matched.items()):
            lines.append(f"  ok          {key}" + (f"  <- {src}" if src != key else ""))
        for key in self.missing:
            hint = self.suggestions.get(key)
            lines.append(f"  missing     {key}" + (f"  (closest in checkpoint: {hint})" if hint else ""))
        for key, m in sorted({**self.shape_mismatched, **self.dtype_mismatched}.items()):
            lines.append(f"  mismatch    {key} {m.variable_dtype}{_shape(m.variable_shape)}  <- {m.checkpoint_name} "
                         f"{m.checkpoint_dtype}{_shape(m.checkpoint_shape)}")
        lines += [f"  unexpected  {name}" for name in self.unexpected]
        return "\n".join(lines)


def _shape(shape) -> str:
    return "[?]" if shape is None else "[" + ", ".join("?" if d is None else str(d) for d in shape) + "]"


def _compatible(var_shape, ckpt_shape) -> bool:
    if var_shape is None:
        return True
    return len(var_shape) == len(ckpt_shape) and all(a is None or a == b for a, b in zip(var_shape, ckpt_shape))


def plan_restore(checkpoint: str, entries: dict, wanted: dict, rename=None) -> RestoreReport:
    """Match ``wanted`` (``{key: (shape list or None, DType)}``) against the checkpoint
    ``entries`` (``{name: Entry}``) after ``rename`` rules."""
    rules = RenameRules(rename)
    names = [n for n in entries]
    sources = rules.map_names(names) if rules else {n: n for n in names}
    report = RestoreReport(checkpoint)
    used = set()
    for key in sorted(wanted):
        shape, dtype = wanted[key]
        src = sources.get(key)
        if src is None:
            report.missing.append(key)
            continue
        used.add(src)
        entry = entries[src]
        mismatch = Mismatch(src, shape, list(entry.shape), dtype.name, _dtype_name(entry.dtype))
        if entry.dtype != dtype.as_datatype_enum:
            report.dtype_mismatched[key] = mismatch
        elif not _compatible(shape, entry.shape):
            report.shape_mismatched[key] = mismatch
        else:
            report.matched[key] = src
    report.unexpected = sorted(n for n in names if n not in used)
    new_names = {src: new for new, src in sources.items()}
    for key in report.missing:
        report.suggestions[key] = closest(key, wanted[key], report.unexpected, entries, new_names)
    return report


def _dtype_name(enum: int) -> str:
    try:
        return dtypes.as_dtype(enum).name
    except TypeError:
        return fmt.tf_type_name(enum)


def closest(key: str, spec, candidates, entries, new_names) -> str | None:
    """The checkpoint name most like ``key``, or ``None`` when nothing is close.

    Names are compared as written and after the rename rules, the whole name and its last
    component; a candidate qualifies when its last component is similar (ratio >= 0.5), or
    when its shape and dtype fit and the whole name is similar (>= 0.6). Fitting shape and
    dtype also ranks a candidate higher; optimizer slots qualify by their last component only.
    """
    import difflib  # only a failed restore suggests names: keep it out of ``import scopeflow``

    shape, dtype = spec
    last = key.rsplit("/", 1)[-1]
    best, best_score = None, 0.0
    for name in candidates:
        entry = entries[name]
        # an optimizer slot (w/Adam) is only suggested for a name ending like it
        fits = entry.dtype == dtype.as_datatype_enum and _compatible(shape, entry.shape) and \
            owner(name, entries) is None
        score = 0.0
        for other in {name, new_names.get(name, name)}:
            whole = difflib.SequenceMatcher(None, key, other).ratio()
            tail = difflib.SequenceMatcher(None, last, other.rsplit("/", 1)[-1]).ratio()
            if tail >= 0.5 or (fits and whole >= 0.6):
                score = max(score, 0.5 * whole + 0.5 * tail + (0.15 if fits else 0.0))
        if score > best_score:
            best, best_score = name, score
    return best
