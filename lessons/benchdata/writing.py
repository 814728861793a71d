"""Filling the templates of words.py: titles and texts in a record's language."""

import random

from .lesson_words import (
    LESSON_TITLES,
    OBSERVATIONS,
    RARE,
    RECOMMENDATIONS,
    SECURITY_SENTENCES,
    SECURITY_WORD,
    STATEMENTS,
)
from .places import PLACES
from .words import (
    ACTORS,
    AUDIENCES,
    EVENT_TITLES,
    KINDS,
    SCOPES,
    SESSION,
    TOPICS,
)

AREAS = list(TOPICS)
# Share of lessons that name security, and of those that carry a rare word.
SECURITY_SHARE = 0.82
RARE_SHARE = 0.025


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Slots(dict):
    """The values of a template's {slots}, each drawn the first time a template asks for it."""

    def __init__(
        self, writer, language, *, area=None, kind="workshop", iso2=None, org="", org_label=""
    ):
        super().__init__()
        self.writer = writer
        self.rng = writer.rng
        self.language = language
        self.area = area or self.rng.choice(AREAS)
        self.kind_code = kind
        self.kind = KINDS[kind]
        self.iso2 = iso2 or self.rng.choice(list(PLACES))
        self.org = org  # an acronym, or empty: titles name an organiser by acronym only
        self.org_label = org_label or org or "AU"

    def __missing__(self, key):
        value = self._make(key)
        self[key] = value
        return value

    def _make(self, key):
        rng, language = self.rng, self.language
        if key == "topic":
            return rng.choice(TOPICS[self.area][language])
        if key == "topic2":
            return rng.choice(TOPICS[rng.choice(AREAS)][language])
        if key in ("actor", "actor2"):
            return rng.choice(ACTORS[language])
        if key == "Actor":
            return cap(self["actor"])
        if key == "audience":
            return rng.choice(AUDIENCES[language])
        noun, definite, next_one, indefinite = self.kind[language]
        kind_forms = {
            "Kind": noun,
            "kind": noun.lower() if language == "en" else noun,
            "kind_def": definite,
            "Kind_def": cap(definite),
            "next_kind": next_one,
            "kind_indef": indefinite,
        }
        if key in kind_forms:
            return kind_forms[key]
        if key in ("scope", "Scope"):
            scopes = SCOPES[language]
            scopes = scopes[self.kind["gender"]] if language == "fr" else scopes
            return rng.choice(scopes)
        place = PLACES[self.iso2]
        if key == "country":
            return self.writer.country_name(self.iso2, language)
        if key == "country_in":
            return place.name_in[language]
        if key == "city":
            return place.city[language]
        if key == "org":
            return self.org or self.org_label
        if key == "year":
            return str(rng.randint(2012, 2026))
        if key == "n":
            return str(rng.randint(3, 25))
        if key == "total":
            return str(rng.randint(20, 80))
        if key == "women":
            return str(rng.randint(2, 12))
        raise KeyError(key)


class Writer:
    """Texts for generated records, drawn from ``rng`` (deterministic for a seed)."""

    def __init__(self, rng: random.Random, country_names: dict[str, dict[str, str]]):
        self.rng = rng
        self.country_names = country_names

    def country_name(self, iso2: str, language: str) -> str:
        if language == "pt":
            return PLACES[iso2].name_pt
        return self.country_names[iso2][language]

    def slots(self, language, **context) -> Slots:
        return Slots(self, language, **context)

    def fill(self, template: str, slots: Slots) -> str:
        return template.format_map(slots)

    def pick(self, templates: dict, slots: Slots) -> str:
        return self.fill(self.rng.choice(templates[slots.language]), slots)

    def event_title(self, slots: Slots, *, session_year: int | None) -> str:
        templates = [
            template
            for template in EVENT_TITLES[slots.language]
            if (slots.kind["scope"] or "cope}" not in template)
            and (slots.language != "en" or "{org}" not in template or slots.org)
        ]
        title = self.fill(self.rng.choice(templates), slots)
        if session_year:
            title += SESSION[slots.language].format(year=session_year)
        return cap(title)

    def lesson(self, slots: Slots) -> dict[str, str]:
        """Title, observation, statement and recommendation of one lesson. Most name security
        (SECURITY_SHARE), a few hold a rare word (RARE_SHARE)."""
        rng, language = self.rng, slots.language
        wants_security = rng.random() < SECURITY_SHARE
        for _ in range(6):
            text = self._lesson_parts(slots)
            if self._names_security(text, language) == wants_security:
                break
            if wants_security:
                text["observation"] += " " + rng.choice(SECURITY_SENTENCES[language])
                break
            slots = self.slots(
                language, area=rng.choice(AREAS), kind=slots.kind_code, iso2=slots.iso2
            )
        if rng.random() < RARE_SHARE:
            text["observation"] += " " + rng.choice(RARE[language])
        return text

    def _lesson_parts(self, slots: Slots) -> dict[str, str]:
        rng, language = self.rng, slots.language
        observations = rng.sample(OBSERVATIONS[language], rng.randint(1, 3))
        recommendations = rng.sample(RECOMMENDATIONS[language], rng.randint(1, 2))
        return {
            "title": cap(self.pick(LESSON_TITLES, slots)),
            "observation": " ".join(self.fill(each, slots) for each in observations),
            "statement": self.pick(STATEMENTS, slots) if rng.random() < 0.9 else "",
            "recommendation": " ".join(self.fill(each, slots) for each in recommendations),
        }

    @staticmethod
    def _names_security(text: dict[str, str], language: str) -> bool:
        word = SECURITY_WORD[language]
        return any(word in part.lower() for part in text.values())
