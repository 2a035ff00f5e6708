"""Turn validated YAML data (dicts and lists) into the frozen dataclasses of `model`.

The YAML keys are the dataclass field names, so one generic converter does it all:
lists become tuples, mappings become read-only mappings, nested dicts become the
dataclass the field's type hint names.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def build(cls: type[T], data: Mapping[str, Any]) -> T:
    """Instantiate dataclass `cls` from `data`; missing optional keys keep their default."""
    hints = _hints(cls)  # type: ignore[arg-type]
    kwargs = {
        f.name: convert(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)


def convert(tp: Any, value: Any) -> Any:
    """Convert `value` to the (annotated) type `tp`."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in args if a is not type(None)]
        return convert(inner[0], value)
    if origin is tuple:
        return tuple(convert(args[0], v) for v in value)
    if origin in (dict, Mapping) or tp is Mapping:
        return types.MappingProxyType({k: convert(args[1], v) for k, v in value.items()})
    if dataclasses.is_dataclass(tp):
        return build(tp, value)  # type: ignore[arg-type]
    if tp is float and isinstance(value, int):
        return float(value)
    return value
