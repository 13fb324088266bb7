"""Many threads at once: the bundled framework is parsed once, and queries stay right."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from skilltaxonomy import (
    Taxonomy,
    load,
    loads,
    render,
)
from skilltaxonomy.formats import _api as load_module

THREADS = 32


@pytest.fixture(name="fresh_bundled")
def _fresh_bundled() -> Iterator[None]:
    """The bundled framework not read yet; read again afresh by later tests."""
    load_module._read_bundled.cache_clear()
    yield
    load_module._read_bundled.cache_clear()


def test_bundled_parsed_once_from_32_threads(
    fresh_bundled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """32 threads calling load() at once cause one parse, and all get the one object."""
    parses: list[int] = []
    real_loads = load_module.loads

    def slow_loads(data: str | bytes, **options: Any) -> Taxonomy:
        parses.append(threading.get_ident())
        time.sleep(0.05)  # wide enough for every thread to arrive while parsing
        return real_loads(data, **options)

    monkeypatch.setattr(load_module, "loads", slow_loads)
    barrier = threading.Barrier(THREADS)

    def call() -> Taxonomy:
        barrier.wait()
        return load()

    with ThreadPoolExecutor(THREADS) as pool:
        results = [future.result() for future in [pool.submit(call) for _ in range(THREADS)]]
    assert len(parses) == 1
    assert all(result is results[0] for result in results)


def _queries(taxonomy: Taxonomy) -> list[Callable[[], object]]:
    """Every kind of question, over every skill, role and level."""
    questions: list[Callable[[], object]] = []
    for skill in taxonomy.skills:
        questions += [
            lambda s=skill: taxonomy.skill(s.id),
            lambda s=skill: taxonomy.skill(s.name.upper()),
            lambda s=skill: taxonomy.roles.filter(skill=s),
            lambda s=skill: taxonomy.expectations.filter(skill=s),
            lambda s=skill: taxonomy.profile(s),
        ]
    for role in taxonomy.roles:
        questions += [
            lambda r=role: taxonomy.skills.filter(role=r),
            lambda r=role: taxonomy.expectations.filter(role=r, mandatory=True),
            lambda r=role: taxonomy.matrix(r),
        ]
        for level in taxonomy.levels:
            questions += [
                lambda r=role, lv=level: taxonomy.expectations.filter(role=r, level=lv),
                lambda r=role, lv=level: taxonomy.compare(taxonomy.skills[0], r, lv),
            ]
    for level in taxonomy.levels:
        questions.append(lambda lv=level: taxonomy.expectations.filter(level=lv))
    for word in ("alpha", "Beta gamma", "DELTA", "ta", "nothing-like-this"):
        questions.append(lambda w=word: taxonomy.search(w))
    questions += [
        lambda: taxonomy.domains,
        lambda: taxonomy.skills.filter(category="category 1"),
        lambda: render(taxonomy, "html"),
        lambda: render(taxonomy.profile(taxonomy.skills[0]), "md"),
    ]
    return questions


def _medium_text() -> str:
    """A framework of 20 skills, 6 roles and 5 levels, every cell filled."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    rng = random.Random(7)

    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(8)).capitalize() + "."

    skills = [
        {
            "id": f"s{n}",
            "name": f"Skill {n} {words[n % 8]}",
            "domain": f"d{n % 2}",
            "category": f"Category {n % 3}",
            "summary": sentence(),
        }
        for n in range(20)
    ]
    roles = [{"id": f"r{n}", "name": f"Role {n}", "family": f"F{n % 2}"} for n in range(6)]
    levels = [{"id": f"l{n}", "name": f"Level {n}"} for n in range(5)]
    document = {
        "format": "skilltaxonomy/1",
        "name": "Medium",
        "domains": [{"id": "d0", "name": "Zero"}, {"id": "d1", "name": "One"}],
        "skills": skills,
        "roles": roles,
        "levels": levels,
        "expectations": [
            {
                "skill": s["id"],
                "role": r["id"],
                "level": lv["id"],
                "mandatory": rng.random() < 0.5,
                "description": sentence(),
            }
            for s in skills
            for r in roles
            for lv in levels
        ],
    }
    return json.dumps(document)


def test_queries_hammered_from_32_threads() -> None:
    """32 threads asking a fresh framework everything, in random orders, get the right answers."""
    text = _medium_text()
    expected = [question() for question in _queries(loads(text))]
    fresh = loads(text)  # no index built yet: the threads race to build them
    questions = _queries(fresh)
    barrier = threading.Barrier(THREADS)

    def ask(seed: int) -> list[tuple[int, object]]:
        order = list(range(len(questions)))
        random.Random(seed).shuffle(order)
        barrier.wait()
        return [(index, questions[index]()) for _ in range(3) for index in order]

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [pool.submit(ask, seed) for seed in range(THREADS)]
        for future in answers:
            for index, answer in future.result():
                assert answer == expected[index]
    assert fresh == loads(text)
