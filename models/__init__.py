from . import sale_assistant_assignment
from . import sale_assistant_document_mixin
from . import res_users
from . import res_partner
from . import sale_order
from . import sale_order_line
from . import sale_report
