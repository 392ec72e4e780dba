#!/usr/bin/env python3
"""Check that the access tests catch a broken record rule: remove each condition of each rule of
sale_assistant in turn (and each rule as a whole), run the tests of that model, report caught or
missed.

Usage: python3 scripts/mutations.py --addons-path=... -d DATABASE [--only TEXT] [--code]
The database must have sale_assistant installed and must be a throwaway one: each mutation is
written to the rule's ``domain_force`` (the tests run in their own transactions, so it is
committed) and put back right after, whatever happens. It works on the rules as they are in the
database, so it holds whatever form security/sale_assistant_rules.xml gives them.

With --code, it removes instead the conditions that live in Python (SOURCE_MUTATIONS), each in a
copy of the addon.

A condition is "removed" as a domain reads: a term of an AND becomes (1, '=', 1), a term of an OR
becomes (0, '=', 1); conditions inside an ``any`` sub-domain are removed the same way. Exits
non-zero when a mutation is missed and EQUIVALENT does not give the reason why no test can
catch it.
"""

import ast
import logging
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import odoo
from odoo.tests.result import OdooTestResult
from odoo.tools import config

MODULE = "sale_assistant"
TRUE, FALSE = "(1, '=', 1)", "(0, '=', 1)"
# Which tests check the rules of a model: a class of test_access_rules, a whole test module
# ("test_x"), or one test ("test_x.Class.test_method").
TESTS_BY_MODEL = {
    "sale.order": ["TestOrderRules"],
    "sale.order.line": ["TestOrderLineRules"],
    "sale.report": ["TestSaleReportRules"],
    "sale.order.check.finding": ["TestFindingRules"],
    "sale.sample": ["TestSampleRules"],
    "sale.sample.line": ["TestSampleLineRules"],
    "sale.complaint": ["TestComplaintRules"],
    "sale.customer.product.code": ["TestCustomerCodeRules"],
    "sale.assistant.assignment": ["TestAssignmentRules", "TestWriteRules"],
    "res.partner": ["TestWriteRules", "test_protection_partner"],
    "sale.complaint.analysis": ["TestComplaintAnalysisRules"],
    "sale.complaint.analysis.line": ["TestComplaintAnalysisRules"],
    "sale.receivable.line": [
        "test_receivable_board.TestReceivableBoard.test_access_per_role",
        "test_receivable_board.TestReceivableBoard.test_assistant_loses_access_with_the_assignment",
        "test_receivable_board.TestReceivableBoard.test_team_manager_reads_their_salespeople_invoices",
        "test_receivable_board.TestReceivableBoard.test_other_company_only_when_active",
    ],
    "account.move": ["test_receivable_board.TestReceivableBoard.test_who_reads_which_invoice"],
    "account.move.line": ["test_receivable_board.TestReceivableBoard.test_who_reads_which_invoice"],
    "sale.receivable.promise": ["test_receivable_promise.TestReceivablePromise.test_promise_access"],
    "sale.receivable.milestone": [
        "test_receivable_milestone.TestReceivableMilestone.test_access_follows_the_order"
    ],
    "sale.receivable.figure": ["test_receivable_figure.TestReceivableFigure.test_who_sees_which_figures"],
    "sale.customer.contact": ["test_customer_contact.TestCustomerContact.test_who_sees_which_contact"],
    "sale.business.trip": ["test_business_trip.TestBusinessTrip.test_who_sees_which_trip"],
    "sale.business.trip.checkin": ["test_business_trip.TestBusinessTrip.test_who_sees_which_trip"],
    "sale.business.trip.visit": ["test_business_trip.TestBusinessTrip.test_who_sees_which_trip"],
    "sale.followup.plan": ["test_followup_rules.TestFollowupPlanRules"],
    "sale.followup.milestone": ["test_followup_rules.TestFollowupMilestoneRules"],
    "sale.followup.inspection": ["test_followup_rules.TestFollowupInspectionRules"],
    "sale.shipment.booking": ["test_shipment_rules.TestShipmentBookingRules"],
    "sale.shipment.container": ["test_shipment_rules.TestShipmentContainerRules"],
    "sale.shipment.document": ["test_shipment_rules.TestShipmentDocumentRules"],
    "sale.survey.campaign": ["test_survey_access"],
    "sale.survey.wave": ["test_survey_access"],
    "sale.survey.invitation": ["test_survey_access"],
    "sale.protection.transfer.request": ["test_protection_request"],
}
# Mutations no test can catch because they do not change who sees what: (pattern of the rule's
# XML id, pattern of the mutation, reason).
EQUIVALENT = [
    (
        r"_rule_team_manager$",
        r"^drop \('((order_id\.|sample_id\.)?user_id|salesman_id|salesperson_id)', '=', user\.id\)$",
        "Team Documents implies Salesperson, whose own-documents rule grants the same",
    ),
    (
        r"\.sale_customer_contact_rule_assistant$",
        r"^drop \('logged_by_id', '=', user\.id\)$",
        "Sales Assistant implies Salesperson, whose rule grants the contacts one logged",
    ),
]


