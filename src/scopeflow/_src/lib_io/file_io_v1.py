"""``tf.gfile``'s functions under TF1's argument names (``Exists(filename)``, ``Copy(oldpath, newpath)``...),
for programs that pass them by keyword; each calls the ``file_io`` function of TF2's name."""

from __future__ import annotations

from collections.abc import Iterator

from scopeflow._src.lib_io import file_io


def Exists(filename) -> bool:
    """Whether ``filename`` exists (``file_io.exists``).

    >>> Exists(filename="/")
    True
    """
    return file_io.exists(filename)


def IsDirectory(dirname) -> bool:
    """Whether ``dirname`` is a directory (``file_io.isdir``)."""
    return file_io.isdir(dirname)


def ListDirectory(dirname) -> list[str]:
    """The names in the directory ``dirname`` (``file_io.listdir``)."""
    return file_io.listdir(dirname)


def MkDir(dirname) -> None:
    """Create the directory ``dirname`` (``file_io.mkdir``)."""
    file_io.mkdir(dirname)


def MakeDirs(dirname) -> None:
    """Create ``dirname`` and its missing parents (``file_io.makedirs``)."""
    file_io.makedirs(dirname)


def Remove(filename) -> None:
    """Delete the file ``filename`` (``file_io.remove``)."""
    file_io.remove(filename)


def DeleteRecursively(dirname) -> None:
    """Delete ``dirname`` and everything under it (``file_io.rmtree``)."""
    file_io.rmtree(dirname)


def Copy(oldpath, newpath, overwrite: bool = False) -> None:
    """Copy the file ``oldpath`` to ``newpath`` (``file_io.copy``)."""
    file_io.copy(oldpath, newpath, overwrite)


def Rename(oldname, newname, overwrite: bool = False) -> None:
    """Move ``oldname`` to ``newname`` (``file_io.rename``)."""
    file_io.rename(oldname, newname, overwrite)


def Stat(filename) -> file_io.FileStatistics:
    """The ``FileStatistics`` of ``filename`` (``file_io.stat``)."""
    return file_io.stat(filename)


def Glob(filename) -> list[str]:
    """The paths matching the pattern(s) ``filename`` (``file_io.glob``)."""
    return file_io.glob(filename)


def Walk(top, in_order: bool = True) -> Iterator[tuple[str, list[str], list[str]]]:
    """``file_io.walk``, parents first when ``in_order``."""
    return file_io.walk(top, in_order)
