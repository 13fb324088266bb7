"""The same format v1 described with pydantic v2 and msgspec, for side-by-side figures.

Both describe the shape only (types, required and unknown keys); neither checks that
ids are unique or that references resolve, which skilltaxonomy's loader also does.
Install them with the ``bench`` extra.
"""

from __future__ import annotations

import datetime

import msgspec
from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class PydanticDomain(_Model):
    id: str
    name: str


class PydanticSkill(_Model):
    id: str
    name: str
    domain: str
    category: str = ""
    summary: str = ""
    updated: datetime.date | None = None


class PydanticRole(_Model):
    id: str
    name: str
    family: str = ""
    summary: str = ""


class PydanticLevel(_Model):
    id: str
    name: str


class PydanticExpectation(_Model):
    skill: str
    role: str
    level: str
    mandatory: bool
    description: str


class PydanticDocument(_Model):
    format: str
    name: str
    version: str = ""
    language: str = "en"
    domains: tuple[PydanticDomain, ...]
    skills: tuple[PydanticSkill, ...]
    roles: tuple[PydanticRole, ...]
    levels: tuple[PydanticLevel, ...]
    expectations: tuple[PydanticExpectation, ...]


class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


class MsgspecDomain(_Struct):
    id: str
    name: str


class MsgspecSkill(_Struct):
    id: str
    name: str
    domain: str
    category: str = ""
    summary: str = ""
    updated: datetime.date | None = None


class MsgspecRole(_Struct):
    id: str
    name: str
    family: str = ""
    summary: str = ""


class MsgspecLevel(_Struct):
    id: str
    name: str


class MsgspecExpectation(_Struct):
    skill: str
    role: str
    level: str
    mandatory: bool
    description: str


class MsgspecDocument(_Struct):
    format: str
    name: str
    domains: tuple[MsgspecDomain, ...]
    skills: tuple[MsgspecSkill, ...]
    roles: tuple[MsgspecRole, ...]
    levels: tuple[MsgspecLevel, ...]
    expectations: tuple[MsgspecExpectation, ...]
    version: str = ""
    language: str = "en"


_MSGSPEC = msgspec.json.Decoder(MsgspecDocument)


def pydantic_loads(data: bytes) -> PydanticDocument:
    return PydanticDocument.model_validate_json(data)


def msgspec_loads(data: bytes) -> MsgspecDocument:
    return _MSGSPEC.decode(data)
