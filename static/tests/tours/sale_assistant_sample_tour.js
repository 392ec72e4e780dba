/** @odoo-module **/
// Tour 3 of the Sales Assistant: an assistant ships a brochure through the Ship dialog, the
// salesperson reads the message. Data: tests/test_tours.py (TestTours.test_ship_brochure).

import { registry } from "@web/core/registry";
import { pickOption } from "./tour_utils";

const TRACKING = "1Z999AA10123456784";

registry.category("web_tour.tours").add("sale_assistant_sample_ship", {
    steps: () => [
        {
            content: "ship the brochure",
            trigger: ".o_form_view button[name=action_open_ship_dialog]",
            run: "click",
        },
        {
            content: "the dialog asks for the courier",
            trigger: ".modal .o_field_widget[name=courier_id] input",
            run: "edit UPS",
        },
        pickOption("UPS"),
        {
            content: "the tracking number",
            trigger: ".modal .o_field_widget[name=tracking_number] input",
            run: `edit ${TRACKING}`,
        },
        {
            content: "the expected arrival",
            trigger: ".modal .o_field_widget[name=date_expected_arrival] input",
            run: "edit 01/15/2031",
        },
        {
            content: "confirm the shipment",
            trigger: ".modal footer button[name=action_ship]",
            run: "click",
        },
        {
            content: "the sample is shipped",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=shipped]",
        },
        {
            content: "open the Shipping tab",
            trigger: ".o_notebook_headers a[name=shipping]",
            run: "click",
        },
        {
            content: "the sample shows the tracking link",
            trigger: `.o_field_widget[name=tracking_link] a[href*="${TRACKING}"]`,
        },
    ],
});

registry.category("web_tour.tours").add("sale_assistant_sample_shipped_message", {
    steps: () => [
        {
            content: "the salesperson reads what left, with which courier and tracking number",
            trigger: `.o-mail-Chatter .o-mail-Message:contains(${TRACKING}):contains(UPS)`,
        },
    ],
});
