"""The FastAPI application: the REST API under /api and the map page at /, one process, no network."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from .. import __version__

WEB_DIR = Path(__file__).resolve().parents[1] / "web"


@dataclass(frozen=True)
class ApiSettings:
    """What the server needs besides the store.

    ``token``: the ingest endpoint's bearer token (None disables ingest: 403).
    ``boundaries``: the imported admin-unit GeoJSON (None or a missing file: seat points only).
    """

    token: str | None = None
    boundaries: Path | None = None
    max_limit: int = 5000


def create_app(store, settings: ApiSettings | None = None) -> FastAPI:
    """The app serving ``store`` (a ``frontlines.store.Store``); read endpoints need no token."""
    from .routes import router

    app = FastAPI(
        title="frontlines",
        version=__version__,
        description="Sourced, geocoded, ACLED-coded conflict events: fused events with their reports, "
                    "claims and evidence; territorial control at a date; the stored documents.",
    )
    app.state.store = store
    app.state.settings = settings or ApiSettings()
    app.state.pipeline = None
    app.state.ingest_lock = threading.Lock()
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(SecurityHeaders)
    app.include_router(router, prefix="/api")
    app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app


# the page loads nothing from elsewhere; a script injected into ingested text could not run either
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """Adds the CSP and nosniff headers to every response (plain ASGI: no task or stream per request)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = not scope["path"].startswith(("/docs", "/redoc"))  # FastAPI's API browsers load their own assets

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if csp:
                    headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with FastAPI's ``detail`` list plus one readable ``message`` naming each bad parameter."""
    errors = exc.errors()
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return JSONResponse(status_code=422,
                        content={"message": "; ".join(parts), "detail": jsonable_encoder(errors)})
