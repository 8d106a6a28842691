<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartCanvas</name>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="78"/>
        <source>Copy chart</source>
        <translation>复制图表</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="80"/>
        <source>Save as PNG (300 dpi)…</source>
        <translation>另存为 PNG（300 dpi）…</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="82"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="89"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="90"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="91"/>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="189"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="190"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="193"/>
        <location filename="../../widgets/chart_canvas.py" line="204"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="205"/>
        <source>Could not save the chart:
%1</source>
        <translation>无法保存图表：
%1</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../views/dashboard_view.py" line="155"/>
        <source>Clear drill-down</source>
        <translation>清除钻取</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="156"/>
        <source>Show the projects of the filter again</source>
        <translation>回到钻取前的筛选</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="159"/>
        <source>Years: spread over the period</source>
        <translation>年度：按建设期限分摊</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="160"/>
        <source>Years: count in the start year</source>
        <translation>年度：计入开工年度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="164"/>
        <source>Timeline: per section</source>
        <translation>期限图：按分类</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="165"/>
        <source>Timeline: per project</source>
        <translation>期限图：按项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="178"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="180"/>
        <source>Judge progress and 序时进度 at this day (unchecked: the plan&apos;s default day)</source>
        <translation>按此日期计算进度和序时进度（不勾选：方案默认日期）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="194"/>
        <source>Showing:</source>
        <translation>当前范围：</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="205"/>
        <location filename="../../views/dashboard_view.py" line="533"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="206"/>
        <source>Planned investment (10k yuan)</source>
        <translation>计划投资（万元）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="207"/>
        <source>Sections</source>
        <translation>分类数</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="208"/>
        <source>Units involved</source>
        <translation>涉及单位</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="209"/>
        <source>Investment not set</source>
        <translation>未填计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="210"/>
        <source>Multi-year projects</source>
        <translation>跨年度项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="211"/>
        <source>Completed investment (10k yuan)</source>
        <translation>完成投资（万元）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="212"/>
        <source>Behind schedule</source>
        <translation>慢于序时进度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="231"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="306"/>
        <source>All projects of the plan</source>
        <translation>方案全部项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="309"/>
        <source>Current grid filter</source>
        <translation>表格当前筛选</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="373"/>
        <source>Calculating…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="376"/>
        <location filename="../../views/dashboard_view.py" line="506"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="389"/>
        <source>Choose a plan to see its dashboard.</source>
        <translation>请选择一个方案以查看看板。</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="395"/>
        <source>Could not calculate: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <source>Updated %1 · %2 s</source>
        <translation type="vanished">更新于 %1 · 用时 %2 秒</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="428"/>
        <source>Drawing charts: %1 of %2…</source>
        <translation>正在绘制图表：%1 / %2…</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="439"/>
        <source>Updated %1 · %2 s (figures %3 s, drawing %4 s)</source>
        <translation>更新于 %1 · 用时 %2 秒（统计 %3 秒，绘图 %4 秒）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="453"/>
        <source>%1 hundred million yuan</source>
        <translation>%1 亿元</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="462"/>
        <location filename="../../views/dashboard_view.py" line="546"/>
        <source>No progress data yet</source>
        <translation>暂无进度数据</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="467"/>
        <source>%1% of planned</source>
        <translation>占计划 %1%</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="471"/>
        <source>%1 overdue · %2 reported · as of %3</source>
        <translation>逾期 %1 个 · 已报送 %2 个 · 截至 %3</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="496"/>
        <source>Too many projects to list (more than %1); narrow the filter first.</source>
        <translation>项目过多（超过 %1 个），请先缩小筛选范围。</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="501"/>
        <source>Could not drill down: %1</source>
        <translation>无法钻取：%1</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="521"/>
        <source>Planned investment by section</source>
        <translation>各分类计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="522"/>
        <source>Planned investment by lead unit (top {n})</source>
        <translation>牵头单位计划投资（前{n}位）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="523"/>
        <source>Planned investment by lead unit</source>
        <translation>牵头单位计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="524"/>
        <source>10k yuan</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="524"/>
        <source>100M yuan</source>
        <translation>亿元</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="525"/>
        <source>Projects per unit</source>
        <translation>各单位参与项目数</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="526"/>
        <source>Investment involving each town/street</source>
        <translation>各镇（街道）涉及投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="527"/>
        <source>Planned investment by year</source>
        <translation>分年度计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="528"/>
        <source>Project status</source>
        <translation>项目状态</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="529"/>
        <source>Planned and completed investment by section</source>
        <translation>各分类计划与完成投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="530"/>
        <source>Construction periods</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="531"/>
        <source>Planned investment ({unit})</source>
        <translation>计划投资（{unit}）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="532"/>
        <source>Investment ({unit})</source>
        <translation>投资（{unit}）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="534"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="535"/>
        <source>{n} proj.</source>
        <translation>{n}项</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="536"/>
        <source>{n} projects</source>
        <translation>{n}个项目</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="537"/>
        <source>Other ({n} units)</source>
        <translation>其他（{n}个单位）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="538"/>
        <source>No lead unit</source>
        <translation>未指定牵头单位</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="539"/>
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="540"/>
        <source>Cooperating</source>
        <translation>配合</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="541"/>
        <source>Constructing</source>
        <translation>建设主体</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="542"/>
        <source>Planned investment</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="543"/>
        <source>Completed investment</source>
        <translation>完成投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="544"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="545"/>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="547"/>
        <source>{n} more units not shown</source>
        <translation>另有{n}个单位未列出</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="548"/>
        <source>{n} more projects not shown (largest {shown} by investment)</source>
        <translation>另有{n}个项目未列出（按计划投资取前{shown}个）</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="549"/>
        <source>{n} more projects have no construction period</source>
        <translation>另有{n}个项目未填建设期限</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="550"/>
        <source>Multi-year investment is spread evenly over the period</source>
        <translation>多年项目的投资按建设期限平均分摊到各年</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="551"/>
        <source>Multi-year investment counts in the start year</source>
        <translation>多年项目的投资全部计入开工年度</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="553"/>
        <source>A project counts in full for every town/street it names; 各板块 projects ({n}) count for all, so the bars do not add up to the total</source>
        <translation>项目投资全额计入其涉及的每个镇（街道），“各板块”项目（{n}个）计入全部镇（街道），各镇（街道）合计不等于总投资</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="556"/>
        <source>Completed = each project&apos;s latest progress report up to {date}</source>
        <translation>完成投资取各项目截至{date}的最新进度报告</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="558"/>
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="559"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="560"/>
        <source>Built</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location filename="../../views/dashboard_view.py" line="561"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
</context>
</TS>
