"""What every document of the contract shares: its base model, content hashes and seeds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..presentation import SEED_RANGE

Hash = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{16}$")]
"""A content hash (`content_hash`): 16 hex digits naming one version of a bank or scenario."""

Seed = Annotated[StrictInt, Field(ge=0, lt=SEED_RANGE)]
"""A learner's presentation seed, an unsigned 32-bit integer (presentation.SEED_RANGE)."""


class Document(BaseModel):
    """A document of the contract: unknown keys are errors, so a typo fails validation."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, json_schema_serialization_defaults_required=True
    )


def content_hash(content: BaseModel | Mapping[str, Any]) -> str:
    """A short hash of a bank's or a scenario's content (both languages), or of a JSON mapping,
    stable across builds: saved state names the version of the content it was made for."""
    data = content.model_dump(mode="json") if isinstance(content, BaseModel) else content
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
