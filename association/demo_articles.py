"""Deterministic demo articles for ``manage.py seed_demo``.

``build_article(i, ctx)`` returns the fields of demo article number ``i``. The same ``i``
always gives the same text, column and zone (``random.Random`` seeded with ``i``), so a run
that tops up from 30 to 120 articles builds the same site as one that creates 120 at once.
The first few numbers are the special cases a demo needs: the headline, the carousel,
pinned notices, a scheduled article, pending contributions and drafts.
Every sentence here was written for this project.
"""

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEED = "dz-portal-demo"
HISTORY_DAYS = 540  # about 18 months

# Demo articles are recognised by their publisher (and by having no ``created_by``):
# ``seed_demo`` counts them to create only the shortfall on a re-run.
DEMO_PUBLISHERS = ("协会秘书处", "宣传信息部", "会员服务部")


def _lines(text: str) -> tuple[str, ...]:
    """The non-blank lines of a block of text, stripped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split("、"))


def _texts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, paragraphs) from a block whose two parts are separated by a '---' line."""
    titles, paragraphs = text.split("---")
    return _lines(titles), _lines(paragraphs)


AUTHORS = _names(
    "李明、王晓燕、张志强、刘芳、陈建国、杨帆、赵丽、黄磊、周敏、吴昊、徐静、孙伟、胡婷、朱亮、郭晨、何欣、罗军、高雅、林涛、谢菲"
)
COMPANIES = _names(
    "华睿智能、中科联创、恒拓新材、远航动力、新源储能、博瑞医药、星联电子、锦程装备、绿洲环保、启航汽车、天工精密、云帆数据、盛邦物流、安和生物、凯达光电、鼎信半导体"
)

