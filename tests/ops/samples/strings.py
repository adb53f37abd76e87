"""String ops, against Python references (no gradients: their inputs are strings); TF's exact
results (hashes, regex rules, errors) are the ``strings`` conformance area's. The lookup-table
ops have no sample: their values are per-session tables (tested by the ``lookup`` area)."""

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.ops.lookup import api  # noqa: F401 - registers the lookup-table ops
from tests.ops.samples import exempt, sample

_WORDS = np.array([[b"Hello", b" world "], [b"a b  c", b""]], dtype=object)


def _each(fn, dtype=object):
    return lambda x: np.vectorize(fn, otypes=[dtype])(x)


@sample("StringJoin", [_WORDS, np.array(b"!", dtype=object)], lambda x, y: _each(lambda s: s + b"-!")(x), grad=False)
def _(tf, x, y):
    return tf.strings.join([x, y], separator="-")


@sample("StringLength", [_WORDS], _each(len, np.int32), grad=False)
def _(tf, x):
    return tf.strings.length(x)


@sample("StringUpper", [_WORDS], _each(bytes.upper), grad=False)
def _(tf, x):
    return tf.strings.upper(x)


@sample("StringLower", [_WORDS], _each(bytes.lower), grad=False)
def _(tf, x):
    return tf.strings.lower(x)


@sample("StringStrip", [_WORDS], _each(bytes.strip), grad=False)
def _(tf, x):
    return tf.strings.strip(x)


@sample("Substr", [_WORDS], _each(lambda s: s[0:2]), grad=False)
def _(tf, x):
    return tf.strings.substr(x, 0, 2)


@sample("RegexReplace", [_WORDS], _each(lambda s: s.replace(b"l", b"L")), grad=False)
def _(tf, x):
    return tf.strings.regex_replace(x, tf.constant("l"), "L")


@sample("StaticRegexReplace", [_WORDS], _each(lambda s: s.replace(b" ", b"_")), grad=False)
def _(tf, x):
    return tf.strings.regex_replace(x, " ", "_")


@sample("RegexFullMatch", [_WORDS], _each(lambda s: s.isalpha(), np.bool_), grad=False)
def _(tf, x):
    return tf.strings.regex_full_match(x, tf.constant("[A-Za-z]+"))


@sample("StaticRegexFullMatch", [_WORDS], _each(lambda s: s.isalpha(), np.bool_), grad=False)
def _(tf, x):
    return tf.strings.regex_full_match(x, "[A-Za-z]+")


@sample("AsString", [np.array([[1, -22], [333, 0]], np.int32)], _each(lambda v: str(v).encode()), grad=False)
def _(tf, x):
    return tf.as_string(x)


@sample("ReduceJoin", [_WORDS], lambda x: np.array([b"Hello world ", b"a b  c"], dtype=object), grad=False)
def _(tf, x):
    return tf.strings.reduce_join(x, axis=1)


@sample("UnsortedSegmentJoin", [_WORDS.reshape(-1)], lambda x: np.array([b"Hello/a b  c", b" world /"], dtype=object),
        grad=False)
def _(tf, x):
    return tf.strings.unsorted_segment_join(x, [0, 1, 0, 1], 2, separator="/")


@sample("UnicodeTranscode", [_WORDS], _each(lambda s: s), grad=False)
def _(tf, x):
    return tf.strings.unicode_transcode(x, "UTF-8", "UTF-8")


# The hashes' references are TF 2.21's values for these strings (farmhash, SipHash, TF's Hash64).
@sample("StringToHashBucketFast", [_WORDS], lambda x: np.array([[1, 0], [1, 6]]), grad=False)
def _(tf, x):
    return tf.strings.to_hash_bucket_fast(x, 7)


@sample("StringToHashBucketStrong", [_WORDS], lambda x: np.array([[5, 3], [2, 5]]), grad=False)
def _(tf, x):
    return tf.strings.to_hash_bucket_strong(x, 7, [1, 2])


@sample("StringToHashBucket", [_WORDS], lambda x: np.array([[4, 5], [3, 3]]), grad=False)
def _(tf, x):
    return tf.strings.to_hash_bucket(x, 7)


@sample("StringSplit", [np.array([b"a b", b"c"], dtype=object)], lambda x: np.array([b"a", b"b", b"c"], dtype=object),
        grad=False, exact_shape=False)
def _(tf, x):
    return tf.string_split(x).values


@sample("StringSplitV2", [np.array([b"a,b", b"c"], dtype=object)], lambda x: np.array([b"a", b"b", b"c"], dtype=object),
        grad=False, exact_shape=False)
def _(tf, x):
    return tf.strings.split(x, sep=",").values


for _type in registry.registered():
    _fn = registry.get(_type).factory or registry.get(_type).kernel
    if getattr(_fn, "__module__", "").startswith("scopeflow._src.ops.lookup"):
        exempt(_type, "a lookup-table op (a per-session table): tested by the lookup conformance area")
