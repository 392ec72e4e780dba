# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

_logger = logging.getLogger(__name__)

# How many due transfers the daily cron executes per call (a transfer may move thousands of records).
DUE_BATCH_SIZE = 5
PARTNER_KINDS = ("customer", "factory")
DOCUMENT_KINDS = ("quotation", "order", "delivered_order", "sample", "complaint")


class SaleProtectionTransfer(models.Model):
    """A portfolio transfer and its log: asked for with the wizard, executed at once or by the cron
    on its effective day, then kept as it is. Nobody writes, deletes or copies it: only its own
    state transitions (``_sale_system_write``) change it."""

    _name = "sale.protection.transfer"
    _description = "Portfolio Transfer"
    _inherit = ["sale.protection.transfer.scope"]
    _order = "effective_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, default="New", copy=False)
    state = fields.Selection(
        [("scheduled", "Scheduled"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="scheduled",
        readonly=True,
        index=True,
    )
    requested_by_id = fields.Many2one("res.users", string="Requested by", required=True, readonly=True)
    date_done = fields.Datetime(string="Done on", readonly=True)
    cancel_reason = fields.Char(string="Why Cancelled", readonly=True)
    line_ids = fields.One2many(
        "sale.protection.transfer.line", "transfer_id", string="Records Moved", readonly=True
    )
    line_count = fields.Integer(string="Records Moved Count", compute="_compute_line_count")

    def _compute_line_count(self):
        counts = dict(
            self.env["sale.protection.transfer.line"]._read_group(
                [("transfer_id", "in", self.ids)], ["transfer_id"], ["__count"]
            )
        )
        for transfer in self:
            transfer.line_count = counts.get(transfer, 0)

    # The log cannot be changed -------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code(self._name) or "New"
        return super().create(vals_list)

    # The log refuses every write and copy: no super() call on purpose.
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self._sale_immutable_message())

    def unlink(self):
        # Uninstalling the addon removes its (demo) records as the superuser: nothing else may.
        if self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG):
            return super().unlink()
        raise UserError(self._sale_immutable_message())

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(
            self.env._(
                "A portfolio transfer cannot be duplicated: use Transfer a Portfolio to ask for a new one."
            )
        )

    def _sale_immutable_message(self):
        return self.env._(
            "A portfolio transfer is a log of what happened: nobody can change or delete it. A scheduled "
            "transfer can only be cancelled with its Cancel button."
        )

    def _sale_system_write(self, vals):
        """The transfer's own state transitions (executed, cancelled): not reachable over RPC."""
        return super().write(vals)

    # Requesting, executing, cancelling -----------------------------------------------------------

    @api.model
    def _sale_request(self, request):
        """Record the transfer ``request`` (a wizard) asks for, after checking everything as the
        current user, and execute it at once when it is due today. Nothing is written when a check
        fails."""
        request._sale_check_request()
        due_now = request.effective_date <= request._sale_today()
        if due_now:
            request._sale_check_not_empty(request._sale_scope_counts())
        transfer = self.sudo().create(
            {
                "company_id": request.company_id.id,
                "from_user_id": request.from_user_id.id,
                "to_user_ids": [fields.Command.set(request.to_user_ids.ids)],
                "effective_date": request.effective_date,
                "reason": request.reason,
                "requested_by_id": self.env.uid,
                **{name: request[name] for name in self._sale_scope_field_names()},
            }
        )
        if due_now:
            transfer._sale_execute()
        return transfer.with_env(self.env)

    @api.model
    def _sale_scope_field_names(self):
        return [name for name in self._fields if name.startswith("scope_")]

    def _sale_execute(self):
        """Move what is in scope now and log each record moved (as superuser: who may transfer was
        checked when it was asked for)."""
        for transfer in self.sudo():
            records = transfer._sale_scope_records()
            # Read before anything moves: a complaint handed over takes its call-back along.
            activities = transfer._sale_scope_activities(records)
            receiver_of = transfer._sale_receiver_by_company(records)
            targets = {}
            lines = transfer._sale_move_partners(records, receiver_of, targets)
            for kind in DOCUMENT_KINDS:
                lines += transfer._sale_move_documents(kind, records.get(kind), receiver_of, targets)
            lines += transfer._sale_move_activities(activities, targets)
            self.env["sale.protection.transfer.line"].sudo().create(lines)
            transfer._sale_system_write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def _sale_note(self):
        return self.env._(
            "Portfolio transfer %(transfer)s: %(reason)s", transfer=self.name, reason=self.reason
        )

    def _sale_line_vals(self, kind, record, name, receiver):
        return {
            "transfer_id": self.id,
            "kind": kind,
            "res_model": record._name,
            "res_id": record.id,
            "record_name": name,
            "from_user_id": self.from_user_id.id,
            "to_user_id": receiver.id,
        }

    def _sale_move_partners(self, records, receiver_of, targets):
        """Customers and factories change owner the one way owners change; their contacts carrying
        the same salesperson follow with a plain write (the chatter is on the company)."""
        lines = []
        for kind in PARTNER_KINDS:
            partners = records.get(kind)
            if not partners:
                continue
            names = dict(zip(partners.ids, partners.mapped("display_name"), strict=True))
            for receiver, group in partners.grouped(lambda p: receiver_of[p.id]).items():
                lines += [self._sale_line_vals(kind, p, names[p.id], receiver) for p in group]
                targets.update({("res.partner", pid): receiver for pid in group.ids})
                # No tracking, assignment e-mail or follower notice per customer (a portfolio is
                # thousands): the note says it all, the new owner follows them in one go afterwards.
                group.with_context(tracking_disable=True)._sale_change_owner(receiver, self._sale_note())
                group.message_subscribe(partner_ids=receiver.partner_id.ids)
        contacts = records.get("contact")
        if contacts:
            names = dict(zip(contacts.ids, contacts.mapped("display_name"), strict=True))
            for receiver, group in contacts.grouped(
                lambda c: receiver_of[self._sale_customer_of(c).id]
            ).items():
                lines += [self._sale_line_vals("contact", c, names[c.id], receiver) for c in group]
                targets.update({("res.partner", cid): receiver for cid in group.ids})
                group.write({"user_id": receiver.id})
        return lines

    def _sale_move_documents(self, kind, documents, receiver_of, targets):
        """Orders, samples, complaints: grouped writes per receiver; who prepared a document stays
        on it only if they work for the new salesperson. One note per document, written in batch."""
        if not documents:
            return []
        lines = []
        names = dict(zip(documents.ids, documents.mapped("display_name"), strict=True))
        quiet = documents.with_context(tracking_disable=True, mail_activity_quick_update=True)
        for receiver, group in quiet.grouped(lambda d: receiver_of[self._sale_customer_of(d).id]).items():
            lines += [self._sale_line_vals(kind, d, names[d.id], receiver) for d in group]
            targets.update({(d._name, d.id): receiver for d in group})
            vals = {"user_id": receiver.id}
            if "assistant_id" in group._fields:
                strangers = group.filtered_domain(
                    [
                        ("assistant_id", "!=", False),
                        ("assistant_id", "not in", receiver.sale_assistant_ids.ids),
                    ]
                )
                (group - strangers).write(vals)
                strangers.write({**vals, "assistant_id": False})
            else:
                group.write(vals)
            group.message_subscribe(partner_ids=receiver.partner_id.ids)
            body = Markup("<p>%s</p>") % self.env._(
                "Salesperson changed from %(previous)s to %(new)s by %(note)s",
                previous=self.from_user_id.name,
                new=receiver.name,
                note=self._sale_note(),
            )
            group._message_log_batch(dict.fromkeys(group.ids, body))
        return lines

    def _sale_move_activities(self, activities, targets):
        """The From Salesperson's activities on the records moved go to each record's new owner
        (no e-mail per activity: the new owner finds them in their activities)."""
        lines = []
        quiet = activities.with_context(mail_activity_quick_update=True)
        for receiver, group in quiet.grouped(lambda a: targets[(a.res_model, a.res_id)]).items():
            lines += [
                self._sale_line_vals(
                    "activity", a, f"{a.summary or a.activity_type_id.name} ({a.res_name})", receiver
                )
                for a in group
            ]
            group.write({"user_id": receiver.id})
        return lines

    def action_cancel(self):
        """Cancel a scheduled transfer (its requester's rights are checked again)."""
        self.check_access("read")
        for transfer in self:
            if transfer.state != "scheduled":
                raise UserError(
                    self.env._(
                        "%(transfer)s is not scheduled: it cannot be cancelled.", transfer=transfer.name
                    )
                )
            transfer._sale_check_may_transfer()
        self.sudo()._sale_system_write(
            {
                "state": "cancelled",
                "cancel_reason": self.env._("Cancelled by %(user)s", user=self.env.user.name),
            }
        )
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_assistant.sale_protection_transfer_line_action"
        )
        action["domain"] = [("transfer_id", "=", self.id)]
        return action

    @api.model
    def _cron_execute_due(self):
        """Execute the scheduled transfers whose day has come in their company's timezone, a few
        per call (the cron is called again while some remain). A transfer whose receivers can no
        longer receive it is cancelled with the reason; the others are not held up."""
        due = self.search([("state", "=", "scheduled")]).filtered(
            lambda t: t.effective_date <= t._sale_today()
        )
        batch = due[:DUE_BATCH_SIZE]
        for transfer in batch:
            try:
                with self.env.cr.savepoint():
                    transfer._sale_check_people()
                    transfer._sale_execute()
            except (UserError, ValidationError) as error:
                _logger.info("Portfolio transfer %s cancelled: %s", transfer.name, error)
                transfer._sale_system_write({"state": "cancelled", "cancel_reason": str(error)})
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))
