"""``tf.ConfigProto``, ``tf.RunOptions``, ``tf.RunMetadata`` and friends.

TF1 programs build these protocol buffers to configure a session (``allow_soft_placement``,
``gpu_options.allow_growth``, thread counts) or a step (``trace_level``). scopeflow runs
everything in process on NumPy, so no option changes what a run computes; the classes
exist so that such programs run unchanged. They behave like the protobuf messages for
what programs do with them: keyword construction, attribute access and assignment (an
unknown field is TensorFlow's ``ValueError``/``AttributeError``), nested messages created
on access, enum constants (``tf.RunOptions.FULL_TRACE``), equality and the text format
of ``str()``. Where we differ: there is no binary serialization (``SerializeToString``).
``RunMetadata`` stays empty after a run (no step statistics are collected).
"""

from __future__ import annotations


class _Message:
    """A protocol-buffer-like record with a fixed set of typed fields."""

    _FIELDS: dict = {}   # name -> bool | int | float | str | list | dict | a _Message subclass
    _ENUMS: dict = {}    # name -> {value: label} for enum fields (printed by label)

    def __init__(self, **kwargs):
        for name, kind in self._FIELDS.items():
            object.__setattr__(self, name, kind())
        for name, value in kwargs.items():
            if name not in self._FIELDS:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{name}" field.')
            kind = self._FIELDS[name]
            if _is_message(kind):
                getattr(self, name).MergeFrom(value if isinstance(value, kind) else kind(**value))
            elif kind is list:
                getattr(self, name).extend(value)
            elif kind is dict:
                getattr(self, name).update(value)
            else:
                setattr(self, name, value)

    def __setattr__(self, name, value):
        kind = self._FIELDS.get(name)
        if kind is None:
            raise AttributeError(f'Protocol message {type(self).__name__} has no "{name}" field.')
        if kind in (list, dict) or _is_message(kind):
            raise AttributeError(f'Assignment not allowed to message field "{name}" in protocol message object.')
        object.__setattr__(self, name, _checked(kind, value))

    def MergeFrom(self, other) -> None:  # noqa: N802 - protobuf's name
        """Copy ``other``'s non-default fields into this message (lists are appended)."""
        if type(other) is not type(self):
            raise TypeError(f"Parameter to MergeFrom() must be instance of same class: expected "
                            f"{type(self).__name__} got {type(other).__name__}.")
        for name, kind in self._FIELDS.items():
            value = getattr(other, name)
            if _is_message(kind):
                getattr(self, name).MergeFrom(value)
            elif kind is list:
                getattr(self, name).extend(value)
            elif kind is dict:
                getattr(self, name).update(value)
            elif value != kind():
                object.__setattr__(self, name, value)

    def CopyFrom(self, other) -> None:  # noqa: N802
        """Make this message equal to ``other``."""
        self.Clear()
        self.MergeFrom(other)

    def Clear(self) -> None:  # noqa: N802
        """Reset every field to its default."""
        self.__init__()

    def __eq__(self, other):
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self._FIELDS)

    __hash__ = None

    def _text(self, indent: str) -> list:
        lines = []
        for name, kind in self._FIELDS.items():
            value = getattr(self, name)
            if _is_message(kind):
                inner = value._text(indent + "  ")
                if inner:
                    lines += [f"{indent}{name} {{", *inner, f"{indent}}}"]
            elif kind is list:
                lines += [f"{indent}{name}: {_scalar_text(v)}" for v in value]
            elif kind is dict:
                for k, v in value.items():
                    lines += [f"{indent}{name} {{", f'{indent}  key: "{k}"', f"{indent}  value: {v}", f"{indent}}}"]
            elif value != kind():
                label = self._ENUMS.get(name, {}).get(value)
                lines.append(f"{indent}{name}: {label if label is not None else _scalar_text(value)}")
        return lines

    def __str__(self):
        lines = self._text("")
        return "\n".join(lines) + "\n" if lines else ""

    def __repr__(self):
        return str(self)


def _is_message(kind) -> bool:
    return isinstance(kind, type) and issubclass(kind, _Message)


