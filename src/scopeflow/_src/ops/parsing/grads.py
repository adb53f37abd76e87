"""The parsing and string ops have no gradient, as in TensorFlow (their inputs are strings)."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("DecodeRaw", "DecodeCSV", "StringToNumber", "ParseExampleV2", "ParseSequenceExampleV2",
                   "ParseExample", "ParseSingleExample", "ParseSequenceExample", "ParseSingleSequenceExample",
                   # the string ops TF declares not differentiable (its other string ops have no entry)
                   "StringJoin", "StringToHashBucketFast", "StringToHashBucket",
                   "StringToHashBucketStrong", "RegexReplace", "AsString", "StringSplit", "ReduceJoin")
