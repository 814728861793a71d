"""The directory's pages: organisations found by any of their names, an organisation's page,
the search the pickers ask, adding a missing organisation in place, and a focal point's account.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from ssrportal.access import predicate_required, signed_in
from ssrportal.text import plain
from ssrportal.widgets import search_results

from . import services
from .forms import OrganisationAddForm
from .models import Country, Membership, Organisation, OrganisationName, Person
from .models.organisation import REGIONAL_KINDS, OrganisationKind
from .permissions import EditorRequired, ReaderRequired, can_edit_directory
from .search import MAX_RESULTS, find_organisations, labelled, look_alikes, ranked

PAGE_SIZE = 50
PEOPLE_SHOWN = 50
MIN_QUERY = 2


def result_detail(organisation: Organisation) -> str:
    """The second line of a picker's option: the kind, and the end if it has ended."""
    kind = OrganisationKind(organisation.kind).label if organisation.kind else ""
    if organisation.ended_on:
        return _("%(kind)s · until %(date)s") % {"kind": kind, "date": organisation.ended_display}
    return str(kind)


def as_result(organisation: Organisation) -> dict:
    return search_results([organisation], text=lambda o: o.label, detail=result_detail)["results"][
        0
    ]


class OrganisationListView(ReaderRequired, ListView):
    """The directory's organisations by name, or those ?q= finds by any name, acronym or alias
    (best first), 50 a page.

    Queries (4 whatever the rows): the session, the user, the count, the page with parents.
    """

    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()
        if self.query:
            return ranked(self.query)
        return labelled().order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["can_edit"] = can_edit_directory(self.request.user)
        return context


