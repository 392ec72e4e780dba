# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time

from .common import SaleAssistantCase

OCT = datetime(2026, 10, 1, 8, 0)


@freeze_time("2026-11-27 09:00:00")
class TestComplaintAnalysis(SaleAssistantCase):
    """October 2026 of a company of its own (no demo data), figures worked out by hand:

    ======================  =====  =====  ==========  ========  =========  =========
    category                Oct    share  cumulative  weighted  Sep 2026   Oct 2025
    ======================  =====  =====  ==========  ========  =========  =========
    Late delivery           4      40.0   40.0        6         2          8
    Product quality         3      30.0   70.0        13        3          0
    Packaging               2      20.0   90.0        4         0          0
    Documents               1      10.0   100.0       4         0          0
    ======================  =====  =====  ==========  ========  =========  =========

    Severity weights low 1, medium 2, high 4, critical 8: least satisfied with Product quality
    (13), then Late delivery (6), then Packaging and Documents (4 each; more complaints first).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Analysis Test Co."})
        # Whatever the test environment's timezone: this company's months are UTC months.
        cls.company.partner_id.tz = False
        (cls.amy | cls.ben | cls.carl | cls.mona).write({"company_ids": [Command.link(cls.company.id)]})
        cls.env["crm.team"].create(
            {"name": "Analysis Test Team", "user_id": cls.mona.id, "company_id": cls.company.id}
        )
        ref = cls.env.ref
        cls.late = ref("sale_assistant.complaint_category_late")
        cls.quality = ref("sale_assistant.complaint_category_quality")
        cls.packaging = ref("sale_assistant.complaint_category_packaging")
        cls.documents = ref("sale_assistant.complaint_category_documents")
        cls.lantern = cls.product
        cls.tote = cls.env["product.product"].create({"name": "Test Tote"})
        Complaint = cls.env["sale.complaint"].with_company(cls.company)
        cls.Complaint = Complaint

        def complaint(
            received, category, severity, partner, products=(), answered=2, resolved=20, state="closed"
        ):
            vals = {
                "company_id": cls.company.id,
                "partner_id": partner.id,
                "category_id": category.id,
                "severity": severity,
                "date_received": received,
                "description": "Hand-built",
                "product_ids": [Command.set([p.id for p in products])],
                "state": state,
            }
            if state != "new":
                vals.update(
                    date_first_response=received + timedelta(hours=answered),
                    date_resolved=received + timedelta(hours=resolved),
                    root_cause="Cause",
                    corrective_action="Action",
                )
            return Complaint.create(vals)

        cls.complaint = staticmethod(complaint)
        day = lambda n: OCT + timedelta(days=n)
        for n, severity in enumerate(("low", "low", "medium", "medium")):
            complaint(day(n), cls.late, severity, cls.alpha, [cls.lantern] if n == 0 else [])
        complaint(day(5), cls.quality, "critical", cls.alpha, [cls.lantern], answered=5, resolved=30)
        complaint(day(6), cls.quality, "high", cls.alpha, [cls.lantern])
        complaint(day(7), cls.quality, "low", cls.bravo, [cls.lantern])
        complaint(day(8), cls.packaging, "medium", cls.bravo, [cls.tote])
        complaint(day(9), cls.packaging, "medium", cls.bravo, [cls.tote], state="new")
        complaint(day(10), cls.documents, "high", cls.carlton, state="new")
        for n in range(2):
            complaint(datetime(2026, 9, 10 + n, 8), cls.late, "low", cls.alpha)
        for n in range(3):
            complaint(datetime(2026, 9, 20 + n, 8), cls.quality, "low", cls.alpha)
        for n in range(8):
            complaint(datetime(2025, 10, 1 + n, 8), cls.late, "low", cls.alpha)
        # Outside the month, or in another company: never counted.
        complaint(datetime(2026, 11, 1, 0, 0), cls.late, "critical", cls.alpha)
        cls.env["sale.complaint"].create(
            {
                "partner_id": cls.alpha.id,
                "category_id": cls.late.id,
                "date_received": day(3),
                "description": "Other company",
            }
        )

    def _analysis(self, month=date(2026, 10, 15)):
        return (
            self.env["sale.complaint.analysis"]
            .with_company(self.company)
            .create({"month": month, "company_id": self.company.id})
        )

    def _lines(self, analysis, section):
        return [
            (line.name, line.complaint_count, line.share, line.cumulative_share, line.weighted_score)
            for line in analysis.line_ids.filtered(lambda ln: ln.section == section).sorted("sequence")
        ]

    def test_figures_of_the_month(self):
        analysis = self._analysis()
        self.assertEqual((analysis.month, analysis.name), (date(2026, 10, 1), "Complaints 2026-10"))
        self.assertEqual(
            (analysis.complaint_count, analysis.previous_count, analysis.year_ago_count), (10, 5, 8)
        )
        self.assertEqual((analysis.change_vs_previous, analysis.change_vs_year_ago), (100.0, 25.0))
        self.assertEqual(analysis.top_category_id, self.quality)
        self.assertEqual(
            self._lines(analysis, "category"),
            [
                ("Late delivery", 4, 40.0, 40.0, 6),
                ("Product quality", 3, 30.0, 70.0, 13),
                ("Packaging", 2, 20.0, 90.0, 4),
                ("Documents", 1, 10.0, 100.0, 4),
            ],
        )
        trends = analysis.category_line_ids.sorted("sequence")
        self.assertEqual(trends.mapped("previous_count"), [2, 3, 0, 0])
        self.assertEqual(trends.mapped("year_ago_count"), [8, 0, 0, 0])
        self.assertEqual(
            [(name, score) for name, _c, _s, _cs, score in self._lines(analysis, "ranking")],
            [("Product quality", 13), ("Late delivery", 6), ("Packaging", 4), ("Documents", 4)],
        )
        self.assertEqual(
            self._lines(analysis, "customer"),
            [
                ("Alpha Outdoor", 6, 60.0, 60.0, 18),
                ("Bravo Trading", 3, 30.0, 90.0, 5),
                ("Carlton Imports", 1, 10.0, 100.0, 4),
            ],
        )
        self.assertEqual(
            [(name, count, score) for name, count, _s, _cs, score in self._lines(analysis, "salesperson")],
            [("Amy", 6, 18), ("Ben", 3, 5), ("Carl", 1, 4)],
        )
        self.assertEqual(
            self._lines(analysis, "product"),
            [("Test Lantern", 4, 40.0, 40.0, 14), ("Test Tote", 2, 20.0, 60.0, 4)],
        )
        self.assertEqual((analysis.open_count, analysis.overdue_count), (2, 3))
        # 7 answered after 2 h and 1 after 5 h: 19 / 8 = 2.375; resolved after 20 h (7) and 30 h:
        # 170 / 8 = 21.25, both kept to one decimal.
        self.assertEqual((analysis.avg_response_hours, analysis.avg_resolution_hours), (2.4, 21.3))

    def test_fixed_number_of_queries(self):
        analysis = self._analysis()
        analysis.action_compute()  # warm the caches

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            analysis.action_compute()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        baseline = queries()
        for n in range(40):
            self.complaint(
                OCT + timedelta(days=n % 20, hours=1),
                [self.late, self.quality][n % 2],
                "medium",
                self.alpha,
                [self.lantern],
            )
        self.assertEqual(queries(), baseline)
        self.assertEqual(analysis.complaint_count, 50)

    def test_bad_months(self):
        with self.assertRaisesMessage(ValidationError, "2026-12 is in the future"):
            self._analysis(date(2026, 12, 1))
        self._analysis()
        with self.assertRaisesMessage(ValidationError, "2026-10 has been analysed for this company already"):
            self._analysis(date(2026, 10, 31))
        current = self._analysis(date(2026, 11, 27))
        with self.assertRaisesMessage(ValidationError, "Generate a new analysis"):
            current.write({"month": date(2026, 9, 1)})

    def test_report_and_xlsx(self):
        analysis = self._analysis()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale_assistant.report_sale_complaint_analysis", analysis.ids)[0]
            .decode()
        )
        for expected in (
            "Complaints 2026-10",
            "Product quality",
            "Late delivery",
            "40.0%",
            "Alpha Outdoor",
            "Test Lantern",
            "100.0% on the previous month",
            "25.0% on the same month last year",
        ):
            self.assertIn(expected, html)
        september = self._analysis(date(2026, 9, 1))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale_assistant.report_sale_complaint_analysis", september.ids)[0]
            .decode()
        )
        self.assertIn("none the previous month", html)
        print_action = analysis.with_user(self.mona).action_print()
        self.assertEqual(
            (print_action["type"], print_action["report_name"]),
            ("ir.actions.report", "sale_assistant.report_sale_complaint_analysis"),
        )

    def _workbook(self, analysis):
        action = analysis.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        return openpyxl.load_workbook(io.BytesIO(attachment.raw))

    def test_xlsx_equals_the_analysis(self):
        """Every number of every sheet read back equals the analysis; no column is left at 0 for
        want of being computed; sheet names are whole; the summary names the month."""
        analysis = self._analysis()
        workbook = self._workbook(analysis)
        pareto = lambda subject: [
            "#",
            subject,
            "Complaints",
            "Share (%)",
            "Cumulative Share (%)",
            "Severity-weighted Score",
            "Previous Month",
            "Same Month Last Year",
        ]
        sheets = {
            "By category": ("category", pareto("Category")),
            "Least satisfied with": (
                "ranking",
                [
                    "Rank",
                    "Category",
                    "Severity-weighted Score",
                    "Complaints",
                    "Share (%)",
                    "Previous Month",
                    "Same Month Last Year",
                ],
            ),
            "By customer": ("customer", pareto("Customer")),
            "By product": ("product", pareto("Product")),
            "By salesperson": ("salesperson", pareto("Salesperson")),
        }
        self.assertEqual(workbook.sheetnames, ["Summary", *sheets])
        field_of = {
            "#": "sequence",
            "Rank": "sequence",
            "Category": "name",
            "Customer": "name",
            "Product": "name",
            "Salesperson": "name",
            "Complaints": "complaint_count",
            "Share (%)": "share",
            "Cumulative Share (%)": "cumulative_share",
            "Severity-weighted Score": "weighted_score",
            "Previous Month": "previous_count",
            "Same Month Last Year": "year_ago_count",
        }
        for sheet_name, (section, headers) in sheets.items():
            sheet = workbook[sheet_name]
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(list(rows[0]), headers, sheet_name)
            lines = analysis.line_ids.filtered(lambda ln, s=section: ln.section == s).sorted("sequence")
            self.assertEqual(len(rows) - 1, len(lines), sheet_name)
            for line, row in zip(lines, rows[1:], strict=True):
                self.assertEqual(
                    list(row), [line[field_of[header]] for header in headers], f"{sheet_name} {line.name}"
                )
            self.assertGreater(sheet.column_dimensions["B"].width, 30, sheet_name)
        # The figures that used to be 0 for want of being computed, worked out by hand.
        trend = lambda name: [row[-2:] for row in workbook[name].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(trend("Least satisfied with"), [(3, 0), (2, 8), (0, 0), (0, 0)])
        self.assertEqual(trend("By customer"), [(5, 8), (0, 0), (0, 0)])
        self.assertEqual(trend("By salesperson"), [(5, 8), (0, 0), (0, 0)])
        self.assertEqual(trend("By product"), [(0, 0), (0, 0)])
        summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(workbook["Summary"]["A1"].value, "Complaint analysis: October 2026")
        self.assertEqual(
            summary,
            {
                "Month": "October 2026",
                "Company": "Analysis Test Co.",
                "Complaints": 10,
                "Previous Month": 5,
                "Same Month Last Year": 8,
                "Change vs Previous Month (%)": 100.0,
                "Change vs Last Year (%)": 25.0,
                "Still Open": 2,
                "Deadline Missed": 3,
                "Average Hours to First Response": 2.4,
                "Average Hours to Resolution": 21.3,
                "Least Satisfied With": "Product quality",
            },
        )
        # Nothing to compare with: "none", not a 0% change.
        september = {
            row[0]: row[1]
            for row in self._workbook(self._analysis(date(2026, 9, 1)))["Summary"].iter_rows(values_only=True)
        }
        self.assertEqual(september["Change vs Last Year (%)"], "none")
        self.assertEqual(september["Change vs Previous Month (%)"], "none")

    def test_form_shows_the_month_and_signed_percentages(self):
        analysis = self._analysis()
        form = Form(analysis.with_user(self.mona))
        self.assertEqual(
            (form.month_label, form.change_vs_previous_label, form.change_vs_year_ago_label),
            ("October 2026", "+100.0%", "+25.0%"),
        )
        november = Form(self._analysis(date(2026, 11, 1)).with_user(self.mona))
        self.assertEqual(
            (november.month_label, november.change_vs_previous_label, november.change_vs_year_ago_label),
            ("November 2026", "-90.0%", "none"),
        )

    def test_monthly_cron_creates_last_month_once_and_tells_team_managers(self):
        Analysis = self.env["sale.complaint.analysis"]
        created = Analysis._cron_generate_last_month()
        mine = created.filtered(lambda a: a.company_id == self.company)
        self.assertEqual((mine.month, mine.complaint_count), (date(2026, 10, 1), 10))
        message = mine.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.mona.partner_id, message.partner_ids)
        self.assertIn("least satisfied with Product quality", message.subject)
        # Run again (or after an analysis made on demand before the month ended): completed, not doubled.
        self.complaint(datetime(2026, 10, 31, 23, 0), self.late, "low", self.alpha)
        again = Analysis._cron_generate_last_month()
        self.assertEqual(again, created)
        self.assertEqual(mine.complaint_count, 11)

    def test_analysis_access(self):
        analysis = self._analysis()
        self.assertEqual(
            self.env["sale.complaint.analysis"].with_user(self.mona).with_company(self.company).search([]),
            analysis,
        )
        for role in ("amy", "cindy"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["sale.complaint.analysis"].with_user(getattr(self, role)).search([])

    def test_team_manager_generates_and_recomputes(self):
        analysis = (
            self.env["sale.complaint.analysis"]
            .with_user(self.mona)
            .with_company(self.company)
            .create({"month": date(2026, 9, 1), "company_id": self.company.id})
        )
        self.assertEqual(analysis.complaint_count, 5)
        analysis.action_compute()
        self.assertEqual(len(analysis.category_line_ids), 2)


@freeze_time("2026-11-30 17:00:00")
class TestComplaintAnalysisTimezone(SaleAssistantCase):
    """17:00 UTC on 30 November is already 1 December, 01:00, in Taipei."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.taipei = Company.create({"name": "Taipei Co."})
        cls.taipei.partner_id.tz = "Asia/Taipei"
        cls.utc = Company.create({"name": "UTC Co."})
        cls.utc.partner_id.tz = False
        (cls.amy | cls.mona).write({"company_ids": [Command.link(cls.taipei.id), Command.link(cls.utc.id)]})
        for company in cls.taipei | cls.utc:
            cls.env["crm.team"].create(
                {"name": f"{company.name} Team", "user_id": cls.mona.id, "company_id": company.id}
            )
            # 23:30 UTC on the last day of October: 07:30 on 1 November in Taipei.
            cls.env["sale.complaint"].with_company(company).create(
                {
                    "company_id": company.id,
                    "partner_id": cls.alpha.id,
                    "category_id": cls.env.ref("sale_assistant.complaint_category_late").id,
                    "date_received": datetime(2026, 10, 31, 23, 30),
                    "description": "Received at the turn of the month",
                }
            )

    def _count(self, company, month):
        analysis = (
            self.env["sale.complaint.analysis"]
            .with_company(company)
            .create({"month": month, "company_id": company.id})
        )
        return analysis.complaint_count

    def test_month_boundaries_are_the_company_timezone(self):
        self.assertEqual(
            (self._count(self.taipei, date(2026, 10, 1)), self._count(self.taipei, date(2026, 11, 1))), (0, 1)
        )
        self.assertEqual(
            (self._count(self.utc, date(2026, 10, 1)), self._count(self.utc, date(2026, 11, 1))), (1, 0)
        )

    def test_last_month_of_the_cron_is_the_company_one(self):
        analyses = self.env["sale.complaint.analysis"]._cron_generate_last_month()
        month_of = {analysis.company_id: (analysis.month, analysis.complaint_count) for analysis in analyses}
        # November is over in Taipei, not yet in UTC.
        self.assertEqual(month_of[self.taipei], (date(2026, 11, 1), 1))
        self.assertEqual(month_of[self.utc], (date(2026, 10, 1), 1))
        # December has begun in Taipei: it may be analysed there, not yet in a UTC company.
        self.assertEqual(self._count(self.taipei, date(2026, 12, 1)), 0)
        with self.assertRaisesMessage(ValidationError, "2026-12 is in the future"):
            self._count(self.utc, date(2026, 12, 1))
