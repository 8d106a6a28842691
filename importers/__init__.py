"""Importers: read the tables departments send back. Headless: no Qt.

The API (TRACK's importers.progress / importers.key_tasks build on the first three):

* ``importers.reader.read_file(path, limits) -> list[SheetGrid]`` — every sheet of an
  .xlsx/.xlsm/.xls/.ods (python-calamine; cached values, formulas never evaluated) or a .csv
  (UTF-8, UTF-8 BOM, GB18030) as text grids with merged ranges. Size / zip-bomb / DOCTYPE /
  password / corruption checks (importers.safety) come first; any failure raises
  ``ReadError(issues)`` with located reasons.
* ``importers.table``: declare ``TableSchema(kind, columns=(ColumnSpec(key, synonyms, required=,
  money=, fill_merged=), ...), record_key=, group_key=, group_carry=)`` and call
  ``find_tables(grid, [schemas], overrides) -> [TableBlock]``. A block knows its header row, the
  column of each key (``locate(key)`` → column letter + printed header), unit (单位：万元/元/亿元
  or in the header, as ``unit_scale`` to 万元), title, "附件N", sections, ``records``
  (``TableRecord(row, section, values: {key: text}, carried)``), 小计/合计/总计 ``totals`` and
  ``notes``. Rules: title rows above the header; a one-cell or merged-across row is a section;
  a second header row under the first (建设期限 over 开工时间 | 完成时间) names the columns below
  it; repeated headers, blank rows, numbered template rows and sign-off lines are skipped; vertically merged cells carry down (money and
  quantity excepted, warned); a row with a blank ``group_key`` continues the row above and
  inherits ``group_carry``; any row with its own values is its own record.
* ``importers.issues.ImportIssue(sheet, row, column, header, value, reason, severity)`` — the one
  problem record for CLI (stderr / JSON), GUI (sortable table, CSV export) and tests.
* ``importers.projects``: PROJECT_SCHEMA (附件1 and 重点项目表 with 启动/完成时间) and
  RECTIFICATION_SCHEMA (附件2), parsed with services.parsing into ``ParsedProject`` /
  ``ParsedRectification``. Owner roles: 牵头单位/配合单位 columns set them (units only under
  责任单位 become 建设主体); then roles written in the cell (``importers.owner_cells``:
  "区住建局（牵头）", "牵头：…；配合：…"); otherwise the first unit listed leads and the rest
  cooperate. Values the strict shared parsers refuse are read as people write them, or refused
  with a located error, in ``importers.written_values`` ("2023年3月-2024年12月", 长期, 待定).
* ``importers.plan_import``: ``analyze(state, path) -> ImportPreview`` (nothing written);
  ``write_new_plan(state, session, preview, title)`` — one transaction, bulk inserts, cancel =
  rollback; ``diff_plan`` / ``apply_diff`` / ``undo_merge`` to merge into an existing plan
  (match by section, name, content); ``import_file`` = analyze + write, raising ``ImportFailed``.
"""
