"""Files written atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os


def temp_name(path: str) -> str:
    """A fresh temporary name beside ``path`` (TensorFlow's ``<path>.tempstate<random>``)."""
    return f"{path}.tempstate{int.from_bytes(os.urandom(8), 'little')}"


def write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "f.txt")
    >>> write_atomically(path, b"whole")
    >>> open(path, "rb").read(), os.listdir(os.path.dirname(path))
    (b'whole', ['f.txt'])
    """
    tmp = temp_name(path)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
