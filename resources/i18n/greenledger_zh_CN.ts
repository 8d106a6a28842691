<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../views/about_dialog.py" line="+33"/>
        <source>About GreenLedger</source>
        <translation>关于绿色台账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The project ledger of district eco-civilization work plans: projects, responsible units, investment, progress and briefings.</source>
        <translation>区生态文明建设工作方案的项目台账：工程项目、责任单位、计划投资、进度跟踪和简报。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backups:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans:</source>
        <translation>方案数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundled fonts and libraries, with their licences:</source>
        <translation>随附的字体和软件库及其许可证：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../views/start.py" line="+45"/>
        <location line="+36"/>
        <source>GreenLedger</source>
        <translation>绿色台账</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>The database could not be opened or upgraded:
%1</source>
        <translation>无法打开或升级数据库：
%1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The server ledger could not be opened:
%1</source>
        <translation>无法打开服务器上的台账：
%1</translation>
    </message>
</context>
<context>
    <name>AuditHistoryView</name>
    <message>
        <location filename="../../views/audit_view.py" line="+47"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore this old value</source>
        <translation>恢复为此旧值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the old value back; Ctrl+Z undoes it like any edit.</source>
        <translation>把旧值写回；和其他修改一样可用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{count} change(s)</source>
        <translation>共 {count} 条修改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project type</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main construction content</source>
        <translation>主要建设内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>项目数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned investment</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New/continued</source>
        <translation>新建/续建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carried over from</source>
        <translation>结转自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress %</source>
        <translation>完成比例(%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed investment</source>
        <translation>完成投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over plan confirmed</source>
        <translation>超计划已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress narrative</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next steps</source>
        <translation>下步计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporter</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milestones</source>
        <translation>进度节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key task link</source>
        <translation>关联重点任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{period} report</source>
        <translation>{period} 进度填报</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Restore {field}</source>
        <translation>恢复{field}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore refused</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../views/backup_dialog.py" line="+47"/>
        <source>Backups and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before rollover</source>
        <translation>结转前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replaced by a restore</source>
        <translation>恢复时被替换</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backups of %1 in %2</source>
        <translation>%1 的备份，保存在 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+43"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Replace the ledger with the backup of %1?
The current file is kept as a backup.</source>
        <translation>用 %1 的备份替换当前台账？
当前文件会另存为一个备份。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>GreenLedger</source>
        <translation>绿色台账</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore the newest backup, taken %1 (%2 projects)?</source>
        <translation>恢复最新的备份（%1，%2 个项目）？</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Backups and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <location filename="../../views/briefing_dialog.py" line="+102"/>
        <location line="+270"/>
        <location line="+47"/>
        <source>Briefing</source>
        <translation>简报</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Word (.docx, editable)</source>
        <translation>Word（.docx，可编辑）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Official document (公文, GB/T 9704)</source>
        <translation>公文格式（GB/T 9704）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modern (cover, contents, key figures)</source>
        <translation>现代版式（封面、目录、主要指标）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Red masthead (报头):</source>
        <translation>红色报头：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue, e.g. 第3期</source>
        <translation>期号，如 第3期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报送: leaders and offices above</source>
        <translation>报送：上级领导和机关</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>抄送: departments, towns and streets</source>
        <translation>抄送：各部门、镇（街道）</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>The whole plan (%1 projects)</source>
        <translation>整个方案（%1 个项目）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The current filter (%1 projects)</source>
        <translation>当前筛选结果（%1 个项目）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The selected projects (%1)</source>
        <translation>选中的项目（%1 个）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>More than %1 selected projects: use a filter instead.</source>
        <translation>选中的项目超过 %1 个，请改用筛选。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Chapters (printed only when they have data)</source>
        <translation>章节（有数据时才打印）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Summary and key figures</source>
        <translation>总体情况与主要指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts: sections, lead units, towns, years</source>
        <translation>图表：重点任务、牵头单位、镇（街道）、年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects behind schedule</source>
        <translation>滞后项目清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indicators and targets</source>
        <translation>工作目标指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification list</source>
        <translation>问题整改清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects by responsible unit</source>
        <translation>责任单位统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project table (landscape)</source>
        <translation>工程项目表（横向）</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Watermark:</source>
        <translation>水印：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Issuing office shown on the cover</source>
        <translation>封面显示的印发单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As of the plan&apos;s default day (today, or its latest return once it is over)</source>
        <translation>截至方案默认日期（当天；方案年度结束后为最近一期填报截止日）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open the document when it is ready</source>
        <translation>生成后打开文档</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Double-click a figure to show its projects in the grid</source>
        <translation>双击数据，在表格中显示对应项目</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Key figures…</source>
        <translation>关键数据…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location line="-262"/>
        <source>Plan:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects:</source>
        <translation>项目范围：</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send to:</source>
        <translation>报送：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy to:</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pages:</source>
        <translation>页面：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wide tables are always printed on A4 landscape.</source>
        <translation>宽表格始终以 A4 横向打印。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Office:</source>
        <translation>印发单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Briefing date:</source>
        <translation>简报日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Counting the key figures</source>
        <translation>正在统计关键数据</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>(%n project(s))</source>
        <translation>
            <numerusform>（%n 个项目）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The folder does not exist.</source>
        <translation>文件夹不存在。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Creating the briefing</source>
        <translation>正在生成简报</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+43"/>
        <source>Briefing failed</source>
        <translation>简报生成失败</translation>
    </message>
</context>
<context>
    <name>CellErrorDialog</name>
    <message>
        <location filename="../../widgets/grid/cell_errors.py" line="+60"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy list</source>
        <translation>复制列表</translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <location filename="../../widgets/chart_canvas.py" line="+78"/>
        <source>Copy chart</source>
        <translation>复制图表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as PNG (300 dpi)…</source>
        <translation>另存为 PNG（300 dpi）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+11"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save the chart:
%1</source>
        <translation>无法保存图表：
%1</translation>
    </message>
</context>
<context>
    <name>ClipboardMixin</name>
    <message>
        <location filename="../../widgets/grid/clipboard.py" line="+34"/>
        <source>Copy needs one rectangular selection.</source>
        <translation>复制需要选中一个矩形区域。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copied {rows} × {columns} cells.</source>
        <translation>已复制 {rows} × {columns} 个单元格。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+61"/>
        <source>Paste refused</source>
        <translation>粘贴被拒绝</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Add rows?</source>
        <translation>添加行？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pasted block has {extra} more rows than the table below the current cell. Add {extra} new rows at the end and paste into them?</source>
        <translation>粘贴的区域比当前单元格以下的行多 {extra} 行。是否在末尾添加 {extra} 个新行并粘贴？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paste cancelled; nothing was changed.</source>
        <translation>已取消粘贴，未做任何修改。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} value(s) cannot be pasted. Nothing was changed.</source>
        <translation>有 {count} 个值无法粘贴，未做任何修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paste {rows} × {columns} cells</source>
        <translation>粘贴 {rows} × {columns} 个单元格</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pasted {rows} × {columns} cells.</source>
        <translation>已粘贴 {rows} × {columns} 个单元格。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The clipboard is empty.</source>
        <translation>剪贴板为空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste needs one rectangular selection.</source>
        <translation>粘贴需要选中一个矩形区域。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The pasted block is {width} columns wide but only {room} columns remain to the right. Nothing was changed.</source>
        <translation>粘贴的区域有 {width} 列，但右侧只剩 {room} 列。未做任何修改。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This row was deleted meanwhile.</source>
        <translation>此行已被删除。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>There is no section to add rows to.</source>
        <translation>没有可添加行的分类。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This column is read-only.</source>
        <translation>此列为只读。</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../views/tracking_views/rectifications_tab.py" line="+108"/>
        <source>Close issues (销号)</source>
        <translation>问题销号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} issue(s) will be closed.</source>
        <translation>将对 {count} 个问题销号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence: inspection, photos, documents…</source>
        <translation>整改佐证：现场核查、照片、文件……</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>整改佐证</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Closing needs an evidence note.</source>
        <translation>销号需要填写整改佐证。</translation>
    </message>
