"""PNG and JPEG files as images: ``DecodePng``, ``DecodeJpeg``, ``DecodeImage``, ``EncodePng``,
``EncodeJpeg``. Decoding and JPEG encoding go through Pillow (the optional extra ``images``:
``pip install scopeflow[images]``); PNG encoding is ``summary/png.py``'s encoder, libpng's
bytes. A PNG decodes to TF's exact pixels; a JPEG to libjpeg's as Pillow's build has it, which
may differ by a level or two from TF's libjpeg-turbo (``fancy_upscaling`` and ``dct_method`` are
libjpeg's defaults here).
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.image.color import convert_image_dtype
from scopeflow._src.ops.summary.png import encode_png as _png_bytes

_MODES = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}


def _pillow():
    try:
        from PIL import Image  # an optional dependency: the extra ``images``
    except ImportError:
        raise ImportError("Decoding and encoding JPEG images, and decoding PNG images, need Pillow: "
                          "pip install scopeflow[images]") from None
    return Image


def _png16_pixels(contents: bytes):
    """The samples of a 16-bit, non-interlaced PNG with 2 to 4 channels (``uint16 [h, w, c]``), or
    ``None`` for any other file: Pillow reads such images as 8-bit, so they are unfiltered here."""
    if contents[:8] != b"\x89PNG\r\n\x1a\n" or contents[12:16] != b"IHDR" or len(contents) < 29:
        return None
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", contents[16:29])
    channels = {4: 2, 2: 3, 6: 4}.get(color)
    if depth != 16 or channels is None or interlace:
        return None
    idat, pos = [], 8
    while pos + 8 <= len(contents):
        length, kind = struct.unpack(">I4s", contents[pos:pos + 8])
        if kind == b"IDAT":
            idat.append(contents[pos + 8:pos + 8 + length])
        pos += 12 + length
    bpp, stride = 2 * channels, 2 * channels * width
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), np.uint8)
    if raw.size < height * (stride + 1):
        return None  # damaged: left to Pillow, which reports it
    rows = raw[:height * (stride + 1)].reshape(height, stride + 1)
    out = np.zeros((height + 1, stride + bpp), np.int32)  # a zero row above, zero pixels on the left
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        up, cur = out[y, bpp:], out[y + 1]
        if kind in (0, 2):
            cur[bpp:] = (line + (up if kind == 2 else 0)) & 0xFF
        elif kind == 1:  # Sub: a running sum of each byte of the pixel, modulo 256
            cur[bpp:] = np.cumsum(line.reshape(width, bpp), axis=0).reshape(-1) & 0xFF
        else:  # Average and Paeth depend on the byte just decoded: pixel by pixel
            for x in range(bpp, stride + bpp, bpp):
                left, above, corner = cur[x - bpp:x], out[y, x:x + bpp], out[y, x - bpp:x]
                if kind == 3:
                    cur[x:x + bpp] = (line[x - bpp:x] + ((left + above) >> 1)) & 0xFF
                else:
                    p = left + above - corner
                    pa, pb, pc = np.abs(p - left), np.abs(p - above), np.abs(p - corner)
                    pred = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, above, corner))
                    cur[x:x + bpp] = (line[x - bpp:x] + pred) & 0xFF
    data = out[1:, bpp:].astype(np.uint8)
    return data.view(">u2").astype(np.uint16).reshape(height, width, channels)


def _decoded(op, contents, channels, ratio=1):
    image_module = _pillow()
    deep = _png16_pixels(bytes(contents)) if channels in (0, 3, 4) else None
    if deep is not None and deep.shape[-1] == 2 and channels:  # grey+alpha as RGB(A): the grey repeated
        deep = np.concatenate([np.repeat(deep[..., :1], 3, -1), deep[..., 1:]], -1)
    if deep is not None and deep.shape[-1] in (3, 4) and channels:  # RGB <-> RGBA: alpha added opaque or dropped
        alpha = np.full(deep.shape[:2] + (1,), 65535, np.uint16)
        deep = np.concatenate([deep, alpha], -1) if channels > deep.shape[-1] else deep[..., :channels]
    if deep is not None and (not channels or deep.shape[-1] == channels):
        return deep
    try:
        img = image_module.open(io.BytesIO(contents))
        if ratio > 1 and img.format == "JPEG":
            img.draft(img.mode, (-(-img.width // ratio), -(-img.height // ratio)))
        img.load()
    except Exception:  # noqa: BLE001 - any unreadable file is TF's one error
        raise errors.InvalidArgumentError(None, op, "Unknown image file format. One of JPEG, PNG, GIF, BMP "
                                                    "required.") from None
    if img.mode in ("I;16", "I;16B", "I"):
        pixels = np.asarray(img).astype(np.uint16)[..., None]
        return pixels if channels in (0, 1) else np.repeat(pixels, channels, -1)
    native = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4, "1": 1}.get(img.mode)
    if native is None:
        img = img.convert("RGBA" if "transparency" in img.info or img.mode.endswith("A") else "RGB")
        native = len(img.mode)
    want = channels or native
    if want != native:
        img = img.convert(_MODES[want])
    pixels = np.asarray(img, np.uint8)
    return pixels[..., None] if pixels.ndim == 2 else pixels


def image_format(contents: bytes) -> str | None:
    """The format of an image file from its first bytes, as TF's decoders sniff it."""
    for magic, name in ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF"), (b"BM", "BMP")):
        if contents[:len(magic)] == magic:
            return name
    return None


