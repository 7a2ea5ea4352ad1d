"""The JSON Schemas of the contract, generated from its pydantic models and committed beside this
file, for the JavaScript side, other tools and reviewers. A test fails when they are stale;
regenerate them with `python -m advocacyquiz.contract`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..attempt import Attempt
from . import payloads, states

HERE = Path(__file__).parent
DRAFT = "https://json-schema.org/draft/2020-12/schema"
REGENERATE = "python -m advocacyquiz.contract"


def models() -> dict[str, type[BaseModel]]:
    """Each schema file's name → the model it is generated from."""
    return {
        "quiz-payload": payloads.quiz_payload_model(),
        "scenario-payload": payloads.ScenarioPayload,
        "notebook-questions": payloads.NotebookQuestions,
        "browser-quiz": states.BrowserQuiz,
        "browser-seed": states.BrowserSeed,
        "browser-scenario": states.BrowserScenario,
        "attempt": Attempt,
        "answers": states.SavedAnswers,
        "scenario-play": states.SavedScenario,
    }


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one document, as committed in `<name>.schema.json`. Serialization mode:
    fields with defaults are required, since every writer writes them."""
    generated = _finish(models()[name].model_json_schema(mode="serialization"))
    if '"#/$defs/Condition"' in json.dumps(generated):
        generated.setdefault("$defs", {})["Condition"] = payloads.CONDITION_SCHEMA
    return {"$schema": DRAFT, "$id": f"urn:advocacyquiz:contract:{name}", **generated}


def _finish(node: Any) -> Any:
    """The generated schema with every condition mark replaced by a reference to its definition,
    and mappings with constrained keys (pydantic's `patternProperties`, which lets any other key
    through) made to refuse other keys (`propertyNames`)."""
    if node == payloads.CONDITION_MARK:
        return {"$ref": "#/$defs/Condition"}
    if isinstance(node, list):
        return [_finish(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: _finish(value) for key, value in node.items()}
    patterns = node.pop("patternProperties", None)
    if patterns:
        ((pattern, values),) = patterns.items()
        node["propertyNames"] = {**node.get("propertyNames", {}), "pattern": pattern}
        node["additionalProperties"] = values
    return node


def text(name: str) -> str:
    return json.dumps(schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def path(name: str) -> Path:
    return HERE / f"{name}.schema.json"


def stale() -> list[str]:
    """The schema files that differ from what the models generate (or are missing or extra)."""
    names = set(models())
    found = {p.name.removesuffix(".schema.json") for p in HERE.glob("*.schema.json")}
    changed = [n for n in sorted(names) if not path(n).is_file() or path(n).read_text(encoding="utf-8") != text(n)]
    return changed + sorted(found - names)


def write() -> list[Path]:
    """(Re)write every schema file, and remove any no model generates."""
    for name in set(p.name.removesuffix(".schema.json") for p in HERE.glob("*.schema.json")) - set(models()):
        path(name).unlink()
    for name in models():
        path(name).write_text(text(name), encoding="utf-8")
    return [path(name) for name in models()]


def load(name: str) -> dict[str, Any]:
    """A committed schema, for validators."""
    loaded: dict[str, Any] = json.loads(path(name).read_text(encoding="utf-8"))
    return loaded