# Each topic: (title templates, body paragraph templates), split at the '---' line.
ZONE_TOPICS = {
    "招商引资": _texts(
        """
        {short}：{n1}个项目集中签约　总投资{amt}亿元
        {short}赴长三角开展产业链精准招商
        {short}以商招商引来{industry}配套企业集聚
        {short}举办{industry}产业专场推介会
        ---
        近日，{name}举行项目集中签约活动，{n1}个项目现场签约，总投资{amt}亿元，涵盖{industry}、现代服务业等领域。
        园区组建产业链招商专班，梳理目标企业清单，坚持一周一调度、一月一通报，推动在谈项目加快落地。
        {company}相关负责人表示，看中的是园区完整的产业配套和高效的政务服务，项目投产后将进一步扩大产能。
        园区还建立了签约项目跟踪服务机制，对每个项目明确一名责任人，确保签约一个、落地一个、投产一个。
        {short}坚持“一把手”招商，重大项目由主要负责人亲自洽谈、全程跟踪，提高了招商的成功率。
        """
    ),
    "项目建设": _texts(
        """
        {short}{n1}个重点项目集中开工
        {company}{industry}生产基地项目在{short}主体封顶
        {short}掀起项目建设热潮　今年以来完成投资{amt}亿元
        {short}重点项目建设按下“快进键”
        ---
        连日来，{name}各重点项目工地塔吊林立、机器轰鸣，建设者们抢抓晴好天气加快施工进度。
        今年园区共安排重点项目{n2}个，实行“一个项目、一名领导、一套班子”的推进机制，定期现场办公协调解决难题。
        {company}项目负责人介绍，项目从签约到开工仅用了{n1}周时间，园区代办帮办让企业少跑了许多腿。
        园区同步推进道路、供水、供电等基础设施建设，为项目早投产、早达效创造条件。
        {short}对重大项目实行“容缺受理”，企业在资料不全的情况下也能先行办理，补齐后即可取得许可。
        """
    ),
    "营商环境": _texts(
        """
        {short}推行“拿地即开工”　审批时限压缩{pct}%
        {short}政务服务中心实现企业事项“一窗通办”
        {short}开展“企业服务月”活动　解决诉求{n2}项
        {short}“政企早餐会”为企业解难题
        ---
        为持续优化营商环境，{name}在全区推行审批事项清单化管理，让企业办事像网购一样方便。
        园区将工程建设项目审批流程整合为立项用地、工程许可、施工许可、竣工验收四个阶段，并联审批、限时办结。
        园区建立企业诉求“收集—交办—办理—反馈”闭环机制，今年以来累计为企业解决用工、融资、物流等问题{n2}项。
        园区还聘请{n1}名企业负责人担任营商环境监督员，定期听取意见，以企业满意度检验服务成效。
        园区每月举办一次“政企早餐会”，管委会负责人与企业家面对面交流，现场能解决的当场拍板。
        """
    ),
    "科技创新": _texts(
        """
        {short}新增高新技术企业{n1}家
        {short}{industry}创新中心揭牌运行
        {short}研发投入强度持续提升　创新平台达{n2}个
        {company}新一代产品在{short}下线
        ---
        {name}坚持把科技创新摆在发展全局的核心位置，推动创新链与产业链深度融合。
        园区联合高校和科研院所共建{industry}创新中心，围绕关键材料、核心部件和工艺开展联合攻关。
        今年以来，园区兑现科技创新奖补资金{amt}亿元，支持企业建设研发中心，引导企业加大研发投入。
        {company}依托园区公共技术平台完成了新一代产品的测试验证，产品性能达到行业先进水平。
        园区孵化器和加速器在孵企业已超过{n2}家，一批科技型中小企业从这里成长为行业骨干。
        """
    ),
    "复工复产": _texts(
        """
        {short}全力保障企业稳产满产
        {short}“一企一策”帮助企业渡难关
        {short}规上工业企业开工率达{pct}%
        {short}帮助企业稳订单拓市场
        ---
        面对订单波动和原材料价格上涨等压力，{name}组织干部深入企业，帮助企业稳订单、保生产。
        园区对重点企业实行“一企一策”服务，协调解决用工、用电、物流运输等问题，确保产业链供应链稳定。
        园区人社部门搭建线上线下招聘平台，举办专场招聘会{n1}场，帮助企业招用员工{n2}余人。
        目前，园区规模以上工业企业生产经营总体平稳，主要经济指标保持增长态势。
        园区建立重点企业生产经营监测制度，每周调度产值、订单和用工情况，发现问题及时协调。
        """
    ),
    "专精特新": _texts(
        """
        {short}新增省级专精特新中小企业{n1}家
        {short}梯度培育优质中小企业
        {company}获评国家级专精特新“小巨人”企业
        {short}专精特新企业数量创新高
        ---
        {name}建立优质中小企业梯度培育库，对入库企业在融资、技改、市场开拓等方面给予精准支持。
        {company}深耕{industry}细分领域多年，多项产品打破国外技术垄断，市场占有率稳步提升。
        园区组织专精特新企业参加银企对接会，帮助{n1}家企业获得信用贷款{amt}亿元。
        下一步，园区将持续完善“创新型中小企业—专精特新企业—小巨人企业”培育链条。
        园区为专精特新企业配备“服务专员”，帮助企业申报技术改造、首台套等政策项目。
        """
    ),
    "产业链": _texts(
        """
        {short}做强{industry}产业链
        {short}召开{industry}产业链供需对接会
        {short}链长制推动产业集群成势
        {short}推动{industry}产业集群升级
        ---
        {name}实行产业链链长制，由管委会主要负责人担任链长，定期研究产业链发展中的重大问题。
        园区绘制{industry}产业链图谱，梳理上下游企业{n2}家，明确延链补链方向和重点招引目标。
        在产业链供需对接会上，{n1}家本地配套企业与龙头企业达成合作意向，本地配套率进一步提高。
        园区将继续围绕龙头企业引进配套项目，推动产业链上下游协同发展，打造具有竞争力的产业集群。
        园区依托龙头企业建设共享工厂和检测平台，中小配套企业的生产成本明显降低。
        """
    ),
    "人才引进": _texts(
        """
        {short}出台人才新政　打造人才集聚高地
        {short}举办高校毕业生专场招聘会
        {short}人才公寓交付使用
        {short}“人才服务专窗”正式启用
        ---
        {name}围绕主导产业需求，出台吸引和留住人才的若干措施，在住房、子女入学、医疗等方面提供保障。
        园区与{n1}所高校签订校企合作协议，共建实习实训基地，定向培养产业急需的技能人才。
        本次招聘会共有{n2}家企业参加，提供研发、工艺、营销等岗位，现场达成就业意向数百人次。
        园区人才公寓配套健身房、共享厨房和便利店，首批入住的青年人才表示“拎包入住，安心工作”。
        园区设立人才服务专窗，为高层次人才提供落户、社保、子女入学等“一站式”代办服务。
        """
    ),
    "对外开放": _texts(
        """
        {short}外贸进出口保持增长
        {short}组织企业参加境外经贸推介活动
        {short}跨境电商业务快速发展
        {short}外资项目签约落地
        ---
        {name}积极融入高水平对外开放，支持企业拓展国际市场，外贸进出口实现稳步增长。
        园区组织{n1}家企业赴境外参展，签订意向订单金额{amt}亿元，进一步拓宽了产品出口渠道。
        园区与海关部门协作，推广“提前申报”“两段准入”等便利化措施，企业通关时间明显缩短。
        园区将继续发挥开放平台作用，稳住外资外贸基本盘，提升开放型经济发展水平。
        园区设立外商投资服务中心，为外资企业提供政策咨询、证照办理和投诉协调等服务。
        """
    ),
    "绿色发展": _texts(
        """
        {short}获评绿色工业园区
        {short}分布式光伏项目并网发电
        {short}推进企业节能降碳技术改造
        {short}循环化改造成效明显
        ---
        {name}坚持生态优先、绿色发展，推动产业结构和能源结构持续优化。
        园区建成分布式光伏项目{n1}个，年发电量可满足部分企业用电需求，减少二氧化碳排放效果明显。
        园区设立节能技改专项资金，支持{n2}家企业实施节能降碳改造，单位产值能耗持续下降。
        园区还建设了污水集中处理设施和固废综合利用项目，实现资源循环利用。
        园区推动企业之间的副产品互供和余热利用，构建起资源循环利用的产业链条。
        """
    ),
}
ASSOCIATION_NEWS = _texts(
    """
    协会召开{year}年度会长办公会议
    协会组织会员单位赴{city}考察学习
    协会举办开发区{topic}专题培训班
    协会发布{year}年度会员园区发展报告
    协会走访调研会员单位　倾听园区诉求
    ---
    协会近日在{city}召开会议，会长单位、副会长单位负责人及秘书处工作人员参加会议。
    会议总结了上一阶段协会工作，研究部署了会员服务、课题研究和{topic}交流等重点任务。
    与会代表结合各自园区实际，围绕{topic}、体制机制改革等话题深入交流，提出了意见建议。
    会议强调，协会要进一步发挥桥梁纽带作用，为会员单位搭建更多交流合作平台。
    协会秘书处将根据会议精神细化工作安排，确保各项任务按期完成。
    """
)
NOTICES = _texts(
    """
    关于开展{year}年度会员单位信息更新工作的通知
    关于举办{year}年开发区{topic}培训班的通知
    关于征集开发区{topic}典型案例的通知
    关于召开协会{year}年会员代表大会的预通知
    ---
    各会员单位：
    为做好协会{year}年度相关工作，现将有关事项通知如下，请各单位结合实际认真组织落实。
    请各单位于本月底前将有关材料报送协会秘书处，联系人及联系方式详见协会网站“联系我们”页面。
    本次活动不收取任何费用，参加人员的交通及食宿由所在单位自行安排。
    特此通知。
    """
)
POLICIES = _texts(
    """
    开发区{topic}政策要点梳理
    一图读懂开发区{topic}支持措施
    专家解读：以{topic}推动开发区高质量发展
    ---
    为帮助会员单位及时了解政策动向，协会秘书处对近期与开发区{topic}相关的政策要点进行了梳理。
    政策强调，要发挥开发区改革开放试验田作用，在{topic}方面先行先试，形成可复制可推广的经验。
    各地开发区可结合自身产业基础，细化落实措施，完善配套政策，提高政策的精准性和可操作性。
    协会将持续跟踪政策实施情况，组织专题研讨，及时向有关部门反映会员单位的意见建议。
    """
)
TOPICS = tuple(ZONE_TOPICS)
OPENINGS = "今年以来，{name}紧紧围绕高质量发展目标，在{topic}方面持续发力，取得了积极成效。"
CLOSINGS = (
    "下一步，{short}将继续聚焦主导产业，在{topic}上出实招、求实效，为区域经济发展作出更大贡献。",
    "园区相关负责人表示，将总结经验、补齐短板，推动{topic}工作再上新台阶。",
)

