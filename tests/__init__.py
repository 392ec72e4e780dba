from . import test_install
from . import test_listing_queries
from . import test_assignment
from . import test_order_access
from . import test_order_on_behalf
from . import test_partner_ownership
from . import test_sample
