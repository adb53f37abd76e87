"""``regex_replace`` and ``regex_full_match``: static and tensor patterns, RE2's rules."""

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case

_X = ["Hello World", "abcabc", "", "a1b22c333"]


@case
def regex_replace_static_node(tf):
    a = tf.strings.regex_replace(_X, "o", "0")
    b = tf.regex_replace(_X, "[a-c]", "", replace_global=False, name="rr")
    return [static([a, b]), node(a.op), node(b.op), run(tf, [a, b])]


@case
def regex_replace_tensor_pattern(tf):
    a = tf.strings.regex_replace(_X, tf.constant("l+"), "L")
    p = tf.placeholder(tf.string, [])
    b = tf.strings.regex_replace(_X, p, "#", replace_global=False)
    return [static([a, b]), node(a.op), node(b.op), run(tf, [a, b], {p: "[0-9]+"})]


@case
def regex_replace_groups(tf):
    ts = [tf.strings.regex_replace(_X, r"(\d+)", r"<\1>"), tf.strings.regex_replace(_X, "(a)(b)", r"\2\1"),
          tf.strings.regex_replace(_X, "b", r"[\0]", replace_global=False),
          tf.strings.regex_replace(_X, "b", r"\\"), tf.strings.regex_replace(_X, "a", r"\3")]
    return run(tf, ts)


@case
def regex_replace_empty_and_anchors(tf):
    ts = [tf.strings.regex_replace(["abc", ""], "", "-"), tf.strings.regex_replace(_X, "^", ">"),
          tf.strings.regex_replace(_X, "$", "<"), tf.strings.regex_replace(_X, r"\s", "_"),
          tf.strings.regex_replace(_X, r"(?i)HELLO", "bye")]
    return run(tf, ts)


@case
def regex_replace_unicode(tf):
    return run(tf, [tf.strings.regex_replace(["\u00e9t\u00e9"], ".", "x"),
                    tf.strings.regex_replace(["\u00e9t\u00e9"], "\u00e9", "e")])


@case
def regex_invalid_patterns(tf):
    return [run(tf, tf.strings.regex_replace(_X, "a(?=b)", "Q")),
            run(tf, tf.strings.regex_replace(_X, r"(a)\1", "Q")),
            run(tf, tf.strings.regex_replace(_X, "(a", "Q")),
            run(tf, tf.strings.regex_replace(_X, tf.constant("a(?!b)"), "Q")),
            run(tf, tf.strings.regex_full_match(_X, "a(?<=b)")),
            run(tf, tf.strings.regex_full_match(_X, tf.constant("(a")))]


@case
def regex_full_match_values(tf):
    a = tf.strings.regex_full_match(_X, "H.*")
    b = tf.strings.regex_full_match(_X, tf.constant("[a-c]+"))
    c = tf.strings.regex_full_match(_X, r"a\d+b\d+c\d+")
    d = tf.strings.regex_full_match(["\u00e9", "ab"], "..")
    return [static([a, b]), node(a.op), node(b.op), run(tf, [a, b, c, d])]
