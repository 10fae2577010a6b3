"""Read and clean: RawDocument -> Article."""

from __future__ import annotations

from ..errors import InputError
from ..records import Article, RawDocument


def to_article(raw: RawDocument) -> Article:
    """Decode, clean and date one raw document (thin first version: UTF-8 text only)."""
    try:
        text = raw.content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(raw.origin, f"undecodable: {exc.reason}") from exc
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(raw.origin, "empty")
    return Article(
        doc=raw.doc, sha256=raw.sha256, title=raw.hints.title or lines[0], outlet=raw.hints.outlet,
        url=raw.hints.url, author=None, published=raw.hints.published, published_range=None,
        published_basis="feed metadata" if raw.hints.published else "unknown", language="en",
        body="\n".join(lines[1:]),
    )
