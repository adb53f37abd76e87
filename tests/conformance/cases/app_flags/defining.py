"""Defining and parsing flags (each case in a fresh ``FlagValues``, as TF1 programs' own ``FLAGS``)."""

from tests.conformance.harness import case, raises


def _values(tf):
    fv = tf.flags.FlagValues()
    f = tf.flags
    f.DEFINE_string("name", "anon", "a string", flag_values=fv)
    f.DEFINE_integer("steps", 10, "an integer", flag_values=fv)
    f.DEFINE_float("lr", 0.5, "a float", flag_values=fv)
    f.DEFINE_boolean("train", True, "a boolean", flag_values=fv)
    f.DEFINE_bool("debug", False, "a bool", flag_values=fv)
    f.DEFINE_list("layers", ["a", "b"], "a list", flag_values=fv)
    f.DEFINE_enum("opt", "sgd", ["sgd", "adam"], "an enum", flag_values=fv)
    f.DEFINE_multi_string("tag", [], "strings", flag_values=fv)
    f.DEFINE_multi_integer("gpu", [0], "integers", flag_values=fv)
    f.DEFINE_multi_float("w", None, "floats", flag_values=fv)
    f.DEFINE_spaceseplist("words", "x y", "words", flag_values=fv)
    return fv


_NAMES = ("name", "steps", "lr", "train", "debug", "layers", "opt", "tag", "gpu", "w", "words")


@case
def defaults_of_each_type(tf):
    fv = _values(tf)
    rest = fv(["prog"])
    return [rest] + [getattr(fv, n) for n in _NAMES]


@case
def parse_each_type(tf):
    fv = _values(tf)
    rest = fv(["prog", "--name=bob", "--steps", "7", "--lr=1e-3", "--notrain", "--debug", "--layers=x,y,z",
               "--opt=adam", "--tag=a", "--tag=b", "--gpu=1", "--gpu=2", "--w=0.5", "--words=p q r", "file.txt"])
    return [rest] + [getattr(fv, n) for n in _NAMES]


@case
def boolean_spellings(tf):
    out = []
    for arg in ("--b", "--nob", "--b=false", "--b=0", "--b=True", "--b=1"):
        fv = tf.flags.FlagValues()
        tf.flags.DEFINE_boolean("b", None, "b", flag_values=fv)
        fv(["prog", arg])
        out.append(fv.b)
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_boolean("b", False, "b", flag_values=fv)
    out.append(raises(fv, ["prog", "--b=maybe"]))
    return out


@case
def read_before_parsing(tf):
    fv = _values(tf)
    return [raises(lambda: fv.steps), fv["steps"].value, fv["steps"].default, fv.is_parsed()]


@case
def unknown_flag(tf):
    fv = _values(tf)
    refused = raises(fv, ["prog", "--nope=1"])
    fv2 = _values(tf)
    kept = fv2(["prog", "--nope=1", "--steps=3", "x"], known_only=True)
    return [refused, kept, fv2.steps]


@case
def unknown_flag_close_to_a_known_one(tf):
    fv = _values(tf)
    return raises(fv, ["prog", "--step=1"])


@case
def illegal_values(tf):
    out = []
    for arg in ("--steps=abc", "--lr=fast", "--opt=rmsprop", "--gpu=x"):
        out.append(raises(_values(tf), ["prog", arg]))
    return out


