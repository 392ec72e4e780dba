# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import timedelta

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError

from .test_survey_common import SurveyCase


class TestSurveyAnalysis(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign(cap_days=0)
        cls.first = cls._send(cls.campaign)
        cls.first.date = fields.Date.today() - timedelta(days=90)
        questions = (cls.q_quality, cls.q_delivery, cls.q_nps, cls.q_comment)
        # First wave: 3 of 5 answer. NPS: 10, 5, 6 -> 1/3 - 2/3 = -33.3.
        # CSAT: 4,3 / 2,2 / 5,5 -> 3 of 6 = 50 %.
        for contact, csat, nps in (
            (cls.alpha_buyer, (4, 3), 10),
            (cls.bravo_buyer, (2, 2), 5),
            (cls.carlton, (5, 5), 6),
        ):
            cls._answer(
                cls.first.invitation_ids.filtered(lambda i, c=contact: i.partner_id == c),
                csat,
                nps,
                None,
                questions,
            )
        cls.second = cls._send(cls.campaign)
        # Second wave: 4 of 5 answer. NPS: 10, 9, 8, 3 -> 2/4 - 1/4 = 25.
        # CSAT: 5,4 / 4,4 / 4,1 / 3,5 -> 6 of 8 = 75 %.
        for contact, csat, nps, comment in (
            (cls.alpha_buyer, (5, 4), 10, None),
            (cls.alpha_boss, (4, 4), 9, "Good"),
            (cls.bravo_buyer, (4, 1), 8, "Deliveries late"),
            (cls.carlton, (3, 5), 3, "Too slow"),
        ):
            cls._answer(
                cls.second.invitation_ids.filtered(lambda i, c=contact: i.partner_id == c),
                csat,
                nps,
                comment,
                questions,
            )
        category = cls.env["sale.complaint.category"].create({"name": "Survey test: late"})
        cls.env["sale.complaint"].create(
            {
                "partner_id": cls.bravo.id,
                "category_id": category.id,
                "description": "Late",
                "date_received": fields.Datetime.now() - timedelta(days=10),
            }
        )
        cls.env["sale.complaint"].create(
            {
                "partner_id": cls.bravo.id,
                "category_id": category.id,
                "description": "Before the period",
                "date_received": fields.Datetime.now() - timedelta(days=200),
            }
        )

    def test_analysis_figures_and_changes(self):
        data = self.second.with_user(self.all_docs)._analysis()
        self.assertEqual(data["previous"], self.first)
        self.assertEqual(data["figures"]["response_rate"], 80.0)
        self.assertEqual(data["figures"]["nps"], 25.0)
        self.assertEqual(data["figures"]["csat"], 75.0)
        self.assertEqual(data["previous_figures"]["response_rate"], 60.0)
        self.assertEqual(data["previous_figures"]["nps"], -33.3)
        self.assertEqual(data["previous_figures"]["csat"], 50.0)
        self.assertEqual(data["changes"], {"response_rate": 20.0, "nps": 58.3, "csat": 25.0})

    def test_distributions_and_lowest_questions(self):
        data = self.second.with_user(self.all_docs)._analysis()
        self.assertEqual({v: c for v, c, _s in data["distributions"]["csat"]}, {1: 1, 2: 0, 3: 1, 4: 4, 5: 2})
        nps = {v: c for v, c, _s in data["distributions"]["nps"]}
        self.assertEqual((nps[10], nps[9], nps[8], nps[3], nps[0]), (1, 1, 1, 1, 0))
        # Delivery: 4,4,1,5 -> 3.5 -> 62.5 %; quality 5,4,4,3 -> 4 -> 75 %; NPS 7.5 -> 75 %.
        lowest = data["lowest_questions"][0]
        self.assertEqual((lowest["title"], lowest["average"], lowest["score"]), ("Delivery", 3.5, 62.5))
        # Delivery before: 3,2,5 -> 3.33 -> 58.3 %: +4.2.
        self.assertEqual(lowest["change"], 4.2)
        self.assertEqual(data["improve_questions"][0]["title"], "Delivery")

    def test_comments_and_complaints_of_the_period(self):
        data = self.second.with_user(self.all_docs)._analysis()
        self.assertEqual(
            [c["comment"] for c in data["comments"]],
            ["Deliveries late", "Too slow", "Good"],
            "low scores first, lowest CSAT first",
        )
        # The complaint of 10 days ago is in the period (since the previous wave), the older one not.
        ours = [
            (name, count)
            for name, count, _share in data["complaint_categories"]
            if name == "Survey test: late"
        ]
        self.assertEqual(ours, [("Survey test: late", 1)])

    def test_first_wave_has_nothing_to_compare(self):
        data = self.first.with_user(self.all_docs)._analysis()
        self.assertFalse(data["previous"])
        self.assertEqual(data["changes"], {"response_rate": None, "nps": None, "csat": None})

    def test_html_report_and_xlsx(self):
        wave = self.second.with_user(self.mona)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.mona)
            ._render_qweb_html("sale_assistant.report_sale_survey_wave", wave.ids)[0]
            .decode()
        )
        self.assertIn("What to improve", html)
        self.assertIn("Deliveries late", html)
        self.assertNotIn("Too slow", html, "Carlton is Carl's: not in Mona's jurisdiction")
        action = self.assertRpcAnswer(wave.action_export_xlsx())
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(
            book.sheetnames, ["Summary", "Distribution", "Questions", "Comments", "What to improve"]
        )
        summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=4)}
        # Mona: Alpha (2 answers: 10, 9) and Bravo (8): NPS 2/3 = 66.7.
        self.assertEqual(summary["NPS"], 66.7)
        self.assertEqual(book["What to improve"]["A2"].value, "Delivery")
        categories = wave._analysis()["complaint_categories"][:5]
        self.assertEqual(
            [
                (row[0].value, row[1].value)
                for row in book["What to improve"].iter_rows(min_row=2, min_col=4, max_col=5)
                if row[0].value
            ],
            [(name, count) for name, count, _share in categories],
        )
        self.assertRpcAnswer(wave.action_print())
        self.assertRpcAnswer(wave.action_view_html())
        with self.assertRaises(AccessError):
            attachment.with_user(self.amy).read(["raw"])

    def _analysis_queries(self, wave):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        wave._analysis()
        return self.cr.sql_log_count - before

    def test_analysis_queries_do_not_grow_with_answers(self):
        """Fixed queries: a wave of 3 answers and one of 12 cost the same."""
        Partner = self.env["res.partner"]
        questions = (self.q_quality, self.q_delivery, self.q_nps, self.q_comment)
        counts = []
        for size in (3, 12):
            customer = Partner.create({"name": f"Bulk {size}", "is_company": True, "user_id": self.amy.id})
            Partner.create(
                [
                    {"name": f"P{size}-{i}", "parent_id": customer.id, "email": f"p{size}{i}@x.example.com"}
                    for i in range(size)
                ]
            )
            campaign = self._campaign(
                name=f"Bulk {size}",
                target="salesperson",
                salesperson_ids=[Command.set(self.amy.ids)],
                cap_days=0,
            )
            wave = self._send(campaign)
            for invitation in wave.invitation_ids:
                self._answer(invitation, (3, 4), 7, "ok", questions)
            wave = wave.with_user(self.all_docs)
            self._analysis_queries(wave)  # warm the caches
            # The fewest of two runs: a cache cleared by another process costs a query once.
            counts.append(min(self._analysis_queries(wave) for _run in range(2)))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 15)
