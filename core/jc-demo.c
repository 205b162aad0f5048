/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-demo"

#include <glib/gi18n-lib.h>
#include <cJSON.h>
#include <string.h>

#include "jc-date.h"
#include "jc-demo.h"
#include "jc-error.h"
#include "jc-master-save.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-store-plan.h"

#define RESOURCE_PREFIX "/io/github/jicai/Jicai/demo/"

/* How many items of a category a canteen orders on a day, on average. */
static const struct { const char *category; double picks; } daily_picks[] = {
  { "veg", 12 }, { "fruit", 2 }, { "meat", 4 }, { "aquatic", 2 },
  { "soy", 2 }, { "grain", 3 }, { "condiment", 2 },
};

typedef struct {
  gint64 id;
  JcItem *item;
  char  *category;
  gint64 per_diner;   /* milli base units per diner on a day it is ordered */
  char  *quoted_per;  /* what the market's price is for, "" when its printed unit */
  double p;           /* chance to be ordered on a given day */
} DemoItem;

static void
demo_item_clear (gpointer data)
{
  DemoItem *d = data;

  g_free (d->category);
  g_free (d->quoted_per);
  jc_item_free (d->item);
}

typedef struct {
  const char *name;
  char      **lines;  /* without header */
  guint       n_lines;
  guint       n_fields;
} Table;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->lines, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static gboolean
load_table (const char  *name,
            guint        n_fields,
            Table       *out,
            GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  gsize size = 0;
  const char *data;
  char **lines;
  guint n;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  {
    g_autofree char *text = g_strndup (data, size);

    /* g_strsplit_set scans each byte once; g_strsplit calls strstr per
     * line, which ASan's interceptor makes measure the rest of the text
     * each time: quadratic on the megabytes of prices.tsv */
    lines = g_strsplit_set (text, "\n", -1);
  }
  n = g_strv_length (lines);
  while (n > 0 && *lines[n - 1] == '\0')
    {
      g_free (lines[n - 1]);
      lines[--n] = NULL;
    }
  if (n < 2)
    {
      g_strfreev (lines);
      g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_FAILED, _("Demo table %s is empty"), name);
      return FALSE;
    }
  out->name = name;
  out->lines = lines;
  out->n_lines = n;
  out->n_fields = n_fields;
  return TRUE;
}

/* Splits line `i` (1-based, the header is 0) into exactly n_fields. */
static char **
table_row (Table    *t,
           guint     i,
           GError  **error)
{
  char **f = g_strsplit (t->lines[i], "\t", -1);

  if (g_strv_length (f) != t->n_fields)
    {
      g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_FAILED,
                   ngettext ("Demo table %s, line %u: %u field, expected %u",
                             "Demo table %s, line %u: %u fields, expected %u", g_strv_length (f)),
                   t->name, i + 1,
                   g_strv_length (f), t->n_fields);
      g_strfreev (f);
      return NULL;
    }
  return f;
}

static gint64
to_int (const char *s)
{
  return (s == NULL || *s == '\0') ? 0 : g_ascii_strtoll (s, NULL, 10);
}

static gboolean
parse_time (const char *s,
            int        *out)
{
  return jc_parse_time_field (JC_FIELD_NONE, s, out, NULL);
}

