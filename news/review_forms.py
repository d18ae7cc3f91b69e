"""The reviewer's decision form."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewDecisionForm(forms.Form):
    """Approve (now or at a time), return with a comment, or reject with a reason."""

    APPROVE, RETURN, REJECT = "approve", "return", "reject"

    decision = forms.ChoiceField(
        label=_("审核结果"),
        choices=[(APPROVE, _("通过并发布")), (RETURN, _("退回修改")), (REJECT, _("不予采用"))],
        widget=forms.RadioSelect,
    )
    publish_at = forms.DateTimeField(
        label=_("定时发布"),
        required=False,
        help_text=_("留空则立即发布；填写将来的时间则到时自动发布。"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    comment = forms.CharField(
        label=_("审核意见"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("退回或不予采用时必填，投稿人会看到。"),
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in (self.RETURN, self.REJECT) and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("退回或不予采用时请写明意见。"))
        publish_at = cleaned.get("publish_at")
        if (
            decision == self.APPROVE
            and publish_at
            and publish_at < timezone.now() - dt.timedelta(minutes=5)
        ):
            self.add_error("publish_at", _("定时发布的时间不能早于现在。"))
        return cleaned
