"""``scopeflow ckpt rename SRC DST --rule OLD=NEW ...``: write a checkpoint with renamed keys.

Rules are ``restore``'s rename rules: ``--rule OLD=NEW`` renames a scope or name prefix
(``--rule dense/=model/dense/``), ``--regex PATTERN=REPLACEMENT`` substitutes a regular
expression; they apply in the order given. Optimizer slots follow their variable.
Partitioned tensors are written whole.
"""

from __future__ import annotations

import os

from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.checkpoint.rename import RenameRules, parse_rule
from scopeflow._src.cli.paths import SUFFIX, UsageError, resolve


def rules_from(args) -> RenameRules:
    pairs = []
    for kind, text in args.rules or ():
        try:
            pairs.append(parse_rule(text, regex=kind == "regex"))
        except ValueError as e:
            raise UsageError(str(e)) from None
    if not pairs:
        raise UsageError("give at least one --rule OLD=NEW or --regex PATTERN=REPLACEMENT")
    return RenameRules(pairs)


def _same_checkpoint(src: str, dst: str) -> bool:
    """Whether writing the prefix ``dst`` would replace files of the checkpoint ``src`` (the same
    prefix, or its index under another name: a link)."""
    index = dst + ".index"
    return os.path.abspath(src) == os.path.abspath(dst) or (
        os.path.exists(index) and os.path.samefile(index, src + ".index"))


def run(args, out) -> int:
    src = resolve(args.src)
    dst = args.dst
    if not dst or SUFFIX.search(dst):
        raise UsageError(f"DST is a checkpoint prefix such as model.ckpt, not {dst!r}")
    if _same_checkpoint(src, dst):
        raise UsageError(f"{dst} is the checkpoint being renamed; choose another prefix")
    if os.path.isdir(dst):
        raise UsageError(f"{dst} is a directory; DST is a checkpoint prefix such as {os.path.join(dst, 'model.ckpt')}")
    if not os.path.isdir(os.path.dirname(dst) or "."):
        raise UsageError(f"the directory of {dst} does not exist")
    if os.path.exists(dst + ".index") and not args.force:
        raise UsageError(f"{dst}.index exists; pass --force to overwrite it")
    rules = rules_from(args)
    with BundleReader(src) as reader:
        try:
            mapping = rules.map_names(reader.entries)  # {new: old}
        except ValueError as e:
            raise UsageError(str(e)) from None
        renamed = sorted((old, new) for new, old in mapping.items() if new != old)
        for old, new in renamed:
            print(f"{old} -> {new}", file=out)
        if args.dry_run:
            print(f"dry run: {len(renamed)} of {len(mapping)} tensors would be renamed; nothing written", file=out)
            return 0
        with BundleWriter(dst) as writer:
            for new in sorted(mapping):
                old = mapping[new]
                writer.add(new, reader.read(old), reader.entries[old].dtype)
    print(f"renamed {len(renamed)} of {len(mapping)} tensors; wrote {dst}", file=out)
    return 0
