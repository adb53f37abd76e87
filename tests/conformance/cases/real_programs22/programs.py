"""The graphs of small versions of issue 22's real programs, op by op (name, type, inputs), as
TF builds them: word2vec_basic's skip-gram model with NCE and its summaries, a batch-norm DCGAN's
two networks with their update ops, an attention ensemble of tf.layers networks."""

import os
import shutil
import tempfile

import numpy as np

from tests.conformance.harness import case


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs)]
            for op in graph.get_operations()]


@case
def word2vec_basic_graph(tf):
    graph = tf.Graph()
    with graph.as_default():
        with tf.name_scope("inputs"):
            train_inputs = tf.placeholder(tf.int32, shape=[4])
            train_labels = tf.placeholder(tf.int32, shape=[4, 1])
            valid_dataset = tf.constant(np.array([1, 3]), dtype=tf.int32)
        with tf.device("/cpu:0"):
            with tf.name_scope("embeddings"):
                embeddings = tf.Variable(tf.random_uniform([20, 8], -1.0, 1.0))
                embed = tf.nn.embedding_lookup(embeddings, train_inputs)
            with tf.name_scope("weights"):
                nce_weights = tf.Variable(tf.truncated_normal([20, 8], stddev=0.3))
            with tf.name_scope("biases"):
                nce_biases = tf.Variable(tf.zeros([20]))
        with tf.name_scope("loss"):
            loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_weights, biases=nce_biases, labels=train_labels,
                                                 inputs=embed, num_sampled=3, num_classes=20))
        tf.summary.scalar("loss", loss)
        with tf.name_scope("optimizer"):
            optimizer = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
        norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keepdims=True))
        normalized = embeddings / norm
        similarity = tf.matmul(tf.nn.embedding_lookup(normalized, valid_dataset), normalized, transpose_b=True)
        merged = tf.summary.merge_all()
        init = tf.global_variables_initializer()
        tf.train.Saver()
    feed = {train_inputs: np.array([1, 2, 3, 4], np.int32), train_labels: np.array([[2], [1], [4], [3]], np.int32)}
    with tf.Session(graph=graph) as sess:
        init.run()
        run_metadata = tf.RunMetadata()
        _, summary, loss_val = sess.run([optimizer, merged, loss], feed_dict=feed, run_metadata=run_metadata)
        sim = similarity.eval()
    return {"ops": _ops(graph), "optimizer": optimizer.name, "summary": type(summary).__name__,
            "loss": [np.shape(loss_val), bool(np.isfinite(loss_val))], "similarity": list(sim.shape),
            "metadata": type(run_metadata).__name__, "devices": sorted({op.device for op in graph.get_operations()})}


