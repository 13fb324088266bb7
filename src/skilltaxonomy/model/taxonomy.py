"""`Taxonomy`: the framework as one immutable value, with its indices and queries."""

from __future__ import annotations

import datetime
import itertools
import operator
import threading
from array import array
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import attrs

from skilltaxonomy._text import close_matches, id_key, show
from skilltaxonomy.exceptions import (
    DomainNotFoundError,
    ExpectationNotFoundError,
    InvalidQueryError,
    InvalidTaxonomyError,
    LadderNotFoundError,
    LevelNotFoundError,
    NotFoundError,
    Problem,
    RoleNotFoundError,
    ScaleNotFoundError,
    SkillNotFoundError,
)
from skilltaxonomy.model import _rules
from skilltaxonomy.model._display import ShowsAsHTML
from skilltaxonomy.model.entities import (
    NO_DETAILS,
    Definition,
    Domain,
    Expectation,
    Ladder,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    Step,
)
from skilltaxonomy.model.extras import NO_EXTRAS, NO_TRANSLATIONS, Extras, Translations
from skilltaxonomy.model.listing import Listing
from skilltaxonomy.model.problems import (
    duplicate_cell_problems,
    duplicate_id_problems,
    duplicate_problems,
    ids_collide,
)

if TYPE_CHECKING:
    from skilltaxonomy.model.views import Comparison, Profile, RoleMatrix

_T = TypeVar("_T", Domain, Skill, Role, Level, Scale, Ladder)
_D = TypeVar("_D")

DomainKey = Domain | str
SkillKey = Skill | str
RoleKey = Role | str
LevelKey = Level | str | int
Entity = Domain | Skill | Role | Level | Expectation

_MISSING: object = object()

# Guards the one-time building of each taxonomy's lazy indices (rare, and quick to wait for).
_INDEX_LOCK = threading.RLock()


