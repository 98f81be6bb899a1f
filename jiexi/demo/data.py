"""The demo data itself: accounts, employers and position texts, all made up."""

from dataclasses import dataclass

from employers.models import Employer
from jiexi.choices import District
from jiexi.choices import EducationRequirement as Edu
from positions.models import Position
from reviews import roles

# The documented demo passwords (also printed at the end of every run).
REVIEWER_PASSWORD = "Review-2026!"
SUPERVISOR_PASSWORD = "Supervise-2026!"
AUDITOR_PASSWORD = "Audit-2026!"
CLERK_PASSWORD = "Demo-2026!"

SEED = 42

# username, password, group, family name, given name
REVIEW_ACCOUNTS = (
    ("reviewer", REVIEWER_PASSWORD, roles.REVIEWER, "林", "晓燕"),
    ("supervisor", SUPERVISOR_PASSWORD, roles.SUPERVISOR, "陈", "建华"),
    ("auditor", AUDITOR_PASSWORD, roles.AUDITOR, "黄", "文静"),
)
UNVERIFIED_LABELS = {Employer.Status.PENDING: "（待核验）", Employer.Status.RETURNED: "（已退回）"}
ROLE_LABELS = {roles.REVIEWER: "审核员", roles.SUPERVISOR: "审核主管", roles.AUDITOR: "审计（只读）"}

# The first verified employer of each kind is managed by a memorable demo account.
DEMO_CLERKS = {
    Employer.Kind.AGENCY: "agency",
    Employer.Kind.INSTITUTION: "institution",
    Employer.Kind.ENTERPRISE: "enterprise",
    Employer.Kind.SOCIAL_ORGANISATION: "social",
}
KIND_LABELS = {
    Employer.Kind.AGENCY: "机关",
    Employer.Kind.INSTITUTION: "事业单位",
    Employer.Kind.ENTERPRISE: "企业",
    Employer.Kind.SOCIAL_ORGANISATION: "社会组织",
}

# Positions of verified employers, by final state; unverified employers only hold drafts.
POSITION_MIX = {
    Position.Status.PUBLISHED: 120,
    Position.Status.SUBMITTED: 25,
    Position.Status.RETURNED: 15,
    Position.Status.DRAFT: 11,
    Position.Status.CLOSED: 20,
}
DRAFTS_PER_UNVERIFIED_EMPLOYER = 3
MIN_POSITIONS_PER_EMPLOYER = 6
SOON_EXPIRING = 5  # published positions valid for only 1-3 more days
RESUBMITTED_SHARE = 0.1  # published positions that were returned once before

# GB 32100 (credit code) and GB 11714 (organisation code) check characters.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# Registration authority + category: 11 机关, 12 事业单位, 91 企业, 51 社会团体, 52 民办非企业单位.
KIND_PREFIX = {
    Employer.Kind.AGENCY: "11",
    Employer.Kind.INSTITUTION: "12",
    Employer.Kind.ENTERPRISE: "91",
    Employer.Kind.SOCIAL_ORGANISATION: "52",
}
DIVISION_CODES = {
    District.SIMING: "350203",
    District.HAICANG: "350205",
    District.HULI: "350206",
    District.JIMEI: "350211",
    District.TONGAN: "350212",
    District.XIANGAN: "350213",
}

VERIFIED, PENDING, RETURNED = Employer.Status.VERIFIED, Employer.Status.PENDING, Employer.Status.RETURNED
AGENCY, INSTITUTION = Employer.Kind.AGENCY, Employer.Kind.INSTITUTION
ENTERPRISE, SOCIAL = Employer.Kind.ENTERPRISE, Employer.Kind.SOCIAL_ORGANISATION


@dataclass(frozen=True)
class EmployerSeed:
    name: str
    kind: str
    district: str
    sector: str
    address: str
    slug: str  # for the e-mail address
    status: str = VERIFIED
    returned_for: str = ""  # a reviewer's reason; a pending employer with one was corrected since


