"""Demo traineeships: how many of each kind, mentors, work plans and reasons, all made up.

A scenario is a traineeship's whole path (e.g. "active, with an extension awaiting review");
jiexi.demo.traineeships_seeder walks each one through the services on dates relative to today.
"""

TRAINEESHIP_SEED = 2027  # a stream of its own, so traineeships never shift the rest of the demo

# Scenario -> how many. Final states: draft 15, submitted 10, returned 6, approved (not started)
# 8, active 40, completed 20, terminated 8.
SCENARIO_MIX = {
    "draft": 8,  # signed scan uploaded, ready to submit
    "draft_unsigned": 7,  # the agreement not printed and signed yet
    "submitted": 10,
    "returned": 6,
    "approved": 8,  # starts in the next 1-20 days
    "active": 13,
    "ending_soon": 6,  # ends in the next 1-10 days: the extension deadline is close
    "extension_draft": 4,  # ends soon, an extension drafted
    "extension_submitted": 4,
    "extension_returned": 3,
    "extended": 6,  # an approved extension moved the end
    "terminating": 4,  # a termination entered for a later day this month
    "completed": 20,
    "terminated": 8,  # terminated in an earlier month
}
# Each demo clerk's employer gets one of each of these first (then a share of the rest).
DEMO_SCENARIOS = (
    "draft",
    "draft_unsigned",
    "submitted",
    "returned",
    "approved",
    "ending_soon",
    "extension_draft",
    "extension_submitted",
    "extended",
    "terminating",
    "completed",
    "terminated",
)
ENDED = ("completed", "terminated")  # planned and filed first: a person's later traineeship follows

# A traineeship is filed no sooner than this many days after the graduation certificate.
DAYS_AFTER_CERTIFICATE = 35
# Lengths in months, drawn up to the position's offer (completed ones are the short kind).
LENGTHS = (3, 3, 4, 6, 6, 6, 8, 9, 12)
ENDED_LENGTHS = (3, 3, 3, 4, 5, 6)
EXTENSION_MONTHS = (1, 2, 3, 3, 6)
KEPT_ON = (True, True, True, False, False, None, None, None)  # completed: retention recorded or not
SCAN_ON_EXTENSION_DRAFT = 0.5  # extension drafts that already have their signed scan

MENTORS = (
    "陈建国 林美华 黄志坚 张丽萍 王振华 吴秀琴 郑文辉 李晓红 蔡明德 杨淑华 许国平 洪雅芳 "
    "庄永辉 苏惠珍 叶德胜 曾丽云 谢志刚 柯碧玉 刘海滨 周丽娟 邱文彬 卢秋菊 颜清华 方志远"
).split()

# The second half of the work content, after the position's duties: the learning plan.
WORK_PLANS = (
    "第一个月熟悉单位规章制度和业务流程，在带教老师指导下完成基础工作；此后逐步独立承担日常事务，每月提交见习小结。",
    "由带教老师制定见习计划，前两周岗前培训，之后参与实际项目，每周与带教老师交流一次工作进展。",
    "采取“师带徒”方式，带教老师每周布置任务并检查完成情况；见习期满前完成一份岗位工作总结。",
    "见习期间参加单位组织的业务培训和安全教育，按月考核，考核结果记入见习鉴定。",
    "前期以跟岗学习为主，中期在指导下独立处理简单业务，后期参与部门重点工作，期满进行见习鉴定。",
)

TRAINEESHIP_RETURN_REASONS = (
    "协议扫描件未加盖单位公章，请盖章后重新上传。",
    "协议扫描件缺少见习人员签名页，请补充后重新上传。",
    "见习起止日期与协议扫描件不一致，请核对后修改。",
    "带教老师姓名与协议不一致，请核对后修改。",
    "见习工作内容过于简单，请结合岗位职责补充具体内容。",
    "协议扫描件不清晰，无法辨认签名和日期，请重新扫描上传。",
)
EXTENSION_RETURN_REASONS = (
    "延期协议未加盖单位公章，请盖章后重新上传。",
    "延期协议中的新结束日期与填报不一致，请核对后修改。",
    "延期协议缺少见习人员签名，请补充后重新上传。",
)
TERMINATION_REASONS = (
    "见习人员考取公务员，经双方协商一致提前终止见习。",
    "见习人员考取研究生，需提前入学，经双方协商一致终止见习。",
    "见习人员与其他单位签订劳动合同，经双方协商一致终止见习。",
    "见习人员因家庭原因离开厦门，经双方协商一致终止见习。",
    "见习人员身体原因无法继续见习，经双方协商一致终止见习。",
    "单位业务调整，经双方协商一致提前终止见习。",
)
