/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-xlsx-read.c: see jc-xlsx-read.h. */
#include "config.h"

#define G_LOG_DOMAIN "jc-xlsx"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "jc-date.h"
#include "jc-units.h"
#include "jc-xlsx-read.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

G_DEFINE_QUARK (jc-xlsx-error-quark, jc_xlsx_error)

/* "20.0 MiB", with a plain space (GLib puts a no-break space there), so
 * that a message reads and greps the same in a terminal and a log. */
static char *
size_text (guint64 bytes)
{
  g_autofree char *s = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_auto(GStrv) parts = g_strsplit (s, "\xC2\xA0", -1);

  return g_strjoinv (" ", parts);
}

/* ---- the zip ----------------------------------------------------- */

typedef struct {
  zip_t              *za;
  const char         *path;
  const JcXlsxLimits *limits;
} Zip;

static void
zip_clear (Zip *z)
{
  if (z->za != NULL)
    zip_discard (z->za);
  z->za = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Zip, zip_clear)

static gboolean
zip_open_checked (Zip                 *z,
                  const char          *path,
                  const void          *data,
                  gsize                len,
                  const JcXlsxLimits  *limits,
                  GError             **error)
{
  zip_error_t zerr;
  zip_source_t *src;
  zip_int64_t n;
  guint64 total = 0;

  z->path = path;
  z->limits = limits;
  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  if (src == NULL)
    {
      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_FAILED,
                   _("Could not read %s: %s"), path, zip_error_strerror (&zerr));
      zip_error_fini (&zerr);
      return FALSE;
    }
  z->za = zip_open_from_source (src, ZIP_RDONLY, &zerr);
  if (z->za == NULL)
    {
      if (zip_error_code_zip (&zerr) == ZIP_ER_NOZIP)
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                     _("%s is not an XLSX file (not a zip archive)"), path);
      else
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                     _("%s is not an XLSX file (a damaged zip archive: %s)"), path,
                     zip_error_strerror (&zerr));
      zip_source_free (src);
      zip_error_fini (&zerr);
      return FALSE;
    }
  zip_error_fini (&zerr);

  /* The zip-bomb checks, from the directory alone, before inflating
   * anything. */
  n = zip_get_num_entries (z->za, 0);
  if (n < 0 || n > limits->max_entries)
    {
      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_TOO_LARGE,
                   ngettext ("%s is not an order form: it holds %lld part",
                             "%s is not an order form: it holds %lld parts",
                             (unsigned long) CLAMP (n, 0, G_MAXLONG)),
                   path, (long long) n);
      return FALSE;
    }
  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_stat_t st;

      zip_stat_init (&st);
      if (zip_stat_index (z->za, (zip_uint64_t) i, 0, &st) != 0 ||
          !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
        {
          g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                       _("%s is not an XLSX file (a damaged zip archive)"), path);
          return FALSE;
        }
      if (st.size > limits->max_part_bytes)
        {
          g_autofree char *have = size_text (st.size);
          g_autofree char *limit = size_text (limits->max_part_bytes);

          g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_TOO_LARGE,
                       _("%s is refused: its part “%s” would unpack to %s (at most %s is read); "
                         "an order form is far smaller — this may be a zip bomb"),
                       path, st.name ? st.name : "?", have, limit);
          return FALSE;
        }
      if (st.size >= limits->ratio_min_bytes &&
          (st.comp_size == 0 || st.size / st.comp_size > limits->max_ratio))
        {
          g_autofree char *have = size_text (st.size);

          g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_TOO_LARGE,
                       ngettext ("%s is refused: its part “%s” would unpack to %s from %llu byte "
                                 "(more than %d times); this may be a zip bomb",
                                 "%s is refused: its part “%s” would unpack to %s from %llu bytes "
                                 "(more than %d times); this may be a zip bomb",
                                 (unsigned long) MIN (st.comp_size, G_MAXULONG)),
                       path, st.name ? st.name : "?", have, (unsigned long long) st.comp_size,
                       (int) limits->max_ratio);
          return FALSE;
        }
      total += st.size;
      if (total > limits->max_total_bytes)
        {
          g_autofree char *limit = size_text (limits->max_total_bytes);

          g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_TOO_LARGE,
                       _("%s is refused: it would unpack to more than %s; "
                         "this may be a zip bomb"), path, limit);
          return FALSE;
        }
    }
  return TRUE;
}

/* An entry's bytes, NUL-terminated, or NULL: missing (no error set, when
 * `optional`) or unreadable.  Reads at most the size the directory
 * declared (checked against the limits when the zip was opened). */
