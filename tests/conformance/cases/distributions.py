"""Conformance cases for TF1's tf.distributions: Normal, Bernoulli, Categorical, Uniform and the
Distribution base: op names under the distribution's scope, static shapes, dtypes, values of
log_prob/prob/cdf/log_cdf/survival functions/entropy/moments/mode, seeded samples' shapes, KL
divergences, gradients through samples, and TF's errors."""

import numpy as np

from tests.conformance.harness import case, op_summary, raises, run_error, static

_X = np.array([-2.0, -0.5, 0.0, 0.7, 3.0], np.float32)


def _run(tf, fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


def _ops(tf):
    return op_summary(tf.get_default_graph())


@case
def normal_construction_ops_and_properties(tf):
    d = tf.distributions.Normal(loc=[0.0, 1.0], scale=[1.0, 2.0])
    return [d.name, _ops(tf), str(d.batch_shape), str(d.event_shape), d.dtype.name, d.loc.name, d.scale.name,
            repr(d.reparameterization_type), d.allow_nan_stats, d.validate_args, sorted(d.parameters)]


@case
def normal_methods_names_and_values(tf):
    d = tf.distributions.Normal(loc=[[0.0], [1.0]], scale=[[1.0], [2.5]], name="n")
    outs = [d.log_prob(_X), d.prob(_X), d.cdf(_X), d.log_cdf(_X), d.survival_function(_X),
            d.log_survival_function(_X), d.entropy(), d.mean(), d.stddev(), d.variance(), d.mode()]
    return [static(outs), _run(tf, outs)]


@case
def normal_log_cdf_tails(tf):
    x32 = np.array([-40.0, -12.0, -9.0, 0.0, 4.0, 6.0, 9.0], np.float32)
    x64 = np.array([-40.0, -25.0, -19.0, 0.0, 7.0, 9.0], np.float64)
    a = tf.distributions.Normal(0.0, 1.0)
    b = tf.distributions.Normal(np.float64(0.0), np.float64(1.0))
    return _run(tf, [a.log_cdf(x32), a.cdf(x32), b.log_cdf(x64), b.log_survival_function(x64)])


@case
def normal_names_scopes_twice(tf):
    a = tf.distributions.Normal(0.0, 1.0)
    b = tf.distributions.Normal(0.0, 1.0)
    with tf.name_scope("outer"):
        c = tf.distributions.Normal(0.0, 1.0, name="mine")
    return [a.name, b.name, c.name, a.log_prob(1.0).name, a.log_prob(1.0).name, c.mean().name,
            c.batch_shape_tensor().name, c.event_shape_tensor().name]


@case
def normal_sample_shapes(tf):
    d = tf.distributions.Normal(loc=tf.zeros([2, 3]), scale=1.0)
    n = tf.placeholder(tf.int32, [], name="n")
    s = [d.sample(), d.sample(4, seed=3), d.sample([5, 2], seed=3), d.sample(n, seed=3)]
    values = _run(tf, s, {n: 2})
    return [static(s), [v.shape for v in values], [v.dtype.name for v in values]]


@case
def normal_sample_graph(tf):
    d = tf.distributions.Normal(loc=[0.0, 1.0], scale=2.0)
    d.sample([3], seed=7)
    return _ops(tf)


@case
def normal_sample_reparameterized_gradient(tf):
    loc = tf.constant([1.0, 2.0], name="loc")
    scale = tf.constant([0.5, 3.0], name="scale")
    d = tf.distributions.Normal(loc, scale)
    s = d.sample(1000, seed=1)
    g_loc, g_scale = tf.gradients(tf.reduce_sum(s), [loc, scale])
    got = _run(tf, [g_loc, s])
    return [got[0], got[1].shape, g_scale.shape.as_list()]


@case
def normal_kl_and_cross_entropy(tf):
    a = tf.distributions.Normal(loc=[0.0, 1.0], scale=[1.0, 0.5])
    b = tf.distributions.Normal(loc=1.0, scale=2.0)
    kl = tf.distributions.kl_divergence(a, b)
    kl2 = a.kl_divergence(b)
    ce = a.cross_entropy(b)
    checked = tf.distributions.kl_divergence(a, b, allow_nan_stats=False)
    return [[t.name for t in (kl, kl2, ce, checked)], static([kl, kl2, ce]), _run(tf, [kl, kl2, ce, checked])]


@case
def normal_validate_args(tf):
    scale = tf.placeholder(tf.float32, name="scale")
    d = tf.distributions.Normal(0.0, scale, validate_args=True)
    lp = d.log_prob(1.0)
    return [_ops(tf)[:12], run_error(tf, lp, {scale: -1.0}), _run(tf, lp, {scale: 2.0})]


@case
def normal_errors(tf):
    return [raises(tf.distributions.Normal, tf.constant(0.0), tf.constant(1.0, tf.float64)),
            raises(tf.distributions.Normal, tf.constant(0), tf.constant(1)),
            raises(lambda: tf.distributions.Normal(0.0, 1.0).sample([[2]])),
            raises(lambda: tf.distributions.Normal(0.0, 1.0).covariance()),
            raises(tf.distributions.kl_divergence, tf.distributions.Normal(0.0, 1.0),
                   tf.distributions.Uniform(0.0, 1.0))]


@case
def bernoulli_from_probs_and_logits(tf):
    p = tf.distributions.Bernoulli(probs=[0.2, 0.7])
    q = tf.distributions.Bernoulli(logits=[-1.0, 2.0], dtype=tf.float32, name="q")
    x = [0, 1]
    outs = [p.log_prob(x), p.prob(x), p.entropy(), p.mean(), p.variance(), p.stddev(), p.mode(), p.logits,
            q.log_prob([1.0, 1.0]), q.probs, q.mode(), q.log_prob([[0.0], [1.0]])]
    return [_ops(tf)[:20], static(outs), _run(tf, outs)]


@case
def bernoulli_sample_and_kl(tf):
    p = tf.distributions.Bernoulli(probs=[0.2, 0.7, 0.5])
    q = tf.distributions.Bernoulli(logits=[0.0, -1.0, 1.0])
    s = p.sample(10000, seed=2)
    kl = tf.distributions.kl_divergence(p, q)
    got = _run(tf, [tf.reduce_mean(tf.cast(s, tf.float32), 0), kl])
    return [static([s, kl]), np.round(got[0], 1), got[1], kl.name]


@case
def bernoulli_errors(tf):
    return [raises(tf.distributions.Bernoulli), raises(tf.distributions.Bernoulli, [0.0], [0.5]),
            raises(tf.distributions.Bernoulli, [1, 2]), raises(tf.distributions.Bernoulli, None, [1, 0])]


@case
def categorical_methods(tf):
    logits = np.log(np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], np.float32))
    d = tf.distributions.Categorical(logits=logits)
    k = [2, 0]
    outs = [d.log_prob(k), d.prob(k), d.cdf(k), d.entropy(), d.mode(), d.probs, d.event_size,
            d.batch_shape_tensor(), d.log_prob([[1], [2]]), d.log_prob(1)]
    return [_ops(tf)[:15], static(outs), _run(tf, outs), str(d.batch_shape), str(d.event_shape)]


