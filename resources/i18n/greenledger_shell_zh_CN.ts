<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/application.py" line="82" />
        <source>GreenLedger</source>
        <translation>绿色台账</translation>
    </message>
    <message>
        <location filename="../../app/application.py" line="83" />
        <source>The database could not be opened or upgraded:
%1</source>
        <translation>无法打开或升级数据库：
%1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../widgets/filter_bar.py" line="41" />
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="42" />
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="43" />
        <source>Completed</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="44" />
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="146" />
        <source>Quick filter: name, content, type or units (Ctrl+F)</source>
        <translation>快速筛选：名称、内容、类型或责任单位（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="163" />
        <source>Any type</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="168" />
        <source>Any unit</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="173" />
        <source>Any role</source>
        <translation>任意角色</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="180" />
        <source>Any year</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="182" />
        <source>Projects whose construction period covers this year</source>
        <translation>建设期限覆盖该年份的项目</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="186" />
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="192" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="193" />
        <source>Show every project of the plan</source>
        <translation>显示本方案全部项目</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="210" />
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="211" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="212" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="213" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="214" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="265" />
        <source>All sections</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../widgets/filter_bar.py" line="385" />
        <source>No unit is called “%1”.</source>
        <translation>没有名为“%1”的单位。</translation>
    </message>
</context>
<context>
    <name>LazyTabWidget</name>
    <message>
        <location filename="../../widgets/lazy_tabs.py" line="55" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../widgets/lazy_tabs.py" line="61" />
        <source>This part is not installed.</source>
        <translation>此功能尚未安装。</translation>
    </message>
    <message>
        <location filename="../../widgets/lazy_tabs.py" line="131" />
        <source>This view could not be opened:
%1</source>
        <translation>无法打开此视图：
