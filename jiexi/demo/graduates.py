"""Demo graduates: names, schools, majors, banks and review notes, all made up.

School codes and certificate numbers follow the national pattern (5-digit school code, 1 for
regular higher education, year, level code, serial number) but are demo data, not real records.
"""

from dataclasses import dataclass

from jiexi.choices import Education
from trainees.models import MaterialKind, Person

GRADUATE_SEED = 2026  # a stream of its own, so graduates never shift the employers and positions

# Final states of the graduates; unverified employers only hold drafts.
GRADUATE_MIX = {
    Person.Status.APPROVED: 180,
    Person.Status.SUBMITTED: 40,
    Person.Status.RETURNED: 25,
    Person.Status.DRAFT: 55,
}
GRADUATE_DRAFTS_PER_UNVERIFIED_EMPLOYER = 3
DEMO_EMPLOYER_WEIGHT = 4  # the demo clerks' employers register four times as many graduates
RESUBMITTED_SHARE = 0.12  # submitted or approved graduates that were returned once before
INCOMPLETE_DRAFT_SHARE = 0.45  # drafts still missing some of their materials
POOL_LOOKUPS_PER_DEMO_EMPLOYER = 2
OTHER_POOL_LOOKUPS = 5
INSURED_BEFORE = 11  # graduates with an earlier social-insurance record (fails INSURED_BEFORE)
INSURED_FROM_NEXT_MONTH = 5  # graduates an employer insures from next month on (passes)

# Certificate years: mostly the last two graduations; some too old for a traineeship.
GRADUATION_YEARS = (2025, 2026, 2026)
OLD_GRADUATION_YEARS = (2022, 2023, 2024)
OLD_CERTIFICATE_SHARE = 0.07
OFF_CYCLE_CERTIFICATE_SHARE = 0.04  # certificates issued in December (late completion)
BIRTH_YEARS = (1998, 2005)
GRADUATION_AGE = {
    Education.SECONDARY_VOCATIONAL: 19,
    Education.JUNIOR_COLLEGE: 21,
    Education.BACHELOR: 22,
    Education.MASTER: 25,
    Education.DOCTOR: 28,
}
# The level code in a higher-education certificate number.
LEVEL_CODES = {
    Education.DOCTOR: "01",
    Education.MASTER: "02",
    Education.BACHELOR: "05",
    Education.JUNIOR_COLLEGE: "06",
}

# Share of graduates of each basis, by whether the registering employer is public sector
# (机关 and 事业单位 take only 厦门生源) or not.
XIAMEN_ORIGIN_SHARE = {True: 0.75, False: 0.15}
OUTSIDE_SCHOOL_SHARE = 0.3  # of the 厦门生源 graduates, those who studied outside Xiamen

# GB 11643: the resident ID number's weights and check characters.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
XIAMEN_DIVISIONS = ("350203", "350205", "350206", "350211", "350212", "350213")
FUJIAN_DIVISIONS = (
    "350102",  # 福州鼓楼
    "350104",  # 福州仓山
    "350121",  # 闽侯
    "350322",  # 仙游
    "350502",  # 泉州鲤城
    "350521",  # 惠安
    "350582",  # 晋江
    "350583",  # 南安
    "350602",  # 漳州芗城
    "350681",  # 龙海
    "350623",  # 漳浦
    "350802",  # 龙岩新罗
    "350902",  # 宁德蕉城
)
OTHER_DIVISIONS = (
    "360102",  # 南昌东湖
    "360702",  # 赣州章贡
    "361102",  # 上饶信州
    "440106",  # 广州天河
    "445102",  # 潮州湘桥
    "440513",  # 汕头潮阳
    "430104",  # 长沙岳麓
    "420106",  # 武汉武昌
    "510107",  # 成都武侯
    "410105",  # 郑州金水
    "340104",  # 合肥蜀山
    "330106",  # 杭州西湖
)
# Where graduates of a Xiamen school who are not 厦门生源 were born: (divisions, weight).
NON_ORIGIN_DIVISIONS = ((XIAMEN_DIVISIONS, 2), (FUJIAN_DIVISIONS, 5), (OTHER_DIVISIONS, 3))

