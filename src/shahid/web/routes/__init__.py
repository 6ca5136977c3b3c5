"""The explorer's routers, one per area; :func:`shahid.web.app.create_app` includes them in this
order (a JSON twin ``P.json`` is registered before its page ``P``, see ``app.page``)."""

from shahid.web.routes import claims, documents, incidents, overview, sources

ROUTERS = [overview.router, incidents.router, documents.router, claims.router, sources.router]
