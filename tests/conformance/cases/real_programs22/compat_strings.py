"""``tf.compat``'s string helpers (more of them than real_programs.compat_strings): word2vec_basic reads its corpus with
``tf.compat.as_str(f.read(name)).split()``."""

import pathlib

import numpy as np

from tests.conformance.harness import case, raises


@case
def compat_as_str_of_a_zip_member(tf):
    data = "anarchism originated as a term of abuse".encode("utf-8")
    words = tf.compat.as_str(data).split()
    return {"words": words, "type": type(words[0]).__name__,
            "same": tf.compat.as_str("already text"),
            "latin1": tf.compat.as_str(b"caf\xe9", encoding="latin-1")}


@case
def compat_as_bytes_and_text(tf):
    return {"bytes": [tf.compat.as_bytes("h\u00e9"), tf.compat.as_bytes(b"x"),
                      tf.compat.as_bytes(bytearray(b"ba"))],
            "text": [tf.compat.as_text(b"h\xc3\xa9"), tf.compat.as_text("y")],
            "any": [tf.compat.as_str_any(b"z"), tf.compat.as_str_any(3), tf.compat.as_str_any(1.5)],
            "path": [tf.compat.path_to_str(pathlib.PurePosixPath("a/./b")), tf.compat.path_to_str("./c"),
                     tf.compat.path_to_str(7)]}


@case
def compat_string_errors(tf):
    return {"bytes": [raises(tf.compat.as_bytes, v) for v in (1, None, [b"a"])],
            "text": [raises(tf.compat.as_text, v) for v in (1, None, bytearray(b"q"))],
            "str": raises(tf.compat.as_str, 2.5),
            "decode": raises(tf.compat.as_text, b"\xff")["error"],
            "encoding": raises(tf.compat.as_bytes, "a", encoding="no-such-codec")}


@case
def compat_type_tuples(tf):
    values = [1, np.int64(2), 1.5, np.float32(1), 1j, np.complex64(1), True, "s", b"b"]
    return {name: [isinstance(v, getattr(tf.compat, name)) for v in values]
            for name in ("integral_types", "real_types", "complex_types", "bytes_or_text_types")}


@case
def compat_dimension_helpers(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    return {"value": [tf.compat.dimension_value(x.shape[0]), tf.compat.dimension_value(x.shape[1]),
                      tf.compat.dimension_value(4)],
            "at": [str(tf.compat.dimension_at_index(x.shape, 1)),
                   tf.compat.dimension_at_index(tf.TensorShape(None), 5).value]}