static gboolean
load_catalog (JcStore     *store,
              GArray      *demo_items,
              GHashTable  *by_code,
              GError     **error)
{
  g_auto(Table) t = { 0 };

  /* code name category base_unit pack_milli loss_permille piece_mass_g per_diner_g aliases
   * quoted_per */
  if (!load_table ("catalog.tsv", 10, &t, error))
    return FALSE;
  for (guint i = 1; i < t.n_lines; i++)
    {
      g_auto(GStrv) f = table_row (&t, i, error);
      g_autoptr(JcItem) item = jc_item_new ();
      DemoItem d = { 0 };

      if (f == NULL)
        return FALSE;
      item->code = g_strdup (f[0]);
      item->name = g_strdup (f[1]);
      item->category = g_strdup (f[2]);
      if (!jc_base_unit_from_string (f[3], &item->base_unit))
        {
          g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_FAILED,
                       "catalog.tsv, line %u: unknown base unit “%s”", i + 1, f[3]);
          return FALSE;
        }
      item->pack_milli = to_int (f[4]);
      item->loss_permille = (int) to_int (f[5]);
      if (*f[6] != '\0' && !jc_parse_piece_mass (f[6], &item->piece_mass_mg, error))
        {
          g_prefix_error (error, "catalog.tsv, line %u: ", i + 1);
          return FALSE;
        }
      g_strfreev (item->aliases);
      item->aliases = *f[8] ? g_strsplit (f[8], "|", -1) : g_new0 (char *, 1);
      if (!jc_master_save_item (store, item, error))
        {
          g_prefix_error (error, "catalog.tsv, line %u: ", i + 1);
          return FALSE;
        }
      d.id = item->id;
      d.item = jc_item_copy (item);
      d.category = g_strdup (item->category);
      d.per_diner = to_int (f[7]);
      d.quoted_per = g_strdup (f[9]);
      g_array_append_val (demo_items, d);
      g_hash_table_insert (by_code, g_strdup (item->code), GINT_TO_POINTER (demo_items->len));
    }
  return TRUE;
}

