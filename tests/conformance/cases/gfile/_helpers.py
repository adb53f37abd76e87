"""Helpers shared by the ``gfile`` conformance cases (no cases here).

Each case works in a fresh temporary directory (removed afterwards) whose path is written
``<dir>`` in every string of the result, error messages included.
"""

import os
import shutil
import tempfile

from tests.conformance.harness import raises


class TempDir:
    """A fresh directory for one case: ``with TempDir() as d: d.path("name")``."""

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="sf_gfile_")
        return self

    def __exit__(self, *exc_info):
        shutil.rmtree(self.root, ignore_errors=True)

    def path(self, *names: str) -> str:
        return os.path.join(self.root, *names)

    def make(self, name: str, data: bytes = b"") -> str:
        """Create the file ``name`` (and its parent directories) holding ``data``; return its path."""
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def rel(self, value):
        """``value`` with this directory written ``<dir>`` in every string (lists and tuples kept)."""
        if isinstance(value, str):
            return value.replace(self.root, "<dir>")
        if isinstance(value, (list, tuple)):
            return [self.rel(v) for v in value]
        if isinstance(value, dict):
            return {k: self.rel(v) for k, v in value.items()}
        return value

    def raises(self, fn, *args, **kwargs):
        """``raises(fn)``, this directory's path written ``<dir>``."""
        return self.rel(raises(fn, *args, **kwargs))

    def tree(self):
        """Every file and directory under the root, relative, sorted (directories end in ``/``)."""
        found = []
        for top, dirs, files in os.walk(self.root):
            rel = os.path.relpath(top, self.root)
            prefix = "" if rel == "." else rel + "/"
            found += [prefix + d + "/" for d in dirs] + [prefix + f for f in files]
        return sorted(found)

    def read(self, name: str) -> bytes:
        with open(self.path(name), "rb") as f:
            return f.read()
