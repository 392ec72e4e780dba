# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from collections import defaultdict
from datetime import datetime, time

import pytz
import xlsxwriter
from babel.dates import format_skeleton
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import babel_locale_parse, formatLang, get_lang

from .sale_complaint import OPEN_STATES
from .sale_complaint_analysis_line import SECTIONS

# "What are customers least satisfied with": each complaint weighs by its severity.
SEVERITY_WEIGHTS = {"low": 1, "medium": 2, "high": 4, "critical": 8}
# Customers, products and salespeople: the analysis keeps the top of each list.
TOP_SIZE = 10
# What each section groups complaints by.
SECTION_GROUPBY = {
    "category": "category_id",
    "customer": "commercial_partner_id",
    "product": "product_ids",
    "salesperson": "user_id",
}
# The line figures each section shows, on screen and in the XLSX export, in this order. A
# cumulative share only means something in a Pareto list (sorted by count): not in the ranking.
PARETO_COLUMNS = (
    "sequence",
    "name",
    "complaint_count",
    "share",
    "cumulative_share",
    "weighted_score",
    "previous_count",
    "year_ago_count",
)
SECTION_COLUMNS = {
    "category": PARETO_COLUMNS,
    "ranking": (
        "sequence",
        "name",
        "weighted_score",
        "complaint_count",
        "share",
        "previous_count",
        "year_ago_count",
    ),
    "customer": PARETO_COLUMNS,
    "product": PARETO_COLUMNS,
    "salesperson": PARETO_COLUMNS,
}
PERCENT_COLUMNS = ("share", "cumulative_share")
# Excel refuses longer sheet names.
SHEET_NAME_MAX = 31


def _month_start(day):
    return day.replace(day=1)


