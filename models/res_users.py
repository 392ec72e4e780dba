# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

GROUP_ASSISTANT = "sale_assistant.group_sale_assistant"
GROUP_SALESMAN = "sales_team.group_sale_salesman"
GROUP_TEAM_MANAGER = "sale_assistant.group_sale_team_manager"
GROUP_ALL_DOCUMENTS = "sales_team.group_sale_salesman_all_leads"
GROUP_SALES_ADMIN = "sales_team.group_sale_manager"
GROUP_CONTACT_CREATION = "base.group_partner_manager"


class ResUsers(models.Model):
    _inherit = "res.users"

    sale_contract_code = fields.Char(
        string="Contract Code",
        copy=False,
        help="The contract number under which the company recognises this salesperson. "
        "It is shown on their orders and can be searched.",
    )
    sale_assistant_assignment_ids = fields.One2many(
        "sale.assistant.assignment",
        "salesperson_id",
        string="Assistant Assignments",
    )
    sale_served_assignment_ids = fields.One2many(
        "sale.assistant.assignment",
        "assistant_id",
        string="Served Salesperson Assignments",
    )
    sale_assistant_ids = fields.Many2many(
        "res.users",
        string="Sales Assistants",
        compute="_compute_sale_assistant_ids",
        search="_search_sale_assistant_ids",
        help="The assistants who currently work for this salesperson.",
    )
    sale_served_salesperson_ids = fields.Many2many(
        "res.users",
        string="Serves Salespeople",
        compute="_compute_sale_served_salesperson_ids",
        search="_search_sale_served_salesperson_ids",
        help="The salespeople this assistant currently works for.",
    )
    sale_customer_scope_salesperson_ids = fields.Many2many(
        "res.users",
        string="Serves for All Orders of Their Customers",
        compute="_compute_sale_served_salesperson_ids",
        help="The salespeople this assistant currently works for with the scope 'All orders of "
        "customers assigned to them'.",
    )
    sale_covered_partner_ids = fields.Many2many(
        "res.partner",
        string="Customers Covered",
        compute="_compute_sale_served_salesperson_ids",
        help="The customers and factories (with their contacts) assigned to this assistant and owned "
        "by a salesperson of the field above: the assistant sees all their orders.",
    )
    sale_led_team_ids = fields.One2many("crm.team", "user_id", string="Led Sales Teams")
    sale_team_jurisdiction_ids = fields.Many2many(
        "res.users",
        string="Oversees",
        compute="_compute_sale_team_jurisdiction_ids",
        search="_search_sale_team_jurisdiction_ids",
        help="The users whose documents this user oversees: themselves and, for a team manager, "
        "the active members of the active sales teams they lead.",
    )

    _sql_constraints = [
        (
            "sale_contract_code_company_uniq",
            "unique(sale_contract_code, company_id)",
            "Another salesperson of this company already has this contract code.",
        ),
    ]

    # Not stored: whether an assignment is current depends on today's date (see
    # sale.assistant.assignment._sale_is_current), and the rule cache is keyed on that date too.
    @api.depends(
        "sale_assistant_assignment_ids.assistant_id",
        "sale_assistant_assignment_ids.active",
        "sale_assistant_assignment_ids.date_start",
        "sale_assistant_assignment_ids.date_end",
    )
    def _compute_sale_assistant_ids(self):
        # Explicit filters: the caller's active_test must not change who works for whom.
        for user in self:
            user.sale_assistant_ids = (
                user.sudo()
                .sale_assistant_assignment_ids.filtered(lambda a: a._sale_is_current())
                .assistant_id
            )

    @api.depends(
        "sale_served_assignment_ids.salesperson_id",
        "sale_served_assignment_ids.active",
        "sale_served_assignment_ids.scope",
        "sale_served_assignment_ids.date_start",
        "sale_served_assignment_ids.date_end",
    )
    def _compute_sale_served_salesperson_ids(self):
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        for user in self:
            current = user.sudo().sale_served_assignment_ids.filtered(lambda a: a._sale_is_current())
            user.sale_served_salesperson_ids = current.salesperson_id
            scope = current.filtered(lambda a: a.scope == "customer").salesperson_id
            user.sale_customer_scope_salesperson_ids = scope
            user.sale_covered_partner_ids = (
                Partner.search(
                    [("assistant_ids", "in", user.ids), ("commercial_partner_id.user_id", "in", scope.ids)]
                )
                if scope
                else Partner
            )

    def _search_sale_assistant_ids(self, operator, value):
        return self._search_by_active_assignment("assistant_id", operator, value)

    def _search_sale_served_salesperson_ids(self, operator, value):
        return self._search_by_active_assignment("salesperson_id", operator, value)

    @api.model
    def _search_by_active_assignment(self, user_field, operator, value):
        """Users linked by a current assignment to the users ``user_field`` matches."""
        self._check_sale_access_operator(operator)
        # Current assignments only: their dates are read in their company's timezone, so they are
        # filtered here rather than in SQL. The explicit active leaf keeps archived assignments out
        # whatever the active_test context.
        other_field = "assistant_id" if user_field == "salesperson_id" else "salesperson_id"
        assignments = (
            self.env["sale.assistant.assignment"]
            .sudo()
            .search([(user_field, operator, value), ("active", "=", True)])
            .filtered(lambda a: a._sale_is_current())
        )
        return [("id", "in", assignments[other_field].ids)]

    @api.depends(
        "groups_id",
        "sale_led_team_ids.active",
        "sale_led_team_ids.crm_team_member_ids.active",
        "sale_led_team_ids.crm_team_member_ids.user_id",
    )
    def _compute_sale_team_jurisdiction_ids(self):
        for user in self:
            jurisdiction = user
            if user.has_group(GROUP_TEAM_MANAGER):
                teams = user.sudo().sale_led_team_ids.filtered("active")
                jurisdiction |= teams.crm_team_member_ids.filtered("active").user_id
            user.sale_team_jurisdiction_ids = jurisdiction

    def _search_sale_team_jurisdiction_ids(self, operator, value):
        """Users overseeing ``value``: those users themselves, and the team managers leading an
        active team in which they are active members."""
        self._check_sale_access_operator(operator)
        leaders = (
            self.env["crm.team"]
            .sudo()
            .search(
                [
                    ("active", "=", True),
                    ("crm_team_member_ids", "any", [("user_id", operator, value), ("active", "=", True)]),
                ]
            )
            .user_id
        )
        managers = leaders.filtered(lambda leader: leader.has_group(GROUP_TEAM_MANAGER))
        return ["|", ("id", operator, value), ("id", "in", managers.ids)]

    @api.model
    def _check_sale_access_operator(self, operator):
        if operator not in ("in", "="):
            raise NotImplementedError(self.env._("Operator %s is not supported here.", operator))

    @api.model
    def _sale_access_changed(self):
        """Assignments or team memberships changed: drop the record rule domains every worker
        cached (they hold the ids of the fields above, evaluated once per user), so the change
        takes effect at once. The registry signals the invalidation to the other workers when
        the transaction commits."""
        self.env.registry.clear_cache()

    def _is_restricted_sale_assistant(self):
        """An assistant without All Documents: what they prepare for others is checked."""
        self.ensure_one()
        return self.has_group(GROUP_ASSISTANT) and not self.has_group(GROUP_ALL_DOCUMENTS)

    def _is_pure_sale_assistant(self):
        """An assistant without Contact Creation: they may not add customers or factories."""
        self.ensure_one()
        return self.has_group(GROUP_ASSISTANT) and not self.has_group(GROUP_CONTACT_CREATION)

    def _sale_team_jurisdiction(self):
        """The users whose documents this user oversees (see ``sale_team_jurisdiction_ids``)."""
        self.ensure_one()
        return self.sale_team_jurisdiction_ids

    def _sale_serves(self, salesperson):
        """Whether this user currently works for ``salesperson`` as their assistant."""
        self.ensure_one()
        return salesperson in self.sale_served_salesperson_ids
