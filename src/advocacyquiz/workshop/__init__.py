"""The live workshop: a facilitator's board and participants' phones, in memory, on the local network."""

from .app import Workshop, load_session
from .state import Refusal, Session

__all__ = ["Refusal", "Session", "Workshop", "load_session"]
