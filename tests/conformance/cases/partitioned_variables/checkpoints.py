"""A ``Saver`` of partitioned variables: its ops, the checkpoint it writes (one full tensor
with slices), and restores into partitioned, differently partitioned and whole variables."""

import os
import shutil
import tempfile

import numpy as np

from tests.conformance.harness import case, raises


class _Dir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="sf_part_")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def join(self, *names):
        return os.path.join(self.path, *names)


def _build(tf, n_w=3, n_b=2, whole=False):
    value = np.arange(40, dtype=np.float32).reshape(10, 4)
    pw = None if whole else tf.fixed_size_partitioner(n_w)
    pb = None if whole else tf.fixed_size_partitioner(n_b, axis=1)
    w = tf.get_variable("w", initializer=tf.constant(value), partitioner=pw)
    b = tf.get_variable("s/b", initializer=tf.constant(np.arange(20.0).reshape(4, 5)), partitioner=pb)
    c = tf.get_variable("c", initializer=tf.constant([1, 2, 3], tf.int64))
    return w, b, c


def _save(tf, d, **kwargs):
    with tf.Graph().as_default():
        _build(tf, **kwargs)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, d.join("model"), write_meta_graph=False)


def _contents(tf, path):
    return [[name, shape, tf.train.load_variable(path, name)] for name, shape in tf.train.list_variables(path)]


def _restored(tf, path, **kwargs):
    with tf.Graph().as_default():
        w, b, c = _build(tf, **kwargs)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            saver.restore(sess, path)
            return sess.run([tf.convert_to_tensor(w), tf.convert_to_tensor(b), c])


@case
def saver_ops(tf):
    _build(tf)
    saver = tf.train.Saver()
    g = tf.get_default_graph()
    save, restore = g.get_operation_by_name("save/SaveV2"), g.get_operation_by_name("save/RestoreV2")
    with tf.Session() as sess:
        names, specs, rspecs = sess.run([save.inputs[1], save.inputs[2], restore.inputs[2]])
    return [[i.name for i in save.inputs], names, specs, rspecs, [t.dtype.name for t in restore.outputs],
            sorted(op.name for op in g.get_operations() if op.name.startswith("save/")),
            [[i.name for i in g.get_operation_by_name(f"save/Assign_{k}").inputs] for k in (1, 2, 3)],
            saver.saver_def.restore_op_name]


@case
def saver_of_a_var_list(tf):
    w, b, c = _build(tf)
    tf.train.Saver([w, c], name="s1")
    tf.train.Saver({"renamed": w, "cc": c}, name="s2")
    tf.train.Saver(list(w) + [c], name="s3")
    g = tf.get_default_graph()
    with tf.Session() as sess:
        return [sess.run(g.get_operation_by_name(f"{s}/SaveV2").inputs[1:3]) for s in ("s1", "s2", "s3")]


@case
def saver_of_one_shard_saves_a_slice(tf):
    w, _, _ = _build(tf)
    tf.train.Saver([w._get_variable_list()[1]])
    with tf.Session() as sess:
        return sess.run(tf.get_default_graph().get_operation_by_name("save/SaveV2").inputs[1:3])


@case
def checkpoint_contents(tf):
    with _Dir() as d:
        return _contents(tf, _save(tf, d))


@case
def checkpoint_reader_maps(tf):
    with _Dir() as d:
        reader = tf.train.NewCheckpointReader(_save(tf, d))
        shapes, types = reader.get_variable_to_shape_map(), reader.get_variable_to_dtype_map()
        return [sorted(shapes.items()), sorted((k, v.name) for k, v in types.items()), reader.has_tensor("w"),
                reader.has_tensor("w/part_0"), reader.get_tensor("s/b")]


@case
def restore_into_same_partitioning(tf):
    with _Dir() as d:
        return _restored(tf, _save(tf, d))


@case
def restore_into_other_partitioning(tf):
    with _Dir() as d:
        return _restored(tf, _save(tf, d), n_w=4, n_b=1)


@case
def restore_into_whole_variables(tf):
    with _Dir() as d:
        return _restored(tf, _save(tf, d), whole=True)


@case
def restore_whole_into_partitioned(tf):
    with _Dir() as d:
        return _restored(tf, _save(tf, d, whole=True), n_w=3, n_b=3)


