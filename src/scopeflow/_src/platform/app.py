"""``tf.app.run``: absl's ``app.run``, tolerating flags nobody defined, as TensorFlow 1's did.

``run(main, argv)`` parses the flags of ``argv`` (``sys.argv`` by default) into ``tf.flags.FLAGS``,
handling absl's ``--help``/``--helpfull``/``--flagfile``, then calls ``main`` with what is left of
``argv`` (the program name first) and exits with its return value (``sys.exit(main(argv))``). A
flag nobody defined is not an error: it stays in the ``argv`` given to ``main``.
"""

from __future__ import annotations

import sys

from absl import app as _absl_app

from scopeflow._src.platform.flags import FLAGS


def _parse_known_flags(argv):
    return FLAGS(sys.argv if argv is None else argv, known_only=True)


def run(main=None, argv=None):
    """Run ``main`` (by default the ``main`` of the ``__main__`` module) with the command line's
    flags parsed, then exit with its return value.

    >>> def main(argv):
    ...     print(argv)
    >>> run(main, ["prog", "--unknown=1", "file.txt"])  # doctest: +SKIP
    ['prog', '--unknown=1', 'file.txt']
    """
    main = main or sys.modules["__main__"].main
    _absl_app.run(main=main, argv=argv, flags_parser=_parse_known_flags)
