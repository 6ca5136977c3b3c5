"""``shahid serve``: the ledger in a browser (FastAPI + Jinja2), every page with its JSON twin.
See ``docs/serve.md``."""

from shahid.web.app import create_app

__all__ = ["create_app"]
