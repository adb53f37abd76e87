"""The ``scopeflow`` console script.

::

    scopeflow ckpt ls PATH [--flat]
    scopeflow ckpt diff A B [--atol TOL]
    scopeflow ckpt rename SRC DST --rule OLD=NEW [--regex PATTERN=REPL ...] [--dry-run] [--force]
    scopeflow ckpt convert PATH --to safetensors|npz [-o OUTPUT] [--force]
    scopeflow graph ls FILE [--ops] [--depth N] [--sharing [--json]]
    scopeflow graph freeze CKPT --outputs A,B -o OUTPUT [--text] [--force]

PATH and CKPT are a checkpoint prefix, one of its files, or a directory (its ``checkpoint``
file's latest checkpoint). FILE is a GraphDef (``.pb``, ``.pbtxt``) or a MetaGraph
(``.meta``), binary or text, or a checkpoint (its ``.meta``). Exit status: 0 on success,
1 when ``diff`` finds differences, 2 on bad input (the message, on stderr, says what is
wrong).
"""

from __future__ import annotations

import argparse
import sys

from scopeflow._src.cli import convert, diff, graph_freeze, graph_ls, ls, rename_cmd
from scopeflow._src.cli.paths import UsageError
from scopeflow._src.framework import errors


class _Rules(argparse.Action):
    """Collects ``--rule`` and ``--regex`` into one list, in command-line order."""

    def __call__(self, parser, namespace, values, option_string=None):
        rules = list(getattr(namespace, self.dest) or [])
        rules.append(("regex" if option_string == "--regex" else "prefix", values))
        setattr(namespace, self.dest, rules)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scopeflow", description="Tools for TensorFlow checkpoints and graphs.")
    parser.add_argument("--version", action="version", version="scopeflow 0.1.0")
    parser.set_defaults(usage_of=parser)
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub = _command(top, "ckpt", "inspect, compare, rename and convert checkpoints",
                   "Inspect, compare, rename and convert TensorFlow checkpoints.")

    p = sub.add_parser("ls", help="list tensors by scope with dtypes, shapes and sizes")
    p.add_argument("path", metavar="PATH", help="checkpoint prefix, file or directory")
    p.add_argument("--flat", action="store_true", help="one full name per line instead of a scope tree")
    p.set_defaults(run=ls.run)

    p = sub.add_parser("diff", help="added, removed, reshaped and changed tensors (exit 1 if any)")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--atol", type=float, default=0.0, help="ignore value changes up to this size (default 0)")
    p.set_defaults(run=diff.run)

    p = sub.add_parser("rename", help="write a copy of a checkpoint with renamed tensors")
    p.add_argument("src", metavar="SRC")
    p.add_argument("dst", metavar="DST", help="prefix of the checkpoint to write")
    p.add_argument("--rule", dest="rules", action=_Rules, metavar="OLD=NEW",
                   help="rename the scope or name prefix OLD to NEW (repeatable, applied in order)")
    p.add_argument("--regex", dest="rules", action=_Rules, metavar="PATTERN=REPL",
                   help="substitute a regular expression (repeatable, applied in order)")
    p.add_argument("--dry-run", action="store_true", help="print the renames, write nothing")
    p.add_argument("--force", action="store_true", help="overwrite DST if it exists")
    p.set_defaults(run=rename_cmd.run)

    p = sub.add_parser("convert", help="write the tensors as safetensors or npz")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--to", required=True, choices=("safetensors", "npz"))
    p.add_argument("-o", "--output", help="file to write (default: PREFIX.safetensors or PREFIX.npz)")
    p.add_argument("--force", action="store_true", help="overwrite the output if it exists")
    p.set_defaults(run=convert.run)
    _add_graph_commands(top)
    return parser


def _command(top, name, help_text, description):
    """The sub-parsers of the actions of the command ``name`` (``scopeflow NAME ACTION``)."""
    command = top.add_parser(name, help=help_text, description=description)
    command.set_defaults(usage_of=command)
    return command.add_subparsers(dest="action", metavar="ACTION")


def _add_graph_commands(top) -> None:
    sub = _command(top, "graph", "inspect and freeze graph files",
                   "Inspect GraphDef and MetaGraph files; freeze a checkpoint into a GraphDef.")

    p = sub.add_parser("ls", help="a graph file as a tree of scopes, with op counts, variables and placeholders")
    p.add_argument("file", metavar="FILE", help=".pb or .pbtxt GraphDef, .meta MetaGraph (binary or text), or a "
                   "checkpoint prefix or directory (its .meta)")
    p.add_argument("--ops", action="store_true", help="list every op, not only variables and placeholders")
    p.add_argument("--depth", type=int, metavar="N", help="show scopes down to N levels")
    p.add_argument("--sharing", action="store_true", help="list each variable with the scopes that read it instead")
    p.add_argument("--json", action="store_true", help="with --sharing: print the report as JSON")
    p.set_defaults(run=graph_ls.run)

    p = sub.add_parser("freeze", help="write a checkpoint's graph with its variables as constants")
    p.add_argument("ckpt", metavar="CKPT", help="checkpoint prefix, file or directory (CKPT.meta holds the graph)")
    p.add_argument("--outputs", required=True, metavar="A,B", help="the output node names, separated by commas")
    p.add_argument("-o", "--output", required=True, help="the GraphDef file to write")
    p.add_argument("--text", action="store_true", help="write protobuf text instead of binary")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    p.set_defaults(run=graph_freeze.run)


def main(argv=None, out=None, err=None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage and the problem
        return int(e.code or 0)
    if getattr(args, "run", None) is None:
        args.usage_of.print_help(err)
        return 2
    command = f"scopeflow {args.command} {args.action}"
    try:
        return args.run(args, out)
    except UsageError as e:
        print(f"{command}: error: {e}", file=err)
    except errors.OpError as e:
        print(f"{command}: error: {type(e).__name__}: {e.message}", file=err)
    except OSError as e:
        print(f"{command}: error: {e}", file=err)
    return 2


if __name__ == "__main__":
    sys.exit(main())
