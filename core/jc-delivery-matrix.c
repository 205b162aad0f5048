/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-matrix.c: the imported distance matrix of the delivery
 * planner — a CSV of from,to,distance_m[,time_s] checked against the
 * canteens and the vehicles' depots and stored whole, or refused whole
 * with every problem named by file and line.  It plans nothing (that is
 * jc-delivery.c) and holds no SQL (jc-store-delivery.c). */
#include "config.h"

#define G_LOG_DOMAIN "jc-delivery"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-csv.h"
#include "jc-format.h"
#include "jc-input.h"
#include "jc-delivery-private.h"
#include "jc-store-private.h"

static char *
depot_key (const JcVehicle *v)
{
  return g_strdup_printf ("depot:%s", v->depot);
}

/* ---- the distance matrix ------------------------------------------------ */

static gboolean
parse_whole (const char *text,
             gint64      min,
             gint64     *out)
{
  g_autofree char *t = g_strstrip (g_strdup (text));

  return *t != '\0' && g_ascii_string_to_signed (t, 10, min, G_MAXINT64 / 4096, out, NULL);
}

/* A whole number above `max`: the value the solver would refuse later
 * (every `deliver` failing) or that would run a route's clock over. */
static gboolean
too_large (const char *text,
           gint64      max)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  const char *p = *t == '+' ? t + 1 : t;
  gsize n = strlen (p);
  guint64 v;

  if (n == 0 || strspn (p, "0123456789") != n)
    return FALSE;
  /* twenty digits and more are beyond any integer type */
  return n > 19 || !g_ascii_string_to_unsigned (p, 10, 0, G_MAXUINT64, &v, NULL) ||
         v > (guint64) max;
}

