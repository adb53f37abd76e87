"""tf.image functions built of other ops: gamma, YIQ/YUV, total variation, Sobel edges, image
gradients, PSNR, SSIM, MS-SSIM and resize_image_with_pad: op names, static shapes, values, errors."""

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.harness import case, raises, run_error, static, values

_RNG = np.random.RandomState(0)
_IMG = _RNG.rand(2, 5, 6, 3).astype(np.float32)
_IMG2 = np.clip(_IMG + _RNG.randn(2, 5, 6, 3).astype(np.float32) * 0.1, 0, 1).astype(np.float32)
_BIG = _RNG.rand(1, 24, 26, 2).astype(np.float32)
_BIG2 = np.clip(_BIG * 0.8 + 0.1, 0, 1).astype(np.float32)


@case
def adjust_gamma_float(tf):
    x = tf.constant(_IMG[0], name="x")
    return describe(tf, [tf.image.adjust_gamma(x, 2.0), tf.image.adjust_gamma(x, 0.5, gain=2.0)])


@case
def adjust_gamma_uint8(tf):
    x = tf.constant((_IMG[0] * 255).astype(np.uint8), name="x")
    return describe(tf, [tf.image.adjust_gamma(x, 0.8)])


@case
def adjust_gamma_tensor_gamma(tf):
    x = tf.constant(_IMG[0], name="x")
    g = tf.placeholder(tf.float32, [], name="g")
    return describe(tf, [tf.image.adjust_gamma(x, g)], feed={g: 1.5})


@case
def adjust_gamma_negative_error(tf):
    return raises(tf.image.adjust_gamma, tf.constant(_IMG[0]), -1.0)


@case
def yiq_yuv_round_trip(tf):
    x = tf.constant(_IMG, name="x")
    return describe(tf, [tf.image.rgb_to_yiq(x), tf.image.yiq_to_rgb(tf.image.rgb_to_yiq(x)),
                         tf.image.rgb_to_yuv(x), tf.image.yuv_to_rgb(x)])


@case
def yuv_float64(tf):
    x = tf.constant(_IMG[0, 0].astype(np.float64), name="x")
    return describe(tf, [tf.image.rgb_to_yuv(x)])


@case
def total_variation_3d_and_4d(tf):
    return describe(tf, [tf.image.total_variation(tf.constant(_IMG[0])),
                         tf.image.total_variation(tf.constant(_IMG), name="tv")])


@case
def total_variation_rank_error(tf):
    return raises(tf.image.total_variation, tf.constant(_IMG[0, 0]))


@case
def sobel_edges_values(tf):
    x = tf.constant(_IMG, name="x")
    return describe(tf, [tf.image.sobel_edges(x)])


@case
def sobel_edges_unknown_batch(tf):
    x = tf.placeholder(tf.float32, [None, 5, 6, 3], name="x")
    out = tf.image.sobel_edges(x)
    return [static([out]), describe(tf, [out], feed={x: _IMG})["values"]]


@case
def image_gradients_values(tf):
    return describe(tf, list(tf.image.image_gradients(tf.constant(_IMG, name="x"))))


@case
def image_gradients_rank_error(tf):
    return raises(tf.image.image_gradients, tf.constant(_IMG[0]))


@case
def psnr_float_and_uint8(tf):
    a, b = tf.constant(_IMG, name="a"), tf.constant(_IMG2, name="b")
    ua = tf.constant((_IMG * 255).astype(np.uint8))
    ub = tf.constant((_IMG2 * 255).astype(np.uint8))
    return describe(tf, [tf.image.psnr(a, b, 1.0), tf.image.psnr(ua, ub, 255, name="p8")])


@case
def psnr_incompatible_shapes(tf):
    return raises(tf.image.psnr, tf.constant(_IMG), tf.constant(_IMG[:, :4]), 1.0)


@case
def psnr_runtime_shape_check(tf):
    a = tf.placeholder(tf.float32, [None, None, 3])
    b = tf.placeholder(tf.float32, [None, None, 3])
    return run_error(tf, tf.image.psnr(a, b, 1.0), {a: _IMG[0], b: _IMG[0, :1]})


@case
def ssim_values(tf):
    a, b = tf.constant(_BIG, name="a"), tf.constant(_BIG2, name="b")
    return _ssim_described(tf, [tf.image.ssim(a, b, 1.0), tf.image.ssim(a, a, 1.0, filter_size=5, filter_sigma=1.0)])


def _ssim_described(tf, outs):
    """Static shapes and values; not the op list: TF's shape inference folds the window's
    ``Tile`` multiples (a ``StridedSlice`` of ``ShapeN``) to [11, 11, 3, 1] and so turns the
    reducer's ``tf.shape`` into a ``Const``, scopeflow leaves the channel unknown (a ``Shape``)."""
    return {"outs": static(outs), "values": values(tf, outs)}


@case
def ssim_uint8_and_index_map(tf):
    a = tf.constant((_BIG * 255).astype(np.uint8))
    b = tf.constant((_BIG2 * 255).astype(np.uint8))
    return _ssim_described(tf, [tf.image.ssim(a, b, 255), tf.image.ssim(tf.constant(_BIG), tf.constant(_BIG2), 1.0,
                                                                        filter_size=7, return_index_map=True)])


@case
def ssim_too_small_image_fails_at_run(tf):
    a = tf.placeholder(tf.float32, [None, None, None, 3])
    return run_error(tf, tf.image.ssim(a, a, 1.0), {a: _IMG})


@case
def ssim_multiscale_values(tf):
    rng = np.random.RandomState(1)
    a = rng.rand(1, 50, 45, 1).astype(np.float32)
    b = np.clip(a + rng.randn(*a.shape).astype(np.float32) * 0.05, 0, 1).astype(np.float32)
    out = tf.image.ssim_multiscale(tf.constant(a), tf.constant(b), 1.0, power_factors=(0.3, 0.3, 0.4),
                                   filter_size=5)
    return _ssim_described(tf, [out])


@case
def ssim_multiscale_op_names(tf):
    a = tf.placeholder(tf.float32, [1, 180, 180, 3])
    out = tf.image.ssim_multiscale(a, a, 1.0)
    return [static([out]), sorted({op.name.split("/")[1] for op in tf.get_default_graph().get_operations()
                                   if op.name.startswith("MS-SSIM/") and "/" in op.name[8:]})]


@case
def resize_with_crop_or_pad_v1_name(tf):
    return describe(tf, [tf.image.resize_with_crop_or_pad(tf.constant(_IMG[0]), 4, 8)])


@case
def resize_image_with_pad_values(tf):
    x = tf.constant(_IMG[0], name="x")
    return describe(tf, [tf.image.resize_image_with_pad(x, 8, 8),
                         tf.image.resize_image_with_pad(tf.constant(_IMG), 3, 9,
                                                        method=tf.image.ResizeMethod.NEAREST_NEIGHBOR)])


@case
def resize_image_with_pad_errors(tf):
    return [raises(tf.image.resize_image_with_pad, tf.constant(_IMG[0]), 0, 4),
            raises(tf.image.resize_image_with_pad, tf.constant(_IMG[0, 0]), 4, 4)]


@case
def is_jpeg_values(tf):
    jpeg = tf.image.encode_jpeg(tf.zeros([2, 2, 3], tf.uint8))
    png = tf.image.encode_png(tf.zeros([2, 2, 3], tf.uint8))
    return describe(tf, [tf.image.is_jpeg(jpeg), tf.io.is_jpeg(png, name="png_check"),
                         tf.image.is_jpeg(tf.constant(b"\xff\xd8"))])