static char *
zip_read_entry (Zip         *z,
                const char  *name,
                gboolean     optional,
                gsize       *out_len,
                GError     **error)
{
  zip_int64_t idx = zip_name_locate (z->za, name, 0);
  zip_stat_t st;
  zip_file_t *zf;
  g_autofree char *buf = NULL;
  zip_uint64_t got = 0;
  char extra;

  if (idx < 0)
    {
      if (!optional)
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                     _("%s is not an XLSX file (it has no “%s”)"), z->path, name);
      return NULL;
    }
  zip_stat_init (&st);
  if (zip_stat_index (z->za, (zip_uint64_t) idx, 0, &st) != 0 || st.size > z->limits->max_part_bytes)
    {
      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                   _("%s is not an XLSX file (a damaged zip archive)"), z->path);
      return NULL;
    }
  zf = zip_fopen_index (z->za, (zip_uint64_t) idx, 0);
  if (zf == NULL)
    {
      zip_error_t *ze = zip_get_error (z->za);
      int code = zip_error_code_zip (ze);

      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                     _("%s is password-protected; save it without a password"), z->path);
      else
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                     _("%s is not an XLSX file (cannot unpack “%s”: %s)"), z->path, name,
                     zip_error_strerror (ze));
      return NULL;
    }
  buf = g_malloc ((gsize) st.size + 1);
  while (got < st.size)
    {
      zip_int64_t r = zip_fread (zf, buf + got, st.size - got);

      if (r < 0)
        {
          g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                       _("%s is not an XLSX file (cannot unpack “%s”: %s)"), z->path, name,
                       zip_file_strerror (zf));
          zip_fclose (zf);
          return NULL;
        }
      if (r == 0)
        break;
      got += (zip_uint64_t) r;
    }
  if (got != st.size || zip_fread (zf, &extra, 1) != 0)
    {
      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                   _("%s is not an XLSX file (“%s” is not the size its zip header says)"),
                   z->path, name);
      zip_fclose (zf);
      return NULL;
    }
  zip_fclose (zf);
  buf[got] = '\0';
  *out_len = (gsize) got;
  return g_steal_pointer (&buf);
}

/* ---- XML --------------------------------------------------------- */

static void
xml_init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      g_once_init_leave (&done, 1);
    }
}

static void
set_dtd_error (const char  *path,
               const char  *part,
               GError     **error)
{
  g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
               _("%s is refused: its part “%s” declares a DTD or entities, "
                 "which an XLSX file never does; open the file in Excel and save it again"),
               path, part);
}

static void
on_quiet_error (void        *data,
                xmlErrorPtr  err)
{
}

/* Runs `sax` over the part with the options of every parse here;
 * `user_data` starts with an xmlParserCtxt * slot, set to the parser
 * (for xmlStopParser). */
static void
sax_parse (const char    *buf,
           gsize          len,
           xmlSAXHandler *sax,
           gpointer       user_data)
{
  xmlSAXHandler *own;
  xmlParserCtxt *ctxt;

  ctxt = xmlCreateMemoryParserCtxt (buf, (int) MIN (len, (gsize) G_MAXINT));
  if (ctxt == NULL)
    return;
  xmlCtxtUseOptions (ctxt, XML_OPTIONS);
  sax->initialized = XML_SAX2_MAGIC;
  sax->serror = sax->serror ? sax->serror : on_quiet_error;
  own = ctxt->sax;
  ctxt->sax = sax;
  ctxt->userData = user_data;
  *(xmlParserCtxt **) user_data = ctxt;
  xmlParseDocument (ctxt);
  ctxt->sax = own;
  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);
}

typedef struct {
  xmlParserCtxt *ctxt;
  gboolean       dtd;
} Prolog;

/* The prolog pass: a DOCTYPE, if any, is reported before its internal
 * subset is read, and the parser stops there (or at the root element, as
 * a DTD cannot follow it), so no declaration is ever processed. */
static void
on_prolog_doctype (void          *data,
                   const xmlChar *name,
                   const xmlChar *external_id,
                   const xmlChar *system_id)
{
  Prolog *p = data;

  p->dtd = TRUE;
  xmlStopParser (p->ctxt);
}

static void
on_prolog_root (void           *data,
                const xmlChar  *localname,
                const xmlChar  *prefix,
                const xmlChar  *uri,
                int             nb_namespaces,
                const xmlChar **namespaces,
                int             nb_attributes,
                int             nb_defaulted,
                const xmlChar **attributes)
{
  Prolog *p = data;

  xmlStopParser (p->ctxt);
}

/* Whether the part declares a DTD, decided by libxml2 parsing its prolog
 * in whatever encoding it is in (UTF-8, UTF-16 with or without a byte
 * order mark…), not by looking for bytes.  A prolog that does not parse
 * is left to the real parse to report. */
