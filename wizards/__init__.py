from . import sale_assistant_partner_assign
from . import sale_sample_ship
from . import sale_order_import
from . import sale_order_import_column
from . import sale_order_import_line
from . import sale_work_diary
from . import sale_protection_transfer_wizard
