"""A short GAN written the way TF1's batch-norm GANs are (DCGAN-style programs): a generator and a
discriminator under their own variable scopes, ``tf.layers.batch_normalization`` with ``training``
fed through a boolean placeholder, each network's ``UPDATE_OPS`` made control dependencies of its
own optimizer, and a ``var_list`` per optimizer. The program is ours; the names and the behaviour
asserted are what TF 2.21 records for it (the same assertions pass with ``tensorflow.compat.v1``)."""

import numpy as np

import scopeflow as tf

NOISE, DATA, HIDDEN, BATCH = 4, 6, 16, 32


def _generator(z, training):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, HIDDEN, name="fc1")
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training))
        return tf.layers.dense(h, DATA, activation=tf.tanh, name="out")


def _discriminator(x, training, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.dense(x, HIDDEN, name="fc1")
        h = tf.nn.leaky_relu(tf.layers.batch_normalization(h, training=training))
        return tf.layers.dense(h, 1, name="logit")


def _xent(logits, label):
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        logits=logits, labels=tf.fill(tf.shape(logits), label)))


def _build():
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(3)
        z = tf.placeholder(tf.float32, [None, NOISE], name="z")
        real = tf.placeholder(tf.float32, [None, DATA], name="real")
        training = tf.placeholder(tf.bool, [], name="training")
        fake = _generator(z, training)
        d_real = _discriminator(real, training)
        d_fake = _discriminator(fake, training, reuse=True)
        d_loss = tf.add(_xent(d_real, 1.0), _xent(d_fake, 0.0), name="d_loss")
        g_loss = tf.identity(_xent(d_fake, 1.0), name="g_loss")
        g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
        d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="discriminator")):
            train_d = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(d_loss, var_list=d_vars)
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="generator")):
            train_g = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(g_loss, var_list=g_vars)
    return graph, fake, train_d, train_g, d_loss, g_loss


def _feed(rng, training=True):
    real = rng.randn(BATCH, DATA).astype(np.float32) * 0.3 + 0.5
    return {"z:0": rng.uniform(-1, 1, (BATCH, NOISE)).astype(np.float32), "real:0": real,
            "training:0": training}


def _bn_names(scope):
    return [f"{scope}/batch_normalization/{n}:0" for n in ("gamma", "beta", "moving_mean", "moving_variance")]


def test_each_network_has_its_own_variables():
    graph, fake, train_d, train_g, _, _ = _build()
    with graph.as_default():
        g_vars = [v.name for v in tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")]
        assert g_vars == ["generator/fc1/kernel:0", "generator/fc1/bias:0", "generator/batch_normalization/gamma:0",
                          "generator/batch_normalization/beta:0", "generator/out/kernel:0", "generator/out/bias:0"]
        model = [v.name for v in tf.global_variables() if "Adam" not in v.name and "power" not in v.name]
        assert [n for n in model if "batch_normalization" in n] == _bn_names("generator") + _bn_names("discriminator")
        # the discriminator's second call shares its variables; the moving statistics are not trained
        assert len(model) == 16 and len(tf.trainable_variables()) == 12
        slots = [v.name for v in tf.global_variables() if v.name.startswith("discriminator/fc1/kernel/")]
        assert slots == ["discriminator/fc1/kernel/Adam:0", "discriminator/fc1/kernel/Adam_1:0"]
        assert [v.name for v in tf.global_variables() if "power" in v.name] == [
            "beta1_power:0", "beta2_power:0", "beta1_power_1:0", "beta2_power_1:0"]
    # training given as a tensor keeps the static shapes
    assert fake.shape.as_list() == [None, DATA]
    assert train_d.name == "Adam" and train_g.name == "Adam_1"


def test_update_ops_are_collected_per_call_and_guard_their_optimizer():
    graph, _, train_d, train_g, _, _ = _build()
    with graph.as_default():
        updates = [op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS)]
        # with ``training`` a tensor each moving statistic is updated inside a tf.cond
        assert updates == [f"{scope}/batch_normalization/cond_{i}/Merge"
                           for scope in ("generator", "discriminator", "discriminator_1") for i in (2, 3)]
        assert [op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="discriminator")] == updates[2:]

    def guarded_by(train_op):
        """The update ops that are control inputs of ``train_op`` or of an op it depends on."""
        seen, stack, found = set(), [train_op], set()
        while stack:
            op = stack.pop()
            if op.name in seen:
                continue
            seen.add(op.name)
            found.update(c.name for c in op.control_inputs if c.name in updates)
            stack.extend(c for c in op.control_inputs if c.name not in updates)
            stack.extend(t.op for t in op.inputs if t.op.type not in ("VariableV2", "Placeholder"))
        return sorted(found)

    assert guarded_by(train_d) == sorted(updates[2:])
    assert guarded_by(train_g) == sorted(updates[:2])


def test_both_losses_change_and_each_step_updates_its_own_statistics():
    graph, fake, train_d, train_g, d_loss, g_loss = _build()
    rng = np.random.RandomState(0)
    with graph.as_default(), tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        stats = {s: graph.get_tensor_by_name(f"{s}/batch_normalization/moving_mean:0")
                 for s in ("generator", "discriminator")}
        fixed = _feed(rng)
        first = sess.run([d_loss, g_loss], fixed)

        before = sess.run(stats)
        sess.run(train_d, _feed(rng))
        after_d = sess.run(stats)
        assert np.array_equal(before["generator"], after_d["generator"])
        assert not np.array_equal(before["discriminator"], after_d["discriminator"])
        sess.run(train_g, _feed(rng))
        after_g = sess.run(stats)
        assert not np.array_equal(after_d["generator"], after_g["generator"])
        assert np.array_equal(after_d["discriminator"], after_g["discriminator"])

        for _ in range(30):
            sess.run(train_d, _feed(rng))
            sess.run(train_g, _feed(rng))
        last = sess.run([d_loss, g_loss], fixed)

        # inference: the moving statistics, the same output for the same noise, no update
        z = {"z:0": fixed["z:0"], "training:0": False}
        frozen = sess.run(stats)
        assert np.array_equal(sess.run(fake, z), sess.run(fake, z))
        assert all(np.array_equal(frozen[k], v) for k, v in sess.run(stats).items())
    assert abs(last[0] - first[0]) > 1e-3 and abs(last[1] - first[1]) > 1e-3, (first, last)
    assert np.isfinite(first + last).all()
