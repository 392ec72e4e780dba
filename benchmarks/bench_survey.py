"""Benchmark: a wave analysis over 10,000 survey answers costs the queries of one over 100.

Usage: python3 benchmarks/bench_survey.py --addons-path=... -d DATABASE [--answers N]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at the
end (the database is left as it was), it creates 50 salespeople and 500 customers, a campaign on
the preconfigured export-customer satisfaction survey, three waves and a complaint in the period
of the last two, then inserts with SQL (one INSERT per table, then ANALYZE) 100 answered
invitations in the second wave (small) and N (10,000 by default) in the third (large), each with
its survey answer, a scale answer to each of the survey's seven scored questions, and a comment
on every fifth. It computes both waves' analysis (response rate, NPS, CSAT, distributions,
questions, comments, changes against the wave before, complaints of the period) as an All
Documents user and reports the time and the number of queries of each, and their ratio. The
setup time is printed apart. The number of queries must not grow with the answers.
"""

import sys

from bench_common import (
    Stopwatch,
    analyze,
    create_salespeople,
    parse_args,
    report_query_growth,
    superuser_env,
    timed,
)

import odoo
from odoo import Command

SMALL = 100
SALESPEOPLE, CUSTOMERS = 50, 500


def set_up(env):
    company = env.ref("base.main_company")
    salespeople = create_salespeople(env, "", "bench_survey", SALESPEOPLE)
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {i}",
                "is_company": True,
                "email": f"bench{i}@example.com",
                "user_id": salespeople[i % SALESPEOPLE].id,
            }
            for i in range(CUSTOMERS)
        ]
    )
    survey = env.ref("sale_assistant.survey_sale_export_satisfaction")
    campaign = env["sale.survey.campaign"].create(
        {
            "name": "Bench campaign",
            "survey_id": survey.id,
            "target": "salesperson",
            "salesperson_ids": [Command.set(salespeople.ids)],
            "cap_days": 0,
        }
    )
    # Each wave starts with one real invitation (a wave needs a recipient); the rest is inserted.
    # A first wave, so that the small and the large one both compare with a previous wave.
    waves = env["sale.survey.wave"]
    for days in (200, 120, 10):
        waves |= waves.create(
            {
                "campaign_id": campaign.id,
                "date": odoo.fields.Date.subtract(odoo.fields.Date.today(), days=days),
                "invitation_ids": [Command.create({"partner_id": customers[0].id})],
            }
        )
    # A complaint in each wave's period, so both analyses list complaint categories.
    category = env["sale.complaint.category"].search([], limit=1) or env["sale.complaint.category"].create(
        {"name": "Bench category"}
    )
    env["sale.complaint"].create(
        [
            {
                "partner_id": customers[0].id,
                "category_id": category.id,
                "description": "Bench complaint",
                "date_received": odoo.fields.Datetime.subtract(odoo.fields.Datetime.now(), days=days),
            }
            for days in (125, 15)
        ]
    )
    allie = env["res.users"].create(
        {
            "name": "Bench All Documents",
            "login": "bench_survey_all",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set(env.ref("sales_team.group_sale_salesman_all_leads").ids)],
        }
    )
    env.flush_all()
    return survey, customers, waves, allie


def insert_answers(env, survey, customers, wave, count):
    """``count`` answered invitations in ``wave``: survey answers, their lines, the invitations."""
    batch = f"bench-survey-{wave.id}"
    params = {
        "survey": survey.id,
        "wave": wave.id,
        "campaign": wave.campaign_id.id,
        "company": wave.company_id.id,
        "date": wave.date,
        "customers": customers.ids,
        "count": count,
        "batch": batch,
    }
    env.cr.execute(
        """
        INSERT INTO survey_user_input (
            survey_id, state, access_token, invite_token, partner_id, email,
            end_datetime, test_entry, create_uid, create_date, write_uid, write_date)
        SELECT %(survey)s, 'done', md5(random()::text || n), %(batch)s,
               (%(customers)s::int[])[1 + n %% cardinality(%(customers)s::int[])],
               'bench@example.com', now(), false, 1, now(), 1, now()
          FROM generate_series(1, %(count)s) AS n
        """,
        params,
    )
    # Seven scored questions: CSAT 1-5 and the NPS 0-10, spread; a comment on every fifth answer.
    env.cr.execute(
        """
        INSERT INTO survey_user_input_line (user_input_id, survey_id, question_id, answer_type, value_scale,
                                            skipped, create_uid, create_date, write_uid, write_date)
        SELECT answer.id, %(survey)s, question.id, 'scale',
               CASE WHEN question.sale_score_kind = 'nps' THEN (answer.id + question.id) %% 11
                    ELSE 1 + (answer.id + question.id) %% 5 END,
               false, 1, now(), 1, now()
          FROM survey_user_input answer
          JOIN survey_question question
            ON question.survey_id = %(survey)s AND question.sale_score_kind IS NOT NULL
         WHERE answer.invite_token = %(batch)s
        """,
        params,
    )
    env.cr.execute(
        """
        INSERT INTO sale_survey_invitation (
            wave_id, campaign_id, company_id, wave_date, user_input_id, partner_id, commercial_partner_id,
            user_id, answer_state, date_answered, nps_score, nps_category, csat_average, comment, low_score,
            response_count, nps_count, promoter_count, detractor_count, csat_count, csat_satisfied_count,
            low_score_count, create_uid, create_date, write_uid, write_date)
        SELECT %(wave)s, %(campaign)s, %(company)s, %(date)s, answer.id, answer.partner_id, answer.partner_id,
               partner.user_id, 'done', now(), answer.id %% 11,
               CASE WHEN answer.id %% 11 >= 9 THEN 'promoter' WHEN answer.id %% 11 <= 6 THEN 'detractor'
                    ELSE 'passive' END,
               3.0, CASE WHEN answer.id %% 5 = 0 THEN 'Bench comment ' || answer.id END,
               answer.id %% 11 <= 6, 1, 1, (answer.id %% 11 >= 9)::int, (answer.id %% 11 <= 6)::int, 6, 3,
               (answer.id %% 11 <= 6)::int, 1, now(), 1, now()
          FROM survey_user_input answer
          JOIN res_partner partner ON partner.id = answer.partner_id
         WHERE answer.invite_token = %(batch)s
        """,
        params,
    )


def timed_analysis(env, wave, user):
    """The wave's analysis as ``user`` computes it, measured with its number of answers as result."""
    env.invalidate_all()
    wave = wave.with_user(user)
    return timed(env, lambda: wave._analysis()["figures"]["answered"])


def main(argv):
    args = parse_args(argv, answers=10_000)
    with superuser_env() as env:
        setup = Stopwatch()
        with setup:
            survey, customers, (_first, small, large), allie = set_up(env)
            insert_answers(env, survey, customers, small, SMALL)
            insert_answers(env, survey, customers, large, args.answers)
            analyze(env, "survey_user_input", "survey_user_input_line", "sale_survey_invitation")
        timed_analysis(env, small, allie)  # fill the caches (rules, fields, groups)
        timed_analysis(env, large, allie)
        baseline = timed_analysis(env, small, allie)
        measured = timed_analysis(env, large, allie)
        lines = [
            f"setup: {SMALL + args.answers} answers inserted in {setup.seconds:.1f} s (not measured)",
            f"small: wave of {baseline.result:>6} answers analysed in {baseline.cost}",
            f"large: wave of {measured.result:>6} answers analysed in {measured.cost}",
        ]
        scale = measured.result / baseline.result
        return report_query_growth(lines, baseline, measured, scale, "answers", "the answers")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