# Common Fujian / Minnan surnames, repeated by how often they occur.
GRADUATE_SURNAMES = (
    "陈陈陈陈陈陈林林林林林黄黄黄黄张张张吴吴吴王王王郑郑郑李李李蔡蔡杨杨许许洪洪庄庄苏苏叶叶曾曾谢谢"
    "柯柯刘刘周邱卢颜方白钟施戴骆纪龚康魏傅萧阮余"
)
MALE_GIVEN_NAMES = (
    "伟 杰 磊 斌 涛 凯 宇 浩 晨 鑫 煜 铭 炜 哲 喆 堃 志强 俊杰 家豪 振宇 明辉 建伟 文斌 子轩 浩然 宇航 "
    "晨阳 思远 嘉诚 泽宇 锦程 毅鸿 培鑫 志鹏 鸿斌 彦霖 清源 佳明 景行 嘉树 子墨 艺鹏 永福 金龙 世杰 承恩 "
    "育铭 书豪 伟鸿 冠宇"
).split()
FEMALE_GIVEN_NAMES = (
    "婷 颖 琳 倩 静 雯 欣 瑶 丹 璐 娜 雅婷 思颖 佳怡 婉清 子涵 晓燕 美玲 欣怡 诗琪 雨萱 梦洁 嘉欣 晓婷 "
    "慧敏 芷若 靖雯 艺璇 可馨 若曦 梓琪 雪芬 丽娟 淑贞 惠珊 秀华 雅琴 巧玲 碧云 燕玲 宝珠 舒婷 心怡 "
    "钰涵 语桐 思琪 楚瑜"
).split()
# Names with characters outside the common set (𠮷 is U+20BB7, beyond the BMP; 䶮 is U+4DAE),
# given to graduates of the demo employers: (name, sex, final state).
RARE_NAMES = (
    ("吉𠮷", "F", Person.Status.APPROVED),
    ("刘䶮", "M", Person.Status.APPROVED),
    ("林𠮷祥", "M", Person.Status.SUBMITTED),
    ("陈䶮", "M", Person.Status.DRAFT),
    ("黄𠮷娜", "F", Person.Status.RETURNED),
)

UNIVERSITY, VOCATIONAL, SECONDARY = "university", "vocational_college", "secondary"


@dataclass(frozen=True)
class SchoolSeed:
    name: str
    level: str  # a School.Level value
    code: str  # the school code that opens its certificate numbers
    majors: str  # a key of MAJORS
    weight: int = 1
    degrees: str = ""  # postgraduate degrees it awards: M master, D doctor


