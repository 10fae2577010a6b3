"""Readers: files, folders, JSON Lines feeds and http(s) URLs -> RawDocument, or Failure.

``read(targets)`` streams one item per document, in order; bad input becomes a ``Failure``
with a one-line reason (missing, unreadable, empty, binary, undecodable, oversized, refused,
HTTP errors) instead of stopping the run. A bad line of a feed fails only that line. A failure
after bytes were read carries them (``Failure.raw``) so a store can keep them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import InputError
from ..records import Failure, FeedHints, RawDocument

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 5_000_000
TIMEOUT = 20.0  # seconds, per network operation and for a whole download
MAX_REDIRECTS = 5
SNIFF_BYTES = 8192
ENCODING_TIE = 0.01  # charset-normalizer readings this close to the best in chaos are compared
ENCODING_CANDIDATES = 6
MAX_CONTROL_RATIO = 0.02  # decoded text with more control characters than this is binary
BINARY_MAGIC = {b"%PDF": "PDF", b"PK\x03\x04": "ZIP/Office", b"\x89PNG": "PNG image", b"GIF8": "GIF image",
                b"\xff\xd8\xff": "JPEG image", b"\x1f\x8b": "gzip", b"\x7fELF": "executable",
                b"\xd0\xcf\x11\xe0": "Office document", b"RIFF": "media file", b"SQLite format": "SQLite database"}
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
FEED_FIELDS = ("url", "title", "text", "html", "published", "outlet", "fetched")


@dataclass(frozen=True)
class ReadOptions:
    """Limits for one ``read`` call."""

    allow_private: bool = False
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT
    max_redirects: int = MAX_REDIRECTS


def read(targets: Iterable[str], *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
         timeout: float = TIMEOUT, max_redirects: int = MAX_REDIRECTS) -> Iterator[RawDocument | Failure]:
    """Stream documents from files, folders (recursive), JSON Lines feeds and http(s) URLs.

    URLs resolving to private, loopback or link-local addresses (at any redirect hop) are
    refused unless ``allow_private`` is True.
    """
    options = ReadOptions(allow_private, max_bytes, timeout, max_redirects)
    for target in targets:
        if re.match(r"https?://", target, re.IGNORECASE):
            yield fetch(target, options)
            continue
        path = Path(target)
        if path.is_dir():
            yield from read_folder(path, options)
        elif path.suffix.lower() in FEED_SUFFIXES and path.is_file():
            yield from read_feed(path, options)
        else:
            yield read_file(path, options)


def read_folder(folder: Path, options: ReadOptions = ReadOptions()) -> Iterator[RawDocument | Failure]:
    """Every readable file under ``folder`` (sorted, hidden entries skipped), by extension."""
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths += [Path(root, name) for name in files
                  if not name.startswith(".") and Path(name).suffix.lower() in READABLE_SUFFIXES]
    for path in sorted(paths, key=lambda p: p.relative_to(folder).parts):
        yield from read_feed(path, options) if path.suffix.lower() in FEED_SUFFIXES else [read_file(path, options)]
    if not paths:
        yield Failure(str(folder), "empty folder: no .txt, .text, .md, .html, .htm, .jsonl or .ndjson files")


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> RawDocument | Failure:
    """One text or HTML file (the type follows the extension, else the content)."""
    source = str(path)
    try:
        if not path.exists():
            return Failure(source, "missing: no such file or folder")
        if not path.is_file():
            return Failure(source, "unreadable: not a regular file")
        size = path.stat().st_size
        if size > options.max_bytes:
            return Failure(source, f"oversized: {size:,} bytes (limit {options.max_bytes:,})")
        content = path.read_bytes()
    except OSError as exc:
        return Failure(source, f"unreadable: {exc.strerror or exc}")
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        media = "text/html"
    elif suffix in TEXT_SUFFIXES:
        media = "text/plain"
    else:
        media = "text/html" if HTML_START.match(content[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")) else "text/plain"
    try:
        encoding = detect_encoding(content, source, media)
    except InputError as exc:
        return Failure(source, exc.reason, _undecoded(path.name, source, content, media))
    return RawDocument(path.name, source, content, media, _sha256(content), encoding=encoding)


def _undecoded(doc: str, origin: str, content: bytes, media: str = "text/plain",
               fetched_at: str | None = None) -> RawDocument | None:
    """The bytes of a document that failed after reading, for ``Failure.raw`` (None when blank)."""
    if not content.strip():
        return None
    return RawDocument(doc, origin, content, media, _sha256(content), fetched_at=fetched_at)


def read_feed(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[RawDocument | Failure]:
    """One document per line of a JSON Lines feed ({url, title, text or html, published, outlet, fetched})."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Failure(str(path), f"unreadable: {exc.strerror or exc}")
        return
    with handle:
        empty = True
        for number, line in enumerate(handle, 1):
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            empty = False
            yield _feed_record(path, number, line, options)
        if empty:
            yield Failure(str(path), "empty: the feed has no records")


