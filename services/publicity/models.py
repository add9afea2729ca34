"""Publicity tables."""

from kit.app import platform_models
from kit.db import make_base

Base = make_base()
platform = platform_models(Base)