class SaleComplaintAnalysis(models.Model):
    _name = "sale.complaint.analysis"
    _description = "Monthly Complaint Analysis"
    _inherit = ["mail.thread"]
    _order = "month desc, company_id"

    name = fields.Char(compute="_compute_name", store=True)
    month_label = fields.Char(string="Month", compute="_compute_month_label")
    month = fields.Date(
        string="Month (any day)",
        required=True,
        tracking=True,
        default=lambda self: _month_start(self._company_today(self.env.company)) - relativedelta(months=1),
        help="Any day of the month to analyse; it is stored as the first day.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    previous_count = fields.Integer(string="Previous Month", readonly=True)
    year_ago_count = fields.Integer(string="Same Month Last Year", readonly=True)
    change_vs_previous = fields.Float(
        string="Change vs Previous Month (%)",
        readonly=True,
        digits=(6, 1),
        help="0 when the previous month had no complaint to compare with.",
    )
    change_vs_year_ago = fields.Float(
        string="Change vs Last Year (%)",
        readonly=True,
        digits=(6, 1),
        help="0 when the same month last year had no complaint to compare with.",
    )
    change_vs_previous_label = fields.Char(
        string="Change vs Previous Month", compute="_compute_change_labels"
    )
    change_vs_year_ago_label = fields.Char(string="Change vs Last Year", compute="_compute_change_labels")
    open_count = fields.Integer(string="Still Open", readonly=True)
    overdue_count = fields.Integer(
        string="Deadline Missed",
        readonly=True,
        help="Answered or resolved late, or still open past a deadline.",
    )
    avg_response_hours = fields.Float(string="Average Hours to First Response", readonly=True, digits=(6, 1))
    avg_resolution_hours = fields.Float(string="Average Hours to Resolution", readonly=True, digits=(6, 1))
    top_category_id = fields.Many2one(
        "sale.complaint.category",
        string="Least Satisfied With",
        readonly=True,
        help="The category with the highest severity-weighted score this month.",
    )
    line_ids = fields.One2many("sale.complaint.analysis.line", "analysis_id", string="Lines", readonly=True)
    category_line_ids = fields.One2many(
        "sale.complaint.analysis.line", "analysis_id", domain=[("section", "=", "category")], readonly=True
    )
    ranking_line_ids = fields.One2many(
        "sale.complaint.analysis.line", "analysis_id", domain=[("section", "=", "ranking")], readonly=True
    )
    customer_line_ids = fields.One2many(
        "sale.complaint.analysis.line", "analysis_id", domain=[("section", "=", "customer")], readonly=True
    )
    product_line_ids = fields.One2many(
        "sale.complaint.analysis.line", "analysis_id", domain=[("section", "=", "product")], readonly=True
    )
    salesperson_line_ids = fields.One2many(
        "sale.complaint.analysis.line", "analysis_id", domain=[("section", "=", "salesperson")], readonly=True
    )

    _sql_constraints = [
        (
            "month_company_uniq",
            "unique(month, company_id)",
            "This month has been analysed for this company already.",
        ),
    ]

    @api.depends("month")
    def _compute_name(self):
        for analysis in self:
            analysis.name = (
                self.env._("Complaints %(month)s", month=analysis.month.strftime("%Y-%m"))
                if analysis.month
                else False
            )

    @api.depends("month")
    @api.depends_context("lang")
    def _compute_month_label(self):
        locale = babel_locale_parse(get_lang(self.env).code)
        for analysis in self:
            analysis.month_label = (
                format_skeleton("yMMMM", analysis.month, locale=locale) if analysis.month else False
            )

    @api.depends("change_vs_previous", "previous_count", "change_vs_year_ago", "year_ago_count")
    @api.depends_context("lang")
    def _compute_change_labels(self):
        for analysis in self:
            analysis.change_vs_previous_label = analysis._change_label(
                analysis.change_vs_previous, analysis.previous_count
            )
            analysis.change_vs_year_ago_label = analysis._change_label(
                analysis.change_vs_year_ago, analysis.year_ago_count
            )

    def _change_label(self, change, base_count):
        """ "+25.0%" in the user's number format, or "none" when there was nothing to compare with
        (a change from zero complaints is not a percentage)."""
        if not base_count:
            return self.env._("none")
        sign = "+" if change > 0 else ""
        return f"{sign}{formatLang(self.env, change, digits=1)}%"

    @api.model
    def _company_timezone(self, company):
        """The company's timezone (its partner's), UTC when it has none: months start there."""
        return pytz.timezone(company.sudo().partner_id.tz or "UTC")

    @api.model
    def _company_today(self, company):
        now = pytz.utc.localize(fields.Datetime.now())
        return now.astimezone(self._company_timezone(company)).date()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = _month_start(fields.Date.to_date(vals["month"]))
        self._check_new_months(vals_list)
        analyses = super().create(vals_list)
        analyses.action_compute()
        return analyses

    def write(self, vals):
        if "month" in vals or "company_id" in vals:
            raise ValidationError(
                self.env._("Generate a new analysis for another month instead of changing this one.")
            )
        return super().write(vals)

    def _check_new_months(self, vals_list):
        """Refuse future months and months already analysed, before anything is written."""
        Company = self.env["res.company"]
        for vals in vals_list:
            month = vals.get("month") or self.default_get(["month"])["month"]
            company_id = vals.get("company_id") or self.env.company.id
            if month > _month_start(self._company_today(Company.browse(company_id))):
                raise ValidationError(
                    self.env._(
                        "%(month)s is in the future: it cannot be analysed yet.",
                        month=month.strftime("%Y-%m"),
                    )
                )
            duplicate = self.sudo().search([("month", "=", month), ("company_id", "=", company_id)], limit=1)
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "%(month)s has been analysed for this company already: open %(analysis)s and "
                        "recompute it instead.",
                        month=month.strftime("%Y-%m"),
                        analysis=duplicate.name,
                    )
                )

    # Figures -----------------------------------------------------------------------------------

    def _complaint_domain(self, month):
        """Complaints received in ``month`` as the company's calendar has it: a month starts at
        midnight in the company's timezone, not at midnight UTC."""
        timezone = self._company_timezone(self.company_id)

        def utc(day):
            start = timezone.localize(datetime.combine(day, time.min))
            return start.astimezone(pytz.utc).replace(tzinfo=None)

        return [
            ("company_id", "=", self.company_id.id),
            ("date_received", ">=", utc(month)),
            ("date_received", "<", utc(month + relativedelta(months=1))),
        ]

    def action_compute(self):
        """(Re)compute every figure with grouped queries: their number does not depend on how many
        complaints the month has."""
        Complaint = self.env["sale.complaint"].sudo()
        for analysis in self:
            domain = analysis._complaint_domain(analysis.month)
            previous_domain = analysis._complaint_domain(analysis.month - relativedelta(months=1))
            year_ago_domain = analysis._complaint_domain(analysis.month - relativedelta(years=1))
            counts, previous, year_ago = {}, {}, {}
            for section, groupby in SECTION_GROUPBY.items():
                counts[section] = analysis._counts_by(Complaint, domain, groupby)
                previous[section] = dict(Complaint._read_group(previous_domain, [groupby], ["__count"]))
                year_ago[section] = dict(Complaint._read_group(year_ago_domain, [groupby], ["__count"]))
            by_category = counts["category"]
            total = sum(count for count, _score in by_category.values())
            states = dict(Complaint._read_group(domain, ["state"], ["__count"]))
            [[avg_response]] = Complaint._read_group(
                domain + [("date_first_response", "!=", False)], [], ["response_hours:avg"]
            )
            [[avg_resolution]] = Complaint._read_group(
                domain + [("date_resolved", "!=", False)], [], ["resolution_hours:avg"]
            )
            ranking = sorted(by_category.items(), key=lambda item: (-item[1][1], -item[1][0], item[0].name))
            previous_total = sum(previous["category"].values())
            year_ago_total = sum(year_ago["category"].values())
            analysis.line_ids.unlink()
            analysis.write(
                {
                    "complaint_count": total,
                    "previous_count": previous_total,
                    "year_ago_count": year_ago_total,
                    "change_vs_previous": _change(total, previous_total),
                    "change_vs_year_ago": _change(total, year_ago_total),
                    "open_count": sum(states.get(state, 0) for state in OPEN_STATES),
                    "overdue_count": Complaint.search_count(domain + [("deadline_missed", "=", True)]),
                    "avg_response_hours": avg_response or 0.0,
                    "avg_resolution_hours": avg_resolution or 0.0,
                    "top_category_id": ranking[0][0].id if ranking else False,
                    "line_ids": [
                        *(
                            Command.create(
                                {
                                    "section": "ranking",
                                    "sequence": rank,
                                    "name": category.name,
                                    "complaint_count": count,
                                    "weighted_score": score,
                                    "share": _share(count, total),
                                    "previous_count": previous["category"].get(category, 0),
                                    "year_ago_count": year_ago["category"].get(category, 0),
                                }
                            )
                            for rank, (category, (count, score)) in enumerate(ranking, start=1)
                        ),
                        *(
                            line
                            for section in SECTION_GROUPBY
                            for line in _pareto_lines(
                                section, counts[section], total, previous[section], year_ago[section]
                            )
                        ),
                    ],
                }
            )

    @api.model
    def _counts_by(self, Complaint, domain, groupby):
        """{record: (count, severity-weighted score)} in one grouped query."""
        counts = defaultdict(lambda: [0, 0])
        for record, severity, count in Complaint._read_group(domain, [groupby, "severity"], ["__count"]):
            counts[record][0] += count
            counts[record][1] += count * SEVERITY_WEIGHTS[severity]
        return {record: tuple(figures) for record, figures in counts.items()}

    # Delivery ----------------------------------------------------------------------------------

    def action_print(self):
        return self.env.ref("sale_assistant.action_report_sale_complaint_analysis").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.xlsx",
                "raw": self._xlsx_content(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _xlsx_content(self):
        """The analysis as on screen: a summary sheet naming the month, then one sheet per section
        with the same columns as its tab."""
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        formats = {
            "bold": workbook.add_format({"bold": True}),
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "percent": workbook.add_format({"num_format": '0.0"%"'}),
            "decimal": workbook.add_format({"num_format": "0.0"}),
        }
        self._xlsx_summary(workbook, formats)
        Line = self.env["sale.complaint.analysis.line"]
        section_names = self._xlsx_sheet_names()
        subjects = {
            "category": self.env._("Category"),
            "ranking": self.env._("Category"),
            "customer": self.env._("Customer"),
            "product": self.env._("Product"),
            "salesperson": self.env._("Salesperson"),
        }
        for section, _label in SECTIONS:
            columns = SECTION_COLUMNS[section]
            sheet = workbook.add_worksheet(section_names[section])
            labels = {
                "sequence": self.env._("Rank") if section == "ranking" else "#",
                "name": subjects[section],
            }
            sheet.write_row(
                0,
                0,
                [
                    labels.get(name) or Line._fields[name].get_description(self.env)["string"]
                    for name in columns
                ],
                formats["bold"],
            )
            sheet.freeze_panes(1, 0)
            for index, name in enumerate(columns):
                sheet.set_column(
                    index,
                    index,
                    40 if name == "name" else 14,
                    formats["percent"] if name in PERCENT_COLUMNS else None,
                )
            lines = self.line_ids.filtered(lambda ln, s=section: ln.section == s).sorted("sequence")
            for row, line in enumerate(lines, start=1):
                sheet.write_row(row, 0, [line[name] for name in columns])
        workbook.close()
        return buffer.getvalue()

    def _xlsx_summary(self, workbook, formats):
        summary = workbook.add_worksheet(self._xlsx_sheet_name(self.env._("Summary")))
        summary.set_column(0, 0, 36)
        summary.set_column(1, 1, 24)
        summary.write(
            0, 0, self.env._("Complaint analysis: %(month)s", month=self.month_label), formats["title"]
        )
        summary.write(1, 0, self._fields["month_label"].get_description(self.env)["string"], formats["bold"])
        summary.write(1, 1, self.month_label)
        summary.write(2, 0, self._fields["company_id"].get_description(self.env)["string"], formats["bold"])
        summary.write(2, 1, self.company_id.name)
        row = 3
        for field_name, base_field in (
            ("complaint_count", None),
            ("previous_count", None),
            ("year_ago_count", None),
            ("change_vs_previous", "previous_count"),
            ("change_vs_year_ago", "year_ago_count"),
            ("open_count", None),
            ("overdue_count", None),
            ("avg_response_hours", None),
            ("avg_resolution_hours", None),
        ):
            summary.write(
                row, 0, self._fields[field_name].get_description(self.env)["string"], formats["bold"]
            )
            if base_field and not self[base_field]:
                # Nothing to compare with: say so rather than show a 0% change.
                summary.write(row, 1, self.env._("none"))
            elif base_field:
                summary.write_number(row, 1, self[field_name], formats["percent"])
            elif isinstance(self[field_name], float):
                summary.write_number(row, 1, self[field_name], formats["decimal"])
            else:
                summary.write_number(row, 1, self[field_name])
            row += 1
        summary.write(
            row, 0, self._fields["top_category_id"].get_description(self.env)["string"], formats["bold"]
        )
        summary.write(row, 1, self.top_category_id.name or "")

    def _xlsx_sheet_names(self):
        return {
            section: self._xlsx_sheet_name(name)
            for section, name in (
                ("category", self.env._("By category")),
                ("ranking", self.env._("Least satisfied with")),
                ("customer", self.env._("By customer")),
                ("product", self.env._("By product")),
                ("salesperson", self.env._("By salesperson")),
            )
        }

    @api.model
    def _xlsx_sheet_name(self, name):
        """Excel's sheet name limit, cut between words should a translation be longer."""
        if len(name) <= SHEET_NAME_MAX:
            return name
        return name[:SHEET_NAME_MAX].rsplit(" ", 1)[0].strip() or name[:SHEET_NAME_MAX]

    def _team_managers(self):
        self.ensure_one()
        teams = self.env["crm.team"].sudo().search([("company_id", "in", [self.company_id.id, False])])
        return teams.user_id

    def _send_to_team_managers(self):
        template = self.env.ref("sale_assistant.mail_template_complaint_analysis")
        for analysis in self:
            analysis.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=analysis._team_managers().partner_id.ids,
            )

    @api.model
    def _cron_generate_last_month(self):
        """On the 1st: analyse last month for every company and send it to the team managers. Last
        month is the company's: it may already have begun in Taipei while still ending in UTC."""
        analyses = self.browse()
        for company in self.env["res.company"].search([]):
            month = _month_start(self._company_today(company)) - relativedelta(months=1)
            existing = self.search([("month", "=", month), ("company_id", "=", company.id)])
            # One made on demand before the month ended misses its last days: complete it.
            existing.action_compute()
            analyses |= existing or self.create({"month": month, "company_id": company.id})
        analyses._send_to_team_managers()
        return analyses


def _share(count, total):
    return round(100.0 * count / total, 1) if total else 0.0


def _change(current, before):
    return round(100.0 * (current - before) / before, 1) if before else 0.0


def _pareto_lines(section, counts, total, previous=None, year_ago=None):
    """Lines sorted by count, with share and cumulative share; customers, products and
    salespeople keep their top only."""
    # Complaints naming no product have no line in the product section.
    ordered = sorted(
        ((record, figures) for record, figures in counts.items() if record),
        key=lambda item: (-item[1][0], item[0].display_name),
    )
    if section != "category":
        ordered = ordered[:TOP_SIZE]
    cumulative = 0
    lines = []
    for rank, (record, (count, score)) in enumerate(ordered, start=1):
        cumulative += count
        lines.append(
            Command.create(
                {
                    "section": section,
                    "sequence": rank,
                    "name": record.display_name,
                    "complaint_count": count,
                    "share": _share(count, total),
                    "cumulative_share": _share(cumulative, total),
                    "weighted_score": score,
                    "previous_count": (previous or {}).get(record, 0),
                    "year_ago_count": (year_ago or {}).get(record, 0),
                }
            )
        )
    return lines
