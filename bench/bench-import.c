/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: import every real Xinfadi price row in ../shared/data/raw
 * (about 237,000) from CSV, and the same rows as Xinfadi JSON pages served
 * on loopback, beside sqlite3's own `.import` of the same CSV files into
 * tables of the same shape, in the same run.  Each contender runs in its
 * own process so that its peak memory (ru_maxrss) is its own.
 *
 *   bench-import [SHARED_DATA_DIR]
 *
 * Not a test: it prints figures; docs/BENCHMARKS.md records them. */
#include "config.h"

#include <cJSON.h>
#include <curl/curl.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-price-import.h"
#include "jc-store.h"
#include "../tests/jc-test-server.h"

typedef struct {
  const char *path;      /* under raw/ */
  const char *mapping;   /* NULL: the header says it right */
  int         columns;   /* for sqlite3's table */
  gboolean    header;
  const char *key;       /* the columns of our quote key in this shape */
} RawFile;

/* The 2021q4 scrapes' header is wrong (see shared/data/SOURCES.md): the
 * mapping puts the columns right. */
static const RawFile files[] = {
  { "xinfadi-getpricedata-2021q4/caijia_2021-09-08_to_2021-12-07.csv",
    "category=0,name=2,low=3,high=4,avg=5,origin=6,unit=7,date=8", 9, TRUE,
    "c2, c6, c7, c8, c3, c4, c5" },
  { "xinfadi-getpricedata-2021q4/caijia_2021-10-12_to_2021-10-25_nocat.csv",
    "name=0,low=1,high=2,avg=3,origin=4,unit=5,date=6", 7, TRUE,
    "c0, c4, c5, c6, c1, c2, c3" },
  { "xinfadi-getpricedata-2021-12-spec/prive_duo_utf8.csv", NULL, 8, TRUE,
    "c0, c4, c5, c6, c7, c1, c2, c3" },
  { "xinfadi-getpricedata-2021-12-spec/prive_data1_gbk.csv", NULL, 8, TRUE,
    "c0, c4, c5, c6, c7, c1, c2, c3" },
  { "xinfadi-html-table-2021/caijia_2021-07-16_noheader.csv", NULL, 7, FALSE,
    "c0, c4, c5, c6, c1, c2, c3" },
  { "xinfadi-html-table-2021/caijia_2021-03-22_noheader_gbk.csv", NULL, 6, FALSE,
    "c0, c4, c5, c1, c2, c3" },
  { "xinfadi-html-2013-2016/XinFDFruit_2013-06-10_to_2016-05-05.csv", NULL, 7, TRUE,
    "c0, c4, c5, c6, c1, c2, c3" },
  { "xinfadi-html-2013-2016/XinFDVeg_2013-06-10_to_2016-05-03.from_xlsx.csv", NULL, 7, TRUE,
    "c0, c4, c5, c6, c1, c2, c3" },
};

typedef struct {
  double seconds;
  long   maxrss_kb;
  int    status;
} Run;

static Run
run_child (char **argv,
           const char *stdin_path)
{
  Run r = { 0, 0, -1 };
  struct rusage ru;
  gint64 t0 = g_get_monotonic_time ();
  pid_t pid = fork ();
  int status = 0;

  if (pid == 0)
    {
      if (stdin_path != NULL && freopen (stdin_path, "r", stdin) == NULL)
        _exit (127);
      execvp (argv[0], argv);
      _exit (127);
    }
  wait4 (pid, &status, 0, &ru);
  r.seconds = (g_get_monotonic_time () - t0) / 1e6;
  r.maxrss_kb = ru.ru_maxrss;
  r.status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return r;
}