%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="78" />
        <location filename="../../views/main_window.py" line="467" />
        <location filename="../../views/main_window.py" line="524" />
        <source>GreenLedger</source>
        <translation>绿色台账</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="109" />
        <source>Projects</source>
        <translation>项目表</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="118" />
        <source>No plan yet</source>
        <translation>还没有工作方案</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="125" />
        <source>GreenLedger keeps the project tables of your district's eco-civilization work plans. Start with the 2023 钟楼 sample plan to look around, import the project table you already keep in Excel or WPS, or start an empty plan.</source>
        <translation>绿色台账用于管理本区生态文明建设工作方案的工程项目表。可以先载入 2023 年钟楼区示例方案看一看，也可以导入您在 Excel 或 WPS 中维护的项目表，或者新建一个空白方案。</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="134" />
        <source>Load the 2023 钟楼 sample plan</source>
        <translation>载入 2023 年钟楼区示例方案</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="137" />
        <source>Import a table…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="139" />
        <source>New empty plan…</source>
        <translation>新建空白方案…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="173" />
        <source>Plans</source>
        <translation>工作方案</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="176" />
        <source>Project details</source>
        <translation>项目详情</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="179" />
        <source>&lt;original&gt;</source>
        <translation>&lt;初始状态&gt;</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="180" />
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="217" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="219" />
        <source>&amp;New Plan…</source>
        <translation>新建方案(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="223" />
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="230" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="237" />
        <source>&amp;Briefing PDF…</source>
        <translation>简报 PDF(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="243" />
        <source>Load &amp;Sample Plan</source>
        <translation>载入示例方案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="245" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="250" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="210" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="212" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="254" />
        <source>Undo &amp;History</source>
        <translation>撤销历史(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="258" />
        <source>&amp;Filter…</source>
        <translation>筛选(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="259" />
        <source>&amp;Clear Filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="262" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="267" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="268" />
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="279" />
        <source>&amp;Plan</source>
        <translation>方案(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="281" />
        <source>Plan &amp;Properties…</source>
        <translation>方案属性(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="290" />
        <source>&amp;Roll Over to Next Year…</source>
        <translation>结转到下一年度(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="296" />
        <source>&amp;Compare With…</source>
        <translation>与其他方案比较(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="304" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="304" />
        <source>&amp;About GreenLedger</source>
        <translation>关于绿色台账(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="310" />
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="311" />
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="312" />
        <source>Key tasks</source>
        <translation>重点任务</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="315" />
        <source>Rectification</source>
        <translation>问题整改</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="319" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="398" />
        <source>The project table now shows the projects behind “%1” (Ctrl+1).</source>
        <translation>项目表已筛选出“%1”对应的项目（Ctrl+1 查看）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/main_window.py" line="403" />
        <source>%n picked project(s)</source>
        <translation><numerusform>选中的 %n 个项目</numerusform></translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="409" />
        <source>the whole plan</source>
        <translation>整个方案</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/main_window.py" line="449" />
        <source>%n project(s)</source>
        <translation><numerusform>%n 个项目</numerusform></translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="476" />
        <source>Not installed yet</source>
        <translation>尚未安装</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="496" />
        <source>Load Sample Plan</source>
        <translation>载入示例方案</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="502" />
        <source>Sample plan loaded.</source>
        <translation>示例方案已载入。</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="567" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="568" />
        <source>The new language is used the next time GreenLedger starts.</source>
        <translation>新的界面语言将在下次启动绿色台账时生效。</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="581" />
        <source>About GreenLedger</source>
        <translation>关于绿色台账</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="575" />
        <source>&lt;b&gt;GreenLedger 绿色台账&lt;/b&gt;&lt;p&gt;The project ledger of district eco-civilization work plans: plans, campaigns, projects, responsible units, progress and briefings — offline, on one SQLite file.&lt;/p&gt;&lt;p&gt;Database: %1&lt;br&gt;Plans: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;GreenLedger 绿色台账&lt;/b&gt;&lt;p&gt;区生态文明建设工作方案的项目台账：方案、重点任务、工程项目、责任单位、进度与简报——离线使用，数据保存在一个 SQLite 文件中。&lt;/p&gt;&lt;p&gt;数据库：%1&lt;br&gt;方案数：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="605" />
        <source>Unsaved details</source>
        <translation>详情未保存</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="606" />
        <source>The project details have errors and were not saved. Quit anyway?</source>
        <translation>项目详情有错误，尚未保存。仍要退出吗？</translation>
    </message>
</context>
<context>
    <name>OrganizationPicker</name>
    <message>
        <location filename="../../widgets/owners_editor.py" line="54" />
        <source>Unit name, short name or alias…</source>
        <translation>单位全称、简称或别名…</translation>
    </message>
</context>
<context>
    <name>OwnersEditor</name>
    <message>
        <location filename="../../widgets/owners_editor.py" line="37" />
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="38" />
        <source>Cooperating</source>
        <translation>配合</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="39" />
        <source>Constructing</source>
        <translation>建设主体</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="102" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="102" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="115" />
        <source>Add the unit typed on the left (Enter)</source>
        <translation>添加左侧输入的单位（Enter）</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="117" />
        <source>Remove the selected unit (Del)</source>
        <translation>移除选中的单位（Del）</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="119" />
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+↑）</translation>
    </message>
    <message>
        <location filename="../../widgets/owners_editor.py" line="121" />
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../views/plan_dialog.py" line="97" />
        <source>Edit plan properties</source>
        <translation>修改方案属性</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="126" />
        <source>New Plan</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="126" />
        <source>Plan Properties</source>
        <translation>方案属性</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="131" />
        <source>e.g. 2024年钟楼区生态文明建设工作方案</source>
        <translation>例如：2024年钟楼区生态文明建设工作方案</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="133" />
        <source>e.g. 钟楼区</source>
        <translation>例如：钟楼区</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="144" />
        <source>e.g. 钟政办发〔2023〕17号</source>
        <translation>例如：钟政办发〔2023〕17号</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="146" />
        <source>Issued on</source>
        <translation>印发日期</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="168" />
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="169" />
        <source>&amp;Region:</source>
        <translation>地区(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="170" />
        <source>&amp;Years:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="171" />
        <source>&amp;Document number:</source>
        <translation>文号(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="172" />
        <source>&amp;Issuer:</source>
        <translation>印发机关(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="173" />
        <source>Issue date:</source>
        <translation>印发日期：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="174" />
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="180" />
        <source>One section (campaign) per line, in order.</source>
        <translation>每行一个分类（重点任务），按顺序排列。</translation>
    </message>
    <message>
        <location filename="../../views/plan_dialog.py" line="181" />
        <source>&amp;Sections:</source>
        <translation>分类(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>PlanTree</name>
    <message>
        <location filename="../../widgets/plan_tree.py" line="125" />
        <source>Add section “%1”</source>
        <translation>添加分类“%1”</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="142" />
        <source>Rename section to “%1”</source>
        <translation>分类重命名为“%1”</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="158" />
        <source>Move section</source>
        <translation>移动分类</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="176" />
        <source>Delete section “%1”</source>
        <translation>删除分类“%1”</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="260" />
        <source>New Plan…</source>
        <translation>新建方案…</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="261" />
        <source>Plan Properties…</source>
        <translation>方案属性…</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="262" />
        <source>Add Section…</source>
        <translation>添加分类…</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="263" />
        <source>Rename Section…</source>
        <translation>重命名分类…</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="265" />
        <source>Move Section Up</source>
        <translation>分类上移</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="268" />
        <source>Move Section Down</source>
        <translation>分类下移</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="270" />
        <location filename="../../widgets/plan_tree.py" line="626" />
        <source>Delete Section</source>
        <translation>删除分类</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="274" />
        <source>Plan / section</source>
        <translation>方案 / 分类</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="274" />
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="274" />
        <source>×10k CNY</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="543" />
        <source>Years</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="544" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="545" />
        <source>Issued by</source>
        <translation>印发机关</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="546" />
        <source>Issued on</source>
        <translation>印发日期</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="551" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/plan_tree.py" line="556" />
        <source>%n project(s), %1</source>
        <translation><numerusform>%n 个项目，%1</numerusform></translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="583" />
        <source>Add Section</source>
        <translation>添加分类</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="583" />
        <source>Section name, e.g. (七)其他:</source>
        <translation>分类名称，例如 (七)其他：</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="601" />
        <source>Rename Section</source>
        <translation>重命名分类</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="601" />
        <source>Section name:</source>
        <translation>分类名称：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/plan_tree.py" line="628" />
        <source>“%1” still has %n project(s). Move or delete them first; nothing is deleted with a section.</source>
        <translation><numerusform>“%1”下还有 %n 个项目。请先移走或删除这些项目；删除分类不会连带删除项目。</numerusform></translation>
    </message>
</context>
<context>
    <name>ProjectDetails</name>
    <message>
        <location filename="../../views/project_details.py" line="51" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="52" />
        <source>Project type</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="53" />
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="54" />
        <source>Main construction content</source>
        <translation>主要建设内容</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="55" />
        <source>Quantity</source>
        <translation>项目数量</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="56" />
        <source>Planned investment (10k CNY)</source>
        <translation>计划投资(万元)</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="59" />
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="60" />
        <source>Responsible units</source>
        <translation>责任部门/建设主体</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="61" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="62" />
        <source>New/continued</source>
        <translation>新建/续建</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="63" />
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="70" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="71" />
        <source>Continued</source>
        <translation>续建</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="103" />
        <source>2023 or 2022-2024</source>
        <translation>2023 或 2022-2024</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="104" />
        <source>/ = not set</source>
        <translation>/ 表示未定</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="145" />
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="160" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="161" />
        <source>Save the changes as one undo step (Ctrl+Enter)</source>
        <translation>保存修改，可一步撤销（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="163" />
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="189" />
        <source>Select a project in the table to see its details.</source>
        <translation>在项目表中选择一个项目以查看详情。</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="199" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="203" />
        <location filename="../../views/project_details.py" line="377" />
        <source>History</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="322" />
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="339" />
        <source>Changes not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location filename="../../views/project_details.py" line="340" />
        <source>Your changes to “%1” were not saved:
%2</source>
        <translation>对“%1”的修改未保存：
%2</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../../widgets/status_summary.py" line="28" />
        <source>%1 ×10k CNY</source>
        <translation>%1 万元</translation>
    </message>
    <message>
        <location filename="../../widgets/status_summary.py" line="24" />
        <source>%1 ×10k CNY (%2 ×100M CNY)</source>
        <translation>%1 万元（%2 亿元）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/status_summary.py" line="72" />
        <source>%n row(s), planned %1</source>
        <translation><numerusform>共 %n 行，计划投资 %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/status_summary.py" line="77" />
        <source>%n selected, planned %1</source>
        <translation><numerusform>选中 %n 行，计划投资 %1</numerusform></translation>
    </message>
    <message>
        <location filename="../../widgets/status_summary.py" line="80" />
        <source>Nothing selected</source>
        <translation>未选中</translation>
    </message>
</context>
</TS>