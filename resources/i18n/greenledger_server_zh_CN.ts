<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ServerStatus</name>
    <message>
        <location filename="../../views/server_status.py" line="19"/>
        <source>Server: connected</source>
        <translation>服务器：已连接</translation>
    </message>
    <message>
        <location filename="../../views/server_status.py" line="20"/>
        <source>Changes by other users appear within a second.</source>
        <translation>其他用户的修改一秒内显示。</translation>
    </message>
    <message>
        <location filename="../../views/server_status.py" line="22"/>
        <source>Server: reconnecting…</source>
        <translation>服务器：正在重新连接…</translation>
    </message>
    <message>
        <location filename="../../views/server_status.py" line="23"/>
        <source>The server cannot be reached; retrying every two seconds.</source>
        <translation>连接不到服务器，每两秒重试一次。</translation>
    </message>
</context>
</TS>
