"""Import the tables of every cases sub-package so `Base.metadata` is complete for Alembic.

Sub-packages that own tables put them in `services/cases/<sub>/models.py` (declared on
`services.cases.models.Base`); add the sub-package's models module below (one line)."""

from services.cases.coercion import models as coercion_models
from services.cases.documents import models as documents_models
from services.cases.enforcement import models as enforcement_models
from services.cases.entrustment import models as entrustment_models
from services.cases.inspections import models as inspections_models
from services.cases.licensing import models as licensing_models
from services.cases.matters import models as matters_models
from services.cases.preservation import models as preservation_models
from services.cases.recusal import models as recusal_models
from services.cases.self_enforcement import models as self_enforcement_models
from services.cases.summary import models as summary_models
from services.cases.timeline import models as timeline_models
from services.cases.transfers import models as transfers_models

SUBPACKAGES = (
    matters_models,
    timeline_models,
    coercion_models,
    entrustment_models,
    licensing_models,
    summary_models,
    transfers_models,
    inspections_models,
    documents_models,
    preservation_models,
    enforcement_models,
    recusal_models,
    self_enforcement_models,
)
