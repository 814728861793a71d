"""Finding organisations by what people type or what a file says: any name, acronym or alias, in
any language, accents and case ignored ("cedeao", "Union africaine", "ECOWAS").

Every name an organisation goes by is kept plain in ``Organisation.search_names``, between
marks ("|ecowas|cedeao|economic community of west african states|...|"), so one query on one
table answers, on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.utils import translation

from ssrportal.languages import Language
from ssrportal.text import plain

from .models import Organisation, OrganisationName
from .models.organisation import NAME_MARK, NameKind

MAX_RESULTS = 20

# The columns the pickers and the directory list show.
LABEL_FIELDS = (
    "acronym",
    "acronym_fr",
    "acronym_pt",
    "name",
    "name_fr",
    "name_pt",
    "kind",
    "active",
    "ended_on",
    "parent__acronym",
    "parent__acronym_fr",
    "parent__acronym_pt",
    "parent__name",
    "parent__name_fr",
    "parent__name_pt",
)


def labelled(queryset=None):
    """Organisations with what their label needs (their parent), and only that."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    return queryset.select_related("parent").only(*LABEL_FIELDS)


def find_organisations(text: str, *, limit: int = MAX_RESULTS, queryset=None) -> list:
    """At most ``limit`` organisations with every word of ``text`` in one of their names,
    acronyms (in any language) or aliases; accents and case ignored. Best first: a name or
    acronym equal to the text ("CEDEAO"), then one starting with it, then the others, each by
    name. One query."""
    words = plain(text)
    if not words:
        return []
    return list(ranked(words, queryset)[:limit])


def ranked(words: str, queryset=None):
    """The matching organisations as a queryset, best first (see find_organisations)."""
    whole, start = f"{NAME_MARK}{words}{NAME_MARK}", f"{NAME_MARK}{words}"
    rank = Case(
        When(search_names__contains=whole, then=Value(0)),
        When(search_names__contains=start, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        labelled(queryset)
        .matching(words)
        .annotate(search_rank=rank)
        .order_by("search_rank", "name", "pk")
    )


def look_alikes(*texts: str, limit: int = 10, exclude_pk=None) -> list:
    """Organisations that may be the one being typed in: those any of ``texts`` (a name, an
    acronym) finds, best first and each once. One query per text."""
    found: dict[int, Organisation] = {}
    for text in texts:
        for organisation in find_organisations(text, limit=limit):
            if organisation.pk != exclude_pk:
                found.setdefault(organisation.pk, organisation)
    return list(found.values())[:limit]


@dataclass
class NameIndex:
    """Organisations by the plain form of each of their names, to read the names a file uses.

    An acronym or alias acronym beats a name; within the best kind, several organisations for
    one name (PAPS) make the name ambiguous. Labels as pickers show them ("PAPS – Political
    Affairs, Peace and Security (ECOWAS)") name one organisation.
    """

    by_name: dict[str, dict[int, list]] = field(default_factory=dict)

    ACRONYM, NAME, LABEL = 0, 1, 2

    def add(self, name: str, organisation, rank: int) -> None:
        key = plain(name)
        if not key:
            return
        found = self.by_name.setdefault(key, {}).setdefault(rank, [])
        if organisation not in found:
            found.append(organisation)

    def find(self, text: str) -> list:
        """The organisations ``text`` names: one, several (ambiguous) or none."""
        ranks = self.by_name.get(plain(text), {})
        for rank in (self.LABEL, self.ACRONYM, self.NAME):
            if ranks.get(rank):
                return ranks[rank]
        return []


def name_index() -> NameIndex:
    """Every organisation by every name, acronym and alias, and its label in each language.
    Two queries."""
    index = NameIndex()
    organisations = {org.pk: org for org in labelled()}
    for organisation in organisations.values():
        for acronym in (organisation.acronym, organisation.acronym_fr, organisation.acronym_pt):
            index.add(acronym, organisation, NameIndex.ACRONYM)
        for name in (organisation.name, organisation.name_fr, organisation.name_pt):
            index.add(name, organisation, NameIndex.NAME)
        for language in Language.values:
            with translation.override(language):
                index.add(organisation.label, organisation, NameIndex.LABEL)
    aliases = OrganisationName.objects.values_list("organisation_id", "name", "kind")
    for organisation_id, name, kind in aliases:
        rank = NameIndex.ACRONYM if kind == NameKind.ACRONYM else NameIndex.NAME
        index.add(name, organisations[organisation_id], rank)
    return index
