"""The local file system as ``tf.gfile`` sees it: TensorFlow's semantics and errors over ``os``.

Each method is one of TensorFlow's C++ ``FileSystem`` operations, with its quirks kept (``MkDir`` of
an existing directory succeeds; ``Rename``'s errors name the source; a ``Glob`` in a missing
directory matches nothing). ``remote_fs.RemoteFileSystem`` has the same methods over fsspec.
"""

from __future__ import annotations

import os
import re
import shutil

from scopeflow._src.lib_io.fs_errors import as_tf_error, error


def local_path(path: str) -> str:
    """``path`` without a ``file://`` scheme.

    >>> local_path("file:///tmp/x"), local_path("/tmp/x")
    ('/tmp/x', '/tmp/x')
    """
    return path[len("file://"):] if path.startswith("file://") else path


class LocalFileSystem:
    """Files on this machine (plain paths and ``file://`` URLs)."""

    scheme = "file"

    def open(self, path: str, mode: str):
        """A binary file object: ``mode`` is ``"rb"``, ``"wb"`` or ``"ab"``."""
        try:
            return open(local_path(path), mode)  # noqa: SIM115 - the caller owns and closes it
        except OSError as e:
            raise as_tf_error(e, path) from None

    def exists(self, path: str) -> bool:
        return os.path.exists(local_path(path))

    def isdir(self, path: str) -> bool:
        return os.path.isdir(local_path(path))

    def listdir(self, path: str) -> list[str]:
        try:
            return os.listdir(local_path(path))
        except OSError as e:
            raise as_tf_error(e, path) from None

    def mkdir(self, path: str) -> None:
        """Create ``path``, whose parent must exist."""
        try:
            os.mkdir(local_path(path))
        except FileExistsError:
            pass  # TensorFlow's MkDir succeeds over an existing directory, and even over a file
        except OSError as e:
            raise as_tf_error(e, path) from None

    def makedirs(self, path: str) -> None:
        local = local_path(path)
        head = ""
        for part in local.split(os.sep):
            head = os.sep if head == "" and part == "" else os.path.join(head, part)
            if part and os.path.exists(head) and not os.path.isdir(head):
                raise error("FailedPreconditionError", f"{head} is not a directory")
        try:
            os.makedirs(local, exist_ok=True)
        except OSError as e:
            raise as_tf_error(e, path) from None

    def remove(self, path: str) -> None:
        try:
            os.unlink(local_path(path))
        except OSError as e:
            raise as_tf_error(e, path) from None

    def rmtree(self, path: str) -> None:
        local = local_path(path)
        if not os.path.lexists(local):
            raise error("NotFoundError", f"{path} not found")
        try:
            if os.path.isdir(local) and not os.path.islink(local):
                shutil.rmtree(local)
            else:
                os.unlink(local)
        except OSError as e:
            raise as_tf_error(e, e.filename or path) from None

    def copy(self, src: str, dst: str) -> None:
        if os.path.isdir(local_path(src)):
            raise error("InvalidArgumentError", f"{dst}; Invalid argument")
        with self.open(src, "rb") as source, self.open(dst, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)

    def rename(self, src: str, dst: str) -> None:
        try:
            os.replace(local_path(src), local_path(dst))
        except OSError as e:
            raise as_tf_error(e, src) from None

    def stat(self, path: str) -> tuple[int, int, bool]:
        """``(length, mtime_nsec, is_directory)``."""
        try:
            st = os.stat(local_path(path))
        except OSError as e:
            raise as_tf_error(e, path) from None
        return st.st_size, st.st_mtime_ns, os.path.isdir(local_path(path))

    def glob(self, pattern: str) -> list[str]:
        """The paths that match ``pattern`` (TensorFlow's syntax: ``*``, ``?``, ``[...]``/``[^...]``,
        ``\\c``; a wildcard never matches ``/``), sorted."""
        parts = pattern.split("/")
        first = next((i for i, p in enumerate(parts) if _has_wildcard(p)), None)
        if first is None:
            return [pattern] if self.exists(pattern) else []
        found = ["/".join(parts[:first])]
        for i, part in enumerate(parts[first:], first):
            regex = _pattern_regex(part) if _has_wildcard(part) else None
            last = i == len(parts) - 1
            found = [m for base in found for m in self._match(base, part, regex, last)]
        return sorted(found)

    def _match(self, base: str, part: str, regex, last) -> list[str]:
        """The children of ``base`` named by ``part`` (directories only unless ``last``)."""
        def join(name):
            return f"{base}/{name}" if base else name

        if regex is None:
            names = [part] if os.path.lexists(local_path(join(part))) else []
        else:
            try:
                names = [n for n in os.listdir(local_path(base) or ".") if regex.fullmatch(n)]
            except OSError:
                return []
        return [join(n) for n in sorted(names) if last or os.path.isdir(local_path(join(n)))]


def _has_wildcard(part: str) -> bool:
    return any(c in part for c in "*?[\\")


def _pattern_regex(part: str) -> re.Pattern:
    """A regular expression for one ``/``-free component of a TensorFlow glob pattern."""
    out, i = [], 0
    while i < len(part):
        c = part[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < len(part):
            i += 1
            out.append(re.escape(part[i]))
        elif c == "[" and "]" in part[i + 1:]:
            end = part.index("]", i + 2 if part[i + 1:i + 2] in ("^", "]") else i + 1)
            body = part[i + 1:end]
            negate = body.startswith("^")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out), re.DOTALL)
