# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def uninstall_hook(env):
    """Remove what the addon made without an XML id, so that nothing of it is left and nothing
    pins the records it loaded.

    - Saving the Settings once stores the addon's options as system parameters.
    - The contact log is written by the system too (check-ins, done calls and meetings): its
      entries point to customers, which would then keep the demo customers from being removed.
      Its table goes with the addon anyway.
    """
    parameters = env["ir.config_parameter"].sudo().search([("key", "=like", "sale\\_assistant.%")])
    parameters.filtered(lambda parameter: parameter.key.startswith("sale_assistant.")).unlink()
    env["sale.customer.contact"].sudo().with_context(active_test=False).search([]).unlink()
