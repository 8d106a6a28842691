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
        <location filename="../../views/export_dialog.py" line="214"/>
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
    <message numerus="yes">
        <location filename="../../views/export_dialog.py" line="215"/>
        <source>%n project(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个项目写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/export_dialog.py" line="221"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../views/import_dialog.py" line="184"/>
        <location filename="../../views/import_dialog.py" line="388"/>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="193"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="199"/>
        <source>A new plan</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="202"/>
        <source>Merge into: %1</source>
        <translation>合并到：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="206"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="207"/>
        <source>Import into:</source>
        <translation>导入到：</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="208"/>
        <source>New plan title:</source>
        <translation>新方案标题：</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="210"/>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="218"/>
        <location filename="../../views/import_dialog.py" line="259"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="219"/>
        <source>Header in file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="220"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="221"/>
        <source>First row</source>
        <translation>首行数据</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="222"/>
        <source>Sheet · header row</source>
        <translation>工作表 · 表头行</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="231"/>
        <location filename="../../views/import_dialog.py" line="309"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="231"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="231"/>
        <source>Planned (10k yuan)</source>
        <translation>计划投资（万元）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="246"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="251"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="253"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="264"/>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="267"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="273"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="291"/>
        <source>Export problems to CSV…</source>
        <translation>导出问题清单为 CSV…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="307"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="310"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="312"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="335"/>
        <source>Check all new</source>
        <translation>勾选全部新增</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="336"/>
        <source>Uncheck all new</source>
        <translation>取消全部新增</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="337"/>
        <source>Check all changed</source>
        <translation>勾选全部修改</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="338"/>
        <source>Uncheck all changed</source>
        <translation>取消全部修改</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="353"/>
        <source>Sections</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="354"/>
        <source>Columns</source>
        <translation>列映射</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="355"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="356"/>
        <location filename="../../views/import_dialog.py" line="606"/>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="360"/>
        <location filename="../../views/import_dialog.py" line="752"/>
        <location filename="../../views/import_dialog.py" line="768"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="390"/>
        <source>Tables (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="405"/>
        <source>No such file: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="424"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="434"/>
        <source>Reading the table</source>
        <translation>正在读取表格</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="438"/>
        <source>Reading cancelled.</source>
        <translation>已取消读取。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="453"/>
        <source>Could not read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="467"/>
        <source>%1 projects in %2 sections, %3 (10k yuan); %4 rectification items.</source>
        <translation>共 %1 个项目，%2 个分类，计划投资 %3 万元；整改问题 %4 项。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="475"/>
        <source>%1 errors, %2 warnings.</source>
        <translation>错误 %1 处，警告 %2 处。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="481"/>
        <source>Fix the errors (see Problems) — nothing will be imported until then.</source>
        <translation>请先修正错误（见“问题”页）— 修正前不会导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="487"/>
        <source>Merge: %1 new, %2 changed, %3 unchanged, %4 not in the file.</source>
        <translation>合并：新增 %1，修改 %2，未变 %3，文件中缺少 %4。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="497"/>
        <source>The %1 rectification items are imported into new plans only.</source>
        <translation>附件2 的 %1 个整改问题只在导入为新方案时导入。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="523"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="552"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="242"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="242"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="582"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="589"/>
        <source>Export problems</source>
        <translation>导出问题清单</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="589"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="300"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="189"/>
        <source>Type or paste the path of an Excel, WPS or CSV file, or choose one…</source>
        <translation>输入或粘贴 Excel、WPS 或 CSV 文件的路径，或点“浏览”选择…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="301"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="302"/>
        <source>Not in file (kept)</source>
        <translation>文件中没有（保留）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="622"/>
        <source>Comparing with the plan…</source>
        <translation>正在与方案比对…</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="625"/>
        <source>Comparing with the plan</source>
        <translation>正在与方案比对</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="643"/>
        <source>Changes (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="651"/>
        <source>Could not compare with the plan: %1</source>
        <translation>无法与方案比对：%1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="660"/>
        <source>Comparison cancelled: choose the plan again to compare.</source>
        <translation>已取消比对：重新选择方案即可再次比对。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="678"/>
        <source>Selected: %1 of %2 new, %3 of %4 changed.</source>
        <translation>已选：新增 %1/%2，修改 %3/%4。</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="736"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="753"/>
        <source>Merged into the plan: %1 new and %2 changed project(s).</source>
        <translation>已合并到方案：新增 %1 个项目，修改 %2 个项目。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/import_dialog.py" line="769"/>
        <source>%n project(s) imported into “%1”.</source>
        <translation>
            <numerusform>已导入 %n 个项目到“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="778"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="725"/>
        <location filename="../../views/import_dialog.py" line="738"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../views/import_dialog.py" line="782"/>
        <source>Import cancelled: nothing was written.</source>
        <translation>已取消导入：未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>WrittenMessage</name>
    <message>
        <location filename="../../widgets/written_message.py" line="34"/>
        <source>File: %1
Folder: %2</source>
        <translation>文件：%1
文件夹：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/written_message.py" line="40"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location filename="../../widgets/written_message.py" line="46"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
</TS>
