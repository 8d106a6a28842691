<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CollectDialog</name>
    <message>
        <location filename="../../views/returns_collect.py" line="71"/>
        <source>Collect returned sheets</source>
        <translation>收回填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="80"/>
        <source>This plan has no return round yet: distribute sheets first.</source>
        <translation>这个方案还没有填报轮次，请先分发填报表。</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="83"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="84"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="85"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="90"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="95"/>
        <source>Drop returned files or a folder here.</source>
        <translation>把收回的填报表文件或文件夹拖到这里。</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="99"/>
        <source>Unit / project</source>
        <translation>单位 / 项目</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="100"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="101"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="102"/>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="103"/>
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="111"/>
        <source>Apply approved</source>
        <translation>写入勾选的内容</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="113"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="139"/>
        <source>Returned sheets</source>
        <translation>收回的填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="141"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="146"/>
        <source>Folder of returned sheets</source>
        <translation>填报表所在文件夹</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="167"/>
        <source>Reading returned sheets</source>
        <translation>正在读取填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="182"/>
        <source>Refused: %1</source>
        <translation>未收取：%1</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="190"/>
        <source>%1 files: %2 usable, %3 refused.</source>
        <translation>共 %1 个文件：可收取 %2 个，未收取 %3 个。</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="198"/>
        <source>%1 — %2: %3 projects, %4 cells</source>
        <translation>%1 — %2：%3 个项目，%4 处修改</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="212"/>
        <source>Changes typed into locked cells (approve to write): %1</source>
        <translation>锁定单元格被改动（勾选表示审核通过并写入）：%1 处</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="227"/>
        <source>Refused</source>
        <translation>拒收</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="228"/>
        <source>Added row</source>
        <translation>新增行</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="229"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="263"/>
        <source>Collect %1 returned sheets</source>
        <translation>收回 %1 份填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_collect.py" line="275"/>
        <source>Written: %1 projects, %2 cells; %3 cells refused, %4 waiting for approval.</source>
        <translation>已写入：%1 个项目，%2 处；拒收 %3 处，待审核 %4 处。</translation>
    </message>
</context>
<context>
    <name>MakeRoundDialog</name>
    <message>
        <location filename="../../views/returns_dialog.py" line="91"/>
        <source>Distribute return sheets</source>
        <translation>分发填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="102"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="120"/>
        <source>%1 (%2 projects)</source>
        <translation>%1（%2 个项目）</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="126"/>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="127"/>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="136"/>
        <source>Round name</source>
        <translation>轮次名称</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="137"/>
        <source>Reporting period</source>
        <translation>填报期</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="138"/>
        <source>Deadline</source>
        <translation>报送截止</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="139"/>
        <location filename="../../views/returns_dialog.py" line="170"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="142"/>
        <source>Fields the units fill in</source>
        <translation>单位填写的字段</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="144"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="152"/>
        <source>Make sheets</source>
        <translation>生成填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="180"/>
        <source>— (the name must say the quarter or month, e.g. 2023年第一季度)</source>
        <translation>—（名称中须写明季度或月份，如 2023年第一季度）</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="198"/>
        <source>Choose at least one unit and one field.</source>
        <translation>请至少选择一个单位和一个字段。</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="207"/>
        <source>Making return sheets</source>
        <translation>正在生成填报表</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="223"/>
        <source>%1 sheets written to %2, with the ZIP %3 and the notice %4.</source>
        <translation>已在 %2 生成 %1 份填报表，以及压缩包 %3 和通知 %4。</translation>
    </message>
</context>
<context>
    <name>ReturnsMenu</name>
    <message>
        <location filename="../../views/returns_dialog.py" line="51"/>
        <source>Return round</source>
        <translation>填报轮次</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="63"/>
        <source>&amp;Distribute Return Sheets…</source>
        <translation>分发填报表(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="68"/>
        <source>C&amp;ollect Returned Sheets…</source>
        <translation>收回填报表(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../views/returns_dialog.py" line="73"/>
        <source>Return Round &amp;State…</source>
        <translation>填报情况(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>RoundStatusDialog</name>
    <message>
        <location filename="../../views/returns_status.py" line="235"/>
        <source>Return round state</source>
        <translation>填报情况</translation>
    </message>
</context>
<context>
    <name>RoundStatusView</name>
    <message>
        <location filename="../../views/returns_status.py" line="55"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="57"/>
        <source>Export reminder list…</source>
        <translation>导出催报名单…</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="60"/>
        <location filename="../../views/returns_status.py" line="85"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="66"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="67"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="68"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="69"/>
        <source>Sent file</source>
        <translation>发出文件</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="70"/>
        <source>Sent at</source>
        <translation>发出时间</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="71"/>
        <source>Returned file</source>
        <translation>收回文件</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="72"/>
        <source>Received at</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="73"/>
        <location filename="../../views/returns_status.py" line="93"/>
        <source>Rows changed</source>
        <translation>改动行数</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="74"/>
        <location filename="../../views/returns_status.py" line="94"/>
        <source>Cells refused</source>
        <translation>拒收单元格</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="75"/>
        <source>Awaiting approval</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="76"/>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="86"/>
        <source>Period</source>
        <translation>填报期</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="87"/>
        <source>Deadline</source>
        <translation>报送截止</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="101"/>
        <source>All rounds of this plan</source>
        <translation>本方案各轮次比较</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="146"/>
        <source>No return round yet: use Plan ▸ Distribute Return Sheets.</source>
        <translation>还没有填报轮次：请用 方案 ▸ 分发填报表。</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="154"/>
        <source>Deadline %1</source>
        <translation>报送截止 %1</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="212"/>
        <location filename="../../views/returns_status.py" line="228"/>
        <source>Export reminder list</source>
        <translation>导出催报名单</translation>
    </message>
    <message>
        <location filename="../../views/returns_status.py" line="214"/>
        <source>Excel (*.xlsx);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
</context>
</TS>
