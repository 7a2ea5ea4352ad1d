"""`python -m advocacyquiz.contract`: regenerate the committed JSON Schemas from the models."""

from __future__ import annotations

from .schemas import write

for written in write():
    print(written)
