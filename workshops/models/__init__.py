from .event import (
    Event,
    EventContact,
    EventExpectedResult,
    EventKind,
    EventObjective,
    EventOrganiser,
    EventStatus,
    EventTranslation,
    OrganiserRole,
)
from .mandate import Mandate, MandateObjective, MandateOutput, MandateStatus
from .notice import Notice, NoticeKind, NoticeState, NoticeTemplate, about_fields
from .participant import Answer, Attendance, Document, DocumentKind, Participant, ParticipantGroup
from .vocabulary import TargetOrganisationType, ThematicArea

__all__ = [
    "Answer",
    "Attendance",
    "Document",
    "DocumentKind",
    "Event",
    "EventContact",
    "EventExpectedResult",
    "EventKind",
    "EventObjective",
    "EventOrganiser",
    "EventStatus",
    "EventTranslation",
    "Mandate",
    "MandateObjective",
    "MandateOutput",
    "MandateStatus",
    "Notice",
    "NoticeKind",
    "NoticeState",
    "NoticeTemplate",
    "OrganiserRole",
    "Participant",
    "ParticipantGroup",
    "TargetOrganisationType",
    "ThematicArea",
    "about_fields",
]
