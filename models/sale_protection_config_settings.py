# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The partner read rules of customer protection: active exactly when protection is on.
PROTECTION_RULES = (
    "sale_assistant.res_partner_rule_protection_employee",
    "sale_assistant.res_partner_rule_protection_salesperson",
    "sale_assistant.res_partner_rule_protection_assistant",
    "sale_assistant.res_partner_rule_protection_team_manager",
    "sale_assistant.res_partner_rule_protection_all_documents",
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sale_protect_customers = fields.Boolean(
        string="Protect Customers",
        help="Each salesperson reads only their own customers and factories (and their contacts) and "
        "unowned ones; assistants those assigned to them, team managers those of their team, All "
        "Documents everything. Other partners stay readable.",
    )

    @api.model
    def _sale_protection_rules(self):
        return (
            self.env["ir.rule"]
            .sudo()
            .with_context(active_test=False)
            .browse(self.env.ref(xmlid).id for xmlid in PROTECTION_RULES)
        )

    def get_values(self):
        res = super().get_values()
        # The rules' state is the setting: nothing else to keep in sync.
        res["sale_protect_customers"] = all(self._sale_protection_rules().mapped("active"))
        return res

    def set_values(self):
        result = super().set_values()
        rules = self._sale_protection_rules()
        if any(rule.active != self.sale_protect_customers for rule in rules):
            # Writing ir.rule clears the rule cache of every worker: it takes effect at once.
            rules.write({"active": self.sale_protect_customers})
        return result
