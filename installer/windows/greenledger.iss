; Inno Setup script: GreenLedger for one Windows user, no administrator rights needed.
; Built by `python installer/build.py` on Windows (it calls iscc with AppVersion and SourceDir),
; or by hand:  iscc /DAppVersion=0.2.0 /DSourceDir=..\..\dist\greenledger greenledger.iss
; The ledger lives in %LOCALAPPDATA%\GreenLedger (platformdirs), outside {app}: uninstalling
; removes the program only, and an update installs over the old folder, keeping the ledger.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\greenledger"
#endif

[Setup]
AppId={{6C3D0E0A-7A61-4C5B-9F55-4E0B3C2A9D17}
AppName=GreenLedger 绿色台账
AppVersion={#AppVersion}
AppVerName=GreenLedger 绿色台账 {#AppVersion}
AppPublisher=GreenLedger
DefaultDirName={autopf}\GreenLedger
DefaultGroupName=GreenLedger 绿色台账
; Per-user install: Program Files is not needed, so no UAC prompt on a clerk's PC.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=GreenLedger-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\greenledger.exe
LicenseFile=..\..\LICENSE
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "xlsxopen"; Description: "用绿色台账打开 .xlsx 表格 (Open .xlsx tables with GreenLedger)"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\GreenLedger 绿色台账"; Filename: "{app}\greenledger.exe"
Name: "{autodesktop}\GreenLedger 绿色台账"; Filename: "{app}\greenledger.exe"; Tasks: desktopicon

[Registry]
; Optional "Open with": per-user (HKCU) so no administrator rights are needed.
Root: HKCU; Subkey: "Software\Classes\GreenLedger.xlsx"; ValueType: string; ValueData: "GreenLedger 表格"; Flags: uninsdeletekey; Tasks: xlsxopen
Root: HKCU; Subkey: "Software\Classes\GreenLedger.xlsx\shell\open\command"; ValueType: string; ValueData: """{app}\greenledger.exe"" --open ""%1"""; Tasks: xlsxopen
Root: HKCU; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: none; ValueName: "GreenLedger.xlsx"; Flags: uninsdeletevalue; Tasks: xlsxopen

[Run]
Filename: "{app}\greenledger.exe"; Description: "{cm:LaunchProgram,GreenLedger 绿色台账}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder on purpose: the ledger and its backups stay.
