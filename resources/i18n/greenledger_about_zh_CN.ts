<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../views/about_dialog.py" line="32"/>
        <source>About GreenLedger</source>
        <translation>关于绿色台账</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="40"/>
        <source>The project ledger of district eco-civilization work plans: projects, responsible units, investment, progress and briefings.</source>
        <translation>区生态文明建设工作方案的项目台账：工程项目、责任单位、计划投资、进度跟踪和简报。</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="48"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="49"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="50"/>
        <source>Backups:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="51"/>
        <source>Plans:</source>
        <translation>方案数：</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="53"/>
        <source>Bundled fonts and libraries, with their licences:</source>
        <translation>随附的字体和软件库及其许可证：</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="59"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="74"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="74"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../views/about_dialog.py" line="74"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
</context>
</TS>