static gboolean
xml_check_no_dtd (const char  *path,
                  const char  *part,
                  const char  *buf,
                  gsize        len,
                  GError     **error)
{
  xmlSAXHandler sax = { 0 };
  Prolog p = { NULL, FALSE };

  sax.internalSubset = on_prolog_doctype;
  sax.startElementNs = on_prolog_root;
  sax_parse (buf, len, &sax, &p);
  if (p.dtd)
    {
      set_dtd_error (path, part, error);
      return FALSE;
    }
  return TRUE;
}

/* Where the first entity reference of a part sits, found by a SAX pass
 * once the reader has stopped at it: libxml2 reports the error while
 * the element around it is the one being read, whereas the reader may
 * still be several cells behind. */
typedef struct {
  xmlParserCtxt *ctxt;
  guint          row;
  guint          next_col;
  guint          col;
  gboolean       in_cell;
  gint64         si;            /* the <si> being read; -1 before the first */
  char          *entity;        /* NULL until found */
  gboolean       entity_in_cell;
  guint          entity_row;
  guint          entity_col;
  gint64         entity_si;
} Locate;

static char *
sax_attribute (int             nb_attributes,
               const xmlChar **attributes,
               const char     *name)
{
  for (int i = 0; i < nb_attributes; i++)
    if (g_strcmp0 ((const char *) attributes[i * 5], name) == 0)
      return g_strndup ((const char *) attributes[i * 5 + 3],
                        (gsize) (attributes[i * 5 + 4] - attributes[i * 5 + 3]));
  return NULL;
}

static void
on_locate_start (void           *data,
                 const xmlChar  *localname,
                 const xmlChar  *prefix,
                 const xmlChar  *uri,
                 int             nb_namespaces,
                 const xmlChar **namespaces,
                 int             nb_attributes,
                 int             nb_defaulted,
                 const xmlChar **attributes)
{
  Locate *l = data;
  const char *name = (const char *) localname;

  if (g_str_equal (name, "row"))
    {
      g_autofree char *r = sax_attribute (nb_attributes, attributes, "r");
      guint64 n = 0;

      if (r != NULL && g_ascii_string_to_unsigned (r, 10, 1, 1048576, &n, NULL))
        l->row = (guint) n;
      else
        l->row++;
      l->next_col = 0;
    }
  else if (g_str_equal (name, "c"))
    {
      g_autofree char *r = sax_attribute (nb_attributes, attributes, "r");
      guint c_col, c_row;

      l->col = r != NULL && jc_xlsx_parse_ref (r, &c_col, &c_row) ? c_col : l->next_col;
      l->next_col = l->col + 1;
      l->in_cell = TRUE;
    }
  else if (g_str_equal (name, "si"))
    l->si++;
}

static void
on_locate_end (void          *data,
               const xmlChar *localname,
               const xmlChar *prefix,
               const xmlChar *uri)
{
  Locate *l = data;

  if (g_str_equal ((const char *) localname, "c"))
    l->in_cell = FALSE;
}

static void
on_locate_reference (void          *data,
                     const xmlChar *name)
{
  Locate *l = data;

  if (l->entity != NULL)
    return;
  l->entity = g_strdup ((const char *) name);
  l->entity_in_cell = l->in_cell;
  l->entity_row = l->row;
  l->entity_col = l->col;
  l->entity_si = l->si;
  xmlStopParser (l->ctxt);
}

static void
on_locate_error (void        *data,
                 xmlErrorPtr  err)
{
  Locate *l = data;

  if (l->entity == NULL && err != NULL && err->code == XML_ERR_UNDECLARED_ENTITY &&
      err->str1 != NULL)
    {
      l->entity = g_strdup (err->str1);
      l->entity_in_cell = l->in_cell;
      l->entity_row = l->row;
      l->entity_col = l->col;
      l->entity_si = l->si;
    }
}

/* A sheet's name as Excel writes it before "!B7": quoted ('2026-12-01',
 * with any ' doubled) unless it is letters, digits and _ only, not
 * starting with a digit. */
