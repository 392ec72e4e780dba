/** @odoo-module **/
// Steps shared by the Sales Assistant tours (test assets only).

const ITEM = ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item";
// The autocomplete's own entries (Search More, Create, Start typing, No records; partner_autocomplete's
// Search Worldwide), not records.
const OWN_ENTRY = "[class*='o_m2o_'], :has(> a.text-info)";

function optionNames(menu) {
    return [...menu.querySelectorAll(".o-autocomplete--dropdown-item")]
        .filter((item) => !item.matches(OWN_ENTRY))
        .map((item) => item.textContent.trim());
}

/**
 * A step that fails unless the open many2one dropdown offers exactly these records.
 * It waits for the first of them to be shown, so that the search has answered.
 */
export function assertDropdownOffers(expected, content) {
    const wanted = [...expected].sort();
    return {
        content: content || `the dropdown offers exactly: ${wanted.join(", ")}`,
        // Once every source of the dropdown has answered (none shows "Loading...").
        trigger: `.o-autocomplete--dropdown-menu:not(:has(a.o_loading)) .o-autocomplete--dropdown-item:contains("${wanted[0]}")`,
        run({ anchor }) {
            const offered = optionNames(anchor.closest(".o-autocomplete--dropdown-menu")).sort();
            if (JSON.stringify(offered) !== JSON.stringify(wanted)) {
                throw new Error(
                    `Expected the dropdown to offer exactly [${wanted.join(" | ")}], got [${offered.join(" | ")}]`
                );
            }
        },
    };
}

/** A step that fails when the open many2one dropdown offers to create a record. */
export function assertDropdownCannotCreate(content) {
    return {
        content: content || "the dropdown offers no way to create a record",
        trigger: ".o-autocomplete--dropdown-menu",
        run() {
            const create = document.querySelector(
                ".o-autocomplete--dropdown-menu .o_m2o_dropdown_option_create, " +
                    ".o-autocomplete--dropdown-menu .o_m2o_dropdown_option_create_edit"
            );
            if (create) {
                throw new Error(`The dropdown offers to create a record: "${create.textContent.trim()}"`);
            }
        },
    };
}

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Click a record in the open many2one dropdown. */
export function pickOption(name) {
    return {
        content: `pick ${name}`,
        trigger: `${ITEM} a:contains(/^${escapeRegExp(name)}$/)`,
        run: "click",
    };
}
