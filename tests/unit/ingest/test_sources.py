import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from frontlines.ingest import sources
from frontlines.ingest.sources import decode, is_public_address, read
from frontlines.records import Failure, RawDocument

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ingest"
TEXT = "Shelling hit the market town of Arvo on Monday, residents said.\n"


def one(target, **options):
    items = list(read([str(target)], **options))
    assert len(items) == 1, items
    return items[0]


def text_of(target, **options):
    item = one(target, **options)
    assert isinstance(item, RawDocument), item
    return decode(item)


# -- files and encodings ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")])
def test_unicode_files(tmp_path, encoding, prefix):
    body = "“Weapons were seized,” said the governor of Ñuble.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + body.encode(encoding))
    assert text_of(path) == body


def test_cp1252_and_latin1_files(tmp_path):
    body = ("The envoy said the “ceasefire” was holding – for now – after talks in Bogotá and Medellín. "
            "Troops withdrew from the café district, officials said, and the mayor’s office reopened.\n")
    (tmp_path / "cp.txt").write_bytes(body.encode("cp1252"))
    assert text_of(tmp_path / "cp.txt") == body
    latin = "Les soldats ont quitté la ville de Séguéla après des combats, a déclaré le préfet à la télévision.\n"
    (tmp_path / "latin.txt").write_bytes(latin.encode("latin-1"))
    assert text_of(tmp_path / "latin.txt") == latin


def test_html_meta_charset_is_honoured(tmp_path):
    html = '<html><head><meta charset="windows-1252"></head><body><p>“Kesra fell,” he said.</p></body></html>'
    (tmp_path / "p.html").write_bytes(html.encode("cp1252"))
    assert text_of(tmp_path / "p.html") == html


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    (b"%PDF-1.7 " + bytes(range(256)), "binary"),
    (b"text\x00with\x00nul" * 10, "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
])
def test_bad_files_fail_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = one(path)
    assert isinstance(item, Failure) and item.reason.startswith(reason), item
    assert item.source == str(path)
    if content.strip():  # the bytes read travel with the failure so a store can keep them
        assert item.raw.content == content and item.raw.origin == str(path)
    else:
        assert item.raw is None


def test_missing_oversized_and_non_regular_files(tmp_path):
    assert one(tmp_path / "nope.txt").reason.startswith("missing")
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 100)
    assert one(big, max_bytes=1000).reason.startswith("oversized")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert one(fifo).reason.startswith("unreadable")


