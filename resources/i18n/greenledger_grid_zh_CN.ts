<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CellErrorDialog</name>
    <message>
        <location filename="../../widgets/grid/cell_errors.py" line="60"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/cell_errors.py" line="60"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/cell_errors.py" line="60"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/cell_errors.py" line="60"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/cell_errors.py" line="80"/>
        <source>Copy list</source>
        <translation>复制列表</translation>
    </message>
</context>
<context>
    <name>ColumnLayout</name>
    <message>
        <location filename="../../widgets/grid/column_layout.py" line="163"/>
        <source>Keep %1 in view</source>
        <translation>固定 %1 列</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/column_layout.py" line="168"/>
        <source>Reset columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>GridDelegate</name>
    <message>
        <location filename="../../widgets/grid/delegates.py" line="172"/>
        <source>2023 or 2022-2024</source>
        <translation>2023 或 2022-2024</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/delegates.py" line="174"/>
        <source>/ = not set</source>
        <translation>/ 表示未定</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/delegates.py" line="218"/>
        <source>Not saved — {column}: {reason}</source>
        <translation>未保存 — {column}：{reason}</translation>
    </message>
</context>
<context>
    <name>GridPrinter</name>
    <message>
        <location filename="../../widgets/grid/grid_printer.py" line="120"/>
        <source>%1 more rows not printed: filter the table to print them.</source>
        <translation>另有 %1 行未打印：请先筛选表格再打印。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/grid_printer.py" line="178"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>ProjectGrid</name>
    <message>
        <location filename="../../widgets/project_grid.py" line="52"/>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="vanished">序号</translation>
    </message>
    <message>
        <source>Project type</source>
        <translation type="vanished">项目类型</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation type="vanished">工程项目名称</translation>
    </message>
    <message>
        <source>Main construction content</source>
        <translation type="vanished">主要建设内容</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="vanished">项目数量</translation>
    </message>
    <message>
        <source>Planned investment (10k yuan)</source>
        <translation type="vanished">计划投资(万元)</translation>
    </message>
    <message>
        <source>Construction period</source>
        <translation type="vanished">建设期限</translation>
    </message>
    <message>
        <source>Responsible units / construction entities</source>
        <translation type="vanished">责任部门/建设主体</translation>
    </message>
    <message>
        <location filename="../../widgets/project_grid.py" line="82"/>
        <source>Lead units</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../widgets/project_grid.py" line="83"/>
        <source>Cooperating units</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="vanished">状态</translation>
    </message>
    <message>
        <source>New/continued</source>
        <translation type="vanished">新建/续建</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation type="vanished">备注</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="vanished">未开工</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="vanished">在建</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="vanished">已建成</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="vanished">暂停</translation>
    </message>
    <message>
        <source>New</source>
        <translation type="vanished">新建</translation>
    </message>
    <message>
        <source>Continued</source>
        <translation type="vanished">续建</translation>
    </message>
