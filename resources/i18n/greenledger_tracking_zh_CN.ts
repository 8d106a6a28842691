<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditHistoryView</name>
    <message>
        <location filename="../../views/audit_view.py" line="50"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="51"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="52"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="53"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="54"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="55"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="67"/>
        <source>Restore this old value</source>
        <translation>恢复为此旧值</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="69"/>
        <source>Writes the old value back; Ctrl+Z undoes it like any edit.</source>
        <translation>把旧值写回；和其他修改一样可用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="111"/>
        <source>{count} change(s)</source>
        <translation>共 {count} 条修改</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="116"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="117"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="118"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="119"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="124"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="125"/>
        <source>Project type</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="126"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="127"/>
        <source>Main construction content</source>
        <translation>主要建设内容</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="128"/>
        <source>Quantity</source>
        <translation>项目数量</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="129"/>
        <source>Planned investment</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="130"/>
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="131"/>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="132"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="133"/>
        <source>New/continued</source>
        <translation>新建/续建</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="134"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="135"/>
        <source>Carried over from</source>
        <translation>结转自</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="136"/>
        <source>Progress %</source>
        <translation>完成比例(%)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="137"/>
        <source>Completed investment</source>
        <translation>完成投资</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="138"/>
        <source>Over plan confirmed</source>
        <translation>超计划已确认</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="139"/>
        <source>Progress narrative</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="140"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="141"/>
        <source>Next steps</source>
        <translation>下步计划</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="142"/>
        <source>Reporter</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="143"/>
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="144"/>
        <source>Milestones</source>
        <translation>进度节点</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="145"/>
        <source>Key task link</source>
        <translation>关联重点任务</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="152"/>
        <source>{period} report</source>
        <translation>{period} 进度填报</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="187"/>
        <source>Restore {field}</source>
        <translation>恢复{field}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="192"/>
        <source>Restore refused</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../views/tracking_views.py" line="448"/>
        <source>Close issues (销号)</source>
        <translation>问题销号</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="450"/>
        <source>{count} issue(s) will be closed.</source>
        <translation>将对 {count} 个问题销号。</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="454"/>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="456"/>
        <source>Evidence: inspection, photos, documents…</source>
        <translation>整改佐证：现场核查、照片、文件……</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="457"/>
        <source>Evidence</source>
        <translation>整改佐证</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="468"/>
        <source>Closing needs an evidence note.</source>
        <translation>销号需要填写整改佐证。</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <location filename="../../views/tracking_views.py" line="296"/>
        <source>Period of the actual values: 2023 (year end), 2023Q2, 2023-05</source>
        <translation>实际值所属期间：2023（年度）、2023Q2（季度）、2023-05（月度）</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="300"/>
        <source>Actual values for</source>
        <translation>实际值期间</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="302"/>
        <source>New indicator</source>
        <translation>新指标</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="303"/>
        <location filename="../../views/tracking_views.py" line="311"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="303"/>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="306"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="307"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="308"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="309"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="310"/>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="312"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="361"/>
        <source>{met} of {total} indicators met</source>
        <translation>{total} 项指标中 {met} 项达标</translation>
    </message>
