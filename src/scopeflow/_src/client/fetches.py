"""Flattening ``Session.run`` fetch structures to graph elements, and rebuilding results."""

from __future__ import annotations

from scopeflow._src.framework.operation import Operation, Tensor


def _element(graph, fetch):
    if fetch is None:
        raise TypeError(f'Argument `fetch` = {fetch} has invalid type "{type(fetch).__name__}". Cannot be None')
    try:
        return graph.as_graph_element(fetch, allow_tensor=True, allow_operation=True)
    except TypeError as e:
        raise TypeError(f'Argument `fetch` = {fetch} has invalid type "{type(fetch).__name__}" must be a string '
                        f"or Tensor. ({e})") from None
    except ValueError as e:
        raise ValueError(f"Argument `fetch` = {fetch} cannot be interpreted as a Tensor. ({e})") from None
    except KeyError as e:
        raise ValueError(f"Argument `fetch` = {fetch} cannot be interpreted as a Tensor. ({e})") from None


def flatten(graph, fetches, out: list):
    """Append the graph elements of ``fetches`` to ``out``; return a rebuild recipe."""
    if isinstance(fetches, (list, tuple)) and not isinstance(fetches, str):
        parts = [flatten(graph, f, out) for f in fetches]
        kind = type(fetches)
        if kind is list:
            return ("list", parts)
        if hasattr(fetches, "_fields"):
            return ("namedtuple", kind, parts)
        return ("tuple", kind, parts)
    if isinstance(fetches, dict):
        keys = list(fetches)
        return ("dict", type(fetches), keys, [flatten(graph, fetches[k], out) for k in keys])
    element = _element(graph, fetches)
    out.append(element)
    return ("leaf", len(out) - 1, isinstance(element, Operation))


def rebuild(recipe, values):
    kind = recipe[0]
    if kind == "leaf":
        return None if recipe[2] else values[recipe[1]]
    if kind == "list":
        return [rebuild(r, values) for r in recipe[1]]
    if kind == "namedtuple":
        return recipe[1](*[rebuild(r, values) for r in recipe[2]])
    if kind == "tuple":
        return tuple(rebuild(r, values) for r in recipe[2])
    cls, keys, parts = recipe[1], recipe[2], recipe[3]
    result = cls() if cls is not dict else {}
    for k, r in zip(keys, parts):
        result[k] = rebuild(r, values)
    return result


def split(elements):
    """(tensors to fetch, ops to run) from a list of graph elements."""
    tensors = [e for e in elements if isinstance(e, Tensor)]
    ops = [e for e in elements if isinstance(e, Operation)]
    return tensors, ops
