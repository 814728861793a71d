"""Who may use each URL: every URL of the portal x every role, with the expected status.

A URL that is added without a row here fails test_every_url_has_a_row_in_the_matrix. The admin
is tested model by model in tests/test_admin.py.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "secretariat", "focal_point", "other_focal_point", "admin"]

# url name -> (path, {role: expected status})
MATRIX = {
    "home": ("/", dict.fromkeys(ROLES, 302)),
    "healthz": ("/healthz", dict.fromkeys(ROLES, 200)),
}

# Included URL sets that are tested elsewhere, with why.
NOT_IN_MATRIX = {
    "admin": "tests/test_admin.py opens each admin page for each role",
    "i18n": "Django's set_language view, open to everyone by design",
}


def all_url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or entry.app_name
            if namespace in NOT_IN_MATRIX or str(entry.pattern).rstrip("/") in NOT_IN_MATRIX:
                continue
            new_prefix = f"{prefix}{namespace}:" if namespace else prefix
            yield from all_url_names(entry, new_prefix)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}"


def test_every_url_has_a_row_in_the_matrix():
    assert sorted(all_url_names()) == sorted(MATRIX)


@pytest.fixture
def user_for(request):
    def get(role):
        if role == "anonymous":
            return None
        return request.getfixturevalue(f"{role}_user")

    return get


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_status(client, user_for, name, role):
    path, expected = MATRIX[name]
    user = user_for(role)
    if user is not None:
        client.force_login(user)

    response = client.get(path)

    assert response.status_code == expected[role]
