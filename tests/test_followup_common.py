# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command

from .common import SaleAssistantCase


class FollowupCase(SaleAssistantCase):
    """The department of ``common.py`` with its own follow-up template (every other archived):
    PI signed 60 days before delivery (salesperson), final inspection 7 days before (assistant),
    balance received 30 days after (salesperson). The orders deliver in 30 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sale.followup.template"].search([]).active = False
        cls.template = cls._template("Test export")
        cls.company_today = cls.env.company.partner_id._sale_local_today()
        cls.delivery = datetime.combine(cls.company_today + timedelta(days=30), datetime.min.time()).replace(
            hour=12
        )
        cls.orders.commitment_date = cls.delivery

    @classmethod
    def _template(cls, name, **values):
        return cls.env["sale.followup.template"].create(
            {
                "name": name,
                "line_ids": [
                    Command.create({"name": "PI signed", "lead_days": 60, "owner_role": "salesperson"}),
                    Command.create({"name": "Final inspection", "lead_days": 7, "owner_role": "assistant"}),
                    Command.create(
                        {"name": "Balance received", "lead_days": -30, "owner_role": "salesperson"}
                    ),
                ],
                **values,
            }
        )

    @classmethod
    def _confirm(cls, *orders):
        for order in orders:
            order.action_confirm()
        return [order.followup_plan_ids for order in orders]
