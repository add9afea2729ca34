"""Alembic env for the review service; the logic lives in kit.migrate."""

from kit.migrate import run_env
from services.review.config import ReviewSettings
from services.review.models import Base

run_env(Base.metadata, lambda: ReviewSettings().database_url or "")