LICENCE_UNREADABLE = "营业执照扫描件模糊，无法辨认统一社会信用代码，请重新上传加盖公章的清晰扫描件。"

EMPLOYERS = (
    EmployerSeed(
        "厦门市思明区人力资源和社会保障局",
        AGENCY,
        District.SIMING,
        "hrss",
        "厦门市思明区湖滨南路 334 号",
        "smrsj",
    ),
    EmployerSeed(
        "厦门市湖里区市场监督管理局", AGENCY, District.HULI, "market", "厦门市湖里区湖里大道 39 号", "hlscjg"
    ),
    EmployerSeed(
        "厦门市集美区教育局", AGENCY, District.JIMEI, "education", "厦门市集美区集美大道 1200 号", "jmjyj"
    ),
    EmployerSeed(
        "厦门市翔安区农业农村局",
        AGENCY,
        District.XIANGAN,
        "agriculture",
        "厦门市翔安区翔安南路 1 号",
        "xanyj",
    ),
    EmployerSeed(
        "厦门大学附属第一医院", INSTITUTION, District.SIMING, "hospital", "厦门市思明区镇海路 55 号", "xmfyy"
    ),
    EmployerSeed(
        "厦门市海沧区人民医院",
        INSTITUTION,
        District.HAICANG,
        "hospital",
        "厦门市海沧区海沧大道 89 号",
        "hcyy",
    ),
    EmployerSeed(
        "厦门市同安区图书馆", INSTITUTION, District.TONGAN, "library", "厦门市同安区环城南路 8 号", "tatsg"
    ),
    EmployerSeed(
        "厦门市集美区疾病预防控制中心",
        INSTITUTION,
        District.JIMEI,
        "health",
        "厦门市集美区杏林湾路 488 号",
        "jmcdc",
    ),
    EmployerSeed(
        "厦门市湖里区殿前街道社区卫生服务中心",
        INSTITUTION,
        District.HULI,
        "health",
        "厦门市湖里区兴隆路 136 号",
        "dqsq",
    ),
    EmployerSeed(
        "厦门鹭岛云帆科技有限公司",
        ENTERPRISE,
        District.SIMING,
        "tech",
        "厦门市思明区观日路 44 号 3 楼",
        "ldyf",
    ),
    EmployerSeed(
        "厦门海沧港航物流有限公司",
        ENTERPRISE,
        District.HAICANG,
        "logistics",
        "厦门市海沧区港南路 390 号",
        "hcgh",
    ),
    EmployerSeed(
        "厦门同安恒达精密制造有限公司",
        ENTERPRISE,
        District.TONGAN,
        "precision",
        "厦门市同安区西柯街道美禾六路 27 号",
        "hdjm",
    ),
    EmployerSeed(
        "厦门翔鹭食品有限公司", ENTERPRISE, District.XIANGAN, "food", "厦门市翔安区舫山南路 1188 号", "xlsp"
    ),
    EmployerSeed(
        "厦门嘉庚数智信息技术有限公司",
        ENTERPRISE,
        District.JIMEI,
        "tech",
        "厦门市集美区软件园三期诚毅北大街 62 号",
        "jgsz",
        status=PENDING,
    ),
    EmployerSeed(
        "厦门鼓浪屿文旅发展有限公司",
        ENTERPRISE,
        District.SIMING,
        "tourism",
        "厦门市思明区龙头路 18 号",
        "glywl",
    ),
    EmployerSeed(
        "厦门五缘湾国际贸易有限公司",
        ENTERPRISE,
        District.HULI,
        "trade",
        "厦门市湖里区环岛东路 1699 号",
        "wywmy",
    ),
    EmployerSeed(
        "厦门市思明区阳光社会工作服务中心",
        SOCIAL,
        District.SIMING,
        "social_work",
        "厦门市思明区莲前西路 2 号",
        "smyg",
    ),
    EmployerSeed(
        "厦门市湖里区启航青年创业促进会",
        SOCIAL,
        District.HULI,
        "association",
        "厦门市湖里区金山路 9 号",
        "hlqh",
    ),
    EmployerSeed(
        "厦门市海沧区益心社会工作服务中心",
        SOCIAL,
        District.HAICANG,
        "social_work",
        "厦门市海沧区沧林东路 15 号",
        "hcyx",
        status=PENDING,
        returned_for=LICENCE_UNREADABLE,
    ),
    EmployerSeed(
        "厦门市同安区乐龄养老服务中心",
        SOCIAL,
        District.TONGAN,
        "elder_care",
        "厦门市同安区城东路 66 号",
        "tall",
        status=RETURNED,
        returned_for="单位类型应为社会组织（民办非企业单位），但上传的是其他单位的登记证书，请上传本单位的登记证书。",
    ),
)