</context>
<context>
    <name>KeyTasksView</name>
    <message>
        <location filename="../../views/tracking_views.py" line="497"/>
        <source>New task</source>
        <translation>新任务</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="500"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="501"/>
        <source>Work area</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="502"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="503"/>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="504"/>
        <source>Cooperating units</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="505"/>
        <source>Linked projects</source>
        <translation>关联项目</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="508"/>
        <source>Import table…</source>
        <translation>导入分解表…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="509"/>
        <source>Export table…</source>
        <translation>导出分解表…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="514"/>
        <source>Projects implementing the task</source>
        <translation>落实该任务的工程项目</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="518"/>
        <source>Find a project to link…</source>
        <translation>查找要关联的项目…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="523"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="525"/>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="552"/>
        <source>No key tasks yet</source>
        <translation>还没有重点任务</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="559"/>
        <source>The plan&apos;s key tasks (重点任务) come from its responsibility decomposition table (工作任务责任分解表: 序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位). Import that table from Excel or WPS; each task can then be linked to the projects that carry it out.</source>
        <translation>方案的重点任务来自工作任务责任分解表（序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位）。请从 Excel 或 WPS 导入该分解表；之后可以把每项任务关联到落实它的工程项目。</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="568"/>
        <source>Import the decomposition table…</source>
        <translation>导入分解表…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="571"/>
        <source>Type them in</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="630"/>
        <location filename="../../views/tracking_views.py" line="631"/>
        <source>Link projects to task</source>
        <translation>关联项目到任务</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="638"/>
        <location filename="../../views/tracking_views.py" line="639"/>
        <source>Unlink projects from task</source>
        <translation>取消任务的项目关联</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="655"/>
        <source>Import decomposition table</source>
        <translation>导入责任分解表</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="649"/>
        <source>Import key tasks</source>
        <translation>导入重点任务</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="653"/>
        <source>{count} task(s) imported.</source>
        <translation>已导入 {count} 项任务。</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="665"/>
        <source>Export decomposition table</source>
        <translation>导出责任分解表</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="666"/>
        <source>decomposition.xlsx</source>
        <translation>工作任务责任分解表.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="667"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="672"/>
        <source>Responsibility decomposition table</source>
        <translation>工作任务责任分解表</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="680"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="682"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>PlanDiffDialog</name>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="40"/>
        <source>Compare plans</source>
        <translation>方案比对</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="51"/>
        <source>Compare</source>
        <translation>比对</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="54"/>
        <source>Earlier edition</source>
        <translation>对比的早期版本</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="62"/>
        <location filename="../../views/plan_diff_dialog.py" line="70"/>
        <location filename="../../views/plan_diff_dialog.py" line="73"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="63"/>
        <location filename="../../views/plan_diff_dialog.py" line="70"/>
        <location filename="../../views/plan_diff_dialog.py" line="73"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="64"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="65"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="66"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="70"/>
        <location filename="../../views/plan_diff_dialog.py" line="73"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="70"/>
        <location filename="../../views/plan_diff_dialog.py" line="73"/>
        <source>Planned</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="75"/>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="76"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="77"/>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="80"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="117"/>
        <source>Comparing…</source>
        <translation>正在比对…</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="127"/>
        <source>{matched} projects matched; {changed} field changes, {added} added, {removed} removed.</source>
        <translation>对应项目 {matched} 个；字段变更 {changed} 处，新增 {added} 个，删除 {removed} 个。</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="148"/>
        <source>Changed ({n})</source>
        <translation>变更 ({n})</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="149"/>
        <source>Added ({n})</source>
        <translation>新增 ({n})</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="150"/>
        <source>Removed ({n})</source>
        <translation>删除 ({n})</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="169"/>
        <source>Export differences</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="170"/>
        <source>plan-differences.xlsx</source>
        <translation>方案差异.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="171"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <location filename="../../views/tracking_views.py" line="756"/>
        <source>Reporting period: 2023Q2 (quarter) or 2023-05 (month)</source>
        <translation>填报期：2023Q2（季度）或 2023-05（月度）</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="761"/>
        <source>Behind &gt; 10 points</source>
        <translation>慢于序时 10 个百分点</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="762"/>
        <source>Yinchuan rule</source>
        <translation>银川规则</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="763"/>
        <source>Sanya rule</source>
        <translation>三亚规则</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="764"/>
        <source>Tianjin rule</source>
        <translation>天津规则</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="768"/>
        <source>Traffic-light thresholds (红黄绿灯)</source>
        <translation>红黄绿灯阈值</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="772"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="774"/>
        <source>Period</source>
        <translation>填报期</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="780"/>
        <source>Import return…</source>
        <translation>导入进度表…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="787"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="788"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="789"/>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="790"/>
        <source>Planned (10k yuan)</source>
        <translation>计划投资(万元)</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="791"/>
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="792"/>
        <source>Completed before</source>
        <translation>上期累计完成</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="793"/>
        <source>Completed (10k yuan, cumulative)</source>
        <translation>累计完成投资(万元)</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="794"/>
        <source>Progress %</source>
        <translation>完成比例(%)</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="795"/>
        <source>Status</source>
        <translation>项目状态</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="796"/>
        <source>Progress narrative</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="797"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="798"/>
        <source>Next steps</source>
        <translation>下步计划</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="799"/>
        <source>Reporter</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="800"/>
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="801"/>
        <source>Over plan confirmed</source>
        <translation>超计划已确认</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="802"/>
        <source>Milestones</source>
        <translation>进度节点</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="803"/>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="809"/>
        <source>Planned</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="810"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="811"/>
        <source>Done</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="812"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="823"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="941"/>
        <source>{reported}/{projects} reported · {behind} behind · {overdue} overdue · {completed} (10k yuan) completed</source>
        <translation>已填报 {reported}/{projects} · 滞后 {behind} 个 · 逾期 {overdue} 个 · 累计完成 {completed} 万元</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="971"/>
        <source>Import progress return</source>
        <translation>导入进度填报表</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="961"/>
        <source>Import progress return {name}</source>
        <translation>导入进度填报表 {name}</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="966"/>
        <source>{count} project(s) updated for {period}.</source>
        <translation>已更新 {period} 的 {count} 个项目。</translation>
    </message>
