"""Summary ops (loaded on first use): each computes a serialized ``Summary``. The references
build the expected proto with NumPy; the encoders themselves are tested in ``tests/summary``
and against TensorFlow in the ``summary`` conformance area."""

from scopeflow._src import protos
from scopeflow._src.ops.summary import api  # noqa: F401 - registers the summary ops (loaded on first use)
from scopeflow._src.ops.summary.histogram import histogram_proto
from tests.ops.samples import F32, F64, sample


def _summary(*values):
    summary = protos.Summary()
    for value in values:
        summary.value.add().CopyFrom(value)
    return summary.SerializeToString()


@sample("ScalarSummary", [F32()], lambda x: _summary(protos.Summary.Value(tag="s", simple_value=float(x))),
        grad=False)
def _(tf, x):
    return tf.summary.scalar("s", x)


@sample("HistogramSummary", [F64(3, 4)], lambda x: _summary(protos.Summary.Value(tag="h", histo=histogram_proto(x))),
        grad=False)
def _(tf, x):
    return tf.summary.histogram("h", x)


@sample("ImageSummary", [F32(2, 3, 4, 3)], grad=False)
def _(tf, x):
    return tf.summary.image("i", x)


@sample("AudioSummaryV2", [F32(2, 50)], grad=False)
def _(tf, x):
    return tf.summary.audio("a", x, 8000)


def _tensor_reference(x):
    value = protos.Summary.Value(tag="t")
    value.metadata.SetInParent()
    value.tensor.dtype = protos.DataType.values_by_name["DT_DOUBLE"].number
    for n in x.shape:
        value.tensor.tensor_shape.dim.add(size=n)
    value.tensor.tensor_content = x.tobytes()
    return _summary(value)


@sample("TensorSummaryV2", [F64(2, 3)], _tensor_reference, grad=False)
def _(tf, x):
    return tf.summary.tensor_summary("t", x)


@sample("MergeSummary", [F32(), F32(seed=1)],
        lambda a, b: _summary(protos.Summary.Value(tag="a", simple_value=float(a)),
                              protos.Summary.Value(tag="b", simple_value=float(b))), grad=False)
def _(tf, a, b):
    return tf.summary.merge([tf.summary.scalar("a", a), tf.summary.scalar("b", b)])
