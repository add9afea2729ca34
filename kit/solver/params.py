"""One path, query, header or cookie parameter of a dependant, with what FastAPI's
`request_params_to_args` and `_get_multidict_value` look up per request looked up once; `read`
answers what they answer (kit.solver)."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from fastapi.dependencies import utils as fa


class Param:
    __slots__ = ("field", "model", "aliases", "many", "sequence", "loc", "required", "default",
                 "validate_default")

    def __init__(self, field: Any) -> None:
        info = field.field_info
        self.field, self.model = field, fa._get_param_model(field)
        self.aliases = [] if self.model else [a for _, a in fa._get_param_aliases(field)]
        self.sequence = fa.field_annotation_is_sequence(info.annotation)
        self.many = self.sequence and not fa._is_json_field(field)
        self.loc, self.required = info.in_.value, info.is_required()
        self.default, self.validate_default = field.default, info.validate_default

    def read(self, received: Any, values: dict[str, Any]) -> tuple[Any, list[Any]]:
        if self.model is not None:
            return fa._request_param_model_to_args(self.field, self.model, received)
        aliases = self.aliases
        alias = aliases[0] if len(aliases) == 1 else next(
            (a for a in aliases if a in received), aliases[0])
        if self.many and isinstance(received, fa.ImmutableMultiDict | fa.Headers):
            value = received.getlist(alias)
        else:
            value = received.get(alias, None)
        if value is None or (self.sequence and len(value) == 0):
            if self.required:
                return None, [fa.get_missing_field_error(loc=(self.loc, alias))]
            default = self.default
            value = default if type(default) in IMMUTABLE else deepcopy(default)
            if not self.validate_default:
                return value, []
        return self.field.validate(value, values, loc=(self.loc, alias))


IMMUTABLE = frozenset({type(None), bool, int, float, str, bytes})
