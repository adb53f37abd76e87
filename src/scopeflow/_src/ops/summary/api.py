"""The summary ops, loaded on first use (``import scopeflow`` does not load them): importing
this module registers ``ScalarSummary``, ``HistogramSummary``, ``ImageSummary``,
``AudioSummaryV2``, ``TensorSummaryV2`` and ``MergeSummary``, then their gradient rules
(none: they are not differentiable), as ``ops/__init__`` does for the rest of the op library.
"""

# The order below is the registration order (ruff's import sorting is off for this file).
from scopeflow._src.ops.summary import summary_ops  # noqa: F401 - definitions
from scopeflow._src.ops.summary.summaries import (
    all_v2_summary_ops, audio, get_summary_description, histogram, image, merge, merge_all, scalar, tensor_summary,
    text,
)
from scopeflow._src.ops.summary import grads  # noqa: F401 - gradient rules

__all__ = ["all_v2_summary_ops", "audio", "get_summary_description", "histogram", "image", "merge", "merge_all",
           "scalar", "tensor_summary", "text"]