# column slug -> weight for ordinary articles
COLUMN_WEIGHTS = {
    "park-express": 34,
    "provincial-zones": 16,
    "investment": 14,
    "association-news": 14,
    "notices": 8,
    "policies": 8,
    "national-policies": 6,
}
ZONE_COLUMNS = {"park-express", "provincial-zones", "investment"}


@dataclass
class DemoZone:
    """What an article needs to know about a zone."""

    pk: int
    name: str
    short_name: str
    city: str
    level: str
    industries: tuple[str, ...]


@dataclass
class Context:
    now: dt.datetime
    association: str
    zones: list[DemoZone]
    contributor_zone: DemoZone | None = None


def _when(rng: random.Random, now: dt.datetime, days_ago: float) -> dt.datetime:
    """A time during office hours in Shanghai about ``days_ago`` days before ``now``;
    recent ones (under two days) are exactly that long ago, so they are surely past."""
    target = now - dt.timedelta(days=days_ago)
    hour, minute = rng.randint(8, 17), rng.randint(0, 59)
    if 0 <= days_ago < 2:
        return target.astimezone(SHANGHAI).replace(second=0, microsecond=0)
    return dt.datetime.combine(
        target.astimezone(SHANGHAI).date(), dt.time(hour, minute), tzinfo=SHANGHAI
    )


def _ordered_sample(rng: random.Random, items: tuple[str, ...], low: int, high: int) -> list:
    """Between ``low`` and ``high`` of ``items``, kept in their written order."""
    picked = sorted(rng.sample(range(len(items)), rng.randint(low, min(high, len(items)))))
    return [items[i] for i in picked]


