# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees what, condition by condition, for every model the record rules restrict.

Each test changes one fact a rule depends on (an assignment, a team, a membership, the company,
the salesperson, the assistant) and checks the exact visible set of every role through every
read path: ``search``, ``search_count``, ``read_group`` and ``read``. A rule missing any of its
conditions makes at least one of them fail (``scripts/mutations.py`` checks that claim by
removing each condition in turn). The tests describe behaviour, not the rules' text, so they
hold whatever form the rules take.
"""

import contextlib

from odoo import Command
from odoo.exceptions import AccessError

from .common import SaleAssistantCase, new_test_user

ROLES = ("cindy", "david", "eva", "amy", "ben", "carl", "mona", "all_docs", "sales_admin")
# Documents prepared on a salesperson's behalf: the same visibility on each of these models.


class AccessRulesCase(SaleAssistantCase):
    """The common department, plus: Carl in another team led by Olga, a second company every
    user may switch to, documents without salesperson and documents in the second company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.olga = new_test_user(
            cls.env, "t_olga", "base.group_user,sale_assistant.group_sale_team_manager", name="Olga"
        )
        cls.other_team = cls.env["crm.team"].create(
            {
                "name": "Test Other Team",
                "user_id": cls.olga.id,
                "crm_team_member_ids": [Command.create({"user_id": cls.carl.id})],
            }
        )
        cls.other_company = cls.env["res.company"].create({"name": "Test Other Company"})
        for role in (*ROLES, "olga"):
            getattr(cls, role).company_ids += cls.other_company
        cls.walk_in = cls.env["res.partner"].create({"name": "Walk-in Buyer", "is_company": True})
        cls.both_companies = (cls.env.company | cls.other_company).ids

    def _check_visible(self, role, everything, expected, label, both_companies=False, companies=None):
        """``role`` finds exactly ``expected`` among ``everything`` by search, search_count,
        read_group, and may read each of those records and none of the others."""
        user = getattr(self, role)
        # As the web client does: the companies the user works in are always explicit.
        companies = companies or (self.both_companies if both_companies else self.env.company.ids)
        Model = everything.env[everything._name].with_user(user).with_context(allowed_company_ids=companies)
        domain = [("id", "in", everything.ids)]
        names = dict(zip(everything.ids, label(everything), strict=True))

        def named(ids):
            return sorted(names[i] for i in ids)

        self.assertEqual(named(Model.search(domain).ids), named(expected.ids), "search")
        self.assertEqual(Model.search_count(domain), len(expected), "search_count")
        groups = Model.read_group(domain, ["__count"], [])
        self.assertEqual(sum(group["__count"] for group in groups), len(expected), "read_group")
        for record in Model.browse(everything.ids):
            if record.id in expected.ids:
                self.assertEqual(len(record.read(["display_name"])), 1, f"read {names[record.id]}")
            else:
                # Refused, or (sales analysis rows) silently left out: no data either way.
                with contextlib.suppress(AccessError):
                    self.assertEqual(record.read(["display_name"]), [], f"read {names[record.id]}")


