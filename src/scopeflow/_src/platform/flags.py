"""``tf.flags``/``tf.app.flags``: absl's flags, as TensorFlow 1 re-exported them.

Three things differ from ``absl.flags`` itself, as in TensorFlow: reading a flag of ``FLAGS``
before the command line was parsed parses ``sys.argv`` first (absl would raise
``UnparsedFlagAccessError``); ``DEFINE_string``/``boolean``/``bool``/``float``/``integer`` also
accept TF1's keyword names ``flag_name``, ``default_value`` and ``docstring`` (with a warning);
and the flags this module defines are not key flags of the program. ``FLAGS`` wraps absl's own
``FLAGS``, so flags defined through ``absl.flags`` and ``tf.flags`` are one set.
"""

from __future__ import annotations

import functools
import logging
import sys

from absl import flags as _absl

_absl.disclaim_key_flags()

_RENAMED = {"flag_name": "name", "default_value": "default", "docstring": "help"}


def _accepting_old_names(define):
    """``define``, also accepting TF1's keyword names of its arguments."""
    @functools.wraps(define)
    def wrapper(*args, **kwargs):
        old = [name for name in _RENAMED if name in kwargs]
        for name in old:
            kwargs[_RENAMED[name]] = kwargs.pop(name)
        if old:
            logging.warning("Use of the keyword argument names (flag_name, default_value, docstring) is "
                            "deprecated, please use (name, default, help) instead.")
        return define(*args, **kwargs)
    return wrapper


class FlagValuesWrapper:
    """absl's ``FLAGS``, parsing ``sys.argv`` on the first read of a flag before any parse.

    >>> FLAGS.is_parsed() in (True, False)
    True
    """

    def __init__(self, flag_values):
        self.__dict__["_wrapped"] = flag_values

    def __getattribute__(self, name):
        if name == "__dict__":
            return super().__getattribute__(name)
        # the wrapped object's attributes only: a flag's name fails here and goes to __getattr__
        return self.__dict__["_wrapped"].__getattribute__(name)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            # a protocol probe (inspect's __wrapped__, copy's __deepcopy__...), never a flag: no parse
            raise AttributeError(name)
        wrapped = self.__dict__["_wrapped"]
        if not wrapped.is_parsed():
            wrapped(sys.argv)
        return getattr(wrapped, name)

    def __setattr__(self, name, value):
        setattr(self.__dict__["_wrapped"], name, value)

    def __delattr__(self, name):
        delattr(self.__dict__["_wrapped"], name)

    def __dir__(self):
        return dir(self.__dict__["_wrapped"])

    def __getitem__(self, name):
        return self.__dict__["_wrapped"][name]

    def __setitem__(self, name, flag):
        self.__dict__["_wrapped"][name] = flag

    def __len__(self):
        return len(self.__dict__["_wrapped"])

    def __iter__(self):
        return iter(self.__dict__["_wrapped"])

    def __str__(self):
        return str(self.__dict__["_wrapped"])

    def __call__(self, *args, **kwargs):
        return self.__dict__["_wrapped"](*args, **kwargs)


DEFINE_string = _accepting_old_names(_absl.DEFINE_string)
DEFINE_boolean = _accepting_old_names(_absl.DEFINE_boolean)
DEFINE_bool = DEFINE_boolean
DEFINE_float = _accepting_old_names(_absl.DEFINE_float)
DEFINE_integer = _accepting_old_names(_absl.DEFINE_integer)
FLAGS = FlagValuesWrapper(_absl.FLAGS)
