"""Readers: files, folders and URLs -> RawDocument (thin first version: files and folders)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from ..records import RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}


def read_file(path: Path) -> RawDocument:
    content = path.read_bytes()
    media = "text/html" if path.suffix.lower() in HTML_SUFFIXES else "text/plain"
    return RawDocument(path.name, str(path), content, media, hashlib.sha256(content).hexdigest())


def read(targets: Iterable[str]) -> Iterator[RawDocument]:
    for target in targets:
        path = Path(target)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
                yield read_file(file)