@case
def batch_norm_dcgan_graph(tf):
    is_training = tf.placeholder(tf.bool)
    noise = tf.placeholder(tf.float32, [None, 5])
    real = tf.placeholder(tf.float32, [None, 8, 8, 1])

    def generator(x):
        with tf.variable_scope("Generator"):
            x = tf.nn.relu(tf.layers.batch_normalization(tf.layers.dense(x, 4 * 4 * 3), training=is_training))
            x = tf.reshape(x, [-1, 4, 4, 3])
            x = tf.layers.conv2d_transpose(x, filters=2, kernel_size=3, strides=2, padding="SAME")
            x = tf.nn.relu(tf.layers.batch_normalization(x, training=is_training))
            return tf.layers.conv2d_transpose(x, 1, 3, strides=1, padding="SAME", activation=tf.tanh)

    def discriminator(x, reuse=False):
        with tf.variable_scope("Discriminator", reuse=reuse):
            x = tf.layers.conv2d(x, 4, 3, strides=2, padding="same")
            x = tf.layers.batch_normalization(x, training=is_training)
            x = tf.reshape(0.5 * 1.2 * x + 0.5 * 0.8 * abs(x), [-1, 4 * 4 * 4])
            return tf.layers.dense(x, 2)

    fake = generator(noise)
    d_real, d_fake = discriminator(real), discriminator(fake, reuse=True)
    ones = tf.ones([3], dtype=tf.int32)
    d_loss = (tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=d_real, labels=ones))
              + tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
                  logits=d_fake, labels=tf.zeros([3], dtype=tf.int32))))
    g_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=d_fake, labels=ones))
    train = []
    for scope, loss in (("Generator", g_loss), ("Discriminator", d_loss)):
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope=scope)):
            train.append(tf.train.AdamOptimizer(0.002, beta1=0.5).minimize(
                loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=scope)))
    rng = np.random.RandomState(0)
    feed = {noise: rng.uniform(-1, 1, (3, 5)), real: rng.uniform(-1, 1, (3, 8, 8, 1)), is_training: True}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = sess.run([d_loss, g_loss], feed)
        sess.run(train, feed)
        mean = sess.run("Generator/batch_normalization/moving_mean:0")
        sample = sess.run(fake, {noise: feed[noise], is_training: False})
    return {"ops": _ops(tf.get_default_graph()), "fake": fake.shape.as_list(), "sample": list(sample.shape),
            "update_ops": [op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS)],
            "moving_mean_moved": bool(np.any(mean != 0)), "finite": bool(np.isfinite(losses).all())}


@case
def attention_ensemble_graph(tf):
    xs = [tf.placeholder(tf.float32, [None, 6], name="X%d" % i) for i in range(1, 5)]
    y = tf.placeholder(tf.float32, [None, 1], name="Y")
    logits = [tf.layers.dense(tf.layers.dense(x, units=5, activation=tf.nn.tanh), units=1) for x in xs]
    outcomes = tf.reshape(tf.concat(logits, 1), [-1, 4, 1])
    attention = tf.nn.softmax(tf.layers.dense(tf.layers.dense(outcomes, units=3), units=1), 1)
    attention = tf.reshape(attention, [-1, 4])
    logits_out = tf.layers.dense(attention * tf.reshape(outcomes, [-1, 4]), units=1)
    loss = tf.losses.sigmoid_cross_entropy(multi_class_labels=y, logits=logits_out)
    opt = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)
    rng = np.random.RandomState(1)
    feed = {x: rng.randn(7, 6) for x in xs}
    feed[y] = (rng.rand(7, 1) > 0.5).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.initialize_all_variables())
        first = sess.run(loss, feed)
        for _ in range(5):
            sess.run(opt, feed)
        att = sess.run(attention, feed)
    return {"ops": _ops(tf.get_default_graph()), "attention": [list(att.shape), np.round(att.sum(1), 5)],
            "loss": bool(np.isfinite(first)), "losses": [t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)]}


@case
def monitored_training_of_partitioned_embeddings(tf):
    """A MonitoredTrainingSession training shards of a partitioned embedding with sparse Adagrad
    (DeepRec's checkpoint example as stock TF1): the values it prints, its graph, its checkpoints."""
    path = tempfile.mkdtemp(prefix="real_programs22_")
    try:
        sparse_var = tf.get_variable("a", shape=[30, 4], initializer=tf.ones_initializer(tf.float32),
                                     partitioner=tf.fixed_size_partitioner(num_shards=4))
        tf.get_variable("b", shape=[30, 4], initializer=tf.ones_initializer(tf.float32),
                        partitioner=tf.fixed_size_partitioner(num_shards=4))
        ids = tf.placeholder(dtype=tf.int64, name="ids")
        loss = tf.reduce_sum(tf.multiply(tf.nn.embedding_lookup(sparse_var, ids), 2.0, name="multiply"),
                             name="reduce_sum")
        gs = tf.train.get_or_create_global_step()
        opt = tf.train.AdagradOptimizer(0.1, initial_accumulator_value=1)
        train_op = opt.apply_gradients(opt.compute_gradients(loss), global_step=gs)
        printed = []
        with tf.train.MonitoredTrainingSession(checkpoint_dir=path, save_checkpoint_secs=60) as sess:
            for i in range(12):
                printed.append(sess.run([gs, train_op, loss], feed_dict={"ids:0": i % 10}))
        graph = tf.get_default_graph()
        return {"printed": printed, "ops": [[op.name, op.type] for op in graph.get_operations()],
                "files": sorted(f for f in os.listdir(path) if not f.startswith("events")),
                "latest": os.path.basename(tf.train.latest_checkpoint(path))}
    finally:
        shutil.rmtree(path, ignore_errors=True)