def _feed_record(path: Path, number: int, line: bytes, options: ReadOptions) -> RawDocument | Failure:
    source = f"{path}:{number}"
    if len(line) > options.max_bytes:
        return Failure(source, f"oversized: {len(line):,} bytes (limit {options.max_bytes:,})")
    raw = _undecoded(f"{path.name}:{number}", source, line)
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return Failure(source, "undecodable: feed lines must be UTF-8", raw)
    except json.JSONDecodeError as exc:
        return Failure(source, f"bad JSON: {exc.msg} at column {exc.colno}", raw)
    if not isinstance(record, dict):
        return Failure(source, f"bad record: expected a JSON object, got {type(record).__name__}", raw)
    fields = {}
    for name in FEED_FIELDS:
        value = record.get(name)
        if name in ("published", "fetched") and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = dt.datetime.fromtimestamp(value, dt.timezone.utc).isoformat(timespec="seconds")
        if value is not None and not isinstance(value, str):
            return Failure(source, f"bad record: field '{name}' must be a string", raw)
        fields[name] = value.strip() if isinstance(value, str) and value.strip() else None
    body = fields["html"] or fields["text"]
    if body is None:
        return Failure(source, "empty: the record has no 'text' or 'html'", raw)
    content = body.encode("utf-8")
    hints = FeedHints(**{k: fields[k] for k in ("url", "title", "published", "outlet", "fetched")})
    return RawDocument(fields["url"] or f"{path.name}:{number}", source, content,
                       "text/html" if fields["html"] else "text/plain", _sha256(content),
                       fetched_at=fields["fetched"], hints=hints, encoding="utf-8")


# -- decoding ------------------------------------------------------------------------------


def detect_encoding(content: bytes, source: str, media_type: str = "text/plain",
                    declared: str | None = None) -> str:
    """The text encoding of ``content``; raise InputError if it is empty, binary or undecodable.

    Order: byte-order mark, the declared charset (HTTP header or HTML meta), strict UTF-8,
    then charset-normalizer's best guess (cp1252 preferred to latin-1 when it decodes).
    """
    if not content.strip():
        raise InputError(source, "empty")
    for bom, encoding in BOMS:
        if content.startswith(bom):
            return _checked(content, encoding, source)
    for magic, kind in BINARY_MAGIC.items():
        if content.startswith(magic):
            raise InputError(source, f"binary: looks like a {kind}, not text")
    if b"\x00" in content[:SNIFF_BYTES]:
        raise InputError(source, "binary: contains NUL bytes")
    if declared is None and media_type == "text/html":
        match = META_CHARSET.search(content[:SNIFF_BYTES])
        declared = match.group(1).decode("ascii", "replace") if match else None
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                content.decode(encoding)
                return _checked(content, encoding, source)
            except (UnicodeDecodeError, LookupError):
                continue
    return _checked(content, _guess_encoding(content, source), source)


def _guess_encoding(content: bytes, source: str) -> str:
    """charset-normalizer's best guess; among equally clean single-byte readings (cp1250,
    cp1252, ...), the one whose text looks most like a language decides."""
    from charset_normalizer import from_bytes

    from .language import identify

    results = from_bytes(content)
    best = results.best()
    if best is None:
        raise InputError(source, "undecodable: no text encoding fits the bytes")
    tied = [r.encoding for r in results if r.chaos <= best.chaos + ENCODING_TIE][:ENCODING_CANDIDATES]
    if "cp1252" not in tied:
        tied.append("cp1252")
    scores = {}
    for encoding in tied:
        try:
            scores[encoding] = identify(content[:SNIFF_BYTES].decode(encoding, errors="strict"))[1]
        except UnicodeDecodeError:
            continue
    return max(scores, key=scores.get) if len(scores) > 1 else best.encoding


