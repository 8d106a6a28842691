"""The 进度 tab: a period's progress entered per unit, with schedule lights and the counts of
the filter; returned progress sheets are imported as one undo step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.context import AppContext
from app.operations import OpCommand
from services import progress, progress_grid, schedule
from services.operations import Operation
from services.query import ProjectFilter, plan_info
from views.tracking_views.schedule_lights import (
    SCHEDULE_RULE,
    apply_configured_rule,
    schedule_delegate,
    schedule_label,
)
from views.tracking_views.tab import TrackingTab
from widgets.form_parts import choice_box


class ProgressView(TrackingTab):
    """Enter a period's progress for one unit's projects; import a returned progress sheet."""

    unitChanged = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        rule = apply_configured_rule()
        today = date.today()
        super().__init__(
            ctx, progress_grid.ProgressSource(progress.period_for_date(today), rule), parent
        )
        self.unit = QComboBox(self)
        self.unit.setMinimumWidth(200)
        self.unit.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.add_period_choice(self.tr("Reporting period: 2023Q2 (quarter) or 2023-05 (month)"))
        self.rule = choice_box(
            self,
            [
                (self.tr("Behind > 10 points"), "default"),
                (self.tr("Yinchuan rule"), "yinchuan"),
                (self.tr("Sanya rule"), "sanya"),
                (self.tr("Tianjin rule"), "tianjin"),
            ],
            SCHEDULE_RULE.value,
        )
        self.rule.setToolTip(self.tr("Traffic-light thresholds (红黄绿灯)"))
        self.rule.currentIndexChanged.connect(self._rule_changed)
        for position, widget in enumerate(
            (
                QLabel(self.tr("Unit"), self),
                self.unit,
                QLabel(self.tr("Period"), self),
                self.period,
                self.rule,
            )
        ):
            self.tools.insertWidget(position, widget)
        self.add_button(self.tr("Import return…"), self.import_return)
        self.source.schedule_label = schedule_label
        self.view.setItemDelegateForColumn(
            self.model.column_index("schedule"), schedule_delegate(self.model, self.view)
        )
        self.model.set_headers(
            {
                "seq_label": self.tr("No."),
                "name": self.tr("Project name"),
                "owners": self.tr("Responsible units"),
                "planned_investment_wan": self.tr("Planned (10k yuan)"),
                "period": self.tr("Construction period"),
                "previous_completed": self.tr("Completed before"),
                "completed_investment_wan": self.tr("Completed (10k yuan, cumulative)"),
                "progress_pct": self.tr("Progress %"),
                "status": self.tr("Status"),
                "narrative": self.tr("Progress narrative"),
                "problems": self.tr("Problems"),
                "next_steps": self.tr("Next steps"),
                "reporter": self.tr("Reporter"),
                "reported_on": self.tr("Reported on"),
                "over_plan_confirmed": self.tr("Over plan confirmed"),
                "milestones": self.tr("Milestones"),
                "schedule": self.tr("Schedule"),
            }
        )
        self.model.set_choice_labels(
            "status",
            {
                "planned": self.tr("Planned"),
                "in_progress": self.tr("In progress"),
                "done": self.tr("Done"),
                "suspended": self.tr("Suspended"),
            },
        )

    def set_plan(self, plan_id: int | None, *, wait: bool = False) -> None:
        """Show a plan: the grid at once, the unit list and reported periods when their
        grouped queries are back (seconds at 1,000,000 projects, off the GUI thread)."""
        self.plan_id = plan_id
        self._plan_generation = getattr(self, "_plan_generation", 0) + 1
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        self.unit.blockSignals(False)
        if plan_id is not None:
            with self.ctx.session() as session:
                plan = plan_info(session, plan_id)
                first, last = plan.year_start, plan.year_end or plan.year_start
            quarters = [f"{year}Q{q}" for year in range(first, last + 1) for q in range(1, 5)]
            # This quarter, kept inside the plan's years, until the reported periods arrive.
            today = min(max(date.today(), date(first, 1, 1)), date(last, 12, 31))
            self.fill_periods(quarters, progress.period_for_date(today).label)
            generation = self._plan_generation

            def work(_state):
                with self.ctx.session() as session:
                    units = progress.units_of_plan(session, plan_id)
                    return units, progress.reported_periods(session, plan_id), quarters

            if wait:
                self._plan_loaded(generation, work(None))
            else:
                self.run_quietly(work, lambda result: self._plan_loaded(generation, result))
        self._apply_filter()

    def _plan_loaded(self, generation: int, result) -> None:
        if generation != self._plan_generation:
            return  # another plan was chosen meanwhile
        units, reported, quarters = result
        self.unit.blockSignals(True)
        for oid, name, count in units:
            self.unit.addItem(f"{name} ({count})", oid)
        self.unit.blockSignals(False)
        if reported:  # the newest reported period is where work continues
            self.fill_periods(list(dict.fromkeys(reported + quarters)), reported[0])
            self.model.reload()
            self.update_summary()

    def set_unit(self, organization_id: int | None) -> None:
        self.unit.setCurrentIndex(max(0, self.unit.findData(organization_id)))

    def current_filter(self):
        if self.plan_id is None:
            return None
        return ProjectFilter(
            plan_id=self.plan_id, owner_id=self.unit.currentData(), text=self.search.text()
        )

    def _apply_filter(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt if flt is not None else ProjectFilter(ids=()))
        self.update_summary()

    def use_period(self, text: str) -> bool:
        period = self.parse_period(text)
        if period is not None:
            self.source.period = period
        return period is not None

    def _rule_changed(self) -> None:
        key = self.rule.currentData()
        SCHEDULE_RULE.set(key)
        self.source.rule = apply_configured_rule()
        self.model.reload()
        self.update_summary()

    def _on_projects_changed(self, change) -> None:
        if self.plan_id is not None:
            self.model.apply_change(change)  # only the changed rows that are on screen
            self.update_summary()

    def update_summary(self) -> None:
        """Counts over the whole filter run off the GUI thread (seconds at 1,000,000
        projects); the newest request wins, older answers are dropped."""
        flt = self.current_filter()
        self._summary_generation = getattr(self, "_summary_generation", 0) + 1
        if flt is None:
            self.summary.clear()
            return
        generation, as_of, rule = self._summary_generation, self.source.period.end, self.source.rule

        def work(_state):
            with self.ctx.session() as session:
                return schedule.schedule_counts(session, flt, as_of, rule=rule)

        self.run_quietly(work, lambda counts: self._show_counts(generation, counts))

    def _show_counts(self, generation: int, counts: schedule.ScheduleCounts) -> None:
        if generation != self._summary_generation:
            return
        self.summary.setText(
            self.tr(
                "{reported}/{projects} reported · {behind} behind · {overdue} overdue · "
                "{completed} (10k yuan) completed"
            ).format(
                reported=counts.reported,
                projects=counts.projects,
                behind=counts.behind,
                overdue=counts.overdue,
                completed=f"{counts.completed_investment_wan:,.2f}",
            )
        )

    def import_return(self, path: str | None = None) -> None:
        from importers.progress import import_progress

        period = self.source.period

        def command(plan_id: int, path: str) -> ReportsImportCommand:
            def load(op: Operation):
                return import_progress(op.state, op.session, plan_id, path, period)

            text = self.tr("Import progress return {name}").format(name=Path(path).name)
            return ReportsImportCommand(self.ctx, load, text)

        def done(command: ReportsImportCommand, _path: str) -> None:
            self.status.setText(
                self.tr("{count} project(s) updated for {period}.").format(
                    count=command.updated, period=command.period.label
                )
            )

        self._import_file(self.tr("Import progress return"), path, command, done)


class ReportsImportCommand(OpCommand):
    """An imported return: `load(op)` checks and writes the file (-> (checked, changeset));
    undo applies the inverse, redo writes the imported values again."""

    def __init__(self, ctx: AppContext, load, text: str) -> None:
        super().__init__(ctx, text)
        self.load = load
        self.period = None
        self.changes: dict = {}
        self.inverse: dict = {}
        self.updated = 0

    def forward(self, op: Operation) -> None:
        if self.period is None:
            checked, change = self.load(op)
            self.period, self.changes = checked.period, checked.changes
        else:
            change = progress.set_reports(op.session, self.period, self.changes)
        self.inverse, self.updated = change.inverse, len(change.changed_ids)

    def backward(self, op: Operation) -> None:
        progress.set_reports(op.session, self.period, self.inverse)
