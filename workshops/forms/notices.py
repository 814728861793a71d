"""The secretariat's wording of a notice: refused, with the error, unless it renders."""

from django import forms

from workshops.models import NoticeTemplate
from workshops.notices import wording


class WordingForm(forms.ModelForm):
    """Subject and body of one kind and language; each is checked on the kind's placeholders."""

    class Meta:
        model = NoticeTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})}

    def __init__(self, *args, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind or self.instance.kind

    def _checked(self, name: str) -> str:
        value = self.cleaned_data[name]
        try:
            wording.check(self.kind, value)
        except wording.WordingError as error:
            raise forms.ValidationError(str(error), code="broken_wording") from error
        return value

    def clean_subject(self):
        return self._checked("subject")

    def clean_body(self):
        return self._checked("body")


class AdminWordingForm(WordingForm):
    class Meta(WordingForm.Meta):
        fields = ["kind", "language", "subject", "body"]

    def _checked(self, name: str) -> str:
        self.kind = self.cleaned_data.get("kind") or self.instance.kind
        return super()._checked(name) if self.kind else self.cleaned_data[name]
