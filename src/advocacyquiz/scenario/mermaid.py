"""A scenario as a Mermaid flowchart, for authors (`advocacyquiz scenario map`)."""

from __future__ import annotations

from ..base import Lang
from .model import Scenario


def mermaid(scenario: Scenario, lang: Lang = "en") -> str:
    """A Mermaid flowchart of the nodes and choices (conditions shown on their edges)."""
    lines = ["flowchart TD"]
    for node_id, node in scenario.nodes.items():
        shown = node.ending or node.text
        text = shown(lang) if shown else node_id
        label = _mermaid_text(f"{node_id}: {text}", 60)
        shape = f'(["{label}"])' if node.is_ending else f'["{label}"]'
        lines.append(f"    {_mermaid_id(node_id)}{shape}")
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            label = choice.id + (f" [{choice.requires}]" if choice.requires else "")
            lines.append(f'    {_mermaid_id(node_id)} -->|"{_mermaid_text(label, 50)}"| {_mermaid_id(choice.next)}')
    for kind, colour in (("strong", "#c8e6c9"), ("partial", "#fff3c4"), ("harmful", "#ffcdd2")):
        ids = [_mermaid_id(n) for n, node in scenario.nodes.items() if node.kind == kind]
        if ids:
            lines.append(f"    classDef {kind} fill:{colour}")
            lines.append(f"    class {','.join(ids)} {kind}")
    return "\n".join(lines) + "\n"


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


def _mermaid_text(text: str, limit: int) -> str:
    text = " ".join(text.split()).replace('"', "#quot;")
    return text if len(text) <= limit else text[: limit - 1] + "…"