static char *
sheet_name_in_ref (const char *name)
{
  gboolean plain = *name != '\0' && g_utf8_validate (name, -1, NULL) &&
                   !g_unichar_isdigit (g_utf8_get_char (name));
  g_autoptr(GString) s = NULL;

  for (const char *p = name; plain && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      plain = c == '_' || g_unichar_isalnum (c);
    }
  if (plain)
    return g_strdup (name);
  s = g_string_new ("'");
  for (const char *p = name; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (s, '\'');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The error for an entity reference in `part` of `sheet` (NULL for the
 * shared strings), naming the cell or the shared string; FALSE when no
 * entity reference is found (the reader's own error stands). */
static gboolean
entity_error (Zip                *z,
              const char         *part,
              const JcXlsxSheet  *sheet,
              const char         *buf,
              gsize               len,
              GError            **error)
{
  xmlSAXHandler sax = { 0 };
  Locate l = { 0 };

  l.si = -1;
  sax.startElementNs = on_locate_start;
  sax.endElementNs = on_locate_end;
  sax.reference = on_locate_reference;
  sax.serror = on_locate_error;
  sax_parse (buf, len, &sax, &l);
  if (l.entity == NULL)
    return FALSE;
  if (sheet != NULL && l.entity_in_cell)
    {
      g_autofree char *col = jc_xlsx_col_letters (l.entity_col);
      g_autofree char *name = sheet_name_in_ref (sheet->name);
      g_autofree char *cell = g_strdup_printf ("%s!%s%u", name, col, l.entity_row);

      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                   _("%s is refused: cell %s holds an entity reference (&%s;), which "
                     "Excel never writes; open the file in Excel and save it again"),
                   z->path, cell, l.entity);
    }
  else if (sheet == NULL && l.entity_si >= 0)
    g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                 _("%s is refused: shared string %lld in “%s” holds an entity reference "
                   "(&%s;), which Excel never writes; open the file in Excel and save it again"),
                 z->path, (long long) l.entity_si + 1, part, l.entity);
  else
    g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                 _("%s is refused: its part “%s” holds an entity reference (&%s;), which "
                   "Excel never writes; open the file in Excel and save it again"),
                 z->path, part, l.entity);
  g_free (l.entity);
  return TRUE;
}

static xmlDoc *
xml_parse_part (Zip         *z,
                const char  *part,
                gboolean     optional,
                GError     **error)
{
  g_autofree char *buf = NULL;
  gsize len = 0;
  xmlDoc *doc;

  buf = zip_read_entry (z, part, optional, &len, error);
  if (buf == NULL)
    return NULL;
  if (!xml_check_no_dtd (z->path, part, buf, len, error))
    return NULL;
  doc = xmlReadMemory (buf, (int) len, part, NULL, XML_OPTIONS);
  if (doc == NULL)
    g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                 _("%s is not an XLSX file (“%s” is not well-formed XML)"), z->path, part);
  else if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      /* the prolog pass already refuses these; never read past one */
      xmlFreeDoc (doc);
      set_dtd_error (z->path, part, error);
      return NULL;
    }
  return doc;
}

static gboolean
node_is (const xmlNode *node,
         const char    *local_name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, local_name) == 0;
}

static char *
node_prop (const xmlNode *node,
           const char    *name)
{
  xmlChar *v = xmlGetProp (node, (const xmlChar *) name);
  char *out = g_strdup ((const char *) v);

  xmlFree (v);
  return out;
}

/* The value of a namespaced "r:id"-style attribute whatever its prefix
 * (transitional and strict OOXML use different namespaces). */
static char *
node_rel_id (const xmlNode *node)
{
  for (const xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns != NULL && g_strcmp0 ((const char *) a->name, "id") == 0)
      {
        xmlChar *v = xmlNodeGetContent ((const xmlNode *) a);
        char *out = g_strdup ((const char *) v);

        xmlFree (v);
        return out;
      }
  return NULL;
}

static void
collect_elements (xmlNode    *node,
                  const char *local_name,
                  GPtrArray  *out)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (node_is (n, local_name))
        g_ptr_array_add (out, n);
      collect_elements (n->children, local_name, out);
    }
}

static void
sheet_free (JcXlsxSheet *s)
{
  g_free (s->name);
  g_free (s->part);
  g_free (s);
}

static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

struct _JcXlsx {
  GBytes     *bytes;                /* what the zip reads from */
  char       *name;
  Zip         zip;
  GPtrArray  *sheets;               /* JcXlsxSheet *, in workbook order */
  GHashTable *defined_names;        /* name → constant string */
  char       *shared_strings_part;
  GPtrArray  *sst;                  /* char *: the shared strings */
};

