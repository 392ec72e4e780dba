# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleAssistantDocumentMixin(models.AbstractModel):
    """A document an assistant may prepare on a salesperson's behalf (a contract, a sample...).

    The inheriting model has ``user_id`` (the salesperson) and ``assistant_id`` (who prepared it),
    and lists the customers and factories the document uses in ``_sale_assistant_counterparts``.
    When the current user is an assistant preparing it for someone else, they must serve that
    salesperson and may only use that salesperson's customers and factories assigned to them.
    """

    _name = "sale.assistant.document.mixin"
    _description = "Document prepared by a sales assistant"

    assistant_id = fields.Many2one(
        "res.users",
        compute="_compute_assistant_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The sales assistant who prepared this on the salesperson's behalf.",
    )
    sale_assistant_acting = fields.Boolean(
        compute="_compute_sale_assistant_acting",
        help="Technical: the current user is an assistant preparing this document for another "
        "salesperson, so its customer and factories are limited to those assigned to them.",
    )

    @api.depends("user_id")
    def _compute_assistant_id(self):
        # Stored computes run as superuser: env.user is still the person at work.
        user = self.env.user
        acting = user._is_restricted_sale_assistant()
        for document in self:
            if acting and document.user_id and document.user_id != user:
                document.assistant_id = user
            else:
                document.assistant_id = document.assistant_id

    @api.depends("user_id")
    @api.depends_context("uid")
    def _compute_sale_assistant_acting(self):
        user = self.env.user
        restricted = user._is_restricted_sale_assistant()
        for document in self:
            document.sale_assistant_acting = restricted and document.user_id != user

    def _sale_assistant_counterparts(self):
        """Return ``(partners, kind)`` pairs: the customers and factories this document uses,
        ``kind`` naming them in error messages."""
        self.ensure_one()
        return []

    def _check_prepared_by_current_assistant(self):
        user = self.env.user
        if self.env.su or not user._is_restricted_sale_assistant():
            return
        for document in self.filtered(lambda d: d.user_id != user):
            document._check_prepared_for_served_salesperson()
            for partners, kind in document._sale_assistant_counterparts():
                for partner in partners:
                    partner._check_sale_assistant_can_use(document.user_id, kind)

    def _check_prepared_for_served_salesperson(self):
        self.ensure_one()
        user = self.env.user
        if not self.user_id:
            raise ValidationError(self.env._("Choose the salesperson you prepare this for first."))
        if not user._sale_serves(self.user_id):
            raise ValidationError(
                self.env._(
                    "You do not assist %(salesperson)s, so you cannot prepare their documents. Ask "
                    "%(salesperson)s or their team manager to assign you.",
                    salesperson=self.user_id.name,
                )
            )
        if self.assistant_id != user:
            raise ValidationError(
                self.env._(
                    "What you prepare for %(salesperson)s is prepared by you: you cannot set someone "
                    "else as its assistant.",
                    salesperson=self.user_id.name,
                )
            )