# Xiamen's schools: the names match the School table (trainees migration 0002).
XIAMEN_SCHOOLS = (
    SchoolSeed("厦门大学", UNIVERSITY, "10384", "comprehensive", 9, "MD"),
    SchoolSeed("集美大学", UNIVERSITY, "10390", "jimei", 8, "M"),
    SchoolSeed("华侨大学（厦门校区）", UNIVERSITY, "10385", "engineering", 5, "M"),
    SchoolSeed("厦门理工学院", UNIVERSITY, "11062", "engineering", 7, "M"),
    SchoolSeed("厦门医学院", UNIVERSITY, "12631", "medical", 4),
    SchoolSeed("厦门大学嘉庚学院", UNIVERSITY, "13469", "business", 5),
    SchoolSeed("集美大学诚毅学院", UNIVERSITY, "13470", "business", 4),
    SchoolSeed("厦门工学院", UNIVERSITY, "13468", "engineering", 3),
    SchoolSeed("厦门华厦学院", UNIVERSITY, "12709", "business", 3),
    SchoolSeed("福州大学厦门工艺美术学院", UNIVERSITY, "10386", "art", 2),
    SchoolSeed("厦门城市职业学院", VOCATIONAL, "12632", "vocational", 4),
    SchoolSeed("厦门海洋职业技术学院", VOCATIONAL, "13764", "marine_vocational", 3),
    SchoolSeed("厦门东海职业技术学院", VOCATIONAL, "12993", "vocational", 2),
    SchoolSeed("厦门兴才职业技术学院", VOCATIONAL, "12711", "vocational", 2),
    SchoolSeed("厦门南洋职业学院", VOCATIONAL, "12636", "vocational", 2),
    SchoolSeed("厦门华天涉外职业技术学院", VOCATIONAL, "13116", "vocational", 2),
    SchoolSeed("厦门演艺职业学院", VOCATIONAL, "14092", "performing", 1),
    SchoolSeed("厦门软件职业技术学院", VOCATIONAL, "13768", "software", 2),
    SchoolSeed("厦门安防科技职业学院", VOCATIONAL, "14283", "security", 1),
    SchoolSeed("厦门工商旅游学校", SECONDARY, "3502101", "secondary", 2),
    SchoolSeed("厦门信息学校", SECONDARY, "3502102", "secondary", 2),
    SchoolSeed("厦门市集美职业技术学校", SECONDARY, "3502111", "secondary", 1),
    SchoolSeed("厦门市同安职业技术学校", SECONDARY, "3502121", "secondary", 1),
    SchoolSeed("厦门市翔安职业技术学校", SECONDARY, "3502131", "secondary", 1),
    SchoolSeed("厦门市海沧职业中专学校", SECONDARY, "3502051", "secondary", 1),
    SchoolSeed("厦门市音乐学校", SECONDARY, "3502103", "secondary_arts", 1),
    SchoolSeed("厦门艺术学校", SECONDARY, "3502104", "secondary_arts", 1),
    SchoolSeed("厦门技师学院", SECONDARY, "3502201", "technician", 2),
    SchoolSeed("厦门市工贸技师学院", SECONDARY, "3502202", "technician", 1),
    SchoolSeed("福建省集美轻工业学校", SECONDARY, "3502112", "secondary", 1),
    SchoolSeed("集美工业学校", SECONDARY, "3502113", "technician", 1),
)
# Schools outside Xiamen, typed in by the clerk (not in the School table).
OUTSIDE_SCHOOLS = (
    SchoolSeed("福州大学", UNIVERSITY, "10386", "engineering", 4, "MD"),
    SchoolSeed("福建师范大学", UNIVERSITY, "10394", "normal", 4, "M"),
    SchoolSeed("福建农林大学", UNIVERSITY, "10389", "agriculture", 2, "M"),
    SchoolSeed("福建医科大学", UNIVERSITY, "10392", "medical", 2, "M"),
    SchoolSeed("闽南师范大学", UNIVERSITY, "10402", "normal", 2),
    SchoolSeed("泉州师范学院", UNIVERSITY, "10399", "normal", 1),
    SchoolSeed("江西财经大学", UNIVERSITY, "10421", "finance", 2, "M"),
    SchoolSeed("华南理工大学", UNIVERSITY, "10561", "engineering", 2, "MD"),
    SchoolSeed("中山大学", UNIVERSITY, "10558", "comprehensive", 1, "MD"),
    SchoolSeed("武汉大学", UNIVERSITY, "10486", "comprehensive", 1, "MD"),
    SchoolSeed("湖南大学", UNIVERSITY, "10532", "engineering", 1, "M"),
    SchoolSeed("漳州职业技术学院", VOCATIONAL, "11502", "vocational", 2),
    SchoolSeed("泉州经贸职业技术学院", VOCATIONAL, "12634", "vocational", 1),
    SchoolSeed("福建船政交通职业学院", VOCATIONAL, "12629", "marine_vocational", 1),
)
POSTGRADUATE_SHARE = {"M": 0.14, "MD": 0.18}  # of a university's graduates with those degrees
DOCTOR_SHARE = 0.3  # of the postgraduates of a school awarding doctorates

