"""``scopeflow ckpt convert PATH --to safetensors|npz``: weights for other frameworks.

safetensors goes through the ``safetensors`` package (``pip install 'scopeflow[safetensors]'``).
Tensors a format cannot hold are skipped with a note: strings (no safetensors dtype; ``npz``
keeps them as fixed-width bytes when no value ends in a NUL byte), complex128 in
safetensors, quantized types. bfloat16 stays bfloat16 in safetensors when ``ml_dtypes`` is
installed; otherwise, and always in ``npz``, it is widened to float32 (exactly).
Nothing is pickled.
"""

from __future__ import annotations

import glob
import os
import zipfile

import numpy as np

from scopeflow._src.checkpoint import bundle_format
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.cli.paths import UsageError, resolve

_SAFETENSORS_KINDS = {"bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16",
                      "float32", "float64", "bfloat16", "complex64"}


def _bf16_to_f32(value: np.ndarray) -> np.ndarray:
    bits = value.view(np.uint16).astype(np.uint32) << 16
    return bits.view(np.float32)


def convertible(name: str, value: np.ndarray, enum: int, to: str):
    """``(array to write, None)`` or ``(None, reason it is skipped)``."""
    if enum == bundle_format.STRING:
        if to == "npz" and not any(v.endswith(b"\x00") for v in value.ravel()):
            return np.array(value.tolist(), dtype=bytes).reshape(value.shape), None
        return None, "string tensor (no equivalent in this format)"
    if enum == 14 and (to == "npz" or value.dtype.name != "bfloat16"):
        return _bf16_to_f32(value), None
    if to == "safetensors" and value.dtype.name not in _SAFETENSORS_KINDS:
        return None, f"{value.dtype.name} has no safetensors dtype"
    if value.dtype.names:
        return None, "quantized tensor"
    return np.ascontiguousarray(value), None


def member_name(name: str) -> str:
    """``name`` as a safe npz member name: no absolute path, no ``.``/``..``/empty component,
    no backslash or NUL (each such component or character is percent-encoded, as is ``%``)."""
    name = name.replace("%", "%25").replace("\\", "%5C").replace("\x00", "%00")
    parts = name.split("/")
    return "/".join(p if p not in ("", ".", "..") else "%2E" * len(p) or "%" for p in parts)


def write_npz(path: str, arrays: dict) -> None:
    """An ``.npz`` (what ``np.savez`` writes) that refuses object arrays, whatever the names."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, value in arrays.items():
            with archive.open(name + ".npy", "w", force_zip64=True) as f:
                np.lib.format.write_array(f, value, allow_pickle=False)


def run(args, out) -> int:
    if args.output is not None and not args.output:
        raise UsageError("-o/--output is empty; name the file to write")
    prefix = resolve(args.path)
    target = args.output or f"{prefix}.{'safetensors' if args.to == 'safetensors' else 'npz'}"
    if args.to == "safetensors":
        try:
            from safetensors.numpy import save_file  # an optional dependency: the 'safetensors' extra
        except ImportError:
            raise UsageError("--to safetensors needs the 'safetensors' package: pip install 'scopeflow[safetensors]'") \
                from None
    if os.path.exists(target):
        for source in _input_files(prefix):
            if os.path.samefile(target, source):
                raise UsageError(f"{target} is a file of the checkpoint being converted; choose another output")
        if not args.force:
            raise UsageError(f"{target} exists; pass --force to overwrite it")
    arrays, skipped = {}, 0
    with BundleReader(prefix) as reader:
        for name in sorted(reader.entries):
            value, reason = convertible(name, reader.read(name), reader.entries[name].dtype, args.to)
            if value is None:
                print(f"skipped {name}: {reason}", file=out)
                skipped += 1
            elif args.to == "npz" and member_name(name) != name:
                safe = member_name(name)
                if safe in reader.entries or safe in arrays:
                    print(f"skipped {name}: its safe npz name {safe} is taken", file=out)
                    skipped += 1
                else:
                    print(f"wrote {name} as {safe} (unsafe in a zip member name)", file=out)
                    arrays[safe] = value
            else:
                arrays[name] = value
    if args.to == "safetensors":
        save_file(arrays, target, metadata={"format": "np", "source": os.path.basename(prefix)})
    else:
        write_npz(target, arrays)
    print(f"wrote {len(arrays)} tensors to {target}" + (f" ({skipped} skipped)" if skipped else ""), file=out)
    return 0


def _input_files(prefix: str) -> list:
    """The existing files of the checkpoint at ``prefix`` (index, data shards, meta graph)."""
    files = [prefix + suffix for suffix in (".index", ".meta")]
    files += glob.glob(glob.escape(prefix) + ".data-?????-of-?????")
    return [f for f in files if os.path.exists(f)]
