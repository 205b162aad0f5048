/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-pinyin.h: pinyin initials of Chinese names, for search ("dbc" finds
 * 大白菜).  Uses the pinyin order of GB2312's first level (3,755 common
 * characters) plus a small table for the food characters outside it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *jc_pinyin_initials (const char *utf8);

G_END_DECLS
