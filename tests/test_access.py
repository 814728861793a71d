"""Every URL of the portal x every role, with the expected status (tests/access_matrix.py).

A URL added without a row in the matrix fails test_every_url_has_a_row_in_the_matrix. The admin
is tested model by model in tests/test_admin.py.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories
from tests.access_matrix import EXTRA_ROWS, MATRIX, ROLES

pytestmark = pytest.mark.django_db

# Included URL sets that are tested elsewhere, with why.
NOT_IN_MATRIX = {
    "admin": "tests/test_admin.py opens each admin page for each role",
    "i18n": "Django's set_language view, open to everyone by design",
}


def all_url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in NOT_IN_MATRIX or str(entry.pattern).strip("/") in NOT_IN_MATRIX:
                continue
            yield from all_url_names(entry, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}"


def test_every_url_has_a_row_in_the_matrix():
    assert sorted(set(all_url_names())) == sorted(MATRIX)


@pytest.fixture
def records():
    """One record of each kind the paths name, and a password-reset link of another user.

    The reset link is not a role's: signing in as that role would change its last_login and
    invalidate its token.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from workshops.answer import answer_token

    someone = factories.UserFactory(username="forgetful")
    participant = factories.ParticipantFactory()
    document = factories.DocumentFactory(event=participant.event)
    draft = factories.LessonFactory(event=participant.event)  # ECOWAS's
    published = factories.LessonFactory(
        event=participant.event, stage="validated", visibility="public"
    )
    return {
        "lesson": draft.pk,
        "public_lesson": published.pk,
        "attachment": factories.AttachmentFactory(lesson=draft).pk,
        "event": participant.event.pk,
        "participant": participant.pk,
        "document": document.pk,
        "notice": factories.NoticeFactory(event=participant.event, state="sent").pk,
        "mandate": factories.MandateFactory().pk,
        "uid": urlsafe_base64_encode(force_bytes(someone.pk)),
        "token": default_token_generator.make_token(someone),
        "answer_token": answer_token(participant),
        "organisation": factories.organisation("ECOWAS").pk,
        "person": factories.PersonFactory(organisation=factories.organisation("ECOWAS")).pk,
    }


@pytest.fixture
def user_for(request):
    def get(role):
        return None if role == "anonymous" else request.getfixturevalue(f"{role}_user")

    return get


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX | EXTRA_ROWS))
def test_each_role_gets_the_expected_status(client, user_for, records, name, role):
    method, path, expected = (MATRIX | EXTRA_ROWS)[name]
    user = user_for(role)
    if user is not None:
        client.force_login(user)

    response = getattr(client, method)(path.format(**records), follow=False)
    response.close()  # a download streams its file and holds it open until closed

    assert response.status_code == expected[role], f"{method.upper()} {path} as {role}"
