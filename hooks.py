# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def uninstall_hook(env):
    """Remove what the addon made without an XML id, so that nothing of it is left and nothing
    pins the records it loaded.

    - Saving the Settings once stores the addon's options as system parameters.
    - The contact log is written by the system too (check-ins, done calls and meetings): its
      entries point to customers, which would then keep the demo customers from being removed.
      Its table goes with the addon anyway.
    - The demo orders are confirmed and ordered from their factories: their deliveries and
      factory purchase orders have no XML id and would pin the demo customers, factories and
      products. Only documents of the addon's own demo orders are removed: a database without
      demo data has none.
    """
    _remove_documents_of_demo_orders(env)
    parameters = env["ir.config_parameter"].sudo().search([("key", "=like", "sale\\_assistant.%")])
    parameters.filtered(lambda parameter: parameter.key.startswith("sale_assistant.")).unlink()
    env["sale.customer.contact"].sudo().with_context(active_test=False).search([]).unlink()


def _remove_documents_of_demo_orders(env):
    demo_order_ids = (
        env["ir.model.data"]
        .sudo()
        .search([("module", "=", "sale_assistant"), ("model", "=", "sale.order")])
        .mapped("res_id")
    )
    orders = env["sale.order"].sudo().browse(demo_order_ids).exists()
    if not orders:
        return
    purchases = orders.order_line.followup_purchase_line_ids.order_id
    pickings = (orders.picking_ids | purchases.picking_ids).filtered(lambda picking: picking.state != "done")
    pickings.action_cancel()
    pickings.unlink()
    purchases.button_cancel()
    purchases.unlink()
    orders.filtered(lambda order: order.state == "sale")._action_cancel()
