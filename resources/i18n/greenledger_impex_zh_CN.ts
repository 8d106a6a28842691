<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../views/export_dialog.py" line="78"/>
        <location filename="../../views/export_dialog.py" line="131"/>
        <location filename="../../views/export_dialog.py" line="162"/>
        <location filename="../../views/export_dialog.py" line="174"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="80"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="84"/>
        <source>Official layout (附件1, .xlsx) — for documents</source>
        <translation>正式版式（附件1，.xlsx）— 用于公文附件</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="85"/>
        <source>Flat table (.xlsx) — one row per project, for analysis</source>
        <translation>明细表（.xlsx）— 每个项目一行，便于分析</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="86"/>
        <source>CSV — flat table as text</source>
        <translation>CSV — 明细表的文本格式</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="97"/>
        <source>Subtotal (小计) after each section</source>
        <translation>每个分类后加“小计”行</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="99"/>
        <source>Total (合计) row</source>
        <translation>“合计”行</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="101"/>
        <source>Rectification list as 附件2</source>
        <translation>问题整改清单作为附件2</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="104"/>
        <source>UTF-8 with BOM (Excel, WPS)</source>
        <translation>UTF-8 带 BOM（Excel、WPS）</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="105"/>
        <source>GB18030 (older Excel)</source>
        <translation>GB18030（旧版 Excel）</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="108"/>
        <source>The whole plan</source>
        <translation>整个方案</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="109"/>
        <source>Only the projects the grid shows (current filter)</source>
        <translation>仅表格中显示的项目（当前筛选）</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="114"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="121"/>
        <source>Plan:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="122"/>
        <source>Projects:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="126"/>
        <source>CSV encoding:</source>
        <translation>CSV 编码：</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="127"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="159"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="159"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="174"/>
        <source>The folder does not exist.</source>
        <translation>文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="194"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="214"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../views/import_dialog.py" line="171"/>
        <location filename="../../views/import_dialog.py" line="360"/>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="175"/>
        <source>Choose an Excel, WPS or CSV file…</source>
        <translation>选择 Excel、WPS 或 CSV 文件…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="177"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="183"/>
        <source>A new plan</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="186"/>
        <source>Merge into: %1</source>
        <translation>合并到：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="190"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="191"/>
        <source>Import into:</source>
        <translation>导入到：</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="192"/>
        <source>New plan title:</source>
        <translation>新方案标题：</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="194"/>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="202"/>
        <location filename="../../views/import_dialog.py" line="243"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="203"/>
        <source>Header in file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="204"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="205"/>
        <source>First row</source>
        <translation>首行数据</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="206"/>
        <source>Sheet · header row</source>
        <translation>工作表 · 表头行</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="215"/>
        <location filename="../../views/import_dialog.py" line="292"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="215"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="215"/>
        <source>Planned (10k yuan)</source>
        <translation>计划投资（万元）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="230"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="235"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="237"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="248"/>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="251"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="257"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="274"/>
        <source>Export problems to CSV…</source>
        <translation>导出问题清单为 CSV…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="290"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="293"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="295"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="316"/>
        <source>Check all new</source>
        <translation>勾选全部新增</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="317"/>
        <source>Uncheck all new</source>
        <translation>取消全部新增</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="318"/>
        <source>Check all changed</source>
        <translation>勾选全部修改</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="319"/>
        <source>Uncheck all changed</source>
        <translation>取消全部修改</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="334"/>
        <source>Sections</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="335"/>
        <source>Columns</source>
        <translation>列映射</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="336"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="337"/>
        <location filename="../../views/import_dialog.py" line="557"/>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="341"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="362"/>
        <source>Tables (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="381"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="391"/>
        <source>Reading the table</source>
        <translation>正在读取表格</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="395"/>
        <source>Reading cancelled.</source>
        <translation>已取消读取。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="410"/>
        <source>Could not read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="424"/>
        <source>%1 projects in %2 sections, %3 (10k yuan); %4 rectification items.</source>
        <translation>共 %1 个项目，%2 个分类，计划投资 %3 万元；整改问题 %4 项。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="432"/>
        <source>%1 errors, %2 warnings.</source>
        <translation>错误 %1 处，警告 %2 处。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="438"/>
        <source>Fix the errors (see Problems) — nothing will be imported until then.</source>
        <translation>请先修正错误（见“问题”页）— 修正前不会导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="444"/>
        <source>Merge: %1 new, %2 changed, %3 unchanged, %4 not in the file.</source>
        <translation>合并：新增 %1，修改 %2，未变 %3，文件中缺少 %4。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="454"/>
        <source>The %1 rectification items are imported into new plans only.</source>
        <translation>附件2 的 %1 个整改问题只在导入为新方案时导入。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="474"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="503"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="226"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="226"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="533"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="540"/>
        <source>Export problems</source>
        <translation>导出问题清单</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="540"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="283"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="284"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="285"/>
        <source>Not in file (kept)</source>
        <translation>文件中没有（保留）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="574"/>
        <source>Comparing with the plan…</source>
        <translation>正在与方案比对…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="577"/>
        <source>Comparing with the plan</source>
        <translation>正在与方案比对</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="595"/>
        <source>Changes (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="603"/>
        <source>Could not compare with the plan: %1</source>
        <translation>无法与方案比对：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="612"/>
        <source>Comparison cancelled: choose the plan again to compare.</source>
        <translation>已取消比对：重新选择方案即可再次比对。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="630"/>
        <source>Selected: %1 of %2 new, %3 of %4 changed.</source>
        <translation>已选：新增 %1/%2，修改 %3/%4。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="665"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="670"/>
        <location filename="../../views/import_dialog.py" line="701"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="686"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="705"/>
        <source>Import cancelled: nothing was written.</source>
        <translation>已取消导入：未写入任何数据。</translation>
    </message>
</context>
</TS>