def gif_frames(op, contents):
    """Every frame of a GIF (``[frames, height, width, 3]``, RGB, each frame composed as shown)."""
    image_module = _pillow()
    try:
        img = image_module.open(io.BytesIO(contents))
        frames = []
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            frames.append(np.asarray(img.convert("RGB"), np.uint8))
    except Exception:  # noqa: BLE001 - any unreadable file is TF's one error
        raise errors.InvalidArgumentError(None, op, UNKNOWN_FORMAT) from None
    return np.stack(frames)


UNKNOWN_FORMAT = "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required."


def _image_shape(channels):
    return TensorShape([None, None, channels or None])


def _decode_factory(op, state):
    attrs = op._attrs
    dtype = attrs.get("dtype", dtypes.uint8)

    def decode(contents):
        if np.ndim(contents):
            shape = list(np.shape(contents))
            raise errors.InvalidArgumentError(None, op, f"contents must be scalar, got shape {shape}")
        data = np.asarray(contents).item()
        if op.type == "DecodeImage" and image_format(data) == "GIF":  # TF: all frames unless told otherwise
            if attrs["channels"] not in (0, 3):
                raise errors.InvalidArgumentError(None, op, f"channels must be 0 or 3 for GIF, got {attrs['channels']}")
            pixels = gif_frames(op, data)
            if not attrs["expand_animations"]:
                pixels = pixels[0]
        else:
            pixels = _decoded(op, data, attrs["channels"], attrs.get("ratio", 1))
        if dtype == dtypes.uint16 and pixels.dtype == np.uint8:
            return pixels.astype(np.uint16) * np.uint16(257)
        if dtype == dtypes.float32:
            return pixels.astype(np.float32) / np.float32(np.iinfo(pixels.dtype).max)
        if dtype == dtypes.uint8 and pixels.dtype == np.uint16:
            return (pixels // 257).astype(np.uint8)
        return pixels
    return decode


registry.register(OpDef("DecodePng", inputs=["contents: string"], outputs=["image: dtype"],
                        attrs={"dtype": dtype_lists.types("uint8,uint16")},
                        defaults={"channels": 0, "dtype": dtypes.uint8},
                        shape=lambda inputs, attrs: _image_shape(attrs["channels"]), factory=_decode_factory))
registry.register(OpDef("DecodeJpeg", inputs=["contents: string"], outputs=["image: uint8"],
                        defaults={"channels": 0, "ratio": 1, "fancy_upscaling": True, "try_recover_truncated": False,
                                  "acceptable_fraction": 1.0, "dct_method": ""},
                        shape=lambda inputs, attrs: _image_shape(attrs["channels"]), factory=_decode_factory))
registry.register(OpDef("DecodeImage", inputs=["contents: string"], outputs=["image: dtype"],
                        attrs={"dtype": dtype_lists.types("uint8,uint16,float32")},
                        defaults={"channels": 0, "dtype": dtypes.uint8, "expand_animations": True},
                        shape=lambda inputs, attrs: UNKNOWN if attrs["expand_animations"]
                        else _image_shape(attrs["channels"]), factory=_decode_factory))


def decode_png(contents, channels=0, dtype=dtypes.uint8, name=None):
    """The pixels of a PNG file (``[height, width, channels]``, ``uint8`` or ``uint16``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     png = tf.image.encode_png(tf.constant([[[0], [255]]], tf.uint8))
    ...     print(tf.Session().run(tf.image.decode_png(png)).ravel().tolist())
    [0, 255]
    """
    _pillow()
    return create_output("DecodePng", [contents], {"channels": int(channels), "dtype": dtypes.as_dtype(dtype)},
                         name=name)


def decode_jpeg(contents, channels=0, ratio=1, fancy_upscaling=True, try_recover_truncated=False,
                acceptable_fraction=1, dct_method="", name=None):
    """The ``uint8`` pixels of a JPEG file, downscaled by ``ratio`` (1, 2, 4 or 8).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     jpeg = tf.image.encode_jpeg(tf.fill([8, 8, 3], tf.constant(200, tf.uint8)))
    ...     print(tf.Session().run(tf.image.decode_jpeg(jpeg)).shape)
    (8, 8, 3)
    """
    _pillow()
    return create_output("DecodeJpeg", [contents], {
        "channels": int(channels), "ratio": int(ratio), "fancy_upscaling": bool(fancy_upscaling),
        "try_recover_truncated": bool(try_recover_truncated), "acceptable_fraction": float(acceptable_fraction),
        "dct_method": dct_method}, name=name)


def decode_image(contents, channels=None, dtype=dtypes.uint8, name=None, expand_animations=True):
    """The pixels of a PNG, JPEG, GIF or BMP file, in ``dtype`` (floats scaled to [0, 1]).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     png = tf.image.encode_png(tf.constant([[[0], [255]]], tf.uint8))
    ...     t = tf.image.decode_image(png, dtype=tf.float32)
    ...     print(t.name, tf.Session().run(t).ravel().tolist())
    decode_image/DecodeImage:0 [0.0, 1.0]
    """
    _pillow()
    dtype = dtypes.as_dtype(dtype)
    with name_scope(name, "decode_image"):
        channels = 0 if channels is None else channels
        decode_dtype = dtype if dtype in (dtypes.float32, dtypes.uint8, dtypes.uint16) else dtypes.uint16
        image = create_output("DecodeImage", [contents], {"channels": channels, "dtype": decode_dtype,
                                                          "expand_animations": bool(expand_animations)})
        if decode_dtype != dtype:
            image = convert_image_dtype(image, dtype)
        if not expand_animations:
            image.set_shape([None, None, channels or None])
        return image


def _encode_png_kernel(image):
    return np.array(_png_bytes(image), dtype=object)


registry.register(OpDef("EncodePng", inputs=["image: T"], outputs=["contents: string"],
                        attrs={"T": dtype_lists.types("uint8,uint16")}, defaults={"compression": -1,
                                                                                   "T": dtypes.uint8},
                        shape=lambda inputs, attrs: TensorShape([]), kernel=_encode_png_kernel))


def encode_png(image, compression=-1, name=None):
    """The PNG file of a ``uint8`` or ``uint16`` image ``[height, width, channels]``, byte for byte
    as TF's libpng writes it at the default ``compression``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.encode_png(tf.zeros([2, 2, 3], tf.uint8)))[:4])
    b'\\x89PNG'
    """
    return create_output("EncodePng", [image], {"compression": int(compression)}, name=name)


def _encode_jpeg_factory(op, state):
    attrs = op._attrs

    def encode(image):
        image_module = _pillow()
        fmt = attrs["format"].decode() if isinstance(attrs["format"], bytes) else attrs["format"]
        mode = {"grayscale": "L", "rgb": "RGB"}.get(fmt, _MODES[image.shape[-1]])
        img = image_module.fromarray(image[..., 0] if image.shape[-1] == 1 else image).convert(mode)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=attrs["quality"], progressive=attrs["progressive"],
                 optimize=attrs["optimize_size"], subsampling=2 if attrs["chroma_downsampling"] else 0,
                 dpi=(attrs["x_density"], attrs["y_density"]))
        return np.array(out.getvalue(), dtype=object)
    return encode