</context>
<context>
    <name>CollectDialog</name>
    <message>
        <location filename="../../views/returns_collect.py" line="+71"/>
        <source>Collect returned sheets</source>
        <translation>收回填报表</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This plan has no return round yet: distribute sheets first.</source>
        <translation>这个方案还没有填报轮次，请先分发填报表。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drop returned files or a folder here.</source>
        <translation>把收回的填报表文件或文件夹拖到这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unit / project</source>
        <translation>单位 / 项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Apply approved</source>
        <translation>写入勾选的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Returned sheets</source>
        <translation>收回的填报表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder of returned sheets</source>
        <translation>填报表所在文件夹</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading returned sheets</source>
        <translation>正在读取填报表</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refused: %1</source>
        <translation>未收取：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 files: %2 usable, %3 refused.</source>
        <translation>共 %1 个文件：可收取 %2 个，未收取 %3 个。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — %2: %3 projects, %4 cells</source>
        <translation>%1 — %2：%3 个项目，%4 处修改</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changes typed into locked cells (approve to write): %1</source>
        <translation>锁定单元格被改动（勾选表示审核通过并写入）：%1 处</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refused</source>
        <translation>拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added row</source>
        <translation>新增行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Collect %1 returned sheets</source>
        <translation>收回 %1 份填报表</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Written: %1 projects, %2 cells; %3 cells refused, %4 waiting for approval.</source>
        <translation>已写入：%1 个项目，%2 处；拒收 %3 处，待审核 %4 处。</translation>
    </message>