class DocumentRulesCase(AccessRulesCase):
    """Orders, order lines, sales analysis rows, order-check findings, samples and sample lines:
    one case per way a document relates to the department, the same on each model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_carl_own.user_id = cls.carl  # Carl is in Olga's team, not in Mona's
        cls.order_unassigned = cls._order(cls.walk_in, cls.amy)
        cls.order_unassigned.user_id = False
        cls.order_other_company = cls._order(cls.alpha, cls.amy, cls.cindy, company_id=cls.other_company.id)
        cls.order_names = {
            cls.order_amy_by_cindy: "amy_by_cindy",
            cls.order_amy_by_david: "amy_by_david",
            cls.order_ben_by_cindy: "ben_by_cindy",
            cls.order_amy_own: "amy_own",
            cls.order_carl_own: "carl_own",
            cls.order_unassigned: "unassigned",
            cls.order_other_company: "other_company",
        }
        all_orders = cls.env["sale.order"].union(*cls.order_names)
        cls.env["sale.order.check.finding"].create(
            [{"order_id": order.id, "kind": "missing_date", "message": "test"} for order in all_orders]
        )
        cls.samples = {}
        Sample = cls.env["sale.sample"]
        for order, name in cls.order_names.items():
            sample = Sample.create(
                {
                    "kind": "product",
                    "company_id": order.company_id.id,
                    "partner_id": order.partner_id.id,
                    "user_id": order.user_id.id,
                    "assistant_id": order.assistant_id.id,
                    "factory_id": cls.forge.id,
                    "line_ids": [Command.create({"product_id": cls.product.id, "quantity": 1})],
                }
            )
            sample.write({"user_id": order.user_id.id, "assistant_id": order.assistant_id.id})
            cls.samples[name] = sample
        cls.env.flush_all()

    def _everything(self, kind):
        """{case name: records of ``kind``} for the seven cases built above."""
        by_order = {name: order for order, name in self.order_names.items()}
        if kind == "order":
            return by_order
        if kind == "line":
            return {name: order.order_line for name, order in by_order.items()}
        if kind == "finding":
            return {name: order.check_finding_ids for name, order in by_order.items()}
        if kind == "report":
            Report = self.env["sale.report"]
            return {name: Report.search([("name", "=", order.name)]) for name, order in by_order.items()}
        if kind == "sample":
            return self.samples
        return {name: sample.line_ids for name, sample in self.samples.items()}

    def _check_kinds(self, expected_names, both_companies=False):
        """``expected_names``: {role: case names they see}, for the class's kind of document."""
        cases = self._everything(self.KIND)
        for records in cases.values():
            self.assertEqual(len(records), 1)
        everything = self.env[next(iter(cases.values()))._name].union(*cases.values())
        case_of = {records.id: name for name, records in cases.items()}
        for role, names in expected_names.items():
            with self.subTest(role=role):
                expected = everything.browse([cases[name].id for name in names])
                self._check_visible(
                    role,
                    everything,
                    expected,
                    lambda records: [case_of[i] for i in records.ids],
                    both_companies,
                )


class DocumentRulesTests:
    """The same expectations for each kind of document (see the classes below)."""

    # Odoo's own runner only runs test methods a class defines itself, unless told otherwise.
    allow_inherited_tests_method = True
    KIND = None

    BASE = {
        "cindy": {"amy_by_cindy", "ben_by_cindy", "unassigned"},
        "david": {"amy_by_david", "unassigned"},
        "eva": {"unassigned"},
        "amy": {"amy_by_cindy", "amy_by_david", "amy_own", "unassigned"},
        "ben": {"ben_by_cindy", "unassigned"},
        "carl": {"carl_own", "unassigned"},
        "olga": {"carl_own", "unassigned"},
        "mona": {"amy_by_cindy", "amy_by_david", "amy_own", "ben_by_cindy", "unassigned"},
        "all_docs": {"amy_by_cindy", "amy_by_david", "amy_own", "ben_by_cindy", "carl_own", "unassigned"},
        "sales_admin": {
            "amy_by_cindy",
            "amy_by_david",
            "amy_own",
            "ben_by_cindy",
            "carl_own",
            "unassigned",
        },
    }

    def test_each_role_sees_its_documents(self):
        """Assistants: what they prepared for salespeople they serve; salespeople: their own and
        those without salesperson; team managers: their team's (Mona not Carl's, Olga only
        Carl's); All Documents and administrators: everything of the company."""
        self._check_kinds(self.BASE)

    def test_archived_assignment_hides_at_once(self):
        """Cindy stops serving Amy: she no longer sees what she prepared for Amy, although David
        still serves Amy and Cindy still serves Ben."""
        self._check_kinds({"cindy": self.BASE["cindy"]})  # before: what a stale cache would keep
        self.cindy_amy.action_archive()
        self._check_kinds(dict(self.BASE, cindy={"ben_by_cindy", "unassigned"}, david=self.BASE["david"]))

    def test_archived_team_hides_from_its_manager(self):
        self._check_kinds({"mona": self.BASE["mona"]})  # before: what a stale cache would keep
        self.team.action_archive()
        self._check_kinds({"mona": {"unassigned"}, "amy": self.BASE["amy"], "olga": self.BASE["olga"]})

    def test_archived_membership_hides_that_salesperson(self):
        self._check_kinds({"mona": self.BASE["mona"]})  # before: what a stale cache would keep
        self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.amy).action_archive()
        self._check_kinds({"mona": {"ben_by_cindy", "unassigned"}, "amy": self.BASE["amy"]})

    def test_new_team_leader_takes_over(self):
        self._check_kinds({"mona": self.BASE["mona"], "olga": self.BASE["olga"]})
        self.team.user_id = self.olga
        self._check_kinds(
            {
                "mona": {"unassigned"},
                "olga": {"amy_by_cindy", "amy_by_david", "amy_own", "ben_by_cindy", "carl_own", "unassigned"},
            }
        )

    def test_other_company_only_when_allowed(self):
        """Documents of another company stay hidden until the user works in both companies."""
        everyone_else = {role: names for role, names in self.BASE.items()}
        both = {
            role: names | {"other_company"}
            for role, names in self.BASE.items()
            if role in ("cindy", "amy", "mona", "all_docs", "sales_admin")
        }
        self._check_kinds(everyone_else)
        self._check_kinds(dict(everyone_else, **both), both_companies=True)


