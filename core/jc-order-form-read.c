/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-form-read.c: order files into a JcParsedForm — the filled
 * lines as text, each with the row it came from.  No catalog, no store:
 * only what the file itself says, and whether it is a form at all.
 *
 * Files come from outside, so everything is bounded before it is read:
 * the file's size from its metadata, each zip entry's unpacked size and
 * ratio from the zip's directory (never by inflating first), every read
 * into a buffer of the size the directory declared.  XML parts are parsed
 * without network access, without entity substitution, and a part that
 * declares a DTD is refused outright (OOXML parts never have one), so
 * neither external entities nor entity expansion bombs get a chance. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-form"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "jc-csv.h"
#include "jc-output.h"
#include "jc-order-form.h"
#include "jc-units.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static const char *field_labels[JC_FORM_N_FIELDS] = {
  [JC_FORM_FIELD_CANTEEN] = N_("canteen"),
  [JC_FORM_FIELD_DATE] = N_("delivery date"),
  [JC_FORM_FIELD_ITEM] = N_("item code"),
  [JC_FORM_FIELD_NAME] = N_("item name"),
  [JC_FORM_FIELD_UNIT] = N_("unit"),
  [JC_FORM_FIELD_QTY] = N_("quantity"),
  [JC_FORM_FIELD_NOTE] = N_("note"),
};

/* ---- messages and parsed forms ---------------------------------------- */

/**
 * jc_form_message_new:
 * A message located at `row` (0: the whole file) and `column` (NULL: no
 * column) of `file`.  Free with jc_form_message_free().
 */
JcFormMessage *
jc_form_message_new (JcFormMessageKind  kind,
                     const char        *file,
                     JcFormFormat       format,
                     guint              row,
                     const char        *column,
                     const char        *message)
{
  JcFormMessage *m = g_new0 (JcFormMessage, 1);
  gboolean csv = format == JC_FORM_FORMAT_CSV;

  m->kind = kind;
  m->file = g_strdup (file);
  m->row = row;
  m->column = g_strdup (column);
  m->message = g_strdup (message);
  if (row == 0 && g_str_has_prefix (message, file))
    m->text = g_strdup (message);   /* it names the file already */
  else if (row == 0)
    m->text = g_strdup_printf ("%s: %s", file, message);
  /* Whole sentences, so that a translation can order them ("第 14 行，E 列"). */
  else if (column == NULL)
    m->text = g_strdup_printf (csv ? _("%s: line %u: %s") : _("%s: row %u: %s"), file, row,
                               message);
  else
    m->text = g_strdup_printf (csv ? _("%s: line %u, column %s: %s") : _("%s: row %u, column %s: %s"),
                               file, row, column, message);
  return m;
}

void
jc_form_message_free (JcFormMessage *m)
{
  if (m == NULL)
    return;
  g_free (m->file);
  g_free (m->column);
  g_free (m->message);
  g_free (m->text);
  g_free (m);
}

static JcFormRow *
form_row_new (guint row)
{
  JcFormRow *r = g_new0 (JcFormRow, 1);

  r->row = row;
  for (guint i = 0; i < JC_FORM_N_FIELDS; i++)
    r->values[i] = g_strdup ("");
  return r;
}

void
jc_form_row_free (JcFormRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < JC_FORM_N_FIELDS; i++)
    g_free (row->values[i]);
  g_free (row);
}

static void
form_row_set (JcFormRow   *row,
              JcFormField  field,
              const char  *text)
{
  g_free (row->values[field]);
  row->values[field] = g_strstrip (g_strdup (text ? text : ""));
}

static JcParsedForm *
parsed_form_new (const char   *path,
                 JcFormFormat  format)
{
  JcParsedForm *f = g_new0 (JcParsedForm, 1);

  f->path = g_strdup (path);
  f->format = format;
  f->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_form_row_free);
  f->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_form_message_free);
  return f;
}

void
jc_parsed_form_free (JcParsedForm *form)
{
  if (form == NULL)
    return;
  g_free (form->path);
  g_free (form->canteen);
  g_free (form->date);
  for (guint i = 0; i < JC_FORM_N_FIELDS; i++)
    g_free (form->columns[i]);
  g_ptr_array_unref (form->rows);
  g_ptr_array_unref (form->problems);
  g_free (form);
}

/**
 * jc_parsed_form_locate:
 * Where `field` of the line at `row` is, as a person finds it: "row 14,
 * column E (quantity)" or "line 7, column qty".  Free with g_free().
 */
char *
jc_parsed_form_locate (const JcParsedForm *form,
                       guint               row,
                       JcFormField         field)
{
  guint r = form->fixed_rows[field] ? form->fixed_rows[field] : row;
  const char *col = form->columns[field];
  gboolean csv = form->format == JC_FORM_FORMAT_CSV;

  if (col == NULL)
    return g_strdup_printf (csv ? _("line %u") : _("row %u"), r);
  return g_strdup_printf (csv ? _("line %u, column %s") : _("row %u, column %s"), r, col);
}

