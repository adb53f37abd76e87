"""``Dataset.cache(filename)``: the files a full pass leaves (TF's tensor bundle), a later
pipeline reading a finished cache instead of its own input, a pass that stops early leaving
nothing, two iterators writing one cache (``AlreadyExistsError``), a cache read as another
dtype, a cache in a missing directory, an empty cache. Every pass here reads to the end of
its sequence or stops in a fresh session, never relying on TF's injected prefetch."""

import os
import re

import numpy as np

from tests.conformance.cases.data_dataset._helpers import TempDir, drain, next_values, value
from tests.conformance.harness import case, raises_last_line


def _files(d):
    return sorted(os.listdir(d.root))


def _elements():
    return (np.array([1, 2, 3], np.int64), np.array([b"a", b"bb\x00c", b""]),
            np.array([[0.5, -1], [2, 3], [4, 5]], np.float16), np.array([True, False, True]))


@case
def cache_file_written_at_end(tf):
    with TempDir() as d:
        ds = tf.data.Dataset.from_tensor_slices(_elements()).cache(d.path("c"))
        it = tf.data.make_initializable_iterator(ds)
        nxt = it.get_next()
        with tf.Session() as sess:
            sess.run(it.initializer)
            first = value(sess.run(nxt))
            writing = [re.sub(r"tempstate\d+", "tempstate<n>", f) for f in _files(d)]
            rest = next_values(tf, sess, nxt)
            sizes = [os.path.getsize(d.path(f)) for f in _files(d)]
            return {"first": first, "writing": writing, "rest": rest, "files": _files(d), "sizes": sizes}


@case
def cache_file_read_by_another_pipeline(tf):
    with TempDir() as d:
        drain(tf, tf.data.Dataset.from_tensor_slices(_elements()).cache(d.path("c")))
        other = tf.data.Dataset.from_tensor_slices(tuple(v[::-1][:1] for v in _elements())).cache(d.path("c"))
        return {"read": drain(tf, other), "files": _files(d)}


@case
def cache_file_repeated_reads_the_file(tf):
    with TempDir() as d:
        ds = tf.data.Dataset.zip((tf.data.Dataset.range(3), tf.data.Dataset.from_tensor_slices(["x", "", "zz"])))
        ds = ds.map(lambda i, s: (i * 2, s))
        return {"values": drain(tf, ds.cache(d.path("r")).repeat(2)), "files": _files(d)}


@case
def cache_file_partial_pass_leaves_nothing(tf):
    with TempDir() as d:
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(5).cache(d.path("p"))).get_next()
        with tf.Session() as sess:
            taken = [value(sess.run(nxt)) for _ in range(2)]
        after_close = _files(d)
        again = drain(tf, tf.data.Dataset.range(10, 13).cache(d.path("p")))
        return {"taken": taken, "after_close": after_close, "again": again, "files": _files(d)}


@case
def cache_file_reinitialized_iterator_rewrites(tf):
    with TempDir() as d:
        it = tf.data.make_initializable_iterator(tf.data.Dataset.range(4).cache(d.path("i")))
        nxt = it.get_next()
        with tf.Session() as sess:
            sess.run(it.initializer)
            first = value(sess.run(nxt))
            sess.run(it.initializer)
            files = _files(d)
            return {"first": first, "files_after_reinit": files, "values": next_values(tf, sess, nxt),
                    "files": _files(d)}


@case
def cache_file_two_writers(tf):
    with TempDir() as d:
        ds = tf.data.Dataset.range(5).cache(d.path("k"))
        a = tf.data.make_one_shot_iterator(ds).get_next()
        b = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            first = value(sess.run(a))
            got = raises_last_line(sess.run, b)
            if "message" in got:
                got["message"] = re.sub(r"Created at: \d+", "Created at: <time>", got["message"])
            rest = next_values(tf, sess, a)
        return d.clean({"first": first, "second": got, "rest": rest, "files": _files(d)})


@case
def cache_file_read_as_another_dtype(tf):
    with TempDir() as d:
        drain(tf, tf.data.Dataset.range(2).cache(d.path("t")))
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.from_tensors(1.5).cache(d.path("t"))).get_next()
        with tf.Session() as sess:
            return raises_last_line(sess.run, nxt)


@case
def cache_file_missing_directory(tf):
    with TempDir() as d:
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2).cache(d.path("no/x"))).get_next()
        with tf.Session() as sess:
            return d.clean([raises_last_line(sess.run, nxt) for _ in range(2)])


@case
def cache_file_of_no_elements(tf):
    with TempDir() as d:
        first = drain(tf, tf.data.Dataset.range(0).cache(d.path("e")))
        files = _files(d)
        return {"first": first, "files": files, "again": drain(tf, tf.data.Dataset.range(3).cache(d.path("e")))}


@case
def cache_file_graph(tf):
    tf.data.Dataset.range(2).cache("/tmp/somewhere")
    return [[op.name, op.type, [i.name for i in op.inputs]] for op in tf.get_default_graph().get_operations()]
