"""The demo contributor's contributions, one in each review state, made through the
workflow services so that their history reads like a real one."""

from django.utils import timezone

from news import services
from news.models import Article

# (title, final state, reviewer's comment, body paragraphs)
STORIES = [
    (
        "园区企业服务专员制度运行情况（草稿）",
        Article.Status.DRAFT,
        "",
        ["园区自今年起为重点企业配备服务专员，本文介绍第一季度的运行情况。"],
    ),
    (
        "园区新能源汽车零部件产业链招商成果",
        Article.Status.PENDING,
        "",
        [
            "今年以来，园区围绕新能源汽车零部件产业链开展精准招商，新签约项目十二个。",
            "其中电池结构件、电驱动系统项目各三个，预计年内全部开工建设。",
        ],
    ),
    (
        "园区举办专精特新企业融资对接会",
        Article.Status.RETURNED,
        "请补充参会企业数量和达成的融资意向金额，并附一张现场照片。",
        ["园区联合多家银行举办专精特新企业融资对接会，现场气氛热烈。"],
    ),
    (
        "园区食堂菜价调整通知",
        Article.Status.REJECTED,
        "内容属于园区内部事务，不适合在协会网站发布，建议在园区官网公布。",
        ["自下月起，园区职工食堂部分菜品价格调整。"],
    ),
    (
        "园区智能制造产业园一期竣工投产",
        Article.Status.PUBLISHED,
        "",
        [
            "园区智能制造产业园一期工程近日竣工，首批入驻的八家企业同步投产。",
            "产业园总建筑面积二十万平方米，配套建设了研发中心和人才公寓。",
        ],
    ),
]


def seed_contributions(*, contributor, reviewer, zone, column) -> int:
    """Create the missing stories (matched by title); returns how many were created."""
    created = 0
    for title, state, comment, paragraphs in STORIES:
        if Article.objects.filter(submitted_by=contributor, title=title).exists():
            continue
        data = {
            "title": title,
            "zone": zone,
            "category": column,
            "summary": paragraphs[0][:60],
            "body": "".join(f"<p>{text}</p>" for text in paragraphs),
            "source": zone.name,
            "author": contributor.get_full_name() or contributor.get_username(),
        }
        article = services.contribution_save(
            user=contributor, article=None, data=data, submit=state != Article.Status.DRAFT
        )
        if state == Article.Status.RETURNED:
            services.article_return(article=article, reviewer=reviewer, comment=comment)
        elif state == Article.Status.REJECTED:
            services.article_reject(article=article, reviewer=reviewer, comment=comment)
        elif state == Article.Status.PUBLISHED:
            services.article_approve(
                article=article,
                reviewer=reviewer,
                publish_at=timezone.now() - timezone.timedelta(days=2),
            )
        created += 1
    return created