static gboolean
load_canteens (JcStore    *store,
               GPtrArray  *canteens,
               GError    **error)
{
  g_auto(Table) t = { 0 };

  /* code name agency address lat lon window_start window_end diners */
  if (!load_table ("canteens.tsv", 9, &t, error))
    return FALSE;
  for (guint i = 1; i < t.n_lines; i++)
    {
      g_auto(GStrv) f = table_row (&t, i, error);
      JcCanteen *c = jc_canteen_new ();

      g_ptr_array_add (canteens, c);
      if (f == NULL)
        return FALSE;
      c->code = g_strdup (f[0]);
      c->name = g_strdup (f[1]);
      c->agency = g_strdup (f[2]);
      c->address = g_strdup (f[3]);
      c->lat = g_ascii_strtod (f[4], NULL);
      c->lon = g_ascii_strtod (f[5], NULL);
      if (!parse_time (f[6], &c->window_start) || !parse_time (f[7], &c->window_end))
        {
          g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_FAILED,
                       "canteens.tsv, line %u: bad delivery window", i + 1);
          return FALSE;
        }
      c->diners = (int) to_int (f[8]);
      if (!jc_master_save_canteen (store, c, error))
        {
          g_prefix_error (error, "canteens.tsv, line %u: ", i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_vehicles (JcStore  *store,
               guint    *n,
               GError  **error)
{
  g_auto(Table) t = { 0 };

  /* plate capacity_kg depot depot_lat depot_lon start_time speed_kmh service_min */
  if (!load_table ("vehicles.tsv", 8, &t, error))
    return FALSE;
  for (guint i = 1; i < t.n_lines; i++)
    {
      g_auto(GStrv) f = table_row (&t, i, error);
      g_autoptr(JcVehicle) v = jc_vehicle_new ();

      if (f == NULL)
        return FALSE;
      v->plate = g_strdup (f[0]);
      v->capacity_kg = to_int (f[1]);
      v->depot = g_strdup (f[2]);
      v->depot_lat = g_ascii_strtod (f[3], NULL);
      v->depot_lon = g_ascii_strtod (f[4], NULL);
      if (!parse_time (f[5], &v->start_time))
        {
          g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_FAILED,
                       "vehicles.tsv, line %u: bad start time", i + 1);
          return FALSE;
        }
      v->speed_kmh = (int) to_int (f[6]);
      v->service_min = (int) to_int (f[7]);
      if (!jc_master_save_vehicle (store, v, error))
        {
          g_prefix_error (error, "vehicles.tsv, line %u: ", i + 1);
          return FALSE;
        }
      (*n)++;
    }
  return TRUE;
}

/* The last days of the demo series as the Xinfadi API answers. */
#define FEED_DAYS 7

static void
add_feed_record (cJSON      *list,
                 DemoItem   *d,
                 const char *iso,
                 char      **f)
{
  gboolean per_jin = d->item->base_unit == JC_BASE_UNIT_KG;
  gint64 div = per_jin ? 2 : 1;
  g_autofree char *low = jc_format_decimal (to_int (f[2]) / div, 3, 0);
  g_autofree char *avg = jc_format_decimal (to_int (f[3]) / div, 3, 0);
  g_autofree char *high = jc_format_decimal (to_int (f[4]) / div, 3, 0);
  g_autofree char *day = g_strdup_printf ("%s 00:00:00", iso);
  cJSON *rec = cJSON_CreateObject ();

  cJSON_AddStringToObject (rec, "prodName", d->item->name);
  cJSON_AddStringToObject (rec, "prodCat", "");
  cJSON_AddStringToObject (rec, "lowPrice", low);
  cJSON_AddStringToObject (rec, "avgPrice", avg);
  cJSON_AddStringToObject (rec, "highPrice", high);
  cJSON_AddStringToObject (rec, "place", "");
  cJSON_AddStringToObject (rec, "specInfo", "");
  cJSON_AddStringToObject (rec, "unitInfo", per_jin ? "斤" : jc_base_unit_to_display (d->item->base_unit));
  cJSON_AddStringToObject (rec, "pubDate", day);
  cJSON_AddItemToArray (list, rec);
}

static gboolean
write_feed (cJSON       *feed,
            const char  *path,
            GError     **error)
{
  g_autofree char *text = NULL;
  int n = cJSON_GetArraySize (cJSON_GetObjectItem (feed, "list"));
  gboolean ok;

  cJSON_AddNumberToObject (feed, "current", 1);
  cJSON_AddNumberToObject (feed, "limit", n);
  cJSON_AddNumberToObject (feed, "count", n);
  text = cJSON_PrintUnformatted (feed);
  cJSON_Delete (feed);
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_mkdir_with_parents (dir, 0700);  /* the cache folder of an office desk */
  }
  ok = g_file_set_contents (path, text, -1, error);
  if (!ok)
    g_prefix_error (error, _("Could not write the demo price feed: "));
  return ok;
}


/* Where the demo's saved market answer goes: beside a database file, or
 * for the office database in this desk's cache folder (no file of the
 * server's). */
static char *
demo_feed_path (JcStore *store)
{
  g_autofree char *dir = NULL;

  if (jc_store_is_office (store))
    dir = g_build_filename (g_get_user_cache_dir (), "jicai", NULL);
  else
    {
      g_autofree char *db_path = g_canonicalize_filename (jc_store_get_path (store), NULL);

      dir = g_path_get_dirname (db_path);
    }
  return g_build_filename (dir, "jicai-demo-feed.json", NULL);
}

static gboolean
load_prices (JcStore        *store,
             const GDate    *today,
             GArray         *demo_items,
             GHashTable     *by_code,
             JcProgressFunc  progress,
             gpointer        user_data,
             GCancellable   *cancellable,
             JcDemoSummary  *summary,
             GError        **error)
{
  g_auto(Table) t = { 0 };
  gint64 source_id;
  gint64 fetch_id;
  guint max_back = 0;
  g_autofree char *feed_path = demo_feed_path (store);
  g_autoptr(cJSON) feed = cJSON_CreateObject ();
  cJSON *list = cJSON_AddArrayToObject (feed, "list");

  {
    g_autoptr(JcSource) source = jc_source_new ();

    /* The demo's market source is local: a saved Xinfadi answer beside
     * the database, which `prices fetch` reads through the same code path
     * (libcurl, the Xinfadi adapter) as the real feed. */
    source->name = g_strdup ("新发地");
    source->adapter = g_strdup ("xinfadi");
    source->url = g_filename_to_uri (feed_path, NULL, NULL);
    source->priority = 10;
    source->enabled = TRUE;
    g_free (source->schedule);   /* jc_source_new() gave it "" */
    source->schedule = g_strdup ("05:30");
    if (!jc_master_save_source (store, source, error))
      return FALSE;
    source_id = source->id;

    /* The market prints the oils' price per 5 L drum with the unit 斤:
     * say so before their quotes are stored (catalog.tsv, quoted_per). */
    for (guint i = 0; i < demo_items->len; i++)
      {
        DemoItem *d = &g_array_index (demo_items, DemoItem, i);

        if (*d->quoted_per != '\0' &&
            !jc_price_map_market_name_as (store, d->item->name, d->item->code, source->name,
                                          d->quoted_per, NULL, error))
          {
            g_prefix_error (error, "catalog.tsv, %s: ", d->item->code);
            return FALSE;
          }
      }
  }
  /* The prices enter like a fetch, with a log entry saying where they come
   * from: the dashboard and `prices log` show it like any other. */
  {
    g_autofree char *started = jc_timestamp_format (NULL);
    JcFetchLogEntry e = { 0 };

    e.source_name = (char *) "新发地";
    e.started_at = started;
    e.status = (char *) "ok";
    fetch_id = jc_store_log_fetch (store, &e, source_id, error);
    if (fetch_id <= 0)
      return FALSE;
  }

  /* code days_back low avg high, milli-yuan per base unit */
  if (!load_table ("prices.tsv", 5, &t, error))
    return FALSE;
  for (guint i = 1; i < t.n_lines; i++)
    {
      g_auto(GStrv) f = table_row (&t, i, error);
      gpointer idx;
      DemoItem *d;
      GDate date = *today;
      char iso[11];
      guint back;

      if (f == NULL)
        return FALSE;
      if (!g_hash_table_lookup_extended (by_code, f[0], NULL, &idx))
        {
          g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_FAILED,
                       "prices.tsv, line %u: unknown item “%s”", i + 1, f[0]);
          return FALSE;
        }
      d = &g_array_index (demo_items, DemoItem, GPOINTER_TO_UINT (idx) - 1);
      back = (guint) to_int (f[1]);
      max_back = MAX (max_back, back);
      g_date_subtract_days (&date, back);
      jc_date_format (&date, iso);
      {
        /* The market quotes per 斤 (per 个 for counted goods); the demo
         * series is per base unit, so store it as the market would. */
        gboolean per_jin = d->item->base_unit == JC_BASE_UNIT_KG;
        gint64 div = per_jin ? 2 : 1;
        JcPriceQuote q = {
          d->item->name, d->category, "", "", per_jin ? "斤" : jc_base_unit_to_display (d->item->base_unit),
          iso, to_int (f[2]) / div, to_int (f[3]) / div, to_int (f[4]) / div,
        };
        JcPutResult put;

        if (!jc_price_put_quote (store, source_id, fetch_id, &q, d->item, &put, error))
          {
            g_prefix_error (error, "prices.tsv, line %u: ", i + 1);
            return FALSE;
          }
      }
      summary->n_prices++;
      if (to_int (f[1]) < FEED_DAYS)
        add_feed_record (list, d, iso, f);
      if (i % 5000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (0.1 + 0.4 * i / t.n_lines, _("Loading market prices…"), user_data);
        }
    }
  {
    GDate first = *today;

    g_autofree char *finished = jc_timestamp_format (NULL);
    g_autofree char *message = NULL;
    char last[11];
    JcFetchLogEntry e = { 0 };

    g_date_subtract_days (&first, max_back);
    jc_date_format (&first, summary->first_date);
    jc_date_format (today, last);
    /* TRANSLATORS: the fetch log entry of the demo's prices: first and
     * last date, then the number of rows */
    message = g_strdup_printf (ngettext ("Demo prices, not fetched: the Beijing Xinfadi market’s "
                                         "published prices (vegetables and fruit 2013–2016, the "
                                         "other goods 2021), moved to %s … %s; %u row from the "
                                         "demo data",
                                         "Demo prices, not fetched: the Beijing Xinfadi market’s "
                                         "published prices (vegetables and fruit 2013–2016, the "
                                         "other goods 2021), moved to %s … %s; %u rows from the "
                                         "demo data", summary->n_prices),
                               summary->first_date, last, summary->n_prices);
    e.finished_at = finished;
    e.status = (char *) "ok";
    e.rows_seen = summary->n_prices;
    e.rows_new = summary->n_prices;
    e.message = message;
    if (!jc_store_finish_fetch_log (store, fetch_id, &e, error))
      return FALSE;
  }
  return write_feed (g_steal_pointer (&feed), feed_path, error);
}

