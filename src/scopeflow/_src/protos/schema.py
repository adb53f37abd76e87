"""TensorFlow's protocol-buffer messages that scopeflow reads and writes, declared in proto3
syntax with TensorFlow's names and field numbers, so that files are byte-compatible.

These are scopeflow's own declarations of the wire format (what each field is called and
numbered), written for the messages scopeflow uses; fields scopeflow never reads are left out
where a message allows it (the protobuf runtime keeps unknown fields when a message is read
and written back). ``proto_text.file_descriptor`` turns the text into a descriptor.
"""

PACKAGE = "tensorflow"

SCHEMA = """
enum DataType {
  DT_INVALID = 0; DT_FLOAT = 1; DT_DOUBLE = 2; DT_INT32 = 3; DT_UINT8 = 4; DT_INT16 = 5; DT_INT8 = 6;
  DT_STRING = 7; DT_COMPLEX64 = 8; DT_INT64 = 9; DT_BOOL = 10; DT_QINT8 = 11; DT_QUINT8 = 12;
  DT_QINT32 = 13; DT_BFLOAT16 = 14; DT_QINT16 = 15; DT_QUINT16 = 16; DT_UINT16 = 17; DT_COMPLEX128 = 18;
  DT_HALF = 19; DT_RESOURCE = 20; DT_VARIANT = 21; DT_UINT32 = 22; DT_UINT64 = 23;
  DT_FLOAT8_E5M2 = 24; DT_FLOAT8_E4M3FN = 25; DT_FLOAT8_E4M3FNUZ = 26; DT_FLOAT8_E4M3B11FNUZ = 27;
  DT_FLOAT8_E5M2FNUZ = 28; DT_INT4 = 29; DT_UINT4 = 30; DT_INT2 = 31; DT_UINT2 = 32; DT_FLOAT4_E2M1FN = 33;
  DT_FLOAT_REF = 101; DT_DOUBLE_REF = 102; DT_INT32_REF = 103; DT_UINT8_REF = 104; DT_INT16_REF = 105;
  DT_INT8_REF = 106; DT_STRING_REF = 107; DT_COMPLEX64_REF = 108; DT_INT64_REF = 109; DT_BOOL_REF = 110;
  DT_QINT8_REF = 111; DT_QUINT8_REF = 112; DT_QINT32_REF = 113; DT_BFLOAT16_REF = 114; DT_QINT16_REF = 115;
  DT_QUINT16_REF = 116; DT_UINT16_REF = 117; DT_COMPLEX128_REF = 118; DT_HALF_REF = 119;
  DT_RESOURCE_REF = 120; DT_VARIANT_REF = 121; DT_UINT32_REF = 122; DT_UINT64_REF = 123;
  DT_FLOAT8_E5M2_REF = 124; DT_FLOAT8_E4M3FN_REF = 125; DT_FLOAT8_E4M3FNUZ_REF = 126;
  DT_FLOAT8_E4M3B11FNUZ_REF = 127; DT_FLOAT8_E5M2FNUZ_REF = 128; DT_INT4_REF = 129; DT_UINT4_REF = 130;
  DT_INT2_REF = 131; DT_UINT2_REF = 132; DT_FLOAT4_E2M1FN_REF = 133;
}

// tensor_shape.proto, tensor.proto, resource_handle.proto
message TensorShapeProto {
  message Dim { int64 size = 1; string name = 2; }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}
message ResourceHandleProto {
  string device = 1; string container = 2; string name = 3; uint64 hash_code = 4; string maybe_type_name = 5;
}
message TensorProto {
  DataType dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated int32 half_val = 13;
  repeated float float_val = 5;
  repeated double double_val = 6;
  repeated int32 int_val = 7;
  repeated bytes string_val = 8;
  repeated float scomplex_val = 9;
  repeated int64 int64_val = 10;
  repeated bool bool_val = 11;
  repeated double dcomplex_val = 12;
  repeated ResourceHandleProto resource_handle_val = 14;
  repeated uint32 uint32_val = 16;
  repeated uint64 uint64_val = 17;
  bytes float8_val = 18;
}

// attr_value.proto, node_def.proto, versions.proto, graph.proto
message AttrValue {
  message ListValue {
    repeated bytes s = 2;
    repeated int64 i = 3;
    repeated float f = 4;
    repeated bool b = 5;
    repeated DataType type = 6;
    repeated TensorShapeProto shape = 7;
    repeated TensorProto tensor = 8;
    repeated NameAttrList func = 9;
  }
  oneof value {
    bytes s = 2; int64 i = 3; float f = 4; bool b = 5; DataType type = 6; TensorShapeProto shape = 7;
    TensorProto tensor = 8; ListValue list = 1; NameAttrList func = 10; string placeholder = 9;
  }
}
message NameAttrList {
  string name = 1;
  map<string, AttrValue> attr = 2;
}
message NodeDef {
  string name = 1;
  string op = 2;
  repeated string input = 3;
  string device = 4;
  map<string, AttrValue> attr = 5;
  message ExperimentalDebugInfo { repeated string original_node_names = 1; repeated string original_func_names = 2; }
  ExperimentalDebugInfo experimental_debug_info = 6;
  FullTypeDef experimental_type = 7;
}

// full_type.proto (TF writes a node's full type, e.g. on Shape ops, in text GraphDefs too)
enum FullTypeId {
  TFT_UNSET = 0; TFT_VAR = 1; TFT_ANY = 2; TFT_PRODUCT = 3; TFT_NAMED = 4; TFT_FOR_EACH = 20; TFT_CALLABLE = 100;
  TFT_TENSOR = 1000; TFT_ARRAY = 1001; TFT_OPTIONAL = 1002; TFT_LITERAL = 1003; TFT_ENCODED = 1004;
  TFT_SHAPE_TENSOR = 1005; TFT_BOOL = 200; TFT_UINT8 = 201; TFT_UINT16 = 202; TFT_UINT32 = 203; TFT_UINT64 = 204;
  TFT_INT8 = 205; TFT_INT16 = 206; TFT_INT32 = 207; TFT_INT64 = 208; TFT_HALF = 209; TFT_FLOAT = 210;
  TFT_DOUBLE = 211; TFT_BFLOAT16 = 215; TFT_COMPLEX64 = 212; TFT_COMPLEX128 = 213; TFT_STRING = 214;
  TFT_DATASET = 10102; TFT_RAGGED = 10103; TFT_ITERATOR = 10104; TFT_MUTEX_LOCK = 10202; TFT_LEGACY_VARIANT = 10203;
}
message FullTypeDef {
  FullTypeId type_id = 1;
  repeated FullTypeDef args = 2;
  oneof attr { string s = 3; int64 i = 4; }
}
message VersionDef {
  int32 producer = 1;
  int32 min_consumer = 2;
  repeated int32 bad_consumers = 3;
}
// function.proto (the functions a GraphDef's nodes name: tf.data's traced functions)
message FunctionDef {
  OpDef signature = 1;
  map<string, AttrValue> attr = 5;
  message ArgAttrs { map<string, AttrValue> attr = 1; }
  map<uint32, ArgAttrs> arg_attr = 7;
  map<uint32, uint32> resource_arg_unique_id = 8;
  repeated NodeDef node_def = 3;
  map<string, string> ret = 4;
  map<string, string> control_ret = 6;
}
message GradientDef { string function_name = 1; string gradient_func = 2; }
message RegisteredGradient { string gradient_func = 1; string registered_op_type = 2; }
message FunctionDefLibrary {
  repeated FunctionDef function = 1;
  repeated GradientDef gradient = 2;
  repeated RegisteredGradient registered_gradients = 3;
}
message GraphDef {
  repeated NodeDef node = 1;
  VersionDef versions = 4;
  int32 version = 3;
  FunctionDefLibrary library = 2;
}

// op_def.proto (a MetaGraph's stripped op list)
message OpDef {
  message ArgDef {
    string name = 1; string description = 2; DataType type = 3; string type_attr = 4; string number_attr = 5;
    string type_list_attr = 6; bool is_ref = 16;
  }
  message AttrDef {
    string name = 1; string type = 2; AttrValue default_value = 3; string description = 4;
    bool has_minimum = 5; int64 minimum = 6; AttrValue allowed_values = 7;
  }
  string name = 1;
  repeated ArgDef input_arg = 2;
  repeated ArgDef output_arg = 3;
  repeated string control_output = 20;
  repeated AttrDef attr = 4;
  string summary = 5;
  string description = 6;
  bool is_commutative = 18;
  bool is_aggregate = 16;
  bool is_stateful = 17;
  bool allows_uninitialized_input = 19;
  bool is_distributed_communication = 21;
}
message OpList { repeated OpDef op = 1; }

// saver.proto, variable.proto, meta_graph.proto
message SaverDef {
  enum CheckpointFormatVersion { LEGACY = 0; V1 = 1; V2 = 2; }
  string filename_tensor_name = 1;
  string save_tensor_name = 2;
  string restore_op_name = 3;
  int32 max_to_keep = 4;
  bool sharded = 5;
  float keep_checkpoint_every_n_hours = 6;
  CheckpointFormatVersion version = 7;
}
// control_flow.proto (a meta graph's cond_context and while_context collections)
message ValuesDef {
  repeated string values = 1;
  map<string, string> external_values = 2;
}
message ControlFlowContextDef {
  oneof ctxt { CondContextDef cond_ctxt = 1; WhileContextDef while_ctxt = 2; }
}
message CondContextDef {
  string context_name = 1; string pred_name = 2; string pivot_name = 3; int32 branch = 4;
  ValuesDef values_def = 5;
  repeated ControlFlowContextDef nested_contexts = 6;
}
message WhileContextDef {
  string context_name = 1; int32 parallel_iterations = 2; bool back_prop = 3; bool swap_memory = 4;
  string pivot_name = 5; string pivot_for_pred_name = 6; string pivot_for_body_name = 7;
  repeated string loop_exit_names = 8;
  repeated string loop_enter_names = 10;
  ValuesDef values_def = 9;
  string maximum_iterations_name = 11;
  repeated ControlFlowContextDef nested_contexts = 12;
}
message SaveSliceInfoDef {
  string full_name = 1;
  repeated int64 full_shape = 2;
  repeated int64 var_offset = 3;
  repeated int64 var_shape = 4;
}
message VariableDef {
  string variable_name = 1;
  string initial_value_name = 6;
  string initializer_name = 2;
  string snapshot_name = 3;
  SaveSliceInfoDef save_slice_info_def = 4;
  bool is_resource = 5;
  bool trainable = 7;
  VariableSynchronization synchronization = 8;
  VariableAggregation aggregation = 9;
}
enum VariableSynchronization {
  VARIABLE_SYNCHRONIZATION_AUTO = 0; VARIABLE_SYNCHRONIZATION_NONE = 1; VARIABLE_SYNCHRONIZATION_ON_WRITE = 2;
  VARIABLE_SYNCHRONIZATION_ON_READ = 3;
}
enum VariableAggregation {
  VARIABLE_AGGREGATION_NONE = 0; VARIABLE_AGGREGATION_SUM = 1; VARIABLE_AGGREGATION_MEAN = 2;
  VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA = 3;
}
message CollectionDef {
  message NodeList { repeated string value = 1; }
  message BytesList { repeated bytes value = 1; }
  message Int64List { repeated int64 value = 1; }
  message FloatList { repeated float value = 1; }
  message AnyList { repeated google.protobuf.Any value = 1; }
  oneof kind {
    NodeList node_list = 1; BytesList bytes_list = 2; Int64List int64_list = 3; FloatList float_list = 4;
    AnyList any_list = 5;
  }
}
message TensorInfo {
  oneof encoding { string name = 1; }
  DataType dtype = 2;
  TensorShapeProto tensor_shape = 3;
}
message SignatureDef {
  map<string, TensorInfo> inputs = 1;
  map<string, TensorInfo> outputs = 2;
  string method_name = 3;
}
message AssetFileDef {
  TensorInfo tensor_info = 1;
  string filename = 2;
}
message MetaGraphDef {
  message MetaInfoDef {
    string meta_graph_version = 1;
    OpList stripped_op_list = 2;
    google.protobuf.Any any_info = 3;
    repeated string tags = 4;
    string tensorflow_version = 5;
    string tensorflow_git_version = 6;
    bool stripped_default_attrs = 7;
    map<string, string> function_aliases = 8;
  }
  MetaInfoDef meta_info_def = 1;
  GraphDef graph_def = 2;
  SaverDef saver_def = 3;
  map<string, CollectionDef> collection_def = 4;
  map<string, SignatureDef> signature_def = 5;
  repeated AssetFileDef asset_file_def = 6;
}

// summary.proto, event.proto, config.proto's RunMetadata
message HistogramProto {
  double min = 1;
  double max = 2;
  double num = 3;
  double sum = 4;
  double sum_squares = 5;
  repeated double bucket_limit = 6;
  repeated double bucket = 7;
}
message SummaryDescription { string type_hint = 1; }
message SummaryMetadata {
  message PluginData { string plugin_name = 1; bytes content = 2; }
  PluginData plugin_data = 1;
  string display_name = 2;
  string summary_description = 3;
  DataClass data_class = 4;
}
enum DataClass { DATA_CLASS_UNKNOWN = 0; DATA_CLASS_SCALAR = 1; DATA_CLASS_TENSOR = 2; DATA_CLASS_BLOB_SEQUENCE = 3; }
message Summary {
  message Image { int32 height = 1; int32 width = 2; int32 colorspace = 3; bytes encoded_image_string = 4; }
  message Audio {
    float sample_rate = 1; int64 num_channels = 2; int64 length_frames = 3; bytes encoded_audio_string = 4;
    string content_type = 5;
  }
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    oneof value {
      float simple_value = 2; bytes obsolete_old_style_histogram = 3; Image image = 4; HistogramProto histo = 5;
      Audio audio = 6; TensorProto tensor = 8;
    }
  }
  repeated Value value = 1;
}
message LogMessage {
  enum Level { UNKNOWN = 0; DEBUGGING = 10; INFO = 20; WARN = 30; ERROR = 40; FATAL = 50; }
  Level level = 1;
  string message = 2;
}
message SessionLog {
  enum SessionStatus { STATUS_UNSPECIFIED = 0; START = 1; STOP = 2; CHECKPOINT = 3; }
  SessionStatus status = 1;
  string checkpoint_path = 2;
  string msg = 3;
}
message TaggedRunMetadata { string tag = 1; bytes run_metadata = 2; }
message SourceMetadata { string writer = 1; }
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3; bytes graph_def = 4; Summary summary = 5; LogMessage log_message = 6;
    SessionLog session_log = 7; TaggedRunMetadata tagged_run_metadata = 8; bytes meta_graph_def = 9;
  }
  SourceMetadata source_metadata = 10;
}
message StepStats {}
message CostGraphDef {}
message RunMetadata {
  StepStats step_stats = 1;
  CostGraphDef cost_graph = 2;
  repeated GraphDef partition_graphs = 3;
}

// feature.proto, example.proto
message BytesList { repeated bytes value = 1; }
message FloatList { repeated float value = 1; }
message Int64List { repeated int64 value = 1; }
message Feature {
  oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; }
}
message Features { map<string, Feature> feature = 1; }
message FeatureList { repeated Feature feature = 1; }
message FeatureLists { map<string, FeatureList> feature_list = 1; }
message Example { Features features = 1; }
message SequenceExample {
  Features context = 1;
  FeatureLists feature_lists = 2;
}

// tensor_slice.proto, tensor_bundle.proto, trackable_object_graph.proto (a checkpoint's .index)
message TensorSliceProto {
  message Extent { int64 start = 1; oneof has_length_hack { int64 length = 2; } }
  repeated Extent extent = 1;
}
message BundleHeaderProto {
  enum Endianness { LITTLE = 0; BIG = 1; }
  int32 num_shards = 1;
  Endianness endianness = 2;
  VersionDef version = 3;
}
message BundleEntryProto {
  DataType dtype = 1;
  TensorShapeProto shape = 2;
  int32 shard_id = 3;
  int64 offset = 4;
  int64 size = 5;
  fixed32 crc32c = 6;
  repeated TensorSliceProto slices = 7;
}
message TrackableObjectGraph {
  message TrackableObject {
    message ObjectReference { int32 node_id = 1; string local_name = 2; }
    message SerializedTensor { string name = 1; string full_name = 2; string checkpoint_key = 3; }
    message SlotVariableReference {
      int32 original_variable_node_id = 1; string slot_name = 2; int32 slot_variable_node_id = 3;
    }
    repeated ObjectReference children = 1;
    repeated SerializedTensor attributes = 2;
    repeated SlotVariableReference slot_variables = 3;
    RegisteredSaver registered_saver = 4;
  }
  repeated TrackableObject nodes = 1;
}
message RegisteredSaver { string name = 1; string object_name = 2; }
message ReaderBaseState {
  int64 work_started = 1;
  int64 work_finished = 2;
  int64 num_records_produced = 3;
  bytes current_work = 4;
}
message QueueRunnerDef {
  string queue_name = 1;
  repeated string enqueue_op_name = 2;
  string close_op_name = 3;
  string cancel_op_name = 4;
  // TF's tensorflow.error.Code, declared here (the values, and so the bytes and the text, are TF's)
  enum Code {
    OK = 0; CANCELLED = 1; UNKNOWN = 2; INVALID_ARGUMENT = 3; DEADLINE_EXCEEDED = 4; NOT_FOUND = 5;
    ALREADY_EXISTS = 6; PERMISSION_DENIED = 7; RESOURCE_EXHAUSTED = 8; FAILED_PRECONDITION = 9; ABORTED = 10;
    OUT_OF_RANGE = 11; UNIMPLEMENTED = 12; INTERNAL = 13; UNAVAILABLE = 14; DATA_LOSS = 15; UNAUTHENTICATED = 16;
    DO_NOT_USE_RESERVED_FOR_FUTURE_EXPANSION_USE_DEFAULT_IN_SWITCH_INSTEAD_ = 20;
  }
  repeated Code queue_closed_exception_types = 5;
}
"""
