"""``tf.io.encode_base64`` / ``decode_base64`` (web-safe base64, as TF1 serving inputs carry
images): values, names, padding, TF's two decoding errors."""

from tests.conformance.harness import case, raises


def _last_line(got):
    if "error" in got:
        lines = [line for line in got["message"].split("\n") if line and not line.startswith("\t")]
        return [got["error"], lines[-1]]
    return got


@case
def base64_round_trip_and_errors(tf):
    with tf.Graph().as_default(), tf.Session() as sess:
        x = tf.constant([[b"hello", b"\xff\xfe\x00?"], [b"", b"ab"]])
        e, padded = tf.io.encode_base64(x), tf.io.encode_base64(x, pad=True, name="padded")
        d = tf.io.decode_base64(e)
        values = sess.run([e, padded, d, tf.io.decode_base64(padded), tf.decode_base64(tf.encode_base64("x"))])
        bad = [_last_line(raises(sess.run, tf.io.decode_base64(s)))
               for s in (b"a", b"ab$c", b"aGVsbG8=x", b"aGVsbG8", b"aGVsbG8==", b"+/+/", b"ab=c", b"YW=")]
        values = [v.tolist() if hasattr(v, "tolist") else v for v in values]
        return {"names": [e.name, e.shape.as_list(), padded.name, d.name], "values": values,
                "decoded": bad, "type_error": raises(tf.io.encode_base64, tf.constant(1))}
