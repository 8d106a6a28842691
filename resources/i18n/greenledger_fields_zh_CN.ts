<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Fields</name>
    <message>
        <location filename="../../services/fields.py" line="190"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="202"/>
        <source>Project type</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="212"/>
        <source>Project name</source>
        <translation>工程项目名称</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="226"/>
        <source>Main construction content</source>
        <translation>主要建设内容</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="239"/>
        <source>Quantity</source>
        <translation>项目数量</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="252"/>
        <source>Planned investment (10k yuan)</source>
        <translation>计划投资(万元)</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="266"/>
        <source>Construction period</source>
        <translation>建设期限</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="288"/>
        <source>Responsible units / construction entities</source>
        <translation>责任部门/建设主体</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="321"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="324"/>
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="325"/>
        <source>In progress</source>
        <translation>在建</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="326"/>
        <source>Completed</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="327"/>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="336"/>
        <source>New/continued</source>
        <translation>新建/续建</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="338"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="338"/>
        <source>Continued</source>
        <translation>续建</translation>
    </message>
    <message>
        <location filename="../../services/fields.py" line="346"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
</context>
</TS>
