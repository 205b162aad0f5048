/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-application.h: the GUI application.  It owns the one JcStore of the
 * main thread (opened when the database file exists, or when the user
 * starts a new one) and tells the windows when it changes. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_APPLICATION (jc_application_get_type ())
G_DECLARE_FINAL_TYPE (JcApplication, jc_application, JC, APPLICATION, AdwApplication)

JcApplication *jc_application_new             (void);
const char    *jc_application_get_db_path     (JcApplication  *self);
void           jc_application_set_db_path     (JcApplication  *self,
                                               const char     *path);
const char    *jc_application_get_local_path  (JcApplication  *self);
void           jc_application_use_store       (JcApplication  *self,
                                               const char     *location,
                                               JcStore        *store);
JcStore       *jc_application_get_store       (JcApplication  *self);
const GError  *jc_application_get_store_error (JcApplication  *self);
gboolean       jc_application_open_store      (JcApplication  *self,
                                               GError        **error);
void           jc_application_get_today       (JcApplication  *self,
                                               GDate          *today);

G_END_DECLS