</context>
<context>
    <name>ColumnLayout</name>
    <message>
        <location filename="../../widgets/grid/column_layout.py" line="+163"/>
        <source>Keep %1 in view</source>
        <translation>固定 %1 列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reset columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../widgets/grid/conflict_dialog.py" line="+57"/>
        <source>Someone else saved first</source>
        <translation>他人已先保存</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keep my choices</source>
        <translation>按所选保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decide later</source>
        <translation>稍后再定</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Another user deleted some of these rows after you read them.</source>
        <translation>在您读取之后，其他用户删除了其中部分行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} changed these cells after you read them.</source>
        <translation>在您读取之后，{who} 修改了这些单元格。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another user changed these rows after you read them.</source>
        <translation>在您读取之后，其他用户修改了这些行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose for each field which value to keep. Nothing you typed is lost: “Decide later” keeps your values marked in the grid, unsaved.</source>
        <translation>请逐项选择保留哪个值。您输入的内容不会丢失：选“稍后再定”，您的值会以未保存标记留在表格中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theirs (now in the database)</source>
        <translation>对方的值（数据库现值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mine (what you typed)</source>
        <translation>我的值（我输入的）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(row deleted)</source>
        <translation>（该行已删除）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{who}, {when}</source>
        <translation>{who}，{when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All theirs</source>
        <translation>全部用对方的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All mine</source>
        <translation>全部用我的</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../app/crash_handler.py" line="+34"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Something went wrong; nothing you saved is lost and you can go on working.</source>
        <translation>程序出现了一个错误；已保存的内容没有丢失，可以继续工作。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Details are in the log file:
%1</source>
        <translation>详细信息已记录在日志文件中：
%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../views/dashboard_view.py" line="+166"/>
        <source>Clear drill-down</source>
        <translation>清除钻取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the projects of the filter again</source>
        <translation>回到钻取前的筛选</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Years: spread over the period</source>
        <translation>年度：按建设期限分摊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Years: count in the start year</source>
        <translation>年度：计入开工年度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Timeline: per section</source>
        <translation>期限图：按分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline: per project</source>
        <translation>期限图：按项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Judge progress and 序时进度 at this day (unchecked: the plan&apos;s default day)</source>
        <translation>按此日期计算进度和序时进度（不勾选：方案默认日期）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Showing:</source>
        <translation>当前范围：</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+323"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="-322"/>
        <source>Planned investment (10k yuan)</source>
        <translation>计划投资（万元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sections</source>
        <translation>分类数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units involved</source>
        <translation>涉及单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Investment not set</source>
        <translation>未填计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-year projects</source>
        <translation>跨年度项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed investment (10k yuan)</source>
        <translation>完成投资（万元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Behind schedule</source>
        <translation>慢于序时进度</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>All projects of the plan</source>
        <translation>方案全部项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Current grid filter</source>
        <translation>表格当前筛选</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Calculating…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+130"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Choose a plan to see its dashboard.</source>
        <translation>请选择一个方案以查看看板。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not calculate: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Drawing charts: %1 of %2…</source>
        <translation>正在绘制图表：%1 / %2…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Updated %1 · %2 s (figures %3 s, drawing %4 s)</source>
        <translation>更新于 %1 · 用时 %2 秒（统计 %3 秒，绘图 %4 秒）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 hundred million yuan</source>
        <translation>%1 亿元</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+84"/>
        <source>No progress data yet</source>
        <translation>暂无进度数据</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>%1% of planned</source>
        <translation>占计划 %1%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 overdue · %2 reported · as of %3</source>
        <translation>逾期 %1 个 · 已报送 %2 个 · 截至 %3</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Too many projects to list (more than %1); narrow the filter first.</source>
        <translation>项目过多（超过 %1 个），请先缩小筛选范围。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not drill down: %1</source>
        <translation>无法钻取：%1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Planned investment by section</source>
        <translation>各分类计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned investment by lead unit (top {n})</source>
        <translation>牵头单位计划投资（前{n}位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned investment by lead unit</source>
        <translation>牵头单位计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10k yuan</source>
        <translation>万元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>100M yuan</source>
        <translation>亿元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects per unit</source>
        <translation>各单位参与项目数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Investment involving each town/street</source>
        <translation>各镇（街道）涉及投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned investment by year</source>
        <translation>分年度计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project status</source>
        <translation>项目状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned and completed investment by section</source>
        <translation>各分类计划与完成投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Construction periods</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned investment ({unit})</source>
        <translation>计划投资（{unit}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Investment ({unit})</source>
        <translation>投资（{unit}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} proj.</source>
        <translation>{n}项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} projects</source>
        <translation>{n}个项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other ({n} units)</source>
        <translation>其他（{n}个单位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No lead unit</source>
        <translation>未指定牵头单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cooperating</source>
        <translation>配合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constructing</source>
        <translation>建设主体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned investment</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed investment</source>
        <translation>完成投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} more units not shown</source>
        <translation>另有{n}个单位未列出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} more projects not shown (largest {shown} by investment)</source>
        <translation>另有{n}个项目未列出（按计划投资取前{shown}个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} more projects have no construction period</source>
        <translation>另有{n}个项目未填建设期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-year investment is spread evenly over the period</source>
        <translation>多年项目的投资按建设期限平均分摊到各年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-year investment counts in the start year</source>
        <translation>多年项目的投资全部计入开工年度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A project counts in full for every town/street it names; 各板块 projects ({n}) count for all, so the bars do not add up to the total</source>
        <translation>项目投资全额计入其涉及的每个镇（街道），“各板块”项目（{n}个）计入全部镇（街道），各镇（街道）合计不等于总投资</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completed = each project&apos;s latest progress report up to {date}</source>
        <translation>完成投资取各项目截至{date}的最新进度报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../views/export_dialog.py" line="+75"/>
        <location line="+57"/>
        <location line="+30"/>
        <location line="+7"/>
        <location line="+38"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Official layout (附件1, .xlsx) — for documents</source>
        <translation>正式版式（附件1，.xlsx）— 用于公文附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flat table (.xlsx) — one row per project, for analysis</source>
        <translation>明细表（.xlsx）— 每个项目一行，便于分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV — flat table as text</source>
        <translation>CSV — 明细表的文本格式</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Subtotal (小计) after each section</source>
        <translation>每个分类后加“小计”行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total (合计) row</source>
        <translation>“合计”行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectification list as 附件2</source>
        <translation>问题整改清单作为附件2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>UTF-8 with BOM (Excel, WPS)</source>
        <translation>UTF-8 带 BOM（Excel、WPS）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GB18030 (older Excel)</source>
        <translation>GB18030（旧版 Excel）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The whole plan</source>
        <translation>整个方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the projects the grid shows (current filter)</source>
        <translation>仅表格中显示的项目（当前筛选）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Plan:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV encoding:</source>
        <translation>CSV 编码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The folder does not exist.</source>
        <translation>文件夹不存在。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n project(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个项目写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../services/fields.py" line="+203"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Project type</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project name</source>
        <translation>工程项目名称</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Main construction content</source>
        <translation>主要建设内容</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Quantity</source>
        <translation>项目数量</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Planned investment (10k yuan)</source>
        <translation>计划投资(万元)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Responsible units / construction entities</source>
        <translation>责任部门/建设主体</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New/continued</source>
        <translation>新建/续建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Continued</source>
        <translation>续建</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FillClearMixin</name>
    <message>
        <location filename="../../widgets/grid/fill_clear.py" line="+18"/>
        <source>Select a range of at least two rows to fill down.</source>
        <translation>请选中至少两行的区域再向下填充。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to fill: the selected columns are read-only.</source>
        <translation>无可填充内容：所选列为只读。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fill down refused</source>
        <translation>向下填充被拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill down {rows} rows</source>
        <translation>向下填充 {rows} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filled {rows} rows.</source>
        <translation>已填充 {rows} 行。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Clear refused</source>
        <translation>清除被拒绝</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These columns cannot be empty; nothing was cleared. To remove whole rows use Delete rows.</source>
        <translation>这些列不能为空，未清除任何内容。如需删除整行，请使用“删除行”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear cells</source>
        <translation>清除内容</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../widgets/filter_bar.py" line="+157"/>
        <source>Quick filter: name, content, type or units (Ctrl+F)</source>
        <translation>快速筛选：名称、内容、类型或责任单位（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Any type</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any unit</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any role</source>
        <translation>任意角色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any year</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Projects whose construction period covers this year</source>
        <translation>建设期限覆盖该年份的项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show every project of the plan</source>
        <translation>显示本方案全部项目</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>All sections</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>No unit is called “%1”.</source>
        <translation>没有名为“%1”的单位。</translation>
    </message>
</context>
<context>
    <name>FormParts</name>
    <message>
        <location filename="../../widgets/form_parts.py" line="+79"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>GridActionsMixin</name>
    <message>
        <location filename="../../widgets/grid/grid_actions.py" line="+28"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill down</source>
        <translation>向下填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear cells</source>
        <translation>清除内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert row above</source>
        <translation>在上方插入行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Insert row below</source>
        <translation>在下方插入行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move rows up</source>
        <translation>上移行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move rows down</source>
        <translation>下移行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Discard unsaved values</source>
        <translation>放弃未保存的值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move to section</source>
        <translation>移动到分类</translation>
    </message>
</context>
<context>
    <name>GridDelegate</name>
    <message>
        <location filename="../../widgets/grid/delegates.py" line="+172"/>
        <source>2023 or 2022-2024</source>
        <translation>2023 或 2022-2024</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>/ = not set</source>
        <translation>/ 表示未定</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Not saved — {column}: {reason}</source>
        <translation>未保存 — {column}：{reason}</translation>
    </message>
</context>
<context>
    <name>GridPrinter</name>
    <message>
        <location filename="../../widgets/grid/grid_printer.py" line="+120"/>
        <source>%1 more rows not printed: filter the table to print them.</source>
        <translation>另有 %1 行未打印：请先筛选表格再打印。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../views/import_dialog.py" line="+100"/>
        <location line="+98"/>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>A new plan</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge into: %1</source>
        <translation>合并到：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import into:</source>
        <translation>导入到：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New plan title:</source>
        <translation>新方案标题：</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header in file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First row</source>
        <translation>首行数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet · header row</source>
        <translation>工作表 · 表头行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Planned (10k yuan)</source>
        <translation>计划投资（万元）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sections</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Columns</source>
        <translation>列映射</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+232"/>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="-226"/>
        <location line="+338"/>
        <location line="+16"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-332"/>
        <source>Tables (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No such file: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading the table</source>
        <translation>正在读取表格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading cancelled.</source>
        <translation>已取消读取。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 projects in %2 sections, %3 (10k yuan); %4 rectification items.</source>
        <translation>共 %1 个项目，%2 个分类，计划投资 %3 万元；整改问题 %4 项。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 errors, %2 warnings.</source>
        <translation>错误 %1 处，警告 %2 处。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fix the errors (see Problems) — nothing will be imported until then.</source>
        <translation>请先修正错误（见“问题”页）— 修正前不会导入任何数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge: %1 new, %2 changed, %3 unchanged, %4 not in the file.</source>
        <translation>合并：新增 %1，修改 %2，未变 %3，文件中缺少 %4。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The %1 rectification items are imported into new plans only.</source>
        <translation>附件2 的 %1 个整改问题只在导入为新方案时导入。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>Type or paste the path of an Excel, WPS or CSV file, or choose one…</source>
        <translation>输入或粘贴 Excel、WPS 或 CSV 文件的路径，或点“浏览”选择…</translation>
    </message>
    <message>
        <location line="+303"/>
        <source>Comparing with the plan…</source>
        <translation>正在与方案比对…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comparing with the plan</source>
        <translation>正在与方案比对</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Changes (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not compare with the plan: %1</source>
        <translation>无法与方案比对：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Comparison cancelled: choose the plan again to compare.</source>
        <translation>已取消比对：重新选择方案即可再次比对。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Merged into the plan: %1 new and %2 changed project(s).</source>
        <translation>已合并到方案：新增 %1 个项目，修改 %2 个项目。</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n project(s) imported into “%1”.</source>
        <translation>
            <numerusform>已导入 %n 个项目到“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+13"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Import cancelled: nothing was written.</source>
        <translation>已取消导入：未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <location filename="../../views/tracking_views/indicators_tab.py" line="+22"/>
        <source>Period of the actual values: 2023 (year end), 2023Q2, 2023-05</source>
        <translation>实际值所属期间：2023（年度）、2023Q2（季度）、2023-05（月度）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actual values for</source>
        <translation>实际值期间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New indicator</source>
        <translation>新指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{met} of {total} indicators met</source>
        <translation>{total} 项指标中 {met} 项达标</translation>
    </message>
</context>
<context>
    <name>KeyTasksView</name>
    <message>
        <location filename="../../views/tracking_views/key_tasks_tab.py" line="+53"/>
        <source>New task</source>
        <translation>新任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work area</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cooperating units</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked projects</source>
        <translation>关联项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import table…</source>
        <translation>导入分解表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export table…</source>
        <translation>导出分解表…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Projects implementing the task</source>
        <translation>落实该任务的工程项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find a project to link…</source>
        <translation>查找要关联的项目…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No key tasks yet</source>
        <translation>还没有重点任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The plan&apos;s key tasks (重点任务) come from its responsibility decomposition table (工作任务责任分解表: 序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位). Import that table from Excel or WPS; each task can then be linked to the projects that carry it out.</source>
        <translation>方案的重点任务来自工作任务责任分解表（序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位）。请从 Excel 或 WPS 导入该分解表；之后可以把每项任务关联到落实它的工程项目。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Import the decomposition table…</source>
        <translation>导入分解表…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type them in</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+1"/>
        <source>Link projects to task</source>
        <translation>关联项目到任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Unlink projects from task</source>
        <translation>取消任务的项目关联</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import decomposition table</source>
        <translation>导入责任分解表</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Import key tasks</source>
        <translation>导入重点任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} task(s) imported.</source>
        <translation>已导入 {count} 项任务。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export decomposition table</source>
        <translation>导出责任分解表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decomposition.xlsx</source>
        <translation>工作任务责任分解表.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Responsibility decomposition table</source>
        <translation>工作任务责任分解表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>LazyTabWidget</name>
    <message>
        <location filename="../../widgets/lazy_tabs.py" line="+55"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>This view could not be opened:
%1</source>
        <translation>无法打开此视图：
%1</translation>
    </message>
</context>
<context>
    <name>LedgerMenu</name>
    <message>
        <location filename="../../views/ledger_menu.py" line="+57"/>
        <source>&amp;Open Ledger File…</source>
        <translation>打开台账文件(&amp;O)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Connect to Server…</source>
        <translation>连接服务器(&amp;C)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recent &amp;Servers</source>
        <translation>最近的服务器(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent Ledger &amp;Files</source>
        <translation>最近的台账文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+10"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+16"/>
        <source>Open Ledger File</source>
        <translation>打开台账文件</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>GreenLedger ledgers (*.sqlite *.db);;All files (*)</source>
        <translation>GreenLedger 台账 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The ledger could not be opened:
%1</source>
        <translation>无法打开台账：
%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Connect to Server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server ledger could not be opened:
%1</source>
        <translation>无法打开服务器上的台账：
%1</translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <location filename="../../app/lock_wait.py" line="+22"/>
        <source>Waiting for another program to finish writing… (attempt %1)</source>
        <translation>正在等待其他程序写完数据库…（第 %1 次尝试）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="+503"/>
        <source>GreenLedger</source>
        <translation>绿色台账</translation>
    </message>
    <message>
        <location line="-392"/>
        <source>Projects</source>
        <translation>项目表</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No plan yet</source>
        <translation>还没有工作方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GreenLedger keeps the project tables of your district&apos;s eco-civilization work plans. Start with the 2023 钟楼 sample plan to look around, import the project table you already keep in Excel or WPS, or start an empty plan.</source>
        <translation>绿色台账用于管理本区生态文明建设工作方案的工程项目表。可以先载入 2023 年钟楼区示例方案看一看，也可以导入您在 Excel 或 WPS 中维护的项目表，或者新建一个空白方案。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Load the 2023 钟楼 sample plan</source>
        <translation>载入 2023 年钟楼区示例方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a table…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New empty plan…</source>
        <translation>新建空白方案…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Plans</source>
        <translation>工作方案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project details</source>
        <translation>项目详情</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;original&gt;</source>
        <translation>&lt;初始状态&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New Plan…</source>
        <translation>新建方案(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Briefing PDF…</source>
        <translation>简报 PDF(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load &amp;Sample Plan</source>
        <translation>载入示例方案(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Undo &amp;History</source>
        <translation>撤销历史(&amp;H)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Filter…</source>
        <translation>筛选(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear Filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Plan</source>
        <translation>方案(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan &amp;Properties…</source>
        <translation>方案属性(&amp;P)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Roll Over to Next Year…</source>
        <translation>结转到下一年度(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compare With…</source>
        <translation>与其他方案比较(&amp;C)…</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;About GreenLedger</source>
        <translation>关于绿色台账(&amp;A)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key tasks</source>
        <translation>重点任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification</source>
        <translation>问题整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>The project table now shows the projects behind “%1” (Ctrl+1).</source>
        <translation>项目表已筛选出“%1”对应的项目（Ctrl+1 查看）。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n picked project(s)</source>
        <translation>
            <numerusform>选中的 %n 个项目</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the whole plan</source>
        <translation>整个方案</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n 个项目</numerusform>
        </translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Load Sample Plan</source>
        <translation>载入示例方案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sample plan loaded.</source>
        <translation>示例方案已载入。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language is used the next time GreenLedger starts.</source>
        <translation>新的界面语言将在下次启动绿色台账时生效。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Unsaved details</source>
        <translation>详情未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project details have errors and were not saved. Quit anyway?</source>
        <translation>项目详情有错误，尚未保存。仍要退出吗？</translation>
    </message>
</context>
<context>
    <name>MakeRoundDialog</name>
    <message>
        <location filename="../../views/returns_dialog.py" line="+100"/>
        <source>Distribute return sheets</source>
        <translation>分发填报表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (%2 projects)</source>
        <translation>%1（%2 个项目）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Round name</source>
        <translation>轮次名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporting period</source>
        <translation>填报期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>报送截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Fields the units fill in</source>
        <translation>单位填写的字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Make sheets</source>
        <translation>生成填报表</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>— (the name must say the quarter or month, e.g. 2023年第一季度)</source>
        <translation>—（名称中须写明季度或月份，如 2023年第一季度）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose at least one unit and one field.</source>
        <translation>请至少选择一个单位和一个字段。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Making return sheets</source>
        <translation>正在生成填报表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 sheets written to %2, with the ZIP %3 and the notice %4.</source>
        <translation>已在 %2 生成 %1 份填报表，以及压缩包 %3 和通知 %4。</translation>
    </message>
</context>
<context>
    <name>MergePreview</name>
    <message>
        <location filename="../../views/import_merge.py" line="+110"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not in file (kept)</source>
        <translation>文件中没有（保留）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Check all new</source>
        <translation>勾选全部新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncheck all new</source>
        <translation>取消全部新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check all changed</source>
        <translation>勾选全部修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncheck all changed</source>
        <translation>取消全部修改</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Selected: %1 of %2 new, %3 of %4 changed.</source>
        <translation>已选：新增 %1/%2，修改 %3/%4。</translation>
    </message>
</context>
<context>
    <name>OrganizationPicker</name>
    <message>
        <location filename="../../widgets/owners_editor.py" line="+54"/>
        <source>Unit name, short name or alias…</source>
        <translation>单位全称、简称或别名…</translation>
    </message>
</context>
<context>
    <name>OwnersEditor</name>
    <message>
        <location line="-17"/>
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cooperating</source>
        <translation>配合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constructing</source>
        <translation>建设主体</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add the unit typed on the left (Enter)</source>
        <translation>添加左侧输入的单位（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected unit (Del)</source>
        <translation>移除选中的单位（Del）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+↑）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../views/plan_dialog.py" line="+44"/>
        <source>Edit plan properties</source>
        <translation>修改方案属性</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>New Plan</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Plan Properties</source>
        <translation>方案属性</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. 2024年钟楼区生态文明建设工作方案</source>
        <translation>例如：2024年钟楼区生态文明建设工作方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 钟楼区</source>
        <translation>例如：钟楼区</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. 钟政办发〔2023〕17号</source>
        <translation>例如：钟政办发〔2023〕17号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued on</source>
        <translation>印发日期</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Region:</source>
        <translation>地区(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Years:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Document number:</source>
        <translation>文号(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issuer:</source>
        <translation>印发机关(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue date:</source>
        <translation>印发日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>One section (campaign) per line, in order.</source>
        <translation>每行一个分类（重点任务），按顺序排列。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sections:</source>
        <translation>分类(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>PlanDiffDialog</name>
    <message>
        <location filename="../../views/plan_diff_dialog.py" line="+38"/>
        <source>Compare plans</source>
        <translation>方案比对</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Compare</source>
        <translation>比对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earlier edition</source>
        <translation>对比的早期版本</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+8"/>
        <location line="+3"/>
        <source>Section</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+7"/>
        <location line="+3"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>Planned</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Comparing…</source>
        <translation>正在比对…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{matched} projects matched; {changed} field changes, {added} added, {removed} removed.</source>
        <translation>对应项目 {matched} 个；字段变更 {changed} 处，新增 {added} 个，删除 {removed} 个。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Changed ({n})</source>
        <translation>变更 ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added ({n})</source>
        <translation>新增 ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed ({n})</source>
        <translation>删除 ({n})</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export differences</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plan-differences.xlsx</source>
        <translation>方案差异.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>PlanTree</name>
    <message>
        <location filename="../../widgets/section_commands.py" line="+88"/>
        <source>Add section “%1”</source>
        <translation>添加分类“%1”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rename section to “%1”</source>
        <translation>分类重命名为“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move section</source>
        <translation>移动分类</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Delete section “%1”</source>
        <translation>删除分类“%1”</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_tree.py" line="+142"/>
        <source>New Plan…</source>
        <translation>新建方案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan Properties…</source>
        <translation>方案属性…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Section…</source>
        <translation>添加分类…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename Section…</source>
        <translation>重命名分类…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move Section Up</source>
        <translation>分类上移</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move Section Down</source>
        <translation>分类下移</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+356"/>
        <source>Delete Section</source>
        <translation>删除分类</translation>
    </message>
    <message>
        <location line="-352"/>
        <source>Plan / section</source>
        <translation>方案 / 分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>×10k CNY</source>
        <translation>万元</translation>
    </message>
    <message>
        <location line="+269"/>
        <source>Years</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>印发机关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued on</source>
        <translation>印发日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n project(s), %1</source>
        <translation>
            <numerusform>%n 个项目，%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Add Section</source>
        <translation>添加分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Section name, e.g. (七)其他:</source>
        <translation>分类名称，例如 (七)其他：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Rename Section</source>
        <translation>重命名分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Section name:</source>
        <translation>分类名称：</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>“%1” still has %n project(s). Move or delete them first; nothing is deleted with a section.</source>
        <translation>
            <numerusform>“%1”下还有 %n 个项目。请先移走或删除这些项目；删除分类不会连带删除项目。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <location filename="../../views/import_problems.py" line="+31"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export problems to CSV…</source>
        <translation>导出问题清单为 CSV…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export problems</source>
        <translation>导出问题清单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <location filename="../../views/tracking_views/progress_tab.py" line="+41"/>
        <source>Reporting period: 2023Q2 (quarter) or 2023-05 (month)</source>
        <translation>填报期：2023Q2（季度）或 2023-05（月度）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Behind &gt; 10 points</source>
        <translation>慢于序时 10 个百分点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yinchuan rule</source>
        <translation>银川规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanya rule</source>
        <translation>三亚规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tianjin rule</source>
        <translation>天津规则</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Traffic-light thresholds (红黄绿灯)</source>
        <translation>红黄绿灯阈值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period</source>
        <translation>填报期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import return…</source>
        <translation>导入进度表…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned (10k yuan)</source>
        <translation>计划投资(万元)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed before</source>
        <translation>上期累计完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed (10k yuan, cumulative)</source>
        <translation>累计完成投资(万元)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress %</source>
        <translation>完成比例(%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>项目状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress narrative</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next steps</source>
        <translation>下步计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporter</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over plan confirmed</source>
        <translation>超计划已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milestones</source>
        <translation>进度节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planned</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>{reported}/{projects} reported · {behind} behind · {overdue} overdue · {completed} (10k yuan) completed</source>
        <translation>已填报 {reported}/{projects} · 滞后 {behind} 个 · 逾期 {overdue} 个 · 累计完成 {completed} 万元</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Import progress return</source>
        <translation>导入进度填报表</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Import progress return {name}</source>
        <translation>导入进度填报表 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} project(s) updated for {period}.</source>
        <translation>已更新 {period} 的 {count} 个项目。</translation>
    </message>
</context>
<context>
    <name>ProjectDetails</name>
    <message>
        <location filename="../../views/project_details.py" line="+132"/>
        <source>2023 or 2022-2024</source>
        <translation>2023 或 2022-2024</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/ = not set</source>
        <translation>/ 表示未定</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes as one undo step (Ctrl+Enter)</source>
        <translation>保存修改，可一步撤销（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a project in the table to see its details.</source>
        <translation>在项目表中选择一个项目以查看详情。</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+272"/>
        <source>History</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Changes not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your changes to “%1” were not saved:
%2</source>
        <translation>对“%1”的修改未保存：
%2</translation>
    </message>
</context>
<context>
    <name>ProjectGrid</name>
    <message>
        <location filename="../../widgets/project_grid.py" line="+53"/>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Lead units</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cooperating units</source>
        <translation>配合单位</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <location filename="../../app/tasks.py" line="+83"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RectificationsView</name>
    <message>
        <location filename="../../views/tracking_views/rectifications_tab.py" line="-94"/>
        <source>New issue</source>
        <translation>新问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>内容描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Towns / streets</source>
        <translation>所属镇(街道)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>整改佐证</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close selected (销号)…</source>
        <translation>选中问题销号…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select the issues to close first.</source>
        <translation>请先选中要销号的问题。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close {count} issue(s)</source>
        <translation>销号 {count} 个问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close refused</source>
        <translation>无法销号</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{closed} of {total} closed · {in_progress} in progress · {overdue} overdue</source>
        <translation>共 {total} 个，已销号 {closed} · 整改中 {in_progress} · 逾期 {overdue}</translation>
    </message>
</context>
<context>
    <name>ReturnsMenu</name>
    <message>
        <location filename="../../views/returns_dialog.py" line="-155"/>
        <source>Return round</source>
        <translation>填报轮次</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Distribute Return Sheets…</source>
        <translation>分发填报表(&amp;D)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;ollect Returned Sheets…</source>
        <translation>收回填报表(&amp;O)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Return Round &amp;State…</source>
        <translation>填报情况(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>RolloverDialog</name>
    <message>
        <location filename="../../views/rollover_dialog.py" line="+66"/>
        <source>Roll over to next year</source>
        <translation>结转到下一年度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No such plan.</source>
        <translation>方案不存在。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title of the new plan</source>
        <translation>新方案标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the indicators (targets to review)</source>
        <translation>复制工作目标（目标值请复核）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the key tasks</source>
        <translation>复制重点任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carry the rectifications not closed yet</source>
        <translation>结转尚未销号的问题</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{carried} of {total} projects carry forward as continued (续建) with {money} (10k yuan) remaining; {done} are done and stay behind.</source>
        <translation>{total} 个项目中 {carried} 个作为续建项目结转，剩余投资 {money} 万元；{done} 个已完成，不再结转。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>计划投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>累计完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remaining</source>
        <translation>剩余投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carries</source>
        <translation>是否结转</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Yes</source>
        <translation>结转</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Create plan</source>
        <translation>创建方案</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Roll over to {title}</source>
        <translation>结转为 {title}</translation>
    </message>
</context>
<context>
    <name>RoundStatusDialog</name>
    <message>
        <location filename="../../views/returns_status.py" line="+232"/>
        <source>Return round state</source>
        <translation>填报情况</translation>
    </message>
</context>
<context>
    <name>RoundStatusView</name>
    <message>
        <location line="-177"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export reminder list…</source>
        <translation>导出催报名单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+25"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent file</source>
        <translation>发出文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent at</source>
        <translation>发出时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned file</source>
        <translation>收回文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received at</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Rows changed</source>
        <translation>改动行数</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Cells refused</source>
        <translation>拒收单元格</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Awaiting approval</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Period</source>
        <translation>填报期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>报送截止</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All rounds of this plan</source>
        <translation>本方案各轮次比较</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No return round yet: use Plan ▸ Distribute Return Sheets.</source>
        <translation>还没有填报轮次：请用 方案 ▸ 分发填报表。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Deadline %1</source>
        <translation>报送截止 %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+13"/>
        <source>Export reminder list</source>
        <translation>导出催报名单</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Excel (*.xlsx);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RowEditsMixin</name>
    <message>
        <location filename="../../widgets/grid/row_edits.py" line="+34"/>
        <source>There is no section to add rows to.</source>
        <translation>没有可添加行的分类。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Insert {count} row(s)</source>
        <translation>插入 {count} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert refused</source>
        <translation>插入被拒绝</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete {count} row(s)</source>
        <translation>删除 {count} 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete refused</source>
        <translation>删除被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted {count} row(s); Ctrl+Z brings them back.</source>
        <translation>已删除 {count} 行；按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Rows can only be moved in the table&apos;s own order. Click the sorted column&apos;s header until the arrow disappears.</source>
        <translation>只能在表格原始顺序下移动行。请点击已排序列的表头，直到排序箭头消失。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select one block of adjacent rows to move.</source>
        <translation>请选中一组相邻的行再移动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The rows are already at the edge.</source>
        <translation>这些行已在边缘。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Move rows up</source>
        <translation>上移行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move rows down</source>
        <translation>下移行</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <source>Move refused</source>
        <translation>移动被拒绝</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Move rows to section</source>
        <translation>将行移动到分类</translation>
    </message>
</context>
<context>
    <name>SaveGuardMixin</name>
    <message>
        <location filename="../../widgets/grid/save_guard.py" line="+90"/>
        <source>Read-only: your account may only view this ledger.</source>
        <translation>只读：您的账号只能查看本台账</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read-only: your unit is neither the lead nor a cooperating unit of this project.</source>
        <translation>只读：您的单位不是本项目的牵头或配合单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read-only: editors may change only the progress, status and notes of their units&apos; projects.</source>
        <translation>只读：编辑账号只能修改本单位项目的进度、状态和备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read-only: this table is kept by the office; editors may not change it.</source>
        <translation>只读：此表由攻坚办维护，编辑账号不能修改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Read-only: only the office may add, delete or move rows.</source>
        <translation>只读：只有攻坚办（管理员）可以增加、删除或移动行</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+52"/>
        <location line="+3"/>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>The server refused the write: your account may not make this change.</source>
        <translation>服务器拒绝写入：您的账号无权做此修改。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Another user changed these rows after you read them; nothing was changed. The grid now shows their values: look at them and try again.</source>
        <translation>在您读取之后，其他用户修改了这些行，未做任何修改。表格现已显示对方的值，请查看后重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>deleted by another user</source>
        <translation>已被其他用户删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed by another user</source>
        <translation>已被其他用户修改</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your values were already saved.</source>
        <translation>您的值已经保存过了。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another user had changed other fields of these rows; yours were added.</source>
        <translation>其他用户修改了这些行的其他字段；您的修改已一并保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: another user changed this cell first. Your value is kept here; edit the cell to save it again.</source>
        <translation>未保存：其他用户先修改了此单元格。您的值保留在这里，编辑此单元格即可再次保存。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Someone else saved these cells first: choose what to keep.</source>
        <translation>他人已先保存这些单元格：请选择保留哪个值。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Kept the other user&apos;s values.</source>
        <translation>已保留对方的值。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+63"/>
        <source>Edit refused</source>
        <translation>编辑被拒绝</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not saved yet: the connection to the database was lost. It is saved as soon as the database is back.</source>
        <translation>尚未保存：与数据库的连接已断开。连接恢复后会自动保存。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection lost: your edit is kept and saved when the database is back.</source>
        <translation>连接已断开：您的修改已保留，连接恢复后自动保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The connection to the database was lost; nothing was changed. Try again when it is back.</source>
        <translation>与数据库的连接已断开，未做任何修改。请在连接恢复后重试。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Connection back: the waiting edits were saved.</source>
        <translation>连接已恢复：待保存的修改已保存。</translation>
    </message>
</context>
<context>
    <name>ServerStatus</name>
    <message>
        <location filename="../../views/server_status.py" line="+23"/>
        <source>● Connected: %1</source>
        <translation>● 已连接：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes by other users appear within a second.</source>
        <translation>其他用户的修改一秒内显示。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● Reconnecting to %1…</source>
        <translation>● 正在重新连接 %1…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● Offline: %1</source>
        <translation>● 离线：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server has not answered for a while. What you type stays in the window; GreenLedger keeps retrying and refreshes when the server is back.</source>
        <translation>服务器已有一段时间没有响应。已输入的内容保留在窗口中；GreenLedger 会继续重试，服务器恢复后自动刷新。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The server cannot be reached; retrying every two seconds.</source>
        <translation>连接不到服务器，每两秒重试一次。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../views/sign_in_dialog.py" line="+78"/>
        <source>Connect to the office server</source>
        <translation>连接单位服务器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. 192.168.1.20 or ledger.office.lan</source>
        <translation>例如 192.168.1.20 或 ledger.office.lan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>empty: PGPASSWORD or ~/.pgpass</source>
        <translation>留空：使用 PGPASSWORD 或 ~/.pgpass</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>disable — no encryption</source>
        <translation>disable — 不加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefer — encrypt when the server offers it</source>
        <translation>prefer — 服务器支持时加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>require — always encrypted</source>
        <translation>require — 始终加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify-full — encrypted, server certificate checked</source>
        <translation>verify-full — 加密并校验服务器证书</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption (sslmode):</source>
        <translation>加密 (sslmode)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other server…</source>
        <translation>其他服务器…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Sign in to %1 as %2.</source>
        <translation>以 %2 身份登录 %1。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the user</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Please enter %1.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Connected: PostgreSQL %1, ledger schema %2, your role: %3.</source>
        <translation>连接成功：PostgreSQL %1，台账结构版本 %2，你的角色：%3。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The server %1 cannot be reached. Check the server name and port, the network, and that PostgreSQL accepts connections from this PC.</source>
        <translation>连接不到服务器 %1。请检查服务器地址和端口、网络，以及 PostgreSQL 是否允许本机连接。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The encrypted connection to %1 failed. The server may not offer TLS: choose “prefer”, or ask IT to switch TLS on (for verify-full: its certificate).</source>
        <translation>与 %1 的加密连接失败。服务器可能未开启 TLS：请选择“prefer”，或请信息科开启 TLS（verify-full 还需要服务器证书）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong user name or password for %1.</source>
        <translation>%1 的用户名或密码不对。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 asks for a password: please enter it.</source>
        <translation>%1 要求输入密码，请填写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server %1 has no database of that name.</source>
        <translation>服务器 %1 上没有这个名称的数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database on %1 is not prepared for GreenLedger yet. The administrator runs once: python main.py server init --db postgresql://…</source>
        <translation>%1 上的数据库还没有为 GreenLedger 初始化。请管理员运行一次：python main.py server init --db postgresql://…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The ledger on %1 was made by an older GreenLedger. The administrator upgrades it with: python main.py server init --db postgresql://…</source>
        <translation>%1 上的台账由较旧版本的 GreenLedger 创建。请管理员用以下命令升级：python main.py server init --db postgresql://…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The ledger on %1 was made by a newer GreenLedger. Please update GreenLedger on this PC.</source>
        <translation>%1 上的台账由较新版本的 GreenLedger 创建。请更新本机的 GreenLedger。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This login may sign in to %1 but has no GreenLedger role. The administrator gives it one with: python main.py user add LOGIN --role admin|editor|viewer</source>
        <translation>这个账号能登录 %1，但没有 GreenLedger 角色。请管理员用以下命令授予：python main.py user add 账号 --role admin|editor|viewer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting to %1 failed.</source>
        <translation>连接 %1 失败。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server: %1</source>
        <translation>服务器说明：%1</translation>
    </message>
</context>
<context>
    <name>SpreadsheetView</name>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="+211"/>
        <source>This column cannot be sorted.</source>
        <translation>此列不能排序。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Grid</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Edit {column} in row {row}</source>
        <translation>编辑第 {row} 行的{column}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit refused</source>
        <translation>编辑被拒绝</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../../widgets/status_summary.py" line="+33"/>
        <source>%1 ×10k CNY</source>
        <translation>%1 万元</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>%1 ×10k CNY (%2 ×100M CNY)</source>
        <translation>%1 万元（%2 亿元）</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%n row(s), planned %1</source>
        <translation>
            <numerusform>共 %n 行，计划投资 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n selected, planned %1</source>
        <translation>
            <numerusform>选中 %n 行，计划投资 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing selected</source>
        <translation>未选中</translation>
    </message>
</context>
<context>
    <name>TrackingTab</name>
    <message>
        <location filename="../../views/tracking_views/tab.py" line="+52"/>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Tables (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>表格 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>TrackingViews</name>
    <message>
        <location filename="../../views/tracking_views/schedule_lights.py" line="+52"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No report</source>
        <translation>未填报</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <location filename="../../views/tracking_views/tab.py" line="+14"/>
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Warning: {reason}</source>
        <translation>警告：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was written. Fix these cells and import again.</source>
        <translation>未写入任何数据。请修正这些单元格后重新导入。</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../app/operations.py" line="+202"/>
        <source>Redo failed</source>
        <translation>重做失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo failed</source>
        <translation>撤销失败</translation>
    </message>
    <message>
        <location filename="../../app/undo.py" line="+67"/>
        <source>Undo refused: another user changed these rows after your edit ({rows}). Their change was kept and nothing was undone.</source>
        <translation>无法撤销：在您修改之后，其他用户又修改了这些行（{rows}）。已保留对方的修改，未撤销任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Redo refused: another user changed these rows after the undo ({rows}). Their change was kept and nothing was redone.</source>
        <translation>无法重做：撤销之后，其他用户又修改了这些行（{rows}）。已保留对方的修改，未重做任何内容。</translation>
    </message>
</context>
<context>
    <name>WrittenMessage</name>
    <message>
        <location filename="../../widgets/written_message.py" line="+34"/>
        <source>File: %1
Folder: %2</source>
        <translation>文件：%1
文件夹：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
</TS>