# Conditions that live in Python rather than in a rule's domain (what a rule reads through
# ``user.<field>``): (file, text, replacement, what the replacement removes). Each is applied to
# a copy of the addon and the access tests run on it; a text no longer in the file is reported.
SOURCE_MUTATIONS = [
    (
        "models/res_users.py",
        'user.sudo().sale_led_team_ids.filtered("active")',
        "user.sudo().with_context(active_test=False).sale_led_team_ids",
        "team active, in the team manager's jurisdiction",
    ),
    (
        "models/res_users.py",
        'teams.crm_team_member_ids.filtered("active").user_id',
        "teams.crm_team_member_all_ids.user_id",
        "membership active, in the team manager's jurisdiction",
    ),
    (
        "models/res_users.py",
        "jurisdiction |= teams.crm_team_member_ids",
        "jurisdiction |= self.env['crm.team'].sudo().search([]).crm_team_member_ids",
        "team led by the user, in the team manager's jurisdiction",
    ),
    (
        "models/crm_team.py",
        'self.env["res.users"]._sale_access_changed()\n        return result',
        "return result",
        "cached rules dropped when a team is archived or changes leader",
    ),
    (
        "models/crm_team_member.py",
        'if ACCESS_FIELDS & vals.keys():\n            self.env["res.users"]._sale_access_changed()',
        "pass",
        "cached rules dropped when a membership is archived",
    ),
]
SOURCE_MUTATIONS += [
    (
        "models/res_users.py",
        'user.sudo().sale_served_assignment_ids.filtered("active").salesperson_id',
        "user.sudo().with_context(active_test=False).sale_served_assignment_ids.salesperson_id",
        "assignment active, in the salespeople an assistant serves",
    ),
    (
        "models/sale_assistant_assignment.py",
        'if ACCESS_FIELDS & vals.keys():\n            self.env["res.users"]._sale_access_changed()',
        "pass",
        "cached rules dropped when an assignment is archived",
    ),
]
SOURCE_TESTS = "TestOrderRules or TestComplaintRules or TestCustomerCodeRules or TestAssignmentRules"


