import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))  # the tests' tiny course

from course import bank, book, write_bank

__all__ = ["bank", "book", "write_bank"]
