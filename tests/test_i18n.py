# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Traditional and Simplified Chinese: the translation files are complete and sound, and the addon's
screens, messages, mails and reports read Chinese for a user working in zh_TW or zh_CN."""

import os

import polib

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, TransactionCase, new_test_user

from ..tools import i18n_check

POT = os.path.join(i18n_check.I18N_DIR, i18n_check.POT_NAME)

POT_TEXT = """
msgid ""
msgstr ""

msgid "Ship %(sample)s"
msgstr ""

msgid "Courier"
msgstr ""

msgid "Your order {{ object.name }}"
msgstr ""

msgid "<p>Hello <t t-out=\\"object.name\\">Amy</t>,</p>"
msgstr ""

msgid "Tracking"
msgstr ""
"""


def _po(entries):
    """A .po text with ``entries``: (msgid, msgstr, fuzzy)."""
    text = 'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n'
    for msgid, msgstr, fuzzy in entries:
        text += "\n{}msgid {}\nmsgstr {}\n".format(
            "#, fuzzy\n" if fuzzy else "", _quote(msgid), _quote(msgstr)
        )
    return polib.pofile(text)


def _quote(text):
    return '"{}"'.format(text.replace("\\", "\\\\").replace('"', '\\"'))


class TestTranslationFiles(BaseCase):
    def test_every_term_is_translated_in_both_languages(self):
        pot = i18n_check.load(POT)
        self.assertGreater(len(pot), 300, "the .pot holds the addon's terms")
        for lang in i18n_check.LANGUAGES:
            with self.subTest(lang=lang):
                po = i18n_check.load(os.path.join(i18n_check.I18N_DIR, f"{lang}.po"))
                self.assertEqual(po.metadata.get("Language"), lang)
                self.assertEqual(i18n_check.po_problems(pot, po), [])

    def test_simplified_is_not_traditional(self):
        """zh_CN is written for the mainland, not a copy of zh_TW."""
        tw = {e.msgid: e.msgstr for e in i18n_check.load(os.path.join(i18n_check.I18N_DIR, "zh_TW.po"))}
        cn = {e.msgid: e.msgstr for e in i18n_check.load(os.path.join(i18n_check.I18N_DIR, "zh_CN.po"))}
        self.assertEqual(tw["Sales Assistant"], "業務助理")
        self.assertEqual(cn["Sales Assistant"], "业务助理")
        self.assertEqual(tw["Courier"], "速遞公司")
        self.assertEqual(cn["Courier"], "快递公司")
        self.assertEqual(tw["Product quality"], "產品品質")
        self.assertEqual(cn["Product quality"], "产品质量")
        self.assertEqual(tw["Row"], "列")  # Taiwan: 列 is a row, 欄 a column
        self.assertEqual(cn["Row"], "行")  # mainland: 行 is a row, 列 a column

    def test_checker_reports_untranslated_fuzzy_and_broken_entries(self):
        pot = polib.pofile(POT_TEXT)
        po = _po(
            [
                ("Ship %(sample)s", "寄出", False),  # placeholder dropped
                ("Courier", "速遞公司", True),  # fuzzy
                ("Your order {{ object.name }}", "您的訂單 {{ object.partner_id }}", False),
                (
                    '<p>Hello <t t-out="object.name">Amy</t>,</p>',
                    '<p><t t-out="object.name">Amy</t> 您好：',
                    False,
                ),
                ("Obsolete", "已過時", False),
            ]
        )
        problems = i18n_check.po_problems(pot, po)
        self.assertEqual(len(problems), 6, problems)
        self.assertIn("untranslated: 'Tracking'", problems)
        self.assertIn("fuzzy: 'Courier'", problems)
        self.assertIn("not in the .pot: 'Obsolete'", problems)
        self.assertTrue(any(p.startswith("placeholders differ in 'Ship %(sample)s'") for p in problems))
        self.assertTrue(any(p.startswith("placeholders differ in 'Your order") for p in problems))
        self.assertTrue(any("missing ['<p>']" in p or "'<p>'" in p for p in problems if "Hello" in p))

    def test_checker_accepts_a_sound_translation(self):
        pot = polib.pofile(POT_TEXT)
        po = _po(
            [
                ("Ship %(sample)s", "寄出 %(sample)s", False),
                ("Courier", "速遞公司", False),
                ("Your order {{ object.name }}", "您的訂單 {{ object.name }}", False),
                (
                    '<p>Hello <t t-out="object.name">Amy</t>,</p>',
                    '<p><t t-out="object.name">Amy</t> 您好：</p>',
                    False,
                ),
                ("Tracking", "追蹤", False),
            ]
        )
        self.assertEqual(i18n_check.po_problems(pot, po), [])

    def test_stale_terms_compare_messages_only(self):
        committed = polib.pofile(POT_TEXT)
        fresh = polib.pofile(POT_TEXT.replace('msgid "Tracking"', 'msgid "Tracking Number"'))
        self.assertEqual(i18n_check.stale_terms(committed, fresh), (["Tracking Number"], ["Tracking"]))
        self.assertEqual(i18n_check.stale_terms(committed, polib.pofile(POT_TEXT)), ([], []))


class TestChineseScreens(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        for code in i18n_check.LANGUAGES:
            cls.env["res.lang"]._activate_lang(code)
        # Only this addon's files: the core's own translations are not what is tested here.
        cls.env["ir.module.module"]._load_module_terms(["sale_assistant"], list(i18n_check.LANGUAGES))
        salesman = "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman"
        cls.amy = new_test_user(cls.env, "t_i18n_amy", salesman, name="Amy", lang="zh_TW")
        cls.li = new_test_user(cls.env, "t_i18n_li", salesman, name="Li", lang="zh_CN")
        cls.customer = cls.env["res.partner"].create({"name": "Alpha Outdoor", "is_company": True})

    def test_labels_selection_values_and_menus(self):
        Complaint = self.env["sale.complaint"]
        tw = Complaint.with_context(lang="zh_TW").fields_get(["severity", "state"])
        cn = Complaint.with_context(lang="zh_CN").fields_get(["severity", "state"])
        self.assertEqual(tw["severity"]["string"], "嚴重程度")
        self.assertEqual(cn["severity"]["string"], "严重程度")
        self.assertIn(["critical", "緊急"], [list(item) for item in tw["severity"]["selection"]])
        self.assertIn(["closed", "已結案"], [list(item) for item in tw["state"]["selection"]])
        self.assertIn(["closed", "已结案"], [list(item) for item in cn["state"]["selection"]])
        menu = self.env.ref("sale_assistant.sale_assistant_assignment_menu")
        self.assertEqual(menu.with_context(lang="zh_TW").name, "指派")
        action = self.env.ref("sale_assistant.sale_assistant_assignment_action", raise_if_not_found=False)
        if action:
            self.assertNotEqual(
                action.with_context(lang="zh_TW").name, action.with_context(lang="en_US").name
            )

    def test_error_message_in_the_users_language(self):
        Assignment = self.env["sale.assistant.assignment"]
        for lang, text in (("zh_TW", "不是業務助理"), ("zh_CN", "不是业务助理")):
            with self.subTest(lang=lang), self.assertRaises(ValidationError) as caught:
                Assignment.with_context(lang=lang).create(
                    {"salesperson_id": self.amy.id, "assistant_id": self.li.id}
                )
            self.assertIn(text, str(caught.exception))
            self.assertIn("Li", str(caught.exception))

    def test_mail_renders_in_the_recipients_language(self):
        category = self.env.ref("sale_assistant.complaint_category_late")
        template = self.env.ref("sale_assistant.mail_template_complaint_recorded")
        for user, subject_words, body_words in (
            (self.amy, ["投訴", "緊急"], ["您好", "請於", "電話"]),
            (self.li, ["投诉", "紧急"], ["您好", "请于", "电话"]),
        ):
            with self.subTest(lang=user.lang):
                self.customer.user_id = user
                complaint = self.env["sale.complaint"].create(
                    {
                        "partner_id": self.customer.id,
                        "user_id": user.id,
                        "category_id": category.id,
                        "severity": "critical",
                        "channel": "phone",
                        "description": "The lanterns arrived with broken hinges.",
                    }
                )
                subject = template._render_field("subject", complaint.ids, compute_lang=True)[complaint.id]
                body = template._render_field("body_html", complaint.ids, compute_lang=True)[complaint.id]
                for word in subject_words:
                    self.assertIn(word, subject)
                for word in body_words:
                    self.assertIn(word, body)
                self.assertNotIn("critical", subject)
                self.assertNotIn("Hello", body)

    def test_report_reads_in_the_readers_language(self):
        month = fields.Date.today().replace(day=1)
        analysis = self.env["sale.complaint.analysis"].create({"month": month})
        report = self.env.ref("sale_assistant.action_report_sale_complaint_analysis")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_TW")
            ._render_qweb_html(report.report_name, analysis.ids)
        )
        html = html.decode()
        self.assertIn("客戶最不滿意的是", html)
        self.assertNotIn("Customers are least satisfied with", html)