registry.register(OpDef("EncodeJpeg", inputs=["image: uint8"], outputs=["contents: string"],
                        defaults={"format": "", "quality": 95, "progressive": False, "optimize_size": False,
                                  "chroma_downsampling": True, "density_unit": "in", "x_density": 300,
                                  "y_density": 300, "xmp_metadata": ""},
                        shape=lambda inputs, attrs: TensorShape([]), factory=_encode_jpeg_factory))


def encode_jpeg(image, format="", quality=95, progressive=False, optimize_size=False,  # noqa: A002
                chroma_downsampling=True, density_unit="in", x_density=300, y_density=300, xmp_metadata="",
                name=None):
    """The JPEG file of a ``uint8`` image (1 or 3 channels), through Pillow's libjpeg.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.encode_jpeg(tf.zeros([2, 2, 3], tf.uint8)))[:2])
    b'\\xff\\xd8'
    """
    _pillow()
    return create_output("EncodeJpeg", [image], {
        "format": format, "quality": int(quality), "progressive": bool(progressive),
        "optimize_size": bool(optimize_size), "chroma_downsampling": bool(chroma_downsampling),
        "density_unit": density_unit, "x_density": int(x_density), "y_density": int(y_density),
        "xmp_metadata": xmp_metadata}, name=name)
