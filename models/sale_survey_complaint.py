# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleComplaint(models.Model):
    _inherit = "sale.complaint"

    sale_survey_invitation_id = fields.Many2one(
        "sale.survey.invitation",
        string="From Survey Answer",
        index="btree_not_null",
        ondelete="set null",
        help="The low satisfaction score this complaint was recorded from.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        if not self.env.su:
            # Only an answer one may read can be followed up (its activities are closed below).
            complaints.sale_survey_invitation_id.check_access("read")
        for complaint in complaints.filtered("sale_survey_invitation_id"):
            # The low score's reason to act is now the complaint: its activities are done.
            complaint.sale_survey_invitation_id._close_low_score_activities(
                self.env._("Complaint %(complaint)s recorded.", complaint=complaint.name)
            )
        return complaints
