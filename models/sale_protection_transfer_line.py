# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class SaleProtectionTransferLine(models.Model):
    """One record a portfolio transfer moved, as it was named then. Kept as written."""

    _name = "sale.protection.transfer.line"
    _description = "Record Moved by a Portfolio Transfer"
    _order = "transfer_id desc, id"

    transfer_id = fields.Many2one(
        "sale.protection.transfer", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="transfer_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("customer", "Customer"),
            ("factory", "Factory"),
            ("contact", "Contact or Address"),
            ("quotation", "Quotation"),
            ("order", "Undelivered Order"),
            ("delivered_order", "Delivered Order"),
            ("sample", "Sample"),
            ("complaint", "Complaint"),
            ("activity", "Activity"),
        ],
        required=True,
        readonly=True,
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    record_name = fields.Char(string="Record", required=True, readonly=True, help="Its name when it moved.")
    from_user_id = fields.Many2one("res.users", string="From", required=True, readonly=True)
    to_user_id = fields.Many2one("res.users", string="To", required=True, readonly=True, index=True)

    # A record moved is a fact: no super() call on purpose.
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.transfer_id._sale_immutable_message())

    def unlink(self):
        if self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG):
            return super().unlink()
        raise UserError(self.transfer_id._sale_immutable_message())

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(self.transfer_id._sale_immutable_message())

    def action_open_record(self):
        """Open the record moved, if it still exists and the user may read it."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("%(record)s no longer exists.", record=self.record_name))
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