/* Orders on weekdays from the first price day to tomorrow, from each
 * canteen's diners and the items' per-diner norms.  The random choices are
 * seeded by canteen and date, so the same day always gets the same order. */
static gboolean
load_orders (JcStore        *store,
             const GDate    *today,
             GArray         *demo_items,
             GPtrArray      *canteens,
             JcProgressFunc  progress,
             gpointer        user_data,
             GCancellable   *cancellable,
             JcDemoSummary  *summary,
             GError        **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (JcStoreOrderLine));
  GDate day;
  GDate tomorrow = *today;
  guint n_cat[G_N_ELEMENTS (daily_picks)] = { 0 };
  guint total_days, done_days = 0;

  g_date_add_days (&tomorrow, 1);
  g_date_set_parse (&day, summary->first_date);
  if (!g_date_valid (&day))
    return TRUE;
  total_days = (guint) g_date_days_between (&day, &tomorrow) + 1;

  for (guint i = 0; i < demo_items->len; i++)
    {
      DemoItem *d = &g_array_index (demo_items, DemoItem, i);

      for (guint c = 0; c < G_N_ELEMENTS (daily_picks); c++)
        if (g_strcmp0 (d->category, daily_picks[c].category) == 0)
          n_cat[c]++;
    }
  for (guint i = 0; i < demo_items->len; i++)
    {
      DemoItem *d = &g_array_index (demo_items, DemoItem, i);

      d->p = 0;
      for (guint c = 0; c < G_N_ELEMENTS (daily_picks); c++)
        if (g_strcmp0 (d->category, daily_picks[c].category) == 0 && n_cat[c] > 0)
          d->p = MIN (1.0, daily_picks[c].picks / n_cat[c]);
    }

  for (; g_date_compare (&day, &tomorrow) <= 0; g_date_add_days (&day, 1), done_days++)
    {
      GDateWeekday wd = g_date_get_weekday (&day);
      char iso[11];

      if (wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY)
        continue;
      jc_date_format (&day, iso);
      for (guint c = 0; c < canteens->len; c++)
        {
          JcCanteen *canteen = g_ptr_array_index (canteens, c);
          g_autoptr(GRand) rand = g_rand_new_with_seed (g_date_get_julian (&day) * 131u + c);
          const char *status = "submitted";

          /* Tomorrow's intake is still open: a few canteens have not sent
           * their order yet, a few are drafting. */
          if (g_date_compare (&day, &tomorrow) == 0)
            {
              if (c % 5 == 3)
                continue;
              if (c % 4 == 1)
                status = "draft";
            }
          g_array_set_size (lines, 0);
          for (guint i = 0; i < demo_items->len; i++)
            {
              DemoItem *d = &g_array_index (demo_items, DemoItem, i);
              JcStoreOrderLine line = { d->id, 0, NULL, 0 };
              gint64 qty;

              if (d->per_diner <= 0 || g_rand_double (rand) >= d->p)
                continue;
              /* ±15 % around the norm, rounded to 0.5 of the base unit, or
               * to whole pieces (nobody orders half an egg) */
              qty = d->per_diner * canteen->diners * g_rand_int_range (rand, 85, 116) / 100;
              if (d->item->base_unit == JC_BASE_UNIT_PIECE)
                qty = MAX ((qty + 500) / 1000 * 1000, 1000);
              else
                qty = MAX ((qty + 250) / 500 * 500, 500);
              line.qty_milli = qty;
              g_array_append_val (lines, line);
            }
          if (!jc_store_put_order (store, canteen->id, iso, status,
                                   lines->len > 0 ? &g_array_index (lines, JcStoreOrderLine, 0)
                                                  : NULL,
                                   lines->len, error))
            return FALSE;
          summary->n_orders++;
          summary->n_order_lines += lines->len;
        }
      if (done_days % 10 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (0.5 + 0.25 * done_days / total_days, _("Generating canteen orders…"),
                      user_data);
        }
    }
  return TRUE;
}

