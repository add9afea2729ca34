"""Review tables: this Base, plus the sub-packages' tables imported at the end for Alembic."""

from common.app import platform_models
from kit.db import make_base

Base = make_base()
platform = platform_models(Base)

from services.review.actions import models as _actions  # noqa: E402,F401
from services.review.assessment import models as _assessment  # noqa: E402,F401
from services.review.complaints import models as _complaints  # noqa: E402,F401
from services.review.consultations import models as _consultations  # noqa: E402,F401
from services.review.evaluation import models as _evaluation  # noqa: E402,F401
from services.review.instruments import models as _instruments  # noqa: E402,F401
from services.review.invited import models as _invited  # noqa: E402,F401
from services.review.legal import models as _legal  # noqa: E402,F401
from services.review.meetings import models as _meetings  # noqa: E402,F401
from services.review.plans import models as _plans  # noqa: E402,F401
from services.review.reports import models as _reports  # noqa: E402,F401
from services.review.responsibility import models as _responsibility  # noqa: E402,F401
from services.review.social import models as _social  # noqa: E402,F401
