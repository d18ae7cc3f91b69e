"""The rich-text sanitizer, and that every write path stores and shows only clean HTML."""

import pytest

from association.models import Page
from core.richtext import html_to_text, sanitize_html
from members.models import Zone
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PageFactory, ZoneFactory

MALICIOUS = (
    "<p>正文开头</p>"
    "<script>alert('xss')</script>"
    '<img src="x" onerror="alert(1)" alt="示意图">'
    '<a href="javascript:alert(1)" onclick="steal()">点此领奖</a>'
    '<a href="JaVaScRiPt:alert(2)">大小写混写</a>'
    '<a href="&#106;avascript:alert(3)">实体编码</a>'
    '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="数据地址">'
    '<iframe src="https://evil.example/"></iframe>'
    "<style>body{display:none}</style>"
    '<p style="position:fixed;top:0">带样式的段落</p>'
    "<svg onload=alert(4)><circle r=1 /></svg>"
    '<object data="x.swf"></object><form action="https://evil.example/"><input name="pw"></form>'
    "<p>正文结尾</p>"
)
FORBIDDEN = [
    "<script",
    "onerror=",
    "onclick=",
    "onload=",
    "javascript:",
    "data:",
    "<iframe",
    "<style",
    "style=",
    "<svg",
    "<object",
    "<form",
    "<input",
    "alert(",
]


def assert_clean(html: str):
    lowered = html.lower()
    for needle in FORBIDDEN:
        assert needle not in lowered, needle
    assert "正文开头" in html and "正文结尾" in html


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("<p>甲<script>alert(1)</script>乙</p>", "<p>甲乙</p>"),
        ('<img src="/a.png" onerror="alert(1)" alt="图">', '<img src="/a.png" alt="图">'),
        ('<p onclick="x()">段落</p>', "<p>段落</p>"),
        (
            '<a href="javascript:alert(1)">链接</a>',
            '<a rel="noopener noreferrer nofollow">链接</a>',
        ),
        ('<img src="data:image/png;base64,AAAA" alt="图">', '<img alt="图">'),
        ('<iframe src="https://evil.example/"></iframe>外', "外"),
        ("<style>p{color:red}</style><p>红</p>", "<p>红</p>"),
        ('<p style="color:red">红</p>', "<p>红</p>"),
        ("<svg onload=alert(1)><circle/></svg>", ""),
        ("<!-- 注释 --><p>正文</p>", "<p>正文</p>"),
    ],
)
def test_sanitize_removes_dangerous_markup(dirty, clean):
    assert sanitize_html(dirty) == clean


@pytest.mark.parametrize(
    "html",
    [
        "<p><strong>加粗</strong><em>强调</em><u>下划线</u></p>",
        "<h2>标题二</h2><h3>标题三</h3><blockquote>引用</blockquote>",
        '<ul><li>一</li></ul><ol start="3"><li>三</li></ol>',
        '<figure class="image"><img src="/media/editor/a.png" alt="园区全景">'
        "<figcaption>园区全景</figcaption></figure>",
        '<table><thead><tr><th colspan="2">指标</th></tr></thead>'
        "<tbody><tr><td>产值</td><td>100亿元</td></tr></tbody></table>",
        '<span class="text-big">大字</span>',
    ],
)
def test_sanitize_keeps_allowed_markup(html):
    assert sanitize_html(html) == html


def test_links_keep_https_and_get_a_safe_rel():
    html = sanitize_html('<a href="https://www.example.gov.cn/" target="_blank">商务部</a>')
    assert html == (
        '<a href="https://www.example.gov.cn/" rel="noopener noreferrer nofollow">商务部</a>'
    )
    assert 'href="mailto:xh@example.org"' in sanitize_html(
        '<a href="mailto:xh@example.org">邮件</a>'
    )


def test_unknown_classes_are_dropped():
    html = sanitize_html('<figure class="image evil-overlay"><img src="/a.png" alt=""></figure>')
    assert html == '<figure class="image"><img src="/a.png" alt=""></figure>'


def test_image_prefixes_limit_image_sources():
    html = sanitize_html(
        '<img src="https://evil.example/t.png" alt="外链">'
        '<img src="/media/contrib/u1/a.png" alt="自传">',
        image_prefixes=("/media/contrib/u1/",),
    )
    assert html == '<img alt="外链"><img src="/media/contrib/u1/a.png" alt="自传">'


def test_empty_values():
    assert sanitize_html(None) == ""
    assert sanitize_html("") == ""
    assert html_to_text(None) == ""


def test_html_to_text():
    assert (
        html_to_text("<p>园区<strong>产值</strong>&amp;税收</p><script>x()</script>")
        == "园区产值&税收"
    )


def test_sanitize_whole_malicious_body():
    assert_clean(sanitize_html(MALICIOUS))


@pytest.mark.django_db
def test_article_body_is_stored_sanitized_and_rendered_clean(client):
    article = ArticleFactory(title="恶意正文测试", body=MALICIOUS)
    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    assert_clean(stored)
    assert article.body == stored  # the in-memory instance matches the database
    assert '<img src="x" alt="示意图">' in stored

    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('<div class="article-body rich-text">', 1)[1].split("</div>", 1)[0]
    assert_clean(body)
    assert "onerror=" not in html and "javascript:" not in html


@pytest.mark.django_db
def test_page_body_is_stored_sanitized_and_rendered_clean(client):
    page = PageFactory(title="协会章程", slug="zhangcheng", body=MALICIOUS)
    assert_clean(Page.objects.values_list("body", flat=True).get(pk=page.pk))
    html = client.get("/about/zhangcheng/").content.decode()
    body = html.split('<div class="rich-text">', 1)[1].split("</div>", 1)[0]
    assert_clean(body)
    assert "onerror=" not in html and "javascript:" not in html


@pytest.mark.django_db
def test_zone_introduction_is_stored_sanitized_and_rendered_clean(client):
    zone = ZoneFactory(name="长沙经济技术开发区", introduction=MALICIOUS)
    assert_clean(Zone.objects.values_list("introduction", flat=True).get(pk=zone.pk))
    html = client.get(zone.get_absolute_url()).content.decode()
    body = html.split('<div class="rich-text">', 1)[1].split("</div>", 1)[0]
    assert_clean(body)
    assert "onerror=" not in html and "javascript:" not in html


@pytest.mark.django_db
def test_bulk_create_and_update_sanitize():
    column = CategoryFactory()
    Article.objects.bulk_create(
        [Article(title=f"批量导入{n}", category=column, body=MALICIOUS) for n in range(3)]
    )
    for body in Article.objects.values_list("body", flat=True):
        assert_clean(body)

    Article.objects.update(body='<p>正文开头</p><img src=x onerror="alert(1)"><p>正文结尾</p>')
    for body in Article.objects.values_list("body", flat=True):
        assert_clean(body)

    Page.objects.bulk_create([Page(title="联系我们", slug="lianxi", body=MALICIOUS)])
    assert_clean(Page.objects.get(slug="lianxi").body)
