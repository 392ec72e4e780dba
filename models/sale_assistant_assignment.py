# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .res_users import GROUP_ASSISTANT

# What the record rules read of an assignment (see res.users._sale_access_changed).
ACCESS_FIELDS = {"salesperson_id", "assistant_id", "active", "scope", "date_start", "date_end"}


class SaleAssistantAssignment(models.Model):
    _name = "sale.assistant.assignment"
    _description = "Sales Assistant Assignment"
    _inherit = ["mail.thread"]
    _order = "salesperson_id, assistant_id"
    _check_company_auto = True

    salesperson_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    assistant_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain=lambda self: [("groups_id", "in", self.env.ref(GROUP_ASSISTANT).ids)],
        help="A user of the Sales Assistant group who works for the salesperson.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="Archive the assignment to end it: the assistant at once loses the salesperson's "
        "orders and customers.",
    )
    scope = fields.Selection(
        [
            ("prepared", "Orders they prepared"),
            ("customer", "All orders of customers assigned to them"),
        ],
        required=True,
        default="prepared",
        tracking=True,
        help="Orders they prepared: the assistant sees the salesperson's orders they prepared. "
        "All orders of customers assigned to them: also every order of the salesperson for the "
        "customers and factories assigned to the assistant.",
    )
    date_start = fields.Date(
        string="From",
        tracking=True,
        help="Optional, e.g. to cover a colleague's leave: the assistant works for the salesperson "
        "from the start of this day (midnight in the company's timezone).",
    )
    date_end = fields.Date(
        string="Until",
        tracking=True,
        help="Optional: the last day the assistant works for the salesperson. Access ends at the end "
        "of this day (midnight in the company's timezone).",
    )

    _sql_constraints = [
        (
            "salesperson_not_assistant",
            "CHECK(salesperson_id != assistant_id)",
            "A salesperson cannot be their own assistant.",
        ),
    ]

    @api.depends("salesperson_id", "assistant_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = self.env._(
                "%(assistant)s for %(salesperson)s",
                assistant=assignment.assistant_id.name or "",
                salesperson=assignment.salesperson_id.name or "",
            )

    @api.constrains("salesperson_id", "assistant_id", "active")
    def _check_one_active_per_pair(self):
        active = self.filtered("active")
        if not active:
            return
        duplicates = self.search(
            expression.AND(
                [
                    [("id", "not in", active.ids)],
                    expression.OR(
                        [
                            [
                                ("salesperson_id", "=", a.salesperson_id.id),
                                ("assistant_id", "=", a.assistant_id.id),
                            ]
                            for a in active
                        ]
                    ),
                ]
            )
        )
        if duplicates:
            raise ValidationError(
                self.env._(
                    "%(assistant)s already assists %(salesperson)s.",
                    assistant=duplicates[0].assistant_id.name,
                    salesperson=duplicates[0].salesperson_id.name,
                )
            )

    @api.constrains("date_start", "date_end")
    def _check_dates_in_order(self):
        for assignment in self:
            if assignment.date_start and assignment.date_end and assignment.date_end < assignment.date_start:
                raise ValidationError(
                    self.env._(
                        "The assignment of %(assignment)s ends on %(end)s, before it starts on %(start)s.",
                        assignment=assignment.display_name,
                        end=assignment.date_end,
                        start=assignment.date_start,
                    )
                )

    def _sale_is_current(self):
        """Whether the assignment gives access now: active, and today (in its company's timezone)
        within its dates, both days included."""
        self.ensure_one()
        today = self._sale_today(self.company_id)
        return (
            self.active
            and (not self.date_start or self.date_start <= today)
            and (not self.date_end or today <= self.date_end)
        )

    @api.model
    def _sale_today(self, company):
        """Today's date where ``company`` is (its partner's timezone, UTC when it has none)."""
        tz = pytz.timezone(company.sudo().partner_id.tz or "UTC")
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    @api.constrains("assistant_id")
    def _check_assistant_is_assistant(self):
        for assignment in self:
            if not assignment.assistant_id.has_group(GROUP_ASSISTANT):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a sales assistant: give them the Sales Assistant group first.",
                        user=assignment.assistant_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        self.env["res.users"]._sale_access_changed()
        return assignments

    def write(self, vals):
        if {"salesperson_id", "assistant_id"} & vals.keys() and any(
            vals.get(name, a[name].id) != a[name].id
            for a in self
            for name in ("salesperson_id", "assistant_id")
        ):
            raise UserError(
                self.env._(
                    "An assignment links one salesperson and one assistant for good: archive it and "
                    "create another."
                )
            )
        pairs = self._active_pairs()
        result = super().write(vals)
        if ACCESS_FIELDS & vals.keys():
            self.env["res.users"]._sale_access_changed()
        self._revoke_lost_pairs(pairs)
        return result

    def unlink(self):
        pairs = self._active_pairs()
        result = super().unlink()
        self.env["res.users"]._sale_access_changed()
        self._revoke_lost_pairs(pairs)
        return result

    def _active_pairs(self):
        return {(a.salesperson_id.id, a.assistant_id.id) for a in self if a.active}

    @api.model
    def _revoke_lost_pairs(self, pairs):
        """Take away from assistants who no longer serve a salesperson the customers and
        factories of that salesperson they were users of."""
        if not pairs:
            return
        pair_domain = expression.OR(
            [
                [("salesperson_id", "=", salesperson), ("assistant_id", "=", assistant)]
                for salesperson, assistant in pairs
            ]
        )
        still_active = self.sudo().search(pair_domain)._active_pairs()
        lost = pairs - still_active
        if not lost:
            return
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                expression.OR(
                    [
                        [
                            ("commercial_partner_id.user_id", "=", salesperson),
                            ("assistant_ids", "in", [assistant]),
                        ]
                        for salesperson, assistant in lost
                    ]
                )
            )
        )
        for salesperson, assistant in lost:
            owned = partners.filtered(
                lambda p, s=salesperson, a=assistant: (
                    p.commercial_partner_id.user_id.id == s and a in p.assistant_ids.ids
                )
            )
            owned.write({"assistant_ids": [Command.unlink(assistant)]})
