# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The preview's counters, one per kind of record a transfer moves.
PREVIEW_KINDS = (
    "customer",
    "factory",
    "contact",
    "quotation",
    "order",
    "delivered_order",
    "sample",
    "complaint",
    "activity",
)


class SaleProtectionTransferWizard(models.TransientModel):
    """Transfer a salesperson's portfolio: choose who, to whom, what and when, see how many records
    of each kind would move, confirm. Every field can be written over RPC: confirming checks
    everything again on the server (``sale.protection.transfer._sale_request``)."""

    _name = "sale.protection.transfer.wizard"
    _description = "Transfer a Portfolio"
    _inherit = ["sale.protection.transfer.scope"]

    from_user_id = fields.Many2one(default=lambda self: self._default_from_user())
    preview_customer = fields.Integer(string="Customers", compute="_compute_preview")
    preview_factory = fields.Integer(string="Factories", compute="_compute_preview")
    preview_contact = fields.Integer(string="Contacts and Addresses", compute="_compute_preview")
    preview_quotation = fields.Integer(string="Open Quotations", compute="_compute_preview")
    preview_order = fields.Integer(string="Undelivered Orders", compute="_compute_preview")
    preview_delivered_order = fields.Integer(string="Delivered Orders", compute="_compute_preview")
    preview_sample = fields.Integer(string="Samples", compute="_compute_preview")
    preview_complaint = fields.Integer(string="Complaints", compute="_compute_preview")
    preview_activity = fields.Integer(string="Activities", compute="_compute_preview")
    preview_allowed = fields.Boolean(compute="_compute_preview")
    is_scheduled = fields.Boolean(compute="_compute_is_scheduled")
    several_receivers = fields.Boolean(compute="_compute_several_receivers")

    @api.model
    def _default_from_user(self):
        if self.env.context.get("active_model") == "res.users":
            return self.env.context.get("active_id")
        return False

    @api.depends(
        "from_user_id",
        "company_id",
        "scope_partners",
        "scope_orders",
        "scope_delivered_orders",
        "scope_samples",
        "scope_complaints",
        "scope_activities",
    )
    def _compute_preview(self):
        for wizard in self:
            # The preview counts what would move now (a scheduled transfer counts again on its
            # day), and only for those who may transfer this portfolio.
            wizard.preview_allowed = bool(wizard.from_user_id) and wizard._sale_may_transfer()
            counts = wizard._sale_scope_counts() if wizard.preview_allowed else {}
            for kind in PREVIEW_KINDS:
                wizard[f"preview_{kind}"] = counts.get(kind, 0)

    @api.depends("effective_date", "company_id")
    def _compute_is_scheduled(self):
        for wizard in self:
            wizard.is_scheduled = bool(wizard.effective_date and wizard.effective_date > wizard._sale_today())

    @api.depends("to_user_ids")
    def _compute_several_receivers(self):
        # The form says how several receivers share the portfolio (the web client's
        # expressions have no len()).
        for wizard in self:
            wizard.several_receivers = len(wizard.to_user_ids) > 1

    def action_confirm(self):
        self.ensure_one()
        transfer = self.env["sale.protection.transfer"]._sale_request(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.protection.transfer",
            "res_id": transfer.id,
            "views": [(False, "form")],
            "target": "current",
        }
