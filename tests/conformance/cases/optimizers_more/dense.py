"""Names, graphs, options and errors; dense values."""

import numpy as np

from tests.conformance.cases.optimizers._helpers import _model
from tests.conformance.harness import case, raises

MAKERS = {
    "ftrl": lambda tf: tf.train.FtrlOptimizer(0.2, l1_regularization_strength=0.01, l2_regularization_strength=0.02),
    "ftrl_v2": lambda tf: tf.train.FtrlOptimizer(0.2, learning_rate_power=-0.7, l1_regularization_strength=0.01,
                                                 l2_shrinkage_regularization_strength=0.05, beta=0.3),
    "proximal_adagrad": lambda tf: tf.train.ProximalAdagradOptimizer(0.2, l1_regularization_strength=0.01,
                                                                     l2_regularization_strength=0.02),
    "adagrad_da": lambda tf: tf.train.AdagradDAOptimizer(0.2, tf.train.get_or_create_global_step(),
                                                         l1_regularization_strength=0.01,
                                                         l2_regularization_strength=0.02),
}


def _graph(tf, make):
    w, b, loss = _model(tf)
    opt = make(tf)
    train = opt.minimize(loss, global_step=tf.train.get_or_create_global_step())
    ops = [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs),
            op.colocation_groups()]
           for op in tf.get_default_graph().get_operations() if not op.name.startswith("gradients/")]
    return {"train": [train.name, train.type], "ops": ops, "slot_names": opt.get_slot_names(),
            "slots": [[n, opt.get_slot(v, n).name] for n in opt.get_slot_names() for v in (w, b)],
            "variables": [v.name for v in opt.variables()], "global": [v.name for v in tf.global_variables()]}


