<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../views/backup_dialog.py" line="49" />
        <source>Backups and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="55" />
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="56" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="57" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="58" />
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="59" />
        <source>Plans</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="67" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="68" />
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="69" />
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="88" />
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="89" />
        <source>before import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="90" />
        <source>before merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="91" />
        <source>before rollover</source>
        <translation>结转前</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="92" />
        <source>before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="93" />
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="94" />
        <source>replaced by a restore</source>
        <translation>恢复时被替换</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="101" />
        <source>Backups of %1 in %2</source>
        <translation>%1 的备份，保存在 %2</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="109" />
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="141" />
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="153" />
        <location filename="../../views/backup_dialog.py" line="196" />
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="155" />
        <source>Replace the ledger with the backup of %1?
The current file is kept as a backup.</source>
        <translation>用 %1 的备份替换当前台账？
当前文件会另存为一个备份。</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="163" />
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="185" />
        <source>GreenLedger</source>
        <translation>绿色台账</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="189" />
        <source>Restore the newest backup, taken %1 (%2 projects)?</source>
        <translation>恢复最新的备份（%1，%2 个项目）？</translation>
    </message>
    <message>
        <location filename="../../views/backup_dialog.py" line="212" />
        <source>&amp;Backups and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../app/crash_handler.py" line="34" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../app/crash_handler.py" line="36" />
        <source>Something went wrong; nothing you saved is lost and you can go on working.</source>
        <translation>程序出现了一个错误；已保存的内容没有丢失，可以继续工作。</translation>
    </message>
    <message>
        <location filename="../../app/crash_handler.py" line="43" />
        <source>Details are in the log file:
%1</source>
        <translation>详细信息已记录在日志文件中：
%1</translation>
    </message>
    <message>
        <location filename="../../app/crash_handler.py" line="48" />
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <location filename="../../app/lock_wait.py" line="22" />
        <source>Waiting for another program to finish writing… (attempt %1)</source>
        <translation>正在等待其他程序写完数据库…（第 %1 次尝试）</translation>
    </message>
</context>
</TS>