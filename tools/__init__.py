from . import order_sheet
