<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BriefingDialog</name>
    <message>
        <location filename="../../views/briefing_dialog.py" line="116"/>
        <location filename="../../views/briefing_dialog.py" line="373"/>
        <location filename="../../views/briefing_dialog.py" line="427"/>
        <source>Briefing</source>
        <translation>简报</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="119"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="120"/>
        <source>Word (.docx, editable)</source>
        <translation>Word（.docx，可编辑）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="123"/>
        <source>Official document (公文, GB/T 9704)</source>
        <translation>公文格式（GB/T 9704）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="124"/>
        <source>Modern (cover, contents, key figures)</source>
        <translation>现代版式（封面、目录、主要指标）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="129"/>
        <source>Red masthead (报头):</source>
        <translation>红色报头：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="133"/>
        <source>Issue, e.g. 第3期</source>
        <translation>期号，如 第3期</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="139"/>
        <source>报送: leaders and offices above</source>
        <translation>报送：上级领导和机关</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="141"/>
        <source>抄送: departments, towns and streets</source>
        <translation>抄送：各部门、镇（街道）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="145"/>
        <source>The whole plan (%1 projects)</source>
        <translation>整个方案（%1 个项目）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="148"/>
        <source>The current filter (%1 projects)</source>
        <translation>当前筛选结果（%1 个项目）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="151"/>
        <source>The selected projects (%1)</source>
        <translation>选中的项目（%1 个）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="161"/>
        <source>More than %1 selected projects: use a filter instead.</source>
        <translation>选中的项目超过 %1 个，请改用筛选。</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="170"/>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="171"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="181"/>
        <source>Chapters (printed only when they have data)</source>
        <translation>章节（有数据时才打印）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="184"/>
        <source>Summary and key figures</source>
        <translation>总体情况与主要指标</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="185"/>
        <source>Charts: sections, lead units, towns, years</source>
        <translation>图表：重点任务、牵头单位、镇（街道）、年度</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="186"/>
        <source>Projects behind schedule</source>
        <translation>滞后项目清单</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="187"/>
        <source>Indicators and targets</source>
        <translation>工作目标指标</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="188"/>
        <source>Rectification list</source>
        <translation>问题整改清单</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="189"/>
        <source>Projects by responsible unit</source>
        <translation>责任单位统计</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="190"/>
        <source>Project table (landscape)</source>
        <translation>工程项目表（横向）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="201"/>
        <source>Watermark:</source>
        <translation>水印：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="211"/>
        <source>Issuing office shown on the cover</source>
        <translation>封面显示的印发单位</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="216"/>
        <source>As of the plan&apos;s default day (today, or its latest return once it is over)</source>
        <translation>截至方案默认日期（当天；方案年度结束后为最近一期填报截止日）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="236"/>
        <source>Open the document when it is ready</source>
        <translation>生成后打开文档</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="257"/>
        <source>Double-click a figure to show its projects in the grid</source>
        <translation>双击数据，在表格中显示对应项目</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="263"/>
        <source>Key figures…</source>
        <translation>关键数据…</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="267"/>
        <source>Create</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="368"/>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="231"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="240"/>
        <source>Plan:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="241"/>
        <source>Projects:</source>
        <translation>项目范围：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="242"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="244"/>
        <source>Send to:</source>
        <translation>报送：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="245"/>
        <source>Copy to:</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="246"/>
        <source>Pages:</source>
        <translation>页面：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="247"/>
        <source>Wide tables are always printed on A4 landscape.</source>
        <translation>宽表格始终以 A4 横向打印。</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="249"/>
        <source>Office:</source>
        <translation>印发单位：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="250"/>
        <source>Briefing date:</source>
        <translation>简报日期：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="251"/>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="252"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="370"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="388"/>
        <source>Counting the key figures</source>
        <translation>正在统计关键数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/briefing_dialog.py" line="403"/>
        <source>(%n project(s))</source>
        <translation>
            <numerusform>（%n 个项目）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="427"/>
        <source>The folder does not exist.</source>
        <translation>文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="433"/>
        <source>Creating the briefing</source>
        <translation>正在生成简报</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="452"/>
        <source>Briefing failed</source>
        <translation>简报生成失败</translation>
    </message>
</context>
</TS>