static void G_GNUC_PRINTF (4, 5)
add_problem (JcParsedForm *form,
             guint         row,
             const char   *column,
             const char   *fmt,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_ptr_array_add (form->problems,
                   jc_form_message_new (JC_FORM_MESSAGE_ERROR, form->path, form->format, row,
                                        column, msg));
}

/* ---- the file ---------------------------------------------------------- */

/* "20.0 MiB", with a plain space (GLib puts a no-break space there), so
 * that a message reads and greps the same in a terminal and a log. */
static char *
size_text (guint64 bytes)
{
  g_autofree char *s = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_auto(GStrv) parts = g_strsplit (s, "\xC2\xA0", -1);

  return g_strjoinv (" ", parts);
}

/* The file's bytes, refusing before reading what is too large or empty. */
static GBytes *
read_bounded (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *buf = NULL;
  goffset size;
  gsize got = 0;

  in = g_file_read (file, NULL, &local);
  if (in == NULL)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("Could not read %s: %s"), path, local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                         NULL, &local);
  if (info == NULL)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("Could not read %s: %s"), path, local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("%s is a folder, not an order file"), path);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size > JC_ORDER_FORM_MAX_FILE_BYTES)
    {
      g_autofree char *have = size_text ((guint64) size);
      g_autofree char *limit = size_text (JC_ORDER_FORM_MAX_FILE_BYTES);

      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_TOO_LARGE,
                   _("%s is too large (%s; an order file may be at most %s)"), path, have, limit);
      return NULL;
    }
  if (size <= 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_EMPTY,
                   _("%s is empty"), path);
      return NULL;
    }
  /* One byte more than the size: a file that grew since is noticed. */
  buf = g_malloc ((gsize) size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), buf, (gsize) size + 1, &got, NULL, &local))
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("Could not read %s: %s"), path, local->message);
      return NULL;
    }
  if (got != (gsize) size)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("%s changed while it was being read; try again"), path);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buf), got);
}

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

/* ---- XLSX: the zip ----------------------------------------------------- */

typedef struct {
  zip_t      *za;
  const char *path;
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
zip_open_checked (Zip         *z,
                  const char  *path,
                  const void  *data,
                  gsize        len,
                  GError     **error)
{
  zip_error_t zerr;
  zip_source_t *src;
  zip_int64_t n;
  guint64 total = 0;

  z->path = path;
  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  if (src == NULL)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("Could not read %s: %s"), path, zip_error_strerror (&zerr));
      zip_error_fini (&zerr);
      return FALSE;
    }
  z->za = zip_open_from_source (src, ZIP_RDONLY, &zerr);
  if (z->za == NULL)
    {
      if (zip_error_code_zip (&zerr) == ZIP_ER_NOZIP)
        g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                     _("%s is not an XLSX file (not a zip archive)"), path);
      else
        g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
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
  if (n < 0 || n > JC_ORDER_FORM_MAX_ENTRIES)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_TOO_LARGE,
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
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                       _("%s is not an XLSX file (a damaged zip archive)"), path);
          return FALSE;
        }
      if (st.size > JC_ORDER_FORM_MAX_PART_BYTES)
        {
          g_autofree char *have = size_text (st.size);
          g_autofree char *limit = size_text (JC_ORDER_FORM_MAX_PART_BYTES);

          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_TOO_LARGE,
                       _("%s is refused: its part “%s” would unpack to %s (at most %s is read); "
                         "an order form is far smaller — this may be a zip bomb"),
                       path, st.name ? st.name : "?", have, limit);
          return FALSE;
        }
      if (st.size >= JC_ORDER_FORM_RATIO_MIN_BYTES &&
          (st.comp_size == 0 || st.size / st.comp_size > JC_ORDER_FORM_MAX_RATIO))
        {
          g_autofree char *have = size_text (st.size);

          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_TOO_LARGE,
                       ngettext ("%s is refused: its part “%s” would unpack to %s from %llu byte "
                                 "(more than %d times); this may be a zip bomb",
                                 "%s is refused: its part “%s” would unpack to %s from %llu bytes "
                                 "(more than %d times); this may be a zip bomb",
                                 (unsigned long) MIN (st.comp_size, G_MAXULONG)),
                       path, st.name ? st.name : "?", have, (unsigned long long) st.comp_size,
                       JC_ORDER_FORM_MAX_RATIO);
          return FALSE;
        }
      total += st.size;
      if (total > JC_ORDER_FORM_MAX_TOTAL_BYTES)
        {
          g_autofree char *limit = size_text (JC_ORDER_FORM_MAX_TOTAL_BYTES);

          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_TOO_LARGE,
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
        g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                     _("%s is not an XLSX file (it has no “%s”)"), z->path, name);
      return NULL;
    }
  zip_stat_init (&st);
  if (zip_stat_index (z->za, (zip_uint64_t) idx, 0, &st) != 0 || st.size > JC_ORDER_FORM_MAX_PART_BYTES)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                   _("%s is not an XLSX file (a damaged zip archive)"), z->path);
      return NULL;
    }
  zf = zip_fopen_index (z->za, (zip_uint64_t) idx, 0);
  if (zf == NULL)
    {
      zip_error_t *ze = zip_get_error (z->za);
      int code = zip_error_code_zip (ze);

      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
        g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                     _("%s is password-protected; save it without a password"), z->path);
      else
        g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
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
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
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
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
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

