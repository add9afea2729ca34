"""Query pieces shared by the review sub-packages: the scope model of docs/contracts.md."""

from common.scope import parse_uuid as as_uuid  # noqa: F401 (re-exported)
from common.scope import region_prefix, scope_clause  # noqa: F401 (re-exported)
