"""Review in the explorer: accounts' sessions, the cross-site guard, ``POST P/review`` and the queue.

Everything here is a shell over :mod:`shahid.review` (roles, actions, queue): no SQL, no review
logic. :func:`install` adds to an app made by :func:`shahid.web.app.create_app`:

* **sessions** — a signed (itsdangerous, via Starlette's ``SessionMiddleware``), HttpOnly,
  SameSite=Lax cookie holding the user's id and a stamp of their password hash; the user is read
  again on every request, so a role change, a disabled account, a removed one or a new password
  (which ends every session made with the old one) takes effect at once. ``POST /login`` is
  rate-limited (``limits``: 5 failures per user name and 20 per client address in 15 minutes → 429);
  ``POST /logout`` ends the session.
* **bearer tokens** — ``Authorization: Bearer TOKEN`` (from ``shahid users token``) for scripts.
* **the cross-site guard** (:class:`CrossSiteGuard`) — every unsafe request (POST, PUT, PATCH,
  DELETE) must come from this site: ``Sec-Fetch-Site`` ``same-origin`` or ``none``, or, when a
  client sends no such header, an ``Origin`` equal to the ``Host``; anything else is refused with
  403. Requests with a bearer token and no cookie are exempt (a browser cannot be made to send one).
* **private mode** — every page needs a login (anonymous: 401 for JSON, else a redirect to /login).
* **write routes** — ``POST /claims/{id}/review``, ``/documents/{id}/review``,
  ``/incidents/{key}/review`` with a form or a JSON body ``{"action": …}``; the role (reviewer) is
  checked by the library; anonymous → 401, too low a role → 403, a bad request → 400.
* **pages** — ``/login``, ``/review`` (the queue, reviewers only; ``/review.json`` its twin) and
  ``/review/places.json?q=NAME`` (the gazetteer search the place correction uses).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.sessions import SessionMiddleware

from shahid.review import actions, users
from shahid.review.queue import review_queue
from shahid.review.users import AuthError, Forbidden, ReviewError, Unauthenticated, User
from shahid.web import models
from shahid.web.app import MAX_NUMBER, MAX_ROW_ID, _error, templates
from shahid.web.views import claim_url, place_url

SESSION_COOKIE = "shahid_session"
SECRET_ENV = "SHAHID_SECRET_KEY"
SESSION_MAX_AGE = 12 * 3600
LOGIN_LIMIT_USER = "5/15minutes"
LOGIN_LIMIT_CLIENT = "20/15minutes"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
OPEN_PATHS = ("/login",)  # reachable without a login in private mode (exactly these paths) …
OPEN_PREFIXES = ("/static/",)  # … and everything under these

router = APIRouter()


# -- who is asking -------------------------------------------------------------------------------


def current_user(request: Request) -> User | None:
    return getattr(request.state, "user", None)


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization") or ""
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _open_path(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


class Authenticate(BaseHTTPMiddleware):
    """Puts the request's user on ``request.state.user`` (bearer token, else the session); in
    private mode, refuses every page but the login to anonymous visitors."""

    def __init__(self, app: Any, *, private: bool = False) -> None:
        super().__init__(app)
        self.private = private

    async def dispatch(self, request: Request, call_next: Callable[..., Any]) -> Response:
        store = request.app.state.store
        user = None
        token = _bearer(request)
        if token:
            user = users.user_for_token(store, token)
        elif "session" in request.scope:
            uid = request.session.get("uid")
            if uid is not None:
                user = users.get_user(store, str(request.session.get("name") or ""))
                if user is None or user.id != uid or user.disabled or request.session.get("stamp") != user.stamp:
                    request.session.clear()
                    user = None
        request.state.user = user
        if self.private and user is None and not _open_path(request.url.path):
            if token or request.url.path.endswith((".json", ".geojson", ".csv")) or request.method in UNSAFE:
                return JSONResponse({"error": "log in to see this ledger", "status": 401}, status_code=401)
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return await call_next(request)


def _same_host(origin: str, host: str | None) -> bool:
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return bool(host) and parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def cross_site_refusal(request: Request) -> str | None:
    """Why an unsafe request is refused as cross-site (None: it may go on). See the module doc."""
    if request.method not in UNSAFE:
        return None
    if _bearer(request) and "cookie" not in request.headers:
        return None
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return None if site in ("same-origin", "none") else f"a {site} request may not write here"
    origin = request.headers.get("origin")
    if origin is not None and _same_host(origin, request.headers.get("host")):
        return None
    return "a write must come from this site (no Sec-Fetch-Site, and no Origin equal to the Host)"


class CrossSiteGuard(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Callable[..., Any]) -> Response:
        why = cross_site_refusal(request)
        if why:
            return JSONResponse({"error": f"refused: {why}", "status": 403}, status_code=403)
        return await call_next(request)


# -- login ---------------------------------------------------------------------------------------


class LoginLimiter:
    """Failed logins per user name and per client address (``limits``' moving window, in memory)."""

    def __init__(self) -> None:
        from limits import parse
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_user, self.per_client = parse(LOGIN_LIMIT_USER), parse(LOGIN_LIMIT_CLIENT)

    def allowed(self, name: str, client: str) -> bool:
        return self.limiter.test(self.per_user, "user", name) and self.limiter.test(self.per_client, "client", client)

    def failed(self, name: str, client: str) -> None:
        self.limiter.hit(self.per_user, "user", name)
        self.limiter.hit(self.per_client, "client", client)


def _local(next_url: str | None) -> str:
    """Where to go after logging in: a path of this site only (no ``//host``, no scheme)."""
    if not next_url or not next_url.startswith("/") or next_url.startswith("//") or "\\" in next_url:
        return "/"
    return next_url


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    return templates.TemplateResponse(request, "login.html", {"next": _local(next), "message": None})


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    nxt = _local(str(form.get("next") or "/"))
    client = request.client.host if request.client else "?"
    limiter: LoginLimiter = request.app.state.login_limiter
    if not limiter.allowed(name, client):
        return templates.TemplateResponse(request, "login.html", {
            "next": nxt, "message": "too many failed logins: wait a few minutes"}, status_code=429)
    user = users.authenticate(request.app.state.store, name, password)
    if user is None:
        limiter.failed(name, client)
        return templates.TemplateResponse(request, "login.html", {
            "next": nxt, "message": "wrong name or password"}, status_code=401)
    request.session.clear()
    request.session.update({"uid": user.id, "name": user.name, "stamp": user.stamp, "nonce": secrets.token_hex(8)})
    return RedirectResponse(nxt, status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/", status_code=303)


# -- writes --------------------------------------------------------------------------------------


def _is_json(request: Request) -> bool:
    return (request.headers.get("content-type") or "").split(";")[0].strip() == "application/json"


async def _body(request: Request) -> dict[str, Any]:
    if _is_json(request):
        try:
            body = await request.json()
        except ValueError:
            raise ReviewError("the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ReviewError('the body is a JSON object {"action": …}')
        return body
    form = await request.form()
    return {k: v for k, v in form.items() if not (isinstance(v, str) and v == "")}


def _bool(v: Any) -> bool:
    return v is True or (isinstance(v, str) and v.lower() in ("1", "true", "on", "yes"))


def _value(v: Any) -> Any:
    """A form value: JSON when it looks like a list, an object or null; the string otherwise."""
    if isinstance(v, str) and (v[:1] in "[{" or v == "null"):
        try:
            return json.loads(v)
        except ValueError:
            raise ReviewError(f"not valid JSON: {v[:80]!r}") from None
    return v


def _span(body: dict[str, Any], prefix: str = "") -> Any:
    """``span`` ([start, end]) with ``text``, or ``start`` / ``end`` / ``text`` fields (a form)."""
    if body.get(prefix + "span") is not None:
        sp = _value(body[prefix + "span"])
        if isinstance(sp, list) and len(sp) == 2 and body.get(prefix + "text") is not None:
            return [sp[0], sp[1], body[prefix + "text"]]
        return sp
    if body.get(prefix + "start") is None and body.get(prefix + "end") is None:
        return None
    return {"start": body.get(prefix + "start"), "end": body.get(prefix + "end"), "text": body.get(prefix + "text")}


def _reply(request: Request, result: dict[str, Any], page: str) -> Response:
    if _is_json(request) or "application/json" in (request.headers.get("accept") or ""):
        return JSONResponse({"ok": True, **result})
    return RedirectResponse(page, status_code=303)


def _failure(request: Request, e: Exception) -> Response:
    status = 401 if isinstance(e, Unauthenticated) else 403 if isinstance(e, Forbidden) else 400
    if _is_json(request) or "application/json" in (request.headers.get("accept") or ""):
        return JSONResponse({"error": str(e), "status": status}, status_code=status)
    return _error(request, status, str(e))


async def _act(request: Request, page: str, run: Callable[[User | None, dict[str, Any]], dict[str, Any]]) -> Response:
    user = current_user(request)
    try:
        users.require_role(user, "reviewer")  # before reading the body: nothing is parsed for strangers
        body = await _body(request)
        return _reply(request, run(user, body), page)
    except (AuthError, ReviewError) as e:
        return _failure(request, e)


def _action(body: dict[str, Any], allowed: tuple[str, ...]) -> str:
    a = body.get("action")
    if a not in allowed:
        raise ReviewError(f"action {a!r}: here one of {', '.join(allowed)}")
    return str(a)


@router.post("/claims/{row_id}/review", summary="Review a claim: confirm, correct, reject or move it")
async def review_claim(request: Request, row_id: Annotated[int, Path(le=MAX_ROW_ID)]) -> Response:
    store = request.app.state.store

    def run(user: User | None, body: dict[str, Any]) -> dict[str, Any]:
        a = _action(body, ("confirm", "correct", "reject", "move"))
        note = body.get("note")
        if a == "confirm":
            opt = body.get("optional")
            return actions.confirm(store, user, row_id, optional=None if opt is None else _bool(opt), note=note)
        if a == "correct":
            field = str(body.get("field") or "")
            if _bool(body.get("not_in_text")):
                return actions.correct(store, user, row_id, field, None, None, note=note)
            return actions.correct(store, user, row_id, field, _value(body.get("value")), _span(body), note=note)
        if a == "reject":
            return actions.reject(store, user, row_id, str(body.get("reason") or ""), note)
        to = body.get("incident")
        return actions.move(store, user, row_id, None if to in (None, "new") else str(to), note=note)

    return await _act(request, f"/claims/{row_id}", run)


@router.post("/documents/{doc_id}/review", summary="Review a document: add a missed claim, or confirm it whole")
async def review_document(request: Request, doc_id: str) -> Response:
    store = request.app.state.store

    def run(user: User | None, body: dict[str, Any]) -> dict[str, Any]:
        a = _action(body, ("add", "confirm"))
        if a == "confirm":
            return actions.confirm_document(store, user, doc_id, note=body.get("note"))
        fields = _value(body.get("fields")) or {}
        if not isinstance(fields, dict):
            raise ReviewError("fields: a JSON object of field values")
        if body.get("event"):
            fields = {**fields, "event": body["event"]}
        evidence = _span(body, "evidence_") if body.get("evidence") is None else _value(body["evidence"])
        if evidence is None:
            evidence = _span(body)
        trig = _span(body, "trigger_")
        return actions.add(store, user, doc_id, evidence, fields, trigger=trig, optional=_bool(body.get("optional")),
                           note=body.get("note"))

    return await _act(request, f"/documents/{quote(doc_id, safe='')}", run)


@router.post("/incidents/{ident}/review", summary="Review an incident: move a claim out or in, merge another")
async def review_incident(request: Request, ident: str) -> Response:
    store = request.app.state.store

    def run(user: User | None, body: dict[str, Any]) -> dict[str, Any]:
        a = _action(body, ("move", "merge"))
        if a == "merge":
            return actions.merge(store, user, ident, str(body.get("with") or ""), note=body.get("note"))
        claim = body.get("claim")
        if claim is None:
            raise ReviewError("move: which claim (its row id)")
        to = body.get("to") or body.get("incident")
        return actions.move(store, user, claim if isinstance(claim, int) else str(claim),
                            None if to in (None, "new") else str(to), note=body.get("note"))

    return await _act(request, f"/incidents/{quote(ident, safe='')}", run)


# -- the queue and the place search -------------------------------------------------------------


Page = Annotated[int, Query(ge=1, le=MAX_NUMBER)]


def _queue_data(request: Request, outlet: str | None, since: str | None, until: str | None, page: int) -> Any:
    user = current_user(request)
    users.require_role(user, "reviewer")
    try:
        q = review_queue(request.app.state.store, outlet=outlet or None, since=since or None, until=until or None,
                         page=page)
    except ValueError as e:
        raise ReviewError(str(e)) from None
    out = q.to_dict()
    out["items"] = [{**i, "url": claim_url(i["row_id"])} for i in out["items"]]
    return {**out, "filters": {"outlet": outlet, "since": since, "until": until}}


@router.get("/review.json", summary="The review queue: what needs a look first, with progress",
            responses={200: {"model": models.ReviewQueue}, 401: {"model": models.Error},
                       403: {"model": models.Error}})
def queue_json(request: Request, outlet: str | None = None, since: str | None = None, until: str | None = None,
               page: Page = 1) -> Response:
    try:
        return JSONResponse(_queue_data(request, outlet, since, until, page))
    except (AuthError, ReviewError) as e:
        status = 401 if isinstance(e, Unauthenticated) else 403 if isinstance(e, Forbidden) else 400
        return JSONResponse({"error": str(e), "status": status}, status_code=status)


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def queue_page(request: Request, outlet: str | None = None, since: str | None = None, until: str | None = None,
               page: Page = 1) -> Response:
    try:
        data = _queue_data(request, outlet, since, until, page)
    except Unauthenticated:
        return RedirectResponse(f"/login?next={quote('/review')}", status_code=303)
    except (AuthError, ReviewError) as e:
        return _failure(request, e)
    return templates.TemplateResponse(request, "review.html", data)


@router.get("/review/places.json", summary="Gazetteer places by name (for a place correction)")
def place_search(q: str = "", limit: int = 12) -> Response:
    from shahid.geo.gazetteer import Gazetteer, script_language

    out = []
    if q.strip():
        for p in Gazetteer.load("SY", script_language(q)).search(q)[: max(1, min(limit, 50))]:
            out.append({"place_id": p["id"], "url": place_url(p["id"]), "name": p["name"], "name_en": p.get("name_en"),
                        "admin1": p.get("admin1"), "precision": p.get("precision"), "match": p.get("match")})
    return JSONResponse({"q": q, "places": out})


# -- installing ------------------------------------------------------------------------------------


def install(app: FastAPI, *, private: bool = False, secret_key: str | None = None, https_only: bool = False) -> None:
    """Add sessions, the cross-site guard, the review routes and (``private``) the login wall."""
    secret = secret_key or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)
    app.state.login_limiter = LoginLimiter()
    app.state.private = private
    app.include_router(router)
    # added last = runs first: the guard, then the session, then who the user is
    app.add_middleware(Authenticate, private=private)
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie=SESSION_COOKIE,
                       max_age=SESSION_MAX_AGE, same_site="lax", https_only=https_only)
    app.add_middleware(CrossSiteGuard)
    templates.env.globals["current_user"] = current_user
    templates.env.globals.setdefault("REJECT_REASONS", actions.REJECT_REASONS)
    templates.env.globals.setdefault("REVIEW_FIELDS", ("event", "method", "certainty", "location", "date", "source",
                                                       "perpetrators", "victims", "counts"))
