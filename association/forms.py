"""The public guestbook form and its spam checks.

The checks are invisible to people: a honeypot field that CSS hides (labelled, for anyone
who sees it anyway, to be left empty), a minimum time between showing the form and sending
it (a signed timestamp, so nothing is stored per visitor), and a limit on links. No CAPTCHA.
The per-address rate limit is applied by the view, after these checks pass.
"""

import re
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import GuestbookMessage

TIMESTAMP_SALT = "association.guestbook.started"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 3600
MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def form_timestamp(now: float | None = None) -> str:
    """A signed token recording when the form was shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=TIMESTAMP_SALT)


class GuestbookForm(forms.ModelForm):
    """Name, private contact, subject and message, plus the hidden anti-spam fields."""

    # A field people never see; automated scripts tend to fill every input they find.
    remark = forms.CharField(
        label=_("此项请留空（用于识别自动程序）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GuestbookMessage
        fields = ["name", "contact", "subject", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_timestamp()
        self.is_spam = False

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(LINK.findall(message)) > MAX_LINKS:
            raise forms.ValidationError(
                _("留言中的网址太多了，最多只能包含 %(count)d 个。"), params={"count": MAX_LINKS}
            )
        return message

    def clean(self):
        cleaned = super().clean()
        # Filled in by a script: the view pretends success and stores nothing.
        self.is_spam = bool(cleaned.get("remark"))
        self._check_fill_time(cleaned.get("started") or "")
        return cleaned

    def _check_fill_time(self, token: str) -> None:
        try:
            started = int(signing.loads(token, salt=TIMESTAMP_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            self._refresh_timestamp()
            self.add_error(None, _("表单校验信息无效，请再提交一次。您填写的内容已保留。"))
            return
        elapsed = time.time() - started
        if elapsed > MAX_FORM_AGE:
            self._refresh_timestamp()
            self.add_error(None, _("页面打开太久，表单已过期，请再提交一次。您填写的内容已保留。"))
        elif elapsed < MIN_FILL_SECONDS:
            self.add_error(None, _("提交得太快了，请稍等几秒后再提交。您填写的内容已保留。"))

    def _refresh_timestamp(self) -> None:
        """Give the re-displayed form a fresh token, so that the next try can pass."""
        data = self.data.copy()
        data[self.add_prefix("started")] = form_timestamp()
        self.data = data
