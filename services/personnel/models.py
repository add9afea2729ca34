"""Personnel's `Base` and the list of sub-package tables (accounts, agencies, certificates,
devices, staff, training each own theirs in `<sub>/models.py`)."""

from __future__ import annotations

from common.app import platform_models
from kit.db import make_base

Base = make_base()
platform = platform_models(Base)


# tables of the sub-packages, so Alembic sees the whole metadata (modules, not names, so
# that importing a sub-package's models first does not trip over this cycle)
from services.personnel.accounts import models as accounts_models  # noqa: E402, F401
from services.personnel.agencies import models as agencies_models  # noqa: E402, F401
from services.personnel.certificates import models as certificates_models  # noqa: E402, F401
from services.personnel.devices import models as devices_models  # noqa: E402, F401
from services.personnel.staff import models as staff_models  # noqa: E402, F401
from services.personnel.training import models as training_models  # noqa: E402, F401