class TestOrderRules(DocumentRulesTests, DocumentRulesCase):
    """Orders."""

    KIND = "order"


class TestOrderLineRules(DocumentRulesTests, DocumentRulesCase):
    """Order lines."""

    KIND = "line"


class TestSaleReportRules(DocumentRulesTests, DocumentRulesCase):
    """Sales analysis rows."""

    KIND = "report"


class TestFindingRules(DocumentRulesTests, DocumentRulesCase):
    """Order-check findings."""

    KIND = "finding"


class TestSampleRules(DocumentRulesTests, DocumentRulesCase):
    """Samples."""

    KIND = "sample"


class TestSampleLineRules(DocumentRulesTests, DocumentRulesCase):
    """Sample lines."""

    KIND = "sample_line"


class TestComplaintRules(AccessRulesCase):
    """Complaints: salespeople see those they recorded, answer or whose customer they own;
    assistants those of customers assigned to them; team managers their team's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["sale.complaint.category"].create({"name": "Test Rules Category"})
        Complaint = cls.env["sale.complaint"].with_context(mail_create_nolog=True, mail_notrack=True)

        def complaint(partner, user, recorded_by, company=None):
            record = Complaint.create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "category_id": category.id,
                    "description": "test",
                    "company_id": (company or cls.env.company).id,
                }
            )
            record.write({"user_id": user.id, "recorded_by_id": recorded_by.id})
            return record

        cls.complaints = {
            # Alpha: Amy's customer, assigned to Cindy and David.
            "alpha": complaint(cls.alpha, cls.amy, cls.sales_admin),
            # Carl's customer, Carl answers, but Amy took the call.
            "recorded_by_amy": complaint(cls.carlton, cls.carl, cls.amy),
            # Carl's customer, recorded by Carl, handed to Amy to answer.
            "answered_by_amy": complaint(cls.carlton, cls.amy, cls.carl),
            # Anchor: Amy's customer (assigned to David), but Carl answers.
            "customer_of_amy": complaint(cls.anchor, cls.carl, cls.carl),
            # Bravo: Ben's customer, assigned to Cindy.
            "bravo": complaint(cls.bravo, cls.ben, cls.sales_admin),
            "carl": complaint(cls.carlton, cls.carl, cls.carl),
            "other_company": complaint(cls.alpha, cls.amy, cls.sales_admin, cls.other_company),
        }
        cls.everything = cls.env["sale.complaint"].union(*cls.complaints.values())

    def _check(self, expected_names, both_companies=False):
        case_of = {record.id: name for name, record in self.complaints.items()}
        for role, names in expected_names.items():
            with self.subTest(role=role):
                expected = self.everything.browse([self.complaints[name].id for name in names])
                self._check_visible(
                    role,
                    self.everything,
                    expected,
                    lambda records: [case_of[i] for i in records.ids],
                    both_companies,
                )

    ALL = {"alpha", "recorded_by_amy", "answered_by_amy", "customer_of_amy", "bravo", "carl"}
    BASE = {
        "cindy": {"alpha", "bravo"},
        "david": {"alpha", "customer_of_amy"},
        "eva": set(),
        "amy": {"alpha", "recorded_by_amy", "answered_by_amy", "customer_of_amy"},
        "ben": {"bravo"},
        "carl": {"recorded_by_amy", "answered_by_amy", "customer_of_amy", "carl"},
        # Mona: Amy answers it, or the customer is Amy's; not the one Amy only took the call for.
        "mona": {"alpha", "answered_by_amy", "customer_of_amy", "bravo"},
        # Olga: Carl answers it, or the customer is Carl's.
        "olga": {"recorded_by_amy", "answered_by_amy", "customer_of_amy", "carl"},
        "all_docs": ALL,
        "sales_admin": ALL,
    }

    def test_each_role_sees_its_complaints(self):
        self._check(self.BASE)

    def test_customer_no_longer_assigned(self):
        self._check({"cindy": self.BASE["cindy"]})  # before: what a stale cache would keep
        self.alpha.assistant_ids = [Command.unlink(self.cindy.id)]
        self._check({"cindy": {"bravo"}, "david": self.BASE["david"]})

    def test_archived_team_or_membership(self):
        membership = self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.ben)
        self._check({"mona": self.BASE["mona"]})  # before: what a stale cache would keep
        membership.action_archive()
        self._check({"mona": {"alpha", "answered_by_amy", "customer_of_amy"}})
        membership.action_unarchive()
        self.team.action_archive()
        self._check({"mona": set(), "olga": self.BASE["olga"]})

    def test_new_team_leader_takes_over(self):
        self._check({"mona": self.BASE["mona"], "olga": self.BASE["olga"]})
        self.team.user_id = self.olga
        self._check({"mona": set(), "olga": self.BASE["olga"] | self.BASE["mona"]})

    def test_other_company_only_when_allowed(self):
        self._check(self.BASE)
        both = {
            role: self.BASE[role] | {"other_company"}
            for role in ("cindy", "david", "amy", "mona", "all_docs")
        }
        self._check(both, both_companies=True)


class TestCustomerCodeRules(AccessRulesCase):
    """Customers' product codes: those of the customers one owns, is assigned or oversees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Code = cls.env["sale.customer.product.code"]
        cls.codes = {
            name: Code.create({"partner_id": partner.id, "code": f"C-{name}", "product_id": cls.product.id})
            for name, partner in (
                ("alpha", cls.alpha),
                ("anchor", cls.anchor),
                ("bravo", cls.bravo),
                ("carlton", cls.carlton),
                ("walk_in", cls.walk_in),
            )
        }
        cls.everything = Code.union(*cls.codes.values())

    def _check(self, expected_names):
        case_of = {record.id: name for name, record in self.codes.items()}
        for role, names in expected_names.items():
            with self.subTest(role=role):
                expected = self.everything.browse([self.codes[name].id for name in names])
                self._check_visible(
                    role, self.everything, expected, lambda records: [case_of[i] for i in records.ids]
                )

    ALL = {"alpha", "anchor", "bravo", "carlton", "walk_in"}
    BASE = {
        "cindy": {"alpha", "bravo", "walk_in"},
        "david": {"alpha", "anchor", "walk_in"},
        "eva": {"walk_in"},
        "amy": {"alpha", "anchor", "walk_in"},
        "ben": {"bravo", "walk_in"},
        "carl": {"carlton", "walk_in"},
        "mona": {"alpha", "anchor", "bravo", "walk_in"},
        "olga": {"carlton", "walk_in"},
        "all_docs": ALL,
        "sales_admin": ALL,
    }

    def test_each_role_sees_its_codes(self):
        self._check(self.BASE)

    def test_changes_take_effect_at_once(self):
        self._check({"cindy": self.BASE["cindy"], "mona": self.BASE["mona"]})  # before
        self.cindy_amy.action_archive()  # Cindy also stops being a user of Amy's customers
        self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.ben).action_archive()
        self._check({"cindy": {"bravo", "walk_in"}, "mona": {"alpha", "anchor", "walk_in"}})
        self.team.action_archive()
        self._check({"mona": {"walk_in"}, "olga": self.BASE["olga"]})
        self.other_team.user_id = self.mona
        self._check({"mona": {"carlton", "walk_in"}, "olga": {"walk_in"}})


