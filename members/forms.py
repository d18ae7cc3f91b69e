"""Forms of the zone staff's side of the site: contributions and invitations."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from core.images import reencode_image
from core.richtext import RichTextWidget, sanitize_html
from news.models import Article, Category

from .permissions import member_zones

COVER_TOKEN_SALT = "members.contribution-cover"


def contributor_image_folder(user) -> str:
    """Where a zone user's editor uploads and covers are stored."""
    return f"contrib/u{user.pk}"


class ContributionForm(forms.ModelForm):
    """Title, column, zone, summary, body, cover, source and author of a contribution.

    An uploaded cover is stored at once and carried in a signed hidden token, so a form
    sent back with errors keeps the image as well as the text.
    """

    cover_token = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = [
            "title",
            "zone",
            "category",
            "summary",
            "body",
            "cover",
            "cover_alt",
            "source",
            "author",
        ]
        widgets = {
            "body": RichTextWidget(config_name="contribution"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "cover": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        }
        help_texts = {"source": _("例如：某某经开区管委会"), "author": _("撰稿人姓名")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["zone"].queryset = member_zones(user)
        self.fields["zone"].empty_label = None
        self.fields["zone"].required = True
        self.fields["category"].queryset = Category.objects.filter(open_for_contributions=True)
        self.fields["category"].empty_label = _("请选择栏目")
        self.fields["body"].required = True
        self.fields["cover_alt"].help_text = _(
            "有封面图时必填：一句话描述图片内容，供读屏软件朗读。"
        )
        self.retained_cover = ""

    def clean_body(self):
        prefix = f"{settings.MEDIA_URL}{contributor_image_folder(self.user)}/"
        body = sanitize_html(self.cleaned_data.get("body"), image_prefixes=(prefix,))
        if not body.strip():
            raise forms.ValidationError(_("请填写正文。"))
        return body

    def clean_cover(self):
        upload = self.files.get(self.add_prefix("cover"))
        if upload:
            name, content = reencode_image(upload, folder=contributor_image_folder(self.user))
            stored = default_storage.save(name, content)
            self.retained_cover = stored
            return stored
        token = self.data.get(self.add_prefix("cover_token"))
        if token:
            try:
                owner, name = signing.loads(token, salt=COVER_TOKEN_SALT, max_age=7 * 86400)
            except signing.BadSignature:
                return None
            if owner == self.user.pk:
                self.retained_cover = name
                return name
        return None

    def clean(self):
        """A cover image needs its text alternative (GB/T 37668, WCAG 1.1.1)."""
        cleaned = super().clean()
        has_cover = bool(cleaned.get("cover") or (self.instance.pk and self.instance.cover))
        if has_cover and not (cleaned.get("cover_alt") or "").strip():
            self.add_error(
                "cover_alt",
                _("有封面图时必须填写封面图说明：用一句话描述图片内容，供视障读者的读屏软件朗读。"),
            )
        return cleaned

    @property
    def cover_token_value(self) -> str:
        """Signed reference to the cover uploaded with an earlier, invalid submission."""
        if not self.retained_cover:
            return ""
        return signing.dumps([self.user.pk, self.retained_cover], salt=COVER_TOKEN_SALT)

    @property
    def retained_cover_url(self) -> str:
        return default_storage.url(self.retained_cover) if self.retained_cover else ""


class InviteColleagueForm(forms.Form):
    """A zone admin adds a colleague to the same zone by email."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    email = forms.EmailField(label=_("电子邮箱"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        existing = get_user_model().objects.filter(email__iexact=email).first()
        if existing is not None and (existing.is_staff or existing.is_superuser):
            raise forms.ValidationError(_("该邮箱属于协会工作人员，不能加入园区账号。"))
        return email
