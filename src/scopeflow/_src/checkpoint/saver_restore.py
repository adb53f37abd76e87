"""The restore half of ``Saver``: TensorFlow's error wrapping, help text and rule-based restore.

A plain ``Saver.restore`` runs the graph's ``save/restore_all`` op, as TensorFlow does. A
restore with ``rename=`` rules, ``strict=False`` or ``dry_run=True`` reads the checkpoint
here instead and feeds each matched tensor to its variable's ``save/Assign_N`` op (feeding
the ``save/RestoreV2:N`` output it would have read), so only the public session API is used
and the graph is never changed.
"""

from __future__ import annotations

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import slices
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.restore_plan import RestoreReport, plan_restore
from scopeflow._src.framework import dtypes, errors

_MISSING = "a Variable name or other graph key that is missing"
_MISMATCH = "a mismatch between the current graph and the graph"
_HOW = ("To restore after scopes or variables were renamed, pass rename rules, e.g. "
        "saver.restore(sess, path, rename={'old_scope/': 'new_scope/'}); add dry_run=True to see what matches "
        "without restoring, or strict=False to restore what matches.")


def wrap_restore_error(err: errors.OpError, missing: bool, help_text: str = "") -> errors.OpError:
    """TensorFlow's ``Restoring from checkpoint failed...`` error, then scopeflow's help."""
    text = ("Restoring from checkpoint failed. This is most likely due to {} from the checkpoint. Please ensure that "
            "you have not altered the graph expected based on the checkpoint. Original error:\n\n{}").format(
        _MISSING if missing else _MISMATCH, err.message)
    return type(err)(err.node_def, err.op, text + help_text)


def _shape_text(shape) -> str:
    return "[?]" if shape is None else "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def missing_help(report: RestoreReport) -> str:
    lines = [f"\n\nscopeflow: {len(report.missing)} of {len(report.missing) + len(report.matched)} variables "
             f"have no tensor in {report.checkpoint}:"]
    for key in report.missing[:20]:
        hint = report.suggestions.get(key)
        lines.append(f"  {key}" + (f" (closest checkpoint name: {hint})" if hint else ""))
    if len(report.missing) > 20:
        lines.append(f"  ... and {len(report.missing) - 20} more")
    lines.append(_HOW)
    return "\n".join(lines)


def mismatch_help(key: str, m) -> str:
    return (f"\n\nscopeflow: the variable saved as '{key}' is {m.variable_dtype}{_shape_text(m.variable_shape)} but "
            f"the checkpoint's '{m.checkpoint_name}' is {m.checkpoint_dtype}{_shape_text(m.checkpoint_shape)}.")


def raise_for_report(report: RestoreReport) -> None:
    """The error a strict restore gives for the first problem in ``report`` (TF's wording)."""
    if report.missing:
        key = report.missing[0]
        raise wrap_restore_error(errors.NotFoundError(None, None, f"Key {key} not found in checkpoint"), True,
                                 missing_help(report))
    for key, m in sorted(report.dtype_mismatched.items()):
        err = errors.InvalidArgumentError(None, None, f"tensor_name = {m.checkpoint_name}; expected dtype "
                                                      f"{_tf_name(m.variable_dtype)} does not equal original dtype "
                                                      f"{_tf_name(m.checkpoint_dtype)}")
        raise wrap_restore_error(err, False, mismatch_help(key, m))
    for key, m in sorted(report.shape_mismatched.items()):
        err = errors.InvalidArgumentError(None, None, f"Assign requires shapes of both tensors to match. lhs shape= "
                                                      f"{_shape_text(m.variable_shape)} rhs shape= "
                                                      f"{_shape_text(m.checkpoint_shape)}")
        raise wrap_restore_error(err, False, mismatch_help(key, m))


def _tf_name(name: str) -> str:
    return fmt.tf_type_name(dtypes.as_dtype(name).as_datatype_enum)


def wanted_of(saveables) -> dict:
    """``{key: (shape list or None, dtype)}`` of a saver's saveables."""
    return {s.name: (s.full_shape, s.dtype) for s in saveables}


def plan(save_path: str, saveables, rename) -> RestoreReport:
    with BundleReader(save_path) as reader:
        return plan_restore(save_path, reader.entries, wanted_of(saveables), rename)


def restore_with_rules(sess, save_path, saveables, restore_ops, rename, strict, dry_run) -> RestoreReport:
    """Match, check and (unless ``dry_run``) assign; returns the ``RestoreReport``.

    ``restore_ops`` maps each key to its ``(RestoreV2 output tensor, Assign op, slice spec)``
    triples: one, or one per shard of a partitioned variable, fed its slice of the tensor.
    """
    with BundleReader(save_path) as reader:
        report = plan_restore(save_path, reader.entries, wanted_of(saveables), rename)
        if dry_run:
            return report
        if strict:
            raise_for_report(report)
        keys = sorted(report.matched)
        feed = {}
        for key in keys:
            for tensor, _, spec in restore_ops[key]:
                extents = slices.parse_shape_and_slice(spec)[1] if spec else None
                feed[tensor] = reader.read_slice(report.matched[key], extents)
    if keys:
        sess.run([assign for k in keys for _, assign, _ in restore_ops[k]], feed)
    report.restored = keys
    return report
