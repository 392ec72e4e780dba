# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

BLOCKS_BOOKING_PARAM = "sale_assistant.followup_inspection_blocks_booking"

INSPECTION_LEVELS = [
    ("g1", "General I"),
    ("g2", "General II"),
    ("g3", "General III"),
    ("s1", "Special S-1"),
    ("s2", "Special S-2"),
    ("s3", "Special S-3"),
    ("s4", "Special S-4"),
]


class SaleFollowupInspection(models.Model):
    """A quality inspection of an order's goods at the factory (in-house or by a third party such
    as SGS): its sampling (ISO 2859-1 inspection level, AQL, sample size), result and report."""

    _name = "sale.followup.inspection"
    _description = "Order Inspection"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order", required=True, index=True, ondelete="cascade", domain=[("state", "=", "sale")]
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    user_id = fields.Many2one(related="order_id.user_id", store=True, index=True, string="Salesperson")
    assistant_id = fields.Many2one(
        related="order_id.assistant_id", store=True, index="btree_not_null", string="Prepared by"
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    factory_id = fields.Many2one(
        "res.partner",
        domain=[("is_factory", "=", True)],
        check_company=True,
        help="Where the goods were inspected.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    inspector_id = fields.Many2one("res.users", domain=[("share", "=", False)], help="Our own inspector.")
    third_party_id = fields.Many2one(
        "res.partner",
        string="Inspection Company",
        help="A third party inspecting for the customer (SGS, BV...).",
    )
    inspection_level = fields.Selection(INSPECTION_LEVELS, required=True, default="g2")
    aql = fields.Float(
        string="AQL", digits=(4, 2), default=2.5, help="Acceptable quality limit (major defects)."
    )
    sample_size = fields.Integer(required=True)
    result = fields.Selection(
        [("pass", "Pass"), ("conditional", "Conditional pass"), ("fail", "Fail")],
        required=True,
        tracking=True,
    )
    defects = fields.Text(help="The defects found, and for a conditional pass, the conditions.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sale_followup_inspection_attachment_rel",
        "inspection_id",
        "attachment_id",
        string="Report",
    )

    @api.constrains("date", "sample_size", "aql", "result", "defects", "inspector_id", "third_party_id")
    def _check_inspection(self):
        for inspection in self:
            if inspection.sample_size <= 0:
                raise ValidationError(self.env._("An inspection's sample size must be positive."))
            if inspection.aql <= 0:
                raise ValidationError(self.env._("The AQL must be positive."))
            if not (inspection.inspector_id or inspection.third_party_id):
                raise ValidationError(self.env._("Name the inspector or the inspection company."))
            if inspection.result in ("fail", "conditional") and not inspection.defects:
                raise ValidationError(
                    self.env._("Describe the defects of a failed or conditional inspection.")
                )
            if inspection.date > inspection.company_id.partner_id._sale_local_today():
                raise ValidationError(self.env._("An inspection cannot be recorded for a future date."))

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        inspections.filtered(lambda i: i.result == "fail")._tell_salesperson_failed()
        return inspections

    def write(self, vals):
        if "order_id" in vals and any(inspection.order_id.id != vals["order_id"] for inspection in self):
            raise UserError(self.env._("An inspection cannot move to another order."))
        # A failed lot is inspected again (a new record); its first result stays on file.
        if (
            "result" in vals
            and not self.env.user.has_group("sales_team.group_sale_manager")
            and any(inspection.result != vals["result"] for inspection in self)
        ):
            raise UserError(self.env._("An inspection's result cannot be changed: record a new inspection."))
        newly_failed = (
            self.filtered(lambda i: i.result != "fail") if vals.get("result") == "fail" else self.browse()
        )
        result = super().write(vals)
        newly_failed._tell_salesperson_failed()
        return result

    def _tell_salesperson_failed(self):
        for inspection in self:
            inspection.order_id.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Inspection of %(date)s failed (%(level)s, AQL %(aql)s, %(size)s samples).",
                        date=inspection.date,
                        level=dict(inspection._fields["inspection_level"]._description_selection(self.env))[
                            inspection.inspection_level
                        ],
                        aql=inspection.aql,
                        size=inspection.sample_size,
                    ),
                    inspection.defects,
                ),
                partner_ids=inspection.user_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = f"{inspection.order_id.name} {inspection.date}"