/* Past delivery dates are done: their plans were locked and the goods
 * bought.  Centralised buying pays a little under the market's average,
 * scattered the way real purchases are (−3 % ± 2.5 %), and buys what was
 * planned give or take a little. */
static gboolean
lock_past_plans (JcStore        *store,
                 const GDate    *today,
                 JcProgressFunc  progress,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 JcDemoSummary  *summary,
                 GError        **error)
{
  GDate day;
  guint total, done = 0;

  g_date_clear (&day, 1);
  g_date_set_parse (&day, summary->first_date);
  if (!g_date_valid (&day))
    return TRUE;
  total = (guint) MAX (1, g_date_days_between (&day, today));
  for (; g_date_compare (&day, today) < 0; g_date_add_days (&day, 1), done++)
    {
      GDateWeekday wd = g_date_get_weekday (&day);
      g_autoptr(JcPlan) plan = NULL;
      g_autoptr(GRand) rand = NULL;
      char iso[11];

      if (wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY)
        continue;
      jc_date_format (&day, iso);
      if (!_jc_plan_lock_in_transaction (store, iso, JC_DEFAULT_STALE_DAYS, "demo", &plan, error))
        return FALSE;
      summary->n_plans++;
      rand = g_rand_new_with_seed (g_date_get_julian (&day) * 7919u);
      for (guint i = 0; i < plan->lines->len; i++)
        {
          JcPlanLine *l = plan->lines->pdata[i];
          gint64 price, qty, cost;

          if (!l->has_price || l->purchase_milli == 0)
            continue;
          /* permille factors, integers: price 945‰–995‰ of the reference,
           * quantity 990‰–1010‰ of the plan (whole packs stay whole) */
          price = l->price_milliyuan * g_rand_int_range (rand, 945, 996) / 1000;
          qty = l->packs >= 0 ? l->purchase_milli
                              : l->purchase_milli * g_rand_int_range (rand, 990, 1011) / 1000;
          if (!jc_line_cost_fen (qty, price, &cost, error) ||
              !_jc_store_put_purchase (store, iso, l->item_id, qty, price, cost, "demo", "", error))
            return FALSE;
          summary->n_purchases++;
        }
      if (done % 10 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (0.75 + 0.25 * done / total, _("Locking past plans and recording purchases…"),
                      user_data);
        }
    }
  return TRUE;
}

