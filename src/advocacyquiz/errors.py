"""Turn pydantic's validation errors into messages that name the place, the field and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .base import LANG_NAMES
from .problems import Problem
from .yamlsource import PathKey, Source

# How a list element is named in messages, by the key of the list that holds it.
_ELEMENT_NAMES = {
    "questions": "question",
    "options": "option",
    "items": "item",
    "pairs": "pair",
    "accept": "accepted answer",
    "modules": "module",
    "key_points": "key point",
    "choices": "choice",
}
# How an entry of a mapping keyed by id is named, by the mapping's key.
_KEYED_NAMES = {"nodes": "node", "variables": "variable"}


def problems_from(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    """One positioned problem per pydantic error; union tags in `loc` are mapped away."""
    problems = []
    errors = error.errors(include_url=False)
    paths = [_data_path(source.data, item["loc"], missing=item["type"] == "missing") for item in errors]
    seen: set[PathKey] = set()
    for item, path in zip(errors, paths, strict=True):
        if path in seen or (item["type"] == "too_short" and _has_deeper(path, paths)):
            continue  # one message per place; a list is not "too short" because its items failed
        seen.add(path)
        if item["type"] == "extra_forbidden":
            item["ctx"] = {"allowed": allowed_keys(model, tuple(item["loc"][:-1]))}
        if item["type"] == "union_tag_not_found":
            item["ctx"] = {"expected_tags": ", ".join(map(repr, union_tags(model, tuple(item["loc"]))))}
        message = _message(item, source.data, path)
        problems.append(source.problem(path, message, at_key=item["type"] == "extra_forbidden"))
    return problems


def place(data: Any, path: PathKey) -> str:
    """A reader's name for the node at `path`, e.g. "option 'c' of question 'tor': `text`"."""
    names: list[str] = []
    fields: list[str] = []
    node, parent_key = data, None
    for key in path:
        if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
            if not isinstance(node, dict):
                continue  # an entry of a plain list, like `covers`: the list's name is enough
            ident = node.get("id")
            element = _ELEMENT_NAMES.get(str(parent_key), "entry")
            names.append(f"{element} '{ident}'" if isinstance(ident, str) else f"{element} {key + 1}")
            fields = []
        elif parent_key in _KEYED_NAMES and isinstance(node, dict) and isinstance(node.get(key), dict):
            node = node[key]
            names.append(f"{_KEYED_NAMES[str(parent_key)]} '{key}'")  # e.g. nodes: {briefing: …}
            fields = []
        else:
            node = node.get(key) if isinstance(node, dict) else None
            fields.append(str(key))
        parent_key = key
    where = " of ".join(reversed(names))
    field = f"`{'.'.join(fields)}`" if fields else ""
    return ": ".join(p for p in (where, field) if p) or "the file"


def allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys the model accepts at `loc` (pydantic's loc, tags included)."""
    current: Any = model
    for key in loc:
        current = _step(current, key)
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def union_tags(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The `type` values of the tagged union at `loc`."""
    current: Any = model
    for key in loc:
        current = _step(current, key)
    variants = get_args(_unwrap(current))
    return [tag for v in map(_unwrap, variants) if _is_model(v) for tag in get_args(v.model_fields["type"].annotation)]


def _step(annotation: Any, key: int | str) -> Any:
    annotation = _unwrap(annotation)
    if _is_model(annotation):
        field = annotation.model_fields.get(key) if isinstance(key, str) else None
        return field.annotation if field else None
    args = [a for a in get_args(annotation) if a is not Ellipsis and a is not type(None)]
    if isinstance(key, int) and len(args) == 1:
        return args[0]  # element of a tuple or list
    for variant in map(_unwrap, args):  # a tagged union: key is the variant's `type`
        type_field = variant.model_fields.get("type") if _is_model(variant) else None
        if type_field and key in get_args(type_field.annotation):
            return variant
    return None


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _has_deeper(path: PathKey, paths: list[PathKey]) -> bool:
    return any(len(other) > len(path) and other[: len(path)] == path for other in paths)


def _data_path(data: Any, loc: Iterable[int | str], *, missing: bool) -> PathKey:
    """Follow pydantic's `loc` through the data, skipping the union tags it inserts."""
    loc = tuple(loc)
    path: list[int | str] = []
    node = data
    for i, key in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and key in node:  # noqa: SIM114 (apart, each branch type-checks)
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        elif last and (missing or isinstance(node, dict)):
            pass  # a missing or unknown key: the path names it, the position is its parent's
        else:
            continue  # a discriminated-union tag such as 'single'
        path.append(key)
    return tuple(path)


def _message(item: Any, data: Any, path: PathKey) -> str:
    kind = item["type"]
    field = path[-1] if path else ""
    ctx = item.get("ctx") or {}
    if kind == "missing" and field in LANG_NAMES:
        return f"{place(data, path[:-1])} has no {LANG_NAMES[field]} text; add `{field}:`"
    if kind == "missing":
        return f"{place(data, path[:-1])} lacks `{field}`; add `{field}:`"
    if kind == "extra_forbidden":
        return f"{place(data, path[:-1])} has unknown key `{field}`{_suggestion(field, item)}"
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        expected = ctx["expected_tags"]
        if kind == "union_tag_not_found":
            return f"{place(data, path)} has no `type`; add `type:` (one of {expected})"
        return f"{place(data, path)}: unknown type {ctx.get('tag')!r}; use one of {expected}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern", "").startswith("^KP"):
        return f"{place(data, path)}: {item['input']!r} is not a key-point id (like KP07)"
    if kind == "string_pattern_mismatch":
        return f"{place(data, path)}: {item['input']!r} is not a valid id; use a-z, 0-9 and single hyphens"
    if kind == "string_too_short":
        return f"{place(data, path)} is empty; write the text"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{place(data, path)} needs at least {n} entr{'y' if n == 1 else 'ies'}"
    if kind in {"greater_than", "greater_than_equal", "less_than_equal"}:
        bound = {"greater_than": "greater than", "greater_than_equal": "at least", "less_than_equal": "at most"}[kind]
        limit = ctx.get("gt", ctx.get("ge", ctx.get("le")))
        return f"{place(data, path)} must be {bound} {limit}, not {item['input']!r}"
    if kind.endswith("_type") or kind in {"model_attributes_type", "dict_type", "tuple_type"}:
        hint = "; put it in quotes" if kind == "string_type" and isinstance(item.get("input"), int | float) else ""
        return f"{place(data, path)} must be {_expected(kind)}, not {_describe(item.get('input'))}{hint}"
    return f"{place(data, path)}: {item['msg']}"


def _suggestion(field: Any, item: Any) -> str:
    allowed = item.get("ctx", {}).get("allowed")
    if not allowed:
        return "; check its spelling or remove it"
    close = difflib.get_close_matches(str(field), allowed, n=1)
    return f"; did you mean `{close[0]}`?" if close else f"; allowed keys: {', '.join(allowed)}"


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _expected(kind: str) -> str:
    return _EXPECTED.get(kind, kind.removesuffix("_type"))


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {shown!r}"
    return f"{value!r}"
