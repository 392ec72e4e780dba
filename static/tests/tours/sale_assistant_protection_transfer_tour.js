/** @odoo-module **/
// Tour 6 of the Sales Assistant: a team manager transfers a salesperson's portfolio to two
// salespeople through the wizard (preview, the note on sharing, Transfer Now) and lands on the
// transfer's log. Data: tests/test_tours.py (TestTours.test_transfer_portfolio).

import { registry } from "@web/core/registry";
import { pickOption } from "./tour_utils";

registry.category("web_tour.tours").add("sale_assistant_protection_transfer", {
    steps: () => [
        {
            content: "open the Sales menu of assistants",
            trigger: ".o_main_navbar button[data-menu-xmlid='sale_assistant.sale_assistant_menu_root']",
            run: "click",
        },
        {
            content: "open Transfer a Portfolio",
            trigger: ".o-dropdown-item[data-menu-xmlid='sale_assistant.sale_protection_transfer_wizard_menu']",
            run: "click",
        },
        {
            content: "whose portfolio: Amy's",
            trigger: ".modal .o_field_widget[name=from_user_id] input",
            run: "edit Amy",
        },
        pickOption("Amy"),
        {
            content: "the preview counts Amy's customers and factory",
            trigger: ".modal .o_field_widget[name=preview_customer]:contains(2)",
        },
        {
            content: "to Ben",
            trigger: ".modal .o_field_widget[name=to_user_ids] input",
            run: "edit Ben",
        },
        pickOption("Ben"),
        {
            content: "no note on sharing with one receiver",
            trigger: ".modal .o_form_view:not(:contains(shared out evenly))",
        },
        {
            content: "and to Mona",
            trigger: ".modal .o_field_widget[name=to_user_ids] input",
            run: "edit Mona",
        },
        pickOption("Mona"),
        {
            content: "with two receivers, the form says how they share the portfolio",
            trigger: ".modal .o_form_view:contains(shared out evenly)",
        },
        {
            content: "why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Amy moves to the Europe desk",
        },
        {
            content: "transfer now",
            trigger: ".modal footer button[name=action_confirm]:contains(Transfer Now)",
            run: "click",
        },
        {
            content: "the transfer's log opens, with a line per customer or factory moved",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=line_ids] .o_data_row:contains(Anchor Lights)",
        },
    ],
});
