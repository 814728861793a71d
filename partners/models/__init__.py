from .country import AUSuspension, Country, DatePrecision
from .framework import CoordinationFramework, FrameworkMember, WorkingGroup
from .organisation import Membership, NameKind, Organisation, OrganisationName
from .person import Person, User

__all__ = [
    "AUSuspension",
    "CoordinationFramework",
    "Country",
    "DatePrecision",
    "FrameworkMember",
    "Membership",
    "NameKind",
    "Organisation",
    "OrganisationName",
    "Person",
    "User",
    "WorkingGroup",
]
