"""文件 ▸ 连接服务器…: sign in to the office's PostgreSQL ledger.

Server, port, database, user and TLS mode (libpq's sslmode) are remembered; the password never
is — not in the settings, not in the recent list, not in the title bar. "Test connection" and
"Connect" check the login off the GUI thread (services.server_login.check_login) and say in words,
beside the field to fix, why it failed. A recent server opens the dialog asking only for the
password ("Other server…" shows the rest).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.settings import Option
from app.tasks import run_task
from services import server_login as sl
from services.server_login import LoginProblem, ServerInfo, ServerLogin, check_login

HOST = Option("signin/host", str, "", "office server host")
PORT = Option("signin/port", int, sl.DEFAULT_PORT, "office server port")
DATABASE = Option("signin/database", str, "greenledger", "office server database")
USER = Option("signin/user", str, "", "office server login")
SSLMODE = Option("signin/sslmode", str, "prefer", "libpq sslmode")
RECENT_SERVERS = Option("signin/recent_servers", list, [], "recent servers (URLs, no password)")
RECENT_KEEP = 8


def remembered_login() -> ServerLogin:
    sslmode = SSLMODE.value if SSLMODE.value in sl.SSL_MODES else "prefer"
    return ServerLogin(HOST.value, DATABASE.value, USER.value, PORT.value, sslmode)


def remember(login: ServerLogin) -> None:
    """The last server signed in to (no password) and the recent-servers list."""
    HOST.set(login.host)
    PORT.set(login.port)
    DATABASE.set(login.database)
    USER.set(login.user)
    SSLMODE.set(login.sslmode)
    url = login.public_url()
    RECENT_SERVERS.set([url, *(u for u in RECENT_SERVERS.value if u != url)][:RECENT_KEEP])


def recent_servers() -> list[ServerLogin]:
    logins = []
    for url in RECENT_SERVERS.value:
        try:
            logins.append(ServerLogin.from_url(url).with_password(""))
        except ValueError:
            continue  # a hand-edited entry: skip it, keep the others
    return logins


class SignInDialog(QDialog):
    """`exec()` accepted → `self.login` (with its password) passed `check_login`."""

    def __init__(
        self,
        parent: QWidget | None = None,
        login: ServerLogin | None = None,
        *,
        password_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Connect to the office server"))
        self.login: ServerLogin | None = None
        self.info: ServerInfo | None = None
        self._busy = False
        self._build()
        self._fill(login or remembered_login())
        self._set_password_only(password_only)

    def _build(self) -> None:
        self.host = QLineEdit(self, objectName="host")
        self.host.setPlaceholderText(self.tr("e.g. 192.168.1.20 or ledger.office.lan"))
        self.port = QSpinBox(self, objectName="port", minimum=1, maximum=65535)
        self.database = QLineEdit(self, objectName="database")
        self.user = QLineEdit(self, objectName="user")
        self.password = QLineEdit(self, objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: PGPASSWORD or ~/.pgpass"))
        self.sslmode = QComboBox(self, objectName="sslmode")
        for mode, text in (
            ("disable", self.tr("disable — no encryption")),
            ("prefer", self.tr("prefer — encrypt when the server offers it")),
            ("require", self.tr("require — always encrypted")),
            ("verify-full", self.tr("verify-full — encrypted, server certificate checked")),
        ):
            self.sslmode.addItem(text, mode)
        self.server_fields = QWidget(self)
        form = QFormLayout(self.server_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Server:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Encryption (sslmode):"), self.sslmode)
        self.signing_in_to = QLabel(self, objectName="signingInTo")
        password_form = QFormLayout()
        password_form.addRow(self.tr("Password:"), self.password)
        self.message = QLabel(self, objectName="message", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumHeight(48)
        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.test_button = buttons.addButton(
            self.tr("Test connection"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button = QPushButton(self.tr("Other server…"), self)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(lambda: self._check(accept=True))
        self.test_button.clicked.connect(lambda: self._check(accept=False))
        self.other_button.clicked.connect(lambda: self._set_password_only(False))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.signing_in_to)
        layout.addWidget(self.server_fields)
        layout.addLayout(password_form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _fill(self, login: ServerLogin) -> None:
        self.host.setText(login.host)
        self.port.setValue(login.port)
        self.database.setText(login.database)
        self.user.setText(login.user)
        self.password.setText(login.password)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(login.sslmode)))
        self._field_focus().setFocus()

    def _field_focus(self) -> QWidget:
        for widget in (self.host, self.database, self.user):
            if not widget.text().strip():
                return widget
        return self.password

    def _set_password_only(self, password_only: bool) -> None:
        self.server_fields.setVisible(not password_only)
        self.other_button.setVisible(password_only)
        self.signing_in_to.setVisible(password_only)
        text = self.tr("Sign in to %1 as %2.")
        login = self.current_login()
        self.signing_in_to.setText(
            text.replace("%1", f"{login.host}/{login.database}").replace("%2", login.user)
        )
        (self.password if password_only else self._field_focus()).setFocus()
        self.adjustSize()

    def current_login(self) -> ServerLogin:
        return ServerLogin(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            sslmode=self.sslmode.currentData(),
            password=self.password.text(),
        )

    # ------------------------------------------------------------------ checking

    def _check(self, *, accept: bool) -> None:
        if self._busy:
            return
        login = self.current_login()
        missing = [
            (widget, label)
            for widget, label in (
                (self.host, self.tr("the server")),
                (self.database, self.tr("the database")),
                (self.user, self.tr("the user")),
            )
            if not widget.text().strip()
        ]
        if missing:
            self._show_problem(self.tr("Please enter %1.").replace("%1", missing[0][1]))
            self._set_password_only(False)
            missing[0][0].setFocus()
            return
        self._set_busy(True)
        self._say(self.tr("Connecting to %1…").replace("%1", login.label), "")
        run_task(
            self,
            "",
            lambda _state: check_login(login),
            show_dialog=False,
            on_done=lambda info: self._checked(login, info, accept),
            on_error=lambda exc, _tb: self._failed(exc),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.connect_button, self.test_button):
            button.setEnabled(not busy)

    def _checked(self, login: ServerLogin, info: ServerInfo, accept: bool) -> None:
        self._set_busy(False)
        roles = ", ".join(r.removeprefix("greenledger_") for r in info.roles) or "—"
        text = self.tr("Connected: PostgreSQL %1, ledger schema %2, your role: %3.")
        text = text.replace("%1", info.server_version).replace("%2", info.revision)
        self._say(text.replace("%3", roles), "color: #1b7f3b;")
        if accept:
            self.login, self.info = login, info
            remember(login)
            self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if not isinstance(exc, LoginProblem):
            exc = LoginProblem(sl.OTHER, str(exc))
        self.show_problem(exc)

    def show_problem(self, problem: LoginProblem) -> None:
        self._show_problem(self.problem_text(problem), problem.field)

    def _show_problem(self, text: str, field: str | None = None) -> None:
        self._say(text, "color: #b3261e;")
        if field is not None:
            if field != "password":
                self._set_password_only(False)
            widget = getattr(self, field)
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def problem_text(self, problem: LoginProblem) -> str:
        """The reason in words, where to fix it, and the server's own words below."""
        login = self.current_login()
        where = f"{login.host}:{login.port}"
        texts = {
            sl.UNREACHABLE: self.tr(
                "The server %1 cannot be reached. Check the server name and port, the network, "
                "and that PostgreSQL accepts connections from this PC."
            ),
            sl.NO_SSL: self.tr(
                "The encrypted connection to %1 failed. The server may not offer TLS: "
                "choose “prefer”, or ask IT to switch TLS on (for verify-full: its certificate)."
            ),
            sl.PASSWORD: self.tr("Wrong user name or password for %1."),
            sl.NO_PASSWORD: self.tr("%1 asks for a password: please enter it."),
            sl.NO_DATABASE: self.tr("The server %1 has no database of that name."),
            sl.NOT_INITIALISED: self.tr(
                "The database on %1 is not prepared for GreenLedger yet. The administrator "
                "runs once: python main.py server init --db postgresql://…"
            ),
            sl.SCHEMA_OLD: self.tr(
                "The ledger on %1 was made by an older GreenLedger. The administrator "
                "upgrades it with: python main.py server init --db postgresql://…"
            ),
            sl.SCHEMA_NEW: self.tr(
                "The ledger on %1 was made by a newer GreenLedger. Please update GreenLedger "
                "on this PC."
            ),
            sl.NO_ROLE: self.tr(
                "This login may sign in to %1 but has no GreenLedger role. The administrator "
                "gives it one with: python main.py user add LOGIN --role admin|editor|viewer"
            ),
            sl.OTHER: self.tr("Connecting to %1 failed."),
        }
        text = texts[problem.kind].replace("%1", where)
        if problem.detail:
            text += "\n" + self.tr("Server: %1").replace("%1", problem.detail)
        return text


def ask_login(
    parent: QWidget | None, login: ServerLogin | None = None, *, password_only: bool = False
) -> ServerLogin | None:
    """Show the dialog; the checked login (with its password), or None when cancelled."""
    dialog = SignInDialog(parent, login, password_only=password_only)
    return dialog.login if dialog.exec() == QDialog.DialogCode.Accepted else None
