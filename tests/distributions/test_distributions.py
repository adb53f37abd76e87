"""tf.distributions as TF1 VAE and policy-gradient code uses them: a reparameterized Normal
sample trained through, the KL term, a Categorical policy's log-probabilities, Bernoulli
decoders; and the base class's fallbacks and errors."""

import numpy as np
import pytest

import scopeflow as tf


def test_vae_step_trains_through_the_sample_and_the_kl():
    with tf.Graph().as_default():
        tf.set_random_seed(0)
        x = tf.constant(np.random.RandomState(0).rand(16, 4).astype(np.float32))
        h = tf.layers.dense(x, 8, activation=tf.nn.relu)
        posterior = tf.distributions.Normal(tf.layers.dense(h, 2), tf.nn.softplus(tf.layers.dense(h, 2)) + 1e-3)
        prior = tf.distributions.Normal(tf.zeros([2]), tf.ones([2]))
        z = posterior.sample()
        logits = tf.layers.dense(z, 4)
        decoder = tf.distributions.Bernoulli(logits=logits)
        elbo = tf.reduce_sum(decoder.log_prob(x), 1) - tf.reduce_sum(tf.distributions.kl_divergence(posterior,
                                                                                                     prior), 1)
        loss = -tf.reduce_mean(elbo)
        grads = tf.gradients(loss, tf.trainable_variables())
        assert all(g is not None for g in grads)
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run(loss)
            for _ in range(60):
                sess.run(train)
            assert sess.run(loss) < first


def test_policy_gradient_with_a_categorical():
    with tf.Graph().as_default():
        logits = tf.Variable([[0.0, 0.0, 0.0]])
        policy = tf.distributions.Categorical(logits=logits)
        action = policy.sample(seed=1)
        reward = tf.cast(tf.equal(action, 2), tf.float32)
        loss = -tf.reduce_mean(policy.log_prob(action) * reward)
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(200):
                sess.run(train)
            probs = sess.run(policy.probs)
        assert probs[0, 2] > 0.9


def test_values_against_closed_forms():
    with tf.Graph().as_default(), tf.Session() as sess:
        n = tf.distributions.Normal(np.float64(1.0), np.float64(2.0))
        x = np.linspace(-3.0, 5.0, 9)
        lp, cdf, q = sess.run([n.log_prob(x), n.cdf(x), n.quantile([0.025, 0.5, 0.975])])
        np.testing.assert_allclose(lp, -0.5 * ((x - 1.0) / 2.0) ** 2 - np.log(2.0 * np.sqrt(2.0 * np.pi)))
        np.testing.assert_allclose(q, [1.0 - 2.0 * 1.959963984540054, 1.0, 1.0 + 2.0 * 1.959963984540054])
        assert np.all(np.diff(cdf) > 0) and abs(cdf[4] - 0.5) < 1e-12
        u = tf.distributions.Uniform(-1.0, 3.0)
        assert sess.run([u.mean(), u.variance(), u.prob(5.0), u.cdf(1.0)]) == [1.0, pytest.approx(16.0 / 12.0),
                                                                               0.0, 0.5]


def test_fallbacks_and_missing_methods():
    with tf.Graph().as_default(), tf.Session() as sess:
        u = tf.distributions.Uniform(0.0, 4.0)
        # Uniform has no _log_prob: log(prob); no _log_cdf: log(cdf)
        assert u.log_prob(1.0).op.type == "Log" and u.log_cdf(1.0).op.type == "Log"
        assert sess.run(u.log_prob(1.0)) == pytest.approx(np.log(0.25))
        with pytest.raises(NotImplementedError, match="mode is not implemented: Uniform"):
            u.mode()
        with pytest.raises(NotImplementedError, match="No KL\\(distribution_a \\|\\| distribution_b\\) registered"):
            tf.distributions.kl_divergence(u, u)
        with pytest.raises(ValueError, match="Must pass probs or logits, but not both."):
            tf.distributions.Categorical(logits=[1.0], probs=[1.0])


def test_loading_does_not_come_with_import():
    import subprocess
    import sys

    code = "import sys, scopeflow; print('scopeflow._src.distributions.normal' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split() == ["False"]
