"""``tf.summary``'s op functions (TF1): ``scalar``, ``histogram``, ``image``, ``audio``, ``text``,
``tensor_summary``, ``merge``, ``merge_all``, and the helpers ``get_summary_description`` and
``all_v2_summary_ops``.

Each builds its op in the summary's name scope (``summary_scope``), tags it with that scope,
and adds it to the ``summaries`` collection (or to ``collections``). Running one gives a
serialized ``Summary`` for ``FileWriter.add_summary``.
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework import dtypes, graph_keys
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import get_collection, name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.ops.summary import summary_ops  # noqa: F401 - the op definitions
from scopeflow._src.ops.summary.summary_scope import clean_tag, collect, summary_scope

_SUMMARIES = [graph_keys.GraphKeys.SUMMARIES]


def _int_attr(value, name: str, op_type: str, minimum: int) -> int:
    """An int attribute, with TF's errors for a non-number and a value under the minimum."""
    try:
        if isinstance(value, str):
            raise TypeError
        number = int(value)
    except (TypeError, ValueError):
        raise TypeError(f"Expected int for argument '{name}' not {value!r}.") from None
    if number < minimum:
        raise ValueError(f"Attr '{name}' of '{op_type}' Op passed {number} less than minimum {minimum}.")
    return number


def scalar(name, tensor, collections=None, family=None):
    """A ``ScalarSummary`` of ``tensor`` (one real number), tagged with its name scope.

    >>> import scopeflow as tf
    >>> with tf.Session() as sess:
    ...     summary = tf.Summary.FromString(sess.run(tf.summary.scalar("loss", tf.constant(0.25))))
    >>> summary.value[0].tag, summary.value[0].simple_value
    ('loss', 0.25)
    """
    with summary_scope(name, family, values=[tensor]) as (tag, scope):
        val = create_output("ScalarSummary", [tag, tensor], name=scope)
        collect(val, collections, _SUMMARIES)
    return val


def histogram(name, values, collections=None, family=None):
    """A ``HistogramSummary`` of ``values`` (finite real numbers, any shape), with TF's buckets.

    >>> import scopeflow as tf
    >>> tf.summary.histogram("weights", tf.ones([3])).op.type
    'HistogramSummary'
    """
    with summary_scope(name, family, values=[values], default_name="HistogramSummary") as (tag, scope):
        val = create_output("HistogramSummary", [tag, values], name=scope)
        collect(val, collections, _SUMMARIES)
    return val


def image(name, tensor, max_outputs=3, collections=None, family=None):
    """An ``ImageSummary`` of the first ``max_outputs`` images of ``tensor``
    (``[batch, height, width, channels]``, 1, 3 or 4 channels), PNG-encoded; tags
    ``<tag>/image/<i>`` (``<tag>/image`` when ``max_outputs`` is 1).

    >>> import scopeflow as tf
    >>> tf.summary.image("digits", tf.zeros([2, 8, 8, 1])).op.get_attr("max_images")
    3
    """
    with summary_scope(name, family, values=[tensor]) as (tag, scope):
        attrs = {"max_images": _int_attr(max_outputs, "max_images", "ImageSummary", 1)}
        val = create_output("ImageSummary", [tag, tensor], attrs, name=scope)
        collect(val, collections, _SUMMARIES)
    return val


def audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None):
    """An ``AudioSummaryV2`` of the first ``max_outputs`` clips of ``tensor`` (``[batch, frames]``
    or ``[batch, frames, channels]``, values in ``[-1, 1]``), WAV-encoded; tags
    ``<tag>/audio/<i>`` (``<tag>/audio`` when ``max_outputs`` is 1).

    >>> import scopeflow as tf
    >>> tf.summary.audio("voice", tf.zeros([1, 100]), 8000).op.inputs[2].name
    'voice/sample_rate:0'
    """
    with summary_scope(name, family=family, values=[tensor]) as (tag, scope):
        sample_rate = convert_to_tensor(sample_rate, dtype=dtypes.float32, name="sample_rate")
        attrs = {"max_outputs": _int_attr(max_outputs, "max_outputs", "AudioSummaryV2", 1)}
        val = create_output("AudioSummaryV2", [tag, tensor, sample_rate], attrs, name=scope)
        collect(val, collections, _SUMMARIES)
    return val


