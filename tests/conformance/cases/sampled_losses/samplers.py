"""The candidate sampler ops and ``compute_accidental_hits``."""

import os
import tempfile

import numpy as np

from tests.conformance.cases._nn_helpers import static
from tests.conformance.harness import case, op_summary, raises, run_error

_TRUE = np.array([[1, 2], [3, 4], [0, 9]], np.int64)


def _graph(tf, outs):
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(list(outs))}


def _run(tf, t):
    with tf.Session() as sess:
        return sess.run(t)


@case
def sampler_graphs(tf):
    tc = tf.constant(_TRUE)
    outs = [*tf.nn.uniform_candidate_sampler(tc, 2, 3, True, 10),
            *tf.nn.log_uniform_candidate_sampler(tc, 2, 4, False, 10, name="logu"),
            *tf.nn.learned_unigram_candidate_sampler(tc, 2, 5, True, 20),
            *tf.nn.fixed_unigram_candidate_sampler(tc, 2, 2, False, 10, unigrams=[1.0] * 10),
            *tf.nn.all_candidate_sampler(tc, 2, 6, True),
            *tf.random.uniform_candidate_sampler(tc, 2, 3, False, 10)]
    return _graph(tf, outs)


@case
def sampler_output_fields(tf):
    s = tf.nn.log_uniform_candidate_sampler(tf.constant(_TRUE), 2, 4, False, 10)
    return {"fields": list(s._fields), "sampled": s.sampled_candidates.name, "true": s.true_expected_count.name}


@case
def sampler_unknown_batch(tf):
    tc = tf.placeholder(tf.int64, [None, 3], name="tc")
    return _graph(tf, tf.nn.uniform_candidate_sampler(tc, 3, 4, True, 10))


@case
def sampler_seeds(tf):
    tc = tf.constant(_TRUE)
    a = tf.nn.uniform_candidate_sampler(tc, 2, 3, True, 10, seed=5)
    tf.set_random_seed(7)
    b = tf.nn.log_uniform_candidate_sampler(tc, 2, 3, True, 10)
    c = tf.nn.log_uniform_candidate_sampler(tc, 2, 3, True, 10, seed=3)
    return [[t.op.get_attr("seed"), t.op.get_attr("seed2")] for t in (a[0], b[0], c[0])]


@case
def uniform_expected_counts_not_unique(tf):
    s = tf.nn.uniform_candidate_sampler(tf.constant(_TRUE), 2, 4, False, 10)
    true_count, sampled_count = _run(tf, [s.true_expected_count, s.sampled_expected_count])
    return {"true": true_count, "sampled": sampled_count}


@case
def log_uniform_true_expected_counts_not_unique(tf):
    tc = tf.constant([[0, 1], [7, 49], [99, 3]], tf.int64)
    return _run(tf, tf.nn.log_uniform_candidate_sampler(tc, 2, 5, False, 100).true_expected_count)


@case
def log_uniform_sampled_in_range(tf):
    s = tf.nn.log_uniform_candidate_sampler(tf.constant(_TRUE), 2, 50, True, 60, seed=1)
    sampled = _run(tf, s.sampled_candidates)
    return {"unique": len(set(sampled.tolist())) == 50, "in_range": bool(((sampled >= 0) & (sampled < 60)).all())}


@case
def learned_unigram_counts_grow(tf):
    tc = tf.placeholder(tf.int64, [None, 2], name="tc")
    s = tf.nn.learned_unigram_candidate_sampler(tc, 2, 3, False, 10)
    with tf.Session() as sess:
        first = sess.run(s.true_expected_count, {tc: [[1, 2], [1, 3]]})
        second = sess.run(s.true_expected_count, {tc: [[1, 2], [5, 0]]})
        third = sess.run(s.true_expected_count, {tc: [[1, 1]]})
    return [first, second, third]


@case
def fixed_unigram_counts(tf):
    s = tf.nn.fixed_unigram_candidate_sampler(tf.constant([[0, 4], [2, 3]], tf.int64), 2, 3, False, 5,
                                              unigrams=[1.0, 2.0, 3.0, 4.0, 10.0])
    return _run(tf, s.true_expected_count)


@case
def fixed_unigram_distortion_reserved_shards(tf):
    s = tf.nn.fixed_unigram_candidate_sampler(tf.constant([[0, 1], [2, 5], [4, 3]], tf.int64), 2, 4, False, 6,
                                              unigrams=[1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], num_reserved_ids=2,
                                              num_shards=2, shard=1, distortion=0.75)
    return _run(tf, s.true_expected_count)


@case
def fixed_unigram_vocab_file(tf):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "vocab.txt")
        with open(path, "w") as f:
            f.write("the,50\nof,20.5\ncat,3\ndog,1\n")
        s = tf.nn.fixed_unigram_candidate_sampler(tf.constant([[0], [2], [3]], tf.int64), 1, 2, False, 4,
                                                  vocab_file=path, distortion=0.5)
        return _run(tf, s.true_expected_count)


@case
def fixed_unigram_sampled_never_reserved(tf):
    s = tf.nn.fixed_unigram_candidate_sampler(tf.constant([[1, 2], [3, 4], [0, 5]], tf.int64), 2, 3, True, 6,
                                              unigrams=[1.0] * 3, num_reserved_ids=3)
    sampled = _run(tf, s.sampled_candidates)
    return sorted(sampled.tolist())


