"""Publicity's `Base` and the list of sub-package tables: the disclosures (行政处罚结果公示 /
双公示 and the per-region settings), annual statistics, inspections, licences and supervision
plans each own theirs in `<sub>/models.py`, declared on this `Base`."""

from common.app import platform_models
from kit.db import make_base

Base = make_base()
platform = platform_models(Base)


# tables of the sub-packages, so Alembic sees the whole metadata (modules, not names, so
# that importing a sub-package's models first does not trip over this cycle)
from services.publicity.annual import models as _annual_models  # noqa: E402,F401
from services.publicity.disclosures import models as _disclosure_models  # noqa: E402,F401
from services.publicity.inspections import models as _inspection_models  # noqa: E402,F401
from services.publicity.licences import models as _licence_models  # noqa: E402,F401
from services.publicity.plans import models as _plan_models  # noqa: E402,F401
