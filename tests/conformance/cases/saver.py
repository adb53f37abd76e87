"""tf.train.Saver and checkpoint utilities: op names, files, state file, readers, errors.

Every case works in a fresh temporary directory and replaces its path by ``<dir>`` in what
it returns, so TensorFlow's goldens and scopeflow's results compare.
"""

import os
import shutil
import tempfile

import numpy as np

from tests.conformance.harness import case, op_summary, raises


class _Dir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="sf_ckpt_")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def join(self, *names):
        return os.path.join(self.path, *names)

    def clean(self, value):
        """``value`` with the directory replaced by ``<dir>`` (strings, bytes, nested lists)."""
        if isinstance(value, str):
            return value.replace(self.path, "<dir>")
        if isinstance(value, bytes):
            return value.replace(self.path.encode(), b"<dir>")
        if isinstance(value, (list, tuple)):
            return [self.clean(v) for v in value]
        if isinstance(value, dict):
            return {k: self.clean(v) for k, v in value.items()}
        return value

    def files(self):
        return sorted(f for f in os.listdir(self.path) if not f.endswith(".meta"))


def _error(d, fn, *args, **kwargs):
    """Error class, the message's first line and the line TensorFlow's kernel wrote (the one
    after ``Node: '...'``, or the last line), with the directory replaced."""
    got = raises(fn, *args, **kwargs)
    if "error" not in got:
        return d.clean(got)
    lines = [ln for ln in got["message"].splitlines() if ln.strip()]
    kernel = lines[-1] if lines else ""
    for i, ln in enumerate(lines[:-1]):
        if ln.startswith("Node: "):
            kernel = lines[i + 1]
    return {"error": got["error"], "first": d.clean(lines[0] if lines else ""), "kernel": d.clean(kernel)}


def _model(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.variable_scope("layer1"):
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    step = tf.Variable(7, dtype=tf.int64, name="step")
    return v, w, step


@case
def saver_op_names(tf):
    _model(tf)
    tf.train.Saver()
    return [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("save")]


@case
def saver_io_op_inputs(tf):
    _model(tf)
    tf.train.Saver()
    g = tf.get_default_graph()
    out = []
    for name in ("save/SaveV2", "save/control_dependency", "save/RestoreV2", "save/Assign_2", "save/restore_all"):
        op = g.get_operation_by_name(name)
        out.append([name, [t.name for t in op.inputs], [c.name for c in op.control_inputs],
                    [t.dtype.name for t in op.outputs]])
    out.append([d.name for d in g.get_operation_by_name("save/SaveV2").get_attr("dtypes")])
    return out


@case
def saver_def_text(tf):
    _model(tf)
    return [str(tf.train.Saver().saver_def), str(tf.train.Saver(max_to_keep=None, name="foo").saver_def)]


@case
def saver_second_saver_and_named_scope(tf):
    v, w, _ = _model(tf)
    tf.train.Saver([v])
    tf.train.Saver({"renamed": w}, name="custom")
    return [s for s in op_summary(tf.get_default_graph()) if s[0].startswith(("save_1", "custom"))]


@case
def saver_reshape_ops(tf):
    _model(tf)
    tf.train.Saver(reshape=True)
    return [s for s in op_summary(tf.get_default_graph()) if "Reshape" in s[0] or "Assign" in s[0]]


@case
def saver_errors(tf):
    v, w, _ = _model(tf)
    t = tf.constant(1.0, name="t")
    return [raises(tf.train.Saver, [v, v]),
            raises(tf.train.Saver, {"a": v, "b": v}),
            raises(tf.train.Saver, [v.value()]),
            raises(tf.train.Saver, {"a": t}),
            raises(tf.train.Saver, {1: v}),
            raises(tf.train.Saver, [], defer_build=False),
            raises(tf.train.Saver, [v], defer_build=True),
            raises(tf.train.Saver, v)]


@case
def saver_no_variables(tf):
    tf.constant(1.0)
    empty = tf.train.Saver(allow_empty=True)
    with _Dir() as d, tf.Session() as sess:
        return [raises(tf.train.Saver), empty.save(sess, d.join("x"), write_meta_graph=False),
                empty.restore(sess, d.join("x")), d.files()]


@case
def saver_save_restore_files(tf):
    v, w, step = _model(tf)
    saver = tf.train.Saver()
    with _Dir() as d, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, d.join("model.ckpt"), global_step=3, write_meta_graph=False)
        files = d.files()
        state = open(d.join("checkpoint")).read()
        sess.run([tf.assign(v, [9.0, 9.0]), tf.assign(step, 0)])
        saver.restore(sess, path)
        return [d.clean(path), files, d.clean(state), sess.run([v, w, step]), d.clean(saver.last_checkpoints)]


