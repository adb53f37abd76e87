"""``tf.train.warm_start``: which variables load from the checkpoint (a regex over the trainable
ones, names, variables, renames, partitioned variables), the ops it builds, and its errors.
scopeflow refuses ``var_name_to_vocab_info`` for a variable it would warm-start (no vocabulary
remapping), so the cases give ``VocabInfo`` only where TF rejects it too."""

import os
import shutil
import tempfile

import numpy as np

from tests.conformance.harness import case, raises


def _checkpoint(tf):
    """A checkpoint of ``dense/kernel``, ``dense/bias``, ``emb`` and ``step`` (not trainable)."""
    d = tempfile.mkdtemp(prefix="warm_start_")
    graph = tf.Graph()
    with graph.as_default():
        tf.get_variable("dense/kernel", initializer=np.arange(6, dtype=np.float32).reshape(3, 2))
        tf.get_variable("dense/bias", initializer=np.array([7.0, 8.0], np.float32))
        tf.get_variable("emb", initializer=np.arange(12, dtype=np.float32).reshape(6, 2))
        tf.get_variable("step", initializer=np.int64(42), trainable=False)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = saver.save(sess, os.path.join(d, "model"))
    return d, path


def _model(tf):
    out = {"kernel": tf.get_variable("dense/kernel", [3, 2], initializer=tf.zeros_initializer()),
           "bias": tf.get_variable("dense/bias", [2], initializer=tf.zeros_initializer()),
           "emb": tf.get_variable("emb", [6, 2], initializer=tf.zeros_initializer()),
           "step": tf.get_variable("step", [], tf.int64, initializer=tf.zeros_initializer(), trainable=False)}
    return out


def _values(tf, variables):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return {k: sess.run(v) for k, v in sorted(variables.items())}


def _warm(tf, build=_model, **kwargs):
    d, path = _checkpoint(tf)
    try:
        variables = build(tf)
        before = {op.name for op in tf.get_default_graph().get_operations()}
        tf.train.warm_start(kwargs.pop("ckpt", path if kwargs.pop("use_path", False) else d), **kwargs)
        added = [[op.name, op.type] for op in tf.get_default_graph().get_operations() if op.name not in before]
        return {"values": _values(tf, variables), "ops": added}
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def default_regex_loads_every_trainable_variable(tf):
    return _warm(tf)


@case
def regex_picks_some(tf):
    return _warm(tf, vars_to_warm_start="dense/k.*", use_path=True)


@case
def none_loads_nothing(tf):
    return _warm(tf, vars_to_warm_start=None)


@case
def list_of_names_reaches_non_trainable(tf):
    return _warm(tf, vars_to_warm_start=["step", "dense/bias"])


@case
def list_of_variables(tf):
    d, path = _checkpoint(tf)
    try:
        variables = _model(tf)
        tf.train.warm_start(d, vars_to_warm_start=[variables["emb"], variables["step"]])
        return _values(tf, variables)
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def renamed_variables(tf):
    def build(tf):
        return {"w": tf.get_variable("new/w", [3, 2]), "b": tf.get_variable("new/b", [2]),
                "other": tf.get_variable("new/other", [6, 2], initializer=tf.ones_initializer())}
    return _warm(tf, build, vars_to_warm_start="new/[wb]",
                 var_name_to_prev_var_name={"new/w": "dense/kernel", "new/b": "dense/bias"})


@case
def two_variables_from_one_tensor(tf):
    def build(tf):
        return {"a": tf.get_variable("a", [2]), "b": tf.get_variable("b", [2])}
    return _warm(tf, build, var_name_to_prev_var_name={"a": "dense/bias", "b": "dense/bias"})


@case
def partitioned_variable(tf):
    def build(tf):
        emb = tf.get_variable("emb", [6, 2], initializer=tf.zeros_initializer(),
                              partitioner=tf.fixed_size_partitioner(3))
        return {"parts": list(emb)}
    return _warm(tf, build, vars_to_warm_start="emb")


@case
def errors(tf):
    d, path = _checkpoint(tf)
    try:
        _model(tf)
        missing = tf.get_variable("missing", [2])
        def clean(out):  # no temporary directory, no dict order, no class paths in the messages
            if "message" in out:
                out["message"] = out["message"].replace(d, "<dir>").split(" checkpoint {")[0].split(" Given types")[0]
            return out

        return [clean(raises(tf.train.warm_start, d, vars_to_warm_start=3)),
                clean(raises(tf.train.warm_start, d, vars_to_warm_start=["dense/kernel", missing])),
                raises(tf.train.warm_start, d, vars_to_warm_start="dense/.*",
                       var_name_to_prev_var_name={"dense/kernal": "dense/kernel"}),
                raises(tf.train.warm_start, d, vars_to_warm_start="dense/bias",
                       var_name_to_vocab_info={"emb": tf.train.VocabInfo("new.txt", 6, 0, "old.txt")}),
                clean(raises(tf.train.warm_start, d, vars_to_warm_start="missing")),
                clean(raises(tf.train.warm_start, os.path.join(d, "nothing_here"), vars_to_warm_start="dense/bias"))]
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def shape_mismatch(tf):
    d, path = _checkpoint(tf)
    try:
        tf.get_variable("emb", [5, 2])
        return raises(tf.train.warm_start, d, vars_to_warm_start="emb")
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def vocab_info_fields(tf):
    info = tf.train.VocabInfo("new.txt", 10, 1, "old.txt", backup_initializer=None)
    return {"fields": list(info._fields), "values": list(info),
            "axis2": raises(tf.train.VocabInfo, "a", 1, 0, "b", axis=2)}
