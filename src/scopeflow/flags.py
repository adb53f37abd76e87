"""``tf.flags`` (also ``tf.app.flags``): command-line flags, absl's, as TensorFlow 1 re-exported them.

``FLAGS.x`` after parsing (``tf.app.run`` parses ``sys.argv``; reading a flag before that parses
it), ``DEFINE_string``/``integer``/``float``/``boolean``/``bool``/``list``/``enum``/``multi_*``...
These are ``absl.flags``' own names (a flag defined with either module is in one ``FLAGS``), with
TensorFlow's changes (``scopeflow._src.platform.flags``): implicit parsing, and TF1's keyword names
``flag_name``/``default_value``/``docstring`` accepted. Loaded on first use (absl costs import time).
"""

__all__ = [
    "adopt_module_key_flags", "ArgumentParser", "ArgumentSerializer", "BaseListParser", "BooleanFlag",
    "BooleanParser", "CantOpenFlagFileError", "CsvListSerializer", "declare_key_flag", "DEFINE", "DEFINE_alias",
    "DEFINE_bool", "DEFINE_boolean", "DEFINE_enum", "DEFINE_enum_class", "DEFINE_flag", "DEFINE_float",
    "DEFINE_integer", "DEFINE_list", "DEFINE_multi", "DEFINE_multi_enum", "DEFINE_multi_enum_class",
    "DEFINE_multi_float", "DEFINE_multi_integer", "DEFINE_multi_string", "DEFINE_spaceseplist", "DEFINE_string",
    "disclaim_key_flags", "doc_to_help", "DuplicateFlagError", "EnumClassFlag", "EnumClassListSerializer",
    "EnumClassParser", "EnumClassSerializer", "EnumFlag", "EnumParser", "Error", "Flag", "flag_dict_to_args",
    "FlagHolder", "FlagNameConflictsWithMethodError", "FLAGS", "FlagValues", "FloatParser", "get_help_width",
    "IllegalFlagValueError", "IntegerParser", "ListParser", "ListSerializer", "mark_bool_flags_as_mutual_exclusive",
    "mark_flag_as_required", "mark_flags_as_mutual_exclusive", "mark_flags_as_required", "multi_flags_validator",
    "MultiEnumClassFlag", "MultiFlag", "override_value", "register_multi_flags_validator", "register_validator",
    "set_default", "text_wrap", "UnparsedFlagAccessError", "UnrecognizedFlagError", "ValidationError", "validator",
    "WhitespaceSeparatedListParser"]

from absl.flags import (
    DEFINE,
    ArgumentParser,
    ArgumentSerializer,
    BaseListParser,
    BooleanFlag,
    BooleanParser,
    CantOpenFlagFileError,
    CsvListSerializer,
    DEFINE_alias,
    DEFINE_enum,
    DEFINE_enum_class,
    DEFINE_flag,
    DEFINE_list,
    DEFINE_multi,
    DEFINE_multi_enum,
    DEFINE_multi_enum_class,
    DEFINE_multi_float,
    DEFINE_multi_integer,
    DEFINE_multi_string,
    DEFINE_spaceseplist,
    DuplicateFlagError,
    EnumClassFlag,
    EnumClassListSerializer,
    EnumClassParser,
    EnumClassSerializer,
    EnumFlag,
    EnumParser,
    Error,
    Flag,
    FlagHolder,
    FlagNameConflictsWithMethodError,
    FlagValues,
    FloatParser,
    IllegalFlagValueError,
    IntegerParser,
    ListParser,
    ListSerializer,
    MultiEnumClassFlag,
    MultiFlag,
    UnparsedFlagAccessError,
    UnrecognizedFlagError,
    ValidationError,
    WhitespaceSeparatedListParser,
    adopt_module_key_flags,
    declare_key_flag,
    disclaim_key_flags,
    doc_to_help,
    flag_dict_to_args,
    get_help_width,
    mark_bool_flags_as_mutual_exclusive,
    mark_flag_as_required,
    mark_flags_as_mutual_exclusive,
    mark_flags_as_required,
    multi_flags_validator,
    override_value,
    register_multi_flags_validator,
    register_validator,
    set_default,
    text_wrap,
    validator,
)

from scopeflow._src.platform.flags import (
    FLAGS,
    DEFINE_bool,
    DEFINE_boolean,
    DEFINE_float,
    DEFINE_integer,
    DEFINE_string,
)


def __dir__():
    return sorted(__all__)