gboolean
jc_delivery_import_matrix (JcStore      *store,
                           const char   *path,
                           guint        *out_pairs,
                           GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_delivery_pair_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) canteens = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  gsize len = 0, text_len = 0;
  gboolean parsed;
  int col_from = -1, col_to = -1, col_dist = -1, col_time = -1;

  g_return_val_if_fail (store != NULL && path != NULL, FALSE);
  bytes = jc_input_read_file (path, JC_DELIVERY_MATRIX_MAX_FILE_BYTES, _("a distance matrix"),
                              &local);
  if (bytes == NULL)
    {
      if (local->domain == JC_INPUT_ERROR)
        g_set_error_literal (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  text = jc_csv_decode (data, len, path, &text_len, NULL, &local);
  if (text == NULL)
    {
      g_set_error_literal (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID, local->message);
      return FALSE;
    }

  canteens = jc_store_list_canteens (store, TRUE, error);
  if (canteens == NULL)
    return FALSE;
  vehicles = jc_store_list_vehicles (store, TRUE, error);
  if (vehicles == NULL)
    return FALSE;
  for (guint i = 0; i < canteens->len; i++)
    g_hash_table_add (keys, g_strdup (((JcCanteen *) canteens->pdata[i])->code));
  for (guint i = 0; i < vehicles->len; i++)
    g_hash_table_add (keys, depot_key (vehicles->pdata[i]));

  records = jc_csv_read_records (text, text_len, path, NULL, &local);
  parsed = records != NULL;
  if (!parsed)
    g_ptr_array_add (problems, g_strdup (local->message));

  if (parsed && records->len == 0)
    g_ptr_array_add (problems, g_strdup_printf (_("%s: the file is empty (the header "
                                                  "from,to,distance_m[,time_s] is needed)"),
                                                path));
  if (parsed && records->len > 0)
    {
      JcCsvRecord *header = records->pdata[0];
      char **head = header->fields;
      guint hline = header->line;

      for (int c = 0; head[c] != NULL; c++)
        {
          g_autofree char *name = g_ascii_strdown (g_strstrip (head[c]), -1);

          if (g_str_equal (name, "from"))
            col_from = c;
          else if (g_str_equal (name, "to"))
            col_to = c;
          else if (g_str_equal (name, "distance_m"))
            col_dist = c;
          else if (g_str_equal (name, "time_s"))
            col_time = c;
        }
      if (col_from < 0)
        g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: the column “%s” is missing"), path, hline, "from"));
      if (col_to < 0)
        g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: the column “%s” is missing"), path, hline, "to"));
      if (col_dist < 0)
        g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: the column “%s” is missing"), path, hline, "distance_m"));
    }
  if (problems->len == 0)
    for (guint r = 1; r < records->len; r++)
      {
        JcCsvRecord *rec = records->pdata[r];
        char **f = rec->fields;
        guint line = rec->line;
        int nf = (int) g_strv_length (f);
        g_autofree char *from = NULL, *to = NULL, *pair_key = NULL;
        gint64 dist = 0, time_s = -1;
        gboolean ok = TRUE;
        guint *first;

        if (nf == 1 && *g_strstrip (f[0]) == '\0')
          continue;   /* a blank line */
        if (nf <= MAX (MAX (col_from, col_to), col_dist))
          {
            g_ptr_array_add (problems, g_strdup_printf (ngettext ("%s:%u: %d field, the header has %d",
                                                                  "%s:%u: %d fields, the header has %d",
                                                                  (unsigned long) MAX (nf, 0)),
                                                        path, line, nf,
                                                        (int) ((JcCsvRecord *) records->pdata[0])->n_fields));
            continue;
          }
        from = g_strstrip (g_strdup (f[col_from]));
        to = g_strstrip (g_strdup (f[col_to]));
        if (!g_hash_table_contains (keys, from))
          {
            g_autofree char *q = jc_format_quote_value (from);

            g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: from: “%s” is neither a canteen code "
                                                          "nor depot:NAME of a vehicle's depot"),
                                                        path, line, q));
            ok = FALSE;
          }
        if (!g_hash_table_contains (keys, to))
          {
            g_autofree char *q = jc_format_quote_value (to);

            g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: to: “%s” is neither a canteen code "
                                                          "nor depot:NAME of a vehicle's depot"),
                                                        path, line, q));
            ok = FALSE;
          }
        if (too_large (f[col_dist], JC_DELIVERY_MATRIX_MAX_DISTANCE_M))
          {
            g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: distance_m: more than %d km "
                                                          "(%d m); no delivery leg is that long"),
                                                        path, line,
                                                        JC_DELIVERY_MATRIX_MAX_DISTANCE_M / 1000,
                                                        JC_DELIVERY_MATRIX_MAX_DISTANCE_M));
            ok = FALSE;
          }
        else if (!parse_whole (f[col_dist], 0, &dist))
          {
            g_autofree char *v = g_strstrip (g_strdup (f[col_dist]));
            gint64 neg;
            g_autofree char *q = jc_format_quote_value (v);

            if (g_ascii_string_to_signed (v, 10, G_MININT64, -1, &neg, NULL))
              g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: distance_m: “%s” is negative"),
                                                          path, line, q));
            else
              g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: distance_m: “%s” is not a whole "
                                                            "number of metres"), path, line, q));
            ok = FALSE;
          }
        if (col_time >= 0 && col_time < nf)
          {
            g_autofree char *v = g_strstrip (g_strdup (f[col_time]));

            if (too_large (v, JC_DELIVERY_MATRIX_MAX_TIME_S))
              {
                g_ptr_array_add (problems, g_strdup_printf (ngettext ("%s:%u: time_s: more than "
                                                                      "%d hour (%d s); no delivery "
                                                                      "leg takes that long",
                                                                      "%s:%u: time_s: more than "
                                                                      "%d hours (%d s); no delivery "
                                                                      "leg takes that long",
                                                                      JC_DELIVERY_MATRIX_MAX_TIME_S / 3600),
                                                            path, line,
                                                            JC_DELIVERY_MATRIX_MAX_TIME_S / 3600,
                                                            JC_DELIVERY_MATRIX_MAX_TIME_S));
                ok = FALSE;
              }
            else if (*v != '\0' && !parse_whole (v, 0, &time_s))
              {
                g_autofree char *q = jc_format_quote_value (v);

                g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: time_s: “%s” is not a whole "
                                                              "number of seconds (0 or more)"),
                                                            path, line, q));
                ok = FALSE;
              }
          }
        if (ok && g_str_equal (from, to) && dist != 0)
          {
            g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: distance_m: from and to are the "
                                                          "same place, the distance must be 0"),
                                                        path, line));
            ok = FALSE;
          }
        pair_key = g_strdup_printf ("%s\t%s", from, to);
        first = g_hash_table_lookup (seen, pair_key);
        if (first != NULL)
          {
            g_ptr_array_add (problems, g_strdup_printf (_("%s:%u: the pair %s → %s is already on "
                                                          "line %u"),
                                                        path, line, from, to, *first));
            ok = FALSE;
          }
        else
          g_hash_table_insert (seen, g_steal_pointer (&pair_key), &rec->line);
        if (ok)
          {
            JcDeliveryPair *pr = g_new0 (JcDeliveryPair, 1);

            pr->from_key = g_steal_pointer (&from);
            pr->to_key = g_steal_pointer (&to);
            pr->distance_m = dist;
            pr->time_s = time_s;
            g_ptr_array_add (pairs, pr);
          }
      }
  if (problems->len > 0)
    {
      g_autoptr(GString) msg = g_string_new (NULL);
      guint shown = MIN (problems->len, 20);

      for (guint i = 0; i < shown; i++)
        g_string_append_printf (msg, "%s%s", i ? "\n" : "", (char *) problems->pdata[i]);
      if (problems->len > shown)
        g_string_append_printf (msg, "\n%s", _("… and more"));
      g_string_append_printf (msg, "\n%s", _("Nothing was imported."));
      g_set_error_literal (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID, msg->str);
      return FALSE;
    }
  if (!_jc_store_delivery_matrix_replace (store, pairs, error))
    return FALSE;
  if (out_pairs != NULL)
    *out_pairs = pairs->len;
  return TRUE;
}

gboolean
jc_delivery_clear_matrix (JcStore  *store,
                          GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return _jc_store_delivery_matrix_replace (store, NULL, error);
}

guint
jc_delivery_count_matrix (JcStore  *store,
                          GError  **error)
{
  g_autoptr(GHashTable) m = _jc_store_delivery_matrix_read (store, error);

  return m ? g_hash_table_size (m) : 0;
}
