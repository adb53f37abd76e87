"""Helpers shared by the ``summary`` conformance cases (no cases here).

A ``Summary`` is compared as plain data: protobuf's JSON form with the proto field names,
except that an image's PNG becomes its size, its bytes (base64) and its decoded pixels, and
an audio clip's WAV its header fields and samples. Event files are written in a fresh
temporary directory, whose path is replaced by ``<dir>``.
"""

import base64
import io
import os
import shutil
import socket
import tempfile
import wave

import numpy as np
from google.protobuf import json_format

from tests.conformance.cases.runtime_errors._helpers import _kernel_error as run_kernel


def op_plain(op):
    """``[name, type, input names, {attr: value}]`` of an op (types by name, ints and strings as
    they are; tensors are left out)."""
    attrs = {}
    for key in sorted(op.node_def.attr):
        value = op.get_attr(key)
        if hasattr(value, "as_datatype_enum"):
            value = value.name
        elif hasattr(value, "dtype") and hasattr(value, "tensor_shape"):
            value = "<tensor>"
        elif isinstance(value, bytes):
            value = value.decode()
        attrs[key] = value
    return [op.name, op.type, [t.name for t in op.inputs], attrs]


def const_text(tensor):
    """The string value of a ``Const`` tensor (a tag built by a summary op)."""
    value = tensor.op.get_attr("value")
    return value.string_val[0].decode() if hasattr(value, "string_val") else np.asarray(value).item().decode()


def _png_plain(data):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    return {"mode": image.mode, "size": list(image.size), "pixels": np.asarray(image).tolist(),
            "png": base64.b64encode(data).decode()}


def _wav_plain(data):
    with wave.open(io.BytesIO(data)) as w:
        frames = w.readframes(w.getnframes())
        return {"channels": w.getnchannels(), "width": w.getsampwidth(), "rate": w.getframerate(),
                "frames": w.getnframes(), "samples": np.frombuffer(frames, "<i2").tolist(),
                "bytes": base64.b64encode(data).decode()}


def summary_plain(tf, serialized):
    """A serialized ``Summary`` as plain data (images and audio decoded)."""
    summary = tf.Summary.FromString(serialized)
    values = []
    for value in summary.value:
        plain = json_format.MessageToDict(value, preserving_proto_field_name=True)
        if value.HasField("image"):
            plain["image"].pop("encoded_image_string")
            plain["image"]["png"] = _png_plain(value.image.encoded_image_string)
        if value.HasField("audio"):
            plain["audio"].pop("encoded_audio_string")
            plain["audio"]["wav"] = _wav_plain(value.audio.encoded_audio_string)
        values.append(plain)
    return values


def run_summary(tf, fetch, feed=None):
    with tf.Session() as sess:
        return summary_plain(tf, sess.run(fetch, feed))


def kernel_error(tf, fetch, feed=None):
    """``{"error", "node", "kernel"}`` for running ``fetch``, or ``{"ok": summary}``."""
    got = run_kernel(tf, fetch, feed)  # its value went through NumPy, which drops trailing zero bytes
    return {"ok": run_summary(tf, fetch, feed)} if "ok" in got else got


class LogDir:
    """A fresh temporary directory, removed on exit; ``clean`` puts ``<dir>`` and ``<host>`` in
    place of its path and the host name."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="sf_summary_")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def clean(self, text):
        return text.replace(self.path, "<dir>").replace(socket.gethostname(), "<host>")

    def files(self):
        return sorted(os.listdir(self.path))

    def events(self, tf, name=None):
        """The events of the (only, or named) event file as plain data; wall times as
        ``"int"``/``"float"`` (whole seconds or not)."""
        name = name or self.files()[0]
        out = []
        for event in tf.train.summary_iterator(os.path.join(self.path, name)):
            plain = json_format.MessageToDict(event, preserving_proto_field_name=True)
            wall = plain.pop("wall_time", 0.0)
            plain["wall_time"] = "int" if float(wall).is_integer() else "float"
            for key in ("graph_def", "meta_graph_def"):
                if key in plain:
                    plain[key] = "<bytes>"
            out.append(plain)
        return out


def written_events(tf, add):
    """The events of a ``FileWriter`` that ``add(writer)`` filled, then closed."""
    with LogDir() as d:
        writer = tf.summary.FileWriter(d.path)
        add(writer)
        writer.close()
        return d.events(tf)
