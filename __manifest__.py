# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Assistant",
    "summary": "Sales assistants who work for salespeople: assignments, "
    "customer users, contracts made on a salesperson's behalf",
    "version": "18.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/sale-assistant/sale_assistant",
    "author": "Sales Assistant Team",
    "license": "LGPL-3",
    "application": True,
    "depends": ["sale_management", "mail"],
    "external_dependencies": {"python": ["xlrd"]},
    "data": [
        "security/sale_assistant_groups.xml",
        "security/ir.model.access.csv",
        "security/sale_assistant_rules.xml",
        "data/sale_sample_data.xml",
        "views/sale_assistant_assignment_views.xml",
        "views/res_users_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/sale_sample_views.xml",
        "wizards/sale_assistant_partner_assign_views.xml",
        "views/sale_assistant_menus.xml",
    ],
    "demo": [
        "demo/sale_assistant_demo.xml",
        "demo/sale_sample_demo.xml",
    ],
}
