# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from .res_users import GROUP_SALES_ADMIN

# Fields that decide who owns a customer or factory and who may use it.
OWNERSHIP_FIELDS = {"user_id", "assistant_ids", "is_factory"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_factory = fields.Boolean(
        string="Factory",
        index=True,
        help="A manufacturing vendor the company buys from. Factories are owned by a salesperson "
        "and assigned to assistants like customers.",
    )
    assistant_ids = fields.Many2many(
        "res.users",
        "res_partner_sale_assistant_rel",
        "partner_id",
        "user_id",
        string="Assistants (customer users)",
        help="The assistants of the owner (the Salesperson field) who may use this customer or "
        "factory on orders they prepare for the owner. Only the owner, their team manager or a "
        "sales administrator can change it.",
    )

    sale_import_mapping = fields.Json(
        string="Order Import Columns",
        copy=False,
        help="How the columns of this customer's order spreadsheets are read, remembered from the last "
        "import.",
    )
    sale_customer_code_ids = fields.One2many(
        "sale.customer.product.code", "partner_id", string="Customer's Product Codes"
    )
    sale_sample_count = fields.Integer(string="Samples", compute="_compute_sale_sample_count")

    def _compute_sale_sample_count(self):
        counts = dict(
            self.env["sale.sample"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.sale_sample_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_sale_samples(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_sample_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.model
    def _commercial_fields(self):
        # Contact persons and addresses follow their company's factory flag and customer users.
        return super()._commercial_fields() + ["assistant_ids", "is_factory"]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and self.env.user._is_pure_sale_assistant():
            self._check_assistant_may_add_contacts(vals_list)
        partners = super().create(vals_list)
        if not self.env.su and any(vals.get("assistant_ids") for vals in vals_list):
            partners._check_may_change_assistants()
        return partners

    def write(self, vals):
        pure_assistant = not self.env.su and self.env.user._is_pure_sale_assistant()
        if not self.env.su:
            if pure_assistant:
                self._check_assistant_may_write(vals)
            if "assistant_ids" in vals:
                self._check_may_change_assistants()
        contacts = self.filtered(lambda p: p != p.commercial_partner_id) if pure_assistant else self.browse()
        result = super().write(vals)
        if contacts.filtered(lambda p: p == p.commercial_partner_id):
            # Detaching a contact or making it a company would create a customer by the back door.
            raise AccessError(
                self.env._(
                    "Sales assistants cannot turn a contact into a customer or factory of its own; ask the "
                    "salesperson who will own it."
                )
            )
        return result

    def _check_assistant_may_add_contacts(self, vals_list):
        for vals in vals_list:
            parent = self.browse(vals.get("parent_id")).commercial_partner_id
            if not parent:
                raise AccessError(
                    self.env._(
                        "Sales assistants cannot create customers or factories. Ask the salesperson "
                        "who will own %(name)s to create it and assign it to you.",
                        name=vals.get("name") or self.env._("it"),
                    )
                )
            parent._check_assigned_to_current_user()

    def _check_assistant_may_write(self, vals):
        self.commercial_partner_id._check_assigned_to_current_user()
        if OWNERSHIP_FIELDS & vals.keys() and any(p == p.commercial_partner_id for p in self):
            raise AccessError(
                self.env._(
                    "Sales assistants cannot change the owner, the assistants or the factory flag of a "
                    "customer or factory; ask its owner."
                )
            )
        if vals.get("parent_id"):
            self.browse(vals["parent_id"]).commercial_partner_id._check_assigned_to_current_user()

    def _check_assigned_to_current_user(self):
        user = self.env.user
        for partner in self:
            if user not in partner.assistant_ids:
                raise AccessError(
                    self.env._(
                        "%(partner)s is not assigned to you. Ask its owner %(owner)s to assign it to you.",
                        partner=partner.display_name,
                        owner=partner.user_id.name or self.env._("(no owner)"),
                    )
                )

    def _check_may_change_assistants(self):
        """Only the owner, their team manager or a sales administrator assigns assistants."""
        user = self.env.user
        if user.has_group(GROUP_SALES_ADMIN):
            return
        jurisdiction = user._sale_team_jurisdiction()
        for partner in self.commercial_partner_id:
            if not partner.user_id or partner.user_id not in jurisdiction:
                raise AccessError(
                    self.env._(
                        "Only the owner of %(partner)s (%(owner)s), their team manager or a sales "
                        "administrator can change its assistants.",
                        partner=partner.display_name,
                        owner=partner.user_id.name or self.env._("no owner yet"),
                    )
                )

    @api.constrains("assistant_ids", "user_id")
    def _check_assistants_serve_owner(self):
        # Read as the system: a salesperson who gives their customer to a colleague no longer reads
        # it once protection hides it, and must get this message, not an access error.
        for partner in self.sudo().filtered(lambda p: p.assistant_ids and p == p.commercial_partner_id):
            strangers = partner.assistant_ids - partner.user_id.sale_assistant_ids
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(assistants)s cannot use %(partner)s: only assistants who currently work for "
                        "its owner (%(owner)s) can be assigned to it.",
                        assistants=", ".join(strangers.mapped("name")),
                        partner=partner.display_name,
                        owner=partner.user_id.name or self.env._("no owner"),
                    )
                )

    @api.model
    def _sale_usable_domain(self, salesperson, kind):
        """The customers (``kind`` "customer") or factories ("factory") the current user may pick on
        a document for ``salesperson``: the one definition behind the form's choices and the
        server's checks.

        Customers and factories are different choices for everyone. A restricted assistant may use
        only partners owned by the document's salesperson and, when acting for someone else,
        assigned to them: an assistant who is their own salesperson uses only what they own."""
        domain = [("is_factory", "=", kind == "factory")]
        user = self.env.user
        if not user._is_restricted_sale_assistant():
            return domain
        if not salesperson:
            return expression.FALSE_DOMAIN
        domain.append(("commercial_partner_id.user_id", "=", salesperson.id))
        if salesperson != user:
            domain.append(("commercial_partner_id.assistant_ids", "in", [user.id]))
        return domain

    def _check_sale_assistant_can_use(self, salesperson, kind):
        """Raise when the current user may not pick this partner as the ``kind`` ("customer" or
        "factory") of a document for ``salesperson``, saying why and whom to ask."""
        self.ensure_one()
        if self.sudo().filtered_domain(self._sale_usable_domain(salesperson, kind)):
            return
        commercial = self.commercial_partner_id
        if kind == "factory" and not commercial.is_factory:
            raise ValidationError(
                self.env._("%(partner)s is not a factory.", partner=commercial.display_name)
            )
        if kind == "customer" and commercial.is_factory:
            raise ValidationError(
                self.env._(
                    "%(partner)s is a factory, not a customer: choose a customer.",
                    partner=commercial.display_name,
                )
            )
        label = self.env._("factory") if kind == "factory" else self.env._("customer")
        if commercial.user_id != salesperson:
            raise ValidationError(
                self.env._(
                    "The %(kind)s %(partner)s belongs to %(owner)s, not to %(salesperson)s: pick one of "
                    "%(salesperson)s's own.",
                    kind=label,
                    partner=commercial.display_name,
                    owner=commercial.user_id.name or self.env._("nobody"),
                    salesperson=salesperson.name,
                )
            )
        raise ValidationError(
            self.env._(
                "The %(kind)s %(partner)s is not assigned to you. Ask its owner %(owner)s to assign it "
                "to you.",
                kind=label,
                partner=commercial.display_name,
                owner=commercial.user_id.name,
            )
        )