def _train(tf, opt, steps=4, dtype=None):
    w, b, loss = _model(tf, dtype)
    train = opt.minimize(loss, global_step=tf.train.get_or_create_global_step())
    out = {"w": [], "b": [], "loss": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            out["loss"].append(sess.run(loss))
            sess.run(train)
            out["w"].append(sess.run(w))
            out["b"].append(sess.run(b))
        out["slots"] = {f"{n}:{v.op.name}": sess.run(opt.get_slot(v, n)) for n in opt.get_slot_names() for v in (w, b)}
    return out


@case
def ftrl_graph(tf):
    return _graph(tf, MAKERS["ftrl"])


@case
def ftrl_v2_graph(tf):
    return _graph(tf, MAKERS["ftrl_v2"])


@case
def proximal_adagrad_graph(tf):
    return _graph(tf, MAKERS["proximal_adagrad"])


@case
def adagrad_da_graph(tf):
    return _graph(tf, MAKERS["adagrad_da"])


@case
def ftrl_values(tf):
    return _train(tf, MAKERS["ftrl"](tf))


@case
def ftrl_v2_values(tf):
    return _train(tf, MAKERS["ftrl_v2"](tf))


@case
def ftrl_fixed_learning_rate_and_zero_accumulator(tf):
    return _train(tf, tf.train.FtrlOptimizer(0.1, learning_rate_power=0.0, initial_accumulator_value=0.0,
                                             l1_regularization_strength=0.001))


@case
def ftrl_strong_l1_zeroes_weights(tf):
    return _train(tf, tf.train.FtrlOptimizer(0.5, l1_regularization_strength=2.0, l2_regularization_strength=0.5))


@case
def ftrl_beta_and_l2(tf):
    return _train(tf, tf.train.FtrlOptimizer(0.3, beta=1.0, l2_regularization_strength=0.1))


@case
def ftrl_float64(tf):
    return _train(tf, MAKERS["ftrl_v2"](tf), dtype=tf.float64)


@case
def ftrl_learning_rate_tensor(tf):
    lr = tf.placeholder_with_default(tf.constant(0.25), [], name="lr")
    return _train(tf, tf.train.FtrlOptimizer(lr, l1_regularization_strength=0.01))


@case
def ftrl_slot_names(tf):
    w, b, loss = _model(tf)
    opt = tf.train.FtrlOptimizer(0.1, accum_name="acc", linear_name="lin")
    opt.minimize(loss)
    default = tf.train.FtrlOptimizer(0.1, name="MyFtrl")
    default.minimize(loss)
    return [[opt.get_slot(w, "accum").name, opt.get_slot(w, "linear").name],
            [default.get_slot(b, "accum").name, default.get_slot(b, "linear").name],
            [v.name for v in tf.global_variables()]]


@case
def ftrl_accumulator_initializer_graph(tf):
    w = tf.Variable([[1.0, 2.0]], name="w")
    opt = tf.train.FtrlOptimizer(0.1, initial_accumulator_value=0.3)
    opt.minimize(tf.reduce_sum(w * w))
    ops = [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()
           if op.name.startswith("w/Ftrl")]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return {"ops": ops, "accum": sess.run(opt.get_slot(w, "accum")), "linear": sess.run(opt.get_slot(w, "linear"))}


@case
def ftrl_constructor_errors(tf):
    out = []
    for kwargs in ({"initial_accumulator_value": -0.1}, {"learning_rate_power": 0.5},
                   {"l1_regularization_strength": -1.0}, {"l2_regularization_strength": -1.0},
                   {"l2_shrinkage_regularization_strength": -1.0}, {"name": ""}):
        out.append(raises(tf.train.FtrlOptimizer, 0.1, **kwargs))
    return out


@case
def proximal_adagrad_values(tf):
    return _train(tf, MAKERS["proximal_adagrad"](tf))


@case
def proximal_adagrad_without_regularization(tf):
    return _train(tf, tf.train.ProximalAdagradOptimizer(0.3, initial_accumulator_value=0.5))


@case
def proximal_adagrad_float64_is_refused(tf):
    return raises(_train, tf, tf.train.ProximalAdagradOptimizer(0.3), dtype=tf.float64)


@case
def proximal_adagrad_float64_with_tensors(tf):
    opt = tf.train.ProximalAdagradOptimizer(tf.constant(0.3, tf.float64),
                                            l1_regularization_strength=tf.constant(0.01, tf.float64),
                                            l2_regularization_strength=tf.constant(0.0, tf.float64))
    return _train(tf, opt, dtype=tf.float64)


@case
def proximal_adagrad_constructor_errors(tf):
    return [raises(tf.train.ProximalAdagradOptimizer, 0.1, initial_accumulator_value=0.0),
            raises(tf.train.ProximalAdagradOptimizer, 0.1, initial_accumulator_value=-1.0)]


@case
def adagrad_da_values(tf):
    return _train(tf, MAKERS["adagrad_da"](tf))


@case
def adagrad_da_without_regularization(tf):
    return _train(tf, tf.train.AdagradDAOptimizer(0.3, tf.train.get_or_create_global_step(),
                                                  initial_gradient_squared_accumulator_value=0.5))


@case
def adagrad_da_float64(tf):
    return _train(tf, MAKERS["adagrad_da"](tf), dtype=tf.float64)


@case
def adagrad_da_step_not_incremented(tf):
    step = tf.Variable(5, dtype=tf.int64, name="step", trainable=False)
    w, b, loss = _model(tf)
    opt = tf.train.AdagradDAOptimizer(0.2, step, l1_regularization_strength=0.05)
    train = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = []
        for _ in range(3):
            sess.run(train)
            out.append(sess.run([w, b, step]))
    return out


@case
def adagrad_da_int32_step_is_refused(tf):
    step = tf.Variable(0, name="step", trainable=False)
    _, _, loss = _model(tf)
    return raises(tf.train.AdagradDAOptimizer(0.2, step).minimize, loss)


@case
def adagrad_da_constructor_errors(tf):
    step = tf.train.get_or_create_global_step()
    return [raises(tf.train.AdagradDAOptimizer, 0.1, step, initial_gradient_squared_accumulator_value=0.0),
            raises(tf.train.AdagradDAOptimizer, 0.1, step, initial_gradient_squared_accumulator_value=-2.0)]


@case
def adagrad_da_slot_initial_values(tf):
    w = tf.Variable(np.zeros([2, 2], np.float32), name="w")
    opt = tf.train.AdagradDAOptimizer(0.1, tf.train.get_or_create_global_step(),
                                      initial_gradient_squared_accumulator_value=0.25)
    opt.minimize(tf.reduce_sum(w * w))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [sess.run(opt.get_slot(w, n)) for n in opt.get_slot_names()]


@case
def apply_gradients_with_use_locking(tf):
    w, b, loss = _model(tf)
    out = []
    for make in (lambda: tf.train.FtrlOptimizer(0.1, use_locking=True),
                 lambda: tf.train.ProximalAdagradOptimizer(0.1, use_locking=True)):
        opt = make()
        train = opt.minimize(loss)
        out.append(sorted({op.get_attr("use_locking") for op in train.control_inputs
                           if op.type.startswith("Apply")}))
    return out