</context>
<context>
    <name>SpreadsheetView</name>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="208"/>
        <source>This column cannot be sorted.</source>
        <translation>此列不能排序。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="224"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="225"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="226"/>
        <source>Fill down</source>
        <translation>向下填充</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="227"/>
        <location filename="../../widgets/grid/table_view.py" line="787"/>
        <source>Clear cells</source>
        <translation>清除内容</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="230"/>
        <source>Insert row above</source>
        <translation>在上方插入行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="236"/>
        <source>Insert row below</source>
        <translation>在下方插入行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="240"/>
        <source>Delete rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="243"/>
        <location filename="../../widgets/grid/table_view.py" line="876"/>
        <source>Move rows up</source>
        <translation>上移行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="249"/>
        <location filename="../../widgets/grid/table_view.py" line="876"/>
        <source>Move rows down</source>
        <translation>下移行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="258"/>
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="259"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="300"/>
        <source>Move to section</source>
        <translation>移动到分类</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="527"/>
        <source>Grid</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="534"/>
        <location filename="../../widgets/grid/table_view.py" line="537"/>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="567"/>
        <source>Edit {column} in row {row}</source>
        <translation>编辑第 {row} 行的{column}</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="569"/>
        <source>Edit refused</source>
        <translation>编辑被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="574"/>
        <source>Copy needs one rectangular selection.</source>
        <translation>复制需要选中一个矩形区域。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="593"/>
        <source>Copied {rows} × {columns} cells.</source>
        <translation>已复制 {rows} × {columns} 个单元格。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="603"/>
        <source>The clipboard is empty.</source>
        <translation>剪贴板为空。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="607"/>
        <source>Paste needs one rectangular selection.</source>
        <translation>粘贴需要选中一个矩形区域。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="615"/>
        <source>Paste refused</source>
        <translation>粘贴被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="620"/>
        <source>The pasted block is {width} columns wide but only {room} columns remain to the right. Nothing was changed.</source>
        <translation>粘贴的区域有 {width} 列，但右侧只剩 {room} 列。未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="628"/>
        <source>Add rows?</source>
        <translation>添加行？</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="630"/>
        <source>The pasted block has {extra} more rows than the table below the current cell. Add {extra} new rows at the end and paste into them?</source>
        <translation>粘贴的区域比当前单元格以下的行多 {extra} 行。是否在末尾添加 {extra} 个新行并粘贴？</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="633"/>
        <source>Paste cancelled; nothing was changed.</source>
        <translation>已取消粘贴，未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="648"/>
        <source>This row was deleted meanwhile.</source>
        <translation>此行已被删除。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="661"/>
        <source>{count} value(s) cannot be pasted. Nothing was changed.</source>
        <translation>有 {count} 个值无法粘贴，未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="668"/>
        <source>Paste {rows} × {columns} cells</source>
        <translation>粘贴 {rows} × {columns} 个单元格</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="675"/>
        <location filename="../../widgets/grid/table_view.py" line="804"/>
        <source>There is no section to add rows to.</source>
        <translation>没有可添加行的分类。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="693"/>
        <source>Pasted {rows} × {columns} cells.</source>
        <translation>已粘贴 {rows} × {columns} 个单元格。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="706"/>
        <source>This column is read-only.</source>
        <translation>此列为只读。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="727"/>
        <source>Select a range of at least two rows to fill down.</source>
        <translation>请选中至少两行的区域再向下填充。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="734"/>
        <source>Nothing to fill: the selected columns are read-only.</source>
        <translation>无可填充内容：所选列为只读。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="740"/>
        <source>Fill down {rows} rows</source>
        <translation>向下填充 {rows} 行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="742"/>
        <source>Fill down refused</source>
        <translation>向下填充被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="743"/>
        <source>Filled {rows} rows.</source>
        <translation>已填充 {rows} 行。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="775"/>
        <source>Clear refused</source>
        <translation>清除被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="780"/>
        <source>These columns cannot be empty; nothing was cleared. To remove whole rows use Delete rows.</source>
        <translation>这些列不能为空，未清除任何内容。如需删除整行，请使用“删除行”。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="812"/>
        <source>Insert {count} row(s)</source>
        <translation>插入 {count} 行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="814"/>
        <source>Insert refused</source>
        <translation>插入被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="828"/>
        <source>Delete {count} row(s)</source>
        <translation>删除 {count} 行</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="830"/>
        <source>Delete refused</source>
        <translation>删除被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="832"/>
        <source>Deleted {count} row(s); Ctrl+Z brings them back.</source>
        <translation>已删除 {count} 行；按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="843"/>
        <source>Rows can only be moved in the table&apos;s own order. Click the sorted column&apos;s header until the arrow disappears.</source>
        <translation>只能在表格原始顺序下移动行。请点击已排序列的表头，直到排序箭头消失。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="850"/>
        <source>Select one block of adjacent rows to move.</source>
        <translation>请选中一组相邻的行再移动。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="855"/>
        <source>The rows are already at the edge.</source>
        <translation>这些行已在边缘。</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="879"/>
        <location filename="../../widgets/grid/table_view.py" line="893"/>
        <source>Move refused</source>
        <translation>移动被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/grid/table_view.py" line="891"/>
        <source>Move rows to section</source>
        <translation>将行移动到分类</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../app/operations.py" line="183"/>
        <source>Redo failed</source>
        <translation>重做失败</translation>
    </message>
    <message>
        <location filename="../../app/operations.py" line="185"/>
        <source>Undo failed</source>
        <translation>撤销失败</translation>
    </message>
</context>
</TS>
