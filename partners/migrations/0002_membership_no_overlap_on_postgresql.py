"""Periods of one country in one REC/RM must not overlap: an exclusion constraint.

PostgreSQL only (it needs btree_gist and a GiST index); on SQLite, Membership.clean() checks the
same rule. The period is [joined_on, left_on): an empty date is an open bound.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE partners_membership
    ADD CONSTRAINT partners_membership_no_overlap
    EXCLUDE USING gist (
        country_id WITH =,
        organisation_id WITH =,
        daterange(joined_on, left_on, '[)') WITH &&
    );
"""
DROP = "ALTER TABLE partners_membership DROP CONSTRAINT IF EXISTS partners_membership_no_overlap;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