def text(name, tensor, collections=None):
    """A ``tensor_summary`` of a string ``tensor`` that TensorBoard's text dashboard shows
    (plugin ``text``).

    >>> import scopeflow as tf
    >>> tf.summary.text("note", tf.constant("hello")).op.type
    'TensorSummaryV2'
    """
    if tensor.dtype != dtypes.string:
        raise ValueError(f"Expected tensor {tensor.name} to have dtype string, got {tensor.dtype}")
    metadata = protos.SummaryMetadata(plugin_data=protos.SummaryMetadata.PluginData(plugin_name="text"))
    return tensor_summary(name=name, tensor=tensor, summary_metadata=metadata, collections=collections)


def tensor_summary(name, tensor, summary_description=None, collections=None, summary_metadata=None, family=None,
                   display_name=None):
    """A ``TensorSummaryV2``: ``tensor`` (any type and shape) with ``summary_metadata`` (a
    ``SummaryMetadata``, into which ``summary_description`` and ``display_name`` are written).

    >>> import scopeflow as tf
    >>> tf.summary.tensor_summary("t", tf.constant([1, 2]), summary_description="two").op.get_attr("T")
    tf.int32
    """
    if summary_metadata is None:
        summary_metadata = protos.SummaryMetadata()
    if summary_description is not None:
        summary_metadata.summary_description = summary_description
    if display_name is not None:
        summary_metadata.display_name = display_name
    serialized = summary_metadata.SerializeToString()
    with summary_scope(name, family, values=[tensor]) as (tag, scope):
        val = create_output("TensorSummaryV2", [tag, tensor, serialized], name=scope)
        collect(val, collections, _SUMMARIES)
    return val


def merge(inputs, collections=None, name=None):
    """A ``MergeSummary`` of the serialized summaries ``inputs``: the union of their values
    (running it fails on a tag that two of them use). Added to no collection by default.

    >>> import scopeflow as tf
    >>> tf.summary.merge([tf.summary.scalar("a", 1.0), tf.summary.scalar("b", 2.0)]).name
    'Merge/MergeSummary:0'
    """
    name = clean_tag(name)
    with name_scope(name, "Merge", inputs):
        if isinstance(inputs, (list, tuple)) and not inputs:
            raise ValueError("List argument 'inputs' to 'MergeSummary' Op with length 0 shorter than minimum "
                             "length 1.")
        val = create_output("MergeSummary", [inputs], name=name)
        collect(val, collections, [])
    return val


def merge_all(key=graph_keys.GraphKeys.SUMMARIES, scope=None, name=None):
    """``merge`` of the summaries in the collection ``key`` (those whose name matches ``scope``,
    when given); ``None`` when there are none.

    >>> import scopeflow as tf
    >>> tf.summary.merge_all() is None
    True
    """
    collected = get_collection(key, scope=scope)
    if not collected:
        return None
    return merge(collected, name=name)


def get_summary_description(node_def):
    """The ``SummaryDescription`` stored (as JSON) in the ``description`` attribute of a
    ``TensorSummary`` node (a ``NodeDef``, as in a GraphDef written by TF)."""
    # loaded on first use: protobuf's JSON support is needed here only
    from google.protobuf import json_format

    if node_def.op != "TensorSummary":
        raise ValueError(f"Can't get_summary_description on {node_def.op}")
    description = protos.SummaryDescription()
    json_format.Parse(node_def.attr["description"].s.decode(), description)
    return description


def all_v2_summary_ops():
    """The TF2-style summary ops of the default graph (its ``_SUMMARY_V2`` collection); TF1's
    ``tf.summary`` ops are not among them, and scopeflow builds none, so this is the list of
    what was added to that collection by hand.

    >>> import scopeflow as tf
    >>> tf.summary.all_v2_summary_ops()
    []
    """
    return get_collection(graph_keys.GraphKeys._SUMMARY_COLLECTION)
