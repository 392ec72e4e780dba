# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SECTIONS = [
    ("category", "By category (Pareto)"),
    ("ranking", "Least satisfied with (severity-weighted)"),
    ("customer", "By customer"),
    ("product", "By product"),
    ("salesperson", "By salesperson"),
]


class SaleComplaintAnalysisLine(models.Model):
    _name = "sale.complaint.analysis.line"
    _description = "Monthly Complaint Analysis Line"
    _order = "analysis_id, section, sequence"

    analysis_id = fields.Many2one("sale.complaint.analysis", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="analysis_id.company_id", store=True)
    section = fields.Selection(SECTIONS, required=True)
    sequence = fields.Integer(help="Rank within the section, 1 first.")
    name = fields.Char(required=True)
    complaint_count = fields.Integer(string="Complaints")
    share = fields.Float(string="Share (%)", digits=(5, 1))
    cumulative_share = fields.Float(string="Cumulative Share (%)", digits=(5, 1))
    weighted_score = fields.Integer(
        string="Severity-weighted Score",
        help="Each complaint counts by its severity: low 1, medium 2, high 4, critical 8.",
    )
    previous_count = fields.Integer(string="Previous Month")
    year_ago_count = fields.Integer(string="Same Month Last Year")
