"""Demo content for ``manage.py seed_demo``: the association, its pages, footer links,
columns and member zones.

Every text here was written for this project. The association is fictional; the zones
carry the names of real places, but their descriptions, figures and contacts are invented
for the demo (phone numbers and addresses are placeholders).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from members.models import pinyin_slug

SITE = {
    "name": "华中开发区协会",
    "short_name": "华中开协",
    "slogan": "服务园区　凝聚合力　共促发展",
    "address": "湖南省长沙市岳麓区示范路88号开发区服务中心6楼",
    "postcode": "410000",
    "phone": "0731-80000000",
    "email": "office@example.org",
    "icp_number": "湘ICP备00000000号-1",
    "police_number": "湘公网安备43000000000000号",
}

INTRO_SUMMARY = (
    "华中开发区协会是由区域内经济技术开发区、高新技术产业开发区、综合保税区和各类产业园区"
    "自愿结成的非营利性社会组织。协会坚持服务会员、服务政府、服务产业，搭建园区之间交流合作、"
    "政策研究和招商推介的公共平台，推动开发区高质量发展。"
)


def _html(*blocks: str) -> str:
    """Join paragraphs into HTML; a block starting with '<' is kept as it is."""
    return "".join(b if b.startswith("<") else f"<p>{b}</p>" for b in blocks)


# (slug, title, order, summary, body)
PAGES = [
    (
        "intro",
        "协会简介",
        10,
        INTRO_SUMMARY,
        _html(
            INTRO_SUMMARY,
            "协会现有会员单位三十余家，覆盖湖南、湖北、江西等中部省份，并吸收广东、江苏、"
            "四川等地开展跨区域合作的园区加入。会员中既有国家级经济技术开发区和高新区，"
            "也有省级开发区、综合保税区和特色工业园区。",
            "协会日常工作由秘书处承担。近年来，协会围绕园区体制机制改革、产业链协同、"
            "营商环境优化和数字化园区建设等课题组织调研，编印年度发展报告，举办招商推介会、"
            "业务培训班和园区观摩交流活动，为会员单位提供政策咨询和信息服务。",
            "协会欢迎各类开发区、园区运营机构以及服务园区发展的企事业单位申请入会，"
            "共同打造开放、协作、共赢的园区发展共同体。",
        ),
    ),
    (
        "charter",
        "协会章程",
        20,
        "",
        _html(
            "<h3>第一章　总则</h3>",
            "第一条　本会名称为华中开发区协会（以下简称本会）。",
            "第二条　本会是由开发区、产业园区及相关单位自愿结成的行业性、非营利性社会组织。",
            "第三条　本会的宗旨是：遵守宪法、法律法规和国家政策，践行新发展理念，"
            "反映会员诉求，维护会员合法权益，促进开发区之间的交流与合作。",
            "<h3>第二章　业务范围</h3>",
            "第四条　本会的业务范围包括：开展开发区发展的调查研究，提出政策建议；"
            "组织会员交流考察和业务培训；举办投资促进和项目对接活动；"
            "编辑出版行业资讯；承办政府部门委托的其他事项。",
            "<h3>第三章　会员</h3>",
            "第五条　承认本会章程、自愿加入并依法设立的开发区管理机构、园区运营主体"
            "及相关企事业单位，经理事会审议通过后成为本会会员。",
            "第六条　会员享有选举权、被选举权和表决权，享有参加本会活动和获得本会服务的权利；"
            "履行执行本会决议、按规定交纳会费、向本会反映情况和提供资料的义务。",
            "<h3>第四章　组织机构</h3>",
            "第七条　本会的最高权力机构是会员代表大会，每届任期五年。"
            "理事会是会员代表大会的执行机构，在闭会期间领导本会开展日常工作。",
            "<h3>第五章　附则</h3>",
            "第八条　本章程经会员代表大会表决通过之日起生效，解释权属于本会理事会。",
        ),
    ),
    (
        "functions",
        "协会职能",
        30,
        "",
        _html(
            "协会立足园区、面向产业，主要承担以下职能：",
            "<ol><li>研究开发区改革发展中的共性问题，向有关部门反映会员意见和建议；</li>"
            "<li>收集、整理和发布开发区统计数据、政策法规和行业动态；</li>"
            "<li>组织会员单位开展招商推介、项目对接和产业链合作；</li>"
            "<li>举办园区管理、投资促进、安全生产、数字化转型等专题培训；</li>"
            "<li>开展园区之间的观摩考察、经验交流和对口合作；</li>"
            "<li>受政府部门委托，承担评价评估、课题研究和咨询服务等工作。</li></ol>",
            "协会坚持以会员需求为导向，不断丰富服务内容，提升服务质量，"
            "努力成为政府信得过、园区离不开、企业用得上的服务平台。",
        ),
    ),
    (
        "organization",
        "组织机构",
        40,
        "",
        _html(
            "<h3>会员代表大会</h3>",
            "由全体会员单位推选的代表组成，负责制定和修改章程、选举理事、审议工作报告和财务报告。",
            "<h3>理事会和常务理事会</h3>",
            "理事会由会长单位、副会长单位和理事单位组成，执行会员代表大会决议，"
            "决定会员的吸收和除名，研究决定年度工作计划。常务理事会在理事会闭会期间行使其部分职权。",
            "<h3>秘书处</h3>",
            "秘书处是协会的常设办事机构，下设综合部、会员服务部、研究咨询部和宣传信息部，"
            "分别负责日常行政、会员联络、课题研究和网站及刊物的编辑工作。",
        ),
    ),
    (
        "contact",
        "联系我们",
        50,
        "",
        _html(
            "地址：湖南省长沙市岳麓区示范路88号开发区服务中心6楼（邮编410000）",
            "电话：0731-80000000（综合部）　0731-80000001（会员服务部）",
            "电子邮箱：office@example.org",
            "办公时间：工作日上午8:30—12:00，下午14:30—17:30",
            "会员单位投稿请登录本网站后通过“我要投稿”提交，秘书处将在三个工作日内完成审核。"
            "对网站内容有意见或建议，欢迎通过留言箱与我们联系。",
        ),
    ),
]

# group name -> [(link name, url)]
LINK_GROUPS = {
    "政府部门": [
        ("中国政府网", "https://www.gov.cn/"),
        ("商务部", "https://www.mofcom.gov.cn/"),
        ("国家发展和改革委员会", "https://www.ndrc.gov.cn/"),
        ("科学技术部", "https://www.most.gov.cn/"),
        ("工业和信息化部", "https://www.miit.gov.cn/"),
        ("自然资源部", "https://www.mnr.gov.cn/"),
        ("海关总署", "http://www.customs.gov.cn/"),
    ],
    "行业协会": [
        ("中国国际贸易促进委员会", "https://www.ccpit.org/"),
        ("中华全国工商业联合会", "https://www.acfic.org.cn/"),
        ("中国科学技术协会", "https://www.cast.org.cn/"),
        ("中国物流与采购联合会", "http://www.chinawuliu.com.cn/"),
    ],
    "新闻媒体": [
        ("新华网", "https://www.xinhuanet.com/"),
        ("人民网", "http://www.people.com.cn/"),
        ("央视网", "https://www.cctv.com/"),
        ("中国经济网", "http://www.ce.cn/"),
        ("中国新闻网", "https://www.chinanews.com.cn/"),
        ("光明网", "https://www.gmw.cn/"),
    ],
    "友情链接": [
        ("湖南省人民政府", "https://www.hunan.gov.cn/"),
        ("湖北省人民政府", "https://www.hubei.gov.cn/"),
        ("江西省人民政府", "https://www.jiangxi.gov.cn/"),
        ("广东省人民政府", "https://www.gd.gov.cn/"),
        ("江苏省人民政府", "https://www.jiangsu.gov.cn/"),
        ("四川省人民政府", "https://www.sc.gov.cn/"),
    ],
}


@dataclass(frozen=True)
class Column:
    slug: str
    name: str
    order: int
    description: str = ""
    parent: str | None = None
    show_on_home: bool = True
    open_for_contributions: bool = False


COLUMNS = [
    Column("association-news", "协会动态", 10, "协会会议、活动和工作进展。"),
    Column("park-express", "园区快讯", 20, "会员园区的最新动态。", open_for_contributions=True),
    Column(
        "provincial-zones",
        "省级开发区动态",
        30,
        "省级开发区改革发展动态。",
        open_for_contributions=True,
    ),
    Column("notices", "通知公告", 40, "协会发布的通知和公告。"),
    Column("policies", "政策法规", 50, "与开发区发展相关的政策文件和解读。"),
    Column(
        "national-policies",
        "国家政策",
        51,
        "国家层面的开发区相关政策。",
        parent="policies",
        show_on_home=False,
    ),
    Column(
        "investment", "招商引资", 60, "招商项目、推介活动和投资指南。", open_for_contributions=True
    ),
]


@dataclass(frozen=True)
class ZoneSeed:
    name: str
    short_name: str
    region: str
    kind: str
    level: str
    role: str
    established: dt.date
    area_km2: Decimal
    industries: str
    street: str
    area_code: str
    feature: str

    @property
    def website(self) -> str:
        # A placeholder domain: the demo never points at a real zone's site.
        return f"https://{pinyin_slug(self.short_name)}.example.org/"


# name|short name|region code|kind|level|role|established|area km²|industries|street|
# telephone area code|one phrase on what the zone is known for (used in its introduction)
_ZONE_TABLE = """
长沙经济技术开发区|长沙经开区|430121|etdz|national|president|1992-08-01|76.00|工程机械、汽车及零部件、电子信息|星沙大道|0731|以工程机械产业集群闻名，是中部地区重要的先进制造业基地
长沙高新技术产业开发区|长沙高新区|430104|hidz|national|vice_president|1988-10-01|140.00|移动互联网、新材料、高端装备|麓谷大道|0731|集聚了一批软件和信息技术服务企业，创新创业氛围浓厚
浏阳经济技术开发区|浏阳经开区|430181|etdz|national|vice_president|1997-12-01|52.00|电子信息、生物医药、智能装备|康天路|0731|生物医药和电子信息产业特色鲜明，园区服务以高效著称
株洲高新技术产业开发区|株洲高新区|430211|hidz|national|vice_president|1992-05-01|95.00|轨道交通装备、航空动力、新能源汽车|天台路|0731|轨道交通装备产业链条完整，配套企业众多
湘潭经济技术开发区|湘潭经开区|430304|etdz|national|director|2003-03-01|48.00|智能装备、汽车制造、电子信息|吉利路|0731|以汽车及零部件和智能装备制造为主导
岳阳城陵矶综合保税区|城陵矶综保区|430602|bonded|national|director|2014-07-01|2.99|保税物流、跨境电商、电子信息加工|港口大道|0730|依托长江港口发展保税物流和外向型加工
常德经济技术开发区|常德经开区|430702|etdz|national|member|1992-09-01|45.00|装备制造、烟草配套、新材料|德山大道|0736|在装备制造和新材料领域形成了特色产业集群
宁乡高新技术产业园区|宁乡高新区|430182|hidz|provincial|member|2006-06-01|30.00|先进储能材料、智能家电、食品加工|金洲大道|0731|储能材料产业发展迅速，产学研合作活跃
郴州高新技术产业开发区|郴州高新区|431002|hidz|national|member|2006-11-01|34.00|有色金属新材料、电子信息、装备制造|郴州大道|0735|立足有色金属资源优势发展新材料产业
衡阳综合保税区|衡阳综保区|430406|bonded|national|member|2012-10-01|2.57|电子信息加工、保税维修、跨境贸易|白沙大道|0734|加工贸易和保税维修业务稳步增长
雨花经济开发区|雨花经开区|430111|economic|provincial|member|2002-04-01|16.80|智能制造、汽车零部件、现代物流|环保中路|0731|智能制造企业集聚，园区配套完善
醴陵经济开发区|醴陵经开区|430281|economic|provincial|member|2005-08-01|26.00|陶瓷、电瓷电器、新材料|陶瓷大道|0731|传统陶瓷产业加快向高端电瓷和新材料转型
荷塘工业园|荷塘工业园|430202|industrial|municipal|member|2010-05-01|8.50|硬质合金、精密制造、商贸物流|新华路|0731|以硬质合金深加工和精密零部件制造为特色
武汉经济技术开发区|武汉经开区|420114|etdz|national|vice_president|1991-05-01|489.00|汽车及零部件、智能网联、集成电路|东风大道|027|汽车产业规模大，正在向智能网联汽车转型
东湖新技术开发区|东湖高新区|420111|hidz|national|vice_president|1988-10-01|518.00|光电子信息、生命健康、数字经济|高新大道|027|光通信产业全国领先，科教资源十分丰富
襄阳高新技术产业开发区|襄阳高新区|420606|hidz|national|director|1992-11-01|230.00|新能源汽车、装备制造、新能源新材料|追日路|0710|围绕新能源汽车打造完整产业链
荆门高新技术产业开发区|荆门高新区|420804|hidz|national|member|2001-08-01|128.00|再生资源利用、通用航空、化工新材料|白云大道|0724|循环经济和再生资源利用特色突出
葛店经济技术开发区|葛店经开区|420703|etdz|national|member|1990-06-01|28.00|生物医药、新材料、光电子|创业大道|0711|毗邻武汉，生物医药和新材料企业集聚
南昌经济技术开发区|南昌经开区|360112|etdz|national|director|1992-07-01|100.00|汽车制造、电子信息、新材料|枫林大道|0791|高校和科研院所集中，人才资源充足
赣州经济技术开发区|赣州经开区|360702|etdz|national|member|1990-10-01|202.00|新能源汽车、电子信息、稀土新材料|迎宾大道|0797|依托稀土资源发展新材料和新能源汽车产业
九江综合保税区|九江综保区|360402|bonded|national|member|2017-01-01|1.94|电子信息加工、保税物流、跨境电商|港城大道|0792|借助沿江港口发展外贸加工和保税物流
景德镇高新技术产业开发区|景德镇高新区|360202|hidz|national|member|1992-11-01|32.00|航空制造、家用电器、精细化工|梧桐大道|0798|直升机制造等航空产业特色明显
广州经济技术开发区|广州开发区|440112|etdz|national|vice_president|1984-12-01|480.00|新一代信息技术、生物医药、新能源汽车|开创大道|020|对外开放早、外资企业多，营商环境改革走在前列
佛山高新技术产业开发区|佛山高新区|440604|hidz|national|director|1992-11-01|92.00|智能家电、高端装备、新材料|季华路|0757|智能家电和装备制造产业基础雄厚
东莞松山湖高新技术产业开发区|松山湖高新区|441900|hidz|national|member|2001-11-01|103.00|电子信息、机器人、生物技术|科技大道|0769|以科技创新和生态环境优美著称
湛江经济技术开发区|湛江经开区|440802|etdz|national|member|1984-11-01|42.00|钢铁配套、石化、海洋经济|海滨大道|0759|临港工业和海洋经济发展潜力大
苏州工业园区|苏州工业园区|320500|industrial|national|vice_president|1994-02-01|278.00|电子信息、高端装备、生物医药|现代大道|0512|中外合作开发的典范，现代化国际化水平高
昆山经济技术开发区|昆山开发区|320583|etdz|national|director|1985-01-01|108.00|光电显示、半导体、智能制造|前进东路|0512|台资企业密集，光电和半导体产业集聚
南通高新技术产业开发区|南通高新区|320612|hidz|national|member|1992-12-01|82.00|智能装备、新一代信息技术、医疗器械|金桥路|0513|江海联动，智能装备产业发展较快
成都高新技术产业开发区|成都高新区|510107|hidz|national|vice_president|1988-10-01|130.00|电子信息、生物医药、数字经济|天府大道|028|西部科技创新高地，软件和集成电路企业众多
绵阳经济技术开发区|绵阳经开区|510703|etdz|national|member|1992-06-01|60.00|电子信息、汽车零部件、食品加工|塘汛路|0816|依托科技城资源发展电子信息和汽车零部件产业
德阳经济开发区|德阳经开区|510603|economic|provincial|member|2000-09-01|28.00|重大装备、通用航空、新材料|泰山南路|0838|重大装备制造配套能力较强
"""


def _parse_zones() -> list[ZoneSeed]:
    zones = []
    for line in _ZONE_TABLE.strip().splitlines():
        name, short, region, kind, level, role, est, area, inds, street, tel, feature = line.split(
            "|"
        )
        zones.append(
            ZoneSeed(
                name=name,
                short_name=short,
                region=region,
                kind=kind,
                level=level,
                role=role,
                established=dt.date.fromisoformat(est),
                area_km2=Decimal(area),
                industries=inds,
                street=street,
                area_code=tel,
                feature=feature,
            )
        )
    return zones


ZONES = _parse_zones()

# The zone whose staff account is the demo ``contributor``.
CONTRIBUTOR_ZONE = "浏阳经济技术开发区"


def zone_introduction(seed: ZoneSeed, place: str, kind_label: str, level_label: str) -> str:
    """A 3-paragraph HTML introduction written from the zone's data."""
    year = seed.established.year
    return _html(
        f"{seed.name}（简称{seed.short_name}）位于{place}，始建于{year}年，"
        f"是{level_label}{kind_label}，规划面积约{seed.area_km2}平方公里。"
        f"园区{seed.feature}。",
        f"园区重点发展{seed.industries}等产业，坚持“招大引强”与“育小扶优”并重，"
        "围绕主导产业延链补链强链，推动龙头企业与配套企业协同发展，"
        "产业集聚效应不断增强。",
        "近年来，园区持续深化“放管服”改革，推行项目审批代办帮办和“拿地即开工”，"
        "完善标准厂房、人才公寓、邻里中心等配套设施，努力为企业提供全生命周期服务。"
        "园区欢迎海内外客商前来考察洽谈、投资兴业。",
    )


def zone_address(seed: ZoneSeed, place: str) -> str:
    return f"{place}{seed.street}1号"


def zone_phone(seed: ZoneSeed, index: int) -> str:
    """A placeholder number with the real area code of the zone's city."""
    return f"{seed.area_code}-8000{index:04d}"