MAJORS = {
    "comprehensive": "汉语言文学 新闻学 法学 经济学 金融学 会计学 国际经济与贸易 统计学 数学与应用数学 化学 "
    "海洋科学 计算机科学与技术 软件工程 电子信息工程 人力资源管理 行政管理 社会学 英语 日语 历史学 "
    "公共事业管理 环境科学",
    "jimei": "航海技术 轮机工程 船舶与海洋工程 水产养殖学 食品科学与工程 国际经济与贸易 财务管理 "
    "计算机科学与技术 学前教育 体育教育 物流管理 机械设计制造及其自动化",
    "engineering": "机械设计制造及其自动化 电气工程及其自动化 土木工程 计算机科学与技术 软件工程 通信工程 "
    "自动化 材料科学与工程 数据科学与大数据技术 物联网工程 工业设计 工程管理 车辆工程 光电信息科学与工程",
    "business": "会计学 财务管理 工商管理 市场营销 金融学 国际经济与贸易 电子商务 物流管理 人力资源管理 "
    "审计学 旅游管理 酒店管理 软件工程 网络与新媒体",
    "medical": "临床医学 护理学 药学 医学检验技术 医学影像技术 康复治疗学 口腔医学 预防医学",
    "art": "视觉传达设计 环境设计 产品设计 数字媒体艺术 工艺美术 服装与服饰设计 动画",
    "normal": "汉语言文学 学前教育 小学教育 英语 思想政治教育 心理学 数学与应用数学 教育技术学 地理科学 "
    "体育教育 音乐学",
    "agriculture": "农学 园艺 植物保护 林学 农林经济管理 食品科学与工程 动物医学 茶学",
    "finance": "会计学 财务管理 金融学 税收学 统计学 经济学 审计学 法学 保险学",
    "vocational": "大数据与会计 电子商务 计算机应用技术 软件技术 护理 学前教育 现代物流管理 "
    "酒店管理与数字化运营 旅游管理 建筑工程技术 工程造价 机电一体化技术 工业机器人技术 市场营销 商务英语 "
    "网络营销与直播电商 人工智能技术应用 数字媒体技术 智慧健康养老服务与管理",
    "marine_vocational": "航海技术 轮机工程技术 港口与航运管理 水产养殖技术 国际经济与贸易 食品检验检测技术 "
    "现代物流管理",
    "software": "软件技术 计算机网络技术 云计算技术应用 大数据技术 动漫制作技术 数字媒体技术 移动应用开发",
    "performing": "音乐表演 舞蹈表演 影视编导 播音与主持 戏剧影视表演",
    "security": "安全防范技术 消防救援技术 智能安防运营管理 应急管理",
    "secondary": "会计事务 电子商务 计算机应用 旅游服务与管理 酒店服务与管理 机电技术应用 汽车运用与维修 "
    "数控技术应用 物流服务与管理 幼儿保育 工业机器人技术应用 服装设计与工艺",
    "secondary_arts": "音乐表演 舞蹈表演 美术绘画 戏曲表演",
    "technician": "电气自动化设备安装与维修 数控加工 汽车维修 工业机器人应用与维护 计算机网络应用 焊接加工 "
    "模具制造",
}

# Bank, the first six digits of its debit cards, weight.
BANKS = (
    ("中国工商银行厦门分行", "622202", 5),
    ("中国建设银行厦门分行", "621700", 5),
    ("中国农业银行厦门分行", "622848", 4),
    ("中国银行厦门分行", "621785", 3),
    ("厦门银行", "623188", 3),
    ("厦门国际银行", "623196", 2),
    ("兴业银行厦门分行", "622909", 2),
    ("交通银行厦门分行", "622262", 1),
    ("中国邮政储蓄银行厦门分行", "621799", 2),
    ("厦门农村商业银行", "623218", 1),
)
BANK_ACCOUNT_LENGTH = 19

# A reviewer's reason and the material it asks to upload again ("" when none).
GRADUATE_RETURN_REASONS = (
    ("毕业证书扫描件不清晰，请重新上传。", MaterialKind.GRADUATION_CERTIFICATE),
    ("毕业证书扫描件未包含证书编号所在页，请重新上传完整扫描件。", MaterialKind.GRADUATION_CERTIFICATE),
    ("户口簿扫描件缺少本人页，请补充户主页和本人页后重新上传。", MaterialKind.HOUSEHOLD_REGISTER),
    ("入学前高中毕业证书扫描件不完整，请重新上传。", MaterialKind.PRE_ADMISSION_CERTIFICATE),
    ("毕业证书编号与学信网查询结果不一致，请核对后重新填写。", ""),
    ("毕业证书签发日期与扫描件不一致，请核对后重新填写。", ""),
    ("银行账号与开户银行不一致，请核对本人银行卡信息。", ""),
    ("所学专业名称与毕业证书不一致，请按证书填写。", ""),
)
APPROVAL_NOTES = ("材料齐全，审核通过。", "", "经学信网核验，信息一致。")

# Employers in the social-insurance export (made up).
INSURANCE_EMPLOYERS = (
    "厦门蓝海湾电子科技有限公司",
    "厦门鹭江人力资源服务有限公司",
    "厦门银城物业管理有限公司",
    "厦门星鲨餐饮管理有限公司",
    "厦门嘉禾供应链管理有限公司",
    "厦门海润光电股份有限公司",
    "厦门市思明区心田教育培训中心",
    "厦门环岛路文化传媒有限公司",
)
