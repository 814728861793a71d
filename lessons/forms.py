"""The lesson form (text, labels, attachments), the move form and the comment form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.forms import OrganisationChoiceField
from partners.models import Organisation
from ssrportal.dates import DATE_WINDOW_MESSAGE, in_window
from workshops import choices, versions
from workshops.filters import DateInput
from workshops.forms.documents import DOCUMENT_TYPES, checked_document
from workshops.forms.ordered import related_ids, use_choices
from workshops.models import Event

from .choices import categories
from .models import Attachment, Lesson, Stage

SAVE, SUBMIT = "save", "submit"


class LessonForm(forms.ModelForm):
    """What the event showed, what it teaches, what to do; labels; one more attachment.

    ``event`` is offered on a new lesson only, among ``events`` (those the author's organisation
    organised or took part in, or all for the secretariat); ``organisation`` only to the
    secretariat, who may record a lesson on behalf of an organisation.
    """

    # Declared, not in Meta.fields, so that their values come from the lesson's query
    # (with_related_ids) rather than a query each.
    thematic_areas = Lesson._meta.get_field("thematic_areas").formfield(
        widget=forms.CheckboxSelectMultiple
    )
    countries = Lesson._meta.get_field("countries").formfield(
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The countries the lesson concerns. Hold Ctrl (⌘ on a Mac) to pick several."),
    )
    attachment_title = forms.CharField(
        label=_("Title of the attachment"), max_length=300, required=False
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("Optional. PDF, DOCX, XLSX, PPTX or ODT; at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Remove these attachments"),
        queryset=Attachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Lesson
        fields = [
            "event",
            "organisation",
            "title",
            "observation",
            "statement",
            "recommendation",
            "level",
            "language",
            "visibility",
            "category",
        ]
        labels = {"statement": _("Lesson")}
        help_texts = {
            "category": _("The part of the work the lesson is about, if one fits."),
            "observation": _("What happened at the event, as facts."),
            "statement": _("What the observation teaches: what should be done differently."),
            "recommendation": _("Who should do what, so that the next event gains from it."),
            "visibility": _(
                "Internal lessons are seen by the portal's users only; public ones by anyone."
            ),
        }
        widgets = {
            "observation": forms.Textarea(attrs={"rows": 5}),
            "statement": forms.Textarea(attrs={"rows": 5}),
            "recommendation": forms.Textarea(attrs={"rows": 4}),
        }

    related_fields = ("thematic_areas", "countries")
    field_order = [
        "event",
        "organisation",
        "title",
        "observation",
        "statement",
        "recommendation",
        "category",
        "thematic_areas",
        "countries",
        "level",
        "language",
        "visibility",
    ]

    # The version the form was opened at: a save after someone else's is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, events=None, may_choose_organisation=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = versions.version_of(self.instance)
        for name in self.related_fields:
            if name not in self.initial:
                self.initial[name] = related_ids(self.instance, name)
        # Reference lists come from the cache, sorted by the label the reader sees.
        use_choices(choices.thematic_areas(), self.fields["thematic_areas"])
        use_choices(choices.countries(), self.fields["countries"])
        self.fields["category"].empty_label = _("No category")
        use_choices(categories(), self.fields["category"])
        if self.instance.pk:
            del self.fields["event"]
            self.fields["remove_attachments"].queryset = self.instance.attachments.all()
            self.fields["remove_attachments"].label_from_instance = lambda a: a.title
        else:
            del self.fields["remove_attachments"]
            self.fields["event"].queryset = events if events is not None else Event.objects.none()
            self.fields["event"].empty_label = _("Choose the event")
        if may_choose_organisation:
            self.fields["organisation"].queryset = Organisation.objects.only("pk")
            use_choices(choices.organisations(), self.fields["organisation"])
        else:
            del self.fields["organisation"]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return checked_document(upload) if upload else upload

    def clean(self):
        cleaned = super().clean()
        sent = cleaned.get("version", "")
        if self.instance.pk and sent != versions.current_version(Lesson, self.instance.pk):
            changes = "; ".join(versions.changes_since(self.instance, sent))
            raise forms.ValidationError(
                _(
                    "Not saved: someone else saved this lesson after you opened this form "
                    "(%(changes)s). What you typed is kept below: open the lesson as saved now "
                    "in another tab and bring your changes over."
                ),
                code="stale",
                params={"changes": changes},
            )
        if cleaned.get("attachment") and not cleaned.get("attachment_title", "").strip():
            self.add_error("attachment_title", _("Give the attachment a title."))
        if cleaned.get("attachment_title", "").strip() and not self.files.get(
            self.add_prefix("attachment")
        ):
            self.add_error("attachment", _("Choose the file to attach, or clear its title."))
        return cleaned

    def values(self) -> dict:
        """The lesson's own fields for services.save_lesson."""
        names = ["title", "observation", "statement", "recommendation", "level", "language"]
        names += ["visibility", "category"]
        names += [n for n in ("event", "organisation") if n in self.fields]
        return {name: self.cleaned_data[name] for name in names}

    def labels(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.related_fields}

    def new_attachments(self) -> list:
        upload = self.cleaned_data.get("attachment")
        return [(self.cleaned_data["attachment_title"].strip(), upload)] if upload else []


class MoveForm(forms.Form):
    """One of the moves the lesson page offers: the stage, and what that move needs."""

    to_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Found by typing among every organisation: the page holds the chosen one only.
    action_body = OrganisationChoiceField(label=_("Action body"), required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput)
    done = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, stage: str, fields=(), **kwargs):
        """The form of the move to ``stage``, with only ``fields`` (and ids of its own: the
        page shows one form per move)."""
        kwargs.setdefault("auto_id", f"move-{stage}-%s")
        kwargs.setdefault("initial", {"to_stage": stage})
        super().__init__(*args, **kwargs)
        self.stage = stage
        for name in [n for n in self.fields if n != "to_stage" and n not in fields]:
            del self.fields[name]

    def clean_due_date(self):
        day = self.cleaned_data["due_date"]
        if day is not None and not in_window(day):
            raise forms.ValidationError(DATE_WINDOW_MESSAGE)
        return day

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("action_body")
        if body is not None:
            # Shown again with an error elsewhere: the body's label comes from the row that
            # validation read, not from a second query.
            field = self.fields["action_body"]
            field.widget.labels = {str(body.pk): field.label_from_instance(body)}
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
