"""Which ops run on the host on the JAX target, in one place (``docs/jax-target.md``).

Every registered op either has a lowering (``OpDef.lower``) or is listed here;
``tests/jax/test_coverage.py`` fails otherwise, and fails when a listed op gains a lowering
(remove it from the list then). A plan with one of these ops runs it on the host: through a
JAX callback of its NumPy kernel when it computes numbers of known shapes, else the whole
step as a NumPy plan (``xla/plan.py``).

* ``HOST_OPS`` stay on the host: their tensors are strings, resources or variants (XLA has
  none), their output shapes depend on their values (XLA needs them when compiling), or they
  exist to call Python or to raise on values (``py_func``, ``Print``, ``Assert``).
* ``NOT_YET_LOWERED`` could be compiled and are not yet: the list shrinks as lowerings land
  (control flow becomes ``lax.cond``/``lax.while_loop``).
"""

STRING_OPS = (  # string, resource or variant tensors: readers, queues, summaries, tables, datasets, checkpoints
    "DecodeCompressed", "ParseTensor", "SerializeTensor",  # helper W's tensor bytes
    "AccumulatorNumAccumulated", "AccumulatorSetGlobalStep", "AsString", "AudioSummaryV2", "BatchDatasetV2",
    "CSVDatasetV2", "CacheDataset", "ConcatenateDataset", "DecodeBase64", "DecodeBmp", "DecodeCSV",
    "DecodeGif", "DecodeImage", "DecodeJpeg", "DecodePng", "DecodeRaw", "DirectedInterleaveDataset",
    "EncodeBase64", "EncodeJpeg", "EncodePng", "FIFOQueueV2", "FilterDataset", "FixedLengthRecordDatasetV2",
    "FixedLengthRecordReaderV2", "FlatMapDataset", "GeneratorDataset", "GroupByWindowDataset", "HashTableV2",
    "HistogramSummary", "IdentityReaderV2", "IgnoreErrorsDataset", "ImageSummary",
    "InitializeTableFromTextFileV2", "InitializeTableV2", "InterleaveDataset", "IteratorFromStringHandleV2",
    "IteratorGetNext", "IteratorToStringHandle", "IteratorV2", "LegacyParallelInterleaveDatasetV2",
    "LookupTableFindV2", "LookupTableImportV2", "LookupTableSizeV2", "MakeIterator", "MapAndBatchDataset",
    "MapDataset", "MatchingFiles", "MergeSummary", "MergeV2Checkpoints", "OneShotIterator",
    "PaddedBatchDatasetV2", "PaddingFIFOQueueV2", "ParallelBatchDataset", "ParallelInterleaveDatasetV4",
    "ParallelMapDatasetV2", "ParseExample", "ParseExampleV2", "ParseSequenceExample", "ParseSequenceExampleV2",
    "ParseSingleExample", "ParseSingleSequenceExample", "PrefetchDataset", "PrintV2", "PriorityQueueV2",
    "QueueCloseV2", "QueueDequeueManyV2", "QueueDequeueUpToV2", "QueueDequeueV2", "QueueEnqueueManyV2",
    "QueueEnqueueV2", "QueueIsClosedV2", "QueueSizeV2", "RandomDataset", "RandomShuffleQueueV2",
    "RangeDataset", "ReadFile", "ReaderNumRecordsProducedV2", "ReaderNumWorkUnitsCompletedV2",
    "ReaderReadUpToV2", "ReaderReadV2", "ReaderResetV2", "ReaderRestoreStateV2", "ReaderSerializeStateV2",
    "ReduceDataset", "ReduceJoin", "RegexFullMatch", "RegexReplace", "RepeatDataset",
    "ResourceAccumulatorApplyGradient", "ResourceAccumulatorNumAccumulated",
    "ResourceAccumulatorSetGlobalStep", "ResourceAccumulatorTakeGradient", "ResourceConditionalAccumulator",
    "RestoreV2", "RewriteDataset", "SaveV2", "ScalarSummary", "ScanDataset", "ShardDataset", "ShardedFilename",
    "ShardedFilespec", "ShuffleAndRepeatDataset", "ShuffleDataset", "SkipDataset",
    "SparseAccumulatorApplyGradient", "SparseAccumulatorTakeGradient", "SparseConditionalAccumulator",
    "StaticRegexFullMatch", "StaticRegexReplace", "StringFormat", "StringJoin", "StringLength", "StringLower",
    "StringSplit", "StringSplitV2", "StringStrip",
    "StringToHashBucket", "StringToHashBucketFast", "StringToHashBucketStrong", "StringToNumber",
    "StringUpper", "Substr", "TFRecordDataset", "TFRecordReaderV2", "TakeDataset",
    "TensorDataset", "TensorSliceDataset", "TensorSummaryV2", "TextLineDataset", "TextLineReaderV2",
    "UnbatchDataset", "UnicodeTranscode", "UnsortedSegmentJoin", "WholeFileReaderV2", "WindowDataset",
    "WriteFile", "ZipDataset",
)

DYNAMIC_SHAPE_OPS = (  # output shapes that depend on the values, or a variable counter that must raise
    "AddManySparseToTensorsMap", "AddSparseToTensorsMap", "AllCandidateSampler", "ComputeAccidentalHits",
    "CountUpTo", "DenseToDenseSetOperation", "DenseToSparseSetOperation", "DeserializeSparse",
    "DynamicPartition", "FixedUnigramCandidateSampler", "LearnedUnigramCandidateSampler", "ListDiff",
    "NonMaxSuppressionV3", "Qr", "SampleDistortedBoundingBoxV2",
    "SerializeManySparse", "SerializeSparse", "SetSize", "SparseAdd", "SparseConcat", "SparseFillEmptyRows",
    "SparseReduceMaxSparse", "SparseReduceSumSparse", "SparseReorder", "SparseReshape", "SparseSlice",
    "SparseSparseMaximum", "SparseSparseMinimum", "SparseSplit", "SparseToSparseSetOperation",
    "TakeManySparseFromTensorsMap", "ThreadUnsafeUnigramCandidateSampler", "Unique",
    "Where",
    "SegmentMax", "SegmentMean", "SegmentMin", "SegmentProd",  # sorted segments: rows = the last id + 1
    "DenseBincount", "UniqueWithCounts",  # sizes from the values
)

PYTHON_OPS = (  # call Python, print, or raise on the values they see
    "Assert", "CheckNumerics", "EagerPyFunc", "Print", "PyFunc", "PyFuncStateless",
)

HOST_OPS = frozenset(STRING_OPS + DYNAMIC_SHAPE_OPS + PYTHON_OPS)

# Compiled by the plan itself, from their OpDef facts: a cond runs both branches and its Merge
# selects the taken one (xla/plan.py), a loop is a lax.while_loop (xla/loops.py), so these
# have no lowering of their own.
PLAN_OPS = frozenset(("Switch", "RefSwitch", "Merge", "ControlTrigger",
                      "Enter", "Exit", "NextIteration",  # a while_loop's frame: one lax.while_loop (xla/loops.py)
                      "RefEnter"))  # a variable the body assigns: carried by the loop

NOT_YET_LOWERED = frozenset((
    "DrawBoundingBoxes", "DrawBoundingBoxesV2",  # box by box in Python; they feed image summaries (host ops)
    "RefExit",
    "RefMerge", "RefNextIteration",
))