@case
def restore_shape_mismatch(tf):
    with _Dir() as d:
        path = _save(tf, d)
        with tf.Graph().as_default():
            tf.get_variable("w", [12, 4], partitioner=tf.fixed_size_partitioner(2))
            saver = tf.train.Saver()
            with tf.Session() as sess:
                got = raises(saver.restore, sess, path)
        got["message"] = got.get("message", "").split("Original error:")[-1].strip().splitlines()[0]
        return got


@case
def adam_slots_in_checkpoint(tf):
    with _Dir() as d:
        with tf.Graph().as_default():
            w = tf.get_variable("w", initializer=tf.constant(np.arange(8.0, dtype=np.float32).reshape(4, 2) / 8),
                                partitioner=tf.fixed_size_partitioner(3))
            step = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w)))
            saver = tf.train.Saver()
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(step)
                path = saver.save(sess, d.join("model"), write_meta_graph=False)
        return [[name, shape, np.round(tf.train.load_variable(path, name), 5)]
                for name, shape in tf.train.list_variables(path)]


@case
def init_from_checkpoint_into_partitioned(tf):
    with _Dir() as d:
        path = _save(tf, d)
        with tf.Graph().as_default():
            w = tf.get_variable("new_w", [10, 4], partitioner=tf.fixed_size_partitioner(2))
            with tf.variable_scope("t"):
                b = tf.get_variable("b", [4, 5], tf.float64, partitioner=tf.fixed_size_partitioner(3))
            c = tf.get_variable("c", [3], tf.int64, partitioner=tf.fixed_size_partitioner(2))
            tf.train.init_from_checkpoint(path, {"w": list(w), "s/": "t/", "c": "c"})
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return [sess.run([w.as_tensor(), b.as_tensor(), c.as_tensor()]),
                        sorted(op.name for op in tf.get_default_graph().get_operations()
                               if "checkpoint_initializer" in op.name)]


@case
def init_from_checkpoint_partitioned_object_is_refused(tf):
    with _Dir() as d:
        path = _save(tf, d)
        with tf.Graph().as_default():
            w = tf.get_variable("new_w", [10, 4], partitioner=tf.fixed_size_partitioner(2))
            return raises(tf.train.init_from_checkpoint, path, {"w": w})


@case
def saver_var_list_mixing(tf):
    w, _, c = _build(tf)
    shard = list(w)[0]
    out = [raises(lambda: tf.train.Saver([w, shard], name="a") and None),
           raises(lambda: tf.train.Saver({"w": list(w), "w2": list(w)}, name="b") and None),
           raises(lambda: tf.train.Saver({"w": [list(w)[0], c]}, name="c") and None),
           raises(lambda: tf.train.Saver([w, w], name="d") and None)]
    tf.train.Saver({"w": list(w), "first": shard}, name="e")
    with tf.Session() as sess:
        out.append(sess.run(tf.get_default_graph().get_operation_by_name("e/SaveV2").inputs[1:3]))
    return out


@case
def checkpoint_of_one_shard_restores_only_that_region(tf):
    with _Dir() as d:
        with tf.Graph().as_default():
            w = tf.get_variable("w", initializer=tf.constant(np.arange(12, dtype=np.float32).reshape(6, 2)),
                                partitioner=tf.fixed_size_partitioner(3))
            saver = tf.train.Saver([list(w)[1]])
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                path = saver.save(sess, d.join("m"), write_meta_graph=False)
        out = [tf.train.list_variables(path), raises(tf.train.load_variable, path, "w")]
        for n in (3, 2, 0):
            with tf.Graph().as_default():
                w = tf.get_variable("w", [6, 2], initializer=tf.zeros_initializer(),
                                    partitioner=tf.fixed_size_partitioner(n) if n else None)
                shards = list(w) if n else [w]
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    for var_list in (None, shards[min(1, len(shards) - 1):][:1]):
                        got = raises(tf.train.Saver(var_list).restore, sess, path)
                        if "message" in got:
                            got["message"] = got["message"].strip().splitlines()[-1]
                        out.append(got)
                    out.append(sess.run(shards[min(1, len(shards) - 1)]))
        return out
