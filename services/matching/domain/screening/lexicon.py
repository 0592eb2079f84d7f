"""The words screening looks for, in simplified characters (the text is normalised first).

Which regions: every province-level region by name (refusing workers by province is
regional discrimination whether or not the region is badly affected), the prefecture-level
cities of Hubei, and other cities the 2020 notices singled out (温州, 信阳). Homophones are
expanded only for the names most often evaded (湖北, 武汉, 河南): for short city names the
homophones are ordinary words (宜昌 yichang ~ 异常, 十堰 shiyan ~ 实验, 恩施 ~ 恩师).
"""


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PROVINCES = words(
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾"
)
CITIES = words(
    "武汉 黄冈 孝感 荆州 鄂州 随州 襄阳 黄石 宜昌 荆门 咸宁 十堰 仙桃 天门 潜江 恩施 神农架 "
    "温州 信阳"
)
EPIDEMIC_ZONES = words(
    "疫区 重点疫区 疫情严重地区 疫情重点地区 重点地区 高风险地区 中高风险地区 中风险地区"
)
HOMOPHONE_EXPANDED = ("湖北", "武汉", "河南")
INITIALS = {"hb": "湖北", "wh": "武汉"}  # as a whole token only: "HB籍", "wh人勿扰"

# Single-character abbreviations, only read as a region next to 籍/人 or an origin phrase.
# Left out: those that are ordinary words before 人 (新人, 贵人, 黑人, 云人, 宁人, 吉人, 青人…).
ABBREVIATIONS = {
    "鄂": "湖北",
    "豫": "河南",
    "皖": "安徽",
    "湘": "湖南",
    "赣": "江西",
    "川": "四川",
    "蜀": "四川",
    "粤": "广东",
    "闽": "福建",
    "浙": "浙江",
    "鲁": "山东",
    "冀": "河北",
    "晋": "山西",
    "辽": "辽宁",
    "陕": "陕西",
    "黔": "贵州",
    "滇": "云南",
    "桂": "广西",
    "琼": "海南",
    "渝": "重庆",
    "陇": "甘肃",
    "温": "温州",
}

# Region-like words that are something else in front of these (roads in Shanghai are named
# after provinces: 湖北路, 河南中路, 四川北路, 西藏中路; 湘菜 is a cuisine; 武汉大学 a school).
NOT_ORIGIN_AFTER = words(
    "路 中路 南路 北路 东路 西路 大道 大街 街 弄 巷 站 地铁 大厦 广场 小区 公寓 大楼 商城 商场 "
    "酒店 宾馆 饭店 餐厅 菜 风味 口味 大学 理工 师范 医院 银行 分公司 办事处 分部 工厂 基地 项目 "
    "省内 市内 境内 片区 渠道 客户 热干面 卫视 电视 话 方言 航空 钢铁 烟草 市场 区域经理 大区"
)
# The work or the employer is there: 工作地点：湖北武汉, 在湖北工作, 派驻河南.
LOCATION_BEFORE = words(
    "工作地点 工作地址 工作地 办公地点 地点 地址 位于 坐落于 坐落 在 于 派驻 驻 外派 派往 前往 "
    "出差 支援 赴 发往 配送至 配送 负责 覆盖 总部 base 面向 服务"
)
ORIGIN_BEFORE = words(
    "来自 籍贯为 籍贯是 籍贯 老家是 老家在 老家 祖籍 户籍地 户籍为 户籍是 户口在 户口为 "
    "出生地 原籍 家乡 家在 从 途经 到过 去过 经过 旅居 有 非"
)
ORIGIN_AFTER = words(
    "籍 人 户籍 户口 老乡 员工 人员 朋友 求职者 应聘者 工人 劳动者 务工人员 身份证 口音 "
    "来的 过来的 回来的 返沪 来沪 返回 旅居史 接触史 车牌 同胞 "
    "地区的 地区人员 地区人 省份 籍贯 生源 ren ji"
)
REGION_LINKS = words("和 与 及 以及 或 等 等地 省 市 地区 两省 三省")
WELCOME_BEFORE = words("欢迎 接纳 接收 包括 含 也招 均可 热忱欢迎 不限 无论 不论 不问")
BREAKS_REFUSAL = words("为由 歧视 欢迎 不限 也 均 同样 平等")

REFUSALS = words(
    "不要 不招 不收 不录 不录用 不聘 不聘用 不用 不予 不接受 不考虑 不欢迎 勿扰 勿投 勿来 勿应聘 "
    "请勿打扰 勿打扰 免问 免进 不予面试 不予录用 一律不录用 一律不招 免谈 免扰 谢绝 "
    "拒绝 拒收 拒招 婉拒 恕不 一律不 除外 禁止 "
    "不得 不能 不可 不允许 排除 莫投 别来 "
    "别投 不需要 不适合 不合适 绕道 绕行 不包括 不含 pass 请回 buyao buzhao wurao jujue xiejue"
)
# A refusal word that is part of another phrase is no refusal (不要求经验, 不得歧视).
REFUSAL_NOT_BEFORE = words("求 歧视 以 拒绝 迟到 早退 吸烟 饮酒 担心 紧张 犹豫 错过 客气")
SOFT_REFUSALS = words(
    "算了 抱歉 慎投 慎重 慎 暂缓 暂不 待定 视情况 另行安排 酌情 优先考虑其他 尽量不"
)

LOCAL = words("上海 本市 本地 沪 江浙沪 申城 城镇 非农 当地")
HUKOU_NOUNS = words("户籍 户口 常住户口 籍 人 本地人 户")
RESTRICTS = words(
    "仅限 只限 限 只招 只要 仅招 只收 仅收 要求 须 需 必须 必须为 必须是 需为 须为 需是"
)
NON_LOCAL = words(
    "外地 外省 外来 外地户籍 外地户口 农村 农业 农村户口 非上海 非本市 非本地 非沪 非沪籍 外籍 "
    "外来务工 外来人员 外省市 异地"
)

ID_NOUNS = words("身份证号码 身份证号 身份证 证件号 sfz 证号")
ID_PREFIX_WORDS = words("开头 打头 起头 字头 开始 号段 前两位 前2位 开头的")
PROVINCE_ID_CODES = frozenset(
    words(
        "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
        "61 62 63 64 65 71 81 82"
    )
)
BADLY_AFFECTED_ID_CODES = frozenset({"42"})

INFECTION_HISTORY = words(
    "感染过 感染史 既往感染 曾感染 曾经感染 确诊过 确诊史 新冠病史 新冠史 患过新冠 得过新冠 "
    "感染新冠 新冠康复者 新冠康复 康复者 康复人员 治愈者 治愈人员 治愈出院 出院患者 阳过 阳性史 "
    "羊过 阳康 复阳 核酸阳性过 曾阳性 新冠患者 肺炎康复 yangguo yangkang"
)
NEVER_INFECTED = words(
    "无感染史 无新冠感染史 无新冠病史 未感染过 未曾感染 从未感染 没感染过 没有感染过 未阳过 没阳过 "
    "未确诊过 非康复者 无确诊史 无阳性史 未感染新冠"
)