/* A defined name's constant string: "\"a;b\"" → "a;b". */
static char *
unquote_formula_string (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '=')
    p++;
  if (*p != '"')
    return g_strstrip (g_strdup (p));
  for (p++; *p; p++)
    {
      if (*p == '"')
        {
          if (p[1] != '"')
            break;
          p++;
        }
      g_string_append_c (s, *p);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
read_workbook (Zip        *z,
               JcXlsx     *wb,
               GError    **error)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;
  xmlDoc *rels;
  xmlDoc *doc;

  wb->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  rels = xml_parse_part (z, "xl/_rels/workbook.xml.rels", TRUE, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (rels != NULL)
    {
      collect_elements (xmlDocGetRootElement (rels), "Relationship", nodes);
      for (guint i = 0; i < nodes->len; i++)
        {
          g_autofree char *id = node_prop (nodes->pdata[i], "Id");
          g_autofree char *target = node_prop (nodes->pdata[i], "Target");
          g_autofree char *type = node_prop (nodes->pdata[i], "Type");

          if (id == NULL || target == NULL)
            continue;
          if (type != NULL && g_str_has_suffix (type, "/sharedStrings"))
            {
              g_free (wb->shared_strings_part);
              wb->shared_strings_part = resolve_target (target);
            }
          g_hash_table_insert (types, g_strdup (id), g_strdup (type ? type : ""));
          g_hash_table_insert (targets, g_strdup (id), resolve_target (target));
        }
      xmlFreeDoc (rels);
      g_ptr_array_set_size (nodes, 0);
    }
  if (wb->shared_strings_part == NULL)
    wb->shared_strings_part = g_strdup ("xl/sharedStrings.xml");

  doc = xml_parse_part (z, "xl/workbook.xml", FALSE, error);
  if (doc == NULL)
    return FALSE;
  collect_elements (xmlDocGetRootElement (doc), "sheet", nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      JcXlsxSheet *s = g_new0 (JcXlsxSheet, 1);
      g_autofree char *rid = node_rel_id (nodes->pdata[i]);
      const char *target = rid ? g_hash_table_lookup (targets, rid) : NULL;
      const char *type = rid ? g_hash_table_lookup (types, rid) : NULL;

      s->name = node_prop (nodes->pdata[i], "name");
      if (s->name == NULL)
        s->name = g_strdup ("");
      s->part = target ? g_strdup (target) : g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1);
      s->worksheet = type == NULL || *type == '\0' || g_str_has_suffix (type, "/worksheet");
      g_ptr_array_add (wb->sheets, s);
    }
  g_ptr_array_set_size (nodes, 0);
  collect_elements (xmlDocGetRootElement (doc), "definedName", nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autofree char *name = node_prop (nodes->pdata[i], "name");

      if (name != NULL)
        {
          xmlChar *v = xmlNodeGetContent (nodes->pdata[i]);

          g_hash_table_replace (wb->defined_names, g_steal_pointer (&name),
                                unquote_formula_string ((const char *) v));
          xmlFree (v);
        }
    }
  xmlFreeDoc (doc);
  if (wb->sheets->len == 0)
    {
      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX,
                   _("%s is not an XLSX file (the workbook has no sheets)"), z->path);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char    *first_error;
  int      first_code;
} ReaderErrors;

static void
on_reader_error (void        *data,
                 xmlErrorPtr  err)
{
  ReaderErrors *re = data;

  if (re->first_error == NULL && err != NULL && err->message != NULL)
    {
      re->first_error = g_strstrip (g_strdup_printf ("line %d: %s", err->line, err->message));
      re->first_code = err->code;
    }
}

static xmlTextReader *
reader_new (Zip           *z,
            const char    *part,
            const char    *buf,
            gsize          len,
            ReaderErrors  *re,
            GError       **error)
{
  xmlTextReader *r;

  if (!xml_check_no_dtd (z->path, part, buf, len, error))
    return NULL;
  r = xmlReaderForMemory (buf, (int) len, part, NULL, XML_OPTIONS);
  if (r == NULL)
    {
      g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                   _("%s is not an XLSX file (“%s” is not well-formed XML)"), z->path, part);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (r, on_reader_error, re);
  return r;
}

/* FALSE with the error when the reader stands on a node an XLSX part
 * never holds: a DTD (the prolog pass refuses these first) or an entity
 * reference. */
static gboolean
reader_check_node (Zip                *z,
                   const char         *part,
                   const JcXlsxSheet  *sheet,
                   const char         *buf,
                   gsize               len,
                   xmlTextReader      *r,
                   GError            **error)
{
  int t = xmlTextReaderNodeType (r);

  if (t == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      set_dtd_error (z->path, part, error);
      return FALSE;
    }
  if (t == XML_READER_TYPE_ENTITY_REFERENCE)
    {
      if (!entity_error (z, part, sheet, buf, len, error))
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                     _("%s is refused: its part “%s” holds an entity reference (&%s;), which "
                       "Excel never writes; open the file in Excel and save it again"),
                     z->path, part, (const char *) xmlTextReaderConstName (r));
      return FALSE;
    }
  return TRUE;
}

static gboolean
reader_finish (Zip                *z,
               const char         *part,
               const JcXlsxSheet  *sheet,
               const char         *buf,
               gsize               len,
               xmlTextReader      *r,
               int                 rc,
               ReaderErrors       *re,
               GError            **error)
{
  xmlFreeTextReader (r);
  if (rc < 0)
    {
      if (re->first_code != XML_ERR_UNDECLARED_ENTITY ||
          !entity_error (z, part, sheet, buf, len, error))
        g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                     _("%s is not an XLSX file (“%s” is not well-formed XML: %s)"), z->path, part,
                     re->first_error ? re->first_error : "?");
      g_free (re->first_error);
      return FALSE;
    }
  g_free (re->first_error);
  return TRUE;
}

