"""``ParseExampleV2``'s two decoders agree: the NumPy batch path (``example_fast.py``) gives
what the exact path (``example_batch.py``) gives, and hands every batch it cannot read to it.
TF's names, shapes and messages are checked by the ``parse_example`` conformance area."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.parsing import example_batch, example_fast
from scopeflow._src.ops.parsing.example_batch import Spec
from tests.conformance.cases.parse_example._helpers import example, feature


def _feature(values):
    return feature(tf, values)


def _example(**features):
    return example(tf, **features)


def _int64s(values):
    return tf.train.Feature(int64_list=tf.train.Int64List(value=values))  # an empty list keeps its type


def _random_records(rng, n):
    records = []
    for i in range(n):
        features = {"img": [rng.bytes(int(rng.integers(0, 40)))],
                    "ids": [int(v) for v in rng.integers(-2**63, 2**63, int(rng.integers(0, 5)), dtype=np.int64)],
                    "w": [float(v) for v in rng.normal(size=3).astype(np.float32)],
                    "seq": [int(v) for v in rng.integers(0, 300, 2 * int(rng.integers(0, 4)))]}
        if i % 3:
            features["opt"] = [float(i)]
        features[f"other{i % 4}"] = [b"x"]
        feature = {k: _int64s(v) if k in ("ids", "seq") else _feature(v) for k, v in features.items()}
        records.append(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())
    return records


_SPARSE = [Spec.of(b"ids", tf.int64), Spec.of(b"img", tf.string)]
_DENSE = [Spec.of(b"w", tf.float32, tf.TensorShape([3])), Spec.of(b"opt", tf.float32, tf.TensorShape([])),
          Spec.of(b"seq", tf.int64, tf.TensorShape([None, 2]))]
_DEFAULTS = [np.zeros(0, np.float32), np.array(-1.0, np.float32), np.array(7, np.int64)]


def _exact(records, sparse, dense, defaults):
    examples = example_batch.decode_records(records)
    triples = [example_batch.sparse_output(examples, s, [], False) for s in sparse]
    arrays = [(example_batch.sequence_output if s.shape and s.shape[0] is None else example_batch.dense_output)(
        examples, s, d, [], False) for s, d in zip(dense, defaults)]
    return [t[0] for t in triples] + [t[1] for t in triples] + [t[2] for t in triples] + arrays


def _assert_same(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        assert g.tolist() == w.tolist()


@pytest.mark.parametrize("seed", range(4))
def test_the_numpy_path_gives_the_exact_paths_values(seed):
    records = _random_records(np.random.default_rng(seed), 50)
    fast = example_fast.outputs(records, _SPARSE, _DENSE, _DEFAULTS)
    assert fast is not None
    _assert_same(list(fast), _exact(records, _SPARSE, _DENSE, _DEFAULTS))


@pytest.mark.parametrize("records", [
    [_example(w=[1.0, 2.0, 3.0]), _example(w=[1.0])],                         # wrong number of values
    [_example(w=[1.0, 2.0, 3.0]), _example(opt=[1.0])],                       # a required feature missing
    [_example(w=[1, 2, 3])],                                                   # wrong type
    [_example(w=[1.0, 2.0, 3.0]) + _example(opt=[2.0])],                       # merged records
    [_example(w=[1.0, 2.0, 3.0], seq=[1, 2, 3])],                             # not a multiple of the row
    [b"\x0a\x03\x0a\x01"],                                                     # cut short
    [_example(w=[1.0, 2.0, 3.0], ids=[])],                                    # an empty Feature
])
def test_batches_the_numpy_path_cannot_read_go_to_the_exact_path(records):
    assert example_fast.outputs(records, _SPARSE, _DENSE, _DEFAULTS) is None


def test_a_session_parses_a_large_batch_as_the_exact_path_does():
    records = _random_records(np.random.default_rng(9), 300)
    with tf.Graph().as_default():
        parsed = tf.io.parse_example(records, {
            "ids": tf.io.VarLenFeature(tf.int64), "w": tf.io.FixedLenFeature([3], tf.float32),
            "opt": tf.io.FixedLenFeature([], tf.float32, default_value=-1.0),
            "seq": tf.io.FixedLenSequenceFeature([2], tf.int64, allow_missing=True, default_value=7)})
        got = tf.Session().run(parsed)
    want = _exact(records, _SPARSE[:1], _DENSE, _DEFAULTS)
    _assert_same([got["ids"].indices, got["ids"].values, got["ids"].dense_shape, got["opt"], got["seq"], got["w"]],
                 [want[0], want[1], want[2], want[4], want[5], want[3]])


@pytest.mark.parametrize("records", [
    [_example(w=[1.0, 2.0, 3.0], ids=[1, 300]), _example(w=[4.0, 5.0, 6.0], ids=[300, 1])],  # varints move
    [_example(w=[1.0, 2.0, 3.0], ids=[5]), _example(w=[1.0, 2.0, 3.0], img=[b"x"])],          # other keys
    [_example(w=[1.0, 2.0, 3.0], img=[b"ab"]), _example(w=[1.0, 2.0, 3.0], img=[b"cd"])],    # one layout
])
def test_records_of_one_length_parse_as_the_exact_path_parses_them(records):
    assert len(set(map(len, records))) == 1
    dense = _DENSE[:1]
    _assert_same(list(example_fast.outputs(records, _SPARSE, dense, _DEFAULTS[:1])),
                 _exact(records, _SPARSE, dense, _DEFAULTS[:1]))


def _mutated(rng, records):
    """``records`` with a few of them damaged: a byte changed, the end cut off, or bytes put in."""
    records = list(records)
    for _ in range(int(rng.integers(1, 4))):
        i = int(rng.integers(len(records)))
        r = bytearray(records[i])
        kind = int(rng.integers(3))
        if kind == 0 and r:
            r[int(rng.integers(len(r)))] = int(rng.integers(256))
        elif kind == 1 and r:
            del r[int(rng.integers(len(r))):]
        else:
            r[int(rng.integers(len(r) + 1)):0] = bytes(rng.integers(0, 256, int(rng.integers(1, 4))).tolist())
        records[i] = bytes(r)
    return records


def test_damaged_batches_the_numpy_path_reads_are_read_as_the_exact_path_reads_them():
    rng = np.random.default_rng(5)
    base = _random_records(rng, 40)
    for _ in range(150):
        records = _mutated(rng, base)
        fast = example_fast.outputs(records, _SPARSE, _DENSE, _DEFAULTS)
        if fast is not None:  # else the exact path parses the batch, or words TF's error
            _assert_same(list(fast), _exact(records, _SPARSE, _DENSE, _DEFAULTS))