@case
def all_candidate_sampler_values(tf):
    s = tf.nn.all_candidate_sampler(tf.constant([[1, 2], [3, 4], [0, 4]], tf.int64), 2, 5, True)
    return _run(tf, list(s))


@case
def all_candidate_sampler_not_unique(tf):
    s = tf.random.all_candidate_sampler(tf.constant([[3]], tf.int64), 1, 4, False)
    return _run(tf, list(s))


@case
def accidental_hits_values(tf):
    hits = tf.nn.compute_accidental_hits(tf.constant([[1, 2], [3, 1], [2, 2]], tf.int64),
                                         tf.constant([2, 5, 1, 2], tf.int64), 2)
    return {"outs": static(list(hits)), "values": _run(tf, list(hits)), "fields": list(hits._fields)}


@case
def accidental_hits_none(tf):
    hits = tf.nn.compute_accidental_hits(tf.constant([[1], [3]], tf.int64), tf.constant([7, 8], tf.int64), 1,
                                         name="hits")
    return {"outs": static(list(hits)), "values": _run(tf, list(hits))}


# -- errors ----------------------------------------------------------------------------------------------------
@case
def error_num_sampled_zero(tf):
    return raises(tf.nn.log_uniform_candidate_sampler, tf.constant(_TRUE), 2, 0, True, 10)


@case
def error_true_classes_rank(tf):
    return raises(tf.nn.uniform_candidate_sampler, tf.constant([1, 2], tf.int64), 1, 2, True, 10)


@case
def error_true_classes_int32(tf):
    return raises(tf.nn.uniform_candidate_sampler, tf.constant([[1, 2]]), 2, 2, True, 10)


@case
def error_num_true_columns(tf):
    return run_error(tf, tf.nn.log_uniform_candidate_sampler(tf.constant(_TRUE), 3, 4, True, 10))


@case
def error_range_too_small(tf):
    return run_error(tf, tf.nn.uniform_candidate_sampler(tf.constant(_TRUE), 2, 11, True, 10))


@case
def not_unique_more_than_range(tf):
    s = tf.nn.uniform_candidate_sampler(tf.constant(_TRUE), 2, 11, False, 10)
    sampled = _run(tf, s.sampled_candidates)
    return {"shape": list(sampled.shape), "in_range": bool(((sampled >= 0) & (sampled < 10)).all())}


@case
def error_fixed_unigram_no_distribution(tf):
    return run_error(tf, tf.nn.fixed_unigram_candidate_sampler(tf.constant(_TRUE), 2, 3, True, 10))


@case
def error_fixed_unigram_both(tf):
    s = tf.nn.fixed_unigram_candidate_sampler(tf.constant(_TRUE), 2, 3, True, 10, vocab_file="/no/such/vocab",
                                              unigrams=[1.0] * 10)
    return run_error(tf, s)


@case
def error_fixed_unigram_range(tf):
    return run_error(tf, tf.nn.fixed_unigram_candidate_sampler(tf.constant(_TRUE), 2, 3, True, 10,
                                                               unigrams=[1.0] * 9))


@case
def error_fixed_unigram_missing_file(tf):
    return run_error(tf, tf.nn.fixed_unigram_candidate_sampler(tf.constant(_TRUE), 2, 3, True, 10,
                                                               vocab_file="/no/such/vocab"))


@case
def error_learned_unigram_out_of_range(tf):
    return run_error(tf, tf.nn.learned_unigram_candidate_sampler(tf.constant([[1, 20]], tf.int64), 2, 3, False,
                                                                 10))


@case
def error_learned_unigram_range_max(tf):
    return raises(tf.nn.learned_unigram_candidate_sampler, tf.constant(_TRUE), 2, 3, False, 2**31)


@case
def error_true_class_out_of_range(tf):
    return run_error(tf, tf.nn.all_candidate_sampler(tf.constant([[1, 20]], tf.int64), 2, 3, True))


@case
def error_negative_true_class(tf):
    return run_error(tf, tf.nn.uniform_candidate_sampler(tf.constant([[-1, 20]], tf.int64), 2, 3, True, 10))


@case
def error_accidental_hits_num_true(tf):
    return raises(tf.nn.compute_accidental_hits, tf.constant(_TRUE), tf.constant([1, 2], tf.int64), 3)


@case
def error_accidental_hits_sampled_rank(tf):
    return raises(tf.nn.compute_accidental_hits, tf.constant(_TRUE), tf.constant([[1]], tf.int64), 2)


@case
def error_accidental_hits_run(tf):
    tc = tf.placeholder_with_default(_TRUE, None)
    return run_error(tf, list(tf.nn.compute_accidental_hits(tc, tf.constant([1, 2], tf.int64), 3)))


@case
def sampler_python_list_true_classes(tf):
    s = tf.nn.uniform_candidate_sampler([[1, 2], [3, 4]], 2, 3, False, 10)
    return {"outs": static(list(s)), "ops": op_summary(tf.get_default_graph()), "true": _run(tf, s.true_expected_count)}


@case
def accidental_hits_int32_error(tf):
    return raises(tf.nn.compute_accidental_hits, tf.constant([[1]]), tf.constant([1], tf.int64), 1)


@case
def sampler_num_true_mismatch_static(tf):
    s = tf.nn.log_uniform_candidate_sampler(tf.constant(_TRUE), 3, 2, False, 10)
    return {"outs": static(list(s)), "run": run_error(tf, s.true_expected_count)}
