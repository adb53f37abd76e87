"""``tf.train.Saver``: save and restore variables in TensorFlow's V2 checkpoint format.

The constructor builds the ops TensorFlow's ``Saver`` builds, with its names
(``save/filename``, ``save/Const``, ``save/SaveV2``, ``save/control_dependency``,
``save/RestoreV2``, ``save/Assign_N``, ``save/restore_all``; sharded: ``save/ShardedFilename``,
``save/MergeV2Checkpoints``, ``save/Identity``, ``save/restore_shard``), and
``save``/``restore`` run them, so the files are the ones TensorFlow writes and reads.
``restore`` logs TensorFlow's ``Restoring parameters from <path>``.
"""

from __future__ import annotations

import os
import time

import numpy as np

from scopeflow._src import logging_module as logging
from scopeflow._src.checkpoint import checkpoint_state as state_lib
from scopeflow._src.checkpoint import collection_def, io_ops, meta_graph, object_graph, saver_restore, sharded
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.saveables import all_saveable_objects, build_saveables
from scopeflow._src.checkpoint.saver_def import SaverDef, scope_saver_def, unscoped_saver_def
from scopeflow._src.framework import errors
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.lib_io import file_io
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.control import control_flow_ops
from scopeflow._src.ops.state import variable_ops


class Saver:
    """Saves and restores variables (TensorFlow 1.x's ``tf.train.Saver``).

    ``var_list`` is a list of variables (saved under their op names) or a dict of
    checkpoint names to variables; by default every global variable.

    scopeflow goes further than TensorFlow in ``restore``, which takes rename rules, a
    partial mode and a dry run (see ``restore``).

    ``save`` writes the graph beside the checkpoint as ``<prefix>.meta`` (a ``MetaGraphDef``,
    see ``tf.train.export_meta_graph``), which ``tf.train.import_meta_graph`` reads back.

    ``sharded=True`` builds TensorFlow's sharded ops (``checkpoint/sharded.py``): one
    ``SaveV2`` per device of the variables, writing ``<prefix>_temp/part-0000N-of-0000M``,
    merged by ``MergeV2Checkpoints`` into one checkpoint (a data file per device), and one
    ``save/restore_shard`` per device.

    Where we differ: only the V2 format is written.

    >>> import os, tempfile, scopeflow as tf
    >>> v = tf.Variable([1.0, 2.0], name="v")
    >>> saver = tf.train.Saver()
    >>> path = os.path.join(tempfile.mkdtemp(), "model.ckpt")
    >>> with tf.Session() as sess:
    ...     sess.run(v.initializer)
    ...     os.path.basename(saver.save(sess, path, global_step=3))
    'model.ckpt-3'
    """

    def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
                 keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False, saver_def=None,
                 builder=None, defer_build=False, allow_empty=False, write_version=SaverDef.V2,
                 pad_step_number=False, save_relative_paths=False, filename=None):
        if defer_build and _given(var_list):
            raise ValueError("If `var_list` is provided then build cannot be deferred. Either set defer_build=False "
                             "or var_list=None.")
        if write_version != SaverDef.V2:
            raise ValueError("scopeflow writes only V2 checkpoints; pass write_version=tf.train.SaverDef.V2")
        self._var_list = var_list
        self._reshape = reshape
        self._sharded = sharded
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._name = name
        self.saver_def = saver_def
        self._is_built = False
        self._allow_empty = allow_empty
        self._is_empty = None
        self._pad_step_number = pad_step_number
        self._filename = filename
        self._save_relative_paths = save_relative_paths
        self._last_checkpoints = []
        self._checkpoints_to_be_deleted = []
        self._saveables = None
        self._restore_ops = {}
        self._assign_keys = {}
        if not defer_build:
            self.build()
        if self.saver_def is not None:
            self._check_saver_def()

    # -- building -------------------------------------------------------------------------
    def build(self) -> None:
        """Add the save and restore ops (needed once when ``defer_build=True``)."""
        if self._is_built:
            return
        self._is_built = True
        if self.saver_def is None:
            if self._var_list is None:
                self._var_list = all_saveable_objects()
            if not _given(self._var_list):
                if self._allow_empty:
                    self._is_empty = True
                    return
                raise ValueError("No variables to save")
            self._is_empty = False
            self.saver_def = self._build_ops(build_saveables(self._var_list))
        elif self._name:
            # ``name`` is the import scope of a saver_def read from a meta graph: its names move
            # under it, in the caller's proto itself, as in TensorFlow
            scope_saver_def(self.saver_def, self._name)
        self._check_saver_def()
        self._next_checkpoint_time = time.time() + self.saver_def.keep_checkpoint_every_n_hours * 3600

    def _build_ops(self, saveables) -> SaverDef:
        tensors = [s.tensor for s in saveables]
        with name_scope(self._name, "save", tensors):
            filename = array_ops.placeholder_with_default(self._filename or "model", shape=(), name="filename")
            filename = array_ops.placeholder_with_default(filename, shape=(), name="Const")
            if self._sharded:  # one shard per device, merged into one checkpoint (sharded.py)
                per_device = sharded.group_by_devices(saveables)
                save_tensor = sharded.add_sharded_save_ops(filename, per_device, self._add_save_ops)
                shard_restores = []
                for device_name, group in per_device:
                    with default_graph().device(device_name):
                        shard_restores.append(self._add_restore_ops(filename, group, "restore_shard"))
                restore_op = control_flow_ops.group(*shard_restores, name="restore_all")
            else:
                save_tensor = self._add_save_ops(filename, saveables)
                restore_op = self._add_restore_ops(filename, saveables, "restore_all")
        self._saveables = saveables
        max_to_keep = 0 if self._max_to_keep is None else self._max_to_keep
        return SaverDef(filename_tensor_name=filename.name, save_tensor_name=save_tensor.name,
                        restore_op_name=restore_op.name, max_to_keep=max_to_keep, sharded=bool(self._sharded),
                        keep_checkpoint_every_n_hours=self._keep_checkpoint_every_n_hours, version=SaverDef.V2)

    @staticmethod
    def _add_save_ops(filename, saveables):
        save = io_ops.save_v2(filename, [s.name for s in saveables], [s.slice_spec for s in saveables],
                              [s.save_tensor for s in saveables])
        return control_flow_ops.with_dependencies([save], filename)

    def _add_restore_ops(self, filename, saveables, name):
        with default_graph().device("cpu:0"):  # TF restores onto the CPU
            restored = io_ops.restore_v2(filename, [s.name for s in saveables], [s.slice_spec for s in saveables],
                                         [s.dtype for s in saveables])
        assigns = []
        for saveable, value in zip(saveables, restored):
            assigns.append(self._assign(saveable, value))
            # a partitioned variable's key has one (RestoreV2 output, Assign) per shard
            self._restore_ops.setdefault(saveable.name, []).append((value, assigns[-1].op, saveable.slice_spec))
            self._assign_keys[assigns[-1].op.name] = saveable.name
        return control_flow_ops.group(*assigns, name=name)

    def _assign(self, saveable, value):
        shape = saveable.shape
        if self._reshape:
            target = shape if shape.is_fully_defined() else array_ops.shape(saveable.tensor)
            value = array_ops.reshape(value, target)
        validate = not self._reshape and shape.is_fully_defined()
        return variable_ops.assign(saveable.tensor, value, validate_shape=validate)

    def _check_saver_def(self) -> None:
        if not isinstance(self.saver_def, SaverDef):
            raise ValueError(f"saver_def must be a saver_pb2.SaverDef: {self.saver_def}")
        if not self.saver_def.save_tensor_name:
            raise ValueError(f"saver_def must specify the save_tensor_name: {self.saver_def}")
        if not self.saver_def.restore_op_name:
            raise ValueError(f"saver_def must specify the restore_op_name: {self.saver_def}")

    def as_saver_def(self):
        """The saver's ``SaverDef`` proto (the names of its filename tensor, save tensor and
        restore op)."""
        return self.saver_def

    def to_proto(self, export_scope=None):
        """The ``SaverDef`` with ``export_scope`` taken off its names, or ``None`` when the
        saver's ops lie outside ``export_scope``."""
        if export_scope is None:
            return self.saver_def
        return unscoped_saver_def(self.saver_def, export_scope)

    @staticmethod
    def from_proto(saver_def, import_scope=None) -> "Saver":
        """A saver running the ops ``saver_def`` names, under ``import_scope``."""
        return Saver(saver_def=saver_def, name=import_scope)

    # -- the list of recent checkpoints ---------------------------------------------------
    @property
    def last_checkpoints(self) -> list:
        """Checkpoint prefixes not yet deleted, oldest first."""
        return [p for p, _ in self._last_checkpoints]

    def set_last_checkpoints(self, last_checkpoints) -> None:
        assert isinstance(last_checkpoints, list)
        self._last_checkpoints = [(s, float("inf")) for s in last_checkpoints]

    def set_last_checkpoints_with_time(self, last_checkpoints_with_time) -> None:
        assert isinstance(last_checkpoints_with_time, list)
        self._last_checkpoints = last_checkpoints_with_time

    def recover_last_checkpoints(self, checkpoint_paths) -> None:
        """Rebuild ``last_checkpoints`` after a restart from paths that still exist."""
        found = []
        for path in checkpoint_paths:
            mtimes = state_lib.get_checkpoint_mtimes([path])
            if mtimes:
                found.append((path, mtimes[0]))
        self.set_last_checkpoints_with_time(found)

    def _record_last_checkpoint(self, path: str) -> None:
        if not self.saver_def.max_to_keep:
            return
        self._last_checkpoints = [p for p in self._last_checkpoints if p[0] != path]
        self._last_checkpoints.append((path, time.time()))
        if len(self._last_checkpoints) > self.saver_def.max_to_keep:
            self._checkpoints_to_be_deleted.append(self._last_checkpoints.pop(0))

    def _maybe_delete_old_checkpoints(self, meta_graph_suffix="meta") -> None:
        if not self._checkpoints_to_be_deleted:
            return
        path, stamp = self._checkpoints_to_be_deleted.pop(0)
        if stamp > self._next_checkpoint_time:  # keep one every keep_checkpoint_every_n_hours
            self._next_checkpoint_time += self.saver_def.keep_checkpoint_every_n_hours * 3600
            return
        try:
            state_lib.remove_checkpoint(path, self.saver_def.version, meta_graph_suffix)
        except Exception as e:  # noqa: BLE001 - TensorFlow logs any failure and goes on
            logging.warning("Ignoring: %s", str(e))

    # -- saving ---------------------------------------------------------------------------
    def save(self, sess, save_path, global_step=None, latest_filename=None, meta_graph_suffix="meta",
             write_meta_graph=True, write_state=True, strip_default_attrs=False, save_debug_info=False):
        """Save the variables to ``save_path`` (``-<global_step>`` appended when given).

        Returns the checkpoint prefix (``None`` for an empty saver). Files appear atomically:
        data and index are committed when complete (``commit.py``: a save killed at any
        moment leaves the old checkpoint or the new one at ``save_path``), then
        (``write_meta_graph``) the session's graph is written as ``<prefix>.<meta_graph_suffix>``
        (see ``export_meta_graph``), then the ``checkpoint`` state file is replaced. TensorFlow
        writes the graph last; here the state never names a checkpoint whose graph is missing.
        """
        if not self._is_built:
            raise RuntimeError("`build()` should be called before save if defer_build==True")
        latest_filename = latest_filename or "checkpoint"
        if os.path.split(latest_filename)[0]:
            raise ValueError("'latest_filename' must not contain path components")
        save_path = _text(save_path)
        if global_step is not None:
            if not isinstance(global_step, (int, np.integer)):
                global_step = int(sess.run(global_step))
            step = f"{global_step:08d}" if self._pad_step_number else f"{global_step:d}"
            checkpoint_file = f"{save_path}-{step}"
        else:
            checkpoint_file = save_path
            if os.path.basename(save_path) == latest_filename and not self._sharded:
                raise ValueError(f"'latest_filename' collides with 'save_path': '{latest_filename}' and '{save_path}'")
        if not hasattr(sess, "run"):
            raise TypeError(f"'sess' must be a Session; {sess}")

        def write_meta_graph_file():
            if write_meta_graph:
                with sess.graph.as_default():
                    self.export_meta_graph(state_lib.meta_graph_filename(checkpoint_file, meta_graph_suffix),
                                           strip_default_attrs=strip_default_attrs, save_debug_info=save_debug_info)

        if self._is_empty:
            write_meta_graph_file()
            return None
        return self._save_checkpoint(sess, save_path, checkpoint_file, latest_filename, meta_graph_suffix,
                                     write_state, write_meta_graph_file)

    def _save_checkpoint(self, sess, save_path, checkpoint_file, latest_filename, meta_graph_suffix, write_state,
                         write_meta_graph_file):
        save_dir = os.path.dirname(save_path)
        try:
            path = sess.run(self.saver_def.save_tensor_name, {self.saver_def.filename_tensor_name: checkpoint_file})
            path = path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else str(path)
            # before the state names the new checkpoint (TensorFlow writes it after): a save killed
            # in between leaves the state naming the previous checkpoint, whose .meta is there
            write_meta_graph_file()
            if write_state:
                self._record_last_checkpoint(path)
                state_lib.update_checkpoint_state(save_dir, path, self.last_checkpoints, latest_filename,
                                                  save_relative_paths=self._save_relative_paths)
                self._maybe_delete_old_checkpoints(meta_graph_suffix)
        except (errors.FailedPreconditionError, errors.NotFoundError) as exc:
            if not file_io.isdir(save_dir or "."):
                raise ValueError(f"Parent directory of {save_path} doesn't exist, can't save.") from None
            raise exc
        return path

    def export_meta_graph(self, filename=None, collection_list=None, as_text=False, export_scope=None,
                          clear_devices=False, clear_extraneous_savers=False, strip_default_attrs=False,
                          save_debug_info=False):
        """The default graph as a ``MetaGraphDef`` with this saver's ``SaverDef``, written to
        ``filename`` when given (see ``tf.train.export_meta_graph``)."""
        return meta_graph.export_meta_graph(
            filename=filename, graph_def=default_graph().as_graph_def(add_shapes=True), saver_def=self.saver_def,
            collection_list=collection_list, as_text=as_text, export_scope=export_scope,
            clear_devices=clear_devices, clear_extraneous_savers=clear_extraneous_savers,
            strip_default_attrs=strip_default_attrs, save_debug_info=save_debug_info)

    # -- restoring ------------------------------------------------------------------------
    def restore(self, sess, save_path, rename=None, strict=True, dry_run=False):
        """Restore the variables from the checkpoint ``save_path``.

        With no extra argument this is TensorFlow's ``restore``: it runs
        ``save/restore_all`` and raises ``NotFoundError`` for a variable missing from the
        checkpoint and ``InvalidArgumentError`` for a shape or dtype mismatch (TensorFlow's
        messages, followed by scopeflow's help naming the variables). Returns ``None``.

        scopeflow's additions (any of them makes ``restore`` return a ``RestoreReport``):

        * ``rename``: rules mapping checkpoint names to the names used now, as
          ``{old: new}``, a list of ``(old, new)`` pairs (``old`` a scope/name prefix or a
          compiled regex) or a function; see ``RenameRules``. Optimizer slots (``w/Adam``)
          follow their variable.
        * ``strict=False``: restore what matches, skip missing and mismatched variables.
        * ``dry_run=True``: only report what would be restored (``sess`` may be ``None``).
        """
        if self._is_empty:
            return None
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        save_path = _text(save_path)
        if not state_lib.checkpoint_exists(save_path):
            raise ValueError("The passed save_path is not a valid checkpoint: " + save_path)
        if not dry_run:
            logging.info("Restoring parameters from %s", save_path)
        if rename is None and strict and not dry_run:
            return self._restore_graph(sess, save_path)
        if self._saveables is None:
            raise ValueError("rename=, strict=False and dry_run=True need a Saver built from var_list, not from a "
                             "saver_def")
        return saver_restore.restore_with_rules(sess, save_path, self._saveables, self._restore_ops, rename, strict,
                                                dry_run)

    def _restore_graph(self, sess, save_path):
        try:
            feed = self._checked_restore_feed(sess, save_path)
            sess.run(self.saver_def.restore_op_name, feed or {self.saver_def.filename_tensor_name: save_path})
        except errors.NotFoundError as err:
            with BundleReader(save_path) as reader:
                mapping = object_graph.names_to_keys(reader)
            if mapping is None or self._saveables is None:
                report = saver_restore.plan(save_path, self._saveables, None) if self._saveables else None
                raise saver_restore.wrap_restore_error(
                    err, True, saver_restore.missing_help(report) if report and report.missing else "") from None
            logging.warning("Restoring an object-based checkpoint using a name-based saver. This may be somewhat "
                            "fragile, and will re-build the Saver. Instead, consider loading object-based "
                            "checkpoints using tf.train.Checkpoint().")
            object_graph.check_names({s.name for s in self._saveables}, mapping)
            reverse = {key: name for name, key in mapping.items()}
            logging.info("Restoring parameters from %s", save_path)  # TF's rebuilt saver's restore logs it again
            saver_restore.restore_with_rules(sess, save_path, self._saveables, self._restore_ops,
                                             lambda key: reverse.get(key, key), True, False)
        except errors.InvalidArgumentError as err:
            raise saver_restore.wrap_restore_error(err, False, self._mismatch_help(err, save_path)) from None
        return None

    def _checked_restore_feed(self, sess, save_path):
        """Read every tensor and check every shape before anything is assigned, so that a failing
        restore changes no variable (TensorFlow's executor may assign some before one fails).

        Runs the graph's own ``RestoreV2`` ops (their errors: missing key, wrong dtype), then, for
        an ``Assign`` whose value has the wrong shape, that ``Assign`` alone: it fails with
        TensorFlow's error and writes nothing. Returns the feed of the read tensors for
        ``save/restore_all`` (``None`` for a saver rebuilt from a ``saver_def``)."""
        if not self._restore_ops:
            return None
        tensors = [t for key in sorted(self._restore_ops) for t, _, _ in self._restore_ops[key]]
        values = sess.run(tensors, {self.saver_def.filename_tensor_name: save_path})
        feed = dict(zip(tensors, values))
        for key in sorted(self._restore_ops):
            for tensor, assign, _ in self._restore_ops[key]:
                target, source = assign.inputs[0], assign.inputs[1]
                if source is tensor and target.dtype._is_ref_dtype and \
                        not target.shape.is_compatible_with(np.shape(feed[tensor])):
                    sess.run(assign, {tensor: feed[tensor]})  # raises the Assign's InvalidArgumentError
        return feed

    def _mismatch_help(self, err, save_path) -> str:
        if self._saveables is None:
            return ""
        report = saver_restore.plan(save_path, self._saveables, None)
        key = self._assign_keys.get(getattr(err.op, "name", None))
        found = {**report.shape_mismatched, **report.dtype_mismatched}
        if key not in found:
            key = next(iter(sorted(found)), None)
        return saver_restore.mismatch_help(key, found[key]) if key else ""


def _given(var_list) -> bool:
    """Whether ``var_list`` names something to save (without ``bool()`` of a variable)."""
    if isinstance(var_list, (list, tuple, dict, set)):
        return len(var_list) > 0
    return var_list is not None


def _text(path) -> str:
    path = os.fspath(file_io.path_text(path) if not isinstance(path, bytes) else path)
    return path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path


collection_def.register_proto_function(GraphKeys.SAVERS, proto_type="SaverDef", to_proto=Saver.to_proto,
                                       from_proto=Saver.from_proto)
