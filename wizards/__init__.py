from . import sale_assistant_partner_assign
