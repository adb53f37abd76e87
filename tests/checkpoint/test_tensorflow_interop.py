"""TensorFlow reads what scopeflow writes, and the other way round, in a subprocess.

Skipped where the reference TensorFlow is absent (CI): set SCOPEFLOW_TF_PYTHON to its
interpreter, or install it at ~/tfref (see DEVELOPERS.md). TensorFlow is never imported
into the test process.
"""

import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

import scopeflow as tf

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")

VALUES = {
    "f16": np.array([1.5, -2.0], np.float16), "f32": np.array([[1.0, 2.5], [-3.0, 1e-20]], np.float32),
    "f64": np.array([np.pi]), "i8": np.array([-128], np.int8), "i16": np.array([300], np.int16),
    "i32": np.array([-7, 8], np.int32), "i64": np.array(2 ** 40, np.int64), "u8": np.array([200], np.uint8),
    "u16": np.array([60000], np.uint16), "b": np.array([True, False]), "c64": np.array([1 + 1j], np.complex64),
    "c128": np.array([2 - 3j]), "scope/s": np.array([b"ab", b"", "\u00e9".encode()], dtype=object),
    "scope/s0": np.array(b"scalar", dtype=object),
}

TF_SCRIPT = """
import json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
spec = json.loads(sys.argv[1])
variables = {}
for name, (dtype, shape) in spec["variables"].items():
    zeros = np.zeros(shape, dtype=object if dtype == "string" else dtype)
    if dtype == "string":
        zeros[...] = b"?"
    variables[name] = tf.Variable(zeros, dtype=dtype, name=name)
saver = tf.train.Saver()
out = {}
with tf.Session() as sess:
    saver.restore(sess, spec["prefix"])
    for name, v in variables.items():
        value = np.asarray(sess.run(v), dtype=object if spec["variables"][name][0] == "string" else None)
        out[name] = [x.hex() for x in value.ravel()] if value.dtype == object else \\
            value.astype(np.float64 if value.dtype.kind != "c" else np.complex128).ravel().tolist()
        if value.dtype.kind == "c":
            out[name] = [[float(z.real), float(z.imag)] for z in value.ravel()]
reader = tf.train.load_checkpoint(spec["prefix"])
out["__dtypes__"] = {k: v.name for k, v in reader.get_variable_to_dtype_map().items()}
out["__list__"] = tf.train.list_variables(os.path.dirname(spec["prefix"]))
raw = tf.train.load_checkpoint(spec["raw"])
out["__raw__"] = {k: np.asarray(raw.get_tensor(k)).astype(np.float32 if k == "bf16" else object).ravel().tolist()
                  for k in raw.get_variable_to_shape_map()}
print(json.dumps(out))
"""


def _run_tf(script, *args):
    done = subprocess.run([TF_PYTHON, "-c", textwrap.dedent(script), *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _raw_bundle(prefix):
    """Dtypes a TensorFlow variable cannot easily hold, written straight to a bundle."""
    from scopeflow._src.checkpoint.bundle_writer import BundleWriter

    with BundleWriter(prefix) as w:
        w.add("bf16", np.array([0x3FC0, 0xC010], np.uint16), "bfloat16")
        w.add("u32", np.array([2 ** 32 - 1], np.uint32))
        w.add("u64", np.array([2 ** 64 - 1], np.uint64))
        w.add("empty", np.zeros([0, 2], np.float32))


def test_tensorflow_restores_a_scopeflow_checkpoint(tmp_path):
    tf.reset_default_graph()
    variables = {name: tf.Variable(value, name=name) for name, value in VALUES.items()}
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        prefix = saver.save(sess, str(tmp_path / "model.ckpt"), global_step=7)
    _raw_bundle(str(tmp_path / "raw" / "raw"))
    spec = {"prefix": prefix, "raw": str(tmp_path / "raw" / "raw"),
            "variables": {n: (v.dtype.base_dtype.name, list(VALUES[n].shape)) for n, v in variables.items()}}
    got = _run_tf(TF_SCRIPT, json.dumps(spec))
    for name, value in VALUES.items():
        if value.dtype == object:
            assert got[name] == [x.hex() for x in value.ravel()], name
        elif value.dtype.kind == "c":
            assert got[name] == [[z.real, z.imag] for z in value.ravel().astype(np.complex128)], name
        else:
            assert got[name] == value.astype(np.float64).ravel().tolist(), name
    assert got["__dtypes__"] == {n: v.dtype.base_dtype.name for n, v in variables.items()}
    assert got["__list__"] == [[n, list(VALUES[n].shape)] for n in sorted(VALUES)]
    assert got["__raw__"] == {"bf16": [1.5, -2.25], "u32": [2 ** 32 - 1], "u64": [2 ** 64 - 1], "empty": []}


def test_scopeflow_restores_a_fresh_tensorflow_checkpoint(tmp_path):
    prefix = str(tmp_path / "tf.ckpt")
    _run_tf("""
        import json, sys
        import numpy as np
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        with tf.variable_scope("net"):
            w = tf.get_variable("w", initializer=np.arange(6, dtype=np.float32).reshape(2, 3))
            s = tf.get_variable("names", initializer=tf.constant([b"x", b"yz"]))
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, sys.argv[1], global_step=3)
        print("{}")
    """, prefix)
    tf.reset_default_graph()
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [2, 3])
        s = tf.get_variable("names", initializer=tf.constant([b"", b""]))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(str(tmp_path)))
        assert sess.run(w).tolist() == [[0, 1, 2], [3, 4, 5]]
        assert sess.run(s).tolist() == [b"x", b"yz"]
