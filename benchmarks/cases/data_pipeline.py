"""``data_pipeline``: one epoch of a ``tf.data`` input pipeline over 60,000 28x28 uint8 images
(MNIST's size), as a TF1 training script feeds its model::

    Dataset.from_tensor_slices((images, labels))
        .shuffle(10000, seed=1)
        .map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y))
        .batch(128)
        .prefetch(1)

read through ``make_one_shot_iterator().get_next()`` fetched in a loop until
``OutOfRangeError``: 469 batches (468 of 128 and one of 96). ``epoch_s`` is the time from the
first ``sess.run`` to the end of the data; it splits into ``first_batch_s`` (the first
``sess.run``, which starts the iterator and fills the shuffle buffer: TensorFlow spends seconds
there, packing the 47 MB of images into the iterator's dataset function) and ``ms_per_batch``
(each later batch, the steady state a training loop sees). ``build_s`` is the time to build the
pipeline and its iterator in a fresh graph. Every image and label is checked to have come
through once, and the first batch to have been shuffled.
"""

import time

import numpy as np

NAME = "data_pipeline"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"epoch_s": "s", "first_batch_s": "s", "ms_per_batch": "ms", "build_s": "s"}
TARGETS = {"epoch_s": 1.0, "ms_per_batch": 1.0}


def make_data(count, seed=0):
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(count, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=count).astype(np.int64)
    return images, labels


def build(tf, images, labels):
    """The pipeline and its iterator's ``get_next()`` in the default graph."""
    ds = tf.data.Dataset.from_tensor_slices((images, labels))
    ds = ds.shuffle(10000, seed=1)
    ds = ds.map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y))
    ds = ds.batch(128)
    ds = ds.prefetch(1)
    return tf.data.make_one_shot_iterator(ds).get_next()


def epoch(tf, sess, nxt, times):
    """Fetch every batch, appending the time after each to ``times``; return (batches, images,
    sum of every image's first pixel, sum of labels, the first batch's labels)."""
    batches = seen = 0
    first = None
    pixels = 0.0
    label_sum = 0
    while True:
        try:
            x, y = sess.run(nxt)
        except tf.errors.OutOfRangeError:
            return batches, seen, pixels, label_sum, first
        times.append(time.perf_counter())
        first = y if first is None else first
        batches += 1
        seen += len(y)
        pixels += float(x[:, 0, 0].sum())  # a cheap fingerprint of the images
        label_sum += int(y.sum())


def measure(tf, impl, quick):
    count = 6_000 if quick else 60_000
    images, labels = make_data(count)
    graph = tf.Graph()
    with graph.as_default():
        start = time.perf_counter()
        nxt = build(tf, images, labels)
        build_s = time.perf_counter() - start
        with tf.Session(graph=graph) as sess:
            times = [time.perf_counter()]
            batches, seen, pixels, label_sum, first = epoch(tf, sess, nxt, times)
            end = time.perf_counter()
    want = (-(-count // 128), count, float(images[:, 0, 0].sum()) / 255.0, int(labels.sum()))
    got = (batches, seen, pixels, label_sum)
    if got[:2] != want[:2] or got[3] != want[3] or abs(got[2] - want[2]) > 1e-3 * max(1.0, want[2]):
        raise AssertionError(f"{impl}: the epoch gave (batches, images, pixels, labels) {got}, not {want}")
    if np.array_equal(first, labels[:len(first)]):  # a 10,000-element buffer cannot keep the order
        raise AssertionError(f"{impl}: the first batch came unshuffled")
    return {"epoch_s": end - times[0], "first_batch_s": times[1] - times[0],
            "ms_per_batch": (times[-1] - times[1]) / (len(times) - 2) * 1000, "build_s": build_s}
