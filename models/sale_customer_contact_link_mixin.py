# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleCustomerContactLinkMixin(models.AbstractModel):
    """A document contacts can be logged from (orders, samples, complaints): *Log a Contact*
    opens the contact log prefilled, and a smart button lists the contacts about it."""

    _name = "sale.customer.contact.link.mixin"
    _description = "Document with a customer contact log"
    # The field of sale.customer.contact that points to the inheriting document.
    _sale_contact_link_field = None

    sale_contact_count = fields.Integer(string="Contacts", compute="_compute_sale_contact_count")

    def _compute_sale_contact_count(self):
        counts = dict(
            self.env["sale.customer.contact"]._read_group(
                [(self._sale_contact_link_field, "in", self.ids)],
                [self._sale_contact_link_field],
                ["__count"],
            )
        )
        for document in self:
            document.sale_contact_count = counts.get(document._origin, 0)

    def action_log_sale_contact(self):
        self.ensure_one()
        return self.env["sale.customer.contact"]._action_log_for(
            partner=self.partner_id.commercial_partner_id,
            salesperson=self.user_id,
            **{self._sale_contact_link_field: self},
        )

    def action_view_sale_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_customer_contact_action")
        action["domain"] = [(self._sale_contact_link_field, "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.commercial_partner_id.id,
            f"default_{self._sale_contact_link_field}": self.id,
        }
        return action
