"""The site's labels in one locale, every one from the package's message catalogs."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from skilltaxonomy._i18n import Messages, flag_word
from skilltaxonomy.pages.build import readiness_rule


def endonym(words: Messages) -> str:
    """The name of the catalog's language in that language (``Español``)."""
    return words.pgettext("the language's own name", "English")


def labels(words: Messages) -> Mapping[str, str]:
    """Every label the templates and scripts show, by key, in the language of `words`."""
    _ = words._
    return MappingProxyType(
        {
            "language_name": endonym(words),
            "required": flag_word(words),
            "home": _("Home"),
            "skip": _("Skip to content"),
            "language": _("Language"),
            "languages": _("Choose a language"),
            "search": _("Search"),
            "search_label": _("Search the framework"),
            "search_needs_js": _("Search needs JavaScript."),
            "no_results": _("No results."),
            "domain": _("Domain"),
            "category": _("Category"),
            "skill": _("Skill"),
            "skills": _("Skills"),
            "role": _("Role"),
            "roles": _("Roles"),
            "level": _("Level"),
            "levels": _("Levels"),
            "description": _("Description"),
            "family": _("Family"),
            "title": _("Title"),
            "focus": _("Focus"),
            "stack": _("Stack"),
            "at_each_level": _("At each level"),
            "other_skills": _("Other skills"),
            "other_roles": _("Other roles"),
            "skill_profile": _("Skill profile"),
            "no_expectations": _("No expectations."),
            "no_expectation": _("No expectation at this level."),
            "not_assessed": _("not assessed"),
            "framework": _("Framework"),
            "scale": _("Scale"),
            "details": _("Details"),
            "steps_mean": _("What each step means"),
            "picker": _("Your level"),
            # The seed page's own invitation, and its figures' labels.
            "picker_intro": _("Choose your current level and compare expectations."),
            "where_skill_appears": _("where this skill appears"),
            "growth_path": _("structured growth path"),
            "mandatory_requirements": _("Mandatory requirements"),
            "current_level": _("Current level"),
            "next_level": _("Next level"),
            "what_is_new": _("What is new"),
            "becomes_mandatory": _("What becomes mandatory"),
            "nothing_mandatory": _("Nothing becomes mandatory."),
            "top_level": _("This is the top level; there is no next level."),
            "compare": _("Compare with the next level"),
            "compare_levels": _("Compare each level with the next"),
            "highlight": _("Highlight a level"),
            "job": _("Job description"),
            "jobs": _("Job descriptions"),
            "markdown": _("Download as Markdown"),
            "must_have": _("Must have"),
            "also_expected": _("Also expected"),
            "assess": _("Self-assessment"),
            "assess_intro": _("Pick a role to rate yourself against its levels."),
            "assess_needs_js": _(
                "The self-assessment needs JavaScript; it keeps your ratings in this browser only."
            ),
            "assess_private": _("Your ratings stay in this browser; nothing is sent anywhere."),
            "target_level": _("Target level"),
            "your_name": _("Your name"),
            "your_rating": _("Your level"),
            "download_ratings": _("Download the ratings (CSV)"),
            # The rule in force, in the words of every other page that states it.
            "policy_all": readiness_rule("all", words),
            "policy_not_optional": readiness_rule("not-optional", words),
            "ready_all": _("Ready: every item is met."),
            "ready_mandatory": _("Ready: every item not marked optional is met."),
            "not_ready": _("Not ready"),
            "items_met": _("Items met"),
            "mandatory_met": _("Mandatory met"),
            "still_to_cover": _("Still to cover"),
            "nothing_left": _("Nothing left to cover."),
            "to_cover": _("To cover"),
            "me": _("Me"),
        }
    )