static gboolean
reader_is (xmlTextReader *r,
           int            type,
           const char    *local_name)
{
  return xmlTextReaderNodeType (r) == type &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (r), local_name) == 0;
}

static gboolean
reader_is_text (xmlTextReader *r)
{
  int t = xmlTextReaderNodeType (r);

  return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
         t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
}

/* The shared strings: the text of each <si>, phonetic runs left out. */
static GPtrArray *
read_shared_strings (Zip         *z,
                     const char  *part,
                     GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  g_autofree char *buf = NULL;
  g_autoptr(GString) cur = NULL;
  ReaderErrors re = { NULL };
  xmlTextReader *r;
  gsize len = 0;
  gboolean in_t = FALSE;
  int in_rph = 0;
  int rc;

  buf = zip_read_entry (z, part, TRUE, &len, &local);
  if (buf == NULL)
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      return g_steal_pointer (&out);
    }
  r = reader_new (z, part, buf, len, &re, error);
  if (r == NULL)
    return NULL;
  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      if (!reader_check_node (z, part, NULL, buf, len, r, error))
        {
          xmlFreeTextReader (r);
          g_free (re.first_error);
          return NULL;
        }
      if (reader_is (r, XML_READER_TYPE_ELEMENT, "si"))
        {
          if (cur != NULL)
            g_ptr_array_add (out, g_string_free (g_steal_pointer (&cur), FALSE));
          cur = g_string_new (NULL);
          if (xmlTextReaderIsEmptyElement (r))
            g_ptr_array_add (out, g_string_free (g_steal_pointer (&cur), FALSE));
        }
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "si"))
        {
          if (cur != NULL)
            g_ptr_array_add (out, g_string_free (g_steal_pointer (&cur), FALSE));
        }
      else if (reader_is (r, XML_READER_TYPE_ELEMENT, "rPh") && !xmlTextReaderIsEmptyElement (r))
        in_rph++;
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "rPh"))
        in_rph--;
      else if (reader_is (r, XML_READER_TYPE_ELEMENT, "t"))
        in_t = !xmlTextReaderIsEmptyElement (r);
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "t"))
        in_t = FALSE;
      else if (in_t && in_rph == 0 && cur != NULL && reader_is_text (r))
        g_string_append (cur, (const char *) xmlTextReaderConstValue (r));
    }
  if (!reader_finish (z, part, NULL, buf, len, r, rc, &re, error))
    return NULL;
  return g_steal_pointer (&out);
}

void
jc_xlsx_cell_clear (JcXlsxCell *c)
{
  g_clear_pointer (&c->text, g_free);
}

gboolean
jc_xlsx_parse_ref (const char *ref,
                   guint      *col,
                   guint      *row)
{
  guint c = 0, r = 0;
  const char *p = ref;

  if (ref == NULL)
    return FALSE;
  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > 16384)
        return FALSE;
      p++;
    }
  if (c == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      r = r * 10 + (guint) (*p - '0');
      if (r > 1048576)
        return FALSE;
      p++;
    }
  if (*p != '\0' || r == 0)
    return FALSE;
  *col = c - 1;
  *row = r;
  return TRUE;
}

char *
jc_xlsx_col_letters (guint col)
{
  char buf[8];
  int i = (int) sizeof buf - 1;

  buf[i] = '\0';
  col++;
  while (col > 0 && i > 0)
    {
      guint rem = (col - 1) % 26;

      buf[--i] = (char) ('A' + rem);
      col = (col - 1) / 26;
    }
  return g_strdup (buf + i);
}