@case
def saver_global_step_forms(tf):
    v, _, step = _model(tf)
    gs = tf.Variable(12, dtype=tf.int64, name="global_step")
    with _Dir() as d, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver = tf.train.Saver(pad_step_number=False)
        padded = tf.train.Saver(pad_step_number=True)
        names = [saver.save(sess, d.join("m"), global_step=gs, write_meta_graph=False),
                 saver.save(sess, d.join("m"), global_step="global_step:0", write_meta_graph=False),
                 saver.save(sess, d.join("m"), global_step=np.int64(5), write_meta_graph=False),
                 padded.save(sess, d.join("p"), global_step=step, write_meta_graph=False)]
        return d.clean(names)


@case
def saver_max_to_keep(tf):
    _model(tf)
    saver = tf.train.Saver(max_to_keep=2)
    with _Dir() as d, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in (10, 20, 30):
            saver.save(sess, d.join("ckpt"), global_step=step, write_meta_graph=False)
        state = tf.train.get_checkpoint_state(d.path)
        return [d.files(), d.clean(saver.last_checkpoints), d.clean(open(d.join("checkpoint")).read()),
                d.clean(state.model_checkpoint_path), d.clean(list(state.all_model_checkpoint_paths)),
                d.clean(tf.train.latest_checkpoint(d.path))]


@case
def saver_max_to_keep_none_and_relative_paths(tf):
    _model(tf)
    keep_all = tf.train.Saver(max_to_keep=None, save_relative_paths=True)
    with _Dir() as d, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in (1, 2, 3):
            keep_all.save(sess, d.join("ckpt"), global_step=step, write_meta_graph=False)
        return [d.files(), keep_all.last_checkpoints, open(d.join("checkpoint")).read(),
                d.clean(tf.train.latest_checkpoint(d.path))]


@case
def saver_save_errors(tf):
    _model(tf)
    saver = tf.train.Saver()
    with _Dir() as d, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [_error(d, saver.save, sess, d.join("missing_dir", "model")),
                _error(d, saver.save, sess, d.join("model"), latest_filename="sub/checkpoint"),
                _error(d, saver.save, sess, d.join("checkpoint")),
                _error(d, saver.save, "not a session", d.join("model")),
                _error(d, tf.train.Saver(defer_build=True).save, sess, d.join("model"))]


@case
def saver_save_uninitialized(tf):
    _model(tf)
    saver = tf.train.Saver()
    with _Dir() as d, tf.Session() as sess:
        return _error(d, saver.save, sess, d.join("model"))


def _saved(tf, d):
    """Save the _model variables to d/model; returns its prefix (in a graph of its own)."""
    with tf.Graph().as_default():
        _model(tf)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, d.join("model"), write_meta_graph=False)


@case
def saver_restore_errors(tf):
    with _Dir() as d:
        path = _saved(tf, d)
        out = []
        for build in (lambda: tf.Variable([0.0, 0.0], name="missing"),
                      lambda: tf.Variable([0.0, 0.0, 0.0], name="v"),
                      lambda: tf.Variable([0, 0], name="v"),
                      lambda: tf.Variable(0.0, name="step")):
            with tf.Graph().as_default():
                build()
                saver = tf.train.Saver()
                with tf.Session() as sess:
                    out.append(_error(d, saver.restore, sess, path))
        with tf.Graph().as_default():
            tf.Variable([0.0, 0.0], name="v")
            saver = tf.train.Saver()
            with tf.Session() as sess:
                out.append(_error(d, saver.restore, sess, None))
                out.append(_error(d, saver.restore, sess, d.join("nope")))
        return out


@case
def saver_restore_subset_and_dict(tf):
    with _Dir() as d:
        path = _saved(tf, d)
        a = tf.Variable([0.0, 0.0], name="other_name")
        b = tf.Variable(0, dtype=tf.int64, name="b")
        saver = tf.train.Saver({"v": a, "step": b})
        with tf.Session() as sess:
            saver.restore(sess, path)
            return sess.run([a, b])


@case
def checkpoint_state_functions(tf):
    with _Dir() as d:
        path = _saved(tf, d)
        state = tf.train.get_checkpoint_state(d.path)
        return [d.clean(tf.train.latest_checkpoint(d.path)), d.clean(str(state)),
                tf.train.checkpoint_exists(path), tf.train.checkpoint_exists(d.join("nope")),
                tf.train.latest_checkpoint(d.join("nope")), tf.train.get_checkpoint_state(d.join("nope")),
                len(tf.train.get_checkpoint_mtimes([path, d.join("nope")]))]