class OrganisationDetailView(ReaderRequired, DetailView):
    """An organisation: its names in each language, other and former names with their dates
    and sources, parent and parts, predecessors and successor, member states (RECs and RMs),
    and its people (the first 50), with "Create a focal-point account" for the secretariat.

    Queries (8 whatever the rows): the session, the user; the organisation with parent,
    successor, headquarters and its number of people; its other names; its parts; its
    predecessors; its memberships with countries (RECs and RMs only, else none); its people
    with their account.
    """

    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("parent", "successor", "headquarters").annotate(
            people_count=Count("people")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        context["aliases"] = list(OrganisationName.objects.filter(organisation=organisation))
        context["children"] = list(labelled(organisation.children.all()).order_by("name"))
        context["predecessors"] = list(
            labelled(organisation.predecessors.all()).order_by("ended_on", "name")
        )
        context["memberships"] = (
            list(
                Membership.objects.filter(organisation=organisation)
                .select_related("country")
                .order_by("country__name_en", "joined_on")
            )
            if organisation.kind in REGIONAL_KINDS
            else []
        )
        context["people"] = list(
            Person.objects.filter(organisation=organisation)
            .select_related("user")
            .only("title", "full_name", "position", "email", "is_focal_point", "user__username")
            .order_by("full_name", "pk")[:PEOPLE_SHOWN]
        )
        context["people_shown"] = PEOPLE_SHOWN
        context["can_edit"] = can_edit_directory(self.request.user)
        context["names_by_language"] = names_by_language(organisation)
        return context


def names_by_language(organisation: Organisation) -> list[tuple[str, str, str, str]]:
    """[(language code, language name, acronym, name)] for the languages it has names in."""
    rows = [("en", _("English"), organisation.acronym, organisation.name)]
    for code, label in (("fr", _("French")), ("pt", _("Portuguese"))):
        acronym = getattr(organisation, f"acronym_{code}")
        name = getattr(organisation, f"name_{code}")
        if acronym or name:
            rows.append((code, label, acronym, name))
    return rows


@predicate_required(signed_in)
@require_GET
def organisation_search(request):
    """The pickers' options: at most 20 organisations whose name, acronym (in any language) or
    alias holds every word of ?q=, accents and case ignored, best first, each labelled with its
    parent. JSON: {"results": [{"value", "text", "detail"}]}.

    Queries: the session, the user, the organisations (with their parents).
    """
    query = request.GET.get("q", "").strip()[:100]
    found = find_organisations(query, limit=MAX_RESULTS) if len(query) >= MIN_QUERY else []
    return JsonResponse(search_results(found, text=lambda o: o.label, detail=result_detail))


@predicate_required(signed_in)
@require_GET
def country_search(request):
    """The countries whose name in any language, or ISO code, starts a word with ?q=, accents
    and case ignored (at most 20, in the reader's order). The list is short (the AU's 55 and a
    few others), so it is matched in Python.

    Queries: the session, the user, the countries.
    """
    query = plain(request.GET.get("q", "")[:100])
    found = []
    if query:
        for country in Country.objects.all():
            names = [country.iso2, country.iso3, country.name_en, country.name_fr, country.name_pt]
            words = {word for name in names if name for word in plain(name).split()}
            spelled = {plain(name) for name in names if name}
            if any(name.startswith(query) for name in spelled) or query in words:
                found.append(country)
    found.sort(key=lambda country: plain(str(country)))
    return JsonResponse(search_results(found[:MAX_RESULTS]))


def safe_next(request) -> str:
    """?next= when it is a page of the portal: a path. redirect() reads anything else as the
    name of a URL pattern ("00:11": a namespace "00", a 500)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else ""


class OrganisationAddView(EditorRequired, View):
    """Add a missing organisation, after seeing those that look alike.

    1. The form (name, acronym, kind, parent, country); ?name= fills the name.
    2. A valid form whose name or acronym finds organisations (accents, case, acronyms and
       aliases ignored) is shown again with them: choose one, or confirm a new one.
    3. Confirmed, or with no look-alike, the organisation is created.

    As a page it then goes to ?next= (or the new organisation's page); in a picker's modal
    (?modal=1, static/js/search-select.js) it answers the new organisation as JSON, which the
    picker adds and chooses.
    """

    def get(self, request):
        form = OrganisationAddForm(initial={"name": request.GET.get("name", "").strip()[:300]})
        return self.show(form)

    def post(self, request):
        form = OrganisationAddForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        data = form.cleaned_data
        alikes = look_alikes(*filter(None, [data["name"], data["acronym"]]))
        if alikes and not data["confirm"]:
            return self.show(form, alikes=alikes)
        organisation = services.add_organisation(
            name=data["name"],
            acronym=data["acronym"],
            kind=data["kind"],
            parent=data["parent"],
            headquarters=data["headquarters"],
            by=request.user,
        )
        organisation = labelled().get(pk=organisation.pk)
        if self.in_modal:
            return JsonResponse(as_result(organisation), status=201)
        messages.success(
            request,
            _("%(organisation)s was added to the directory.")
            % {"organisation": organisation.label},
        )
        return redirect(safe_next(request) or organisation.get_absolute_url())

    @property
    def in_modal(self) -> bool:
        return (self.request.POST.get("modal") or self.request.GET.get("modal")) == "1"

    def show(self, form, *, alikes=()):
        context = {
            "form": form,
            "alikes": alikes,
            "modal": self.in_modal,
            "next": safe_next(self.request),
        }
        template = (
            "partners/includes/organisation_add_modal.html"
            if self.in_modal
            else "partners/organisation_add.html"
        )
        return render(self.request, template, context)


@predicate_required(can_edit_directory)
@require_POST
def person_create_account(request, pk):
    """Create a focal-point account for a person of the directory and mail the invitation to
    set a password; back to their organisation's page with what happened."""
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    back = redirect(
        person.organisation.get_absolute_url()
        if person.organisation
        else "partners:organisation_list"
    )
    try:
        invitation = services.create_focal_point_account(person=person, by=request.user)
    except services.AccountRefused as refusal:
        messages.error(request, str(refusal))
        return back
    names = {"name": person.display_name, "email": invitation.user.email}
    if invitation.sent:
        messages.success(
            request,
            _(
                "%(name)s now has a focal-point account; an invitation to choose a password "
                "was sent to %(email)s."
            )
            % names,
        )
    else:
        messages.warning(
            request,
            _(
                "%(name)s now has a focal-point account, but the invitation could not be sent "
                "(the mail server did not answer). %(name)s can ask for a link with "
                "“Forgotten your password?” on the sign-in page, using %(email)s."
            )
            % names,
        )
    return back
