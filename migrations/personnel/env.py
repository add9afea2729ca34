"""Alembic env for the personnel service; the logic lives in kit.migrate."""

from kit.migrate import run_env
from services.personnel.config import PersonnelSettings
from services.personnel.models import Base

run_env(Base.metadata, lambda: PersonnelSettings().database_url or "")
