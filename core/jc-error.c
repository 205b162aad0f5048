/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "jc-error.h"

G_DEFINE_QUARK (jc-store-error-quark, jc_store_error)
G_DEFINE_QUARK (jc-units-error-quark, jc_units_error)
G_DEFINE_QUARK (jc-validate-error-quark, jc_validate_error)
G_DEFINE_QUARK (jc-demo-error-quark, jc_demo_error)
