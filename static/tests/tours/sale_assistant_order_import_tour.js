/** @odoo-module **/
// Tour 5 of the Sales Assistant: an assistant imports a customer's order spreadsheet, resolves an
// ambiguous and an unmatched line in the preview, imports, acknowledges the order checks and
// confirms. Data: tests/test_tours.py (TestTours.test_import_customer_order).

import { waitUntil } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";
import { assertDropdownOffers, pickOption } from "./tour_utils";

const ORDER_SHEET = [
    "PO Number,Item No,Description,Qty,Unit Price",
    "PO-TOUR-77,TL-100,Tour Lamp,10,10",
    "PO-TOUR-77,TT-200,Tour Tote,5,4",
    "PO-TOUR-77,ZZ-404,Folding chair,2,12",
].join("\n");
const ACKNOWLEDGE = ".o_field_widget[name=check_finding_ids] button[name=action_acknowledge]";

registry.category("web_tour.tours").add("sale_assistant_order_import", {
    steps: () => [
        {
            content: "open the Orders menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='sale.sale_order_menu']",
            run: "click",
        },
        {
            content: "Import Customer Order",
            trigger: ".o-dropdown-item[data-menu-xmlid='sale_assistant.sale_order_import_menu']",
            run: "click",
        },
        {
            content: "for the salesperson",
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Amy",
        },
        pickOption("Amy"),
        {
            content: "Amy is chosen",
            trigger: ".modal .o_field_widget[name=user_id] input:value(Amy)",
        },
        {
            content: "the customer",
            trigger: ".modal .o_field_widget[name=partner_id]:not(.o_readonly_modifier) input",
            run: "edit Alpha",
        },
        pickOption("Alpha Outdoor"),
        {
            content: "Alpha Outdoor is chosen",
            trigger: ".modal .o_field_widget[name=partner_id] input:value(Alpha Outdoor)",
        },
        {
            content: "the customer's spreadsheet",
            trigger: ".modal .o_field_widget[name=file] input[type=file]:not(:visible)",
            run({ anchor }) {
                const files = new DataTransfer();
                files.items.add(new File([ORDER_SHEET], "alpha_order.csv", { type: "text/csv" }));
                anchor.files = files.files;
                anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "the file is loaded",
            trigger: ".modal .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "read it",
            trigger: ".modal footer button[name=action_read_file]",
            run: "click",
        },
        {
            content: "the preview shows the ambiguous line",
            trigger: ".modal .o_data_row.text-warning:contains(TT-200) td[name=product_id]",
            run: "click",
        },
        {
            content: "open its candidates",
            trigger: ".modal .o_data_row:contains(TT-200) .o_field_widget[name=product_id] input",
            run: "click",
        },
        assertDropdownOffers(
            ["[TT-200] Tour Tote Blue", "[TT-200] Tour Tote Red"],
            "an ambiguous line offers its candidates only"
        ),
        pickOption("[TT-200] Tour Tote Blue"),
        {
            content: "the unmatched line",
            trigger: ".modal .o_data_row.text-danger:contains(ZZ-404) td[name=product_id]",
            run: "click",
        },
        {
            content: "pick any product for it",
            trigger: ".modal .o_data_row:contains(ZZ-404) .o_field_widget[name=product_id] input",
            run: "edit Tour Chair",
        },
        pickOption("Tour Chair"),
        {
            content: "import",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the quotation has findings to acknowledge",
            trigger: ".o_form_view .alert-warning:contains(order check)",
        },
        {
            content: "open the Order Checks tab",
            trigger: ".o_notebook_headers a[name=order_checks]",
            run: "click",
        },
        {
            content: "acknowledge each finding, after confirming it with the customer",
            trigger: ACKNOWLEDGE,
            async run() {
                for (let left = document.querySelectorAll(ACKNOWLEDGE).length; left; left--) {
                    document.querySelector(ACKNOWLEDGE).click();
                    await waitUntil(() => document.querySelectorAll(ACKNOWLEDGE).length < left, {
                        timeout: 5000,
                    });
                }
            },
        },
        {
            content: "no finding is left to acknowledge",
            trigger: ".o_form_view:not(:has(.alert-warning:contains(order check)))",
        },
        {
            content: "confirm the order",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the quotation became a sales order",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=sale]",
        },
    ],
});
