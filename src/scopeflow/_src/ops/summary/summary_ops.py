"""The summary ops: each computes a serialized ``Summary`` protocol buffer, a string scalar.

``ScalarSummary``, ``HistogramSummary``, ``ImageSummary``, ``AudioSummaryV2``,
``TensorSummaryV2`` and ``MergeSummary``, with TensorFlow's inputs, attributes and run-time
checks (worded as TF's kernels word them). None has a gradient (``grads.py``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src import protos
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.shape_inference import shape_text
from scopeflow._src.framework.tensor_proto import array_to_proto, proto_to_array, shape_proto
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.summary.histogram import histogram_proto
from scopeflow._src.ops.summary.images import to_uint8
from scopeflow._src.ops.summary.png import encode_png
from scopeflow._src.ops.summary.wav import encode_wav, wav_sample_rate

_IMAGE_TYPES = dtype_lists.types("uint8,float32,float16,float64")
_COLORSPACE = {1: 1, 3: 3, 4: 4}  # channels -> Summary.Image.colorspace (grey, RGB, RGBA)


def _out(summary) -> np.ndarray:
    return np.array(summary.SerializeToString(), dtype=object)


def _text(value) -> str:
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _fail(op, message: str):
    return errors.InvalidArgumentError(None, op, message)


def _dims(shape) -> str:
    return shape_text(TensorShape(shape))


def _scalar_tag(op, tag, message: str) -> str:
    tag = np.asarray(tag, dtype=object)
    if tag.ndim != 0:
        raise _fail(op, message)
    return _text(tag)


# -- ScalarSummary, HistogramSummary ---------------------------------------------------------
def _scalar_factory(op, state):
    def scalar_summary(tags, values):
        tags, values = np.asarray(tags, dtype=object), np.asarray(values)
        if tags.shape != values.shape:
            which = f" (tag '{_text(tags.reshape(-1)[0])}')" if tags.size == 1 else ""
            raise _fail(op, f"tags and values are not the same shape: {_dims(tags.shape)} != "
                            f"{_dims(values.shape)}{which}")
        summary = protos.Summary()
        for tag, value in zip(tags.reshape(-1).tolist(), values.reshape(-1).tolist()):
            summary.value.add(tag=_text(tag), simple_value=float(value))
        return _out(summary)
    return scalar_summary


def _histogram_factory(op, state):
    def histogram_summary(tag, values):
        tag = _scalar_tag(op, tag, "tags must be scalar")
        x = np.asarray(values, dtype=np.float64).reshape(-1)
        bad = np.flatnonzero(~np.isfinite(x))
        if bad.size:
            kind = "Nan in summary histogram" if np.isnan(x[bad[0]]) else "Infinity in Histogram"
            raise _fail(op, f"{kind} for: {op.name}")
        summary = protos.Summary()
        histogram_proto(x, summary.value.add(tag=tag).histo)
        return _out(summary)
    return histogram_summary


# -- ImageSummary ------------------------------------------------------------------------------
def _bad_color(op) -> np.ndarray:
    color = op._attrs.get("bad_color", BAD_COLOR)
    array = proto_to_array(color) if isinstance(color, protos.TensorProto) else np.asarray(color)
    if array.ndim != 1:
        raise _fail(op, f"bad_color must be a vector, got shape {_dims(array.shape)}")
    if array.dtype != np.uint8:
        raise _fail(op, f"bad_color must be uint8, got {dtypes.as_dtype(array.dtype).name}")
    return array


def _image_factory(op, state):
    max_images = op._attrs.get("max_images", 3)

    def image_summary(tag, tensor):
        bad_color = _bad_color(op)
        tag = _scalar_tag(op, tag, "Tags must be a scalar")
        if tensor.ndim != 4 or tensor.shape[3] not in _COLORSPACE:
            raise _fail(op, f"Tensor must be 4-D with last dim 1, 3, or 4, not {_dims(tensor.shape)}")
        batch, height, width, depth = tensor.shape
        if height == 0 or width == 0:
            raise _fail(op, f"input tensor must have non-zero dims. Found: [{', '.join(map(str, tensor.shape))}].")
        if tensor.dtype != np.uint8 and depth > bad_color.size:
            raise _fail(op, f"expected depth <= bad_color.size, got depth = {depth}, "
                            f"bad_color.size = {bad_color.size}")
        summary = protos.Summary()
        count = min(max_images, batch)
        for i in range(count):
            value = summary.value.add(tag=f"{tag}/image" if max_images == 1 else f"{tag}/image/{i}")
            value.image.height, value.image.width, value.image.colorspace = height, width, _COLORSPACE[depth]
            value.image.encoded_image_string = encode_png(to_uint8(tensor[i], bad_color))
        return _out(summary)
    return image_summary


# -- AudioSummaryV2 ----------------------------------------------------------------------------
def _audio_factory(op, state):
    max_outputs = op._attrs.get("max_outputs", 3)

    def audio_summary(tag, tensor, sample_rate):
        tag = _scalar_tag(op, tag, "Tag must be a scalar")
        if tensor.ndim not in (2, 3):
            raise _fail(op, f"Tensor must be 3-D or 2-D, got: {_dims(tensor.shape)}")
        rate = np.asarray(sample_rate, np.float32)
        if rate.size != 1:
            raise _fail(op, "sample_rate must be rank-0 or contain a single value")
        rate = float(rate.reshape(-1)[0])
        if not rate > 0:
            raise _fail(op, "sample_rate must be > 0")
        clips = tensor.reshape(tensor.shape + (1,)) if tensor.ndim == 2 else tensor
        batch, frames, channels = clips.shape
        summary = protos.Summary()
        for i in range(min(max_outputs, batch)):
            header_rate = wav_sample_rate(rate)
            if header_rate >= 1 << 32:
                raise _fail(op, f"sample_rate must be in (0, 2^32), got: {header_rate}")
            if not 0 < channels < 1 << 16:
                raise _fail(op, f"num_channels must be in (0, 2^16), got: {channels}")
            value = summary.value.add(tag=f"{tag}/audio" if max_outputs == 1 else f"{tag}/audio/{i}")
            audio = value.audio
            audio.sample_rate, audio.num_channels, audio.length_frames = rate, channels, frames
            audio.content_type = "audio/wav"
            audio.encoded_audio_string = encode_wav(clips[i], header_rate)
        return _out(summary)
    return audio_summary


# -- TensorSummaryV2 ---------------------------------------------------------------------------
def tensor_content_proto(array: np.ndarray, dtype, proto):
    """``array`` as TF's kernels write a tensor (``AsProtoTensorContent``): raw bytes, even for
    one value; strings as a value list."""
    if dtype == dtypes.string:
        return array_to_proto(array, dtype, proto)
    proto.dtype = dtype.as_datatype_enum
    shape_proto(TensorShape(array.shape), proto.tensor_shape)
    if array.size:
        proto.tensor_content = np.ascontiguousarray(array).tobytes()
    return proto


def _tensor_summary_factory(op, state):
    dtype = op._attrs["T"]

    def tensor_summary(tag, tensor, serialized_summary_metadata):
        tag = _scalar_tag(op, tag, "tag must be scalar")
        metadata = np.asarray(serialized_summary_metadata, dtype=object)
        if metadata.ndim != 0:
            raise _fail(op, "serialized_summary_metadata must be scalar")
        summary = protos.Summary()
        value = summary.value.add(tag=tag)
        value.metadata.SetInParent()
        try:
            value.metadata.ParseFromString(metadata.item())
        except Exception:  # noqa: BLE001 - TF's kernel ignores metadata it cannot parse
            value.metadata.Clear()
            value.metadata.SetInParent()
        tensor_content_proto(np.asarray(tensor), dtype, value.tensor)
        return _out(summary)
    return tensor_summary


# -- MergeSummary ------------------------------------------------------------------------------
def _merge_factory(op, state):
    def merge_summary(*inputs):
        merged, tags = protos.Summary(), set()
        for tensor in inputs:
            for data in np.asarray(tensor, dtype=object).reshape(-1).tolist():
                one = protos.Summary()
                try:
                    one.ParseFromString(data)
                except Exception:  # noqa: BLE001 - protobuf's DecodeError, and bytes it cannot read
                    raise _fail(op, "Could not parse one of the summary inputs") from None
                for value in one.value:
                    if value.tag and value.tag in tags:
                        raise _fail(op, f"Duplicate tag {value.tag} found in summary inputs ")
                    tags.add(value.tag)
                merged.value.extend(one.value)
        return _out(merged)
    return merge_summary


def _bad_color_default():
    proto = protos.TensorProto(dtype=dtypes.uint8.as_datatype_enum, int_val=[255, 0, 0, 255])
    proto.tensor_shape.dim.add(size=4)
    return proto


BAD_COLOR = _bad_color_default()  # red, opaque: TF's default, a TensorProto as TF's get_attr returns it

_STRING = "summary: string"
for _opdef in (
    OpDef("ScalarSummary", inputs=["tags: string", "values: T"], outputs=[_STRING], attrs={"T": dtype_lists.REAL},
          shape=shape_fns.scalar, factory=_scalar_factory),
    OpDef("HistogramSummary", inputs=["tag: string", "values: T"], outputs=[_STRING],
          attrs={"T": dtype_lists.REAL}, defaults={"T": dtypes.float32}, shape=shape_fns.scalar,
          factory=_histogram_factory),
    OpDef("ImageSummary", inputs=["tag: string", "tensor: T"], outputs=[_STRING], attrs={"T": _IMAGE_TYPES},
          defaults={"max_images": 3, "T": dtypes.float32, "bad_color": BAD_COLOR}, shape=shape_fns.scalar,
          factory=_image_factory),
    OpDef("AudioSummaryV2", inputs=["tag: string", "tensor: float32", "sample_rate: float32"], outputs=[_STRING],
          defaults={"max_outputs": 3}, shape=shape_fns.scalar, factory=_audio_factory),
    OpDef("TensorSummaryV2", inputs=["tag: string", "tensor: T", "serialized_summary_metadata: string"],
          outputs=[_STRING], attrs={"T": None}, shape=shape_fns.scalar, factory=_tensor_summary_factory),
    OpDef("MergeSummary", inputs=[Arg("inputs", dtype=dtypes.string, number_attr="N")], outputs=[_STRING],
          shape=shape_fns.scalar, factory=_merge_factory),
):
    registry.register(_opdef)
