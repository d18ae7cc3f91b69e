"""The language of a request."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SiteLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, short while the site offers one language.

    With one language in ``LANGUAGES`` (and no language prefixes in the URLs) every request
    gets it, whatever its cookie or ``Accept-Language`` asks for, so there is nothing to
    negotiate: the language is activated and named in ``Content-Language``, and responses
    carry no ``Vary: Accept-Language`` (they don't vary, and a CDN would otherwise keep a
    copy per header value). On an uncached page the negotiation was a few percent of the
    request. With more languages this is Django's middleware, unchanged.
    """

    def _one_language(self, request) -> str | None:
        if len(settings.LANGUAGES) != 1:
            return None
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if is_language_prefix_patterns_used(urlconf)[0]:
            return None
        try:
            return translation.get_supported_language_variant(settings.LANGUAGE_CODE)
        except LookupError:  # a misconfiguration (translation.E004): Django falls back too
            return settings.LANGUAGE_CODE

    def process_request(self, request):
        language = self._one_language(request)
        if language is None:
            return super().process_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None

    def process_response(self, request, response):
        if self._one_language(request) is None:
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
