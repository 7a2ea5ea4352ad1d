"""The one tiny grammar of scenario conditions, e.g. `safety >= 40 and not (reach < 10 or risk > 3)`.

    condition := disjunct ("or" disjunct)*
    disjunct  := negation ("and" negation)*
    negation  := "not" negation | "(" condition ")" | NAME OP INTEGER
    OP        := < | <= | > | >= | == | !=

A condition is parsed once into a small tree of JSON-able lists, which Python evaluates here and
the browser runtime evaluates with the same rules (static/engine.js, `holds`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Tree = list[Any]
"""["or", a, b, ...] | ["and", a, b, ...] | ["not", a] | ["cmp", name, op, integer]"""

_TOKEN = re.compile(
    r"\s*(?:(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()])|(?P<int>-?\d+)|(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<bad>\S))"
)
KEYWORDS = {"and", "or", "not"}
MAX_LENGTH = 500


class ConditionError(ValueError):
    """A condition that does not parse; `column` is 1-based within the condition text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


def parse(text: str) -> Tree:
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"a condition of more than {MAX_LENGTH} characters is not a condition", 1)
    parser = _Parser(text)
    tree = parser.disjunction()
    if (left := parser.peek()) is not None:
        _, value, column = left
        raise ConditionError(f"unexpected {value!r}; expected `and`, `or` or the end", column)
    return tree


def variables(tree: Tree) -> set[str]:
    if tree[0] == "cmp":
        return {tree[1]}
    return set().union(*(variables(t) for t in tree[1:]))


_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def holds(tree: Tree, state: Mapping[str, int]) -> bool:
    head = tree[0]
    if head == "cmp":
        return _COMPARE[tree[2]](state[tree[1]], tree[3])
    if head == "not":
        return not holds(tree[1], state)
    if head == "and":
        return all(holds(t, state) for t in tree[1:])
    return any(holds(t, state) for t in tree[1:])


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, Any, int]] = []
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "bad"
            value: Any = match[kind]
            column = match.start(kind) + 1
            if kind == "bad":
                raise ConditionError(f"unexpected character {value!r}", column)
            if kind == "int":
                value = int(value)
            elif (kind == "word" and value in KEYWORDS) or kind == "paren":
                kind = value
            self.tokens.append((kind, value, column))
        self.end = len(text) + 1
        self.position = 0
        self.depth = 0

    def peek(self) -> tuple[str, Any, int] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, kind: str, expected: str) -> tuple[str, Any, int]:
        token = self.peek()
        if token is None or token[0] != kind:
            found, column = (repr(token[1]), token[2]) if token else ("the end", self.end)
            raise ConditionError(f"expected {expected}, found {found}", column)
        self.position += 1
        return token

    def disjunction(self) -> Tree:
        return self._joined("or", self.conjunction)

    def conjunction(self) -> Tree:
        return self._joined("and", self.negation)

    def _joined(self, word: str, part: Any) -> Tree:
        """`part (word part)*`: one part stands alone, several are joined under `word`."""
        parts = [part()]
        while (token := self.peek()) and token[0] == word:
            self.position += 1
            parts.append(part())
        return parts[0] if len(parts) == 1 else [word, *parts]

    def negation(self) -> Tree:
        token = self.peek()
        self.depth += 1
        if self.depth > 50:
            raise ConditionError("the condition is nested too deeply", token[2] if token else self.end)
        try:
            if token and token[0] == "not":
                self.position += 1
                return ["not", self.negation()]
            if token and token[0] == "(":
                self.position += 1
                inner = self.disjunction()
                self.take(")", "`)`")
                return inner
            name = self.take("word", "a variable name")[1]
            op = self.take("op", "a comparison (< <= > >= == !=)")[1]
            value = self.take("int", "a whole number")[1]
            return ["cmp", name, op, value]
        finally:
            self.depth -= 1
