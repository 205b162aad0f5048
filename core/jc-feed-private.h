/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-private.h: what the feed adapters and the feed module share:
 * the adapters' table entries, blank skipping and the JSON helpers. */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "jc-feed.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* The entries of the adapter table (jc-feed-adapters.c), one per feed
 * file: jc-feed-xinfadi.c, jc-feed-csv.c, jc-feed-usda.c. */
extern const JcFeedAdapter _jc_feed_adapter_xinfadi;
extern const JcFeedAdapter _jc_feed_adapter_csv;
extern const JcFeedAdapter _jc_feed_adapter_usda;

/* The first byte at or after `p` that is not ASCII white space, U+FEFF,
 * U+3000 or U+00A0 (jc-feed.c). */
const char *_jc_feed_skip_blank (const char *p,
                                 const char *end);

/* "a number", "an object", "null", "missing" (v NULL): for messages. */
const char *_jc_json_type_name  (const cJSON *v);

typedef enum {
  JC_JSON_TEXT_OK,
  JC_JSON_TEXT_ABSENT,      /* missing or null */
  JC_JSON_TEXT_WRONG_TYPE,
} JcJsonText;

/* A string member of `record`: *out points into the record (NULL unless
 * JC_JSON_TEXT_OK). */
JcJsonText  _jc_json_get_text   (const cJSON  *record,
                                 const char   *name,
                                 const char  **out);

/* Parses a whole JSON document (white space and a BOM around it are
 * allowed).  `what` names the source in messages ("Xinfadi").  NULL with
 * JC_FEED_ERROR_MALFORMED for an empty body, an HTML page (its <title> is
 * quoted), invalid or truncated JSON, or data after the document. */
cJSON      *_jc_feed_parse_json (const char  *data,
                                 gsize        len,
                                 const char  *what,
                                 GError     **error);

/* A price member as text: strings as they are, numbers with 15 significant
 * digits (exact for any decimal price of up to 15 digits), null, booleans,
 * arrays and objects as a word the cleaning rules refuse as BAD_NUMBER.
 * NULL when the member is absent.  `buf` holds the number's text. */
const char *_jc_json_price_text (const cJSON *record,
                                 const char  *name,
                                 char         buf[G_ASCII_DTOSTR_BUF_SIZE]);

G_END_DECLS
