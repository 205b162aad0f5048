/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading an exported workbook back in the suites: one part of the zip,
 * and a sheet's cells by reference.  Only what the tests check; the
 * application's own reader is core/jc-xlsx-read. */
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <zip.h>

#include "jc-test-util.h"

typedef struct {
  char     *ref;      /* "M5" */
  char     *value;    /* the <v> text */
  gboolean  numeric;  /* no t= attribute, or t="n" */
} JcTestCell;

static inline void
jc_test_cell_free (JcTestCell *c)
{
  g_free (c->ref);
  g_free (c->value);
  g_free (c);
}

/* The part `name` of the zip file at `path`, NUL-terminated; a part that
 * is missing fails the test. */
static inline char *
jc_test_zip_read (const char *path,
                  const char *name)
{
  int err = 0;
  zip_t *z = zip_open (path, ZIP_RDONLY, &err);
  zip_stat_t st;
  zip_file_t *zf;
  char *data;

  assert_non_null (z);
  assert_int_equal (zip_stat (z, name, 0, &st), 0);
  zf = zip_fopen (z, name, 0);
  assert_non_null (zf);
  data = g_malloc0 (st.size + 1);
  assert_int_equal (zip_fread (zf, data, st.size), (zip_int64_t) st.size);
  zip_fclose (zf);
  zip_close (z);
  return data;
}

static inline void
jc_test_collect_cells (xmlNode    *node,
                       GHashTable *cells)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, (const xmlChar *) "c"))
        {
          JcTestCell *c = g_new0 (JcTestCell, 1);
          xmlChar *ref = xmlGetProp (n, (const xmlChar *) "r");
          xmlChar *t = xmlGetProp (n, (const xmlChar *) "t");

          c->ref = g_strdup ((const char *) ref);
          c->numeric = t == NULL || xmlStrEqual (t, (const xmlChar *) "n");
          for (xmlNode *v = n->children; v != NULL; v = v->next)
            if (v->type == XML_ELEMENT_NODE && xmlStrEqual (v->name, (const xmlChar *) "v"))
              {
                xmlChar *text = xmlNodeGetContent (v);

                c->value = g_strdup ((const char *) text);
                xmlFree (text);
              }
          xmlFree (ref);
          xmlFree (t);
          g_hash_table_insert (cells, c->ref, c);
        }
      else
        jc_test_collect_cells (n->children, cells);
    }
}

/* The cells of the sheet part `sheet` ("xl/worksheets/sheet1.xml") of the
 * workbook at `path`: a table from reference ("B3") to JcTestCell. */
static inline GHashTable *
jc_test_xlsx_read_sheet (const char *path,
                         const char *sheet)
{
  g_autofree char *xml = jc_test_zip_read (path, sheet);
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) jc_test_cell_free);
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), sheet, NULL, XML_PARSE_NONET);

  assert_non_null (doc);
  jc_test_collect_cells (xmlDocGetRootElement (doc), cells);
  xmlFreeDoc (doc);
  return cells;
}
