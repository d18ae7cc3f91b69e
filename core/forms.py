"""How forms render their widgets."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class PortalFormRenderer(Jinja2):
    """Django's Jinja2 widget templates, several times faster than its Django templates
    (the /news/ filter form draws hundreds of options on every request). A widget that
    ships only a Django template (CKEditor 5's, django-filter's) renders with that."""

    @cached_property
    def fallback(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