def _items_of(cls: type) -> _rules.Validator:
    """Each item is a `cls`: seen at C speed, and the first that is not named as one alone is."""
    member = _rules.instance_of(cls)

    def validate(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if not all(map(isinstance, value, itertools.repeat(cls))):
            for item in value:
                member(instance, attribute, item)

    return validate


# One converter per kind, so that type checkers see what the constructor accepts.
def _domain_tuple(items: Iterable[Domain]) -> tuple[Domain, ...]:
    return tuple(items)


def _skill_tuple(items: Iterable[Skill]) -> tuple[Skill, ...]:
    return tuple(items)


def _role_tuple(items: Iterable[Role]) -> tuple[Role, ...]:
    return tuple(items)


def _level_tuple(items: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(items)


def _expectation_tuple(items: Iterable[Expectation]) -> tuple[Expectation, ...]:
    return tuple(items)


def _scale_tuple(items: Iterable[Scale]) -> tuple[Scale, ...]:
    return tuple(items)


def _ladder_tuple(items: Iterable[Ladder]) -> tuple[Ladder, ...]:
    return tuple(items)


def _definition_tuple(items: Iterable[Definition]) -> tuple[Definition, ...]:
    return tuple(items)


def _role_level_tuple(items: Iterable[RoleLevel]) -> tuple[RoleLevel, ...]:
    return tuple(items)


class _Index(Generic[_T]):
    """One kind of entity by id, case-folded name, code and last segment of a URI.

    The first of a name wins, names in the framework's own language first. A code is
    an entity's `external_id` (``"PROG"``); a URI's last segment (``o-analyst`` of
    ``http://…/occupation/o-analyst``) is taken from its id and its `external_id`. Names
    win over codes and codes over segments; a code or segment two entities share finds
    neither, and its error suggests both.
    """

    __slots__ = ("_lookups", "by_id", "error", "items")

    def __init__(self, items: tuple[_T, ...], error: type[NotFoundError]) -> None:
        self.items: tuple[_T, ...] = items
        self.error: type[NotFoundError] = error
        # The first of an id wins; most ids are given once, seen at C speed.
        self.by_id: dict[str, _T] = dict(zip(map(_ID_OF, items), items, strict=True))
        if len(self.by_id) != len(items):
            self.by_id = {}
            for item in items:
                self.by_id.setdefault(item.id, item)
        # By name, by code, and the codes shared: made on the first lookup that needs
        # them (a load checks ids only, and a large framework has many names).
        self._lookups: tuple[dict[str, _T], dict[str, _T], dict[str, tuple[str, ...]]] | None = None

    @property
    def by_name(self) -> dict[str, _T]:
        """The entities by case-folded name, in every language."""
        return (self._lookups or self._make_lookups())[0]

    @property
    def by_code(self) -> dict[str, _T]:
        """The entities by code and URI segment, but those several share."""
        return (self._lookups or self._make_lookups())[1]

    @property
    def shared(self) -> dict[str, tuple[str, ...]]:
        """The codes and segments more than one entity has: their ids, for suggestions."""
        return (self._lookups or self._make_lookups())[2]

    def _make_lookups(
        self,
    ) -> tuple[dict[str, _T], dict[str, _T], dict[str, tuple[str, ...]]]:
        # Threads asking at once each make the same dicts; the first set stays.
        by_name: dict[str, _T] = {}
        translated = []
        for item in self.items:
            by_name.setdefault(item.name.casefold(), item)
            if item.translations:
                translated.append(item)
        # A name in another language finds its entity too, unless a name in the
        # framework's own language (or an earlier translation) already means another.
        for item in translated:
            for fields in item.translations.values():
                if "name" in fields:
                    by_name.setdefault(fields["name"].casefold(), item)
        by_code: dict[str, _T] = {}
        shared: dict[str, tuple[str, ...]] = {}
        owners: dict[str, list[str]] = {}
        for item in self.items:
            for code in _codes(item.id, item.external_id):
                by_code.setdefault(code, item)
                owners.setdefault(code, []).append(item.id)
        for code, ids in owners.items():
            if len(set(ids)) > 1:
                shared[code] = _unique(ids)
                del by_code[code]
        if self._lookups is None:
            self._lookups = (by_name, by_code, shared)
        return self._lookups

    def find(self, key: object) -> _T | None:
        if isinstance(key, str):
            found = self.by_id.get(key)
            if found is None:
                folded = key.casefold()
                found = self.by_name.get(folded)
                if found is None:
                    found = self.by_code.get(folded)
            return found
        if isinstance(key, (Domain, Skill, Role, Level, Scale, Ladder)):
            found = self.by_id.get(key.id)
            return found if found is not None and (found is key or found == key) else None
        return None

    def get(self, key: object, default: object) -> object:
        found = self.find(key)
        if found is not None:
            return found
        if default is not _MISSING:
            return default
        word = key if isinstance(key, str) else getattr(key, "id", None)
        suggestions: tuple[str, ...] = ()
        known: tuple[str, ...] = ()
        if isinstance(word, str):
            shared = self.shared.get(word.casefold())
            if shared is not None:  # ambiguous: every entity it could mean
                raise self.error(key, shared)
            # Match ids and names alike, but suggest each entity once, by its id.
            id_of = {item.name: item.id for item in self.items} | {i: i for i in self.by_id}
            suggestions = _unique(id_of[match] for match in close_matches(word, id_of))
            # Nothing close: a framework of a few (roles, ladders) names them all.
            if not suggestions and len(self.by_id) <= _FEW:
                known = tuple(self.by_id)
        raise self.error(key, suggestions, known)


#: The most entities a failed lookup lists when none is close to what was asked.
_FEW = 8


def _codes(*identifiers: str) -> tuple[str, ...]:
    """The case-folded codes an entity answers to: its external id, and URIs' last segments.

    >>> _codes("http://data.europa.eu/esco/occupation/o-analyst", "2511.3")
    ('o-analyst', '2511.3')
    >>> _codes("python", "")
    ()
    """
    found: list[str] = []
    for index, identifier in enumerate(identifiers):
        if not identifier:
            continue
        uri = "/" in identifier or "#" in identifier or identifier.startswith("urn:")
        if index and not uri:  # an external id that is a code, such as "PROG"
            found.append(identifier.casefold())
        elif uri:
            segment = identifier.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]
            segment = segment.rsplit(":", 1)[-1] if identifier.startswith("urn:") else segment
            if segment:
                found.append(segment.casefold())
    return tuple(dict.fromkeys(found))


class _LevelIndex(_Index[Level]):
    """Every level of every ladder; a rank finds a level of the `ranked` ladder."""

    __slots__ = ("ranked",)

    def __init__(self, items: tuple[Level, ...], ranked: tuple[Level, ...]) -> None:
        super().__init__(items, LevelNotFoundError)
        self.ranked = ranked

    def find(self, key: object) -> Level | None:
        if isinstance(key, int) and not isinstance(key, bool):
            return self.ranked[key - 1] if 1 <= key <= len(self.ranked) else None
        return super().find(key)


def _group(items: Iterable[tuple[Hashable, _D]]) -> dict[Hashable, tuple[_D, ...]]:
    groups: dict[Hashable, list[_D]] = {}
    for key, item in items:
        groups.setdefault(key, []).append(item)
    return {key: tuple(group) for key, group in groups.items()}


def _pairs_in_file_order(
    groups: dict[Hashable, tuple[Expectation, ...]], other: str, others: tuple[_T, ...]
) -> dict[Hashable, tuple[_T, ...]]:
    """For each key of `groups`, the entities its expectations name as `other`.

    `groups` holds expectations by skill (or role) id; `other` names the expectation
    attribute of the other kind (``"role"`` or ``"skill"``), whose entities are `others`
    and whose file order each answer keeps.
    """
    position = {item.id: index for index, item in enumerate(others)}
    return {
        key: tuple(others[i] for i in sorted({position[getattr(e, other).id] for e in group}))
        for key, group in groups.items()
    }


_DETAILS_OF = operator.attrgetter("details")
_DOMAIN_OF = operator.attrgetter("domain")
_ID_OF = operator.attrgetter("id")
_SCALE_OF = operator.attrgetter("scale")

# The fields `Taxonomy._from_checked` names; it sets the others from its `more`.
_HEAD_FIELDS = frozenset(
    ("name", "version", "language", "_domains", "_skills", "_roles", "_levels", "_expectations")
)

#: How many distinct words `Taxonomy.search` takes.
MAX_SEARCH_WORDS = 64

# Intersecting with a word's occurrences costs a small fraction of checking a text, so
# it is chosen while they are fewer than this many times the candidates.
_INTERSECT_BELOW = 20


def _name_fields(entity: Entity) -> tuple[str, ...]:
    return (entity.name,) if not isinstance(entity, Expectation) else ()


def _other_fields(entity: Entity) -> tuple[str, ...]:
    if isinstance(entity, Skill):
        return entity.category, entity.summary
    if isinstance(entity, Role):
        return entity.family, entity.summary
    if isinstance(entity, Expectation):
        if entity.details is NO_DETAILS:
            return (entity.description,)
        return (entity.description, *entity.criteria, *entity.examples, *entity.signals)
    if isinstance(entity, Level):
        return (entity.description,) if entity.description else ()
    return ()


class _WordIndex:
    """Where each word of the framework's text occurs, for `Taxonomy.search`.

    Entities are numbered in search order: domains, skills, roles, levels, then
    expectations. A query word (it never holds whitespace) occurs in a text exactly when
    it occurs within one of the text's whitespace-separated words, so a query looks
    through the distinct words rather than through the text, then checks the few
    candidates left for any further query words.
    """

    __slots__ = ("entities", "named", "other")

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.entities: tuple[Entity, ...] = (
            *taxonomy.domains,
            *taxonomy.skills,
            *taxonomy.roles,
            *taxonomy.levels,
            *taxonomy.expectations,
        )
        self.named = self._positions(self.entities, _name_fields)
        self.other = self._positions(self.entities, _other_fields)

    @staticmethod
    def _positions(
        entities: tuple[Entity, ...], fields: Callable[[Entity], tuple[str, ...]]
    ) -> dict[str, array[int]]:
        found: dict[str, array[int]] = {}
        for position, entity in enumerate(entities):
            for word in {word for text in fields(entity) for word in text.casefold().split()}:
                at = found.get(word)
                if at is None:
                    at = found[word] = array("I")
                at.append(position)
        return found

    def _matching(
        self,
        index: dict[str, array[int]],
        fields: Callable[[Entity], tuple[str, ...]],
        words: list[str],
    ) -> set[int]:
        """Positions whose text holds every one of `words`."""
        occurrences = [[at for known, at in index.items() if word in known] for word in words]
        sizes = [sum(map(len, found)) for found in occurrences]
        rarest = min(range(len(words)), key=sizes.__getitem__)
        candidates: set[int] = set().union(*occurrences[rarest])
        others = sorted((i for i in range(len(words)) if i != rarest), key=sizes.__getitem__)
        entities = self.entities
        for i in others:
            if not candidates:
                break
            if sizes[i] <= _INTERSECT_BELOW * len(candidates):
                # Few enough occurrences: intersect with them.
                candidates = set().union(*(candidates.intersection(at) for at in occurrences[i]))
            else:
                # Checking the candidates' own text costs in proportion to them.
                word = words[i]
                candidates = {
                    position
                    for position in candidates
                    if word in "\n".join(fields(entities[position])).casefold()
                }
        return candidates

    def search(self, words: list[str]) -> tuple[Entity, ...]:
        named = self._matching(self.named, _name_fields, words)
        other = self._matching(self.other, _other_fields, words) - named
        entities = self.entities
        return tuple(entities[p] for p in (*sorted(named), *sorted(other)))


def _repeated_in_scale(where: str, key: str, values: list[tuple[int, str]]) -> list[Problem]:
    """A problem for each step whose `key` (its id, or its code) repeats one before it."""
    first: dict[str, int] = {}
    problems = []
    for index, value in values:
        earlier = first.setdefault(value, index)
        if earlier != index:
            problems.append(
                Problem(
                    f"{where}[{index}].{key}",
                    f"duplicate step {key} {show(value)} (first at {where}[{earlier}].{key})",
                )
            )
    return problems


def _unique(items: Iterable[_D]) -> tuple[_D, ...]:
    return tuple(dict.fromkeys(items))


def _folded(name: str, key: object) -> str:
    """A label filter's value, case-folded; `InvalidQueryError` unless it is a string."""
    if not isinstance(key, str):
        raise InvalidQueryError(f"expected text for the {name} filter, got {key!r}")
    return key.casefold()


@attrs.frozen(kw_only=True, repr=False)
class Taxonomy(ShowsAsHTML):
    """A competency framework: domains, skills, roles, a ladder of levels, and expectations.

    Build one with `skilltaxonomy.load` (or `loads`), or in code from the model
    classes; the constructor checks that ids are unique (ids differing only in case or
    Unicode normalisation count as one) and references resolve, and raises
    `InvalidTaxonomyError` otherwise.

    Its domains, skills, roles, levels and expectations are `Listing` objects in file
    order: sequences with `Listing.get` and `Listing.filter`
    (``tax.skills.filter(role="sre")``).

    Wherever a query takes an entity, it accepts its id, its name (case-insensitive, in
    the framework's language or any it translates names into) or the object itself; a
    level also accepts its rank. Lookups raise a
    `NotFoundError` subclass with suggestions, or return ``default`` when one is given.

    A framework may also have proficiency `scales` (expectations and skill
    `definitions` name their steps), several `ladders` (each role climbs one, from its
    `Role.start`), `role_levels` (a role's own title, focus and stack per level), and
    metadata. Constructed with ``levels=`` only, it has one ladder, as format v1 does.

    Attributes:
        name: The framework's name.
        version: A version label (may be empty).
        language: The language of the framework's text, as a language tag.
        description: What the framework is (may be empty).
        publisher: Who publishes it (may be empty).
        licence: Its licence, such as ``"CC-BY-4.0"`` (may be empty).
        source: Where it comes from: a URL (may be empty).
        issued: When it was issued, if known.
        external_id: Its identifier elsewhere (may be empty).
        extras: Extra JSON values, by namespaced key.
        translations: Its name and description in other languages.

    >>> from skilltaxonomy import load
    >>> tax = load()
    >>> tax.skill("Neural Network Architectures").domain.name
    'Machine Learning & AI'
    >>> [level.name for level in tax.levels]
    ['Junior', 'Middle', 'Senior', 'Lead / Staff', 'Principal']
    """

    name: str = attrs.field(validator=_rules.NAME)
    _domains: tuple[Domain, ...] = attrs.field(
        converter=_domain_tuple, alias="domains", validator=_items_of(Domain)
    )
    _skills: tuple[Skill, ...] = attrs.field(
        converter=_skill_tuple, alias="skills", validator=_items_of(Skill)
    )
    _roles: tuple[Role, ...] = attrs.field(
        converter=_role_tuple, alias="roles", validator=_items_of(Role)
    )
    _levels: tuple[Level, ...] = attrs.field(
        converter=_level_tuple, alias="levels", validator=_items_of(Level)
    )
    _expectations: tuple[Expectation, ...] = attrs.field(
        converter=_expectation_tuple, alias="expectations", validator=_items_of(Expectation)
    )
    version: str = attrs.field(default="", validator=_rules.TEXT)
    language: str = attrs.field(default="en", validator=_rules.TEXT)
    _scales: tuple[Scale, ...] = attrs.field(
        default=(), converter=_scale_tuple, alias="scales", validator=_items_of(Scale)
    )
    _ladders: tuple[Ladder, ...] = attrs.field(
        default=(), converter=_ladder_tuple, alias="ladders", validator=_items_of(Ladder)
    )
    _definitions: tuple[Definition, ...] = attrs.field(
        default=(),
        converter=_definition_tuple,
        alias="definitions",
        validator=_items_of(Definition),
    )
    _role_levels: tuple[RoleLevel, ...] = attrs.field(
        default=(),
        converter=_role_level_tuple,
        alias="role_levels",
        validator=_items_of(RoleLevel),
    )
    description: str = attrs.field(default="", validator=_rules.TEXT)
    publisher: str = attrs.field(default="", validator=_rules.TEXT)
    licence: str = attrs.field(default="", validator=_rules.TEXT)
    source: str = attrs.field(default="", validator=_rules.TEXT)
    issued: datetime.date | None = attrs.field(default=None, validator=_rules.OPTIONAL_DATE)
    external_id: str = attrs.field(default="", validator=_rules.TEXT)
    extras: Extras = attrs.field(default=NO_EXTRAS, converter=_rules.extras)
    translations: Translations = attrs.field(default=NO_TRANSLATIONS, converter=_rules.translations)

    _domain_index: _Index[Domain] = attrs.field(init=False, eq=False)
    _scale_index: _Index[Scale] = attrs.field(init=False, eq=False)
    _ladder_index: _Index[Ladder] = attrs.field(init=False, eq=False)
    # Each level's ladder (its levels, entry level first), by level id.
    _ladder_of_level: dict[str, tuple[Level, ...]] = attrs.field(init=False, eq=False)
    _skill_index: _Index[Skill] = attrs.field(init=False, eq=False)
    _role_index: _Index[Role] = attrs.field(init=False, eq=False)
    _level_index: _LevelIndex = attrs.field(init=False, eq=False)
    _by_cell: dict[tuple[str, str, str], Expectation] = attrs.field(init=False, eq=False)
    _listings: dict[str, Listing[Any]] = attrs.field(init=False, eq=False)
    # The other indices, built on first use (see `_built`): a load pays only for what
    # validation needs, and a framework that is never searched never builds a word index.
    _lazy: dict[str, object] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        self._set_indices({(e.skill.id, e.role.id, e.level.id): e for e in self._expectations})
        # The checks read the indices just built, so a valid taxonomy pays for no extra pass.
        problems = self._integrity_problems()
        if problems:
            raise InvalidTaxonomyError(problems)

    def _set_indices(self, by_cell: dict[tuple[str, str, str], Expectation]) -> None:
        # The frozen class is built once; its indices are set here and never change.
        setattr_ = object.__setattr__
        every_level = self._levels
        ladder_of_level = dict.fromkeys((level.id for level in every_level), self._levels)
        if self._ladders:
            every_level = (*every_level, *(lv for ladder in self._ladders for lv in ladder.levels))
            for ladder in self._ladders:
                for level in ladder.levels:
                    ladder_of_level.setdefault(level.id, ladder.levels)
        ranked = self._levels or (self._ladders[0].levels if self._ladders else ())
        setattr_(self, "_domain_index", _Index(self._domains, DomainNotFoundError))
        setattr_(self, "_skill_index", _Index(self._skills, SkillNotFoundError))
        setattr_(self, "_role_index", _Index(self._roles, RoleNotFoundError))
        setattr_(self, "_level_index", _LevelIndex(every_level, ranked))
        setattr_(self, "_scale_index", _Index(self._scales, ScaleNotFoundError))
        setattr_(self, "_ladder_index", _Index(self._ladders, LadderNotFoundError))
        setattr_(self, "_ladder_of_level", ladder_of_level)
        setattr_(self, "_by_cell", by_cell)
        setattr_(self, "_lazy", {})
        setattr_(
            self,
            "_listings",
            {
                "domains": Listing(
                    self._domains, finder=self._domain_index.find, filterer=self._no_filters
                ),
                "skills": Listing(
                    self._skills, finder=self._skill_index.find, filterer=self._filter_skills
                ),
                "roles": Listing(
                    self._roles, finder=self._role_index.find, filterer=self._filter_roles
                ),
                "levels": Listing(
                    every_level, finder=self._level_index.find, filterer=self._filter_levels
                ),
                "scales": Listing(
                    self._scales, finder=self._scale_index.find, filterer=self._no_filters
                ),
                "ladders": Listing(
                    self._ladders, finder=self._ladder_index.find, filterer=self._no_filters
                ),
                "definitions": Listing(
                    self._definitions,
                    finder=self._find_definition,
                    filterer=self._filter_definitions,
                ),
                "role_levels": Listing(
                    self._role_levels,
                    finder=self._find_role_level,
                    filterer=self._filter_role_levels,
                ),
                "expectations": Listing(
                    self._expectations,
                    finder=self._find_expectation,
                    filterer=self._filter_expectations,
                ),
            },
        )

    def _set_expectations(
        self,
        expectations: tuple[Expectation, ...],
        by_cell: dict[tuple[str, str, str], Expectation],
    ) -> None:
        """Put `expectations` in a taxonomy just built without any (`_with_expectations`).

        What `_set_indices` sets that depends on the expectations, and nothing else: the
        indices of the other entities stand as the constructor built them.
        """
        setattr_ = object.__setattr__
        setattr_(self, "_expectations", expectations)
        setattr_(self, "_by_cell", by_cell)
        setattr_(self, "_lazy", {})  # what the checks built, of no expectations
        listing = Listing(
            expectations, finder=self._find_expectation, filterer=self._filter_expectations
        )
        setattr_(self, "_listings", {**self._listings, "expectations": listing})

    @classmethod
    def _from_checked(
        cls,
        *,
        name: str,
        version: str,
        language: str,
        domains: tuple[Domain, ...],
        skills: tuple[Skill, ...],
        roles: tuple[Role, ...],
        levels: tuple[Level, ...],
        expectations: tuple[Expectation, ...],
        by_cell: dict[tuple[str, str, str], Expectation],
        **more: object,
    ) -> Taxonomy:
        """Build from parts the caller has already checked, as the fast loader has.

        The caller guarantees what the constructor would check: unique ids, ranks
        1, 2, …, every reference one of these entities, and `by_cell` holding each
        expectation under its (skill, role, level) ids. `more` gives the other fields
        (scales, ladders, …, by their constructor names), checked too; the rest keep
        their defaults.
        """
        taxonomy = cls.__new__(cls)
        setattr_ = object.__setattr__
        for field in attrs.fields(cls):
            if field.init and field.name not in _HEAD_FIELDS:
                value = more.pop(field.alias, field.default)
                setattr_(taxonomy, field.name, value)
        if more:
            raise TypeError(f"unknown fields: {', '.join(more)}")
        for field, value in (
            ("name", name),
            ("version", version),
            ("language", language),
            ("_domains", domains),
            ("_skills", skills),
            ("_roles", roles),
            ("_levels", levels),
            ("_expectations", expectations),
        ):
            setattr_(taxonomy, field, value)
        taxonomy._set_indices(by_cell)
        return taxonomy

    @classmethod
    def _with_expectations(
        cls,
        expectations: tuple[Expectation, ...],
        by_cell: dict[tuple[str, str, str], Expectation],
        **fields: Any,
    ) -> Taxonomy:
        """The constructor's taxonomy, for a reader that has built its expectations itself.

        Every field but the expectations goes through the constructor and every check of
        its. The caller guarantees what the constructor would check of each expectation
        (readers of large sources make 100,000 of them): that it is an `Expectation` whose
        skill, role and level are these very entities, and that `by_cell` holds it under
        its (skill, role, level) ids. A cell given twice, and what scales and ladders say
        of expectations, are checked here as the constructor checks them.

        Raises:
            InvalidTaxonomyError: As the constructor would.
        """
        taxonomy = cls(expectations=(), **fields)
        taxonomy._set_expectations(expectations, by_cell)
        problems: list[Problem] = []
        if len(by_cell) != len(expectations):
            problems += duplicate_cell_problems(
                (e.skill.id, e.role.id, e.level.id) for e in expectations
            )
        if taxonomy._has_scales_or_ladders():
            problems += taxonomy._v2_problems()
        if problems:
            raise InvalidTaxonomyError(problems)
        return taxonomy

    def _built(self, name: str, build: Callable[[], _D]) -> _D:
        """The index `name`, built by `build` on first use, once, whichever thread asks."""
        lazy = self._lazy
        found = lazy.get(name, _MISSING)
        if found is _MISSING:
            with _INDEX_LOCK:
                found = lazy.get(name, _MISSING)
                if found is _MISSING:
                    found = lazy[name] = build()
        return found  # type: ignore[return-value]

    @property
    def _by_skill(self) -> dict[Hashable, tuple[Expectation, ...]]:
        return self._built("by_skill", lambda: _group((e.skill.id, e) for e in self._expectations))

    @property
    def _by_role(self) -> dict[Hashable, tuple[Expectation, ...]]:
        return self._built("by_role", lambda: _group((e.role.id, e) for e in self._expectations))

    @property
    def _by_level(self) -> dict[Hashable, tuple[Expectation, ...]]:
        return self._built("by_level", lambda: _group((e.level.id, e) for e in self._expectations))

    @property
    def _by_skill_role(self) -> dict[Hashable, tuple[Expectation, ...]]:
        return self._built(
            "by_skill_role",
            lambda: _group(((e.skill.id, e.role.id), e) for e in self._expectations),
        )

    @property
    def _skills_by_domain(self) -> dict[Hashable, tuple[Skill, ...]]:
        return self._built(
            "skills_by_domain", lambda: _group((s.domain.id, s) for s in self._skills)
        )

    @property
    def _skills_by_category(self) -> dict[Hashable, tuple[Skill, ...]]:
        return self._built(
            "skills_by_category", lambda: _group((s.category.casefold(), s) for s in self._skills)
        )

    @property
    def _skills_by_role(self) -> dict[Hashable, tuple[Skill, ...]]:
        return self._built(
            "skills_by_role",
            lambda: _pairs_in_file_order(self._by_role, "skill", self._skills),
        )

    @property
    def _roles_by_skill(self) -> dict[Hashable, tuple[Role, ...]]:
        return self._built(
            "roles_by_skill",
            lambda: _pairs_in_file_order(self._by_skill, "role", self._roles),
        )

    @property
    def _words(self) -> _WordIndex:
        return self._built("words", lambda: _WordIndex(self))

    def _integrity_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        for index, level in enumerate(self._levels):
            if level.rank != index + 1:
                problems.append(
                    Problem(f"$.levels[{index}].rank", f"expected {index + 1}, got {level.rank!r}")
                )
        indices: dict[str, _Index[Domain] | _Index[Skill] | _Index[Role] | _LevelIndex] = {
            "domain": self._domain_index,
            "skill": self._skill_index,
            "role": self._role_index,
            "level": self._level_index,
        }
        for kind, of_kind in indices.items():
            if len(of_kind.by_id) != len(of_kind.items) or ids_collide(of_kind.by_id.keys()):
                problems += duplicate_id_problems(kind, (item.id for item in of_kind.items))

        def dangling(kind: str, item: Domain | Skill | Role | Level, path: str) -> None:
            found = indices[kind].by_id.get(item.id)
            if found is not item and found != item:
                problems.append(
                    Problem(path, f"{kind} {item.id!r} is not one of the taxonomy's {kind}s")
                )

        # Most skills' domains are the very objects listed: seen at C speed, else each.
        domains = [*map(_DOMAIN_OF, self._skills)]
        listed = map(indices["domain"].by_id.get, map(_ID_OF, domains))
        if not all(map(operator.is_, listed, domains)):
            for index, skill in enumerate(self._skills):
                dangling("domain", skill.domain, f"$.skills[{index}].domain")
        for index, expectation in enumerate(self._expectations):
            dangling("skill", expectation.skill, f"$.expectations[{index}].skill")
            dangling("role", expectation.role, f"$.expectations[{index}].role")
            dangling("level", expectation.level, f"$.expectations[{index}].level")
        if len(self._by_cell) != len(self._expectations):
            problems += duplicate_cell_problems(
                (e.skill.id, e.role.id, e.level.id) for e in self._expectations
            )
        if self._has_scales_or_ladders():
            problems += self._v2_problems()
        return problems

    def _has_scales_or_ladders(self) -> bool:
        return bool(
            self._scales
            or self._ladders
            or self._definitions
            or self._role_levels
            or any(r.ladder is not None or r.start is not None for r in self._roles)
            or any(map(operator.is_not, map(_SCALE_OF, self._skills), itertools.repeat(None)))
            or self._has_steps()
        )

    def _has_steps(self) -> bool:
        """Whether an expectation names a step; most have no details, seen at C speed."""
        details = map(_DETAILS_OF, self._expectations)
        if all(map(operator.is_, details, itertools.repeat(NO_DETAILS))):
            return False
        return any(
            e.details is not NO_DETAILS and e.details.step is not None for e in self._expectations
        )

    def _v2_problems(self, *, expectations_checked: bool = False) -> list[Problem]:
        """What scales, ladders, steps, definitions and role levels must agree on.

        `expectations_checked` says a loader has put every expectation on its role's
        ladder and its skill's scale (with these very objects), so they are not walked.
        """
        problems: list[Problem] = []
        named: tuple[tuple[str, _Index[Any]], ...] = (
            ("scale", self._scale_index),
            ("ladder", self._ladder_index),
        )
        for kind, of_kind in named:
            if len(of_kind.by_id) != len(of_kind.items) or ids_collide(of_kind.by_id.keys()):
                problems += duplicate_id_problems(kind, (item.id for item in of_kind.items))
        for index, ladder in enumerate(self._ladders):
            for position, level in enumerate(ladder.levels):
                if level.rank != position + 1:
                    problems.append(
                        Problem(
                            f"$.ladders[{index}].levels[{position}].rank",
                            f"expected {position + 1}, got {level.rank!r}",
                        )
                    )
        problems += self._scale_problems()

        def known(kind: str, item: Any, index: _Index[Any], path: str) -> bool:
            found = index.by_id.get(item.id)
            if found is item or found == item:
                return True
            problems.append(
                Problem(path, f"{kind} {item.id!r} is not one of the taxonomy's {kind}s")
            )
            return False

        for index, skill in enumerate(self._skills):
            if skill.scale is not None:
                known("scale", skill.scale, self._scale_index, f"$.skills[{index}].scale")
        for index, role in enumerate(self._roles):
            if role.ladder is not None:
                known("ladder", role.ladder, self._ladder_index, f"$.roles[{index}].ladder")
            if role.start is not None and role.start not in self._ladder_levels(role):
                problems.append(
                    Problem(f"$.roles[{index}].start", self._off_ladder(role.start, role))
                )

        climbs: dict[str, frozenset[str]] = {}

        def on_ladder(role: Role, level: Level, path: str) -> None:
            ids = climbs.get(role.id)
            if ids is None:
                ids = climbs[role.id] = frozenset(lv.id for lv in self._role_ladder(role))
            if level.id not in ids:
                problems.append(Problem(path, self._off_ladder(level, role)))

        steps_of: dict[str, frozenset[int]] = {}  # each skill's scale's steps, by identity

        def in_scale(skill: Skill, step: Step, path: str) -> None:
            known = steps_of.get(skill.id)
            if known is None:
                found = skill.scale or (self._scales[0] if self._scales else None)
                known = steps_of[skill.id] = frozenset(map(id, found.steps if found else ()))
            if id(step) in known:
                return  # the scale's own step: the usual case, found without comparing
            scale = self.scale_of(skill)
            if scale is None:
                problems.append(Problem(path, "the framework has no scale for this step"))
            elif step not in scale.steps:
                ids = ", ".join(s.id for s in scale.steps)
                problems.append(
                    Problem(path, f"step {step.id!r} is not on scale {scale.id!r} ({ids})")
                )

        for index, e in enumerate(() if expectations_checked else self._expectations):
            on_ladder(e.role, e.level, f"$.expectations[{index}].level")
            if e.step is not None:
                in_scale(e.skill, e.step, f"$.expectations[{index}].step")
        for index, d in enumerate(self._definitions):
            if known("skill", d.skill, self._skill_index, f"$.definitions[{index}].skill"):
                in_scale(d.skill, d.step, f"$.definitions[{index}].step")
        problems += duplicate_problems(
            ((d.skill.id, d.step.id) for d in self._definitions),
            lambda i: f"$.definitions[{i}]",
            lambda key: f"definition for (skill, step) {key!r}",
        )
        for index, r in enumerate(self._role_levels):
            if known("role", r.role, self._role_index, f"$.role_levels[{index}].role"):
                on_ladder(r.role, r.level, f"$.role_levels[{index}].level")
        problems += duplicate_problems(
            ((r.role.id, r.level.id) for r in self._role_levels),
            lambda i: f"$.role_levels[{i}]",
            lambda key: f"role level for (role, level) {key!r}",
        )
        return problems

    def _scale_problems(self) -> list[Problem]:
        """Each scale's steps: ranks 1, 2, … in order, ids and codes each once."""
        problems: list[Problem] = []
        for index, scale in enumerate(self._scales):
            where = f"$.scales[{index}].steps"
            for position, step in enumerate(scale.steps):
                if step.rank != position + 1:
                    problems.append(
                        Problem(
                            f"{where}[{position}].rank",
                            f"expected {position + 1}, got {step.rank!r}",
                        )
                    )
            problems += _repeated_in_scale(
                where, "id", [(i, id_key(step.id)) for i, step in enumerate(scale.steps)]
            )
            problems += _repeated_in_scale(
                where, "code", [(i, step.code) for i, step in enumerate(scale.steps) if step.code]
            )
        return problems

    def _ladder_levels(self, role: Role) -> tuple[Level, ...]:
        """The whole ladder `role` climbs, from its first level (below its start too)."""
        return role.ladder.levels if role.ladder is not None else self._levels

    def _off_ladder(self, level: Level, role: Role) -> str:
        ids = ", ".join(lv.id for lv in self._role_ladder(role)) or "none"
        return f"level {level.id!r} is not on the ladder of role {role.id!r} ({ids})"

    def __repr__(self) -> str:
        # What only some frameworks have is shown when they have it.
        more = "".join(
            f", {name}={len(items)}"
            for name, items in (
                ("ladders", self._ladders),
                ("scales", self._scales),
                ("definitions", self._definitions),
            )
            if items
        )
        return (
            f"Taxonomy(name={self.name!r}, version={self.version!r}, language={self.language!r}, "
            f"domains={len(self._domains)}, skills={len(self._skills)}, roles={len(self._roles)}, "
            f"levels={len(self.levels)}, expectations={len(self._expectations)}{more})"
        )

    # Lookups -----------------------------------------------------------------------

    @overload
    def domain(self, key: DomainKey) -> Domain: ...
    @overload
    def domain(self, key: DomainKey, default: _D) -> Domain | _D: ...
    def domain(self, key: DomainKey, default: object = _MISSING) -> object:
        """The domain with that id, name or code, or `default`; raises `DomainNotFoundError`."""
        return self._domain_index.get(key, default)

    @overload
    def skill(self, key: SkillKey) -> Skill: ...
    @overload
    def skill(self, key: SkillKey, default: _D) -> Skill | _D: ...
    def skill(self, key: SkillKey, default: object = _MISSING) -> object:
        """The skill with that id, name or code, or `default`; raises `SkillNotFoundError`.

        A code is the skill's `external_id` (``"PROG"``), or the last segment of a URI
        given as its id or `external_id`; a code two skills share finds neither, and the
        error suggests both.

        >>> from skilltaxonomy import load
        >>> load().skill("neural-network-architectures").category
        'Deep Learning'
        >>> load().skill("quantum knitting", None) is None
        True
        """
        return self._skill_index.get(key, default)

    @overload
    def role(self, key: RoleKey) -> Role: ...
    @overload
    def role(self, key: RoleKey, default: _D) -> Role | _D: ...
    def role(self, key: RoleKey, default: object = _MISSING) -> object:
        """The role with that id, name or code, or `default`; raises `RoleNotFoundError`."""
        return self._role_index.get(key, default)

    @overload
    def level(self, key: LevelKey, *, role: RoleKey | None = None) -> Level: ...
    @overload
    def level(self, key: LevelKey, default: _D, *, role: RoleKey | None = None) -> Level | _D: ...
    def level(
        self, key: LevelKey, default: object = _MISSING, *, role: RoleKey | None = None
    ) -> object:
        """The level with that id, name, code or rank, or `default`; raises `LevelNotFoundError`.

        With `role`, the level must be on the ladder the role climbs (from its start),
        and a rank counts on that ladder; `InvalidQueryError` says when it is not (or
        `default` is returned, when one is given).

        >>> from skilltaxonomy import load
        >>> load().level(4).name
        'Lead / Staff'
        >>> load().level("senior", role="llm-engineer").rank
        3
        """
        if role is None:
            return self._level_index.get(key, default)
        the_role = self.role(role)
        if default is not _MISSING:
            try:
                return self._level_on(key, the_role)[0]
            except (InvalidQueryError, LevelNotFoundError):
                return default
        return self._level_on(key, the_role)[0]

    @overload
    def expectation(self, skill: SkillKey, role: RoleKey, level: LevelKey) -> Expectation: ...
    @overload
    def expectation(
        self, skill: SkillKey, role: RoleKey, level: LevelKey, default: _D
    ) -> Expectation | _D: ...
    def expectation(
        self, skill: SkillKey, role: RoleKey, level: LevelKey, default: object = _MISSING
    ) -> object:
        """What `role` expects of `skill` at `level`, or `default`.

        Raises `ExpectationNotFoundError` when the framework has none (and a
        `NotFoundError` subclass when an argument names nothing).
        """
        cell = (self.skill(skill).id, self.role(role).id, self.level(level).id)
        found = self._by_cell.get(cell)
        if found is not None:
            return found
        if default is not _MISSING:
            return default
        raise ExpectationNotFoundError(cell)

    @overload
    def scale(self, key: Scale | str) -> Scale: ...
    @overload
    def scale(self, key: Scale | str, default: _D) -> Scale | _D: ...
    def scale(self, key: Scale | str, default: object = _MISSING) -> object:
        """The scale with that id, name or code, or `default`; raises `ScaleNotFoundError`."""
        return self._scale_index.get(key, default)

    @overload
    def ladder(self, key: Ladder | str) -> Ladder: ...
    @overload
    def ladder(self, key: Ladder | str, default: _D) -> Ladder | _D: ...
    def ladder(self, key: Ladder | str, default: object = _MISSING) -> object:
        """The ladder with that id, name or code, or `default`; raises `LadderNotFoundError`."""
        return self._ladder_index.get(key, default)

    def scale_of(self, skill: SkillKey) -> Scale | None:
        """The scale `skill`'s steps come from: its own, else the framework's first."""
        the_skill = self.skill(skill)
        if the_skill.scale is not None:
            return the_skill.scale
        return self._scales[0] if self._scales else None

    def levels_of_role(self, role: RoleKey) -> Listing[Level]:
        """The levels `role` climbs: its ladder's, from its `Role.start` up.

        >>> from skilltaxonomy import load
        >>> [level.id for level in load().levels_of_role("llm-engineer")][:2]
        ['junior', 'middle']
        """
        the_role = self.role(role)
        found = self._built(f"role-levels:{the_role.id}", lambda: self._role_ladder(the_role))
        return Listing(found)

    def _role_ladder(self, role: Role) -> tuple[Level, ...]:
        ladder = self._ladder_levels(role)
        if role.start is not None and role.start in ladder:
            return ladder[ladder.index(role.start) :]
        return ladder

    def _level_on(self, key: LevelKey, role: Role | None) -> tuple[Level, tuple[Level, ...]]:
        """The level `key` names and the ladder it is read on: `role`'s, else its own.

        A rank counts on that ladder; a level off `role`'s ladder is `InvalidQueryError`.
        """
        if role is None:
            level = self.level(key)
            return level, self._ladder_of_level.get(level.id, self._levels)
        ladder = self._role_ladder(role)
        if isinstance(key, int) and not isinstance(key, bool):
            whole = self._ladder_levels(role)
            if not 1 <= key <= len(whole) or whole[key - 1] not in ladder:
                raise InvalidQueryError(
                    f"no level of rank {key} on the ladder of role {role.id!r} "
                    f"({', '.join(lv.id for lv in ladder) or 'none'})"
                )
            return whole[key - 1], ladder
        level = self.level(key)
        if level not in ladder:
            raise InvalidQueryError(self._off_ladder(level, role))
        return level, ladder

    def next_level(self, level: LevelKey, role: RoleKey | None = None) -> Level | None:
        """The level above `level` on its ladder (or `role`'s), or ``None`` at the top."""
        found, ladder = self._level_on(level, None if role is None else self.role(role))
        position = ladder.index(found)
        return ladder[position + 1] if position + 1 < len(ladder) else None

    def previous_level(self, level: LevelKey, role: RoleKey | None = None) -> Level | None:
        """The level below `level` on its ladder (or `role`'s), or ``None`` at its entry level."""
        found, ladder = self._level_on(level, None if role is None else self.role(role))
        position = ladder.index(found)
        return ladder[position - 1] if position > 0 else None

    # Listings ----------------------------------------------------------------------

    @property
    def domains(self) -> Listing[Domain]:
        """Every domain, in file order."""
        return self._listings["domains"]

    @property
    def skills(self) -> Listing[Skill]:
        """Every skill, in file order; filter by ``domain``, ``category`` and ``role``.

        >>> from skilltaxonomy import load
        >>> [s.id for s in load().skills.filter(role=["llm-engineer", "data-scientist"])]
        ['neural-network-architectures']
        """
        return self._listings["skills"]

    @property
    def roles(self) -> Listing[Role]:
        """Every role, in file order; filter by ``skill`` (roles expecting it) and ``family``."""
        return self._listings["roles"]

    @property
    def levels(self) -> Listing[Level]:
        """Every level: the framework's own ladder, entry level first, then each ladder's.

        `Listing.get` also takes a rank (on the framework's own ladder, else the first
        ladder); filter by ``ladder`` (`levels_of_ladder` gives the framework's own).
        """
        return self._listings["levels"]

    @property
    def scales(self) -> Listing[Scale]:
        """The proficiency scales, in file order (the first is the default)."""
        return self._listings["scales"]

    @property
    def ladders(self) -> Listing[Ladder]:
        """The named ladders, in file order (empty when every role climbs `levels`)."""
        return self._listings["ladders"]

    @property
    def definitions(self) -> Listing[Definition]:
        """What each step means for each skill, whatever the role; filter by skill and step."""
        return self._listings["definitions"]

    @property
    def role_levels(self) -> Listing[RoleLevel]:
        """Roles' own titles, focus and stacks per level; filter by role and level."""
        return self._listings["role_levels"]

    def _filter_levels(self, given: Mapping[str, tuple[object, ...]]) -> Listing[Level]:
        self._unknown_filters("levels", given, ("ladder",))
        found: list[Level] = []
        for key in given["ladder"]:
            levels = self.ladder(key).levels  # type: ignore[call-overload]
            found += (level for level in levels if level not in found)
        return Listing(found)

    def in_language(self, language: str) -> Taxonomy:
        """This framework with its names, summaries and descriptions in `language`.

        Each text comes from the entity's translations into `language` (``"es-MX"``
        falls back to ``"es"``), else stays the framework's own; the texts replaced
        become translations into the framework's language, so nothing is lost. Every
        query, listing and page of the result speaks `language`, and lookups still find
        entities by their names in any language.

        >>> from skilltaxonomy import loads
        >>> tax = loads('''{"format": "skilltaxonomy/2", "name": "Ours", "domains": [
        ...   {"id": "data", "name": "Data", "translations": {"de": {"name": "Daten"}}}],
        ...   "skills": [{"id": "sql", "name": "SQL", "domain": "data"}]}''')
        >>> german = tax.in_language("de")
        >>> german.language, german.domain("data").name, german.skill("sql").domain.name
        ('de', 'Daten', 'Daten')
        >>> tax.in_language("de-AT").domain("data").name
        'Daten'
        >>> german.domain("Data").translations.text("en", "name")
        'Data'
        >>> german.in_language("en") == tax
        True
        """
        from skilltaxonomy.model.languages import in_language  # noqa: PLC0415 - on first use

        return in_language(self, language)

    def levels_of_ladder(self, ladder: Ladder | str | None = None) -> Listing[Level]:
        """The levels of `ladder`, entry level first; ``None``: the framework's own ladder.

        >>> from skilltaxonomy import load
        >>> len(load().levels_of_ladder())
        5
        """
        if ladder is None:
            return Listing(self._levels)
        return Listing(self.ladder(ladder).levels)

    def _find_definition(self, key: object) -> Definition | None:
        if isinstance(key, Definition):
            return key if key in self._definitions else None
        if isinstance(key, tuple) and len(key) == 2:
            skill = self.skill(key[0], None)
            return next(
                (d for d in self._definitions if d.skill == skill and self._names_step(d, key[1])),
                None,
            )
        return None

    def _names_step(self, definition: Definition, key: object) -> bool:
        """Whether `key` names the definition's step on its skill's scale (an id first)."""
        scale = self.scale_of(definition.skill)
        found = None if scale is None else scale.step(key)  # type: ignore[arg-type]
        return found is not None and found == definition.step

    def _filter_definitions(self, given: Mapping[str, tuple[object, ...]]) -> Listing[Definition]:
        self._unknown_filters("definitions", given, ("skill", "step"))
        skills = {self.skill(k).id for k in given.get("skill", ())}  # type: ignore[call-overload]
        steps = given.get("step")
        return Listing(
            d
            for d in self._definitions
            if (not skills or d.skill.id in skills)
            and (steps is None or any(self._names_step(d, key) for key in steps))
        )

    def _find_role_level(self, key: object) -> RoleLevel | None:
        if isinstance(key, RoleLevel):
            return key if key in self._role_levels else None
        if isinstance(key, tuple) and len(key) == 2:
            role, level = self.role(key[0], None), self.level(key[1], None)
            return next((r for r in self._role_levels if r.role == role and r.level == level), None)
        return None

    def _filter_role_levels(self, given: Mapping[str, tuple[object, ...]]) -> Listing[RoleLevel]:
        self._unknown_filters("role levels", given, ("role", "level"))
        roles = {self.role(k).id for k in given.get("role", ())}  # type: ignore[call-overload]
        levels = {self.level(k).id for k in given.get("level", ())}  # type: ignore[call-overload]
        return Listing(
            r
            for r in self._role_levels
            if (not roles or r.role.id in roles) and (not levels or r.level.id in levels)
        )

    @property
    def expectations(self) -> Listing[Expectation]:
        """Every expectation, in file order; filter by skill, role, level and mandatory.

        The work a filter does is in proportion to its answer, not to the framework.

        >>> from skilltaxonomy import load
        >>> len(load().expectations.filter(role="llm-engineer"))
        5
        """
        return self._listings["expectations"]

    def _find_expectation(self, key: object) -> Expectation | None:
        if isinstance(key, Expectation):
            found = self._by_cell.get((key.skill.id, key.role.id, key.level.id))
            return found if found is not None and (found is key or found == key) else None
        if isinstance(key, tuple) and len(key) == 3:
            skill, role, level = key
            the_skill = self.skill(skill, None)
            the_role = self.role(role, None)
            the_level = self.level(level, None)
            if the_skill is None or the_role is None or the_level is None:
                return None
            return self._by_cell.get((the_skill.id, the_role.id, the_level.id))
        return None

    @staticmethod
    def _unknown_filters(kind: str, given: Iterable[str], known: tuple[str, ...]) -> None:
        for name in given:
            if name not in known:
                expected = ", ".join(known)
                raise InvalidQueryError(
                    f"unknown filter {name!r} for {kind} (expected one of: {expected})"
                )

    def _no_filters(self, given: Mapping[str, tuple[object, ...]]) -> Listing[Any]:
        name = next(iter(given))  # a listing calls its filterer with at least one filter
        raise InvalidQueryError(f"unknown filter {name!r} for this listing (there are none)")

    def _union(
        self, kind: str, items: tuple[_D, ...], groups: list[tuple[_D, ...]]
    ) -> tuple[_D, ...]:
        """What any of `groups` holds, in file order, each item once."""
        if len(groups) == 1:
            return groups[0]
        found = {id(item): item for group in groups for item in group}
        position = self._built(
            f"position:{kind}", lambda: {id(item): i for i, item in enumerate(items)}
        )
        return tuple(sorted(found.values(), key=lambda item: position[id(item)]))

    def _filter_skills(self, given: Mapping[str, tuple[object, ...]]) -> Listing[Skill]:
        self._unknown_filters("skills", given, ("domain", "category", "role"))
        groups: list[tuple[Skill, ...]] = []
        if "domain" in given:
            ids = _unique(self.domain(key).id for key in given["domain"])  # type: ignore[call-overload]
            by_domain = self._skills_by_domain
            groups.append(self._union("skills", self._skills, [by_domain.get(i, ()) for i in ids]))
        if "category" in given:
            folded = _unique(_folded("category", key) for key in given["category"])
            by_category = self._skills_by_category
            groups.append(
                self._union("skills", self._skills, [by_category.get(f, ()) for f in folded])
            )
        if "role" in given:
            ids = _unique(self.role(key).id for key in given["role"])  # type: ignore[call-overload]
            by_role = self._skills_by_role
            groups.append(self._union("skills", self._skills, [by_role.get(i, ()) for i in ids]))
        return Listing(self._intersect(groups, self._skills))

    def _filter_roles(self, given: Mapping[str, tuple[object, ...]]) -> Listing[Role]:
        self._unknown_filters("roles", given, ("skill", "family"))
        groups: list[tuple[Role, ...]] = []
        if "skill" in given:
            ids = _unique(self.skill(key).id for key in given["skill"])  # type: ignore[call-overload]
            by_skill = self._roles_by_skill
            groups.append(self._union("roles", self._roles, [by_skill.get(i, ()) for i in ids]))
        if "family" in given:
            folded = {_folded("family", key) for key in given["family"]}
            groups.append(tuple(r for r in self._roles if r.family.casefold() in folded))
        return Listing(self._intersect(groups, self._roles))

    def _filter_expectations(self, given: Mapping[str, tuple[object, ...]]) -> Listing[Expectation]:
        self._unknown_filters("expectations", given, ("skill", "role", "level", "mandatory"))
        skills = _unique(self.skill(k).id for k in given.get("skill", ()))  # type: ignore[call-overload]
        roles = _unique(self.role(k).id for k in given.get("role", ()))  # type: ignore[call-overload]
        levels = _unique(self.level(k).id for k in given.get("level", ()))  # type: ignore[call-overload]
        flags = given.get("mandatory")
        if flags is not None and not all(type(flag) is bool for flag in flags):
            raise InvalidQueryError(
                f"expected True or False for the mandatory filter, got {flags!r}"
            )
        mandatory = None if flags is None or len(set(flags)) != 1 else bool(flags[0])
        if all(len(ids) <= 1 for ids in (skills, roles, levels)):
            return Listing(
                self._expectations_where(
                    skills[0] if skills else None,
                    roles[0] if roles else None,
                    levels[0] if levels else None,
                    mandatory,
                )
            )
        # Several values: start from the smallest union of groups, check the rest.
        wanted = [
            (ids, index, attribute)
            for ids, index, attribute in (
                (skills, self._by_skill, "skill"),
                (roles, self._by_role, "role"),
                (levels, self._by_level, "level"),
            )
            if ids
        ]
        unions = [
            self._union("expectations", self._expectations, [index.get(i, ()) for i in ids])
            for ids, index, _ in wanted
        ]
        checks = [(set(ids), attribute) for ids, _, attribute in wanted]
        return Listing(
            e
            for e in min(unions, key=len)
            if all(getattr(e, attribute).id in ids for ids, attribute in checks)
            and (mandatory is None or e.mandatory is mandatory)
        )

    def _expectations_where(
        self,
        skill_id: str | None,
        role_id: str | None,
        level_id: str | None,
        mandatory: bool | None,
    ) -> tuple[Expectation, ...]:
        """The expectations with these ids (``None``: any), quickest for one value each."""
        if skill_id is not None and role_id is not None:
            if level_id is not None:
                found = self._by_cell.get((skill_id, role_id, level_id))
                return () if found is None or mandatory not in (None, found.mandatory) else (found,)
            # The candidates meet both filters already.
            candidates = self._by_skill_role.get((skill_id, role_id), ())
            skill_id = role_id = None
        elif skill_id is None and role_id is None and level_id is None:
            candidates = self._expectations
        else:
            # Start from the smallest single answer and check the rest on each item, so
            # the work is in proportion to that answer, never to the framework.
            groups = []
            if skill_id is not None:
                groups.append(self._by_skill.get(skill_id, ()))
            if role_id is not None:
                groups.append(self._by_role.get(role_id, ()))
            if level_id is not None:
                groups.append(self._by_level.get(level_id, ()))
            candidates = min(groups, key=len)
        checks: list[Callable[[Expectation], bool]] = []
        if skill_id is not None:
            checks.append(lambda e: e.skill.id == skill_id)
        if role_id is not None:
            checks.append(lambda e: e.role.id == role_id)
        if level_id is not None:
            checks.append(lambda e: e.level.id == level_id)
        if mandatory is not None:
            checks.append(lambda e: e.mandatory is mandatory)
        if len(checks) <= 1 and mandatory is None:
            return candidates  # one filter: its group is the answer
        return tuple(e for e in candidates if all(check(e) for check in checks))

    @staticmethod
    def _intersect(groups: list[tuple[_D, ...]], everything: tuple[_D, ...]) -> tuple[_D, ...]:
        """Keep what every group holds, in file order, scanning only the smallest group."""
        if not groups:
            return everything
        groups.sort(key=len)
        smallest, *others = groups
        if not others:
            return smallest
        # Each group is in file order, so filtering the smallest keeps that order; every
        # group holds the taxonomy's own objects, so identity is a cheap, exact test.
        sets = [set(map(id, group)) for group in others]
        return tuple(item for item in smallest if all(id(item) in s for s in sets))

    # Questions a reader asks ---------------------------------------------------------

    def progression(self, skill: SkillKey, role: RoleKey) -> Listing[Expectation]:
        """What `role` expects of `skill` at each level, from the entry level up.

        >>> from skilltaxonomy import load
        >>> steps = load().progression("neural-network-architectures", "llm-engineer")
        >>> [e.level.name for e in steps]
        ['Junior', 'Middle', 'Senior', 'Lead / Staff', 'Principal']
        """
        found = self._by_skill_role.get((self.skill(skill).id, self.role(role).id), ())
        return Listing(sorted(found, key=lambda e: e.level.rank))

    def compare(
        self,
        skill: SkillKey,
        role: RoleKey,
        current: LevelKey,
        target: LevelKey | None = None,
    ) -> Comparison:
        """Set what `role` expects of `skill` at `current` beside a `target` level.

        The target defaults to the next level; at the top of the ladder the comparison
        has no target and says so. A target below `current` raises `InvalidQueryError`.

        >>> from skilltaxonomy import load
        >>> comparison = load().compare("neural-network-architectures", "data-scientist", "junior")
        >>> comparison.target.name, len(comparison.steps), len(comparison.mandatory)
        ('Middle', 1, 0)
        >>> load().compare("neural-network-architectures", "data-scientist", "principal").at_top
        True
        """
        the_skill, the_role = self.skill(skill), self.role(role)
        now, ladder = self._level_on(current, the_role)
        goal = (
            self.next_level(now, the_role)
            if target is None
            else self._level_on(target, the_role)[0]
        )
        if goal is not None and goal.rank < now.rank:
            raise InvalidQueryError(
                f"target level {goal.name!r} is below the current level {now.name!r}"
            )
        crossed = () if goal is None else ladder[ladder.index(now) + 1 : ladder.index(goal) + 1]
        by_level = {e.level.id: e for e in self.progression(the_skill, the_role)}
        steps = tuple(by_level[level.id] for level in crossed if level.id in by_level)
        from skilltaxonomy.model.views import Comparison  # noqa: PLC0415 - on first query

        return Comparison(
            skill=the_skill,
            role=the_role,
            current=now,
            target=goal,
            current_expectation=by_level.get(now.id),
            target_expectation=None if goal is None else by_level.get(goal.id),
            crossed=crossed,
            steps=steps,
            mandatory=tuple(e for e in steps if e.mandatory),
        )

    def profile(self, skill: SkillKey, role: RoleKey | None = None) -> Profile:
        """A skill's profile: its roles, levels, counts and expectations by level.

        With `role`, the profile holds that role's expectations only.

        >>> from skilltaxonomy import load
        >>> profile = load().profile("neural-network-architectures")
        >>> len(profile.roles), len(profile.levels), profile.mandatory_count, profile.optional_count
        (2, 5, 0, 10)
        >>> len(load().profile("neural-network-architectures", role="llm-engineer").expectations)
        5
        """
        the_skill = self.skill(skill)
        if role is None:
            found = self._by_skill.get(the_skill.id, ())
            roles = self.roles.filter(skill=the_skill)
        else:
            the_role = self.role(role)
            found = self._by_skill_role.get((the_skill.id, the_role.id), ())
            roles = Listing((the_role,) if found else ())
        found = tuple(sorted(found, key=lambda e: e.level.rank))
        mandatory = sum(1 for e in found if e.mandatory)
        from skilltaxonomy.model.views import Profile  # noqa: PLC0415 - on first query

        return Profile(
            skill=the_skill,
            roles=roles,
            levels=_unique(e.level for e in found),
            expectations=found,
            mandatory_count=mandatory,
            optional_count=sum(1 for e in found if e.mandatory is False),
        )

    def matrix(self, role: RoleKey) -> RoleMatrix:
        """A role's grid: a row per skill it has expectations for, a column per level.

        >>> from skilltaxonomy import load
        >>> matrix = load().matrix("llm-engineer")
        >>> [row.skill.id for row in matrix.rows], len(matrix.levels)
        (['neural-network-architectures'], 5)
        """
        from skilltaxonomy.model.views import MatrixRow, RoleMatrix  # noqa: PLC0415

        the_role = self.role(role)
        levels = self._role_ladder(the_role)
        rows = []
        for skill in self.skills.filter(role=the_role):
            by_level = {e.level.id: e for e in self._by_skill_role[skill.id, the_role.id]}
            rows.append(MatrixRow(skill, tuple(by_level.get(level.id) for level in levels)))
        named = {
            id(scale)
            for row in rows
            if any(e is not None and e.step is not None for e in row.cells)
            and (scale := self.scale_of(row.skill)) is not None
        }
        scales = tuple(scale for scale in self._scales if id(scale) in named)
        own = tuple(r for r in self._role_levels if r.role == the_role)
        return RoleMatrix(the_role, levels, tuple(rows), scales, own)

    def search(self, text: str) -> Listing[Entity]:
        """Find entities whose text holds every word of `text`, case-insensitively.

        Names of domains, skills, roles and levels are searched, with skill categories
        and summaries, role families and summaries, level descriptions, and expectation
        descriptions, criteria, examples and signals.
        Entities whose name matches come first; within each group, file order holds.
        A query holds at most `MAX_SEARCH_WORDS` distinct words (`InvalidQueryError`).

        >>> from skilltaxonomy import load
        >>> [e.level.id for e in load().search("mixture of experts")]
        ['middle']
        """
        if not isinstance(text, str):
            raise InvalidQueryError(f"expected the text to search for, got {type(text).__name__}")
        # Each distinct word is looked for once; a query is a few words, and a bound keeps
        # a pasted document from costing a scan of the vocabulary per word.
        words = list(dict.fromkeys(text.casefold().split()))
        if len(words) > MAX_SEARCH_WORDS:
            raise InvalidQueryError(
                f"a search takes at most {MAX_SEARCH_WORDS} distinct words, got {len(words)}"
            )
        return Listing(self._words.search(words) if words else ())