@case
def checkpoint_state_update_and_generate(tf):
    with _Dir() as d:
        tf.train.update_checkpoint_state(d.path, d.join("b-2"), [d.join("a-1")])
        written = open(d.join("checkpoint")).read()
        proto = tf.train.generate_checkpoint_state_proto("rel_dir", "rel_dir/x-1", ["rel_dir/x-0"])
        return [d.clean(written), str(proto), raises(tf.train.generate_checkpoint_state_proto, d.path, "a",
                                                     ["b"], all_model_checkpoint_timestamps=[1.0])]


@case
def checkpoint_state_latest_needs_index(tf):
    with _Dir() as d:
        tf.train.update_checkpoint_state(d.path, d.join("gone"))
        state = tf.train.get_checkpoint_state(d.path)
        return [tf.train.latest_checkpoint(d.path), d.clean(state.model_checkpoint_path)]


@case
def reader_functions(tf):
    with _Dir() as d:
        path = _saved(tf, d)
        reader = tf.train.load_checkpoint(d.path)
        shapes = reader.get_variable_to_shape_map()
        types = reader.get_variable_to_dtype_map()
        return [tf.train.list_variables(d.path), sorted(shapes.items()), sorted((k, v.name) for k, v in types.items()),
                reader.get_tensor("layer1/w"), reader.get_tensor("step"), type(reader.get_tensor("step")).__name__,
                reader.has_tensor("v"), reader.has_tensor("nope"), reader.debug_string(),
                tf.train.load_variable(path, "v:0"), tf.train.NewCheckpointReader(path).get_tensor("v")]


@case
def reader_errors(tf):
    with _Dir() as d:
        path = _saved(tf, d)
        reader = tf.train.load_checkpoint(path)
        os.makedirs(d.join("empty"))
        return [_error(d, reader.get_tensor, "nope"), _error(d, tf.train.load_variable, path, "nope"),
                _error(d, tf.train.load_checkpoint, d.join("nope")),
                _error(d, tf.train.NewCheckpointReader, d.join("nope")),
                _error(d, tf.train.list_variables, d.join("empty"))]


@case
def reader_strings_and_scalars(tf):
    tf.Variable("hello", name="s")
    tf.Variable([b"a", b"", b"\xff"], name="sv")
    tf.Variable([True, False], name="b")
    tf.Variable(np.array([1.5, -2.0], np.float16), name="h")
    saver = tf.train.Saver()
    with _Dir() as d, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, d.join("m"), write_meta_graph=False)
        reader = tf.train.load_checkpoint(path)
        return [reader.get_tensor("s"), reader.get_tensor("sv"), reader.get_tensor("b"), reader.get_tensor("h"),
                reader.debug_string()]


def _init_graph(tf):
    with tf.variable_scope("new"):
        a = tf.get_variable("a", shape=[2])
        b = tf.get_variable("b", shape=[1, 1])
    c = tf.get_variable("c", shape=[], dtype=tf.int32)
    return a, b, c


def _old_checkpoint(tf, d):
    with tf.Graph().as_default():
        with tf.variable_scope("old"):
            tf.get_variable("a", initializer=[1.0, 2.0])
            tf.get_variable("b", initializer=[[3.0]])
        tf.get_variable("c", initializer=5)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, d.join("m"), write_meta_graph=False)


@case
def init_from_checkpoint_scopes(tf):
    with _Dir() as d:
        _old_checkpoint(tf, d)
        a, b, c = _init_graph(tf)
        before = len(tf.get_default_graph().get_operations())
        tf.train.init_from_checkpoint(d.path, {"old/": "new/", "c": c})
        added = op_summary(tf.get_default_graph())[before:]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run([a, b, c])
        return [added, a.initializer.name, a.initial_value.name, a.initial_value.shape.as_list(), values]


@case
def init_from_checkpoint_root_scope(tf):
    with _Dir() as d:
        _old_checkpoint(tf, d)
        with tf.variable_scope("outer"):
            with tf.variable_scope("old"):
                a = tf.get_variable("a", shape=[2])
            c = tf.get_variable("c", shape=[], dtype=tf.int32)
        tf.train.init_from_checkpoint(d.path, {"/": "outer/"})
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([a, c])


@case
def init_from_checkpoint_errors(tf):
    with _Dir() as d:
        _old_checkpoint(tf, d)
        _init_graph(tf)
        out = []
        for mapping in ({"old/b": "new/a"}, {"old": "new/"}, {"zz/": "new/"}, {"old/a": "new/zzz"}):
            out.append(raises(tf.train.init_from_checkpoint, d.path, mapping))
        missing = raises(tf.train.init_from_checkpoint, d.path, {"nope": "new/a"})
        out.append([missing["error"], missing["message"].split(" checkpoint ")[0]])
        out.append(_error(d, tf.train.init_from_checkpoint, d.join("none"), {"old/a": "new/a"}))
        return d.clean(out)