def run_source_mutations(argv):
    """Apply each of SOURCE_MUTATIONS to a copy of the addon and run the access tests there."""
    addons_path = next(arg.split("=", 1)[1] for arg in argv if arg.startswith("--addons-path="))
    database = argv[argv.index("-d") + 1]
    root = Path(__file__).resolve().parent.parent
    core = ",".join(path for path in addons_path.split(",") if not (Path(path) / MODULE).exists())
    caught = missed = 0
    # The first run, without mutation, must pass: else every mutation would look caught.
    for relative, text, replacement, removed in [(None, None, None, None), *SOURCE_MUTATIONS]:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / MODULE
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".build", ".git", "__pycache__"))
            if relative:
                source = (copy / relative).read_text()
                if text not in source:
                    _say(f"n/a     {relative}: {removed} (the code changed: update SOURCE_MUTATIONS)")
                    continue
                (copy / relative).write_text(source.replace(text, replacement, 1))
            command = [
                sys.executable,
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-q",
                "-x",
                f"--odoo-database={database}",
                f"--odoo-addons-path={core},{tmp}",
                f"{MODULE}/tests/test_access_rules.py",
                "-k",
                SOURCE_TESTS,
            ]
            run = subprocess.run(command, cwd=tmp, capture_output=True, text=True, check=False)
        if run.returncode not in (0, 1):
            sys.exit(f"the tests did not run for {relative}:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
        if not relative:
            if run.returncode:
                sys.exit(f"the access tests fail without any mutation:\n{run.stdout[-3000:]}")
            continue
        if run.returncode:
            caught += 1
            _say(f"caught  {relative}: {removed}")
        else:
            missed += 1
            _say(f"MISSED  {relative}: {removed}")
    _say(f"\n{caught} caught, {missed} missed (code)")
    return 1 if missed else 0


def equivalent(xmlid, label):
    for xmlid_pattern, label_pattern, reason in EQUIVALENT:
        if re.search(xmlid_pattern, xmlid) and re.search(label_pattern, label):
            return reason
    return None


def _say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def parse(elements):
    """Prefix-notation domain (a list of AST nodes) -> tree: ("&"|"|", [children]), ("!", [child])
    or ("leaf", node). Top-level terms are AND-ed."""
    position = 0

    def term():
        nonlocal position
        node = elements[position]
        position += 1
        if isinstance(node, ast.Constant) and node.value in ("&", "|"):
            return (node.value, [term(), term()])
        if isinstance(node, ast.Constant) and node.value == "!":
            return ("!", [term()])
        return ("leaf", node)

    terms = []
    while position < len(elements):
        terms.append(term())
    return terms[0] if len(terms) == 1 else ("&", terms)


def render(tree, source):
    kind, payload = tree
    if kind == "text":
        return payload
    if kind == "leaf":
        return ast.get_source_segment(source, payload)
    children = [render(child, source) for child in payload]
    if kind == "!":
        return f"'!', {children[0]}"
    return ", ".join([f"'{kind}'"] * (len(children) - 1) + children)


def mutants(tree, source):
    """Yield (label, mutated tree) for every condition of ``tree`` removed in turn."""
    kind, payload = tree
    if kind == "leaf":
        node = payload
        if (
            isinstance(node, ast.Tuple)
            and len(node.elts) == 3
            and isinstance(node.elts[1], ast.Constant)
            and node.elts[1].value in ("any", "not any")
            and isinstance(node.elts[2], ast.List)
        ):
            field, operator = (ast.get_source_segment(source, e) for e in node.elts[:2])
            inner = parse(node.elts[2].elts)
            for label, mutated in mutants(inner, source):
                text = f"({field}, {operator}, [{render(mutated, source)}])"
                yield f"{label} inside {field} {operator}", ("text", text)
        return
    if kind == "!":
        return
    neutral = TRUE if kind == "&" else FALSE
    for index, child in enumerate(payload):
        if child[0] == "leaf" and ast.get_source_segment(source, child[1]) not in (TRUE, FALSE):
            label = f"drop {ast.get_source_segment(source, child[1])}"
            yield label, (kind, payload[:index] + [("text", neutral)] + payload[index + 1 :])
        for label, mutated in mutants(child, source):
            yield label, (kind, payload[:index] + [mutated] + payload[index + 1 :])


def rule_mutants(domain_force):
    source = domain_force.strip()
    expression = ast.parse(source, mode="eval").body
    if not isinstance(expression, ast.List):
        return
    tree = parse(expression.elts)
    if tree[0] == "leaf":
        tree = ("&", [tree])
    for label, mutated in mutants(tree, source):
        yield label, f"[{render(mutated, source)}]"


class StopAtFirstFailure(OdooTestResult):
    """One failing test is enough to know the mutation is caught."""

    def addFailure(self, test, err):
        self.shouldStop = True
        return super().addFailure(test, err)

    def addError(self, test, err):
        self.shouldStop = True
        return super().addError(test, err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.shouldStop = True
        return super().addSubTest(test, subtest, err)


def load_tests(names):
    import importlib

    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in names:
        if name.startswith("test_") and "." in name:
            suite.addTests(loader.loadTestsFromName(f"odoo.addons.{MODULE}.tests.{name}"))
        elif name.startswith("test_"):
            suite.addTests(
                loader.loadTestsFromModule(importlib.import_module(f"odoo.addons.{MODULE}.tests.{name}"))
            )
        else:
            module = importlib.import_module(f"odoo.addons.{MODULE}.tests.test_access_rules")
            suite.addTests(loader.loadTestsFromTestCase(getattr(module, name)))
    return suite


def run(suite):
    from odoo.modules import module as odoo_module

    odoo_module.current_test = True
    result = StopAtFirstFailure()
    suite(result)
    odoo_module.current_test = False
    return result.wasSuccessful()


def main(argv):
    if "--code" in argv:
        argv.remove("--code")
        return run_source_mutations(argv)
    only = None
    if "--only" in argv:
        index = argv.index("--only")
        only = argv[index + 1]
        del argv[index : index + 2]
    # Stopped from outside, still put the rule being mutated back (the finally below).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit("stopped"))
    signal.signal(signal.SIGINT, lambda *_args: sys.exit("stopped"))
    config.parse_config([*argv, "--log-level=critical"])
    odoo.netsvc.init_logger()
    logging.getLogger("odoo").setLevel(logging.CRITICAL)
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        rules = [
            (data.complete_name, data.res_id)
            for data in env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", "ir.rule")])
        ]
    baseline = {}
    caught, missed, equivalents = [], [], []
    for xmlid, rule_id in sorted(rules):
        if only and only not in xmlid:
            continue
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            rule = env["ir.rule"].browse(rule_id)
            model, original, was_active = rule.model_id.model, rule.domain_force, rule.active
        tests = TESTS_BY_MODEL.get(model)
        if not tests:
            _say(f"?? {xmlid}: no test is mapped to {model}")
            missed.append((xmlid, "no test mapped"))
            continue
        if model not in baseline:
            baseline[model] = run(load_tests(tests))
            if not baseline[model]:
                sys.exit(f"the tests of {model} ({', '.join(tests)}) fail without any mutation")
        candidates = [(label, {"domain_force": text}) for label, text in rule_mutants(original)]
        # A rule a setting switches on (customer protection: archived until then) is switched on
        # again by the tests that need it: its grant is removed through its domain instead.
        if was_active:
            candidates.append(("rule removed", {"active": False}))
        else:
            candidates.append(("grant removed", {"domain_force": f"[{FALSE}]"}))
        for label, values in candidates:
            with registry.cursor() as cr:
                odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.rule"].browse(rule_id).write(values)
            try:
                passed = run(load_tests(tests))
            finally:
                with registry.cursor() as cr:
                    odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.rule"].browse(rule_id).write(
                        {"domain_force": original, "active": was_active}
                    )
            if not passed:
                caught.append((xmlid, label))
                _say(f"caught  {xmlid}: {label}")
            elif reason := equivalent(xmlid, label):
                equivalents.append((xmlid, label))
                _say(f"equiv.  {xmlid}: {label} ({reason})")
            else:
                missed.append((xmlid, label))
                _say(f"MISSED  {xmlid}: {label}")
    _say(f"\n{len(caught)} caught, {len(equivalents)} equivalent, {len(missed)} missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
