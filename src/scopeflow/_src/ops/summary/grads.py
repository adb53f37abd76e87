"""The summary ops have no gradient, as in TensorFlow (they output serialized protos)."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("ScalarSummary", "HistogramSummary", "ImageSummary", "AudioSummaryV2", "TensorSummaryV2",
                   "MergeSummary")