static int
child_csv (const char *raw,
           const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (db, &error);
  guint rows = 0, stored = 0;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (raw, files[i].path, NULL);
      JcCsvMapping mapping;
      JcImportReport r;

      jc_import_report_init (&r);
      if (files[i].mapping != NULL)
        jc_csv_mapping_parse (files[i].mapping, &mapping, NULL);
      if (!jc_prices_import_file (store, path, "csv", files[i].mapping ? &mapping : NULL,
                                  "bench", NULL, NULL, NULL, NULL, NULL, &r, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      rows += r.rows_seen;
      stored += r.rows_new + r.rows_same + r.rows_changed;
      jc_import_report_clear (&r);
    }
  printf ("%u %u\n", rows, stored);
  return 0;
}

/* Xinfadi pages of 1000 records, from the cleaned quotes of the CSVs. */
static GPtrArray *
make_pages (const char *raw,
            guint      *out_rows)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (cJSON_free);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (raw, files[i].path, NULL);
      g_autofree char *data = NULL;
      g_autoptr(JcFeedBatch) batch = jc_feed_batch_new (NULL, NULL);
      JcCsvMapping mapping;
      GArray *quotes;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      if (files[i].mapping != NULL)
        jc_csv_mapping_parse (files[i].mapping, &mapping, NULL);
      if (!jc_feed_parse_csv (data, len, files[i].mapping ? &mapping : NULL, batch, NULL))
        continue;
      quotes = jc_feed_batch_get_quotes (batch);
      for (guint k = 0; k < quotes->len; k++)
        {
          JcQuote *q = &g_array_index (quotes, JcQuote, k);
          g_autofree char *lo = jc_format_decimal (q->low_milliyuan, 3, 0);
          g_autofree char *av = jc_format_decimal (q->avg_milliyuan, 3, 0);
          g_autofree char *hi = jc_format_decimal (q->high_milliyuan, 3, 0);
          g_autofree char *day = g_strdup_printf ("%s 00:00:00", q->date);
          cJSON *rec = cJSON_CreateObject ();

          cJSON_AddStringToObject (rec, "prodName", q->market_name);
          cJSON_AddStringToObject (rec, "prodCat", q->category);
          cJSON_AddStringToObject (rec, "specInfo", q->spec);
          cJSON_AddStringToObject (rec, "place", q->origin);
          cJSON_AddStringToObject (rec, "unitInfo", q->unit);
          cJSON_AddStringToObject (rec, "lowPrice", lo);
          cJSON_AddStringToObject (rec, "avgPrice", av);
          cJSON_AddStringToObject (rec, "highPrice", hi);
          cJSON_AddStringToObject (rec, "pubDate", day);
          g_ptr_array_add (records, cJSON_PrintUnformatted (rec));
          cJSON_Delete (rec);
        }
    }
  for (guint i = 0; i < records->len; i += 1000)
    {
      g_autoptr(GString) page = g_string_new (NULL);
      guint end = MIN (records->len, i + 1000);

      g_string_append_printf (page, "{\"current\":%u,\"limit\":1000,\"count\":%u,\"list\":[",
                              i / 1000 + 1, records->len);
      for (guint k = i; k < end; k++)
        {
          if (k > i)
            g_string_append_c (page, ',');
          g_string_append (page, records->pdata[k]);
        }
      g_string_append (page, "]}");
      g_ptr_array_add (pages, g_string_free (g_steal_pointer (&page), FALSE));
    }
  *out_rows = records->len;
  return pages;
}

