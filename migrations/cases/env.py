"""Alembic env for the cases service; the logic lives in kit.migrate."""

from kit.migrate import run_env
from services.cases.config import CasesSettings
from services.cases.models import Base

run_env(Base.metadata, lambda: CasesSettings().database_url or "")