gboolean
jc_xlsx_read_sheet (JcXlsx             *xlsx,
                    const JcXlsxSheet  *sheet,
                    JcXlsxCellFunc      cell_func,
                    JcXlsxRowEndFunc    row_end,
                    gpointer            data,
                    GPtrArray          *merges,
                    GError            **error)
{
  Zip *z = &xlsx->zip;
  const char *part = sheet->part;
  const GPtrArray *sst = xlsx->sst;
  g_autofree char *buf = NULL;
  ReaderErrors re = { NULL };
  xmlTextReader *r;
  gsize len = 0;
  int rc;
  guint row = 0, next_col = 0;
  JcXlsxCell cell = { 0 };
  gboolean in_cell = FALSE, in_v = FALSE, in_is_t = FALSE, in_row = FALSE;
  int in_rph = 0;
  g_autofree char *type = NULL;
  g_autoptr(GString) v = g_string_new (NULL);
  g_autoptr(GString) is = g_string_new (NULL);
  gboolean have_v = FALSE, have_is = FALSE;

  buf = zip_read_entry (z, part, FALSE, &len, error);
  if (buf == NULL)
    return FALSE;
  r = reader_new (z, part, buf, len, &re, error);
  if (r == NULL)
    return FALSE;
  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      if (!reader_check_node (z, part, sheet, buf, len, r, error))
        {
          xmlFreeTextReader (r);
          g_free (re.first_error);
          jc_xlsx_cell_clear (&cell);
          return FALSE;
        }
      if (reader_is (r, XML_READER_TYPE_ELEMENT, "row"))
        {
          xmlChar *rr = xmlTextReaderGetAttribute (r, (const xmlChar *) "r");
          guint64 n = 0;

          if (rr != NULL && g_ascii_string_to_unsigned ((const char *) rr, 10, 1, 1048576, &n, NULL))
            row = (guint) n;
          else
            row++;
          xmlFree (rr);
          next_col = 0;
          in_row = !xmlTextReaderIsEmptyElement (r);
          if (!in_row && row_end != NULL)
            row_end (row, data);
        }
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "row"))
        {
          in_row = FALSE;
          if (row_end != NULL)
            row_end (row, data);
        }
      else if (in_row && reader_is (r, XML_READER_TYPE_ELEMENT, "c"))
        {
          xmlChar *ref = xmlTextReaderGetAttribute (r, (const xmlChar *) "r");
          xmlChar *t = xmlTextReaderGetAttribute (r, (const xmlChar *) "t");
          guint c_col, c_row;

          if (ref != NULL && jc_xlsx_parse_ref ((const char *) ref, &c_col, &c_row))
            cell.col = c_col;
          else
            cell.col = next_col;
          cell.row = row;
          next_col = cell.col + 1;
          cell.formula = FALSE;
          g_free (type);
          type = g_strdup (t ? (const char *) t : "n");
          xmlFree (ref);
          xmlFree (t);
          g_string_truncate (v, 0);
          g_string_truncate (is, 0);
          have_v = have_is = FALSE;
          in_cell = !xmlTextReaderIsEmptyElement (r);
        }
      else if (in_cell && reader_is (r, XML_READER_TYPE_ELEMENT, "f"))
        cell.formula = TRUE;
      else if (in_cell && reader_is (r, XML_READER_TYPE_ELEMENT, "v"))
        {
          have_v = TRUE;
          in_v = !xmlTextReaderIsEmptyElement (r);
        }
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "v"))
        in_v = FALSE;
      else if (in_cell && reader_is (r, XML_READER_TYPE_ELEMENT, "is"))
        have_is = TRUE;
      else if (in_cell && reader_is (r, XML_READER_TYPE_ELEMENT, "rPh") && !xmlTextReaderIsEmptyElement (r))
        in_rph++;
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "rPh"))
        in_rph--;
      else if (in_cell && have_is && reader_is (r, XML_READER_TYPE_ELEMENT, "t"))
        in_is_t = !xmlTextReaderIsEmptyElement (r);
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "t"))
        in_is_t = FALSE;
      else if (in_cell && reader_is_text (r))
        {
          if (in_v)
            g_string_append (v, (const char *) xmlTextReaderConstValue (r));
          else if (in_is_t && in_rph == 0)
            g_string_append (is, (const char *) xmlTextReaderConstValue (r));
        }
      else if (reader_is (r, XML_READER_TYPE_END_ELEMENT, "c"))
        {
          in_cell = FALSE;
          if (!have_v && !have_is && !cell.formula)
            continue;   /* a styled blank */
          if (g_str_equal (type, "s"))
            {
              guint64 idx = 0;

              cell.kind = JC_XLSX_CELL_STRING;
              if (g_ascii_string_to_unsigned (v->str, 10, 0, G_MAXUINT, &idx, NULL) && idx < sst->len)
                cell.text = g_strdup (sst->pdata[idx]);
              else
                {
                  g_set_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED,
                               _("%s is not an XLSX file (a cell refers to shared string “%s”, "
                                 "which does not exist)"), z->path, v->str);
                  xmlFreeTextReader (r);
                  g_free (re.first_error);
                  return FALSE;
                }
            }
          else if (g_str_equal (type, "inlineStr"))
            {
              cell.kind = JC_XLSX_CELL_STRING;
              cell.text = g_strdup (is->str);
            }
          else if (g_str_equal (type, "str"))
            {
              cell.kind = JC_XLSX_CELL_STRING;
              cell.text = g_strdup (v->str);
            }
          else if (g_str_equal (type, "b"))
            {
              cell.kind = JC_XLSX_CELL_BOOL;
              cell.text = g_strdup (g_str_equal (v->str, "1") ? "TRUE" : "FALSE");
            }
          else if (g_str_equal (type, "e"))
            {
              cell.kind = JC_XLSX_CELL_ERROR;
              cell.text = g_strdup (v->str);
            }
          else if (g_str_equal (type, "d"))
            {
              cell.kind = JC_XLSX_CELL_DATE;
              cell.text = g_strdup (v->str);
            }
          else
            {
              cell.kind = JC_XLSX_CELL_NUMBER;
              /* Excel keeps a typed 2.3 as 2.2999999999999998: the
               * quantity is what was typed, exactly */
              cell.text = jc_decimal_text_from_double_text (v->str);
              if (cell.text == NULL)
                cell.text = g_strdup (v->str);
            }
          cell_func (&cell, data);
          jc_xlsx_cell_clear (&cell);
        }
      else if (merges != NULL && reader_is (r, XML_READER_TYPE_ELEMENT, "mergeCell"))
        {
          xmlChar *ref = xmlTextReaderGetAttribute (r, (const xmlChar *) "ref");

          if (ref != NULL)
            g_ptr_array_add (merges, g_strdup ((const char *) ref));
          xmlFree (ref);
        }
    }
  jc_xlsx_cell_clear (&cell);
  return reader_finish (z, part, sheet, buf, len, r, rc, &re, error);
}

