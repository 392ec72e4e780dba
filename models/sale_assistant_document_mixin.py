# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleAssistantDocumentMixin(models.AbstractModel):
    """A document an assistant may prepare on a salesperson's behalf (a contract, a sample...).

    The inheriting model has ``user_id`` (the salesperson), ``company_id`` and ``assistant_id``
    (who prepared it), and lists the customers and factories the document uses in
    ``_sale_assistant_counterparts``. A restricted assistant must serve the salesperson they
    prepare it for, and may only use what ``res.partner._sale_usable_domain`` allows them.
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
        help="Technical: the current user is a sales assistant, so the salesperson comes first and "
        "the customer and factories are limited to those they may use for that salesperson.",
    )
    sale_customer_domain = fields.Binary(
        compute="_compute_sale_partner_domains",
        help="Technical: the customers the current user may choose for this salesperson.",
    )
    sale_factory_domain = fields.Binary(
        compute="_compute_sale_partner_domains",
        help="Technical: the factories the current user may choose for this salesperson.",
    )

    # The fields where a document picks its customer or factory.
    _sale_partner_choice_fields = ("partner_id", "factory_id")

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Offer a pure assistant no way to create a customer or factory they could not save,
        and show assistants the factory of each line. Done after the view cache and the access
        rights (which would set can_create from the ACL alone), as the user's role decides."""
        result = super().get_view(view_id, view_type, **options)
        user = self.env.user
        if not user._is_restricted_sale_assistant():
            return result
        arch = etree.fromstring(result["arch"])
        if user._is_pure_sale_assistant():
            names = " or ".join(f"@name='{name}'" for name in self._sale_partner_choice_fields)
            for node in arch.xpath(f"//field[{names}]"):
                node.set("can_create", "False")
        for node in arch.xpath("//field[@name='factory_id'][@optional='hide']"):
            node.set("optional", "show")
        result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

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
        self.sale_assistant_acting = self.env.user._is_restricted_sale_assistant()

    @api.depends("user_id", "company_id")
    @api.depends_context("uid")
    def _compute_sale_partner_domains(self):
        Partner = self.env["res.partner"]
        for document in self:
            company = [("company_id", "in", [document.company_id.id, False])]
            salesperson = document.user_id
            document.sale_customer_domain = company + Partner._sale_usable_domain(salesperson, "customer")
            document.sale_factory_domain = company + Partner._sale_usable_domain(salesperson, "factory")

    def _sale_assistant_counterparts(self):
        """Return ``(partners, kind)`` pairs: the customers ("customer") and factories ("factory")
        this document uses."""
        self.ensure_one()
        return []

    def _check_sale_document_choices(self):
        """Customers are customers and factories factories for everyone; a restricted assistant
        also serves the salesperson and uses only the partners allowed to them."""
        if self.env.su:
            return
        user = self.env.user
        restricted = user._is_restricted_sale_assistant()
        for document in self:
            if restricted and document.user_id != user:
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
