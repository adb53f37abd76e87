"""The candidate samplers' draws (range, uniqueness, distribution, seeding) and expected counts
(TensorFlow's formulas, whatever the draws), which conformance goldens cannot pin down."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.sampling import c_math, candidate_sampling

_TRUE = np.array([[0, 1], [7, 49], [99, 3]], np.int64)


def _log_uniform_p(c, size):
    c = np.asarray(c, np.float64)
    return (np.log((c + 2.0) / (c + 1.0)) / np.log1p(size)).astype(np.float32)


def _tries_matching(p_true, p_sampled, out, num_sampled):
    """The numbers of tries for which TF's expected-count formula gives exactly ``out``'s counts."""
    _, true_count, sampled_count = out
    return [t for t in range(num_sampled, 20 * num_sampled)
            if np.array_equal(candidate_sampling._expected_count(p_true, num_sampled, t), true_count)
            and np.array_equal(candidate_sampling._expected_count(p_sampled, num_sampled, t), sampled_count)]


def _run(fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


@pytest.mark.parametrize("seed", range(5))
def test_log_uniform_unique_draws_and_counts(seed):
    with tf.Graph().as_default():
        out = _run(tf.nn.log_uniform_candidate_sampler(_TRUE, 2, 40, True, 100, seed=seed + 1))
    sampled = out[0]
    assert sampled.dtype == np.int64 and len(set(sampled.tolist())) == 40
    assert ((sampled >= 0) & (sampled < 100)).all()
    tries = _tries_matching(_log_uniform_p(_TRUE, 100), _log_uniform_p(sampled, 100), out, 40)
    assert len(tries) == 1  # one number of tries explains every count


def test_unique_tries_counted_as_tf_does():
    draws = iter([np.array([3, 3, 1, 3, 2, 5, 1])])
    values, tries = candidate_sampling._draw_unique(lambda n: next(draws), 3)
    assert values.tolist() == [3, 1, 2] and tries == 5


def test_no_rejection_gives_p_times_num_sampled():
    p = np.array([0.25, 0.5], np.float32)
    assert candidate_sampling._expected_count(p, 4, 4).tolist() == [1.0, 2.0]
    assert candidate_sampling._expected_count(p, 4, 6).tolist() == pytest.approx(1 - (1 - p) ** 6, rel=1e-6)


def test_log_uniform_distribution():
    with tf.Graph().as_default():
        s = tf.nn.log_uniform_candidate_sampler(_TRUE, 2, 20000, False, 100, seed=3)
        sampled = _run(s.sampled_candidates)
    freq = np.bincount(sampled, minlength=100) / sampled.size
    assert np.abs(freq - _log_uniform_p(np.arange(100), 100)).max() < 0.01


def test_uniform_distribution_and_counts():
    with tf.Graph().as_default():
        s = tf.nn.uniform_candidate_sampler(_TRUE, 2, 30000, False, 100, seed=4)
        sampled, true_count = _run([s.sampled_candidates, s.true_expected_count])
    counts = np.bincount(sampled, minlength=100)
    assert counts.min() > 200 and counts.max() < 400
    assert np.all(true_count == np.float32(0.01) * np.float32(30000))


def test_learned_unigram_follows_the_true_classes():
    with tf.Graph().as_default():
        tc = tf.placeholder(tf.int64, [None, 1])
        s = tf.nn.learned_unigram_candidate_sampler(tc, 1, 2000, False, 10, seed=5)
        with tf.Session() as sess:
            for _ in range(20):
                sess.run(s, {tc: np.full((50, 1), 7)})
            sampled, true_count = sess.run([s.sampled_candidates, s.true_expected_count], {tc: [[7], [2]]})
    total = 10 + 20 * 50
    assert true_count.ravel().tolist() == pytest.approx([1001 / total * 2000, 1 / total * 2000], rel=1e-6)
    assert (sampled == 7).mean() > 0.9


def test_learned_unigram_weights_are_per_session():
    with tf.Graph().as_default():
        s = tf.nn.learned_unigram_candidate_sampler([[3]], 1, 4, False, 4)
        first = [_run(s.true_expected_count) for _ in range(2)]
    assert first[0] == first[1] == pytest.approx(1.0)


def test_fixed_unigram_reserved_ids_never_drawn_and_distribution():
    with tf.Graph().as_default():
        s = tf.nn.fixed_unigram_candidate_sampler([[2]], 1, 20000, False, 5, unigrams=[1.0, 1.0, 2.0],
                                                  num_reserved_ids=2, seed=6)
        sampled = _run(s.sampled_candidates)
    freq = np.bincount(sampled, minlength=5) / sampled.size
    assert freq[:2].tolist() == [0.0, 0.0]
    assert freq[2:] == pytest.approx([0.25, 0.25, 0.5], abs=0.02)


def test_seeded_samplers_repeat_across_sessions_and_advance_within_one():
    with tf.Graph().as_default():
        s = tf.nn.uniform_candidate_sampler(_TRUE, 2, 5, True, 1000, seed=9)
        with tf.Session() as sess:
            a, b = sess.run(s.sampled_candidates), sess.run(s.sampled_candidates)
        with tf.Session() as sess:
            c = sess.run(s.sampled_candidates)
    assert a.tolist() == c.tolist() and a.tolist() != b.tolist()


def test_accidental_hits_drive_logits_to_minus_max():
    with tf.Graph().as_default():
        hits = tf.nn.compute_accidental_hits(tf.constant([[4, 4]], tf.int64), tf.constant([4], tf.int64), 2)
        indices, ids, weights = _run(list(hits))
    assert indices.tolist() == [0, 0] and ids.tolist() == [0, 0]
    assert (weights == -np.finfo(np.float32).max).all()


def test_samplers_are_not_differentiable():
    with tf.Graph().as_default():
        s = tf.nn.uniform_candidate_sampler(_TRUE, 2, 3, True, 100)
        assert tf.gradients(tf.reduce_sum(s.true_expected_count), [s.sampled_candidates]) == [None]


def test_the_sampling_ops_load_on_first_use():
    import subprocess
    import sys

    code = ("import sys, scopeflow as tf; assert 'scopeflow._src.ops.sampling.api' not in sys.modules; "
            "tf.nn.nce_loss; assert 'scopeflow._src.ops.sampling.api' in sys.modules; tf.random.all_candidate_sampler")
    subprocess.run([sys.executable, "-c", code], check=True)


# Outputs of TensorFlow 2.21's kernels (unique=True, so some tries were rejected), the counts as
# float32 bit patterns: scopeflow's formula must give exactly these counts for some number of tries.
_TF_LOG_UNIFORM = ([0, 42, 21, 5, 31, 43, 1, 6, 14, 9, 34, 4],
                   [1064591435, 1062429559, 1053210068, 1033939884, 1025807112, 1058810124],
                   [1064591435, 1035559546, 1043071272, 1056145236, 1039430614, 1035298335, 1062429559, 1054533886,
                    1047553687, 1051170553, 1038150035, 1057552676])
_TF_FIXED_UNIGRAM = ([83, 57, 55, 72, 56, 84, 99, 44, 94, 68, 43, 80],
                     [1012142812, 1017133482, 1026942255, 1040383725, 1044403506, 1022474368],
                     [1043257206, 1041129351, 1040947836, 1042403617, 1041038977, 1043331946, 1044403506, 1039589551,
                      1044056070, 1042077484, 1039385307, 1043030263])


def _tf_counts(recorded):
    sampled, true_bits, sampled_bits = recorded
    as_float = lambda bits: np.array(bits, np.uint32).view(np.float32)  # noqa: E731
    return np.array(sampled), (None, as_float(true_bits).reshape(3, 2), as_float(sampled_bits))


def test_expected_counts_equal_tensorflows_bit_for_bit():
    sampled, out = _tf_counts(_TF_LOG_UNIFORM)
    assert _tries_matching(_log_uniform_p(_TRUE, 100), _log_uniform_p(sampled, 100), out, 12)
    weights = candidate_sampling._distort(np.arange(1, 101, dtype=np.float32), np.float32(0.6))
    total = np.cumsum(weights, dtype=np.float32)[-1]
    sampled, out = _tf_counts(_TF_FIXED_UNIGRAM)
    assert _tries_matching(weights[_TRUE] / total, weights[sampled] / total, out, 12)


@pytest.mark.skipif(c_math.FUNCTIONS is None, reason="no C math library")
def test_expm1f_is_the_c_librarys_bit_for_bit():
    x = -(10 ** np.random.default_rng(3).uniform(-9, 2.2, 200_000)).astype(np.float32)
    x = np.concatenate([x, -x[:1000], np.array([0.0, -0.0, -np.inf, np.inf, np.nan, -18.714974, -0.3465736,
                                                0.3465735, 2.0**-25, -(2.0**-26)], np.float32)])
    want = c_math.each(c_math.FUNCTIONS["expm1f"], x)
    assert np.array_equal(c_math.expm1f(x).view(np.uint32), want.view(np.uint32))
    if c_math._VECTORISED:  # fdlibm's algorithm, as glibc's: checked here on many more arguments than on first use
        small = np.abs(x) <= np.float32(0.3465735)
        assert small.sum() > 50_000
        assert np.array_equal(c_math._fdlibm_expm1f_unreduced(x[small]).view(np.uint32), want[small].view(np.uint32))
