"""The explorer's app factory, its security headers, the Store dependency and the page/twin
registration every router uses.

    >>> from shahid.web import create_app
    >>> app = create_app("shahid.db")        # a Store, a path or a postgresql:// URL
    >>> # uvicorn.run(app)                   # what `shahid serve` does

Each page is one function returning JSON-ready data; :func:`page` registers it twice: at
``P.json`` (its JSON twin, with a pydantic response model, in ``/openapi.json``) and at ``P``,
rendered by a Jinja2 template with autoescape on. No SQL here: the data come from
:mod:`shahid.link.query` and :mod:`shahid.store.query`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

# One place for the security headers of every response (pages, twins, static files, errors).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The largest numbers a request may give: a row id the databases store (64-bit), and a page or a
# minimum count (beyond them SQLite raises OverflowError: a 500 instead of a 400).
MAX_ROW_ID = 2**63 - 1
MAX_NUMBER = 2**31 - 1


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response


def _environment() -> Environment:
    from shahid.web import views

    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), finalize=views.neutral,
                      autoescape=select_autoescape(("html", "xml"), default=True, default_for_string=True))
    env.globals.update(views.TEMPLATE_GLOBALS)
    env.filters.update(views.TEMPLATE_FILTERS)
    return env


templates = Jinja2Templates(env=_environment())


def get_store(request: Request) -> Any:
    """The app's ledger (a :class:`shahid.store.Store`), for routes: ``store = Depends(get_store)``."""
    return request.app.state.store


StoreDep = Annotated[Any, Depends(get_store)]


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def page(router: Any, path: str, template: str, model: Any, *, view: Callable[[dict[str, Any]], dict[str, Any]]
         | None = None, summary: str | None = None) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., Any]]:
    """Register ``fn`` (returning the page's data) at ``path + '.json'`` (JSON, ``model``) and at
    ``path`` (HTML: ``template`` with the data, plus ``view(data)`` for the template only)."""

    def deco(fn: Callable[..., dict[str, Any]]) -> Callable[..., Any]:
        sig = inspect.signature(fn)
        if "request" not in sig.parameters:
            raise TypeError(f"{fn.__name__}: a page function takes `request: Request`")
        router.add_api_route(path + ".json", fn, methods=["GET"], response_model=model,
                             summary=summary or (fn.__doc__ or "").strip().split("\n")[0] or None,
                             name=fn.__name__ + "_json")

        @functools.wraps(fn)
        def html(**kwargs: Any) -> Response:
            data = fn(**kwargs)
            extra = view(data) if view else {}
            return templates.TemplateResponse(kwargs["request"], template, {**data, **extra})

        router.add_api_route(path, html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                             name=fn.__name__)
        return fn

    return deco


def _error(request: Request, status: int, message: str) -> Response:
    if wants_json(request) or request.url.path.endswith(".geojson"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


def create_app(store_or_url: Any = None, *, private: bool = False, secret_key: str | None = None,
               https_only: bool = False, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The explorer over ``store_or_url`` (a :class:`shahid.store.Store`, a SQLite path or a
    database URL; None: ``$SHAHID_DB`` or ``./shahid.db``). Review (:mod:`shahid.web.review`):
    ``private`` makes every page need a login; ``secret_key`` signs the session cookies (default
    ``$SHAHID_SECRET_KEY``, else a new random key: sessions end when the server stops);
    ``https_only`` marks them Secure. ``allowed_hosts``: the names the ``Host`` header may give
    (Starlette's TrustedHostMiddleware; others get 400), which keeps a web page that rebinds its
    own name to this machine's address (DNS rebinding) from reading the ledger; None: any."""
    from shahid.store import Store, open_store
    from shahid.web.routes import ROUTERS

    store = store_or_url if isinstance(store_or_url, Store) else open_store(store_or_url)
    app = FastAPI(title="Shahid explorer", version="1", docs_url=None, redoc_url=None,
                  description="The ledger of source-attributed claims and linked incidents. Every HTML page "
                              "at P has its JSON twin at P.json (same query string).")
    app.state.store = store
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    from shahid.web import review

    review.install(app, private=private, secret_key=secret_key, https_only=https_only)  # before the pages: POSTs
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)  # outermost: on every response, refusals included
    for r in ROUTERS:
        app.include_router(r)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException is one too
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        msg = str(exc.detail) if exc.detail and exc.detail != "Not Found" else "no such page"
        return _error(request, exc.status_code, msg)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())[1:]), e.get("msg")) for e in exc.errors()]
        return _error(request, 400, "; ".join(parts) or "bad request")

    @app.exception_handler(Exception)  # run by Starlette's outermost middleware: add the headers here
    async def crash(request: Request, exc: Exception) -> Response:
        response = _error(request, 500, "the server failed on this request (the error is in its log)")
        response.headers.update(SECURITY_HEADERS)
        return response

    return app