@case
def categorical_from_probs_unknown_shapes(tf):
    probs = tf.placeholder(tf.float32, [None, None], name="probs")
    d = tf.distributions.Categorical(probs=probs, dtype=tf.int64)
    outs = [d.log_prob([1, 0]), d.mode(), d.batch_shape_tensor(), d.event_size]
    p = [[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]
    return [_ops(tf)[:14], static(outs), _run(tf, outs, {probs: p}), str(d.batch_shape)]


@case
def categorical_sample_and_kl(tf):
    a = tf.distributions.Categorical(probs=[[0.1, 0.9], [0.5, 0.5]])
    b = tf.distributions.Categorical(logits=[0.0, 1.0])
    s = a.sample([4000], seed=5)
    kl = tf.distributions.kl_divergence(a, b)
    got = _run(tf, [tf.reduce_mean(tf.cast(s, tf.float32), 0), kl])
    return [static([s, kl]), np.round(got[0], 1), got[1], kl.name]


@case
def uniform_methods(tf):
    d = tf.distributions.Uniform(low=[0.0, -1.0], high=[[2.0], [4.0]])
    x = [[-0.5], [1.0]]
    outs = [d.prob(x), d.log_prob(x), d.cdf(x), d.log_cdf(x), d.entropy(), d.mean(), d.variance(), d.stddev(),
            d.range(), d.sample(3, seed=1)]
    values = _run(tf, outs[:-1])
    return [_ops(tf)[:10], static(outs), values, str(d.batch_shape)]


@case
def uniform_errors_and_validation(tf):
    high = tf.placeholder(tf.float32, name="high")
    d = tf.distributions.Uniform(1.0, high, validate_args=True)
    return [raises(tf.distributions.Uniform, tf.constant(0.0), tf.constant(1.0, tf.float64)),
            run_error(tf, d.mean(), {high: 0.5}), _run(tf, d.mean(), {high: 2.0}),
            raises(lambda: tf.distributions.Uniform().mode())]


@case
def reparameterization_types_and_register_kl(tf):
    dists = tf.distributions

    class MyNormal(dists.Normal):
        pass

    a, b = MyNormal(0.0, 1.0, name="my"), dists.Normal(1.0, 1.0)
    inherited = dists.kl_divergence(a, b)

    @dists.RegisterKL(MyNormal, MyNormal)
    def _kl(x, y, name=None):
        return tf.identity(tf.constant(42.0), name="fixed")

    own = dists.kl_divergence(a, MyNormal(0.0, 1.0))
    again = raises(lambda: dists.RegisterKL(MyNormal, MyNormal)(_kl))
    return [repr(dists.FULLY_REPARAMETERIZED), repr(dists.NOT_REPARAMETERIZED),
            dists.FULLY_REPARAMETERIZED == dists.NOT_REPARAMETERIZED,
            dists.Bernoulli(probs=0.5).reparameterization_type is dists.NOT_REPARAMETERIZED,
            inherited.name, own.name, _run(tf, [inherited, own]), again["error"],
            raises(lambda: dists.RegisterKL(MyNormal, dists.Normal)(3))]


@case
def distribution_str_repr_and_copy(tf):
    d = tf.distributions.Normal(loc=[0.0, 1.0], scale=1.0)
    c = d.copy(scale=2.0)
    return [str(d), repr(d), c.name, _run(tf, c.stddev()), d.is_scalar_batch().name,
            _run(tf, [d.is_scalar_event(), d.is_scalar_batch()])]


@case
def laplace_methods(tf):
    d = tf.distributions.Laplace(loc=[0.0, 1.0], scale=[[1.0], [0.5]])
    outs = [d.log_prob(_X[:2]), d.prob(_X[:2]), d.cdf(_X[:2]), d.log_cdf(_X[:2]), d.survival_function(_X[:2]),
            d.log_survival_function(_X[:2]), d.entropy(), d.mean(), d.stddev(), d.variance(), d.mode()]
    return [_ops(tf)[:8], static(outs), _run(tf, outs), repr(d.reparameterization_type)]


@case
def laplace_sample(tf):
    d = tf.distributions.Laplace(loc=2.0, scale=[1.0, 3.0])
    s = d.sample([2000], seed=4)
    mean, = _run(tf, [tf.reduce_mean(s, 0)])
    return [static([s]), np.round(mean / 2.0, 0), _ops(tf)[-6:]]