@case
def bounds(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_integer("n", 5, "n", lower_bound=1, upper_bound=9, flag_values=fv)
    tf.flags.DEFINE_float("p", 0.5, "p", lower_bound=0.0, upper_bound=1.0, flag_values=fv)
    return [raises(fv, ["prog", "--n=0"]), raises(fv, ["prog", "--p=2"]), raises(fv, ["prog", "--n=9"])]


@case
def missing_value(tf):
    fv = _values(tf)
    return raises(fv, ["prog", "--steps"])


@case
def duplicate_definition(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_string("x", "a", "x", flag_values=fv)
    got = raises(tf.flags.DEFINE_string, "x", "b", "x", flag_values=fv)
    return [got["error"], "defined twice" in got["message"]]


@case
def tf1_keyword_names(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_string(flag_name="s", default_value="d", docstring="the s", flag_values=fv)
    tf.flags.DEFINE_integer(flag_name="i", default_value=3, docstring="the i", flag_values=fv)
    tf.flags.DEFINE_float(flag_name="f", default_value=1.5, docstring="the f", flag_values=fv)
    tf.flags.DEFINE_bool(flag_name="b", default_value=True, docstring="the b", flag_values=fv)
    rest = fv(["prog", "--i=4"])
    return [rest, fv.s, fv.i, fv.f, fv.b, fv["s"].help]


@case
def required_flags(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_string("data_dir", None, "where", flag_values=fv)
    tf.flags.mark_flag_as_required("data_dir", flag_values=fv)
    missing = raises(fv, ["prog"])
    fv2 = tf.flags.FlagValues()
    tf.flags.DEFINE_string("data_dir", None, "where", flag_values=fv2)
    tf.flags.mark_flag_as_required("data_dir", flag_values=fv2)
    fv2(["prog", "--data_dir=/d"])
    return [missing, fv2.data_dir]


@case
def validators(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_integer("batch", 32, "batch", flag_values=fv)
    tf.flags.register_validator("batch", lambda v: v % 2 == 0, message="batch must be even", flag_values=fv)
    return [raises(fv, ["prog", "--batch=3"]), raises(lambda: fv(["prog", "--batch=4"]) and fv.batch)]


@case
def set_values_after_parsing(tf):
    fv = _values(tf)
    fv(["prog", "--steps=2"])
    fv.steps = 99
    fv.name = "changed"
    return [fv.steps, fv.name, fv["steps"].present, fv["name"].present, fv["lr"].present,
            sorted(fv.flag_values_dict().items())]


@case
def flag_holders(tf):
    fv = tf.flags.FlagValues()
    holder = tf.flags.DEFINE_integer("epochs", 3, "epochs", flag_values=fv)
    fv(["prog", "--epochs=8"])
    return [type(holder).__name__, holder.name, holder.value, holder.default]


@case
def module_names(tf):
    names = ("DEFINE_string", "DEFINE_integer", "DEFINE_float", "DEFINE_boolean", "DEFINE_bool", "DEFINE_list",
             "DEFINE_enum", "DEFINE_multi_string", "DEFINE_multi_integer", "DEFINE_multi_float", "DEFINE_multi_enum",
             "DEFINE_spaceseplist", "DEFINE_alias", "FLAGS", "FlagValues", "Error", "UnparsedFlagAccessError",
             "UnrecognizedFlagError", "IllegalFlagValueError", "DuplicateFlagError", "mark_flag_as_required",
             "mark_flags_as_required", "register_validator", "validator", "FlagHolder")
    return [tf.app.flags is tf.flags, isinstance(tf.flags.FLAGS, tf.flags.FlagValues),
            tf.flags.DEFINE_bool is tf.flags.DEFINE_boolean, [n for n in names if not hasattr(tf.flags, n)],
            issubclass(tf.flags.UnparsedFlagAccessError, tf.flags.Error)]


@case
def alias_and_multi_enum(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_integer("batch_size", 8, "b", flag_values=fv)
    tf.flags.DEFINE_alias("bs", "batch_size", flag_values=fv)
    tf.flags.DEFINE_multi_enum("mode", ["a"], ["a", "b", "c"], "m", flag_values=fv)
    fv(["prog", "--bs=16", "--mode=b", "--mode=c"])
    return [fv.batch_size, fv.bs, fv.mode, raises(_values(tf), ["prog", "--opt"])]


@case
def help_text_of_a_flag(tf):
    fv = tf.flags.FlagValues()
    tf.flags.DEFINE_integer("steps", 10, "How many steps to train.", flag_values=fv)
    tf.flags.DEFINE_enum("opt", "sgd", ["sgd", "adam"], "The optimizer.", flag_values=fv)
    return [fv["steps"].help, fv["opt"].help, str(fv["steps"].flag_type()), fv["steps"].serialize(),
            sorted(str(s) for s in fv.get_help().split("\n") if "--" in s)]


@case
def app_namespace(tf):
    return [sorted(n for n in dir(tf.app) if not n.startswith("_")), callable(tf.app.run)]
