"""The image ops, loaded on first use (``import scopeflow`` does not load them): importing this
module registers ``ResizeBilinear`` and its kin and ``AdjustContrastv2`` with their wrappers,
then their gradient rules, as ``ops/__init__`` does for the rest of the op library.
"""

# The order below is the registration order (ruff's import sorting is off for this file).
from scopeflow._src.ops.image.color import (
    adjust_brightness, adjust_contrast, convert_image_dtype, grayscale_to_rgb, per_image_standardization,
    random_brightness, random_contrast, rgb_to_grayscale)
from scopeflow._src.ops.image.crops import (
    central_crop, crop_to_bounding_box, pad_to_bounding_box, random_crop, resize_image_with_crop_or_pad)
from scopeflow._src.ops.image.flips import (
    flip_left_right, flip_up_down, random_flip_left_right, random_flip_up_down, rot90, transpose_image)
from scopeflow._src.ops.image.resize import (
    ResizeMethod, resize_area, resize_bicubic, resize_bilinear, resize_images, resize_nearest_neighbor)
from scopeflow._src.ops.image.codecs import decode_image, decode_jpeg, decode_png, encode_jpeg, encode_png
from scopeflow._src.ops.image.gif_bmp import decode_bmp, decode_gif
from scopeflow._src.ops.image.boxes import draw_bounding_boxes
from scopeflow._src.ops.image.distorted_box import sample_distorted_bounding_box
from scopeflow._src.ops.image.nms import non_max_suppression
from scopeflow._src.ops.image.hsv import (
    adjust_hue, adjust_saturation, hsv_to_rgb, random_hue, random_saturation, rgb_to_hsv)
from scopeflow._src.ops.image.composites import (
    adjust_gamma, image_gradients, rgb_to_yiq, rgb_to_yuv, sobel_edges, total_variation, yiq_to_rgb, yuv_to_rgb)
from scopeflow._src.ops.image.quality import psnr, ssim, ssim_multiscale
from scopeflow._src.ops.image.pad_resize import resize_image_with_pad
from scopeflow._src.ops.image.crop_resize import crop_and_resize
from scopeflow._src.ops.image.composites import is_jpeg
from scopeflow._src.ops.image import crop_resize_grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.image import grads  # noqa: F401 - gradient rules

__all__ = ["adjust_brightness", "adjust_contrast", "adjust_hue", "adjust_saturation", "central_crop",
           "convert_image_dtype", "crop_to_bounding_box", "decode_bmp", "decode_gif", "decode_image", "decode_jpeg",
           "decode_png", "draw_bounding_boxes", "encode_jpeg",
           "encode_png", "flip_left_right", "flip_up_down", "grayscale_to_rgb", "hsv_to_rgb", "non_max_suppression",
           "pad_to_bounding_box",
           "per_image_standardization", "random_brightness", "random_contrast", "random_crop",
           "random_flip_left_right", "random_flip_up_down", "random_hue", "random_saturation", "resize_area",
           "resize_bicubic", "resize_bilinear", "resize_image_with_crop_or_pad", "resize_images",
           "resize_nearest_neighbor", "ResizeMethod",
           "rgb_to_grayscale", "rgb_to_hsv", "rot90", "sample_distorted_bounding_box", "transpose_image",
           "adjust_gamma", "image_gradients", "psnr", "resize_image_with_pad", "rgb_to_yiq", "rgb_to_yuv",
           "sobel_edges", "ssim", "ssim_multiscale", "total_variation", "yiq_to_rgb", "yuv_to_rgb",
           "crop_and_resize", "is_jpeg"]