def _checked(kind, value):
    if kind is bool or kind is int:
        if isinstance(value, (str, bytes, float)) or not hasattr(value, "__index__"):
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
        return kind(value)
    if kind is float:
        if isinstance(value, (str, bytes)) or not isinstance(value, (int, float)):
            raise TypeError(f"must be real number, not {type(value).__name__}")
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"bad argument type for built-in operation (a str is needed, got {type(value).__name__})")
    return value


def _scalar_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


class OptimizerOptions(_Message):
    """Graph optimizer settings (``do_constant_folding``, ``opt_level``, ``global_jit_level``)."""

    L1, L0 = 0, -1
    DEFAULT, OFF, ON_1, ON_2 = 0, -1, 1, 2
    _FIELDS = {"do_common_subexpression_elimination": bool, "do_constant_folding": bool, "opt_level": int,
               "do_function_inlining": bool, "global_jit_level": int, "max_folded_constant_in_bytes": int,
               "cpu_global_jit": bool}
    _ENUMS = {"opt_level": {0: "L1", -1: "L0"}, "global_jit_level": {-1: "OFF", 1: "ON_1", 2: "ON_2"}}


class GPUOptions(_Message):
    """GPU memory settings (``allow_growth``, ``per_process_gpu_memory_fraction``)."""

    _FIELDS = {"per_process_gpu_memory_fraction": float, "allocator_type": str, "deferred_deletion_bytes": int,
               "allow_growth": bool, "visible_device_list": str, "polling_active_delay_usecs": int,
               "polling_inactive_delay_msecs": int, "force_gpu_compatible": bool}


class GraphOptions(_Message):
    """Graph settings: ``optimizer_options``, ``infer_shapes``, ``place_pruned_graph``, ..."""

    _FIELDS = {"enable_recv_scheduling": bool, "optimizer_options": OptimizerOptions, "build_cost_model": int,
               "infer_shapes": bool, "place_pruned_graph": bool, "enable_bfloat16_sendrecv": bool,
               "timeline_step": int, "build_cost_model_after": int}


class ConfigProto(_Message):
    """Session configuration, accepted by ``tf.Session(config=...)`` (nothing in it changes results).

    >>> import scopeflow as tf
    >>> config = tf.ConfigProto(allow_soft_placement=True)
    >>> config.gpu_options.allow_growth = True
    >>> print(config, end="")
    gpu_options {
      allow_growth: true
    }
    allow_soft_placement: true
    """

    _FIELDS = {"device_count": dict, "intra_op_parallelism_threads": int, "placement_period": int,
               "device_filters": list, "inter_op_parallelism_threads": int, "gpu_options": GPUOptions,
               "allow_soft_placement": bool, "log_device_placement": bool, "use_per_session_threads": bool,
               "graph_options": GraphOptions, "operation_timeout_in_ms": int, "isolate_session_state": bool,
               "share_cluster_devices_in_session": bool}


class RunOptions(_Message):
    """Per-step options for ``Session.run(options=...)`` (``trace_level``, ``timeout_in_ms``)."""

    NO_TRACE, SOFTWARE_TRACE, HARDWARE_TRACE, FULL_TRACE = 0, 1, 2, 3
    _FIELDS = {"trace_level": int, "timeout_in_ms": int, "inter_op_thread_pool": int,
               "output_partition_graphs": bool, "report_tensor_allocations_upon_oom": bool}
    _ENUMS = {"trace_level": {1: "SOFTWARE_TRACE", 2: "HARDWARE_TRACE", 3: "FULL_TRACE"}}


class StepStats(_Message):
    """Per-device execution statistics of a step (scopeflow records none)."""

    _FIELDS = {"dev_stats": list}


class RunMetadata(_Message):
    """What ``Session.run(run_metadata=...)`` reports back; scopeflow leaves it empty."""

    _FIELDS = {"step_stats": StepStats, "partition_graphs": list}


class DeviceAttributes:
    """One entry of ``Session.list_devices()``: name, type, memory limit and incarnation."""

    def __init__(self, name: str, device_type: str, memory_limit_bytes: int, incarnation: int):
        self.name = name
        self.device_type = device_type
        self.memory_limit_bytes = memory_limit_bytes
        self.incarnation = incarnation

    def __repr__(self):
        return (f"_DeviceAttributes({self.name}, {self.device_type}, {self.memory_limit_bytes:d}, "
                f"{self.incarnation:d})")