</context>
<context>
    <name>RectificationsView</name>
    <message>
        <location filename="../../views/tracking_views.py" line="372"/>
        <source>New issue</source>
        <translation>新问题</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="375"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="376"/>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="377"/>
        <source>Description</source>
        <translation>内容描述</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="378"/>
        <source>Towns / streets</source>
        <translation>所属镇(街道)</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="379"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="380"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="381"/>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="382"/>
        <source>Evidence</source>
        <translation>整改佐证</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="388"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="389"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="390"/>
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="393"/>
        <source>Close selected (销号)…</source>
        <translation>选中问题销号…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="401"/>
        <source>Select the issues to close first.</source>
        <translation>请先选中要销号的问题。</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="415"/>
        <source>Close {count} issue(s)</source>
        <translation>销号 {count} 个问题</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="417"/>
        <source>Close refused</source>
        <translation>无法销号</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="427"/>
        <source>{closed} of {total} closed · {in_progress} in progress · {overdue} overdue</source>
        <translation>共 {total} 个，已销号 {closed} · 整改中 {in_progress} · 逾期 {overdue}</translation>
    </message>
</context>
<context>
    <name>RolloverDialog</name>
    <message>
        <location filename="../../views/rollover_dialog.py" line="66"/>
        <source>Roll over to next year</source>
        <translation>结转到下一年度</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="70"/>
        <source>No such plan.</source>
        <translation>方案不存在。</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="80"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="81"/>
        <source>Title of the new plan</source>
        <translation>新方案标题</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="82"/>
        <source>Copy the indicators (targets to review)</source>
        <translation>复制工作目标（目标值请复核）</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="84"/>
        <source>Copy the key tasks</source>
        <translation>复制重点任务</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="86"/>
        <source>Carry the rectifications not closed yet</source>
        <translation>结转尚未销号的问题</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="95"/>
        <source>{carried} of {total} projects carry forward as continued (续建) with {money} (10k yuan) remaining; {done} are done and stay behind.</source>
        <translation>{total} 个项目中 {carried} 个作为续建项目结转，剩余投资 {money} 万元；{done} 个已完成，不再结转。</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="109"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="110"/>
        <source>Planned</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="111"/>
        <source>Completed</source>
        <translation>累计完成</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="112"/>
        <source>Remaining</source>
        <translation>剩余投资</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="113"/>
        <source>Carries</source>
        <translation>是否结转</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="125"/>
        <source>Yes</source>
        <translation>结转</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="125"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="140"/>
        <source>Create plan</source>
        <translation>创建方案</translation>
    </message>
    <message>
        <location filename="../../views/rollover_dialog.py" line="163"/>
        <source>Roll over to {title}</source>
        <translation>结转为 {title}</translation>
    </message>
</context>
<context>
    <name>TrackingTab</name>
    <message>
        <location filename="../../views/tracking_views.py" line="191"/>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="273"/>
        <source>Tables (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="277"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>TrackingViews</name>
    <message>
        <location filename="../../views/tracking_views.py" line="93"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="94"/>
        <source>Behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="95"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="96"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="97"/>
        <source>No report</source>
        <translation>未填报</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="134"/>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="709"/>
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="720"/>
        <source>Warning: {reason}</source>
        <translation>警告：{reason}</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views.py" line="729"/>
        <source>Nothing was written. Fix these cells and import again.</source>
        <translation>未写入任何数据。请修正这些单元格后重新导入。</translation>
    </message>
</context>
</TS>
