"""Request/response models of the redaction service call (service tokens only)."""

from pydantic import Field

from kit.schemas import ApiModel


class RedactionParty(ApiModel):
    kind: str = Field("person", pattern=r"^(person|organization)$")
    name: str | None = Field(None, max_length=200)
    id_number: str | None = Field(None, max_length=64)
    phone: str | None = Field(None, max_length=64)
    address: str | None = Field(None, max_length=500)


class RedactionRequest(ApiModel):
    texts: list[str] = Field(min_length=1, max_length=50)
    party: RedactionParty = Field(default_factory=RedactionParty)
    # third persons to hide (witnesses, family members …)
    third_parties: list[str] = Field(default_factory=list, max_length=50)


class RedactionResult(ApiModel):
    texts: list[str]
    # the party as it may be shown: a person's name masked (张*), an organisation's in full
    party_name: str