# title -> (education, major requirement, duties)
TEMPLATES = {
    "行政助理": (
        Edu.JUNIOR_COLLEGE,
        "行政管理、文秘、汉语言文学等相关专业",
        "协助处理日常行政事务，负责文件收发、会议筹备与会议记录；管理办公用品和固定资产台账；完成部门交办的其他工作。",
    ),
    "文秘见习生": (
        Edu.BACHELOR,
        "汉语言文学、秘书学、新闻学等专业",
        "协助起草通知、简报、工作总结等公文材料；负责来文登记、流转和归档；参与会议组织与纪要整理。",
    ),
    "会计助理": (
        Edu.JUNIOR_COLLEGE,
        "会计学、财务管理、审计学等相关专业",
        "协助填制记账凭证、整理原始票据；协助办理报销、银行对账和月末结账；配合做好年度审计资料准备。",
    ),
    "人力资源助理": (
        Edu.BACHELOR,
        "人力资源管理、劳动与社会保障、工商管理等专业",
        "协助开展招聘、入职和离职手续办理；维护员工档案和考勤数据；协助办理社会保险和住房公积金业务。",
    ),
    "档案管理助理": (
        Edu.JUNIOR_COLLEGE,
        "档案学、图书情报、信息管理等相关专业",
        "按档案管理规范做好文书档案的收集、整理、编目和数字化扫描；协助档案查阅登记和库房日常管理。",
    ),
    "数据统计助理": (
        Edu.BACHELOR,
        "统计学、数学、经济学、计算机等相关专业",
        "收集整理业务数据，编制月度、季度统计报表；运用 Excel 等工具开展基础数据分析并撰写分析简报。",
    ),
    "新媒体运营": (
        Edu.JUNIOR_COLLEGE,
        "新闻传播、广告学、数字媒体、汉语言文学等专业",
        "负责微信公众号、视频号等平台的内容策划、图文编辑和日常发布；跟踪阅读数据，提出改进建议。",
    ),
    "法务助理": (
        Edu.BACHELOR,
        "法学专业",
        "协助审核合同及各类法律文书；整理法律法规和政策文件汇编；协助处理投诉、纠纷等法律事务。",
    ),
    "信息化运维助理": (
        Edu.JUNIOR_COLLEGE,
        "计算机科学与技术、网络工程、信息管理等专业",
        "负责办公电脑、打印机和网络设备的日常维护；协助维护业务系统账号与数据备份；解答同事的信息化使用问题。",
    ),
    "综合办公室见习生": (
        Edu.ANY,
        "专业不限",
        "协助办公室开展来电来访登记、材料整理和后勤保障等工作，熟悉单位日常运转流程。",
    ),
    "政务服务窗口见习生": (
        Edu.JUNIOR_COLLEGE,
        "专业不限，公共管理类优先",
        "在政务服务窗口协助开展业务咨询、材料初审和办件登记；引导群众使用网上办事平台，做好服务记录。",
    ),
    "政策研究助理": (
        Edu.MASTER,
        "公共管理、经济学、社会学等相关专业",
        "收集整理国家、省、市相关政策文件；协助开展专题调研，撰写调研报告和政策解读材料。",
    ),
    "就业服务专员助理": (
        Edu.BACHELOR,
        "人力资源管理、劳动与社会保障、公共管理等专业",
        "协助开展高校毕业生就业见习、创业补贴等政策宣传和业务受理；整理招聘会资料，跟踪就业服务数据。",
    ),
    "劳动保障监察协管助理": (
        Edu.BACHELOR,
        "法学、劳动与社会保障等专业",
        "协助受理劳动保障投诉举报，整理案件材料和用人单位书面审查资料，参与根治欠薪专项检查。",
    ),
    "社保业务经办助理": (
        Edu.JUNIOR_COLLEGE,
        "劳动与社会保障、会计、公共事业管理等专业",
        "协助办理社会保险参保登记、待遇核定和信息变更业务，做好业务档案整理。",
    ),
    "市场监管协管助理": (
        Edu.BACHELOR,
        "食品科学、法学、工商管理等相关专业",
        "协助开展市场主体登记材料核对、日常检查台账整理和投诉举报登记等工作。",
    ),
    "食品安全抽检助理": (
        Edu.BACHELOR,
        "食品质量与安全、食品科学与工程等专业",
        "协助制定食品安全抽检计划，跟随执法人员现场抽样，整理检验结果并录入系统。",
    ),
    "知识产权服务助理": (
        Edu.BACHELOR,
        "知识产权、法学、理工科相关专业",
        "协助开展商标、专利业务咨询和知识产权保护宣传，整理侵权投诉材料。",
    ),
    "消费者权益保护助理": (
        Edu.JUNIOR_COLLEGE,
        "法学、市场营销、行政管理等专业",
        "协助受理 12315 消费投诉，开展调解记录和回访，整理消费维权典型案例。",
    ),
    "教育统计助理": (
        Edu.BACHELOR,
        "教育学、统计学、心理学等相关专业",
        "协助完成学籍、教师队伍等教育统计报表；整理各类教育项目材料和会议资料。",
    ),
    "学前教育管理助理": (
        Edu.BACHELOR,
        "学前教育、教育学等专业",
        "协助开展幼儿园年检、办园行为督导和普惠性幼儿园认定材料审核。",
    ),
    "督查督办见习生": (
        Edu.BACHELOR,
        "汉语言文学、行政管理、法学等专业",
        "协助建立督办事项台账，跟踪重点工作进展；整理督查通报和阶段性工作报告。",
    ),
    "教育信息化助理": (
        Edu.BACHELOR,
        "教育技术学、计算机科学与技术等专业",
        "协助维护区域教育管理平台和智慧校园项目，整理信息化设备台账，开展教师应用培训。",
    ),
    "农业技术推广助理": (
        Edu.BACHELOR,
        "农学、园艺、植物保护、农业经济管理等专业",
        "协助开展农业技术培训和田间指导；收集种植、养殖数据，整理农业项目申报材料。",
    ),
    "农村经济统计助理": (
        Edu.JUNIOR_COLLEGE,
        "统计学、农业经济管理、会计等专业",
        "协助收集村集体经济和农民收入数据，编制农村经济统计报表。",
    ),
    "乡村振兴项目助理": (
        Edu.BACHELOR,
        "农林经济管理、公共管理、城乡规划等专业",
        "协助跟踪乡村振兴项目实施进度，整理项目资金使用台账和验收材料，参与驻村调研。",
    ),
    "护理见习": (
        Edu.JUNIOR_COLLEGE,
        "护理学专业，已取得或正在报考护士执业资格",
        "在带教老师指导下参与病区基础护理、生命体征监测和健康宣教；学习护理文书书写规范。",
    ),
    "药学见习生": (
        Edu.BACHELOR,
        "药学、临床药学、中药学等专业",
        "协助药房调剂、处方审核和药品出入库管理；参与合理用药宣传和药品不良反应信息收集。",
    ),
    "医学检验见习生": (
        Edu.BACHELOR,
        "医学检验技术专业",
        "在带教老师指导下开展标本接收、前处理和常规检验项目操作；做好仪器日常维护记录。",
    ),
    "康复治疗见习": (
        Edu.JUNIOR_COLLEGE,
        "康复治疗技术、运动康复等专业",
        "协助治疗师开展功能评估和康复训练，记录训练效果，参与康复宣教活动。",
    ),
    "病案管理助理": (
        Edu.JUNIOR_COLLEGE,
        "卫生信息管理、病案信息技术等专业",
        "负责出院病历的回收、整理、编码录入和归档；协助病案质控和复印服务。",
    ),
    "医务科行政助理": (
        Edu.BACHELOR,
        "公共事业管理、卫生事业管理等专业",
        "协助医疗质量管理、医师资质档案管理和医疗纠纷材料整理；参与院内会议组织。",
    ),
    "影像技术见习生": (
        Edu.JUNIOR_COLLEGE,
        "医学影像技术专业",
        "在带教老师指导下学习 DR、CT 检查的摆位和操作规范，协助影像资料的整理与传输。",
    ),
    "图书借阅服务助理": (
        Edu.JUNIOR_COLLEGE,
        "图书馆学、信息管理、汉语言文学等专业",
        "负责图书借还、上架整理和读者咨询；协助维护自助借还设备和馆内阅览秩序。",
    ),
    "公共文化活动策划助理": (
        Edu.BACHELOR,
        "文化产业管理、艺术学、新闻传播等专业",
        "协助策划和组织讲座、展览等公共文化活动，撰写活动方案和新闻稿。",
    ),
    "地方文献整理助理": (
        Edu.BACHELOR,
        "历史学、汉语言文学、档案学等专业",
        "协助整理同安地方文献和族谱资料，开展编目、扫描和数字化著录。",
    ),
    "少儿阅读推广助理": (
        Edu.JUNIOR_COLLEGE,
        "学前教育、小学教育、汉语言文学等专业",
        "协助开展绘本故事会、亲子阅读等少儿阅读推广活动，维护少儿阅览区秩序。",
    ),
    "数字资源管理助理": (
        Edu.BACHELOR,
        "信息管理与信息系统、计算机等专业",
        "协助维护数字图书馆平台和电子资源，统计资源使用数据，解答读者线上咨询。",
    ),
    "公共卫生见习生": (
        Edu.BACHELOR,
        "预防医学、公共卫生、卫生检验等专业",
        "协助开展传染病监测数据录入、流行病学调查资料整理和健康教育活动。",
    ),
    "社区健康管理助理": (
        Edu.JUNIOR_COLLEGE,
        "临床医学、护理、健康管理等专业",
        "协助开展居民健康档案建立、慢病随访和老年人健康体检组织工作。",
    ),
    "实验室检测助理": (
        Edu.BACHELOR,
        "卫生检验与检疫、生物技术、化学等专业",
        "协助开展水质、食品等样品的检测前处理和实验记录整理；维护实验室仪器设备。",
    ),
    "健康教育宣传助理": (
        Edu.JUNIOR_COLLEGE,
        "新闻传播、健康管理、护理等专业",
        "设计制作健康宣传海报和推文，参与社区义诊和健康讲座活动组织。",
    ),
    "软件开发见习生": (
        Edu.BACHELOR,
        "计算机科学与技术、软件工程等相关专业",
        "在导师指导下参与 Web 后端模块开发、单元测试和代码评审；学习公司研发流程与版本管理规范。",
    ),
    "前端开发见习生": (
        Edu.JUNIOR_COLLEGE,
        "计算机、数字媒体技术等相关专业",
        "参与 Vue 前端页面开发和移动端适配；配合后端完成接口联调，修复界面缺陷。",
    ),
    "软件测试见习生": (
        Edu.JUNIOR_COLLEGE,
        "计算机、软件工程、信息管理等专业",
        "根据需求编写测试用例，执行功能测试和回归测试；记录并跟踪缺陷，参与版本发布验证。",
    ),
    "数据分析见习生": (
        Edu.BACHELOR,
        "统计学、数据科学与大数据技术、计算机等专业",
        "使用 SQL 和 Python 整理业务数据，制作数据看板；协助开展用户行为分析。",
    ),
    "产品助理": (
        Edu.BACHELOR,
        "专业不限，计算机、工商管理类优先",
        "协助产品经理收集用户需求，撰写需求文档和原型；跟进开发进度并组织验收。",
    ),
    "技术支持工程师助理": (
        Edu.JUNIOR_COLLEGE,
        "计算机、网络工程、电子信息等专业",
        "为客户提供软件安装部署和使用培训；受理并记录客户问题，协助排查系统故障。",
    ),
    "UI设计见习生": (
        Edu.JUNIOR_COLLEGE,
        "视觉传达设计、数字媒体艺术等专业",
        "协助完成 App 和网页界面的视觉设计、图标绘制和设计规范整理。",
    ),
    "运维工程师助理": (
        Edu.BACHELOR,
        "计算机、网络工程等专业",
        "协助维护 Linux 服务器和云资源，编写监控告警和备份脚本，处理日常运维工单。",
    ),
    "物流单证员": (
        Edu.JUNIOR_COLLEGE,
        "物流管理、国际经济与贸易等专业",
        "负责进出口货物提单、报关单据的制作与审核；跟踪船期和货物动态，及时反馈客户。",
    ),
    "仓储管理助理": (
        Edu.SECONDARY_VOCATIONAL,
        "物流管理、仓储管理等相关专业",
        "协助货物入库验收、库位规划和出库复核；维护仓储系统数据，参与月度盘点。",
    ),
    "报关报检助理": (
        Edu.BACHELOR,
        "报关与国际货运、国际经济与贸易、英语等专业",
        "协助整理报关资料，录入国际贸易单一窗口申报数据，跟进海关查验和放行。",
    ),
    "运输调度助理": (
        Edu.JUNIOR_COLLEGE,
        "交通运输、物流管理等专业",
        "协助安排集装箱车辆调度，跟踪运输在途情况，处理异常并记录。",
    ),
    "客户服务专员": (
        Edu.ANY,
        "专业不限",
        "受理客户询价、订舱和查询，维护客户档案，协助处理投诉与理赔。",
    ),
    "质量检验员": (
        Edu.SECONDARY_VOCATIONAL,
        "机械制造、质量管理与技术等相关专业",
        "按检验标准开展来料、过程和成品检验，填写检验记录；协助处理质量异常。",
    ),
    "生产计划助理": (
        Edu.JUNIOR_COLLEGE,
        "工业工程、物流管理、机械类专业",
        "协助编制生产排程和物料需求计划，跟踪生产进度，统计产量和达成率。",
    ),
    "机械设计见习生": (
        Edu.BACHELOR,
        "机械设计制造及其自动化、机械电子工程等专业",
        "使用 SolidWorks 和 AutoCAD 协助完成零部件设计和图纸绘制；参与样品试制。",
    ),
    "设备维护技术员": (
        Edu.SECONDARY_VOCATIONAL,
        "机电一体化、电气自动化等专业",
        "协助开展生产设备日常点检、保养和故障维修，做好设备维护记录。",
    ),
    "采购助理": (
        Edu.JUNIOR_COLLEGE,
        "物流管理、工商管理、市场营销等专业",
        "协助询价比价、下达采购订单和跟催交期；维护供应商资料和采购台账。",
    ),
    "安全生产管理助理": (
        Edu.JUNIOR_COLLEGE,
        "安全工程、化工、机电等相关专业",
        "协助开展车间安全检查、隐患排查和员工安全培训，整理安全生产台账。",
    ),
    "食品检验员": (
        Edu.JUNIOR_COLLEGE,
        "食品检验检测技术、食品质量与安全等专业",
        "负责原辅料和成品的感官、理化及微生物检验，填写检验报告，留样管理。",
    ),
    "食品研发助理": (
        Edu.BACHELOR,
        "食品科学与工程、生物工程等专业",
        "协助开展新品配方试验、感官评价和保质期测试，整理研发记录。",
    ),
    "导游讲解见习生": (
        Edu.JUNIOR_COLLEGE,
        "旅游管理、导游、英语等专业",
        "在鼓浪屿景区开展导览讲解，协助游客接待和团队行程安排。",
    ),
    "酒店前厅接待": (
        Edu.SECONDARY_VOCATIONAL,
        "酒店管理、旅游管理等专业",
        "负责客人入住、退房办理和问询服务，处理预订信息，维护前台秩序。",
    ),
    "文旅活动策划助理": (
        Edu.BACHELOR,
        "旅游管理、文化产业管理、市场营销等专业",
        "协助策划节庆和研学活动，撰写活动方案，对接场地和供应商。",
    ),
    "票务运营助理": (
        Edu.JUNIOR_COLLEGE,
        "专业不限",
        "负责线上线下票务系统操作、票务数据统计和游客咨询答复。",
    ),
    "外语接待见习生": (
        Edu.BACHELOR,
        "英语、日语等外语类专业",
        "为境外游客提供接待与讲解服务，协助翻译景区介绍和宣传资料。",
    ),
    "外贸业务助理": (
        Edu.BACHELOR,
        "国际经济与贸易、商务英语等专业",
        "协助开发海外客户，处理询盘、报价和订单跟进；制作形式发票和装箱单。",
    ),
    "跨境电商运营": (
        Edu.JUNIOR_COLLEGE,
        "电子商务、市场营销、英语等专业",
        "负责跨境电商平台店铺的商品上架、详情页优化和广告投放数据跟踪。",
    ),
    "单证跟单员": (
        Edu.JUNIOR_COLLEGE,
        "国际经济与贸易、物流管理等专业",
        "跟踪订单生产和出货进度，制作信用证项下单据，协调货代订舱。",
    ),
    "市场营销助理": (
        Edu.BACHELOR,
        "市场营销、工商管理等专业",
        "协助开展市场调研和竞品分析，参与展会筹备和客户拜访。",
    ),
    "销售助理": (
        Edu.JUNIOR_COLLEGE,
        "专业不限",
        "协助整理客户资料和销售合同，跟进回款，编制销售周报。",
    ),
    "社会工作助理": (
        Edu.BACHELOR,
        "社会工作、社会学、心理学等专业",
        "在督导指导下开展个案、小组和社区活动，撰写服务记录和活动总结。",
    ),
    "社区服务项目助理": (
        Edu.JUNIOR_COLLEGE,
        "社会工作、公共事业管理等专业",
        "协助社区服务项目的需求调研、活动执行和项目台账管理。",
    ),
    "志愿服务协调员": (
        Edu.ANY,
        "专业不限",
        "负责志愿者招募、培训和排班，维护志愿服务时长记录。",
    ),
    "心理咨询助理": (
        Edu.MASTER,
        "心理学、应用心理学专业",
        "协助开展心理健康评估和团体辅导，整理来访记录，参与心理科普宣传。",
    ),
    "项目评估助理": (
        Edu.BACHELOR,
        "社会学、公共管理、统计学等专业",
        "协助设计服务满意度问卷，整理评估数据，撰写项目评估报告。",
    ),
    "青年创业服务助理": (
        Edu.BACHELOR,
        "工商管理、经济学、法学等专业",
        "协助开展创业政策咨询、创业培训和项目路演组织，维护会员信息。",
    ),
    "会员服务专员": (
        Edu.JUNIOR_COLLEGE,
        "专业不限",
        "负责会员入会登记、会费收缴台账和会员走访，整理会员需求。",
    ),
    "养老服务见习生": (
        Edu.SECONDARY_VOCATIONAL,
        "智慧健康养老服务与管理、护理、社会工作等专业",
        "协助开展长者日间照料、康乐活动和探访服务，记录服务情况。",
    ),
    "膳食营养助理": (
        Edu.JUNIOR_COLLEGE,
        "食品营养与健康、护理等专业",
        "协助制定长者营养食谱，开展膳食满意度调查和营养知识宣传。",
    ),
}
GENERAL_TITLES = (
    "行政助理",
    "文秘见习生",
    "会计助理",
    "人力资源助理",
    "档案管理助理",
    "数据统计助理",
    "新媒体运营",
    "法务助理",
    "信息化运维助理",
    "综合办公室见习生",
)
SECTOR_TITLES = {
    "hrss": (
        "政务服务窗口见习生",
        "政策研究助理",
        "就业服务专员助理",
        "劳动保障监察协管助理",
        "社保业务经办助理",
    ),
    "market": (
        "市场监管协管助理",
        "食品安全抽检助理",
        "知识产权服务助理",
        "消费者权益保护助理",
        "政务服务窗口见习生",
    ),
    "education": ("教育统计助理", "学前教育管理助理", "督查督办见习生", "教育信息化助理", "政策研究助理"),
    "agriculture": (
        "农业技术推广助理",
        "农村经济统计助理",
        "乡村振兴项目助理",
        "督查督办见习生",
        "政策研究助理",
    ),
    "hospital": (
        "护理见习",
        "药学见习生",
        "医学检验见习生",
        "康复治疗见习",
        "病案管理助理",
        "医务科行政助理",
        "影像技术见习生",
    ),
    "library": (
        "图书借阅服务助理",
        "公共文化活动策划助理",
        "地方文献整理助理",
        "少儿阅读推广助理",
        "数字资源管理助理",
    ),
    "health": (
        "公共卫生见习生",
        "社区健康管理助理",
        "实验室检测助理",
        "健康教育宣传助理",
        "护理见习",
        "药学见习生",
    ),
    "tech": (
        "软件开发见习生",
        "前端开发见习生",
        "软件测试见习生",
        "数据分析见习生",
        "产品助理",
        "技术支持工程师助理",
        "UI设计见习生",
        "运维工程师助理",
    ),
    "logistics": ("物流单证员", "仓储管理助理", "报关报检助理", "运输调度助理", "客户服务专员"),
    "precision": (
        "质量检验员",
        "生产计划助理",
        "机械设计见习生",
        "设备维护技术员",
        "采购助理",
        "安全生产管理助理",
    ),
    "food": ("食品检验员", "食品研发助理", "生产计划助理", "采购助理", "安全生产管理助理"),
    "tourism": ("导游讲解见习生", "酒店前厅接待", "文旅活动策划助理", "票务运营助理", "外语接待见习生"),
    "trade": ("外贸业务助理", "跨境电商运营", "单证跟单员", "市场营销助理", "销售助理"),
    "social_work": ("社会工作助理", "社区服务项目助理", "志愿服务协调员", "心理咨询助理", "项目评估助理"),
    "association": ("青年创业服务助理", "会员服务专员", "项目评估助理", "志愿服务协调员", "社区服务项目助理"),
    "elder_care": ("养老服务见习生", "社会工作助理", "康复治疗见习", "志愿服务协调员", "膳食营养助理"),
}

POSITION_RETURN_REASONS = (
    "岗位职责描述过于简单，请补充具体工作内容和带教安排。",
    "专业要求与岗位职责不匹配，请核实后修改。",
    "联系电话无法接通，请提供有效的联系电话。",
    "见习人数与单位规模不符，请调整见习人数或补充说明。",
    "工作地点填写不完整，请填写到门牌号。",
    "见习期限与岗位性质不符，请核实后重新提交。",
)
CLOSE_NOTES = ("岗位已招满。", "单位业务调整，暂停招收见习人员。", "本批次招募结束。")

SURNAMES = "陈林黄张李王吴刘蔡杨郑许洪苏曾庄叶谢柯吕"
GIVEN_NAMES = (
    "雅婷 志明 晓燕 建华 丽娟 伟杰 思颖 俊杰 文静 佳怡 鸿鹏 美玲 振宇 秀英 家豪 婉清 子涵 国强 淑芬 明辉"
).split()
MOBILE_PREFIXES = "135 136 137 138 139 150 151 152 158 159 177 180 186 187 188 189 199".split()
