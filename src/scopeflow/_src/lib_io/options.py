"""``tf.io.TFRecordOptions`` and ``TFRecordCompressionType``: how a TFRecord file is compressed."""

from __future__ import annotations

_ZLIB_DEFAULTS = {  # TensorFlow's zlib settings where an option is None (its mem_level is 9, not zlib's 8)
    "flush_mode": 0, "input_buffer_size": 256 << 10, "compression_level": -1, "compression_method": 8,
    "mem_level": 9, "compression_strategy": 0,
}
_WINDOW_BITS = {"ZLIB": 15, "GZIP": 31}  # a zlib stream, or a gzip one (zlib's window bits + 16)


class TFRecordCompressionType:
    """The type of compression for the record.

    >>> TFRecordCompressionType.GZIP
    2
    """

    NONE = 0
    ZLIB = 1
    GZIP = 2


class TFRecordOptions:
    """Options used for manipulating TFRecord files: ``compression_type`` is ``"GZIP"``,
    ``"ZLIB"`` or ``""`` (none, also ``None``), or a ``TFRecordCompressionType``; the zlib
    settings only affect a writer that compresses, and ``None`` leaves TensorFlow's default.

    >>> TFRecordOptions(TFRecordCompressionType.ZLIB).get_compression_type_string(
    ...     TFRecordOptions("GZIP"))
    'GZIP'
    """

    compression_type_map = {TFRecordCompressionType.ZLIB: "ZLIB", TFRecordCompressionType.GZIP: "GZIP",
                            TFRecordCompressionType.NONE: ""}

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None, output_buffer_size=None,
                 window_bits=None, compression_level=None, compression_method=None, mem_level=None,
                 compression_strategy=None):
        self.get_compression_type_string(compression_type)
        self.compression_type = compression_type
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_level = compression_level
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options) -> str:
        """``options`` (a ``TFRecordOptions``, a ``TFRecordCompressionType`` or a string) as
        ``"ZLIB"``, ``"GZIP"`` or ``""``; ``ValueError`` for anything else.

        >>> TFRecordOptions.get_compression_type_string(None)
        ''
        """
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return cls.get_compression_type_string(options.compression_type)
        if options in cls.compression_type_map:
            return cls.compression_type_map[options]
        if options in cls.compression_type_map.values():
            return options
        raise ValueError(f'Not a valid compression_type: "{options}"')

    def zlib_settings(self) -> dict | None:
        """The zlib settings a writer uses (``None`` when it does not compress), TensorFlow's
        defaults filled in (scopeflow's; TF hands them to its C++ writer).

        >>> TFRecordOptions("GZIP", compression_level=9).zlib_settings()["window_bits"]
        31
        """
        kind = self.get_compression_type_string(self.compression_type)
        if not kind:
            return None
        settings = {name: default if getattr(self, name) is None else getattr(self, name)
                    for name, default in _ZLIB_DEFAULTS.items()}
        settings["window_bits"] = _WINDOW_BITS[kind] if self.window_bits is None else self.window_bits
        return settings


def as_options(options) -> TFRecordOptions:
    """``options`` as a ``TFRecordOptions`` (a writer takes a compression type as well).

    >>> as_options("ZLIB").compression_type
    'ZLIB'
    """
    return options if isinstance(options, TFRecordOptions) else TFRecordOptions(compression_type=options)
