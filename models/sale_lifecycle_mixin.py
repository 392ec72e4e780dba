# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class SaleLifecycleMixin(models.AbstractModel):
    """A record whose status (and the stamps that go with it) changes only through its actions.

    The actions check that the user may edit the record, then write ``_lifecycle_fields`` as the
    system with ``_lifecycle_write``: their side effects (notifications, timestamps, activities)
    cannot be skipped. A direct write of those fields, or a create that starts past the first
    state, is refused with a message naming the buttons, whatever the path (form, RPC, import).
    Data files (loaded as the superuser) may still record history in any state.
    """

    _name = "sale.lifecycle.mixin"
    _description = "Status changed only through its actions"
    # The fields only the actions write, e.g. ("state", "date_resolved").
    _lifecycle_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            defaults = self.default_get(list(self._lifecycle_fields))
            for vals in vals_list:
                started = [
                    name
                    for name in self._lifecycle_fields
                    if vals.get(name) and vals[name] != defaults.get(name)
                ]
                if started:
                    self._raise_lifecycle_error(started)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            direct = [name for name in self._lifecycle_fields if name in vals]
            if direct:
                self._raise_lifecycle_error(direct)
        return super().write(vals)

    def _lifecycle_write(self, vals):
        """Write what an action decided, once the user is known to be allowed to edit."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _raise_lifecycle_error(self, field_names):
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in field_names)
        raise UserError(
            self.env._(
                "You cannot set %(fields)s of a %(model)s directly: use its buttons (or call the same "
                "methods over the API), which also notify the people concerned and record when it "
                "happened.",
                fields=labels,
                model=self.env["ir.model"]._get(self._name).name,
            )
        )
