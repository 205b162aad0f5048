/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown are
 * JcListPage's (_jc_list_page_get_search_entry() and the others). */
#pragma once

#include "jc-list-page.h"
#include "jc-vehicles-page.h"
