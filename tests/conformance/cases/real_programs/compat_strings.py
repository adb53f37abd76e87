"""``tf.compat``'s string helpers, as the tutorials call them (``tf.compat.as_str(f.read(name))``
in word2vec_basic.py)."""

import pathlib

from tests.conformance.harness import case, raises


@case
def compat_string_helpers(tf):
    c = tf.compat
    return {"as_bytes": [c.as_bytes("héllo"), c.as_bytes(b"x"), c.as_bytes(bytearray(b"ab")),
                         c.as_bytes("é", "latin-1"), raises(c.as_bytes, 1), raises(c.as_bytes, "x", "nope")],
            "as_text": [c.as_text(b"h\xc3\xa9llo"), c.as_text("x"), c.as_text(b"\xe9", "latin-1"),
                        raises(c.as_text, bytearray(b"ab")), raises(c.as_text, None), raises(c.as_text, b"\xff")],
            "as_str": [c.as_str(b"text8"), c.as_str is c.as_text],
            "as_str_any": [c.as_str_any(1), c.as_str_any(b"x"), c.as_str_any([1, "a"])],
            "path_to_str": [c.path_to_str(pathlib.PurePosixPath("/a/b")), c.path_to_str(1), c.path_to_str("p")],
            "v1": [c.v1.compat.as_str(b"v"), c.dimension_value(3), c.dimension_value(None)]}


@case
def compat_type_tuples(tf):
    c = tf.compat
    samples = [1, 1.5, 1j, True, b"x", "x", None]
    return {name: [isinstance(s, getattr(c, name)) for s in samples]
            for name in ("integral_types", "real_types", "complex_types", "bytes_or_text_types")}
