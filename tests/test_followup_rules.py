# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees which follow-up plan, milestone and inspection: the expectations of the orders they
follow (``test_access_rules.DocumentRulesTests``), case by case, through every read path."""

from .test_access_rules import DocumentRulesCase, DocumentRulesTests
from .test_followup_common import FollowupCase


class FollowupRulesCase(DocumentRulesCase, FollowupCase):
    """The seven orders of ``DocumentRulesCase`` confirmed (each gets a plan), one inspection each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company made in a test has no warehouse under every test runner: its order needs one.
        Warehouse = cls.env["stock.warehouse"]
        cls.order_other_company.warehouse_id = Warehouse.search(
            [("company_id", "=", cls.other_company.id)], limit=1
        ) or Warehouse.create({"name": "Test Warehouse", "code": "TOW", "company_id": cls.other_company.id})
        sgs = cls.env["res.partner"].create({"name": "Test Inspection Co", "is_company": True})
        cls.inspections = {}
        # The findings of DocumentRulesCase would hold the orders back: not what is tested here.
        cls.env["sale.order"].union(*cls.order_names).check_finding_ids.unlink()
        for order, name in cls.order_names.items():
            order.action_confirm()
            cls.inspections[name] = cls.env["sale.followup.inspection"].create(
                {
                    "order_id": order.id,
                    "third_party_id": sgs.id,
                    "sample_size": 80,
                    "result": "pass",
                    "date": cls.company_today,
                }
            )
        cls.env.flush_all()

    def _everything(self, kind):
        by_order = {name: order for order, name in self.order_names.items()}
        if kind == "followup_plan":
            return {name: order.followup_plan_ids for name, order in by_order.items()}
        if kind == "followup_milestone":
            return {name: order.followup_plan_ids.milestone_ids[:1] for name, order in by_order.items()}
        if kind == "followup_inspection":
            return self.inspections
        return super()._everything(kind)


class TestFollowupPlanRules(DocumentRulesTests, FollowupRulesCase):
    KIND = "followup_plan"


class TestFollowupMilestoneRules(DocumentRulesTests, FollowupRulesCase):
    KIND = "followup_milestone"


class TestFollowupInspectionRules(DocumentRulesTests, FollowupRulesCase):
    KIND = "followup_inspection"