/* ---- the workbook ---------------------------------------------------- */

JcXlsx *
jc_xlsx_open (const char          *name,
              GBytes              *bytes,
              const JcXlsxLimits  *limits,
              GError             **error)
{
  g_autoptr(JcXlsx) x = g_new0 (JcXlsx, 1);
  gsize len = 0;
  const void *data;

  g_return_val_if_fail (name != NULL && bytes != NULL && limits != NULL, NULL);

  xml_init_once ();
  x->bytes = g_bytes_ref (bytes);
  x->name = g_strdup (name);
  x->defined_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data = g_bytes_get_data (x->bytes, &len);
  if (!zip_open_checked (&x->zip, x->name, data, len, limits, error) ||
      !read_workbook (&x->zip, x, error))
    return NULL;
  x->sst = read_shared_strings (&x->zip, x->shared_strings_part, error);
  if (x->sst == NULL)
    return NULL;
  return g_steal_pointer (&x);
}

void
jc_xlsx_free (JcXlsx *xlsx)
{
  if (xlsx == NULL)
    return;
  zip_clear (&xlsx->zip);
  g_clear_pointer (&xlsx->sheets, g_ptr_array_unref);
  g_clear_pointer (&xlsx->defined_names, g_hash_table_unref);
  g_clear_pointer (&xlsx->shared_strings_part, g_free);
  g_clear_pointer (&xlsx->sst, g_ptr_array_unref);
  g_clear_pointer (&xlsx->bytes, g_bytes_unref);
  g_clear_pointer (&xlsx->name, g_free);
  g_free (xlsx);
}

guint
jc_xlsx_get_n_sheets (const JcXlsx *xlsx)
{
  g_return_val_if_fail (xlsx != NULL, 0);
  return xlsx->sheets->len;
}

const JcXlsxSheet *
jc_xlsx_get_sheet (const JcXlsx *xlsx,
                   guint         index)
{
  g_return_val_if_fail (xlsx != NULL && index < xlsx->sheets->len, NULL);
  return xlsx->sheets->pdata[index];
}

const JcXlsxSheet *
jc_xlsx_find_sheet (const JcXlsx *xlsx,
                    const char   *name)
{
  g_return_val_if_fail (xlsx != NULL && name != NULL, NULL);
  for (guint i = 0; i < xlsx->sheets->len; i++)
    if (g_str_equal (((JcXlsxSheet *) xlsx->sheets->pdata[i])->name, name))
      return xlsx->sheets->pdata[i];
  return NULL;
}

const char *
jc_xlsx_get_defined_name (const JcXlsx *xlsx,
                          const char   *name)
{
  g_return_val_if_fail (xlsx != NULL && name != NULL, NULL);
  return g_hash_table_lookup (xlsx->defined_names, name);
}

/* Excel keeps a typed date as a day count from 1899-12-30. */
char *
jc_xlsx_cell_date_text (const JcXlsxCell *c)
{
  gint64 serial_milli;

  if (c->text == NULL)
    return g_strdup ("");
  if (c->kind == JC_XLSX_CELL_NUMBER && jc_parse_decimal (c->text, 3, &serial_milli, NULL) &&
      serial_milli >= 1000 && serial_milli < G_GINT64_CONSTANT (2958466000))
    {
      GDate d;
      char out[JC_DATE_LEN];

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 30, G_DATE_DECEMBER, 1899);
      g_date_add_days (&d, (guint) (serial_milli / 1000));
      jc_date_format (&d, out);
      return g_strdup (out);
    }
  if (c->kind == JC_XLSX_CELL_DATE && strlen (c->text) >= 10)
    return g_strndup (c->text, 10);
  return g_strstrip (g_strdup (c->text));
}
