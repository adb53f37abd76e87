"""``tf.strings.unicode_transcode``: encodings, invalid input, control characters."""

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case, raises

_X = ["h\u00e9llo", "\u4e2d\u6587", "a\x01b\n", "", "\U0001f600"]


@case
def transcode_utf8_to_utf16_and_32(tf):
    a = tf.strings.unicode_transcode(_X, "UTF-8", "UTF-16-BE")
    b = tf.strings.unicode_transcode(_X, "UTF-8", "UTF-32-BE", name="t")
    return [static([a, b]), node(a.op), node(b.op), run(tf, [a, b])]


@case
def transcode_back_to_utf8(tf):
    a = tf.strings.unicode_transcode(_X, "UTF-8", "UTF-16-BE")
    return run(tf, [tf.strings.unicode_transcode(a, "UTF-16-BE", "UTF-8"),
                    tf.strings.unicode_transcode(_X, "UTF-8", "UTF-8", replace_control_characters=True),
                    tf.strings.unicode_transcode([b"caf\xe9"], "latin1", "UTF-8")])


@case
def transcode_invalid_input(tf):
    bad = [b"a\xffb", b"\xc3", b"\xe4\xb8", b"\xed\xa0\x80x", b"ok"]
    return [run(tf, tf.strings.unicode_transcode(bad, "UTF-8", "UTF-8")),
            run(tf, tf.strings.unicode_transcode(bad, "UTF-8", "UTF-16-BE", errors="ignore")),
            run(tf, tf.strings.unicode_transcode(bad, "UTF-8", "UTF-8", replacement_char=63)),
            run(tf, tf.strings.unicode_transcode(bad, "UTF-8", "UTF-8", errors="strict")),
            run(tf, tf.strings.unicode_transcode([b"\x00a\xd8\x00"], "UTF-16-BE", "UTF-8"))]


@case
def transcode_bad_attrs(tf):
    return [raises(lambda: tf.strings.unicode_transcode(["a"], "UTF-8", "UTF-16-LE")),
            raises(lambda: tf.strings.unicode_transcode(["a"], "UTF-8", "UTF-8", errors="loud"))]
