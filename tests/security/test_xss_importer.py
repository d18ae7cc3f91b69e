"""Every XSS payload, planted in a legacy page's article body, is imported harmless."""

import pytest
from django.core.management import call_command

from news.models import Article
from tests.factories import CategoryFactory
from tests.security.html_checks import executable_content, unsafe_in_fragment
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="menu"><a href="/">首页</a> <a href="/news/">新闻中心</a></div>
<h1>{title}</h1>
<div class="info">来源：协会秘书处　发布时间：2024-05-06 10:20</div>
<div class="content">
<p>　　园区今年新签约项目十二个，总投资约四十六亿元，产业链招商取得明显成效。{payload}</p>
<p>　　下一步，园区将继续优化营商环境，推动项目早开工、早投产、早见效。</p>
</div>
<div class="footer">版权所有 © 某省开发区协会</div>
</body></html>"""


def test_payloads_in_legacy_pages_are_imported_harmless(tmp_path, client):
    CategoryFactory(slug="imported", name="园区快讯")
    for index, (_name, payload) in enumerate(PAYLOADS):
        title = f"导入安全测试第{index:03d}篇"
        (tmp_path / f"{index:03d}.html").write_text(
            PAGE.format(title=title, payload=payload), encoding="utf-8"
        )
    call_command("import_articles", str(tmp_path), "--category", "imported", stdout=None)
    imported = Article.objects.filter(title__startswith="导入安全测试")
    assert imported.count() == len(PAYLOADS)
    for article in imported:
        assert unsafe_in_fragment(article.body) == [], (article.title, article.body)
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert executable_content(page.content.decode()) == [], article.title
