/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_APPLICATION (jc_application_get_type ())
G_DECLARE_FINAL_TYPE (JcApplication, jc_application, JC, APPLICATION, AdwApplication)

JcApplication *jc_application_new          (void);
const char    *jc_application_get_db_path  (JcApplication *self);

G_END_DECLS
