/** @odoo-module **/
// Tours 1, 2 and 7 of the Sales Assistant: a quotation made on a salesperson's behalf.
// They run on the data of tests/test_tours.py (TestTours), not on demo data.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { assertDropdownCannotCreate, assertDropdownOffers, pickOption } from "./tour_utils";

const CUSTOMER = ".o_field_widget[name=partner_id]";
// The "For salesperson" field comes first in the form; the Other Info tab has the standard one.
const FOR_SALESPERSON = "input#user_id_0";

/**
 * Cindy prepares a quotation for Amy: the customer is locked until Amy is chosen, then offers
 * Amy's customers assigned to Cindy only; the line's factory offers Amy's factories assigned
 * to Cindy only; the quotation is confirmed. `labels` are the texts the user reads.
 */
function quotationOnBehalfSteps(labels) {
    return [
        {
            content: `the first field reads "${labels.forSalesperson}"`,
            trigger: `.o_form_label[for=user_id_0]:contains("${labels.forSalesperson}")`,
        },
        {
            content: "the customer is read-only until the salesperson is chosen",
            trigger: FOR_SALESPERSON,
            run() {
                const customer = document.querySelector(CUSTOMER);
                if (!customer.matches(".o_readonly_modifier") || customer.querySelector("input")) {
                    throw new Error("The customer can be chosen before the salesperson");
                }
            },
        },
        {
            content: `the customer field is labelled "${labels.customer}"`,
            trigger: `.o_form_label:contains("${labels.customer}")`,
        },
        {
            content: "open the salespeople",
            trigger: FOR_SALESPERSON,
            run: "click",
        },
        assertDropdownOffers(["Amy", "Ben", "Cindy"], "the salespeople the assistant serves, and herself"),
        {
            content: "choose the salesperson",
            trigger: FOR_SALESPERSON,
            run: "edit Amy",
        },
        pickOption("Amy"),
        {
            content: "the customer can now be chosen",
            trigger: `${CUSTOMER}:not(.o_readonly_modifier) input`,
            run: "click",
        },
        assertDropdownOffers(
            ["Alpha Outdoor", "Alpha Outdoor, Alpha Buyer"],
            "the customer offers exactly Amy's customers assigned to the assistant"
        ),
        pickOption("Alpha Outdoor"),
        {
            content: "add a line",
            trigger: ".o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "type the product",
            trigger: ".o_data_row .o_field_widget[name=product_template_id] input",
            run: "edit Test Lantern",
        },
        pickOption("Test Lantern"),
        {
            content: "the product is set",
            trigger: ".o_data_row .o_field_widget[name=product_template_id] input:value(Test Lantern)",
        },
        {
            content: `an assistant sees the "${labels.factory}" column of the lines`,
            trigger: `.o_field_widget[name=order_line] th[data-name=factory_id]:contains("${labels.factory}")`,
        },
        {
            content: "open the line's factory",
            trigger: ".o_data_row .o_field_widget[name=factory_id] input",
            run: "click",
        },
        assertDropdownOffers(["Amy's Forge"], "the factory offers Amy's factories assigned to the assistant only"),
        pickOption("Amy's Forge"),
        {
            content: "the factory is set",
            trigger: ".o_data_row .o_field_widget[name=factory_id] input:value(Amy's Forge)",
        },
        ...stepUtils.saveForm(),
        {
            content: "confirm the quotation",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the quotation became a sales order",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=sale]",
        },
    ];
}

registry.category("web_tour.tours").add("sale_assistant_quotation_on_behalf", {
    url: "/odoo/action-sale.action_quotations_with_onboarding/new",
    steps: () =>
        quotationOnBehalfSteps({ forSalesperson: "For salesperson", customer: "Customer", factory: "Factory" }),
});

registry.category("web_tour.tours").add("sale_assistant_quotation_on_behalf_zh_TW", {
    url: "/odoo/action-sale.action_quotations_with_onboarding/new",
    steps: () => quotationOnBehalfSteps({ forSalesperson: "業務員", customer: "客戶", factory: "工廠" }),
});

registry.category("web_tour.tours").add("sale_assistant_no_customer_creation", {
    url: "/odoo/action-sale.action_quotations_with_onboarding/new",
    steps: () => [
        {
            content: "choose the salesperson",
            trigger: FOR_SALESPERSON,
            run: "edit Amy",
        },
        pickOption("Amy"),
        {
            content: "type the name of a customer that does not exist",
            trigger: `${CUSTOMER}:not(.o_readonly_modifier) input`,
            run: "edit Zephyr Newco",
        },
        {
            content: "the search has answered",
            trigger: ".o-autocomplete--dropdown-menu .o_m2o_dropdown_option_search_more, .o-autocomplete--dropdown-menu .o_m2o_no_result",
        },
        assertDropdownCannotCreate("a pure assistant is offered no Create nor Create and edit"),
        {
            content: "leave the field empty",
            trigger: `${CUSTOMER} input`,
            run: "clear",
        },
        ...stepUtils.discardForm(),
    ],
});
