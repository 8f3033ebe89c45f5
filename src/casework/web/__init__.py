"""The analysts' web app: thin, server-rendered views over the library.

``create_app(store_url)`` builds the Flask app; ``casework serve`` runs it with
waitress. See docs/web.md for the security model (sessions, CSRF, headers, roles).
"""

from casework.web.app import create_app

__all__ = ["create_app"]