/* ---- XLSX: XML --------------------------------------------------------- */

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

static gboolean
xml_check_no_dtd (const char  *path,
                  const char  *part,
                  const char  *buf,
                  gsize        len,
                  GError     **error)
{
  if (memmem (buf, len, "<!DOCTYPE", 9) != NULL || memmem (buf, len, "<!ENTITY", 8) != NULL)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                   _("%s is refused: its part “%s” declares a DTD or entities, "
                     "which an XLSX file never does"), path, part);
      return FALSE;
    }
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
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                 _("%s is not an XLSX file (“%s” is not well-formed XML)"), z->path, part);
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

typedef struct {
  char *name;
  char *part;       /* "xl/worksheets/sheet1.xml" */
  gboolean worksheet;
} SheetRef;

static void
sheet_ref_free (SheetRef *s)
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

typedef struct {
  GPtrArray *sheets;        /* SheetRef *, in workbook order */
  char      *defined_marker;
  char      *shared_strings_part;
} Workbook;

static void
workbook_clear (Workbook *wb)
{
  g_clear_pointer (&wb->sheets, g_ptr_array_unref);
  g_clear_pointer (&wb->defined_marker, g_free);
  g_clear_pointer (&wb->shared_strings_part, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workbook, workbook_clear)

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
               Workbook   *wb,
               GError    **error)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;
  xmlDoc *rels;
  xmlDoc *doc;

  wb->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_ref_free);
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
      SheetRef *s = g_new0 (SheetRef, 1);
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

      if (g_strcmp0 (name, JC_ORDER_FORM_DEFINED_NAME) == 0)
        {
          xmlChar *v = xmlNodeGetContent (nodes->pdata[i]);

          g_free (wb->defined_marker);
          wb->defined_marker = unquote_formula_string ((const char *) v);
          xmlFree (v);
        }
    }
  xmlFreeDoc (doc);
  if (wb->sheets->len == 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                   _("%s is not an XLSX file (the workbook has no sheets)"), z->path);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char    *first_error;
} ReaderErrors;

static void
on_reader_error (void        *data,
                 xmlErrorPtr  err)
{
  ReaderErrors *re = data;

  if (re->first_error == NULL && err != NULL && err->message != NULL)
    re->first_error = g_strstrip (g_strdup_printf ("line %d: %s", err->line, err->message));
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
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                   _("%s is not an XLSX file (“%s” is not well-formed XML)"), z->path, part);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (r, on_reader_error, re);
  return r;
}

static gboolean
reader_finish (Zip            *z,
               const char     *part,
               xmlTextReader  *r,
               int             rc,
               ReaderErrors   *re,
               GError        **error)
{
  xmlFreeTextReader (r);
  if (rc < 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
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
  if (!reader_finish (z, part, r, rc, &re, error))
    return NULL;
  return g_steal_pointer (&out);
}

typedef enum {
  CELL_NUMBER,
  CELL_STRING,
  CELL_BOOL,
  CELL_ERROR,
  CELL_DATE,
} CellKind;

typedef struct {
  guint     row;
  guint     col;
  CellKind  kind;
  gboolean  formula;
  char     *text;      /* resolved: shared strings looked up */
} Cell;

static void
cell_clear (Cell *c)
{
  g_clear_pointer (&c->text, g_free);
}

/* "E12" → column 4, row 12.  FALSE if it is not a cell reference. */
static gboolean
parse_ref (const char *ref,
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

static char *
col_letters (guint col)
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

typedef void (*CellFunc) (const Cell *cell, gpointer data);
typedef void (*RowEndFunc) (guint row, gpointer data);

typedef struct {
  GPtrArray *merges;       /* "E12:F13" */
} SheetExtras;

/* Streams a worksheet: calls `cell_func` for every cell with a value or
 * a formula, `row_end` after each row, collects the merged ranges. */
static gboolean
read_sheet (Zip              *z,
            const char       *part,
            const GPtrArray  *sst,
            CellFunc          cell_func,
            RowEndFunc        row_end,
            gpointer          data,
            SheetExtras      *extras,
            GError          **error)
{
  g_autofree char *buf = NULL;
  ReaderErrors re = { NULL };
  xmlTextReader *r;
  gsize len = 0;
  int rc;
  guint row = 0, next_col = 0;
  Cell cell = { 0 };
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

          if (ref != NULL && parse_ref ((const char *) ref, &c_col, &c_row))
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

              cell.kind = CELL_STRING;
              if (g_ascii_string_to_unsigned (v->str, 10, 0, G_MAXUINT, &idx, NULL) && idx < sst->len)
                cell.text = g_strdup (sst->pdata[idx]);
              else
                {
                  g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                               _("%s is not an XLSX file (a cell refers to shared string “%s”, "
                                 "which does not exist)"), z->path, v->str);
                  xmlFreeTextReader (r);
                  return FALSE;
                }
            }
          else if (g_str_equal (type, "inlineStr"))
            {
              cell.kind = CELL_STRING;
              cell.text = g_strdup (is->str);
            }
          else if (g_str_equal (type, "str"))
            {
              cell.kind = CELL_STRING;
              cell.text = g_strdup (v->str);
            }
          else if (g_str_equal (type, "b"))
            {
              cell.kind = CELL_BOOL;
              cell.text = g_strdup (g_str_equal (v->str, "1") ? "TRUE" : "FALSE");
            }
          else if (g_str_equal (type, "e"))
            {
              cell.kind = CELL_ERROR;
              cell.text = g_strdup (v->str);
            }
          else if (g_str_equal (type, "d"))
            {
              cell.kind = CELL_DATE;
              cell.text = g_strdup (v->str);
            }
          else
            {
              cell.kind = CELL_NUMBER;
              /* Excel keeps a typed 2.3 as 2.2999999999999998: the
               * quantity is what was typed, exactly */
              cell.text = jc_decimal_text_from_double_text (v->str);
              if (cell.text == NULL)
                cell.text = g_strdup (v->str);
            }
          cell_func (&cell, data);
          cell_clear (&cell);
        }
      else if (extras != NULL && reader_is (r, XML_READER_TYPE_ELEMENT, "mergeCell"))
        {
          xmlChar *ref = xmlTextReaderGetAttribute (r, (const xmlChar *) "ref");

          if (ref != NULL)
            g_ptr_array_add (extras->merges, g_strdup ((const char *) ref));
          xmlFree (ref);
        }
    }
  cell_clear (&cell);
  return reader_finish (z, part, r, rc, &re, error);
}

