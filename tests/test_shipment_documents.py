# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import shutil
import unittest

from odoo.exceptions import AccessError

from odoo.addons.base.models.ir_qweb import QWebException

from .test_shipment_common import ShipmentCase


class TestShipmentDocuments(ShipmentCase):
    """The documents checklist and the commercial invoice and packing list of a booking."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Type = cls.env["sale.shipment.document.type"]
        Type.search([]).active = False
        cls.invoice_type = Type.create({"name": "CI", "for_every_booking": True})
        cls.origin_type = Type.create({"name": "Form A", "partner_ids": [(6, 0, cls.alpha.ids)]})
        cls.insurance_type = Type.create(
            {"name": "Insurance", "country_ids": [(6, 0, cls.env.ref("base.nl").ids)]}
        )
        cls.product.write({"hs_code": "9405.40", "weight": 1.5, "shipment_gross_weight": 2.0, "volume": 0.02})

    def test_checklist_by_customer_and_destination(self):
        booking = self._book(self.order_amy_by_cindy, self.cindy)
        self.assertEqual(booking.document_ids.type_id, self.invoice_type | self.origin_type)
        booking.with_user(self.cindy).destination_country_id = self.env.ref("base.nl")
        self.assertRpcAnswer(booking.with_user(self.cindy).action_update_documents())
        self.assertEqual(
            booking.document_ids.type_id, self.invoice_type | self.origin_type | self.insurance_type
        )
        booking.with_user(self.cindy).action_update_documents()
        self.assertEqual(len(booking.document_ids), 3, "never twice")
        document = booking.document_ids[0].with_user(self.cindy)
        document.state = "ready"
        other = self._book(self.order_ben_by_cindy)
        for user in (self.amy, self.david, self.eva):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                other.document_ids[0].with_user(user).state = "sent"
        for outsider in (self.employee, self.portal, self.forwarder_user):
            with self.subTest(user=outsider.name), self.assertRaises(AccessError):
                self.env["sale.shipment.document"].with_user(outsider).search_count([])
        with self.assertRaises(AccessError):
            self.invoice_type.with_user(self.cindy).for_every_booking = False

    def _render(self, report, booking, user):
        html, __ = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, booking.ids)
        return html.decode()

    def test_reports_render(self):
        booking = self._book(
            self.order_amy_by_cindy,
            self.cindy,
            bl_number="EGLV025W001",
            marks="ALPHA / ROTTERDAM / C/NO. 1-50",
        )
        invoice = self._render("sale_assistant.sale_shipment_commercial_invoice_report", booking, self.cindy)
        for expected in (
            "COMMERCIAL INVOICE",
            "Alpha Outdoor",
            "9405.40",
            "EGLV025W001",
            "C/NO. 1-50",
            "Kaohsiung",
        ):
            self.assertIn(expected, invoice)
        packing = self._render("sale_assistant.sale_shipment_packing_list_report", booking, self.cindy)
        # 2 lanterns: 3.00 kg net, 4.00 kg gross, 0.040 m3.
        for expected in ("PACKING LIST", "9405.40", "3.00", "4.00", "0.040", "40&#39; HQ"):
            self.assertIn(expected, packing)
        self.env.invalidate_all()  # a new request: nothing read by Cindy in the cache
        with self.assertRaisesMessage(QWebException, "read' access"):
            self._render("sale_assistant.sale_shipment_packing_list_report", booking, self.david)

    @unittest.skipUnless(shutil.which("wkhtmltopdf"), "wkhtmltopdf is not installed")
    def test_reports_render_pdf(self):
        booking = self._book(self.order_amy_by_cindy, self.cindy)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("sale_assistant.sale_shipment_commercial_invoice_report", booking.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
