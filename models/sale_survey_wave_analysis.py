# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from collections import defaultdict
from datetime import datetime, time

import pytz
import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import models

from .sale_survey_invitation import _percent
from .sale_survey_question import SCORE_SCALES

# The questions and complaint categories What to improve lists.
IMPROVE_SIZE = 5
# The comments the analysis quotes (the lowest-scored answers first).
COMMENT_LIMIT = 50
# Without a previous wave, complaints of this period before the wave are compared.
FIRST_WAVE_PERIOD = relativedelta(months=3)
# Excel refuses longer sheet names.
SHEET_NAME_MAX = 31


class SaleSurveyWave(models.Model):
    """The wave analysis: response rate, NPS, CSAT, distributions, lowest questions, comments,
    changes against the previous wave and What to improve. Each reader sees the share of the
    answers their record rules allow; the queries do not depend on the number of answers."""

    _inherit = "sale.survey.wave"

    def _analysis(self):
        self.ensure_one()
        previous = self.previous_wave_id
        figures = self.env["sale.survey.invitation"]._score_figures(
            [("wave_id", "in", (self | previous).ids)], "wave_id"
        )
        current = figures.get(self, _empty_figures())
        before = figures.get(previous, _empty_figures()) if previous else None
        questions = self._question_scores()
        previous_questions = {q["question"]: q for q in previous._question_scores()} if previous else {}
        for question in questions:
            earlier = previous_questions.get(question["question"])
            question["change"] = round(question["score"] - earlier["score"], 1) if earlier else None
        lowest = sorted(questions, key=lambda q: q["score"])
        return {
            "wave": self,
            "previous": previous,
            "figures": current,
            "previous_figures": before,
            "changes": {
                key: round(current[key] - before[key], 1) if before else None
                for key in ("response_rate", "nps", "csat")
            },
            "distributions": self._distributions(questions),
            "questions": questions,
            "lowest_questions": lowest,
            "comments": self._comments(),
            "complaint_categories": self._complaint_categories(),
            "improve_questions": lowest[:IMPROVE_SIZE],
        }

    def _visible_answers(self):
        """The survey answers of this wave's invitations the user may read, as a subquery."""
        return self.env["sale.survey.invitation"]._search([("wave_id", "=", self.id)])

    def _question_scores(self):
        """[{question, title, kind, count, average, score, distribution}] of the scored questions;
        ``score`` is the average as a share of its scale (0-100) so CSAT and NPS questions rank
        together. One query for the counts, one for the titles."""
        if not self:
            return []
        rows = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [
                    ("user_input_id", "any", [("sale_survey_invitation_ids", "in", self._visible_answers())]),
                    ("question_id.sale_score_kind", "!=", False),
                    ("skipped", "=", False),
                ],
                ["question_id", "value_scale"],
                ["__count"],
            )
        )
        counts = defaultdict(dict)
        for question, value, count in rows:
            counts[question][value] = count
        questions = self.env["survey.question"].sudo().browse([q.id for q in counts]).with_prefetch()
        result = []
        for question in questions:
            distribution = counts[question]
            low, high = SCORE_SCALES[question.sale_score_kind]
            total = sum(distribution.values())
            average = sum(value * count for value, count in distribution.items()) / total
            result.append(
                {
                    "question": question.id,
                    "title": question.title,
                    "kind": question.sale_score_kind,
                    "count": total,
                    "average": round(average, 2),
                    "score": round(100.0 * (average - low) / (high - low), 1),
                    "distribution": [(value, distribution.get(value, 0)) for value in range(low, high + 1)],
                }
            )
        return result

    def _distributions(self, questions):
        """{kind: [(value, count, share)]}: every CSAT answer on 1-5, every NPS answer on 0-10."""
        result = {}
        for kind, (low, high) in SCORE_SCALES.items():
            totals = dict.fromkeys(range(low, high + 1), 0)
            for question in questions:
                if question["kind"] == kind:
                    for value, count in question["distribution"]:
                        totals[value] += count
            answered = sum(totals.values())
            result[kind] = [(value, count, _percent(count, answered)) for value, count in totals.items()]
        return result

    def _comments(self):
        return self.env["sale.survey.invitation"].search_read(
            [("wave_id", "=", self.id), ("comment", "!=", False)],
            ["commercial_partner_id", "partner_id", "nps_score", "nps_count", "csat_average", "comment"],
            order="low_score desc, csat_average, nps_score, id",
            limit=COMMENT_LIMIT,
        )

    def _complaint_period(self):
        """From the previous wave (or three months before) to this wave, in the company's days."""
        start = self.previous_wave_id.date or self.date - FIRST_WAVE_PERIOD
        tz = pytz.timezone(self.company_id.sudo().partner_id.tz or "UTC")

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return start, utc(start), utc(self.date + relativedelta(days=1))

    def _complaint_categories(self):
        """[(category name, count, share)] of the complaints received in the period, most first."""
        _start, date_from, date_to = self._complaint_period()
        rows = self.env["sale.complaint"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("date_received", ">=", date_from),
                ("date_received", "<", date_to),
            ],
            ["category_id"],
            ["__count"],
            order="__count desc",
        )
        total = sum(count for _category, count in rows)
        return [(category.display_name, count, _percent(count, total)) for category, count in rows]

    # ------------------------------------------------------------------ delivery

    def action_print(self):
        return self.env.ref("sale_assistant.action_report_sale_survey_wave").report_action(self, data={})

    def action_view_html(self):
        return self.env.ref("sale_assistant.action_report_sale_survey_wave_html").report_action(self, data={})

    def action_export_xlsx(self):
        self.ensure_one()
        # Not attached to the wave: the file holds what its reader may see, so only they can open it.
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.xlsx",
                "raw": self._xlsx_content(),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _xlsx_content(self):
        """The analysis as printed: a summary, the distributions, the questions, the comments and
        What to improve, one sheet each."""
        self.ensure_one()
        data = self._analysis()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        _ = self.env._
        summary = workbook.add_worksheet(_sheet(_("Summary")))
        summary.set_column(0, 0, 30)
        summary.set_column(1, 3, 16)
        summary.write_row(0, 0, [self.name], workbook.add_format({"bold": True, "font_size": 14}))
        summary.write_row(2, 0, ["", _("This wave"), _("Previous wave"), _("Change")], bold)
        before = data["previous_figures"] or {}
        for row, (key, label) in enumerate(
            (
                ("invited", _("Invited")),
                ("answered", _("Answered")),
                ("response_rate", _("Response rate (%)")),
                ("nps", _("NPS")),
                ("csat", _("CSAT (% satisfied)")),
                ("low_scores", _("Low scores")),
            ),
            start=3,
        ):
            change = data["changes"].get(key)
            summary.write_row(
                row, 0, [label, data["figures"][key], before.get(key, ""), "" if change is None else change]
            )
        sheet = workbook.add_worksheet(_sheet(_("Distribution")))
        sheet.write_row(0, 0, [_("Scale"), _("Answer"), _("Count"), _("Share (%)")], bold)
        row = 1
        for kind, values in data["distributions"].items():
            for value, count, share in values:
                sheet.write_row(row, 0, [kind.upper(), value, count, share])
                row += 1
        sheet = workbook.add_worksheet(_sheet(_("Questions")))
        sheet.set_column(0, 0, 50)
        sheet.write_row(
            0, 0, [_("Question"), _("Scale"), _("Answers"), _("Average"), _("Score (%)"), _("Change")], bold
        )
        for row, question in enumerate(data["lowest_questions"], start=1):
            change = question["change"]
            sheet.write_row(
                row,
                0,
                [
                    question["title"],
                    question["kind"].upper(),
                    question["count"],
                    question["average"],
                    question["score"],
                    "" if change is None else change,
                ],
            )
        sheet = workbook.add_worksheet(_sheet(_("Comments")))
        sheet.set_column(0, 1, 28)
        sheet.set_column(4, 4, 80)
        sheet.write_row(0, 0, [_("Customer"), _("Contact"), _("NPS"), _("CSAT"), _("Comment")], bold)
        for row, comment in enumerate(data["comments"], start=1):
            sheet.write_row(
                row,
                0,
                [
                    comment["commercial_partner_id"][1] if comment["commercial_partner_id"] else "",
                    comment["partner_id"][1],
                    comment["nps_score"] if comment["nps_count"] else "",
                    comment["csat_average"],
                    comment["comment"],
                ],
            )
        sheet = workbook.add_worksheet(_sheet(_("What to improve")))
        sheet.set_column(0, 0, 50)
        sheet.set_column(3, 3, 40)
        sheet.write_row(
            0, 0, [_("Lowest question"), _("Score (%)"), "", _("Complaint category"), _("Complaints")], bold
        )
        for row, question in enumerate(data["improve_questions"], start=1):
            sheet.write_row(row, 0, [question["title"], question["score"]])
        for row, (category, count, _share) in enumerate(data["complaint_categories"][:IMPROVE_SIZE], start=1):
            sheet.write_row(row, 3, [category, count])
        workbook.close()
        return buffer.getvalue()


def _empty_figures():
    return {
        "invited": 0,
        "answered": 0,
        "response_rate": 0.0,
        "nps": 0.0,
        "csat": 0.0,
        "nps_count": 0,
        "csat_count": 0,
        "low_scores": 0,
    }


def _sheet(name):
    """Excel's sheet name limit, should a translation be longer."""
    return name[:SHEET_NAME_MAX]
