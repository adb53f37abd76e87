"""``tf.train`` optimizers: every optimizer's steps, slot names and update ops, and more values."""

from tests.conformance.cases.optimizers._helpers import _model
from tests.conformance.harness import case


def _train(tf, opt, steps=3, dtype=None, fetch_slots=True):
    """Values of w and b after each step, and every slot after the last one."""
    w, b, loss = _model(tf, dtype)
    train = opt.minimize(loss)
    out = {"w": [], "b": [], "loss": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            out["loss"].append(sess.run(loss))
            sess.run(train)
            out["w"].append(sess.run(w))
            out["b"].append(sess.run(b))
        if fetch_slots:
            out["slots"] = {f"{name}:{v.op.name}": sess.run(opt.get_slot(v, name))
                            for name in opt.get_slot_names() for v in (w, b)}
            out["variables"] = {v.name: sess.run(v) for v in opt.variables()}
    return out


def _names(tf, opt):
    w, b, loss = _model(tf)
    opt.minimize(loss)
    return {
        "slot_names": opt.get_slot_names(),
        "slots": [[name, opt.get_slot(v, name).name] for name in opt.get_slot_names() for v in (w, b)],
        "variables": [v.name for v in opt.variables()],
        "global": [v.name for v in tf.global_variables()],
        "trainable": [v.name for v in tf.trainable_variables()],
        "name": opt.get_name(),
    }


def _update_ops(tf, opt, **kwargs):
    """[name, type, inputs, control inputs] of every op outside the gradients/ scope."""
    _, _, loss = _model(tf)
    train = opt.minimize(loss, **kwargs)
    ops = [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs)]
           for op in tf.get_default_graph().get_operations() if not op.name.startswith("gradients/")]
    return [train.name, train.type, ops]


OPTIMIZERS = {
    "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9),
    "nesterov": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9, use_nesterov=True),
    "adam": lambda tf: tf.train.AdamOptimizer(0.1),
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.3),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.05),
    "rmsprop_momentum": lambda tf: tf.train.RMSPropOptimizer(0.05, decay=0.8, momentum=0.5, epsilon=1e-6),
    "rmsprop_centered": lambda tf: tf.train.RMSPropOptimizer(0.05, momentum=0.5, centered=True),
    "adadelta": lambda tf: tf.train.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6),
    "proximal": lambda tf: tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=0.05,
                                                                      l2_regularization_strength=0.1),
}


def _register(kind, make):
    def steps(tf):
        return _train(tf, make(tf))

    def names(tf):
        return _names(tf, make(tf))

    def ops(tf):
        return _update_ops(tf, make(tf))

    for suffix, fn in (("steps", steps), ("names", names), ("ops", ops)):
        fn.__name__ = f"{kind}_{suffix}"
        fn.__module__ = __name__
        case(fn)


for _kind, _make in OPTIMIZERS.items():
    _register(_kind, _make)


# -- more values ----------------------------------------------------------------------------
@case
def proximal_l1_only_steps(tf):
    return _train(tf, tf.train.ProximalGradientDescentOptimizer(0.2, l1_regularization_strength=0.3))


@case
def adam_custom_hyperparameters_steps(tf):
    return _train(tf, tf.train.AdamOptimizer(0.05, beta1=0.5, beta2=0.9, epsilon=0.1), steps=4)


@case
def adam_float64_steps_and_casts(tf):
    opt = tf.train.AdamOptimizer(0.1)
    out = _train(tf, opt, dtype=tf.float64)
    out["casts"] = [op.name for op in tf.get_default_graph().get_operations() if op.type == "Cast"]
    return out


@case
def gd_float64_steps(tf):
    return _train(tf, tf.train.GradientDescentOptimizer(0.1), dtype=tf.float64)


@case
def adagrad_initial_accumulator_steps(tf):
    return _train(tf, tf.train.AdagradOptimizer(0.5, initial_accumulator_value=1.5))


@case
def momentum_learning_rate_tensor(tf):
    lr = tf.placeholder(tf.float32, [], name="lr")
    w, b, loss = _model(tf)
    train = tf.train.MomentumOptimizer(lr, 0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {lr: 0.1})
        sess.run(train, {lr: 0.01})
        return [sess.run(w), sess.run(b), train.control_inputs[0].inputs[2].name]


@case
def adam_learning_rate_callable(tf):
    w, b, loss = _model(tf)
    train = tf.train.AdamOptimizer(lambda: tf.constant(0.2, name="my_lr")).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        return [sess.run(w), [op.name for op in tf.get_default_graph().get_operations() if "my_lr" in op.name]]


@case
def adam_bias_correction_powers(tf):
    opt = tf.train.AdamOptimizer(0.1, beta1=0.8, beta2=0.95)
    w, b, loss = _model(tf)
    train = opt.minimize(loss)
    powers = [v for v in opt.variables() if "power" in v.name]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = [sess.run(powers)]
        for _ in range(2):
            sess.run(train)
            seen.append(sess.run(powers))
    return [[p.name for p in powers], seen]
