"""Layer naming (``layers/naming.py``) and argument helpers (``layers/conv_utils.py``)."""

import re

import pytest

import scopeflow as tf
from scopeflow._src.layers import conv_utils, naming


@pytest.mark.parametrize("name, snake", [("Dense", "dense"), ("Conv2D", "conv2d"),
                                         ("Conv2DTranspose", "conv2d_transpose"),
                                         ("MaxPooling2D", "max_pooling2d"),
                                         ("BatchNormalization", "batch_normalization"),
                                         ("MyLayer", "my_layer"), ("_Private", "private__private")])
def test_to_snake_case(name, snake):
    assert naming.to_snake_case(name) == snake


def test_unique_layer_names_count_per_graph_from_one():
    assert [naming.unique_layer_name("dense") for _ in range(3)] == ["dense_1", "dense_2", "dense_3"]
    assert naming.unique_layer_name("conv2d") == "conv2d_1"
    with tf.Graph().as_default():
        assert naming.unique_layer_name("dense") == "dense_1"
    assert naming.unique_layer_name("dense") == "dense_4"


def test_normalize_tuple():
    assert conv_utils.normalize_tuple(3, 2, "k") == (3, 3)
    assert conv_utils.normalize_tuple([1, 2], 2, "k") == (1, 2)
    assert conv_utils.normalize_tuple((0, 1), 2, "s", allow_zero=True) == (0, 1)
    with pytest.raises(ValueError, match=r"must be a tuple of 2 integers. Received: \(1, 2, 3\)$"):
        conv_utils.normalize_tuple((1, 2, 3), 2, "k")
    with pytest.raises(ValueError, match=re.escape("including {0} that does not satisfy the requirement `> 0`.")):
        conv_utils.normalize_tuple(0, 2, "k")
    with pytest.raises(ValueError, match="including element a of type"):
        conv_utils.normalize_tuple(("a", 1), 2, "k")


@pytest.mark.parametrize("length, size, padding, stride, dilation, out", [
    (8, 3, "valid", 1, 1, 6), (8, 3, "same", 2, 1, 4), (7, 3, "valid", 2, 1, 3), (7, 3, "valid", 1, 2, 3),
    (None, 3, "same", 2, 1, None), (5, 2, "full", 1, 1, 6)])
def test_conv_output_length(length, size, padding, stride, dilation, out):
    assert conv_utils.conv_output_length(length, size, padding, stride, dilation) == out


@pytest.mark.parametrize("length, size, padding, stride, out", [
    (4, 3, "same", 2, 8), (4, 3, "valid", 2, 9), (4, 1, "valid", 2, 8), (4, 3, "full", 1, 2),
    (None, 3, "same", 2, None)])
def test_deconv_output_length(length, size, padding, stride, out):
    assert conv_utils.deconv_output_length(length, size, padding, stride=stride) == out


def test_deconv_output_length_with_output_padding():
    assert conv_utils.deconv_output_length(4, 3, "same", output_padding=1, stride=2) == 8


def test_padding_and_data_format():
    assert conv_utils.normalize_padding("SAME") == "same"
    assert conv_utils.normalize_data_format(None) == "channels_last"
    assert conv_utils.convert_data_format("channels_first", 4) == "NCHW"
    with pytest.raises(ValueError, match="Input rank not supported: 2"):
        conv_utils.convert_data_format("channels_last", 2)
