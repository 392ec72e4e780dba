# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import ASSISTANT, SALESMAN, TEAM_MANAGER


class ReceivableCase(AccountTestInvoicingCommon):
    """A company with a chart of accounts, in USD, and EUR at 2 EUR per USD (no demo data):

    - team manager Mona leads Amy and Ben; Carl sells outside the team;
    - Cindy assists Amy and Ben, David assists Amy, Eva assists nobody;
    - customers: Alpha (Amy's, Cindy), Anchor (Amy's, David), Bravo (Ben's, Cindy), Carlton (Carl's);
    - open items, "today" T in the company's timezone (UTC here):
      Amy/Alpha USD 1,000 due T+20, USD 500 due T+3, EUR 2,000 due T-10 of which 800 paid,
      an open credit note of USD 100, an unapplied payment of USD 250, and a paid invoice;
      Amy/Anchor USD 700 due T-75; Ben/Bravo USD 300 due T-45 and USD 1,000 in two instalments
      (30 % at the invoice date T-40, 70 % 60 days later); Carl/Carlton USD 900 due T-120.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True), su=True)
        cls.company = cls.company_data["company"]
        cls.company.partner_id.tz = "UTC"
        cls.usd = cls.company.currency_id
        cls.eur = cls.setup_other_currency("EUR", rates=[("1900-01-01", 2.0)])
        # The board is a view on PostgreSQL's now(), the transaction's start (before the accounting
        # setup above): the same clock, or a run across midnight sees one day less overdue.
        cls.today = cls.env.cr.now().date()

        def user(login, groups, **kw):
            return new_test_user(
                cls.env,
                login,
                groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
                email=f"{login}@example.com",
                **kw,
            )

        cls.mona = user("r_mona", TEAM_MANAGER, name="Mona")
        cls.amy = user("r_amy", SALESMAN, name="Amy")
        cls.ben = user("r_ben", SALESMAN, name="Ben")
        cls.carl = user("r_carl", SALESMAN, name="Carl")
        cls.cindy = user("r_cindy", ASSISTANT, name="Cindy")
        cls.david = user("r_david", ASSISTANT, name="David")
        cls.eva = user("r_eva", ASSISTANT, name="Eva")
        cls.allie = user("r_all", "base.group_user,sales_team.group_sale_salesman_all_leads", name="Allie")
        cls.accountant = user("r_accountant", "base.group_user,account.group_account_invoice", name="Abe")
        cls.env["crm.team"].create(
            {
                "name": "Receivables Team",
                "company_id": cls.company.id,
                "user_id": cls.mona.id,
                "crm_team_member_ids": [
                    Command.create({"user_id": cls.amy.id}),
                    Command.create({"user_id": cls.ben.id}),
                ],
            }
        )
        Assignment = cls.env["sale.assistant.assignment"]
        Assignment.create({"salesperson_id": cls.amy.id, "assistant_id": cls.cindy.id})
        Assignment.create({"salesperson_id": cls.ben.id, "assistant_id": cls.cindy.id})
        Assignment.create({"salesperson_id": cls.amy.id, "assistant_id": cls.david.id})

        def customer(name, owner, assistants):
            return cls.env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "user_id": owner.id,
                    "assistant_ids": [Command.set(assistants.ids)],
                    "email": f"{name.lower()}@example.com",
                }
            )

        cls.alpha = customer("Alpha", cls.amy, cls.cindy)
        cls.anchor = customer("Anchor", cls.amy, cls.david)
        cls.bravo = customer("Bravo", cls.ben, cls.cindy)
        cls.carlton = customer("Carlton", cls.carl, cls.env["res.users"])

        T = cls.today
        cls.inv_a_later = cls._invoice(cls.amy, cls.alpha, 1000, due=T + timedelta(days=20))
        cls.inv_a_soon = cls._invoice(cls.amy, cls.alpha, 500, due=T + timedelta(days=3))
        cls.inv_a_eur = cls._invoice(cls.amy, cls.alpha, 2000, due=T - timedelta(days=10), currency=cls.eur)
        cls._pay(cls.inv_a_eur, 800, cls.eur)
        cls.refund_a = cls._invoice(cls.amy, cls.alpha, 100, due=T, move_type="out_refund")
        cls.inv_a_paid = cls._invoice(cls.amy, cls.alpha, 400, due=T - timedelta(days=5))
        cls._pay(cls.inv_a_paid, 400, cls.usd)
        cls.payment_alpha = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.alpha.id,
                "amount": 250,
                "date": T,
                "journal_id": cls.company_data["default_journal_bank"].id,
            }
        )
        cls.payment_alpha.action_post()
        cls.inv_anchor = cls._invoice(cls.amy, cls.anchor, 700, due=T - timedelta(days=75))
        cls.inv_b = cls._invoice(cls.ben, cls.bravo, 300, due=T - timedelta(days=45))
        instalments = cls.env["account.payment.term"].create(
            {
                "name": "30% now, 70% in 60 days",
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 70, "nb_days": 60}),
                ],
            }
        )
        cls.inv_b_instalments = cls._invoice(
            cls.ben, cls.bravo, 1000, invoice_date=T - timedelta(days=40), payment_term=instalments
        )
        cls.inv_c = cls._invoice(cls.carl, cls.carlton, 900, due=T - timedelta(days=120))

    @classmethod
    def _invoice(
        cls,
        salesperson,
        partner,
        amount,
        due=None,
        currency=None,
        move_type="out_invoice",
        invoice_date=None,
        payment_term=None,
    ):
        invoice_date = invoice_date or min(due, cls.today)
        values = {
            "move_type": move_type,
            "company_id": cls.company.id,
            "partner_id": partner.id,
            "invoice_user_id": salesperson.id,
            "invoice_date": invoice_date,
            "currency_id": (currency or cls.usd).id,
            "invoice_line_ids": [
                Command.create(
                    {"name": "Goods", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()]}
                )
            ],
        }
        if payment_term:
            values["invoice_payment_term_id"] = payment_term.id
        else:
            values["invoice_date_due"] = due
        move = cls.env["account.move"].create(values)
        move.action_post()
        return move

    def _other_company(self, *users):
        """A second company, without a chart of accounts, that ``users`` may also work in."""
        company = self.env["res.company"].create({"name": "Receivables Other Co"})
        for user in users:
            user.company_ids += company
        return company

    def _with_companies(self, model, user, companies):
        """``model`` as ``user`` sees it with ``companies`` active, as the web client sends them."""
        return self.env[model].with_user(user).with_context(allowed_company_ids=companies.ids)

    @classmethod
    def _pay(cls, invoice, amount, currency):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount, "currency_id": currency.id, "payment_date": cls.today})._create_payments()
