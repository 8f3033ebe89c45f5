"""The pipeline stages the web app calls, imported only when a page needs them.

Extraction, linkage, the publication check and the report are separate packages that
may be missing from a partial install (or not built yet); the app must still start
and serve the other pages. A missing stage answers 503 with a clear message instead
of breaking the import of the whole app.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from werkzeug.exceptions import ServiceUnavailable

log = logging.getLogger(__name__)


def stage_function(module: str, name: str) -> Any:
    """``module.name`` or a 503 naming the missing stage (never an import traceback)."""
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log.warning("stage not available: %s.%s", module, name)
        raise ServiceUnavailable(f"{module}.{name} is not available") from None
    return found


def available(module: str, name: str) -> bool:
    """Whether a stage function can be imported (to show or hide a page's buttons)."""
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False
