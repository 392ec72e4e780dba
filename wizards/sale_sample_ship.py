# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleSampleShip(models.TransientModel):
    """The Ship dialog: what the salesperson will be told, asked for in one place."""

    _name = "sale.sample.ship"
    _description = "Ship a sample"

    sample_id = fields.Many2one("sale.sample", required=True, ondelete="cascade")
    courier_id = fields.Many2one("sale.sample.courier", required=True)
    tracking_number = fields.Char(required=True)
    date_shipped = fields.Date(string="Shipped on", required=True, default=fields.Date.context_today)
    date_expected_arrival = fields.Date(string="Expected Arrival", required=True)

    @api.model
    def default_get(self, fields_list):
        # Start from what was already typed on the sample.
        values = super().default_get(fields_list)
        sample = self.env["sale.sample"].browse(values.get("sample_id"))
        for name in ("courier_id", "tracking_number", "date_shipped", "date_expected_arrival"):
            if name in fields_list and sample[name]:
                values[name] = sample[name].id if name == "courier_id" else sample[name]
        return values

    def action_ship(self):
        self.ensure_one()
        self.sample_id.write(
            {
                "courier_id": self.courier_id.id,
                "tracking_number": self.tracking_number,
                "date_shipped": self.date_shipped,
                "date_expected_arrival": self.date_expected_arrival,
            }
        )
        self.sample_id.action_ship()
        return {"type": "ir.actions.act_window_close"}
