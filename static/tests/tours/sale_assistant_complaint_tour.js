/** @odoo-module **/
// Tours 4 and 6 of the Sales Assistant: a complaint taken by an assistant and answered by the
// salesperson; a team manager's orders and monthly complaint analysis. Data: tests/test_tours.py.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { pickOption } from "./tour_utils";

registry.category("web_tour.tours").add("sale_assistant_complaint_record", {
    url: "/odoo/action-sale_assistant.sale_complaint_action/new",
    steps: () => [
        {
            content: "the customer: Ben's, not assigned to this assistant",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Bravo",
        },
        pickOption("Bravo Trading"),
        {
            content: "the salesperson responsible defaults to the customer's owner",
            trigger: ".o_field_widget[name=user_id] input:value(Ben)",
        },
        {
            content: "the category",
            trigger: ".o_field_widget[name=category_id] input",
            run: "edit Late",
        },
        pickOption("Late delivery"),
        {
            content: "the severity",
            trigger: ".o_field_widget[name=severity] select",
            run: 'select "high"',
        },
        {
            content: "the customer's own words",
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit The lanterns arrived two weeks late.",
        },
        ...stepUtils.saveForm(),
        {
            content: "the complaint is recorded for Ben",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=new]",
        },
    ],
});

registry.category("web_tour.tours").add("sale_assistant_complaint_answer", {
    steps: () => [
        {
            content: "the salesperson was alerted in the chatter",
            trigger: ".o-mail-Chatter .o-mail-Message:contains(Bravo Trading complained)",
        },
        {
            content: "the salesperson has a call-back activity on the complaint",
            trigger: ".o-mail-Chatter .o-mail-Activity:contains(Call Bravo Trading back)",
        },
        {
            content: "the salesperson called the customer back",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "the complaint is in progress",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=in_progress]",
        },
        {
            content: "the call-back activity is done",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity))",
        },
    ],
});

registry.category("web_tour.tours").add("sale_assistant_team_manager", {
    url: "/odoo/action-sale.action_quotations_with_onboarding",
    steps: () => [
        {
            content: "remove the My Quotations filter",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            content: "the list shows the team's orders",
            trigger: ".o_list_view .o_data_row:contains(Bravo Trading)",
        },
        {
            content: "exactly the four orders of Amy and Ben, none of Carl's",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Carlton Imports)))",
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                if (rows.length !== 4) {
                    throw new Error(`Expected the team's 4 orders, the list shows ${rows.length}`);
                }
            },
        },
        {
            content: "open the Sales menu of assistants",
            trigger: ".o_main_navbar button[data-menu-xmlid='sale_assistant.sale_assistant_menu_root']",
            run: "click",
        },
        {
            content: "open the monthly complaint analysis",
            trigger: ".o-dropdown-item[data-menu-xmlid='sale_assistant.sale_complaint_analysis_menu']",
            run: "click",
        },
        {
            content: "open the analysis of March 2021",
            trigger: ".o_list_view .o_data_row:contains(2021) td.o_data_cell:first",
            run: "click",
        },
        {
            content: "the analysis names what customers are least satisfied with",
            trigger: ".o_field_widget[name=top_category_id]:contains(Product quality)",
        },
        {
            content: "print it",
            trigger: ".o_form_view button[name=action_print]",
            run: "click",
        },
        {
            content: "the printed analysis shows the month and its categories",
            trigger: ":iframe .page:contains(2021):contains(Late delivery)",
        },
    ],
});