@case
def ensemble_of_layers_networks_by_checkpoint(tf):
    """An ensemble as TF1 tutorials build one: the same tf.layers network trained several times in
    one graph (re-initialised each time), each member saved to its own checkpoint, then each
    restored in turn and their softmax outputs averaged; plus members under their own variable
    scopes with a Saver per scope (var_list) and the averaged logits as one graph."""
    rng = np.random.RandomState(0)
    x_data = rng.randn(12, 3).astype(np.float32)
    y_data = (x_data[:, 0] > 0).astype(np.int64)
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.int64, [None], name="y")

    def network(inputs, seed_values, name=None):
        with tf.variable_scope(name, default_name="net"):
            h = tf.layers.dense(inputs, 4, activation=tf.nn.relu, name="hidden",
                                kernel_initializer=tf.constant_initializer(seed_values[0]))
            return tf.layers.dense(h, 2, name="logits", kernel_initializer=tf.constant_initializer(seed_values[1]))

    members = [(rng.randn(3, 4) * 0.5, rng.randn(4, 2) * 0.5) for _ in range(3)]
    placeholder_values = tf.placeholder(tf.float32, [3, 4], name="init_hidden")
    logits = network(x, members[0], name="shared")
    loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    hidden_kernel = tf.get_default_graph().get_tensor_by_name("shared/hidden/kernel:0")
    assign_hidden = tf.assign(hidden_kernel, placeholder_values)
    saver = tf.train.Saver(max_to_keep=5)
    directory = tempfile.mkdtemp(prefix="real_programs22_ensemble_")
    try:
        paths, losses = [], []
        with tf.Session() as sess:
            for i, (hidden, _) in enumerate(members):
                sess.run(tf.global_variables_initializer())
                sess.run(assign_hidden, {placeholder_values: hidden})
                for _ in range(20):
                    sess.run(train, {x: x_data, y: y_data})
                losses.append(sess.run(loss, {x: x_data, y: y_data}))
                paths.append(saver.save(sess, os.path.join(directory, "network%d" % i)))
            predictions = []
            for path in paths:
                saver.restore(sess, path)
                predictions.append(sess.run(tf.nn.softmax(logits), {x: x_data}))
        averaged = np.mean(np.array(predictions), axis=0)
        # members in their own scopes, one Saver per member, the ensemble's logits in the graph
        scoped = [network(x, m, name="member_%d" % i) for i, m in enumerate(members)]
        ensemble = tf.reduce_mean(tf.stack([tf.nn.softmax(s) for s in scoped]), axis=0, name="ensemble")
        savers = [tf.train.Saver(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="member_%d" % i))
                  for i in range(3)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            written = [s.save(sess, os.path.join(directory, "member%d" % i)) for i, s in enumerate(savers)]
            restored = tf.train.list_variables(written[1])
            ensemble_value = sess.run(ensemble, {x: x_data})
        return {"losses": np.round(losses, 4), "paths": [os.path.basename(p) for p in paths],
                "averaged": np.round(averaged, 4), "accuracy": float(np.mean(averaged.argmax(1) == y_data)),
                "ensemble": [ensemble.name, np.round(ensemble_value, 4)],
                "member_saver": [[n, s] for n, s in restored],
                "saver_names": [s.saver_def.save_tensor_name for s in savers],
                "variables": [v.name for v in tf.global_variables()][:8]}
    finally:
        shutil.rmtree(directory, ignore_errors=True)