/* ---- XLSX: the form sheet ---------------------------------------------- */

#define N_KEPT_COLS (JC_ORDER_FORM_COL_MARKER + 1)

typedef struct {
  JcParsedForm *form;
  char         *marker_cell;
  Cell          canteen_cell;
  Cell          date_cell;
  char         *headings[JC_ORDER_FORM_COL_NOTE + 1];
  Cell          row_cells[N_KEPT_COLS];   /* the current row, A to H */
  guint         row;
} FormSheet;

static void
form_sheet_clear_row (FormSheet *fs)
{
  for (guint i = 0; i < N_KEPT_COLS; i++)
    cell_clear (&fs->row_cells[i]);
}

static const char *
column_field_label (guint col)
{
  switch (col)
    {
    case JC_ORDER_FORM_COL_CODE: return _(field_labels[JC_FORM_FIELD_ITEM]);
    case JC_ORDER_FORM_COL_NAME: return _(field_labels[JC_FORM_FIELD_NAME]);
    case JC_ORDER_FORM_COL_UNIT: return _(field_labels[JC_FORM_FIELD_UNIT]);
    case JC_ORDER_FORM_COL_LAST_WEEK: return _("last week");
    case JC_ORDER_FORM_COL_QTY: return _(field_labels[JC_FORM_FIELD_QTY]);
    case JC_ORDER_FORM_COL_NOTE: return _(field_labels[JC_FORM_FIELD_NOTE]);
    default: return NULL;
    }
}

/* "E (quantity)" for the form's columns, "G" for the others.  In the
 * header block, B is the canteen or the date. */
static char *
column_name (guint col,
             guint row)
{
  g_autofree char *letters = col_letters (col);
  const char *label = NULL;

  if (row >= JC_ORDER_FORM_ROW_HEADER)
    label = column_field_label (col);
  else if (row == JC_ORDER_FORM_ROW_CANTEEN && col == 1)
    label = _(field_labels[JC_FORM_FIELD_CANTEEN]);
  else if (row == JC_ORDER_FORM_ROW_DATE && col == 1)
    label = _(field_labels[JC_FORM_FIELD_DATE]);
  if (label == NULL)
    return g_steal_pointer (&letters);
  return g_strdup_printf ("%s (%s)", letters, label);
}

static void
copy_cell (Cell       *dst,
           const Cell *src)
{
  cell_clear (dst);
  *dst = *src;
  dst->text = g_strdup (src->text);
}

static void
on_form_cell (const Cell *cell,
              gpointer    data)
{
  FormSheet *fs = data;

  if (cell->formula)
    {
      g_autofree char *col = column_name (cell->col, cell->row);

      add_problem (fs->form, cell->row, col, _("formulas are not accepted, type the number"));
      return;
    }
  if (cell->row < JC_ORDER_FORM_FIRST_ROW)
    {
      if (cell->row == JC_ORDER_FORM_ROW_TITLE && cell->col == JC_ORDER_FORM_COL_MARKER &&
          cell->kind == CELL_STRING)
        {
          g_free (fs->marker_cell);
          fs->marker_cell = g_strdup (cell->text);
        }
      else if (cell->row == JC_ORDER_FORM_ROW_CANTEEN && cell->col == 1)
        copy_cell (&fs->canteen_cell, cell);
      else if (cell->row == JC_ORDER_FORM_ROW_DATE && cell->col == 1)
        copy_cell (&fs->date_cell, cell);
      else if (cell->row == JC_ORDER_FORM_ROW_HEADER && cell->col <= JC_ORDER_FORM_COL_NOTE)
        {
          g_free (fs->headings[cell->col]);
          fs->headings[cell->col] = g_strdup (cell->text);
        }
      return;
    }
  if (cell->col < N_KEPT_COLS)
    {
      copy_cell (&fs->row_cells[cell->col], cell);
      fs->row = cell->row;
      return;
    }
  if (cell->text != NULL && *cell->text != '\0')
    {
      g_autofree char *col = column_name (cell->col, cell->row);

      add_problem (fs->form, cell->row, col,
                   _("“%s” is outside the form; quantities go in column E and notes in column F"),
                   cell->text);
    }
}

