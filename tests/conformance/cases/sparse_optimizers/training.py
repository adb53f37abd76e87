"""Every optimizer on sparse gradients: values after several steps (float32 and float64, one
case per optimizer and dtype), embedding_lookup, clipping, global step, locking."""

from tests.conformance.cases.sparse_optimizers._helpers import OPTIMIZERS, model, train
from tests.conformance.harness import case


def _steps_case(name, dtype):
    def fn(tf):
        w, b, ids, loss = model(tf, dtype)
        opt = OPTIMIZERS[name](tf)
        return train(tf, opt, opt.minimize(loss), w, b, ids, loss)
    fn.__name__ = f"steps_{name}_{dtype}"
    fn.__qualname__ = fn.__name__
    fn.__module__ = __name__
    return case(fn)


for _name in OPTIMIZERS:
    for _dtype in ("float16", "float32", "float64"):
        if _name.startswith("proximal") and _dtype != "float32":
            continue  # TF's proximal optimizer does not cast its float32 hyper-parameters
        _steps_case(_name, _dtype)


@case
def proximal_float64_refused(tf):
    from tests.conformance.harness import raises
    w, b, ids, loss = model(tf, "float64")
    return raises(lambda: OPTIMIZERS["proximal"](tf).minimize(loss))


def _embedding_case(name):
    def fn(tf):
        w, b, ids, loss = model(tf, "float32", lookup="embedding")
        opt = OPTIMIZERS[name](tf)
        return train(tf, opt, opt.minimize(loss), w, b, ids, loss)
    fn.__name__ = f"embedding_lookup_{name}"
    fn.__qualname__ = fn.__name__
    fn.__module__ = __name__
    return case(fn)


for _name in ("gd", "adagrad", "adam", "momentum"):
    _embedding_case(_name)


@case
def clip_by_global_norm_then_apply(tf):
    w, b, ids, loss = model(tf)
    opt = tf.train.AdagradOptimizer(0.3)
    grads, variables = zip(*opt.compute_gradients(loss))
    clipped, norm = tf.clip_by_global_norm(grads, 0.5)
    train_op = opt.apply_gradients(zip(clipped, variables))
    out = train(tf, opt, train_op, w, b, ids, loss)
    out["types"] = [type(g).__name__ for g in clipped]
    out["names"] = [g.name for g in clipped] + [norm.name]
    return out


@case
def clip_by_norm_of_the_slices(tf):
    w, b, ids, loss = model(tf)
    opt = tf.train.GradientDescentOptimizer(0.5)
    gv = [(tf.clip_by_norm(g, 0.3), v) for g, v in opt.compute_gradients(loss)]
    out = train(tf, opt, opt.apply_gradients(gv), w, b, ids, loss)
    out["types"] = [type(g).__name__ for g, _ in gv]
    return out


@case
def clip_by_value_of_the_slices(tf):
    w, b, ids, loss = model(tf)
    opt = tf.train.MomentumOptimizer(0.2, 0.5)
    gv = [(tf.clip_by_value(g, -0.2, 0.2), v) for g, v in opt.compute_gradients(loss)]
    out = train(tf, opt, opt.apply_gradients(gv), w, b, ids, loss)
    out["types"] = [type(g).__name__ for g, _ in gv]
    return out


@case
def global_norm_of_mixed_gradients(tf):
    w, b, ids, loss = model(tf)
    grads = [g for g, _ in tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss)]
    norm = tf.global_norm(grads)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [norm.name, sess.run(norm, {ids: [1, 1, 2]})]


@case
def with_a_global_step(tf):
    w, b, ids, loss = model(tf)
    step = tf.train.get_or_create_global_step()
    opt = tf.train.AdamOptimizer(0.05)
    out = train(tf, opt, opt.minimize(loss, global_step=step), w, b, ids, loss)
    return out


