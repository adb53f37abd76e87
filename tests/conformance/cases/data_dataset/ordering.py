"""Order and count: ``shuffle`` (multisets only, and the orders TF fixes by spec), ``repeat``,
``take``, ``skip``, ``prefetch``, ``cache``, ``concatenate``, ``enumerate``, ``apply``."""

from tests.conformance.cases.data_dataset._helpers import (
    TempDir,
    drain,
    graph_ops,
    outcomes,
    sorted_values,
    structure,
)
from tests.conformance.harness import case, raises


@case
def shuffle_seeded_is_a_permutation(tf):
    ds = tf.data.Dataset.range(30).shuffle(10, seed=42)
    return {"structure": structure(tf, ds), "multiset": sorted_values(drain(tf, ds))}


@case
def shuffle_buffer_of_one_keeps_order(tf):
    return drain(tf, tf.data.Dataset.range(6).shuffle(1, seed=7))


@case
def shuffle_same_seed_same_order(tf):
    tf.set_random_seed(5)
    ds = tf.data.Dataset.range(20).shuffle(20, seed=3)
    return drain(tf, ds) == drain(tf, ds)


@case
def shuffle_each_epoch_is_a_permutation(tf):
    got = drain(tf, tf.data.Dataset.range(8).shuffle(8, seed=1, reshuffle_each_iteration=True).repeat(3))
    return [sorted_values(got[i * 8:(i + 1) * 8]) for i in range(3)] + [got[-1]]


@case
def shuffle_without_reshuffle_repeats_one_order(tf):
    got = drain(tf, tf.data.Dataset.range(10).shuffle(10, seed=2, reshuffle_each_iteration=False).repeat(2))
    return [got[:10] == got[10:20], sorted_values(got[:10]), got[-1]]


@case
def shuffle_tuple_elements_stay_together(tf):
    ds = tf.data.Dataset.from_tensor_slices((list(range(10)), [str(i) for i in range(10)])).shuffle(4, seed=9)
    pairs = [(int(a), b.decode()) for a, b in drain(tf, ds)[:-1]]
    return {"structure": structure(tf, ds), "pairs": sorted(pairs)}


@case
def shuffle_graph_ops(tf):
    ds = tf.data.Dataset.range(4).shuffle(4, seed=1)
    tf.data.make_one_shot_iterator(ds).get_next()
    return graph_ops(tf)


@case
def repeat_counts(tf):
    ds = tf.data.Dataset.range(2)
    return [drain(tf, ds.repeat(3)), drain(tf, ds.repeat(0)), drain(tf, ds.repeat().take(5)),
            drain(tf, ds.repeat(-1).take(3))]


@case
def take_and_skip(tf):
    ds = tf.data.Dataset.range(5)
    return {"take": [drain(tf, ds.take(2)), drain(tf, ds.take(0)), drain(tf, ds.take(-1)), drain(tf, ds.take(9))],
            "skip": [drain(tf, ds.skip(2)), drain(tf, ds.skip(0)), drain(tf, ds.skip(-1)), drain(tf, ds.skip(9))],
            "structure": structure(tf, ds.skip(1).take(1))}


@case
def take_skip_graph_ops(tf):
    ds = tf.data.Dataset.range(5).skip(1).take(2).repeat(2)
    tf.data.make_one_shot_iterator(ds).get_next()
    return graph_ops(tf)


@case
def prefetch_yields_everything(tf):
    ds = tf.data.Dataset.range(6).map(lambda x: x * 2).prefetch(2)
    auto = tf.data.Dataset.range(3).prefetch(tf.data.experimental.AUTOTUNE)
    return {"structure": structure(tf, ds), "values": drain(tf, ds), "autotune": drain(tf, auto)}


@case
def prefetch_graph_ops(tf):
    ds = tf.data.Dataset.range(3).batch(2).prefetch(1)
    tf.data.make_one_shot_iterator(ds).get_next()
    return graph_ops(tf)


@case
def cache_in_memory_runs_source_once(tf):
    calls = []

    def gen():
        calls.append(1)
        yield from range(3)

    ds = tf.data.Dataset.from_generator(gen, tf.int64, []).cache().repeat(3)
    return [drain(tf, ds), len(calls)]


@case
def cache_to_file(tf):
    with TempDir() as d:
        ds = tf.data.Dataset.range(4).map(lambda x: x * 10).cache(d.path("cache"))
        first = drain(tf, ds.repeat(2))
        again = drain(tf, ds)
        return {"first": first, "again": again, "structure": structure(tf, ds)}


@case
def concatenate_two(tf):
    a = tf.data.Dataset.from_tensor_slices(([1, 2], [[1.0, 1.0], [2.0, 2.0]]))
    b = tf.data.Dataset.from_tensor_slices(([3], [[3.0, 3.0]]))
    ds = a.concatenate(b)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def concatenate_merges_shapes(tf):
    a = tf.data.Dataset.from_tensors([1, 2])
    b = tf.data.Dataset.from_tensors([3, 4, 5])
    ds = a.concatenate(b)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def concatenate_incompatible(tf):
    a = tf.data.Dataset.range(2)
    return [raises(lambda: a.concatenate(tf.data.Dataset.from_tensor_slices([1.0]))),
            raises(lambda: a.concatenate(tf.data.Dataset.zip((a, a)))),
            raises(lambda: structure(tf, a.concatenate(tf.data.Dataset.from_tensors([1, 2]).map(
                lambda x: tf.cast(x, tf.int64)))))]


@case
def enumerate_elements(tf):
    ds = tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).enumerate()
    started = tf.data.Dataset.range(2).enumerate(start=5)
    return {"structure": structure(tf, ds), "values": drain(tf, ds), "started": drain(tf, started)}


@case
def apply_transformation(tf):
    ds = tf.data.Dataset.range(6).apply(lambda d: d.filter(lambda x: x % 2 > 0).map(lambda x: -x))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def apply_must_return_dataset(tf):
    return raises(lambda: tf.data.Dataset.range(3).apply(lambda d: 5))


@case
def repeat_after_error(tf):
    ds = tf.data.Dataset.from_tensor_slices(["1", "x"]).map(tf.strings.to_number).repeat(2)
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        return outcomes(tf, sess, nxt, 6)


@case
def shuffle_graph_seed_repeats_across_sessions(tf):
    tf.set_random_seed(11)
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(16).shuffle(16)).get_next()
    orders = []
    for _ in range(2):
        with tf.Session() as sess:
            orders.append([int(sess.run(nxt)) for _ in range(16)])
    return [orders[0] == orders[1], sorted(orders[0])]


@case
def repeat_then_batch_crosses_epochs(tf):
    return [drain(tf, tf.data.Dataset.range(5).repeat(2).batch(3)),
            drain(tf, tf.data.Dataset.range(5).batch(3).repeat(2))]