static const char *
cell_text (const Cell *c)
{
  return c->text ? c->text : "";
}

static void
on_form_row_end (guint    row,
                 gpointer data)
{
  FormSheet *fs = data;
  Cell *qty = &fs->row_cells[JC_ORDER_FORM_COL_QTY];
  Cell *note = &fs->row_cells[JC_ORDER_FORM_COL_NOTE];
  Cell *code = &fs->row_cells[JC_ORDER_FORM_COL_CODE];
  g_autofree char *qty_col = column_name (JC_ORDER_FORM_COL_QTY, row);
  g_autofree char *qty_text = g_strstrip (g_strdup (cell_text (qty)));
  g_autofree char *note_text = g_strstrip (g_strdup (cell_text (note)));
  JcFormRow *r;

  if (row < JC_ORDER_FORM_FIRST_ROW || fs->row != row)
    {
      form_sheet_clear_row (fs);
      return;
    }
  for (guint c = 0; c < N_KEPT_COLS; c++)
    {
      Cell *cell = &fs->row_cells[c];

      if (cell->text == NULL || *cell->text == '\0' || c == JC_ORDER_FORM_COL_QTY || c == JC_ORDER_FORM_COL_NOTE ||
          c == JC_ORDER_FORM_COL_CODE || c == JC_ORDER_FORM_COL_NAME ||
          c == JC_ORDER_FORM_COL_UNIT || c == JC_ORDER_FORM_COL_LAST_WEEK)
        continue;
      {
        g_autofree char *col = column_name (c, row);

        add_problem (fs->form, row, col,
                     _("“%s” is outside the form; quantities go in column E and notes in column F"),
                     cell->text);
      }
    }
  if (*qty_text == '\0' && *note_text == '\0')
    {
      form_sheet_clear_row (fs);
      return;
    }
  if (qty->text != NULL && (qty->kind == CELL_BOOL || qty->kind == CELL_ERROR))
    {
      add_problem (fs->form, row, qty_col,
                   qty->kind == CELL_ERROR
                     ? _("“%s” is a spreadsheet error, not a number")
                     : _("“%s” is not a number"), qty->text);
      form_sheet_clear_row (fs);
      return;
    }
  if (code->text == NULL || *g_strstrip (code->text) == '\0')
    {
      if (*qty_text != '\0')
        add_problem (fs->form, row, qty_col,
                     _("this row has no item (it is a category heading or outside the catalog); "
                       "put quantities on the item rows"));
      else
        {
          g_autofree char *note_col = column_name (JC_ORDER_FORM_COL_NOTE, row);

          add_problem (fs->form, row, note_col,
                       _("this row has no item (it is a category heading or outside the catalog); "
                         "put notes on the item rows"));
        }
      form_sheet_clear_row (fs);
      return;
    }
  r = form_row_new (row);
  form_row_set (r, JC_FORM_FIELD_ITEM, code->text);
  form_row_set (r, JC_FORM_FIELD_NAME, fs->row_cells[JC_ORDER_FORM_COL_NAME].text);
  form_row_set (r, JC_FORM_FIELD_UNIT, fs->row_cells[JC_ORDER_FORM_COL_UNIT].text);
  form_row_set (r, JC_FORM_FIELD_QTY, qty_text);
  form_row_set (r, JC_FORM_FIELD_NOTE, note_text);
  g_ptr_array_add (fs->form->rows, r);
  form_sheet_clear_row (fs);
}

static void
form_sheet_clear (FormSheet *fs)
{
  form_sheet_clear_row (fs);
  cell_clear (&fs->canteen_cell);
  cell_clear (&fs->date_cell);
  g_free (fs->marker_cell);
  for (guint i = 0; i < G_N_ELEMENTS (fs->headings); i++)
    g_free (fs->headings[i]);
}

/* Excel keeps a typed date as a day count from 1899-12-30. */
static char *
date_cell_text (const Cell *c)
{
  gint64 serial_milli;

  if (c->text == NULL)
    return g_strdup ("");
  if (c->kind == CELL_NUMBER && jc_parse_decimal (c->text, 3, &serial_milli, NULL) &&
      serial_milli >= 1000 && serial_milli < G_GINT64_CONSTANT (2958466000))
    {
      GDate d;
      char out[11];

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 30, G_DATE_DECEMBER, 1899);
      g_date_add_days (&d, (guint) (serial_milli / 1000));
      g_snprintf (out, sizeof out, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                  g_date_get_day (&d));
      return g_strdup (out);
    }
  if (c->kind == CELL_DATE && strlen (c->text) >= 10)
    return g_strndup (c->text, 10);
  return g_strstrip (g_strdup (c->text));
}

