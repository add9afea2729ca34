"""The context every review service function gets: the platform's one shape
(`common.context.ServiceCtx`) with review's settings and upstream clients. Built at the HTTP
edge by the `…Ctx` dependencies of `services.review.dependencies`; it never holds the request."""

from __future__ import annotations

from common.context import ServiceCtx
from services.review.clients import Upstream
from services.review.config import ReviewSettings


class Ctx(ServiceCtx[ReviewSettings, Upstream]):
    """What every review action needs (see module)."""
