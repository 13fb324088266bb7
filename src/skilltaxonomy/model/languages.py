"""A framework in another language: each text from its translations, nothing lost.

`Taxonomy.in_language` is the entry point; this module does the work so that the
framework class stays about queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from skilltaxonomy.model.entities import Ladder, Scale, Skill, Step

if TYPE_CHECKING:
    from skilltaxonomy.model.taxonomy import Taxonomy

_E = TypeVar("_E")

# The texts translations may hold, in the order an entity's fields list them.
_FIELDS = ("name", "summary", "description")


def _tag(translations: Any, language: str) -> str | None:
    """The tag of `translations` that serves `language`: itself, else its base language."""
    for tag in (language, language.partition("-")[0]):
        if tag in translations:
            return tag
    return None


def _swapped(entity: _E, language: str, own: str, **references: object) -> _E:
    """`entity` with its texts in `language` where translated; the texts replaced are kept.

    The texts it replaces become its translations into `own` (the framework's language),
    and the translation used is taken out, so the entity says each text once.
    """
    translations = entity.translations  # type: ignore[attr-defined]
    tag = _tag(translations, language)
    changes: dict[str, object] = dict(references)
    if tag is not None:
        texts = translations[tag]
        replaced = {
            field: getattr(entity, field)
            for field in _FIELDS
            if field in texts and hasattr(entity, field)
        }
        if replaced:
            kept = {key: dict(value) for key, value in translations.items() if key != tag}
            kept[own] = {**kept.get(own, {}), **replaced}
            left = {field: text for field, text in texts.items() if field not in replaced}
            if left:
                kept[tag] = left
            changes |= {field: texts[field] for field in replaced}
            changes["translations"] = kept
    return attrs.evolve(entity, **changes) if changes else entity  # type: ignore[misc]


def in_language(taxonomy: Taxonomy, language: str) -> Taxonomy:
    """`taxonomy` with its names, summaries and descriptions in `language` (see the method)."""
    own = taxonomy.language
    if language == own:
        return taxonomy

    def swap(entity: _E, **references: object) -> _E:
        return _swapped(entity, language, own, **references)

    domains = {d.id: swap(d) for d in taxonomy.domains}
    steps: dict[tuple[str, str], Step] = {}
    scales: dict[str, Scale] = {}
    for scale in taxonomy.scales:
        its = [swap(step) for step in scale.steps]
        steps.update(((scale.id, step.id), step) for step in its)
        scales[scale.id] = swap(scale, steps=its)
    levels = {level.id: swap(level) for level in taxonomy.levels_of_ladder()}
    ladders: dict[str, Ladder] = {}
    for ladder in taxonomy.ladders:
        its_levels = [swap(level) for level in ladder.levels]
        levels.update((level.id, level) for level in its_levels)
        ladders[ladder.id] = swap(ladder, levels=its_levels)
    skills = {
        s.id: swap(
            s,
            domain=domains[s.domain.id],
            scale=None if s.scale is None else scales[s.scale.id],
        )
        for s in taxonomy.skills
    }
    roles = {
        r.id: swap(
            r,
            ladder=None if r.ladder is None else ladders[r.ladder.id],
            start=None if r.start is None else levels[r.start.id],
        )
        for r in taxonomy.roles
    }

    def step_of(skill: Skill, step: Step | None) -> Step | None:
        if step is None:
            return None
        scale = taxonomy.scale_of(skill)
        assert scale is not None  # the model holds a step to its skill's scale
        return steps[scale.id, step.id]

    expectations = [
        swap(
            e,
            skill=skills[e.skill.id],
            role=roles[e.role.id],
            level=levels[e.level.id],
            details=attrs.evolve(e.details, step=step_of(e.skill, e.step)),
        )
        for e in taxonomy.expectations
    ]
    definitions = [
        attrs.evolve(d, skill=skills[d.skill.id], step=step_of(d.skill, d.step) or d.step)
        for d in taxonomy.definitions
    ]
    role_levels = [
        attrs.evolve(r, role=roles[r.role.id], level=levels[r.level.id])
        for r in taxonomy.role_levels
    ]
    head = swap(taxonomy)
    return attrs.evolve(
        head,
        language=language,
        domains=domains.values(),
        skills=skills.values(),
        roles=roles.values(),
        levels=[levels[level.id] for level in taxonomy.levels_of_ladder()],
        scales=scales.values(),
        ladders=ladders.values(),
        expectations=expectations,
        definitions=definitions,
        role_levels=role_levels,
    )