static int
child_json (const char *url,
            const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (db, &error);
  g_autoptr(JcSource) source = jc_source_new ();
  JcImportReport r;
  JcFetchOptions opts;

  if (store == NULL)
    return 1;
  source->name = g_strdup ("bench-json");
  source->adapter = g_strdup ("xinfadi");
  source->url = g_strdup (url);
  g_free (source->params);
  source->params = g_strdup ("limit=1000");
  if (!jc_store_insert_source (store, source, &error))
    return 1;
  jc_fetch_options_init (&opts);
  jc_import_report_init (&r);
  if (!jc_prices_fetch_source (store, source, NULL, NULL, &opts, NULL, NULL, NULL, &r, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%u %u\n", r.rows_seen, r.rows_new);
  jc_import_report_clear (&r);
  return 0;
}

static gint64
query_count (const char *db_path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
report (const char *what,
        Run         run,
        guint       rows,
        double      ref_rate)
{
  double rate = rows / run.seconds;

  printf ("%-34s %9u rows %8.2f s %10.0f rows/s %8.1f MiB peak", what, rows, run.seconds, rate,
          run.maxrss_kb / 1024.0);
  if (ref_rate > 0)
    printf ("   %.2f× sqlite3 .import", rate / ref_rate);
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *raw = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *self = NULL;
  g_autofree char *db_csv = NULL;
  g_autofree char *db_json = NULL;
  g_autofree char *db_sqlite = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GString) sql = g_string_new (".bail off\n");
  g_autoptr(GString) sql_keyed = g_string_new (".bail off\n");
  g_autofree char *script_keyed = NULL;
  g_autofree char *db_keyed = NULL;
  guint keyed_rows = 0;
  Run r_keyed;
  guint sqlite_rows = 0;
  Run r_csv, r_sqlite, r_json;

  curl_global_init (CURL_GLOBAL_DEFAULT);
  if (argc == 4 && g_str_equal (argv[1], "--child-csv"))
    return child_csv (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--child-json"))
    return child_json (argv[2], argv[3]);

  raw = g_build_filename (argc > 1 ? argv[1] : "../shared/data", "raw", NULL);
  if (!g_file_test (raw, G_FILE_TEST_IS_DIR))
    {
      printf ("bench-import: %s is absent: the real price files are needed; nothing measured\n", raw);
      return 0;
    }
  self = g_file_read_link ("/proc/self/exe", NULL);
  tmp = g_dir_make_tmp ("jicai-bench-XXXXXX", NULL);
  db_csv = g_build_filename (tmp, "csv.db", NULL);
  db_json = g_build_filename (tmp, "json.db", NULL);
  db_sqlite = g_build_filename (tmp, "sqlite.db", NULL);
  script = g_build_filename (tmp, "import.sql", NULL);
  script_keyed = g_build_filename (tmp, "import-keyed.sql", NULL);
  db_keyed = g_build_filename (tmp, "keyed.db", NULL);

  /* sqlite3: a table per file (its columns as text), .import of the same
   * files.  Once into plain tables, once into tables with a UNIQUE key on
   * the quote's key columns, as our prices table has. */
  for (int keyed = 0; keyed < 2; keyed++)
    {
      GString *q = keyed ? sql_keyed : sql;

      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *path = g_build_filename (raw, files[i].path, NULL);

          g_string_append_printf (q, "CREATE TABLE f%u (", i);
          for (int c = 0; c < files[i].columns; c++)
            g_string_append_printf (q, "%sc%d TEXT", c ? ", " : "", c);
          if (keyed)
            g_string_append_printf (q, ", UNIQUE (%s)", files[i].key);
          g_string_append (q, ");\n");
          g_string_append_printf (q, ".import --csv %s'%s' f%u\n", files[i].header ? "--skip 1 " : "",
                                  path, i);
        }
    }
  g_file_set_contents (script, sql->str, -1, NULL);
  g_file_set_contents (script_keyed, sql_keyed->str, -1, NULL);
  {
    char *argv_sqlite[] = { (char *) "sqlite3", db_sqlite, NULL };

    char *argv_keyed[] = { (char *) "sqlite3", db_keyed, NULL };
    const char *count_sql = "SELECT (SELECT COUNT(*) FROM f0) + (SELECT COUNT(*) FROM f1) + "
      "(SELECT COUNT(*) FROM f2) + (SELECT COUNT(*) FROM f3) + (SELECT COUNT(*) FROM f4) + "
      "(SELECT COUNT(*) FROM f5) + (SELECT COUNT(*) FROM f6) + (SELECT COUNT(*) FROM f7)";
    int saved = dup (2);
    int null_fd = open ("/dev/null", O_WRONLY);

    /* sqlite3 complains about every duplicate and the short last lines on
     * stderr: the rows are what we compare, not its chatter */
    dup2 (null_fd, 2);
    r_sqlite = run_child (argv_sqlite, script);
    r_keyed = run_child (argv_keyed, script_keyed);
    dup2 (saved, 2);
    close (null_fd);
    close (saved);
    sqlite_rows = (guint) query_count (db_sqlite, count_sql);
    keyed_rows = (guint) query_count (db_keyed, count_sql);
  }
  {
    char *argv_csv[] = { self, (char *) "--child-csv", raw, db_csv, NULL };

    r_csv = run_child (argv_csv, NULL);
  }
  printf ("jicai bench-import: %s\n", raw);
  report ("sqlite3 .import, plain tables", r_sqlite, sqlite_rows, 0);
  report ("sqlite3 .import, unique quote key", r_keyed, keyed_rows, 0);
  printf ("(rows: read by sqlite3, kept after its unique key; ratios below are against the\n"
          " plain tables / the keyed tables)\n");
  {
    guint rows = (guint) query_count (db_csv, "SELECT SUM(rows_seen) FROM fetch_log");

    report ("jicai prices import (CSV)", r_csv, rows, sqlite_rows / r_sqlite.seconds);
    printf ("%-34s %*s%.2f× sqlite3 .import with the unique key\n", "", 54, "",
            (rows / r_csv.seconds) / (sqlite_rows / r_keyed.seconds));
  }
  {
    guint n_rows = 0;
    g_autoptr(GPtrArray) pages = make_pages (raw, &n_rows);
    g_autoptr(GError) error = NULL;
    g_autoptr(JcTestServer) server = jc_test_server_new (NULL, NULL, &error);
    g_autofree char *url = NULL;
    char *argv_json[] = { self, (char *) "--child-json", NULL, db_json, NULL };

    if (server == NULL)
      {
        printf ("no loopback server: %s\n", error->message);
        return 1;
      }
    url = jc_test_server_url (server, "/getPriceData.html");
    for (guint i = 0; i < pages->len; i++)
      {
        JcTestReply reply = { JC_TEST_REPLY_BODY, 200, "application/json", pages->pdata[i], -1,
                              NULL, NULL, 0, 0, 1 };

        jc_test_server_add_reply (server, "/getPriceData.html", &reply);
      }
    argv_json[2] = url;
    r_json = run_child (argv_json, NULL);
    report ("jicai prices fetch (JSON, loopback)", r_json, n_rows, sqlite_rows / r_sqlite.seconds);
    printf ("%-34s %*s%.2f× sqlite3 .import with the unique key\n", "", 54, "",
            (n_rows / r_json.seconds) / (sqlite_rows / r_keyed.seconds));
    printf ("(%u pages of 1000; the server runs in the parent process)\n", pages->len);
  }
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf %s", tmp);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return r_csv.status == 0 && r_json.status == 0 ? 0 : 1;
}