static gboolean
split_marker (const char  *path,
              const char  *marker,
              char       **canteen,
              char       **date,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (marker, ";", -1);

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], JC_ORDER_FORM_MARKER_PREFIX) &&
      *parts[1] != '\0')
    {
      *canteen = g_strdup (parts[1]);
      *date = g_strdup (parts[2]);
      return TRUE;
    }
  if (g_str_has_prefix (marker, "jicai-order-form "))
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM,
                 _("%s is an order form this version of jicai does not know (“%s”); "
                   "make a new form"), path, parts[0]);
  else
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM,
                 _("%s is not a jicai order form (its form marker “%s” is not one)"), path, marker);
  return FALSE;
}

static const char *expected_headings[] = {
  JC_ORDER_FORM_HEADING_CODE, JC_ORDER_FORM_HEADING_NAME, JC_ORDER_FORM_HEADING_UNIT,
  JC_ORDER_FORM_HEADING_LAST, JC_ORDER_FORM_HEADING_QTY, JC_ORDER_FORM_HEADING_NOTE,
};

/* Does a sheet after the first hold anything? */
typedef struct {
  gboolean found;
  guint    row;
  guint    col;
} AnyData;

static void
on_any_cell (const Cell *cell,
             gpointer    data)
{
  AnyData *a = data;

  if (a->found || ((cell->text == NULL || *cell->text == '\0') && !cell->formula))
    return;
  a->found = TRUE;
  a->row = cell->row;
  a->col = cell->col;
}

static JcParsedForm *
read_xlsx (const char  *path,
           GBytes      *bytes,
           GError     **error)
{
  g_autoptr(JcParsedForm) form = parsed_form_new (path, JC_FORM_FORMAT_XLSX);
  g_auto(Zip) z = { NULL, NULL };
  g_auto(Workbook) wb = { NULL, NULL, NULL };
  g_autoptr(GPtrArray) sst = NULL;
  FormSheet fs = { 0 };
  SheetExtras extras = { NULL };
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func (g_free);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  const SheetRef *first;
  const char *marker;
  gboolean ok;

  xml_init_once ();
  if (!zip_open_checked (&z, path, data, len, error) || !read_workbook (&z, &wb, error))
    return NULL;
  sst = read_shared_strings (&z, wb.shared_strings_part, error);
  if (sst == NULL)
    return NULL;

  first = wb.sheets->pdata[0];
  fs.form = form;
  extras.merges = merges;
  ok = read_sheet (&z, first->part, sst, on_form_cell, on_form_row_end, &fs, &extras, error);
  if (!ok)
    {
      form_sheet_clear (&fs);
      return NULL;
    }

  /* Whose form is it, for which day?  The hidden cell, else the defined
   * name; when both are there they must agree. */
  if (fs.marker_cell != NULL && g_str_has_prefix (fs.marker_cell, "jicai-order-form"))
    marker = fs.marker_cell;
  else if (wb.defined_marker != NULL && g_str_has_prefix (wb.defined_marker, "jicai-order-form"))
    marker = wb.defined_marker;
  else
    marker = NULL;
  if (marker == NULL)
    {
      form_sheet_clear (&fs);
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM,
                   _("%s is not a jicai order form (it has no form marker); make the form with "
                     "“jicai-cli orders template”"), path);
      return NULL;
    }
  if (!split_marker (path, marker, &form->canteen, &form->date, error))
    {
      form_sheet_clear (&fs);
      return NULL;
    }
  if (fs.marker_cell != NULL && wb.defined_marker != NULL &&
      !g_str_equal (fs.marker_cell, wb.defined_marker))
    add_problem (form, JC_ORDER_FORM_ROW_TITLE, "H",
                 _("the form's markers disagree (“%s” in the cell, “%s” in the workbook); "
                   "make a new form"), fs.marker_cell, wb.defined_marker);

  /* The visible canteen and date must be those of the marker. */
  {
    g_autofree char *canteen = g_strstrip (g_strdup (cell_text (&fs.canteen_cell)));
    g_autofree char *date = date_cell_text (&fs.date_cell);
    g_autofree char *ccol = column_name (1, JC_ORDER_FORM_ROW_CANTEEN);
    g_autofree char *dcol = column_name (1, JC_ORDER_FORM_ROW_DATE);

    if (!g_str_equal (canteen, form->canteen))
      add_problem (form, JC_ORDER_FORM_ROW_CANTEEN, ccol,
                   _("the form was made for canteen %s but this cell says “%s”; "
                     "use the form made for your canteen"), form->canteen, canteen);
    if (!g_str_equal (date, form->date))
      add_problem (form, JC_ORDER_FORM_ROW_DATE, dcol,
                   _("the form was made for delivery on %s but this cell says “%s”; "
                     "use the form made for that day"), form->date, date);
  }
  for (guint c = 0; c < G_N_ELEMENTS (expected_headings); c++)
    if (g_strcmp0 (fs.headings[c], expected_headings[c]) != 0)
      {
        g_autofree char *col = col_letters (c);

        add_problem (form, JC_ORDER_FORM_ROW_HEADER, col,
                     _("the heading should be “%s”, not “%s”; the form's columns were changed — "
                       "make a new form"), expected_headings[c], fs.headings[c] ? fs.headings[c] : "");
        break;
      }
  form_sheet_clear (&fs);

  /* Merged cells over the order lines would hide or shift quantities. */
  for (guint i = 0; i < merges->len; i++)
    {
      const char *ref = merges->pdata[i];
      g_auto(GStrv) ends = g_strsplit (ref, ":", 2);
      guint c0, r0, c1, r1;

      if (g_strv_length (ends) != 2 || !parse_ref (ends[0], &c0, &r0) || !parse_ref (ends[1], &c1, &r1))
        continue;
      if (MAX (r0, r1) >= JC_ORDER_FORM_FIRST_ROW)
        {
          guint row = MAX (MIN (r0, r1), JC_ORDER_FORM_FIRST_ROW);
          g_autofree char *col = column_name (MIN (c0, c1), row);

          add_problem (form, row, col,
                       _("merged cells (%s) are not accepted among the order lines; unmerge them"),
                       ref);
        }
    }

  /* Only the first sheet is the form.  Empty extra sheets (Excel's
   * "Sheet2") are harmless; one with data may hold part of the order, so
   * the file is refused rather than read in part. */
  for (guint i = 1; i < wb.sheets->len; i++)
    {
      const SheetRef *s = wb.sheets->pdata[i];
      AnyData any = { FALSE, 0, 0 };

      if (!s->worksheet)
        continue;
      if (!read_sheet (&z, s->part, sst, on_any_cell, NULL, &any, NULL, error))
        return NULL;
      if (any.found)
        {
          g_autofree char *cell = col_letters (any.col);

          add_problem (form, 0, NULL,
                       _("%s has data on sheet “%s” (cell %s%u), but an order form has one "
                         "sheet: put the whole order on the first sheet “%s” and delete the "
                         "other sheets"), path, s->name, cell, any.row, first->name);
        }
    }

  form->columns[JC_FORM_FIELD_CANTEEN] = column_name (1, JC_ORDER_FORM_ROW_CANTEEN);
  form->fixed_rows[JC_FORM_FIELD_CANTEEN] = JC_ORDER_FORM_ROW_CANTEEN;
  form->columns[JC_FORM_FIELD_DATE] = column_name (1, JC_ORDER_FORM_ROW_DATE);
  form->fixed_rows[JC_FORM_FIELD_DATE] = JC_ORDER_FORM_ROW_DATE;
  form->columns[JC_FORM_FIELD_ITEM] = column_name (JC_ORDER_FORM_COL_CODE, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_NAME] = column_name (JC_ORDER_FORM_COL_NAME, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_UNIT] = column_name (JC_ORDER_FORM_COL_UNIT, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_QTY] = column_name (JC_ORDER_FORM_COL_QTY, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_NOTE] = column_name (JC_ORDER_FORM_COL_NOTE, JC_ORDER_FORM_FIRST_ROW);
  for (guint i = 0; i < form->rows->len; i++)
    {
      JcFormRow *r = form->rows->pdata[i];

      form_row_set (r, JC_FORM_FIELD_CANTEEN, form->canteen);
      form_row_set (r, JC_FORM_FIELD_DATE, form->date);
    }
  return g_steal_pointer (&form);
}

