# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from collections import defaultdict
from datetime import datetime, time

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .sale_complaint import OPEN_STATES
from .sale_complaint_analysis_line import SECTIONS

# "What are customers least satisfied with": each complaint weighs by its severity.
SEVERITY_WEIGHTS = {"low": 1, "medium": 2, "high": 4, "critical": 8}
# Customers, products and salespeople: the analysis keeps the top of each list.
TOP_SIZE = 10


def _month_start(day):
    return day.replace(day=1)


class SaleComplaintAnalysis(models.Model):
    _name = "sale.complaint.analysis"
    _description = "Monthly Complaint Analysis"
    _inherit = ["mail.thread"]
    _order = "month desc, company_id"

    name = fields.Char(compute="_compute_name", store=True)
    month = fields.Date(
        required=True,
        tracking=True,
        default=lambda self: _month_start(fields.Date.context_today(self)) - relativedelta(months=1),
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
    change_vs_year_ago = fields.Float(string="Change vs Last Year (%)", readonly=True, digits=(6, 1))
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
        this_month = _month_start(fields.Date.context_today(self))
        company = self.env.company
        for vals in vals_list:
            month = vals.get("month") or self.default_get(["month"])["month"]
            if month > this_month:
                raise ValidationError(
                    self.env._(
                        "%(month)s is in the future: it cannot be analysed yet.",
                        month=month.strftime("%Y-%m"),
                    )
                )
            company_id = vals.get("company_id") or company.id
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
        start = datetime.combine(month, time.min)
        end = datetime.combine(month + relativedelta(months=1), time.min)
        return [
            ("company_id", "=", self.company_id.id),
            ("date_received", ">=", start),
            ("date_received", "<", end),
        ]

    def action_compute(self):
        """(Re)compute every figure with grouped queries: their number does not depend on how many
        complaints the month has."""
        Complaint = self.env["sale.complaint"].sudo()
        for analysis in self:
            domain = analysis._complaint_domain(analysis.month)
            by_category = analysis._counts_by(Complaint, domain, "category_id")
            previous = dict(
                Complaint._read_group(
                    analysis._complaint_domain(analysis.month - relativedelta(months=1)),
                    ["category_id"],
                    ["__count"],
                )
            )
            year_ago = dict(
                Complaint._read_group(
                    analysis._complaint_domain(analysis.month - relativedelta(years=1)),
                    ["category_id"],
                    ["__count"],
                )
            )
            total = sum(count for count, _score in by_category.values())
            states = dict(Complaint._read_group(domain, ["state"], ["__count"]))
            [[avg_response]] = Complaint._read_group(
                domain + [("date_first_response", "!=", False)], [], ["response_hours:avg"]
            )
            [[avg_resolution]] = Complaint._read_group(
                domain + [("date_resolved", "!=", False)], [], ["resolution_hours:avg"]
            )
            ranking = sorted(by_category.items(), key=lambda item: (-item[1][1], -item[1][0], item[0].name))
            previous_total, year_ago_total = sum(previous.values()), sum(year_ago.values())
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
                        *_pareto_lines("category", by_category, total, previous, year_ago),
                        *(
                            Command.create(
                                {
                                    "section": "ranking",
                                    "sequence": rank,
                                    "name": category.name,
                                    "complaint_count": count,
                                    "weighted_score": score,
                                    "share": _share(count, total),
                                }
                            )
                            for rank, (category, (count, score)) in enumerate(ranking, start=1)
                        ),
                        *_pareto_lines(
                            "customer", analysis._counts_by(Complaint, domain, "commercial_partner_id"), total
                        ),
                        *_pareto_lines(
                            "product", analysis._counts_by(Complaint, domain, "product_ids"), total
                        ),
                        *_pareto_lines(
                            "salesperson", analysis._counts_by(Complaint, domain, "user_id"), total
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
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        summary = workbook.add_worksheet(self.env._("Summary"))
        for row, field_name in enumerate(
            (
                "complaint_count",
                "previous_count",
                "year_ago_count",
                "change_vs_previous",
                "change_vs_year_ago",
                "open_count",
                "overdue_count",
                "avg_response_hours",
                "avg_resolution_hours",
            )
        ):
            summary.write(row, 0, self._fields[field_name].get_description(self.env)["string"], bold)
            summary.write(row, 1, self[field_name])
        summary.write(9, 0, self._fields["top_category_id"].get_description(self.env)["string"], bold)
        summary.write(9, 1, self.top_category_id.name or "")
        headers = [
            self.env["sale.complaint.analysis.line"]._fields[name].get_description(self.env)["string"]
            for name in (
                "sequence",
                "name",
                "complaint_count",
                "share",
                "cumulative_share",
                "weighted_score",
                "previous_count",
                "year_ago_count",
            )
        ]
        section_names = dict(SECTIONS)
        for section, _label in SECTIONS:
            sheet = workbook.add_worksheet(section_names[section][:31])
            sheet.write_row(0, 0, headers, bold)
            for row, line in enumerate(
                self.line_ids.filtered(lambda ln, s=section: ln.section == s), start=1
            ):
                sheet.write_row(
                    row,
                    0,
                    [
                        line.sequence,
                        line.name,
                        line.complaint_count,
                        line.share,
                        line.cumulative_share,
                        line.weighted_score,
                        line.previous_count,
                        line.year_ago_count,
                    ],
                )
        workbook.close()
        return buffer.getvalue()

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
        """On the 1st: analyse last month for every company and send it to the team managers."""
        month = _month_start(fields.Date.context_today(self)) - relativedelta(months=1)
        companies = self.env["res.company"].search([])
        existing = self.search([("month", "=", month), ("company_id", "in", companies.ids)])
        # One made on demand before the month ended misses its last days: complete it.
        existing.action_compute()
        created = self.create(
            [{"month": month, "company_id": company.id} for company in companies - existing.company_id]
        )
        (existing | created)._send_to_team_managers()
        return existing | created


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
