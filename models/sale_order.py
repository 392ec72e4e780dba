# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    assistant_id = fields.Many2one(
        "res.users",
        string="Prepared by",
        compute="_compute_assistant_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The sales assistant who made this order on the salesperson's behalf.",
    )
    sale_contract_code = fields.Char(
        related="user_id.sale_contract_code",
        string="Contract Code",
    )
    sale_assistant_acting = fields.Boolean(
        compute="_compute_sale_assistant_acting",
        help="Technical: the current user is an assistant preparing this order for another "
        "salesperson, so the customer and factories are limited to those assigned to them.",
    )

    @api.depends("user_id")
    def _compute_assistant_id(self):
        # Stored computes run as superuser: env.user is still the person at work.
        user = self.env.user
        acting = user._is_restricted_sale_assistant()
        for order in self:
            if acting and order.user_id and order.user_id != user:
                order.assistant_id = user
            else:
                order.assistant_id = order.assistant_id

    @api.depends("user_id")
    @api.depends_context("uid")
    def _compute_sale_assistant_acting(self):
        user = self.env.user
        restricted = user._is_restricted_sale_assistant()
        for order in self:
            order.sale_assistant_acting = restricted and order.user_id != user

    def _compute_user_id(self):
        # The salesperson an assistant picked first must not be replaced by the customer's owner.
        if self.env.user._is_restricted_sale_assistant():
            return super(SaleOrder, self.filtered(lambda o: not o.user_id))._compute_user_id()
        return super()._compute_user_id()

    @api.constrains("user_id", "partner_id", "assistant_id")
    def _check_sale_assistant_choices(self):
        self._check_prepared_by_current_assistant()

    def _check_prepared_by_current_assistant(self):
        """When the current user is an assistant preparing orders for another salesperson:
        they serve that salesperson, the order says so, and its customer and factories are
        that salesperson's, assigned to them."""
        user = self.env.user
        if self.env.su or not user._is_restricted_sale_assistant():
            return
        for order in self.filtered(lambda o: o.user_id != user):
            order._check_prepared_for_served_salesperson()
            order.partner_id._check_sale_assistant_can_use(order.user_id, self.env._("customer"))
            for factory in order.order_line.factory_id:
                factory._check_sale_assistant_can_use(order.user_id, self.env._("factory"))

    def _check_prepared_for_served_salesperson(self):
        self.ensure_one()
        user = self.env.user
        if not self.user_id:
            raise ValidationError(self.env._("Choose the salesperson you prepare this order for first."))
        if not user._sale_serves(self.user_id):
            raise ValidationError(
                self.env._(
                    "You do not assist %(salesperson)s, so you cannot prepare orders for them. Ask "
                    "%(salesperson)s or their team manager to assign you.",
                    salesperson=self.user_id.name,
                )
            )
        if self.assistant_id != user:
            raise ValidationError(
                self.env._(
                    "An order you prepare for %(salesperson)s is prepared by you.",
                    salesperson=self.user_id.name,
                )
            )
