/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-doc.h: the documents of a delivery plan — a route sheet per
 * vehicle (with the map), a picking list per canteen, a delivery note per
 * stop — drawn with cairo + pango on any cairo_t and written as one A4 PDF.
 * Nothing here runs SQL or changes the plan. */
#pragma once

#include <cairo.h>

#include "jc-delivery.h"
#include "jc-delivery-map.h"
#include "jc-output.h"
#include "jc-paged-doc.h"

G_BEGIN_DECLS

/* ---- documents -------------------------------------------------------- */

typedef enum {
  JC_DELIVERY_DOC_ROUTE_SHEETS  = 1 << 0,  /* one per vehicle, with the map */
  JC_DELIVERY_DOC_PICKING_LISTS = 1 << 1,  /* one per canteen, by category */
  JC_DELIVERY_DOC_NOTES         = 1 << 2,  /* one per stop, signature lines */
  JC_DELIVERY_DOC_ALL           = 0x7,
} JcDeliveryDocs;

guint     jc_delivery_doc_n_pages   (const JcDeliveryPlan *plan,
                                     JcDeliveryDocs        docs,
                                     double                page_w,
                                     double                page_h);
void      jc_delivery_doc_draw_page (cairo_t              *cr,
                                     const JcDeliveryPlan *plan,
                                     JcDeliveryDocs        docs,
                                     guint                 page,
                                     double                page_w,
                                     double                page_h);
/* The chosen documents as a paged document, titled "Deliveries DATE" in the
 * user's language, laid out once.  The route sheets' maps draw from `plan`,
 * so it must live as long as the document: the document keeps `owner` (what
 * keeps the plan alive, e.g. a reference on a box holding it) and calls
 * `release (owner)` with its last reference.  `release` NULL: the caller
 * keeps the plan alive for as long as the document lives. */
JcPagedDoc *jc_delivery_doc_paged_new (const JcDeliveryPlan *plan,
                                       JcDeliveryDocs        docs,
                                       gpointer              owner,
                                       GDestroyNotify        release);
gboolean  jc_delivery_export_pdf    (const JcDeliveryPlan *plan,
                                     JcDeliveryDocs        docs,
                                     const char           *path,
                                     JcOutputFlags         flags,
                                     GError              **error);

G_END_DECLS
