# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError

from .test_survey_common import SurveyCase


class TestSurveyAccess(SurveyCase):
    """Survey results follow the contract rules. The wave asks Alpha's buyer and boss and Anchor's
    buyer (Amy's), Bravo's buyer (Ben's) and Carlton (Carl's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wave = cls._send(cls._campaign())
        cls.inv = {invitation.partner_id: invitation for invitation in cls.wave.invitation_ids}
        cls.domain = [("wave_id", "=", cls.wave.id)]
        for contact, nps in (
            (cls.alpha_buyer, 10),
            (cls.anchor_buyer, 3),
            (cls.bravo_buyer, 9),
            (cls.carlton, 0),
        ):
            cls._answer(
                cls.inv[contact],
                csat=(4, 4),
                nps=nps,
                questions=(cls.q_quality, cls.q_delivery, cls.q_nps, cls.q_comment),
            )

    def visible(self, user):
        return self.env["sale.survey.invitation"].with_user(user).search(self.domain).partner_id

    def assertSees(self, user, contacts):
        """Every read path gives ``user`` the invitations of ``contacts`` in the test's wave."""
        Invitation = self.env["sale.survey.invitation"].with_user(user)
        self.assertEqual(self.visible(user), contacts)
        self.assertEqual(Invitation.search_count(self.domain), len(contacts))
        groups = Invitation.read_group(self.domain, ["response_count:sum"], ["commercial_partner_id"])
        self.assertEqual(sum(g["commercial_partner_id_count"] for g in groups), len(contacts))
        self.assertEqual(self.wave.with_user(user).invited_count, len(contacts))
        found = Invitation.name_search("", args=self.domain, limit=100)
        self.assertEqual({record_id for record_id, _name in found}, set(Invitation.search(self.domain).ids))

    def test_salesperson_sees_own_customers_answers(self):
        self.assertSees(self.amy, self.alpha_buyer | self.alpha_boss | self.anchor_buyer)
        self.assertSees(self.ben, self.bravo_buyer)
        self.assertSees(self.carl, self.carlton)
        with self.assertRaises(AccessError):
            self.inv[self.bravo_buyer].with_user(self.amy).read(["nps_score"])

    def test_assistant_sees_served_salespeople_assigned_customers(self):
        # Cindy serves Amy and Ben, assigned Alpha and Bravo (not Anchor).
        self.assertSees(self.cindy, self.alpha_buyer | self.alpha_boss | self.bravo_buyer)
        # David serves Amy, assigned Alpha and Anchor.
        self.assertSees(self.david, self.alpha_buyer | self.alpha_boss | self.anchor_buyer)
        self.assertSees(self.eva, self.env["res.partner"])

    def test_assistant_loses_answers_when_unassigned_or_no_longer_serving(self):
        self.anchor.with_user(self.amy).assistant_ids = [Command.unlink(self.david.id)]
        self.assertSees(self.david, self.alpha_buyer | self.alpha_boss)
        self.cindy_ben.with_user(self.ben).action_archive()
        self.assertSees(self.cindy, self.alpha_buyer | self.alpha_boss)

    def test_team_manager_sees_jurisdiction(self):
        self.assertSees(self.mona, self.alpha_buyer | self.alpha_boss | self.anchor_buyer | self.bravo_buyer)

    def test_all_documents_and_sales_admin_see_everything(self):
        everyone = self.wave.invitation_ids.partner_id
        self.assertSees(self.all_docs, everyone)
        self.assertSees(self.sales_admin, everyone)

    def test_outside_sales_no_access(self):
        for user in (self.employee, self.portal):
            with self.assertRaises(AccessError):
                self.env["sale.survey.invitation"].with_user(user).search(self.domain)
            with self.assertRaises(AccessError):
                self.wave.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.inv[self.alpha_buyer].user_input_id.with_user(self.amy).read(["access_token"])

    def test_figures_follow_the_rules(self):
        # Amy: alpha buyer 10 (promoter), anchor 3 (detractor), alpha boss not answered.
        wave = self.wave.with_user(self.amy)
        self.assertEqual((wave.answered_count, wave.nps), (2, 0.0))
        # Ben: his one promoter.
        self.assertEqual(self.wave.with_user(self.ben).nps, 100.0)
        # Everyone: 2 promoters, 2 detractors of 4.
        self.assertEqual(self.wave.with_user(self.all_docs).nps, 0.0)
        analysis = self.wave.with_user(self.ben)._analysis()
        self.assertEqual(analysis["figures"]["invited"], 1)
        self.assertEqual(sum(q["count"] for q in analysis["questions"] if q["kind"] == "nps"), 1)
        self.assertEqual([c["partner_id"][0] for c in analysis["comments"]], [])

    def test_assistant_copy_and_create_refused(self):
        invitation = self.inv[self.alpha_buyer].with_user(self.cindy)
        with self.assertRaises(AccessError):
            invitation.copy()
        with self.assertRaises(AccessError):
            self.env["sale.survey.invitation"].with_user(self.cindy).create(
                {"wave_id": self.wave.id, "partner_id": self.alpha_buyer.id}
            )
        with self.assertRaises(AccessError):
            invitation.unlink()

    def test_other_company_answers_are_not_seen(self):
        other = self.env["res.company"].create({"name": "Other Survey Co"})
        campaign = self.env["sale.survey.campaign"].create(
            {
                "name": "Other company",
                "company_id": other.id,
                "survey_id": self.survey.id,
                "target": "salesperson",
                "salesperson_ids": [Command.set(self.ben.ids)],
            }
        )
        wave = campaign._create_wave([(self.bravo_buyer, {})])
        Invitation = self.env["sale.survey.invitation"].with_user(self.all_docs)
        self.assertFalse(Invitation.search([("wave_id", "=", wave.id)]))
        self.assertEqual(Invitation.search_count([("wave_id", "=", wave.id)]), 0)
        self.assertFalse(
            self.env["sale.survey.campaign"].with_user(self.all_docs).search([("id", "=", campaign.id)])
        )
        self.assertFalse(self.env["sale.survey.wave"].with_user(self.all_docs).search([("id", "=", wave.id)]))

    def test_assistant_needs_to_serve_the_answers_salesperson(self):
        """Bravo answered under Ben, then moves to Amy. Eva, who serves Amy only and is now
        assigned Bravo, does not see the answer given under Ben; Cindy, who serves both, does."""
        self.env["sale.assistant.assignment"].create(
            {"salesperson_id": self.amy.id, "assistant_id": self.eva.id}
        )
        self.bravo.write(
            {"user_id": self.amy.id, "assistant_ids": [Command.set((self.cindy | self.eva).ids)]}
        )
        self.assertEqual(self.inv[self.bravo_buyer].user_id, self.ben, "the answer keeps its salesperson")
        self.assertSees(self.eva, self.env["res.partner"])
        self.assertSees(self.cindy, self.alpha_buyer | self.alpha_boss | self.bravo_buyer)