/**
 * jc_demo_load:
 * Fills an empty store with the demo world, all of it in one transaction:
 * on any failure or cancellation nothing is kept.  `today` is the last
 * price day.  Refuses a store that already has master data
 * (JC_DEMO_ERROR_NOT_EMPTY).
 */
gboolean
jc_demo_load (JcStore        *store,
              const GDate    *today,
              JcProgressFunc  progress,
              gpointer        user_data,
              GCancellable   *cancellable,
              JcDemoSummary  *summary,
              GError        **error)
{
  g_autoptr(GArray) demo_items = g_array_new (FALSE, TRUE, sizeof (DemoItem));
  g_autoptr(GHashTable) by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) canteens = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_canteen_free);
  JcDemoSummary local = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  g_array_set_clear_func (demo_items, demo_item_clear);
  if (!jc_store_is_empty (store))
    {
      g_autofree char *display = jc_store_get_display_name (store);

      g_set_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_NOT_EMPTY,
                   _("The database “%s” already has data; the demo needs an empty database"),
                   display);
      return FALSE;
    }
  if (!jc_store_begin (store, error))
    return FALSE;
  if (progress)
    progress (0.0, _("Loading the catalog…"), user_data);
  ok = load_catalog (store, demo_items, by_code, error) &&
       load_canteens (store, canteens, error) &&
       load_vehicles (store, &local.n_vehicles, error) &&
       load_prices (store, today, demo_items, by_code, progress, user_data, cancellable, &local,
                    error) &&
       load_orders (store, today, demo_items, canteens, progress, user_data, cancellable, &local,
                    error) &&
       lock_past_plans (store, today, progress, user_data, cancellable, &local, error) &&
       jc_store_commit (store, error);
  if (!ok)
    {
      jc_store_rollback (store);
      return FALSE;
    }
  local.n_items = demo_items->len;
  local.n_canteens = canteens->len;
  jc_date_format (today, local.last_date);
  if (progress)
    progress (1.0, _("Done"), user_data);
  if (summary != NULL)
    *summary = local;
  return TRUE;
}
