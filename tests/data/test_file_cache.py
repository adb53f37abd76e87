"""``Dataset.cache(filename)``: files written whole or not at all, every dtype read back exactly,
one cache shared by passes, iterators and sessions, and TensorFlow reading our cache (and we
TensorFlow's) byte for byte where the reference TensorFlow is installed."""

import os
import subprocess

import numpy as np
import pytest

import scopeflow as tf
from tests.data._helpers import drain, run_threads

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))

COMPONENTS = (np.array([1, -2], np.int64), np.array([b"a\x00", b""], object), np.array([[1.5, 2], [3, 4]], np.float16),
              np.array([True, False]), np.array([1 + 2j, 3j], np.complex128), np.array([7, 255], np.uint8),
              np.array([2 ** 40, -1], np.int64), np.array([0.1, -0.0], np.float64))


def _cached(path, components=COMPONENTS):
    with tf.Graph().as_default():
        return drain(tf.data.Dataset.from_tensor_slices(components).cache(path))[1]


def test_every_dtype_comes_back_exactly_from_the_files(tmp_path):
    prefix = str(tmp_path / "c")
    written = _cached(prefix)
    assert sorted(os.listdir(tmp_path)) == ["c.data-00000-of-00001", "c.index"]
    read = _cached(prefix, tuple(c[:0] for c in COMPONENTS))  # an empty input: the cache is read instead
    assert len(read) == len(written) == 2
    for got, want in zip(read, written):
        for g, w in zip(got, want):
            assert np.asarray(g).dtype == np.asarray(w).dtype
            assert np.asarray(g).tobytes() == np.asarray(w).tobytes()


def test_nothing_readable_while_a_pass_writes(tmp_path):
    prefix = str(tmp_path / "w")
    with tf.Graph().as_default():
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(3).cache(prefix)).get_next()
        with tf.Session() as sess:
            sess.run(nxt)
            names = sorted(os.listdir(tmp_path))
            assert names[1] == "w_0.lockfile" and names[0].startswith("w_0.data-00000-of-00001.tempstate")
            assert not os.path.exists(prefix + ".index")
    assert os.listdir(tmp_path) == []  # the session closed early: nothing kept


def test_a_cache_is_shared_by_sessions_and_repeats(tmp_path):
    prefix = str(tmp_path / "s")
    with tf.Graph().as_default():
        source = tf.data.Dataset.from_tensor_slices(["x", "yy"]).cache(prefix)
        _, first = drain(source.repeat(3))
        assert first == [b"x", b"yy"] * 3
    with tf.Graph().as_default():
        _, again = drain(tf.data.Dataset.from_tensor_slices(["other"]).cache(prefix))
    assert again == [b"x", b"yy"]


def test_second_writer_is_refused_until_the_first_finishes(tmp_path):
    prefix = str(tmp_path / "k")
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(3).cache(prefix)
        a = tf.data.make_one_shot_iterator(ds).get_next()
        b = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            sess.run(a)
            with pytest.raises(tf.errors.AlreadyExistsError, match="concurrent caching iterator running"):
                sess.run(b)
            assert [sess.run(a) for _ in range(2)] == [1, 2]
            with pytest.raises(tf.errors.OutOfRangeError):
                sess.run(a)
            assert sess.run(b) == 0  # the cache is complete now: b reads it


def test_threads_reading_one_cache(tmp_path):
    prefix = str(tmp_path / "t")
    with tf.Graph().as_default():
        drain(tf.data.Dataset.range(50).cache(prefix))
        results, errors = [], []

        def read():
            try:
                with tf.Graph().as_default():
                    results.append([int(v) for v in drain(tf.data.Dataset.range(0).cache(prefix))[1]])
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        run_threads(read, 4)
    assert errors == [] and results == [list(range(50))] * 4


def test_sparse_components_cannot_go_to_a_file(tmp_path):
    with tf.Graph().as_default():
        sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
        with pytest.raises(tf.errors.UnimplementedError, match="Data type variant not supported for saving"):
            drain(tf.data.Dataset.from_tensor_slices(sp).cache(str(tmp_path / "sp")))
    assert os.listdir(tmp_path) == []


TF_SCRIPT = r"""
import os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
ours, theirs = sys.argv[1], sys.argv[2]
empty = (np.zeros([0], np.int64), np.zeros([0], object), np.zeros([0, 2], np.float16), np.zeros([0], bool),
         np.zeros([0], np.complex128), np.zeros([0], np.uint8), np.zeros([0], np.int64), np.zeros([0], np.float64))
nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.from_tensor_slices(empty).cache(ours)).get_next()
with tf.Session() as sess:
    print(repr([tuple(np.asarray(c).tolist() for c in sess.run(nxt)) for _ in range(2)]))
full = (np.array([5, 6], np.int64), np.array([b"t", b"f\x00"], object), np.ones([2, 2], np.float16),
        np.array([False, True]), np.array([1j, 2], np.complex128), np.array([1, 2], np.uint8),
        np.array([3, 4], np.int64), np.array([0.5, 0.25]))
nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.from_tensor_slices(full).cache(theirs)).get_next()
with tf.Session() as sess:
    try:
        while True:
            sess.run(nxt)
    except tf.errors.OutOfRangeError:
        pass
"""


@pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")
def test_tensorflow_reads_our_cache_and_we_read_its(tmp_path):
    ours, theirs = str(tmp_path / "ours"), str(tmp_path / "theirs")
    written = _cached(ours)
    out = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, ours, theirs], capture_output=True, text=True, timeout=300,
                         check=True).stdout
    want = [tuple(np.asarray(c).tolist() for c in element) for element in written]
    assert out.strip().splitlines()[-1] == repr(want)
    read = _cached(theirs, tuple(c[:0] for c in COMPONENTS))
    assert [int(e[0]) for e in read] == [5, 6] and [e[1] for e in read] == [b"t", b"f\x00"]
    again = str(tmp_path / "again")
    _cached(again, tuple(np.array(list(c), dtype=w.dtype) for c, w in zip(zip(*read), COMPONENTS)))
    for suffix in (".index", ".data-00000-of-00001"):  # the same elements give TF's very bytes
        assert open(again + suffix, "rb").read() == open(theirs + suffix, "rb").read()
