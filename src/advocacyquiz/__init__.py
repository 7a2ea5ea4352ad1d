"""advocacyquiz: the quiz and scenario engine of the community-media advocacy course."""

from .bank import Bank
from .curriculum import Curriculum
from .loading import load_bank, load_curriculum, load_scenario
from .problems import DataError, Problem
from .scoring import QuestionResult, Result

__all__ = [
    "Bank",
    "Curriculum",
    "DataError",
    "Problem",
    "QuestionResult",
    "Result",
    "load_bank",
    "load_curriculum",
    "load_scenario",
]
__version__ = "0.1.0"
