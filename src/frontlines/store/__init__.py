"""Persistence: the document store on SQLite (default) or PostgreSQL, with numbered migrations."""

from .base import DocumentRow, SaveOutcome, Store, StoredDocument

__all__ = ["DocumentRow", "SaveOutcome", "Store", "StoredDocument"]
