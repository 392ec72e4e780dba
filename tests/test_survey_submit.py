# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import HttpCase, tagged

from .test_survey_common import SurveyCase


@tagged("post_install", "-at_install")
class TestSurveySubmit(SurveyCase, HttpCase):
    """The survey's own pages, as a contact without a login uses them through their link."""

    def _submit(self, invitation, values):
        answer = invitation.sudo().user_input_id
        response = self.url_open(
            f"/survey/submit/{self.survey.access_token}/{answer.access_token}",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": values}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_answer_through_the_link_then_submitting_again_is_refused(self):
        wave = self._send(self._campaign(salesperson_ids=[(6, 0, self.ben.ids)]))
        invitation = wave.invitation_ids
        answers = {
            str(self.q_quality.id): "2",
            str(self.q_delivery.id): "4",
            str(self.q_nps.id): "6",
            str(self.q_comment.id): "Slow replies",
        }
        self.authenticate(None, None)  # the public user: the token alone identifies the answer
        self._submit(invitation, answers)
        self.assertEqual(invitation.answer_state, "done")
        self.assertEqual((invitation.nps_score, invitation.csat_average), (6, 3.0))
        self.assertEqual(
            invitation.commercial_partner_id, self.bravo, "the answer links back to the customer"
        )
        self.assertTrue(invitation.low_score)
        again = self._submit(invitation, {**answers, str(self.q_nps.id): "10"})
        self.assertEqual(again, [{}, {"error": "unauthorized"}])
        invitation.invalidate_recordset()
        self.assertEqual(invitation.nps_score, 6, "the second submission changed nothing")
