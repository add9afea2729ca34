"""Alembic env for the publicity service; the logic lives in kit.migrate."""

from kit.migrate import run_env
from services.publicity.config import PublicitySettings
from services.publicity.models import Base

run_env(Base.metadata, lambda: PublicitySettings().database_url or "")
