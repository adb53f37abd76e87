"""What a user's function accepts, asked of its signature once (TF's ``function_utils``)."""

from __future__ import annotations

import functools
import inspect


def accepts_argument(fn, name: str, through_kwargs: bool = True) -> bool:
    """Whether ``fn`` (a function, method or callable object) takes an argument ``name``: a
    parameter of that name, or, with ``through_kwargs``, a ``**kwargs`` parameter. A callable
    whose signature cannot be read accepts nothing."""
    target = fn if inspect.isroutine(fn) else type(fn).__call__
    return _accepts(getattr(target, "__func__", target), name, through_kwargs)


@functools.lru_cache(maxsize=512)
def _accepts(fn, name, through_kwargs) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or through_kwargs and any(p.kind == p.VAR_KEYWORD for p in params.values())
