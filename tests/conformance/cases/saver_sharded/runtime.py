"""Saving and restoring through a sharded saver: files, values, log lines, meta graphs, errors."""

import os

from tests.conformance.cases.saver_sharded._helpers import (
    Dir,
    captured_logs,
    kernel_error,
    one_device,
    session,
    two_devices,
    values,
)
from tests.conformance.harness import case, raises


def _init_save(tf, d, saver, path="model", **kwargs):
    with session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        return d.clean(saver.save(sess, d.join(path), **kwargs))


@case
def files_two_devices(tf):
    two_devices(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        got = _init_save(tf, d, saver, global_step=3, write_meta_graph=False)
        state = open(d.join("checkpoint")).read()
        return [got, d.listing(), d.clean(state)]


@case
def files_one_device(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        got = _init_save(tf, d, saver, write_meta_graph=False)
        return [got, d.listing()]


@case
def files_one_device_sharded_and_not_alike(tf):
    one_device(tf)
    sharded = tf.train.Saver(sharded=True)
    plain = tf.train.Saver()
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        os.makedirs(d.join("a"))
        os.makedirs(d.join("b"))
        sharded.save(sess, d.join("a", "model"), write_meta_graph=False, write_state=False)
        plain.save(sess, d.join("b", "model"), write_meta_graph=False, write_state=False)
        return d.listing()


@case
def restore_values_two_devices(tf):
    v, p, w, s = two_devices(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, d.join("model"), write_meta_graph=False)
        sess.run([tf.assign(v, [0.0, 0.0]), tf.assign(w, [[0.0, 0.0]]), tf.assign(s, [b"", b"", b""])])
        saver.restore(sess, path)
        restored = values(sess, [v, tf.convert_to_tensor(p), w, s])
    with tf.Graph().as_default():
        v, p, w, s = two_devices(tf)
        other = tf.train.Saver(sharded=False)
        with Dir() as d2, session(tf) as sess:
            sess.run(tf.global_variables_initializer())
            path = other.save(sess, d2.join("model"), write_meta_graph=False)
            with tf.Graph().as_default():
                v2, p2, w2, s2 = two_devices(tf)
                sharded = tf.train.Saver(sharded=True)
                with session(tf) as sess2:
                    sharded.restore(sess2, path)  # an unsharded checkpoint through restore_shard
                    across = values(sess2, [v2, tf.convert_to_tensor(p2), w2, s2])
    return [restored, across]


@case
def checkpoint_reader_of_sharded_checkpoint(tf):
    two_devices(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        path = d.join(_init_save(tf, d, saver, write_meta_graph=False).replace("<dir>/", ""))
        reader = tf.train.NewCheckpointReader(path)
        shapes = sorted(reader.get_variable_to_shape_map().items())
        dtypes = sorted((k, v.name) for k, v in reader.get_variable_to_dtype_map().items())
        return [[[k, list(v)] for k, v in shapes], dtypes, reader.get_tensor("p").tolist(),
                [[n, list(s)] for n, s in tf.train.list_variables(path)], d.clean(tf.train.latest_checkpoint(d.path))]


@case
def log_lines_of_save_and_restore(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        with captured_logs(tf) as saving:
            path = saver.save(sess, d.join("model"), global_step=1)
        with captured_logs(tf) as restoring:
            saver.restore(sess, path)
        return [d.clean(saving), d.clean(restoring)]


@case
def log_lines_of_unsharded_restore(tf):
    one_device(tf)
    saver = tf.train.Saver()
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, d.join("model"), write_meta_graph=False)
        with captured_logs(tf) as restoring:
            saver.restore(sess, path)
            got = raises(saver.restore, sess, d.join("missing"))
        return [d.clean(restoring), d.clean(got)]


@case
def max_to_keep_deletes_merged_checkpoints(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True, max_to_keep=2)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(4):
            saver.save(sess, d.join("model"), global_step=step, write_meta_graph=False)
        return [d.clean(saver.last_checkpoints), d.listing(hashes=False)]


@case
def meta_graph_import_and_restore(tf):
    v, p, w, s = two_devices(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        with session(tf) as sess:
            sess.run(tf.global_variables_initializer())
            path = saver.save(sess, d.join("model"))
        with tf.Graph().as_default():
            imported = tf.train.import_meta_graph(path + ".meta")
            g = tf.get_default_graph()
            nodes = [[op.name, op.type, op.device] for op in g.get_operations() if op.name.startswith("save/")]
            with session(tf) as sess:
                imported.restore(sess, path)
                got = values(sess, ["v:0", "p/part_0:0", "p/part_1:0", "gpu/w:0", "gpu/s:0"])
                again = d.clean(imported.save(sess, d.join("again"), write_meta_graph=False))
        return [str(imported.as_saver_def()), nodes, got, again, d.listing()]


@case
def meta_graph_import_scope(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        path = _init_save(tf, d, saver).replace("<dir>", d.path)
        with tf.Graph().as_default():
            imported = tf.train.import_meta_graph(path + ".meta", import_scope="imp")
            with session(tf) as sess:
                imported.restore(sess, path)
                got = values(sess, ["imp/v:0", "imp/layer/w:0"])
        return [str(imported.as_saver_def()), got]


@case
def errors_restore_missing_variable(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        path = _init_save(tf, d, saver, write_meta_graph=False).replace("<dir>", d.path)
        with tf.Graph().as_default():
            one_device(tf)
            tf.Variable(0.0, name="extra")
            other = tf.train.Saver(sharded=True)
            with session(tf) as sess:
                return kernel_error(d, other.restore, sess, path)


@case
def errors_restore_shape_mismatch(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d:
        path = _init_save(tf, d, saver, write_meta_graph=False).replace("<dir>", d.path)
        with tf.Graph().as_default():
            tf.Variable([1.0, 2.0, 3.0], name="v")
            with tf.variable_scope("layer"):
                tf.get_variable("w", initializer=tf.constant([[1, 2], [3, 4]]))
            other = tf.train.Saver(sharded=True)
            with session(tf) as sess:
                return kernel_error(d, other.restore, sess, path)


@case
def errors_restore_not_a_checkpoint(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d, session(tf) as sess:
        return [d.clean(raises(saver.restore, sess, d.join("nothing"))), raises(saver.restore, sess, None)]


@case
def errors_save_parent_missing(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        got = d.clean(raises(saver.save, sess, d.join("no", "such", "model"), write_meta_graph=False))
        one_level = d.clean(raises(saver.save, sess, d.join("new", "model"), write_meta_graph=False))
        return [got, one_level, d.listing()]


@case
def save_path_named_like_state_file(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        got = d.clean(raises(saver.save, sess, d.join("checkpoint"), write_meta_graph=False, write_state=False))
        return [got, d.listing(hashes=False)]


@case
def save_path_with_temp_dir_present(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        os.makedirs(d.join("model_temp"))
        open(d.join("model_temp", "stale"), "w").close()
        got = d.clean(saver.save(sess, d.join("model"), write_meta_graph=False, write_state=False))
        return [got, d.listing(hashes=False)]


@case
def run_save_tensor_directly(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    sd = saver.as_saver_def()
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(sd.save_tensor_name, {sd.filename_tensor_name: d.join("direct")})
        sess.run(sd.restore_op_name, {sd.filename_tensor_name: d.join("direct")})
        return [d.clean(got), d.listing(hashes=False)]


@case
def log_lines_of_state_file(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True, max_to_keep=0)
    with Dir() as d, session(tf) as sess:
        sess.run(tf.global_variables_initializer())
        with captured_logs(tf) as saving:  # no list of recent checkpoints: TF adds the path itself
            saver.save(sess, d.join("model"), global_step=5, write_meta_graph=False)
        with captured_logs(tf) as updating:
            tf.train.update_checkpoint_state(d.path, d.join("model-5"))
            tf.train.update_checkpoint_state(d.path, d.join("model-5"), [d.join("model-5")])
        # TF's deprecation notice of update_checkpoint_state comes once per process: left out
        updating = [r for r in updating if not r[1].startswith("From ")]
        return [d.clean(saving), d.clean(updating), d.clean(open(d.join("checkpoint")).read())]


@case
def log_lines_of_unreadable_state_file(tf):
    with Dir() as d:
        os.makedirs(d.join("sub"))
        with open(d.join("sub", "checkpoint"), "w") as f:
            f.write('model_checkpoint_path: "a"\nnot_a_field: 3\n')
        with captured_logs(tf) as logs:
            got = tf.train.get_checkpoint_state(d.join("sub"))
        return [got is None, [[level, d.clean(text).split(":")[0]] for level, text in logs],
                d.clean(logs[-1][1]) if logs else None]


@case
def log_lines_of_object_based_checkpoint_restore(tf):
    """A TF2 object-based checkpoint (tests/fixtures/tf_checkpoints/tf2) through a sharded Saver."""
    prefix = os.path.join(os.path.dirname(__file__), "..", "..", "..", "fixtures", "tf_checkpoints", "tf2", "ckpt-1")
    v = tf.Variable([0.0, 0.0], name="Variable")
    counter = tf.Variable(0, dtype=tf.int64, name="save_counter")
    saver = tf.train.Saver([v, counter], sharded=True)
    with session(tf) as sess, captured_logs(tf) as logs:
        saver.restore(sess, prefix)
        return [[[level, text.replace(prefix, "<prefix>")] for level, text in logs], sess.run(v).tolist(),
                int(sess.run(counter))]


@case
def scaffold_default_saver_and_monitored_session_files(tf):
    """Scaffold's default saver is sharded: its ops, and what MonitoredTrainingSession leaves."""
    v = tf.Variable([1.0, 2.0], name="v")
    step = tf.train.get_or_create_global_step()
    train = tf.group(tf.assign_add(v, [1.0, 1.0]), tf.assign_add(step, 1))
    with Dir() as d:
        with tf.train.MonitoredTrainingSession(checkpoint_dir=d.path, save_summaries_steps=None,
                                               save_summaries_secs=None, log_step_count_steps=None) as sess:
            sess.run(train)
        saver = tf.get_collection(tf.GraphKeys.SAVERS)[0]
        nodes = [[op.name, op.type] for op in tf.get_default_graph().get_operations() if op.name.startswith("save/")]
        files = [f for f in d.listing() if not f.startswith(("events.", "graph.pbtxt"))]
        return [str(saver.as_saver_def()), nodes, files, tf.train.load_variable(d.path, "v").tolist()]
