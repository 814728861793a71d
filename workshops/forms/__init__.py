"""Forms of the secretariat workspace: the event and mandate forms with their ordered rows."""

from .event import EventForm, EventForms
from .mandate import MandateForm, MandateForms

__all__ = ["EventForm", "EventForms", "MandateForm", "MandateForms"]