@case
def use_locking(tf):
    out = {}
    for name in ("gd", "momentum", "adagrad", "adam", "rmsprop_centered", "adadelta"):
        with tf.Graph().as_default():
            w, b, ids, loss = model(tf)
            opt = OPTIMIZERS[name](tf)
            opt._use_locking = True
            out[name] = train(tf, opt, opt.minimize(loss), w, b, ids, loss)["w"][-1]
    return out


@case
def apply_gradients_of_hand_made_slices(tf):
    w = tf.Variable(tf.ones([4, 2]), name="w")
    g = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.constant([2, 0, 2]),
                         tf.constant([4, 2]))
    out = {}
    for name in ("gd", "adagrad", "momentum"):
        opt = OPTIMIZERS[name](tf)
        op = opt.apply_gradients([(g, w)], name=f"apply_{name}")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op)
            out[name] = [op.name, sess.run(w)]
    return out


@case
def slices_without_dense_shape(tf):
    w = tf.Variable(tf.ones([4, 2]), name="w")
    g = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([3]))
    op = tf.train.AdagradOptimizer(0.1).apply_gradients([(g, w)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(op)
        return sess.run(w)


@case
def large_table_touches_only_its_rows(tf):
    w = tf.Variable(tf.zeros([20000, 8]), name="table")
    ids = tf.constant([5, 19999, 5])
    loss = tf.reduce_sum(tf.gather(w, ids) - 1.0) ** 2
    opt = tf.train.AdagradOptimizer(0.1, initial_accumulator_value=0.5)
    train_op = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train_op)
        value = sess.run(w)
        acc = sess.run(opt.get_slot(w, "accumulator"))
    changed = sorted(set((value != 0).any(axis=1).nonzero()[0].tolist()))
    return [changed, value[[5, 19999]], acc[[0, 5, 19999]]]


@case
def every_optimizer_on_a_1d_variable(tf):
    out = {}
    for name in OPTIMIZERS:
        with tf.Graph().as_default():
            w = tf.Variable([0.5, -1.0, 2.0, 0.25], name="w")
            ids = tf.placeholder(tf.int32, [None], name="ids")
            loss = tf.reduce_sum(tf.square(tf.gather(w, ids) * tf.constant(1.5) - 0.5))
            opt = OPTIMIZERS[name](tf)
            train_op = opt.minimize(loss)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                steps = []
                for step_ids in ([2, 0, 2], [3], [0, 0]):
                    sess.run(train_op, {ids: step_ids})
                    steps.append(sess.run(w))
                out[name] = steps
    return out


@case
def every_optimizer_on_a_3d_variable(tf):
    out = {}
    for name in ("gd", "momentum", "adagrad", "adam", "rmsprop_centered", "adadelta", "proximal"):
        with tf.Graph().as_default():
            w = tf.Variable((tf.range(24, dtype=tf.float32) / 12.0 - 1.0) * tf.ones([1]), name="w")
            table = tf.reshape(w, [4, 3, 2])
            v = tf.Variable(tf.zeros([4, 3, 2]) + 0.5, name="v")
            rows = tf.gather(v, [1, 3, 1]) + tf.gather(table, [0])
            opt = OPTIMIZERS[name](tf)
            train_op = opt.minimize(tf.reduce_sum(tf.square(rows)))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(2):
                    sess.run(train_op)
                out[name] = sess.run([v, w])
    return out


@case
def int64_ids(tf):
    out = {}
    for name in ("gd", "adagrad", "adam", "momentum", "rmsprop_centered"):
        with tf.Graph().as_default():
            w = tf.Variable(tf.reshape(tf.range(12.0), [4, 3]) / 10.0, name="w")
            ids = tf.constant([3, 0, 3], tf.int64)
            opt = OPTIMIZERS[name](tf)
            train_op = opt.minimize(tf.reduce_sum(tf.square(tf.gather(w, ids))))
            update_types = sorted({op.type for op in tf.get_default_graph().get_operations()
                                   if op.type.startswith(("SparseApply", "Scatter", "Unique"))})
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(train_op)
                out[name] = [update_types, sess.run(w)]
    return out
