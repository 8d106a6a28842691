<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BriefingDialog</name>
    <message>
        <location filename="../../views/briefing_dialog.py" line="97"/>
        <location filename="../../views/briefing_dialog.py" line="269"/>
        <location filename="../../views/briefing_dialog.py" line="287"/>
        <source>PDF Briefing</source>
        <translation>PDF 简报</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="101"/>
        <source>The whole plan (%1 projects)</source>
        <translation>整个方案（%1 个项目）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="104"/>
        <source>The current filter (%1 projects)</source>
        <translation>当前筛选结果（%1 个项目）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="107"/>
        <source>The selected projects (%1)</source>
        <translation>选中的项目（%1 个）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="117"/>
        <source>More than %1 selected projects: use a filter instead.</source>
        <translation>选中的项目超过 %1 个，请改用筛选。</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="126"/>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="127"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="137"/>
        <source>Chapters (printed only when they have data)</source>
        <translation>章节（有数据时才打印）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="140"/>
        <source>Summary and key figures</source>
        <translation>总体情况与主要指标</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="141"/>
        <source>Charts: sections, lead units, towns, years</source>
        <translation>图表：重点任务、牵头单位、镇（街道）、年度</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="142"/>
        <source>Projects behind schedule</source>
        <translation>滞后项目清单</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="143"/>
        <source>Indicators and targets</source>
        <translation>工作目标指标</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="144"/>
        <source>Rectification list</source>
        <translation>问题整改清单</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="145"/>
        <source>Projects by responsible unit</source>
        <translation>责任单位统计</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="146"/>
        <source>Project table (landscape)</source>
        <translation>工程项目表（横向）</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="157"/>
        <source>Watermark:</source>
        <translation>水印：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="167"/>
        <source>Issuing office shown on the cover</source>
        <translation>封面显示的印发单位</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="171"/>
        <source>As of the latest progress return</source>
        <translation>截至最近一期进度填报</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="184"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="189"/>
        <source>Open the PDF when it is ready</source>
        <translation>生成后打开 PDF</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="193"/>
        <source>Plan:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="194"/>
        <source>Projects:</source>
        <translation>项目范围：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="195"/>
        <source>Pages:</source>
        <translation>页面：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="196"/>
        <source>Wide tables are always printed on A4 landscape.</source>
        <translation>宽表格始终以 A4 横向打印。</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="198"/>
        <source>Office:</source>
        <translation>印发单位：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="199"/>
        <source>Briefing date:</source>
        <translation>简报日期：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="200"/>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="201"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="206"/>
        <source>Create PDF</source>
        <translation>生成 PDF</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="269"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="287"/>
        <source>The folder does not exist.</source>
        <translation>文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="294"/>
        <source>Creating the briefing</source>
        <translation>正在生成简报</translation>
    </message>
    <message>
        <location filename="../../views/briefing_dialog.py" line="313"/>
        <source>Briefing failed</source>
        <translation>简报生成失败</translation>
    </message>
</context>
</TS>
