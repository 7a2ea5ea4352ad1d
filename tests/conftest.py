from course import bank, book, write_bank

__all__ = ["bank", "book", "write_bank"]
