from .country import AUSuspension, Country, DatePrecision
from .framework import CoordinationFramework, FrameworkMember, WorkingGroup
from .organisation import Membership, Organisation
from .person import Person, User

__all__ = [
    "AUSuspension",
    "CoordinationFramework",
    "Country",
    "DatePrecision",
    "FrameworkMember",
    "Membership",
    "Organisation",
    "Person",
    "User",
    "WorkingGroup",
]
