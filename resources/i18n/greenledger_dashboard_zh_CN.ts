<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartCanvas</name>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="48"/>
        <source>Copy chart</source>
        <translation>复制图表</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="50"/>
        <source>Save as PNG (300 dpi)…</source>
        <translation>另存为 PNG（300 dpi）…</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="52"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="59"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="60"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="61"/>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="158"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="159"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="162"/>
        <location filename="../../widgets/chart_canvas.py" line="173"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="174"/>
        <source>Could not save the chart:
%1</source>
        <translation>无法保存图表：
%1</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../views/dashboard_view.py" line="139"/>
        <source>Clear drill-down</source>
        <translation>清除钻取</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="140"/>
        <source>Show the projects of the filter again</source>
        <translation>回到钻取前的筛选</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="143"/>
        <source>Years: spread over the period</source>
        <translation>年度：按建设期限分摊</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="144"/>
        <source>Years: count in the start year</source>
        <translation>年度：计入开工年度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="148"/>
        <source>Timeline: per section</source>
        <translation>期限图：按重点任务</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="149"/>
        <source>Timeline: per project</source>
        <translation>期限图：按项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="157"/>
        <source>Showing:</source>
        <translation>当前范围：</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="166"/>
        <location filename="../../views/dashboard_view.py" line="429"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="167"/>
        <source>Planned investment (10k yuan)</source>
        <translation>计划投资（万元）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="168"/>
        <source>Sections</source>
        <translation>重点任务数</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="169"/>
        <source>Units involved</source>
        <translation>涉及单位</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="170"/>
        <source>Investment not set</source>
        <translation>未填计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="171"/>
        <source>Multi-year projects</source>
        <translation>跨年度项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="172"/>
        <source>Completed investment (10k yuan)</source>
        <translation>完成投资（万元）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="173"/>
        <source>Behind schedule</source>
        <translation>慢于序时进度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="192"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="252"/>
        <source>All projects of the plan</source>
        <translation>方案全部项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="255"/>
        <source>Current grid filter</source>
        <translation>表格当前筛选</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="306"/>
        <source>Calculating…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="309"/>
        <location filename="../../views/dashboard_view.py" line="404"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="322"/>
        <source>Choose a plan to see its dashboard.</source>
        <translation>请选择一个方案以查看看板。</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="328"/>
        <source>Could not calculate: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="341"/>
        <source>Updated %1 · %2 s</source>
        <translation>更新于 %1 · 用时 %2 秒</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="353"/>
        <source>%1 hundred million yuan</source>
        <translation>%1 亿元</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="362"/>
        <location filename="../../views/dashboard_view.py" line="442"/>
        <source>No progress data yet</source>
        <translation>暂无进度数据</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="367"/>
        <source>%1% of planned</source>
        <translation>占计划 %1%</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="371"/>
        <source>%1 overdue · %2 reported · as of %3</source>
        <translation>逾期 %1 个 · 已报送 %2 个 · 截至 %3</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="394"/>
        <source>Too many projects to list (more than %1); narrow the filter first.</source>
        <translation>项目过多（超过 %1 个），请先缩小筛选范围。</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="399"/>
        <source>Could not drill down: %1</source>
        <translation>无法钻取：%1</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="419"/>
        <source>Planned investment by section</source>
        <translation>各重点任务计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="420"/>
        <source>Planned investment by lead unit (top {n})</source>
        <translation>牵头单位计划投资（前{n}位）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="421"/>
        <source>Projects per unit</source>
        <translation>各单位参与项目数</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="422"/>
        <source>Investment involving each town/street</source>
        <translation>各镇（街道）涉及投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="423"/>
        <source>Planned investment by year</source>
        <translation>分年度计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="424"/>
        <source>Project status</source>
        <translation>项目状态</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="425"/>
        <source>Planned and completed investment by section</source>
        <translation>各重点任务计划与完成投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="426"/>
        <source>Construction periods</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="427"/>
        <source>Planned investment ({unit})</source>
        <translation>计划投资（{unit}）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="428"/>
        <source>Investment ({unit})</source>
        <translation>投资（{unit}）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="430"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="431"/>
        <source>{n} proj.</source>
        <translation>{n}项</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="432"/>
        <source>{n} projects</source>
        <translation>{n}个项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="433"/>
        <source>Other ({n} units)</source>
        <translation>其他（{n}个单位）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="434"/>
        <source>No lead unit</source>
        <translation>未指定牵头单位</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="435"/>
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="436"/>
        <source>Cooperating</source>
        <translation>配合</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="437"/>
        <source>Constructing</source>
        <translation>建设主体</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="438"/>
        <source>Planned investment</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="439"/>
        <source>Completed investment</source>
        <translation>完成投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="440"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="441"/>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="443"/>
        <source>{n} more units not shown</source>
        <translation>另有{n}个单位未列出</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="444"/>
        <source>{n} more projects not shown (largest {shown} by investment)</source>
        <translation>另有{n}个项目未列出（按计划投资取前{shown}个）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="445"/>
        <source>{n} more projects have no construction period</source>
        <translation>另有{n}个项目未填建设期限</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="446"/>
        <source>Multi-year investment is spread evenly over the period</source>
        <translation>多年项目的投资按建设期限平均分摊到各年</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="447"/>
        <source>Multi-year investment counts in the start year</source>
        <translation>多年项目的投资全部计入开工年度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="449"/>
        <source>A project counts in full for every town/street it names; 各板块 projects ({n}) count for all, so the bars do not add up to the total</source>
        <translation>项目投资全额计入其涉及的每个镇（街道），“各板块”项目（{n}个）计入全部镇（街道），各镇（街道）合计不等于总投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="452"/>
        <source>Completed = each project&apos;s latest progress report up to {date}</source>
        <translation>完成投资取各项目截至{date}的最新进度报告</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="454"/>
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="455"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="456"/>
        <source>Built</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="457"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
</context>
</TS>
