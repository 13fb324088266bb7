"""Frameworks the site tests build: each shape the site must handle, written here."""

from __future__ import annotations

import json

#: A per-role ladder that starts above its first level, steps, mandatory items, role
#: levels, two categories, translations, and an id that is no safe path segment.
LADDERS = {
    "format": "skilltaxonomy/2",
    "name": "Ladders Co",
    "language": "en",
    "scales": [
        {
            "id": "p",
            "name": "Proficiency",
            "steps": [
                {"id": "aware", "name": "Aware", "code": "A", "description": "Knows of it."},
                {"id": "working", "name": "Working", "code": "W"},
                {"id": "expert", "name": "Expert", "code": "E"},
            ],
        }
    ],
    "domains": [{"id": "eng", "name": "Engineering", "translations": {"de": {"name": "Technik"}}}],
    "skills": [
        {
            "id": "python",
            "name": "Python",
            "domain": "eng",
            "category": "Languages",
            "scale": "p",
            "summary": "Writing Python.",
            "translations": {"es": {"name": "Pitón"}},
        },
        {
            "id": "Ops/Run book",
            "name": "Operations",
            "domain": "eng",
            "category": "Running",
            "scale": "p",
        },
        {"id": "sql", "name": "SQL", "domain": "eng", "category": "Languages", "scale": "p"},
    ],
    "ladders": [
        {
            "id": "tl",
            "name": "Tech lead",
            "levels": [
                {"id": "tl3", "name": "TL3"},
                {"id": "tl4", "name": "TL4"},
                {"id": "tl5", "name": "TL5"},
                {"id": "tl6", "name": "TL6"},
            ],
        }
    ],
    "roles": [
        {
            "id": "lead",
            "name": "Tech Lead",
            "family": "Leadership",
            "ladder": "tl",
            "start": "tl4",
            "summary": "Leads a team.",
        }
    ],
    "role_levels": [
        {
            "role": "lead",
            "level": "tl4",
            "title": "Tech Lead",
            "focus": "One team.",
            "stack": ["Python", "Postgres"],
        },
        {"role": "lead", "level": "tl5", "title": "Senior Tech Lead", "focus": "Several teams."},
    ],
    "expectations": [
        {
            "skill": "python",
            "role": "lead",
            "level": "tl4",
            "step": "W",
            "mandatory": True,
            "description": "Reviews the team's Python with care for zeppelins.",
        },
        {
            "skill": "python",
            "role": "lead",
            "level": "tl5",
            "step": "E",
            "mandatory": False,
            "description": "Sets the team's Python style.",
        },
        {
            "skill": "Ops/Run book",
            "role": "lead",
            "level": "tl5",
            "step": "W",
            "mandatory": True,
            "description": "Owns the run book.",
            "criteria": ["Has a rollback"],
        },
        {
            "skill": "sql",
            "role": "lead",
            "level": "tl4",
            "step": "A",
            "mandatory": False,
            "description": "Reads query plans.",
        },
        {
            "skill": "sql",
            "role": "lead",
            "level": "tl6",
            "step": "E",
            "description": "Designs the schema of the platform.",
        },
    ],
}

#: Text that would be markup, script or a URL if it were not escaped.
HOSTILE_TEXT = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&lt;"
HOSTILE = {
    "format": "skilltaxonomy/2",
    "name": f"Evil {HOSTILE_TEXT}",
    "version": HOSTILE_TEXT,
    "language": HOSTILE_TEXT,
    "domains": [{"id": "d<", "name": HOSTILE_TEXT}],
    "skills": [
        {
            "id": "../../etc/passwd",
            "name": f"S {HOSTILE_TEXT}",
            "domain": "d<",
            "category": HOSTILE_TEXT,
            "summary": HOSTILE_TEXT,
            "extras": {"x:y": HOSTILE_TEXT},
        },
        {"id": "javascript:alert(1)", "name": "J", "domain": "d<"},
    ],
    "roles": [
        {
            "id": 'r"><b>',
            "name": f"R {HOSTILE_TEXT}",
            "family": HOSTILE_TEXT,
            "summary": HOSTILE_TEXT,
        }
    ],
    "levels": [{"id": "l 1", "name": f"L1 {HOSTILE_TEXT}"}, {"id": "l/2", "name": "L2"}],
    "expectations": [
        {
            "skill": "../../etc/passwd",
            "role": 'r"><b>',
            "level": "l 1",
            "mandatory": True,
            "description": HOSTILE_TEXT,
            "criteria": [HOSTILE_TEXT],
            "translations": {"es": {"description": HOSTILE_TEXT}},
        },
        {
            "skill": "javascript:alert(1)",
            "role": 'r"><b>',
            "level": "l/2",
            "mandatory": False,
            "description": "fine",
        },
    ],
}

#: A catalogue: skills and what each step means, no roles.
CATALOGUE = {
    "format": "skilltaxonomy/2",
    "name": "Skills only",
    "scales": [
        {
            "id": "l",
            "name": "Level",
            "steps": [{"id": "1", "name": "Aware"}, {"id": "2", "name": "Able"}],
        }
    ],
    "domains": [{"id": "data", "name": "Data"}],
    "skills": [{"id": "cleaning", "name": "Data cleaning", "domain": "data", "scale": "l"}],
    "definitions": [
        {"skill": "cleaning", "step": "1", "description": "Knows why data is cleaned."},
        {
            "skill": "cleaning",
            "step": "2",
            "description": "Cleans a new data set alone.",
            "criteria": ["Documents each change"],
        },
    ],
}


def text(framework: dict[str, object]) -> str:
    """The framework as the JSON a file holds."""
    return json.dumps(framework)