/* ---- CSV --------------------------------------------------------------- */

typedef struct {
  const char  *name;
  JcFormField  field;
} HeaderName;

static const HeaderName header_names[] = {
  { "canteen", JC_FORM_FIELD_CANTEEN }, { "食堂", JC_FORM_FIELD_CANTEEN },
  { "date", JC_FORM_FIELD_DATE }, { "日期", JC_FORM_FIELD_DATE },
  { "item", JC_FORM_FIELD_ITEM }, { "品名", JC_FORM_FIELD_ITEM },
  { "qty", JC_FORM_FIELD_QTY }, { "quantity", JC_FORM_FIELD_QTY }, { "数量", JC_FORM_FIELD_QTY },
  { "unit", JC_FORM_FIELD_UNIT }, { "单位", JC_FORM_FIELD_UNIT },
  { "note", JC_FORM_FIELD_NOTE }, { "备注", JC_FORM_FIELD_NOTE },
};

static gboolean
only_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The records of the CSV, or NULL with JC_ORDER_FORM_ERROR. */
static GPtrArray *
csv_records (const char  *path,
             const char  *text,
             gsize        len,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  JcCsvStop stop;
  GPtrArray *records = jc_csv_read_records (text, len, path, &stop, &local);

  if (records != NULL)
    return records;
  if (local->code == JC_CSV_ERROR_QUOTE_UNCLOSED || local->code == JC_CSV_ERROR_QUOTE_TRAILING ||
      local->code == JC_CSV_ERROR_QUOTE_INSIDE)
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                 _("%s: line %u: a quote in the wrong place, or a quoted field that never "
                   "ends (a field with a quote or comma must be in quotes, its quotes "
                   "doubled)"), path, stop.line);
  else
    g_set_error_literal (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                         local->message);
  return NULL;
}

