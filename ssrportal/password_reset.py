"""Password reset mail sent from a task, so that the page answers in the same time whether or
not the address is known (the lookup, the token and the mail are the worker's), and an address
cannot be probed by timing the answer.

The page only validates the address and publishes the task. When the broker does not answer
(Redis down), the mail is sent in the request instead: slower, never an error.
"""

import logging

from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView

from ssrportal.celery import publish

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    """Send the reset mail to the active accounts of ``email``, if any."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=PasswordResetView.subject_template_name,
            email_template_name=PasswordResetView.email_template_name,
        )


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        email = self.cleaned_data["email"]
        domain = domain_override or (request.get_host() if request else "")
        arguments = {"email": email, "domain": domain, "use_https": use_https}
        if not publish(send_password_reset, [{"kwargs": arguments}]):
            logger.warning("Password reset not handed to a worker: sent from the request")
            send_password_reset.apply(kwargs=arguments)


class QueuedPasswordResetView(PasswordResetView):
    form_class = QueuedPasswordResetForm