def _body(
    rng: random.Random, column: str, paragraphs: tuple[str, ...], values: dict, *, frame: bool
) -> str:
    """Three to six paragraphs of HTML."""
    if frame:  # zone news opens and closes in the house style
        chosen = [OPENINGS, *_ordered_sample(rng, paragraphs, 2, 4), rng.choice(CLOSINGS)]
    elif column == "notices":  # salutation … closing formula
        chosen = [paragraphs[0], *_ordered_sample(rng, paragraphs[1:-1], 1, 3), paragraphs[-1]]
    else:
        chosen = _ordered_sample(rng, paragraphs, 3, 5)
    return "".join(f"<p>{p.format(**values)}</p>" for p in chosen)


def _pick_zone(rng: random.Random, ctx: Context, column: str) -> DemoZone:
    if column == "provincial-zones":
        pool = [z for z in ctx.zones if z.level != "national"] or ctx.zones
    elif column == "park-express":
        pool = [z for z in ctx.zones if z.level == "national"] or ctx.zones
    else:
        pool = ctx.zones
    return rng.choice(pool)


def build_article(index: int, ctx: Context) -> dict:
    """The fields of demo article ``index`` (``category`` is a column slug, ``zone`` a pk)."""
    rng = random.Random(f"{SEED}:{index}")
    special = _special(index)
    column = (
        special.get("column")
        or rng.choices(list(COLUMN_WEIGHTS), weights=list(COLUMN_WEIGHTS.values()))[0]
    )
    zone = None
    if column in ZONE_COLUMNS:
        zone = ctx.contributor_zone if special.get("contribution") else None
        zone = zone or _pick_zone(rng, ctx, column)
    topic = rng.choice(TOPICS)
    days_ago = special.get("days_ago", rng.uniform(2, HISTORY_DAYS))
    published_at = _when(rng, ctx.now, days_ago)
    values = {
        "name": zone.name if zone else ctx.association,
        "short": zone.short_name if zone else ctx.association,
        "city": zone.city if zone else rng.choice([z.city for z in ctx.zones]),
        "industry": rng.choice(zone.industries) if zone else "先进制造业",
        "company": rng.choice(COMPANIES),
        "topic": topic,
        "year": published_at.year,
        "n1": rng.randint(3, 30),
        "n2": rng.randint(30, 300),
        "amt": f"{rng.uniform(2, 90):.1f}",
        "pct": f"{rng.uniform(10, 60):.0f}",
    }
    if zone:
        titles, paragraphs = ZONE_TOPICS[topic]
    else:
        titles, paragraphs = {"association-news": ASSOCIATION_NEWS, "notices": NOTICES}.get(
            column, POLICIES
        )
    body = _body(rng, column, paragraphs, values, frame=zone is not None)
    title = rng.choice(titles).format(**values)
    draft = not special and rng.random() < 0.01  # a few forgotten drafts among the rest
    status = special.get("status") or ("draft" if draft else "published")
    return {
        "title": title,
        "category": column,
        "zone": zone.pk if zone else None,
        "source": zone.name if zone else ctx.association,
        "author": rng.choice(AUTHORS),
        "publisher": rng.choice(DEMO_PUBLISHERS),
        "summary": _summary(body),
        "body": body,
        "status": status,
        "published_at": published_at,
        "is_headline": special.get("headline", False),
        "is_carousel": special.get("carousel", False),
        "is_pinned": special.get("pinned", False),
        "contribution": special.get("contribution", False),
        "cover": special.get("cover"),
        "view_count": rng.randint(0, 3000) if status == "published" and days_ago > 0 else 0,
    }


def _summary(body: str) -> str:
    """The opening of the text (two paragraphs, so zone news gets past its lead-in)."""
    text = "".join(body.replace("<p>", "").split("</p>")[:2])
    return text[:110] + ("…" if len(text) > 110 else "")


def _special(index: int) -> dict:
    """The hand-placed articles that give the demo home page its shape."""
    if index == 0:
        return {"column": "association-news", "days_ago": 0.2, "headline": True, "cover": 0}
    if 1 <= index <= 5:
        column = "provincial-zones" if index == 5 else "park-express"
        return {"column": column, "days_ago": index * 0.8, "carousel": True, "cover": index}
    if index in (6, 7):
        return {"column": "notices", "days_ago": index - 4, "pinned": True}
    if index == 8:  # a schedule: published status, but the public sees it tomorrow
        return {"column": "association-news", "days_ago": -1, "status": "published"}
    if index in (9, 10):
        return {
            "column": "park-express",
            "days_ago": 0.5,
            "status": "pending",
            "contribution": True,
        }
    if 11 <= index <= 13:
        return {"status": "draft", "days_ago": 1}
    return {}


COVER_COUNT = 6
COVER_ALT = "开发区厂房与城市天际线示意图（演示图片）"
