# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import models

# Activities whose completion is a contact with the customer, and the channel it is logged with.
CONTACT_ACTIVITY_CHANNELS = {
    "mail.mail_activity_data_call": "phone_out",
    "mail.mail_activity_data_meeting": "visit_them",
}
# Documents whose customer such an activity is about, and how to find it.
CONTACT_ACTIVITY_MODELS = {
    "res.partner": lambda record: record.commercial_partner_id,
    "sale.order": lambda record: record.partner_id.commercial_partner_id,
}


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Log the call or meeting before the activity is gone, so nothing is typed twice.
        self._log_customer_contacts(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _log_customer_contacts(self, feedback):
        channels = {}
        for xmlid, channel in CONTACT_ACTIVITY_CHANNELS.items():
            activity_type = self.env.ref(xmlid, raise_if_not_found=False)
            if activity_type:
                channels[activity_type] = channel
        vals_list = []
        for activity in self.filtered(
            lambda a: a.activity_type_id in channels and a.res_model in CONTACT_ACTIVITY_MODELS
        ):
            record = self.env[activity.res_model].sudo().browse(activity.res_id)
            partner = CONTACT_ACTIVITY_MODELS[activity.res_model](record)
            if not partner:
                continue
            notes = activity.note or Markup()
            if feedback:
                notes += Markup("<p>%s</p>") % escape(feedback)
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "company_id": (record.company_id or self.env.company).id,
                    "channel": channels[activity.activity_type_id],
                    "summary": activity.summary or activity.activity_type_id.name,
                    "notes": notes,
                    "logged_by_id": self.env.uid,
                    "sale_order_id": record.id if activity.res_model == "sale.order" else False,
                }
            )
        if vals_list:
            # The activity was the user's to do on a record they can see: the log is its trace.
            self.env["sale.customer.contact"].sudo().create(vals_list)