class TestAssignmentRules(AccessRulesCase):
    """Assignments: salespeople and assistants see their own, team managers their team's,
    All Documents every one, in the companies they work in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Assignment = cls.env["sale.assistant.assignment"]
        cls.assignments = {
            "cindy_amy": cls.cindy_amy,
            "cindy_ben": cls.cindy_ben,
            "david_amy": cls.david_amy,
            "eva_carl": Assignment.create({"salesperson_id": cls.carl.id, "assistant_id": cls.eva.id}),
            "other_company": Assignment.create(
                {
                    "salesperson_id": cls.ben.id,
                    "assistant_id": cls.david.id,
                    "company_id": cls.other_company.id,
                }
            ),
        }
        cls.everything = Assignment.with_context(active_test=False).union(*cls.assignments.values())

    def _check(self, expected_names, both_companies=False):
        case_of = {record.id: name for name, record in self.assignments.items()}
        for role, names in expected_names.items():
            with self.subTest(role=role):
                expected = self.everything.browse([self.assignments[name].id for name in names])
                self._check_visible(
                    role,
                    self.everything,
                    expected,
                    lambda records: [case_of[i] for i in records.ids],
                    both_companies,
                )

    ALL = {"cindy_amy", "cindy_ben", "david_amy", "eva_carl"}
    BASE = {
        "cindy": {"cindy_amy", "cindy_ben"},
        "david": {"david_amy"},
        "eva": {"eva_carl"},
        "amy": {"cindy_amy", "david_amy"},
        "ben": {"cindy_ben"},
        "carl": {"eva_carl"},
        "mona": {"cindy_amy", "cindy_ben", "david_amy"},
        "olga": {"eva_carl"},
        "all_docs": ALL,
        "sales_admin": ALL,
    }

    def test_each_role_sees_its_assignments(self):
        self._check(self.BASE)

    def test_team_changes_take_effect_at_once(self):
        self._check({"mona": self.BASE["mona"]})  # before: what a stale cache would keep
        self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.ben).action_archive()
        self._check({"mona": {"cindy_amy", "david_amy"}})
        self.team.action_archive()
        self._check({"mona": set(), "olga": self.BASE["olga"]})

    def test_other_company_only_when_allowed(self):
        self._check(
            {
                "david": {"david_amy", "other_company"},
                "ben": {"cindy_ben", "other_company"},
                "mona": self.BASE["mona"] | {"other_company"},
                "all_docs": self.ALL | {"other_company"},
                "carl": self.BASE["carl"],
            },
            both_companies=True,
        )


class TestWriteRules(AccessRulesCase):
    """The rules that only limit changes: contacts an assistant may edit, assignments each role
    may change. Checked with ``check_access`` (what the rules grant, before any Python check)
    and by writing."""

    def _may(self, role, records, operation):
        user = self.hank if role == "hank" else getattr(self, role)
        return records.with_user(user).has_access(operation)

    def test_assistant_edits_only_contacts_of_assigned_customers(self):
        self.hank = new_test_user(
            self.env,
            "t_hybrid",
            "base.group_user,base.group_partner_manager,sale_assistant.group_sale_assistant",
            name="Hank",
        )
        expected = {
            ("cindy", "alpha_buyer"): True,
            ("cindy", "bravo"): True,
            ("cindy", "anchor"): False,
            ("cindy", "carlton"): False,
            ("david", "anchor"): True,
            ("david", "bravo"): False,
            ("eva", "alpha"): False,
            ("amy", "carlton"): True,  # Contact Creation edits every contact
            ("hank", "carlton"): True,  # also when they are an assistant too
        }
        for (role, partner), allowed in expected.items():
            with self.subTest(role=role, partner=partner):
                self.assertEqual(self._may(role, getattr(self, partner), "write"), allowed)
        self.assertTrue(self._may("cindy", self.alpha, "read"))
        self.assertTrue(self._may("cindy", self.carlton, "read"))
        self.cindy_amy.action_archive()  # Cindy no longer serves Amy: nor edits her customers
        self.assertFalse(self._may("cindy", self.alpha, "write"))

    def test_who_changes_which_assignment(self):
        eva_carl = self.env["sale.assistant.assignment"].create(
            {"salesperson_id": self.carl.id, "assistant_id": self.eva.id}
        )
        assignments = {"cindy_amy": self.cindy_amy, "cindy_ben": self.cindy_ben, "eva_carl": eva_carl}
        writable = {
            "cindy": set(),
            "eva": set(),
            "amy": {"cindy_amy"},
            "ben": {"cindy_ben"},
            "carl": {"eva_carl"},
            "mona": {"cindy_amy", "cindy_ben"},
            "olga": {"eva_carl"},
            "all_docs": set(),
            "sales_admin": {"cindy_amy", "cindy_ben", "eva_carl"},
        }
        for role, names in writable.items():
            for name, assignment in assignments.items():
                with self.subTest(role=role, assignment=name):
                    self.assertEqual(self._may(role, assignment, "write"), name in names)
        self.cindy_amy.with_user(self.sales_admin).action_archive()
        self.assertFalse(self.cindy_amy.active)
        with self.assertRaises(AccessError):
            eva_carl.with_user(self.all_docs).action_archive()


class TestComplaintAnalysisRules(AccessRulesCase):
    """Monthly complaint analyses and their lines: those of the companies one works in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["sale.complaint.category"].create({"name": "Test Analysis Rules Category"})
        Analysis = cls.env["sale.complaint.analysis"]
        # A company of its own for "this company": nothing else (demo data) analysed in it.
        cls.this_company = cls.env["res.company"].create({"name": "Test Analysis Company"})
        for role in ("mona", "all_docs", "sales_admin"):
            getattr(cls, role).company_ids += cls.this_company
        cls.analyses = {}
        for name, company in (("this_company", cls.this_company), ("other_company", cls.other_company)):
            cls.env["sale.complaint"].create(
                {
                    "company_id": company.id,
                    "partner_id": cls.alpha.id,
                    "category_id": category.id,
                    "description": "test",
                    "date_received": "2026-10-10 10:00:00",
                }
            )
            cls.analyses[name] = Analysis.with_company(company).create(
                {"month": "2026-10-01", "company_id": company.id}
            )

    def test_analyses_of_the_companies_one_works_in(self):
        for kind in ("analysis", "line"):
            cases = {
                name: analysis if kind == "analysis" else analysis.line_ids
                for name, analysis in self.analyses.items()
            }
            everything = self.env[cases["this_company"]._name].union(*cases.values())
            case_of = {record.id: name for name, records in cases.items() for record in records}
            for role in ("mona", "all_docs", "sales_admin"):
                for both in (False, True):
                    with self.subTest(kind=kind, role=role, both_companies=both):
                        expected = cases["this_company"] | (
                            cases["other_company"] if both else everything.browse()
                        )
                        self.assertTrue(cases["this_company"])
                        self._check_visible(
                            role,
                            everything,
                            expected,
                            lambda records, case_of=case_of: [case_of[i] for i in records.ids],
                            companies=(self.this_company | self.other_company).ids
                            if both
                            else self.this_company.ids,
                        )
