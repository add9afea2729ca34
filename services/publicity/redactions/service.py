"""Publicity's redaction engine (`services.publicity.redaction`) offered to other services, so
that what leaves the platform's case data for outside readers (the 社会评议 panel of review)
is redacted by the same rules as the public decisions, not by a copy."""

from services.publicity.redaction import Redactor, display_name
from services.publicity.redactions.schemas import RedactionRequest, RedactionResult


def redact(body: RedactionRequest) -> RedactionResult:
    party = body.party.model_dump()
    names = list(body.third_parties)
    if body.party.kind == "person" and body.party.name:
        names.append(body.party.name)  # a person's own name never appears in the texts
    redactor = Redactor.for_party(party, names)
    shown = display_name(body.party.name or "", body.party.kind == "person")
    return RedactionResult(texts=[redactor.redact(t) for t in body.texts], party_name=shown)