def _checked(content: bytes, encoding: str, source: str) -> str:
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(source, f"undecodable: not valid {encoding}") from exc
    if not text.strip():
        raise InputError(source, "empty")
    sample = text[:SNIFF_BYTES]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v" or 0x7f <= ord(c) < 0xa0)
    if controls > MAX_CONTROL_RATIO * len(sample):
        raise InputError(source, "binary: too many control characters for text")
    return encoding


def decode(raw: RawDocument) -> str:
    """The document's text (raises InputError when it cannot be decoded)."""
    encoding = raw.encoding or detect_encoding(raw.content, raw.origin, raw.media_type)
    try:
        return raw.content.decode(encoding).removeprefix("\ufeff")
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(raw.origin, f"undecodable: not valid {encoding}") from exc


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# -- URLs -----------------------------------------------------------------------------------


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses (not private, loopback, link-local...)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to a fresh DNS answer."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self) -> None:
        super().connect()
        self.sock = ssl.create_default_context().wrap_socket(self.sock, server_hostname=self.host)


def fetch(url: str, options: ReadOptions = ReadOptions()) -> RawDocument | Failure:
    """Download one http(s) page, following at most ``max_redirects`` redirects, each hop checked."""
    current = url
    deadline = time.monotonic() + options.timeout
    for _ in range(options.max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return Failure(url, f"refused: unsupported URL {current!r}")
        secure = parts.scheme.lower() == "https"
        port = parts.port or (443 if secure else 80)
        try:
            addresses = _resolve(parts.hostname, port)
        except (socket.gaierror, UnicodeError):
            return Failure(url, f"unreachable: cannot resolve host {parts.hostname}")
        if not options.allow_private:
            private = [a for a in addresses if not is_public_address(a)]
            if private:
                return Failure(url, f"refused: {parts.hostname} resolves to a private or local address "
                                    f"({private[0]}); allow private addresses to fetch it")
        connection_class = _PinnedHTTPSConnection if secure else _PinnedHTTPConnection
        connection = connection_class(parts.hostname, port, addresses[0], options.timeout)
        try:
            path = parts.path or "/"
            connection.request("GET", f"{path}?{parts.query}" if parts.query else path, headers={
                "User-Agent": f"frontlines/{__version__}", "Accept": "text/html, text/plain;q=0.9",
                "Accept-Encoding": "identity"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    return Failure(url, f"HTTP {response.status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                return Failure(url, f"HTTP {response.status} {response.reason}".strip())
            return _page(url, current, response, options, deadline)
        except (OSError, http.client.HTTPException) as exc:
            return Failure(url, f"unreachable: {exc.__class__.__name__}: {exc}".rstrip(": "))
        finally:
            connection.close()
    return Failure(url, f"too many redirects (more than {options.max_redirects})")


def _page(url: str, final_url: str, response: http.client.HTTPResponse, options: ReadOptions,
          deadline: float) -> RawDocument | Failure:
    content_type = (response.getheader("Content-Type") or "").lower()
    mime = content_type.split(";")[0].strip()
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", content_type)
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > options.max_bytes:
        return Failure(url, f"oversized: {int(length):,} bytes (limit {options.max_bytes:,})")
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > options.max_bytes:
            return Failure(url, f"oversized: more than {options.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            return Failure(url, f"unreachable: download took longer than {options.timeout:g} s")
        chunks.append(chunk)
    content = b"".join(chunks)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    if mime in HTML_TYPES:
        media = "text/html"
    elif mime in TEXT_TYPES:
        media = "text/plain"
    elif not mime:
        media = "text/html" if HTML_START.match(content[:SNIFF_BYTES]) else "text/plain"
    else:
        return Failure(url, f"not an article: content type {mime}", _undecoded(url, url, content, fetched_at=now))
    try:
        encoding = detect_encoding(content, url, media, charset.group(1) if charset else None)
    except InputError as exc:
        return Failure(url, exc.reason, _undecoded(url, url, content, media, now))
    return RawDocument(url, url, content, media, _sha256(content), fetched_at=now,
                       hints=FeedHints(url=final_url, fetched=now), encoding=encoding)
