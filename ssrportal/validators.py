"""Validators shared by the apps' models."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Africa/Addis_Ababa."),
            code="invalid_time_zone",
            params={"value": value},
        )
