"""Accounts, roles and API tokens.

Passwords are hashed with Argon2id (argon2-cffi); a bearer token is 32 random bytes shown once,
of which only the SHA-256 is stored (a token is not a password: it has full entropy, so a fast
hash is enough and lets a request be checked with one indexed lookup).

Roles are ordered: ``viewer`` < ``reviewer`` < ``admin``; :func:`require_role` raises
:class:`Forbidden` when a user's role is below the one an action needs, and
:class:`Unauthenticated` when there is no user at all.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from shahid.review.schema import ROLES, api_tokens, users

if TYPE_CHECKING:
    from shahid.store import Store

TOKEN_PREFIX = "shahid_"
MIN_PASSWORD = 8
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher()
# verifying against this keeps an unknown name as slow as a wrong password (no user enumeration by timing)
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class ReviewError(ValueError):
    """A review request that cannot be carried out (bad value, span, code, unknown claim)."""


class AuthError(Exception):
    """Base of the authorisation errors."""


class Unauthenticated(AuthError):
    """No (valid) user: the request must log in (HTTP 401)."""


class Forbidden(AuthError):
    """A user whose role does not allow the action (HTTP 403)."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool = False
    # changes with every new password (of the salted hash): a session keeps it and ends when it differs
    stamp: str = field(default="", compare=False, repr=False)

    def can(self, role: str) -> bool:
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ReviewError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def require_role(user: User | None, role: str) -> User:
    """``user`` if it may act as ``role``; :class:`Unauthenticated` / :class:`Forbidden` otherwise."""
    _check_role(role)
    if user is None:
        raise Unauthenticated(f"log in as a {role} to do this")
    if not user.can(role):
        raise Forbidden(f"{user.name} is a {user.role}{' (disabled)' if user.disabled else ''}; this needs a {role}")
    return user


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _user(row: sa.Row | None) -> User | None:
    return None if row is None else User(row.id, row.name, row.role, bool(row.disabled), _stamp(row.password_hash))


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """A new account; the name must be new, the password at least ``MIN_PASSWORD`` characters."""
    _check_role(role)
    if not _NAME_RE.match(name or ""):
        raise ReviewError(f"bad user name {name!r}: 1-64 letters, digits, '.', '_', '@' or '-'")
    if len(password or "") < MIN_PASSWORD:
        raise ReviewError(f"the password must have at least {MIN_PASSWORD} characters")
    with store.write() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first():
            raise ReviewError(f"there is already a user {name!r}")
        uid = conn.execute(users.insert().returning(users.c.id), {
            "name": name, "role": role, "password_hash": _hasher.hash(password),
            "created_at": datetime.now(UTC), "disabled": False}).scalar_one()
    return User(uid, name, role)


def get_user(store: Store, name: str) -> User | None:
    with store.read() as conn:
        return _user(conn.execute(sa.select(users).where(users.c.name == name)).first())


def list_users(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        n_tokens = {u: n for u, n in conn.execute(
            sa.select(api_tokens.c.user_id, sa.func.count()).group_by(api_tokens.c.user_id))}
        return [{"name": r.name, "role": r.role, "created_at": r.created_at, "disabled": bool(r.disabled),
                 "tokens": n_tokens.get(r.id, 0)}
                for r in conn.execute(sa.select(users).order_by(users.c.name))]


def _must(conn: sa.Connection, name: str) -> sa.Row:
    row = conn.execute(sa.select(users).where(users.c.name == name)).first()
    if row is None:
        raise ReviewError(f"no user {name!r}")
    return row


def _admins_left(conn: sa.Connection, without: int) -> int:
    return conn.execute(sa.select(sa.func.count()).where(
        users.c.role == "admin", users.c.disabled.is_(False), users.c.id != without)).scalar_one()


def set_role(store: Store, name: str, role: str) -> User:
    _check_role(role)
    with store.write() as conn:
        row = _must(conn, name)
        if row.role == "admin" and role != "admin" and not _admins_left(conn, row.id):
            raise ReviewError(f"{name} is the last admin: make another admin first")
        conn.execute(users.update().where(users.c.id == row.id).values(role=role))
    return User(row.id, name, role, bool(row.disabled))


def set_disabled(store: Store, name: str, disabled: bool = True) -> None:
    with store.write() as conn:
        row = _must(conn, name)
        if disabled and row.role == "admin" and not _admins_left(conn, row.id):
            raise ReviewError(f"{name} is the last admin: make another admin first")
        conn.execute(users.update().where(users.c.id == row.id).values(disabled=disabled))


def set_password(store: Store, name: str, password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ReviewError(f"the password must have at least {MIN_PASSWORD} characters")
    with store.write() as conn:
        row = _must(conn, name)
        conn.execute(users.update().where(users.c.id == row.id).values(password_hash=_hasher.hash(password)))


def remove_user(store: Store, name: str) -> None:
    """Delete an account and its tokens (its name stays in the review log, which is never changed)."""
    with store.write() as conn:
        row = _must(conn, name)
        if row.role == "admin" and not _admins_left(conn, row.id):
            raise ReviewError(f"{name} is the last admin: make another admin first")
        conn.execute(api_tokens.delete().where(api_tokens.c.user_id == row.id))
        conn.execute(users.delete().where(users.c.id == row.id))


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user whose name and password these are (not disabled), else None. Rehashes a hash made
    with older Argon2 parameters."""
    with store.read() as conn:
        row = conn.execute(sa.select(users).where(users.c.name == name)).first()
    if row is None:
        try:
            _hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        return None
    try:
        _hasher.verify(row.password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row.disabled:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        new = _hasher.hash(password)
        with store.write() as conn:
            conn.execute(users.update().where(users.c.id == row.id).values(password_hash=new))
        return User(row.id, row.name, row.role, bool(row.disabled), _stamp(new))
    return _user(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(store: Store, name: str) -> str:
    """A new bearer token for ``name`` (returned once; only its hash is stored)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.write() as conn:
        row = _must(conn, name)
        conn.execute(api_tokens.insert(), {"user_id": row.id, "token_hash": _token_hash(token),
                                           "created_at": datetime.now(UTC)})
    return token


def revoke_tokens(store: Store, name: str) -> int:
    with store.write() as conn:
        row = _must(conn, name)
        return conn.execute(api_tokens.delete().where(api_tokens.c.user_id == row.id)).rowcount


def user_for_token(store: Store, token: str | None) -> User | None:
    """The (enabled) user a bearer token belongs to, else None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    with store.read() as conn:
        row = conn.execute(sa.select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
                           .where(api_tokens.c.token_hash == _token_hash(token))).first()
    user = _user(row)
    return None if user is None or user.disabled else user
