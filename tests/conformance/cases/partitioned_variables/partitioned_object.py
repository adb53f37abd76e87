"""``PartitionedVariable``: conversion to a tensor, its ops and names, assignment, training."""

import numpy as np

from tests.conformance.harness import case, op_summary, raises, shape_of


def _w(tf, rows=5, cols=3, n=2, axis=0, name="w"):
    value = np.arange(rows * cols, dtype=np.float32).reshape(rows, cols)
    return tf.get_variable(name, initializer=tf.constant(value), partitioner=tf.fixed_size_partitioner(n, axis=axis))


def _run(tf, fetches, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


@case
def as_tensor_names_and_ops(tf):
    w = _w(tf, n=3)
    n = len(tf.get_default_graph().get_operations())
    t = w.as_tensor()
    t2 = w.as_tensor()
    new = op_summary(tf.get_default_graph())[n:]
    return [t.name, t2.name, shape_of(t), t.dtype.name, new, _run(tf, t)]


@case
def as_tensor_axis1(tf):
    w = _w(tf, n=2, axis=1)
    t = w.as_tensor()
    return [t.name, t.op.inputs[0].name, shape_of(t), _run(tf, t)]


@case
def as_tensor_single_shard(tf):
    w = _w(tf, n=1)
    n = len(tf.get_default_graph().get_operations())
    t = w.as_tensor()
    return [t.name, op_summary(tf.get_default_graph())[n:], _run(tf, t)]


@case
def convert_to_tensor(tf):
    w = _w(tf)
    t = tf.convert_to_tensor(w)
    return [t.name, shape_of(t), _run(tf, t)]


@case
def convert_to_tensor_dtype_mismatch(tf):
    w = _w(tf)
    return raises(tf.convert_to_tensor, w, dtype=tf.int32)


@case
def matmul_with_partitioned(tf):
    w = _w(tf, rows=4, cols=3, n=3)
    x = tf.constant(np.ones([2, 4], np.float32))
    y = tf.matmul(x, w)
    return [y.name, [i.name for i in y.op.inputs], shape_of(y), _run(tf, y)]


@case
def add_and_reduce(tf):
    w = _w(tf)
    y = tf.reduce_sum(tf.add(w, 1.0))
    return [y.name, _run(tf, y)]


@case
def inside_control_dependencies(tf):
    w = _w(tf)
    c = tf.no_op(name="dep")
    with tf.control_dependencies([c]):
        t = w.as_tensor()
        t2 = tf.identity(w)
    return [[i.name for i in t.op.control_inputs], [i.name for i in t.op.inputs[0].op.control_inputs],
            t2.name, [i.name for i in t2.op.control_inputs]]


@case
def in_name_scope(tf):
    w = _w(tf)
    with tf.name_scope("ns"):
        t = w.as_tensor()
        y = w * 2.0
    return [t.name, y.name, [i.name for i in y.op.inputs]]


@case
def properties(tf):
    w = _w(tf, n=3)
    return [w.name, w.dtype.name, shape_of(w.shape), shape_of(w.get_shape()), len(w), list(w._get_partitions()),
            [v.name for v in w], [v.name for v in w._get_variable_list()], type(w).__name__]


@case
def iteration_is_by_offset(tf):
    w = _w(tf, rows=12, n=11)
    return [v.name for v in w]


@case
def assign_whole_value(tf):
    w = _w(tf, n=2)
    ops = w.assign(np.full([5, 3], 7.0, np.float32))
    return [[o.name for o in ops], _run(tf, ops)]


@case
def assign_add_and_sub(tf):
    w = _w(tf, n=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(w.assign_add(np.ones([5, 3], np.float32)))
        sess.run(w.assign_sub(np.full([5, 3], 0.5, np.float32)))
        return sess.run(list(w))


@case
def assign_list_of_values(tf):
    w = _w(tf, n=2)
    ops = w.assign([np.zeros([3, 3], np.float32), np.ones([2, 3], np.float32)])
    return _run(tf, ops)


@case
def gradients_reach_every_shard(tf):
    w = _w(tf, rows=4, cols=2, n=2)
    x = tf.constant([[1.0, 2.0, 3.0, 4.0]])
    loss = tf.reduce_sum(tf.matmul(x, w))
    gs = tf.gradients(loss, list(w))
    return [[g.name for g in gs], _run(tf, gs)]


@case
def gradient_descent_trains_shards(tf):
    w = _w(tf, rows=4, cols=2, n=3)
    x = tf.constant([[1.0, -2.0, 3.0, 0.5]])
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w)))
    step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(step)
        return [np.round(v, 4) for v in sess.run(list(w))]


@case
def adam_slots_of_shards(tf):
    w = _w(tf, rows=4, cols=2, n=2)
    loss = tf.reduce_sum(tf.square(w))
    opt = tf.train.AdamOptimizer(0.1)
    step = opt.minimize(loss)
    slots = [opt.get_slot(v, "m") for v in w]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(step)
        values = [np.round(v, 5) for v in sess.run(list(w) + slots)]
    return [[v.name for v in tf.global_variables()], [s.name for s in slots],
            [s._save_slice_info.spec for s in slots], [s._save_slice_info.full_name for s in slots], values]


@case
def trainable_variables_list_shards_for_optimizer(tf):
    w = _w(tf, n=2)
    b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
    opt = tf.train.GradientDescentOptimizer(0.1)
    pairs = opt.compute_gradients(tf.reduce_sum(tf.matmul(tf.ones([1, 5]), w) + b))
    return [[g.name, v.name] for g, v in pairs]


@case
def variables_initializer_of_shards(tf):
    w = _w(tf, n=2)
    init = tf.variables_initializer(list(w))
    with tf.Session() as sess:
        sess.run(init)
        return [init.name, sess.run(tf.report_uninitialized_variables()), sess.run(w.as_tensor())]


@case
def save_slice_info_to_proto(tf):
    w = _w(tf, n=2)
    proto = w._get_variable_list()[1].to_proto()
    info = proto.save_slice_info_def
    return [info.full_name, list(info.full_shape), list(info.var_offset), list(info.var_shape)]


@case
def meta_graph_round_trip_keeps_slice_info(tf):
    _w(tf, n=2)
    meta = tf.train.export_meta_graph()
    with tf.Graph().as_default():
        tf.train.import_meta_graph(meta)
        return [[v.name, v._save_slice_info.spec, v._save_slice_info.full_name] for v in tf.global_variables()]
