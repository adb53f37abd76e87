"""``tf.image``: resizing, cropping, flipping and colour adjustments of images.

Only re-exports; the code lives in ``scopeflow._src.ops.image``. Loaded on first use
(``tf.image``), with the image ops.
"""

__all__ = [
    "adjust_brightness", "adjust_contrast", "adjust_gamma", "adjust_hue", "adjust_saturation", "central_crop",
    "convert_image_dtype", "crop_and_resize", "crop_to_bounding_box", "decode_bmp", "decode_gif", "decode_image",
    "decode_jpeg", "decode_png", "draw_bounding_boxes", "encode_jpeg", "encode_png", "extract_image_patches",
    "extract_patches", "flip_left_right", "flip_up_down", "grayscale_to_rgb", "hsv_to_rgb", "image_gradients",
    "non_max_suppression", "pad_to_bounding_box", "per_image_standardization", "psnr", "random_brightness",
    "random_contrast", "random_crop", "random_flip_left_right", "random_flip_up_down", "random_hue",
    "random_saturation", "resize", "resize_area", "resize_bicubic", "resize_bilinear", "resize_image_with_crop_or_pad",
    "resize_image_with_pad", "resize_images", "resize_nearest_neighbor", "resize_with_crop_or_pad", "ResizeMethod",
    "rgb_to_grayscale", "rgb_to_hsv", "rgb_to_yiq", "rgb_to_yuv", "rot90", "sample_distorted_bounding_box",
    "sobel_edges", "ssim", "ssim_multiscale", "total_variation", "transpose", "transpose_image", "yiq_to_rgb",
    "yuv_to_rgb"]

from scopeflow._src.ops.array.layout import extract_image_patches, extract_patches
from scopeflow._src.ops.image.api import (
    ResizeMethod,
    adjust_brightness,
    adjust_contrast,
    adjust_gamma,
    adjust_hue,
    adjust_saturation,
    central_crop,
    convert_image_dtype,
    crop_and_resize,
    crop_to_bounding_box,
    decode_bmp,
    decode_gif,
    decode_image,
    decode_jpeg,
    decode_png,
    draw_bounding_boxes,
    encode_jpeg,
    encode_png,
    flip_left_right,
    flip_up_down,
    grayscale_to_rgb,
    hsv_to_rgb,
    image_gradients,
    non_max_suppression,
    pad_to_bounding_box,
    per_image_standardization,
    psnr,
    random_brightness,
    random_contrast,
    random_crop,
    random_flip_left_right,
    random_flip_up_down,
    random_hue,
    random_saturation,
    resize_area,
    resize_bicubic,
    resize_bilinear,
    resize_image_with_crop_or_pad,
    resize_image_with_pad,
    resize_images,
    resize_nearest_neighbor,
    rgb_to_grayscale,
    rgb_to_hsv,
    rgb_to_yiq,
    rgb_to_yuv,
    rot90,
    sample_distorted_bounding_box,
    sobel_edges,
    ssim,
    ssim_multiscale,
    total_variation,
    transpose_image,
    yiq_to_rgb,
    yuv_to_rgb,
)
from scopeflow._src.ops.image.api import resize_image_with_crop_or_pad as resize_with_crop_or_pad
from scopeflow._src.ops.image.api import resize_images as resize
from scopeflow._src.ops.image.api import transpose_image as transpose
