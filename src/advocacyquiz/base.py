"""Field types shared by every kind of course data: ids and bilingual text."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")
LANG_NAMES = {"ar": "Arabic", "en": "English"}

Id = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
"""A lower-case identifier: letters a-z, digits and single hyphens, e.g. `tv-share`."""

KeyPointId = Annotated[StrictStr, StringConstraints(pattern=r"^KP[0-9]{2,3}$")]
"""A key-point id of the curriculum map, e.g. `KP14`."""

NonEmpty = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]


class Data(BaseModel):
    """Base of all course content: immutable, and unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Data):
    """A text in both of the course's languages."""

    ar: NonEmpty
    """The Arabic text (the course's first language)."""
    en: NonEmpty
    """The English text."""

    def __call__(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en


KeyPoints = Annotated[tuple[KeyPointId, ...], Field(min_length=1)]