static JcParsedForm *
read_csv (const char  *path,
          GBytes      *bytes,
          GError     **error)
{
  g_autoptr(JcParsedForm) form = parsed_form_new (path, JC_FORM_FORMAT_CSV);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize len = 0, tlen = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  int map[64];
  guint n_cols;
  JcCsvRecord *header;

  text = jc_csv_decode (data, len, path, &tlen, NULL, &local);
  if (text == NULL)
    {
      g_set_error_literal (error, JC_ORDER_FORM_ERROR,
                           local->code == JC_CSV_ERROR_FAILED ? JC_ORDER_FORM_ERROR_FAILED
                                                              : JC_ORDER_FORM_ERROR_ENCODING,
                           local->message);
      return NULL;
    }
  if (only_blank (text))
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_EMPTY, _("%s is empty"), path);
      return NULL;
    }
  records = csv_records (path, text, tlen, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_EMPTY, _("%s is empty"), path);
      return NULL;
    }

  header = records->pdata[0];
  n_cols = g_strv_length (header->fields);
  if (n_cols > G_N_ELEMENTS (map))
    n_cols = G_N_ELEMENTS (map);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header->fields[c]), -1);

      map[c] = -1;
      for (guint k = 0; k < G_N_ELEMENTS (header_names); k++)
        if (g_str_equal (name, header_names[k].name))
          map[c] = (int) header_names[k].field;
      if (map[c] < 0 && *name == '\0')
        continue;   /* a trailing empty heading, as Excel leaves */
      if (map[c] < 0)
        {
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                       _("%s: line %u: unknown column “%s”; the header must be %s (or %s)"),
                       path, header->line, header->fields[c], JC_ORDER_FORM_CSV_HEADER,
                       JC_ORDER_FORM_CSV_HEADER_ZH);
          return NULL;
        }
      if (form->columns[map[c]] != NULL)
        {
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                       _("%s: line %u: column “%s” appears twice in the header"),
                       path, header->line, header->fields[c]);
          return NULL;
        }
      form->columns[map[c]] = g_strdup (header->fields[c]);
    }
  {
    static const JcFormField required[] = {
      JC_FORM_FIELD_CANTEEN, JC_FORM_FIELD_DATE, JC_FORM_FIELD_ITEM, JC_FORM_FIELD_QTY,
    };
    static const char *names[] = { "canteen", "date", "item", "qty" };

    for (guint k = 0; k < G_N_ELEMENTS (required); k++)
      if (form->columns[required[k]] == NULL)
        {
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                       _("%s: line %u: the header has no “%s” column; it must be %s (or %s)"),
                       path, header->line, names[k], JC_ORDER_FORM_CSV_HEADER,
                       JC_ORDER_FORM_CSV_HEADER_ZH);
          return NULL;
        }
  }

  for (guint i = 1; i < records->len; i++)
    {
      JcCsvRecord *rec = records->pdata[i];
      guint n = g_strv_length (rec->fields);
      gboolean all_blank = TRUE;
      JcFormRow *row;

      for (guint c = 0; c < n; c++)
        if (!only_blank (rec->fields[c]))
          all_blank = FALSE;
      if (all_blank)
        continue;
      for (guint c = n_cols; c < n; c++)
        if (!only_blank (rec->fields[c]))
          {
            add_problem (form, rec->line, NULL,
                         ngettext ("%u field, but the header has %u; a field with a comma must "
                                   "be in quotes",
                                   "%u fields, but the header has %u; a field with a comma must "
                                   "be in quotes", n),
                         n, n_cols);
            break;
          }
      row = form_row_new (rec->line);
      for (guint c = 0; c < MIN (n, n_cols); c++)
        if (map[c] >= 0)
          form_row_set (row, (JcFormField) map[c], rec->fields[c]);
      if (*row->values[JC_FORM_FIELD_QTY] == '\0' && *row->values[JC_FORM_FIELD_NOTE] == '\0')
        {
          jc_form_row_free (row);   /* a line of the template left empty */
          continue;
        }
      g_ptr_array_add (form->rows, row);
    }
  return g_steal_pointer (&form);
}

/* ---- entry point ------------------------------------------------------- */

/**
 * jc_order_form_read:
 * Reads an order file: XLSX (by its .xlsx/.xlsm name, or a zip's
 * signature) or CSV.  Returns the filled lines with any problems found on
 * the way (formulas, merged cells, data on other sheets, ...), or NULL
 * with JC_ORDER_FORM_ERROR when the file as a whole cannot be read: too
 * large (checked before reading), empty, not a zip, a zip bomb, not a
 * jicai form, broken XML or CSV, an unknown text encoding.  The messages
 * name the file.  Free with jc_parsed_form_free().
 */
JcParsedForm *
jc_order_form_read (const char  *path,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const guchar *data;
  gboolean zip_magic;

  g_return_val_if_fail (path != NULL, NULL);

  if (!jc_output_check_input (path, error))
    return NULL;
  bytes = read_bounded (path, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                   _("%s is an old Excel 97–2003 (.xls) or other old Office file; "
                     "save it as .xlsx"), path);
      return NULL;
    }
  zip_magic = len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
  if (has_suffix_ci (path, ".xlsx") || has_suffix_ci (path, ".xlsm") || zip_magic)
    return read_xlsx (path, bytes, error);
  return read_csv (path, bytes, error);
}