def test_media_type_by_extension_then_content(tmp_path):
    (tmp_path / "a.htm").write_text("<p>x</p>")
    (tmp_path / "b.dat").write_text("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    (tmp_path / "c.dat").write_text(TEXT)
    assert [one(tmp_path / name).media_type for name in ("a.htm", "b.dat", "c.dat")] == \
        ["text/html", "text/html", "text/plain"]


# -- feeds and folders -----------------------------------------------------------------------


def test_feed_good_and_bad_lines():
    items = list(read([str(FIXTURES / "feed.jsonl")]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "Failure", "RawDocument", "Failure"]
    first, missing, broken, second, listed = items
    assert first.doc == "https://valley-news.example/2022/11/05/market-protest"
    assert first.hints.outlet == "Valley News" and first.hints.fetched == "2022-11-07T10:00:00Z"
    assert first.media_type == "text/plain"
    assert "Selin" in decode(first)
    assert second.doc == "feed.jsonl:4"  # no url: FILE:LINE
    assert second.hints.published == "2022-11-09"
    assert missing.source.endswith("feed.jsonl:2") and "no 'text' or 'html'" in missing.reason
    assert broken.reason.startswith("bad JSON")
    assert listed.reason.startswith("bad record")
    lines = (FIXTURES / "feed.jsonl").read_bytes().splitlines(keepends=True)
    assert (broken.raw.content, broken.raw.doc) == (lines[2], "feed.jsonl:3")
    assert missing.raw.content == lines[1]


def test_feed_html_records_and_field_types(tmp_path):
    feed = tmp_path / "f.ndjson"
    feed.write_text('{"html": "<html><body><p>Hi</p></body></html>", "fetched": 1660000000}\n'
                    '{"text": "x", "title": 5}\n', encoding="utf-8")
    html, bad = read([str(feed)])
    assert html.media_type == "text/html" and html.hints.fetched.startswith("2022-08-08")
    assert bad.reason == "bad record: field 'title' must be a string"


def test_folder_recursion(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b" / "page.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "b" / "deep" / "notes.md").write_text(TEXT)
    (tmp_path / "b" / "deep" / "feed.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n')
    (tmp_path / "b" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden" / "secret.txt").write_text(TEXT)
    docs = [item.doc for item in read([str(tmp_path)])]
    assert docs == ["a.txt", "feed.jsonl:1", "feed.jsonl:2", "notes.md", "page.html"]  # by path: b/deep/ first
    empty = tmp_path / "empty"
    empty.mkdir()
    assert one(empty).reason.startswith("empty folder")


# -- URLs -----------------------------------------------------------------------------------

PAGE = b"<html><head><title>Strike</title></head><body><p>A strike hit the depot.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server naming)
        if self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/hop/{left - 1}" if left > 1 else "/page")
            self.end_headers()
        elif self.path == "/page":
            self._send(PAGE, "text/html; charset=utf-8")
        elif self.path == "/big":
            self._send(b"x" * 5000, "text/plain")
        elif self.path == "/stream":  # no Content-Length: the cap applies while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"y" * 5000)
            self.close_connection = True
        elif self.path == "/pdf":
            self._send(b"%PDF-1.4", "application/pdf")
        elif self.path == "/private":
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_port}/page")
            self.end_headers()
        else:
            self._send(b"not here", "text/plain", 404)

    def _send(self, body, content_type, status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_loopback_and_private_urls_are_refused(server):
    for url in (f"{server}/page", server.replace("127.0.0.1", "localhost") + "/page"):
        item = one(url)
        assert isinstance(item, Failure) and item.reason.startswith("refused"), item


def test_real_fetch_with_allow_private(server):
    item = one(f"{server}/page", allow_private=True)
    assert isinstance(item, RawDocument)
    assert (item.doc, item.media_type, item.encoding) == (f"{server}/page", "text/html", "utf-8")
    assert item.content == PAGE and item.fetched_at


def test_size_cap(server):
    assert one(f"{server}/big", allow_private=True, max_bytes=1000).reason.startswith("oversized")
    assert one(f"{server}/stream", allow_private=True, max_bytes=1000).reason.startswith("oversized")


def test_redirect_limit(server):
    followed = one(f"{server}/hop/3", allow_private=True, max_redirects=3)
    assert isinstance(followed, RawDocument) and followed.hints.url == f"{server}/page"
    assert one(f"{server}/hop/4", allow_private=True, max_redirects=3).reason.startswith("too many redirects")


def test_every_redirect_hop_is_checked(server, monkeypatch):
    monkeypatch.setattr(sources, "is_public_address", lambda address: address == "127.0.0.1")
    assert isinstance(one(f"{server}/page"), RawDocument)  # the first hop counts as public here
    item = one(f"{server}/private")
    assert item.reason.startswith("refused") and "127.0.0.2" in item.reason


def test_http_errors_and_non_text_content(server):
    assert one(f"{server}/missing", allow_private=True).reason == "HTTP 404 Not Found"
    pdf = one(f"{server}/pdf", allow_private=True)
    assert pdf.reason == "not an article: content type application/pdf"
    assert pdf.raw.content == b"%PDF-1.4" and pdf.raw.fetched_at is not None
    assert one("ftp://example.org/a.txt").reason.startswith("missing")  # not a URL scheme we read


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:4700::1111", True), ("127.0.0.1", False), ("10.1.2.3", False),
    ("192.168.0.10", False), ("172.16.5.4", False), ("169.254.169.254", False), ("::1", False),
    ("fe80::1", False), ("::ffff:127.0.0.1", False), ("100.64.0.1", False), ("0.0.0.0", False),
])
def test_public_address_policy(address, public):
    assert is_public_address(address) is public
