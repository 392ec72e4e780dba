# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from statistics import median

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_is_zero

# A quantity is unusual for a customer when outside [median / 3, median x 3] of what they ordered
# of the product in the last 12 months, judged once they ordered it at least 3 times.
USUAL_QUANTITY_FACTOR = 3
USUAL_QUANTITY_MIN_ORDERS = 3
USUAL_QUANTITY_MONTHS = 12


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    factory_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        check_company=True,
        domain=[("is_factory", "=", True)],
        help="The factory that makes this product for the order. An assistant can pick only "
        "factories of the order's salesperson assigned to them.",
    )

    sale_factory_domain = fields.Binary(related="order_id.sale_factory_domain")
    # Stored like core's salesman_id: the assistant's rule filters lines without a sub-select on
    # orders, which PostgreSQL cannot estimate (see benchmarks/bench_access.py). Precomputed, so
    # that creating lines inserts it rather than updating every new line afterwards.
    assistant_id = fields.Many2one(
        related="order_id.assistant_id",
        store=True,
        precompute=True,
        index="btree_not_null",
        string="Prepared by",
    )
    salesman_id = fields.Many2one(index=True)

    customer_requested_date = fields.Date(
        string="Requested Date", copy=False, help="The delivery date the customer asked for on their order."
    )
    customer_product_code = fields.Char(
        string="Customer Code", copy=False, help="The code the customer used for this product on their order."
    )

    @api.constrains("factory_id", "order_id")
    def _check_factory_id(self):
        for line in self.filtered("factory_id"):
            if not line.factory_id.is_factory:
                raise ValidationError(
                    self.env._("%(partner)s is not a factory.", partner=line.factory_id.display_name)
                )
        # Lines are created before their order is checked: check it now for a clear message.
        self.order_id._check_sale_document_choices()

    # Order checks ------------------------------------------------------------------------------

    def _order_check_price_findings(self, past_lines, tolerance, expected):
        """Price against the pricelist's ``expected`` price (beyond ``tolerance`` %) and against the
        customer's last price."""
        self.ensure_one()
        order = self.order_id
        found = set()
        digits = self.env["decimal.precision"].precision_get("Product Price")
        net_price = self._order_check_net_price()
        if (
            not float_is_zero(expected, precision_digits=digits)
            and abs(net_price - expected) > abs(expected) * tolerance / 100
        ):
            found.add(
                (
                    "pricelist_price",
                    self.id,
                    self.env._(
                        "%(product)s: unit price %(price)s differs from the pricelist price "
                        "%(expected)s by more than %(tolerance)s%%.",
                        product=self.name,
                        price=round(net_price, digits),
                        expected=round(expected, digits),
                        tolerance=tolerance,
                    ),
                )
            )
        if not past_lines:
            found.add(
                (
                    "new_product",
                    self.id,
                    self.env._(
                        "%(customer)s never ordered %(product)s before.",
                        customer=order.partner_id.commercial_partner_id.display_name,
                        product=self.name,
                    ),
                )
            )
        else:
            last = past_lines[0]._order_check_net_price()
            if float_compare(net_price, last, precision_digits=digits):
                found.add(
                    (
                        "last_price",
                        self.id,
                        self.env._(
                            "%(product)s: unit price %(price)s differs from the last price %(last)s (ordered "
                            "on %(date)s).",
                            product=self.name,
                            price=round(net_price, digits),
                            last=round(last, digits),
                            date=past_lines[0].order_id.date_order.date(),
                        ),
                    )
                )
        return found

    def _order_check_net_price(self):
        """The unit price after the line's discount, as the pricelist would give it."""
        return self.price_unit * (1 - (self.discount or 0.0) / 100)

    def _order_check_quantity_findings(self, past_lines):
        """A quantity outside [median / 3, median x 3] of the last 12 months, given 3 past orders."""
        self.ensure_one()
        since = fields.Datetime.now() - relativedelta(months=USUAL_QUANTITY_MONTHS)
        recent = [line.product_uom_qty for line in past_lines if line.order_id.date_order >= since]
        if len(recent) < USUAL_QUANTITY_MIN_ORDERS:
            return set()
        usual = median(recent)
        low, high = usual / USUAL_QUANTITY_FACTOR, usual * USUAL_QUANTITY_FACTOR
        if low <= self.product_uom_qty <= high:
            return set()
        return {
            (
                "unusual_quantity",
                self.id,
                self.env._(
                    "%(product)s: %(quantity)s is unusual for this customer, who ordered %(usual)s "
                    "(median of %(count)s orders in 12 months; usual range %(low)s to %(high)s).",
                    product=self.name,
                    quantity=self.product_uom_qty,
                    usual=usual,
                    count=len(recent),
                    low=round(low, 2),
                    high=round(high, 2),
                ),
            )
        }
