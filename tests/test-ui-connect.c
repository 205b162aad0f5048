/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Connect to Office Database" as a person uses it, under Xvfb: the
 * location built from the fields (escaped, validated, never a password),
 * the dialog's own checks, the password kept in libsecret's file backend
 * (no session bus here), the window's title naming the database open, and
 * a connection that fails — a closed port, and with $JICAI_TEST_PG a wrong
 * password — shown in the dialog while the application keeps the store it
 * had.  GSettings is a key file here, so that the test can read what was
 * written. */
#include "config.h"

#include <arpa/inet.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jc-test-ui.h"
#include "jc-application.h"
#include "jc-connect-dialog-private.h"
#include "jc-db-password.h"
#include "jc-db-uri.h"
#include "jc-error.h"
#include "jc-office-secret.h"
#include "jc-window-private.h"

static struct {
  char          *dir;
  char          *db_a;
  char          *db_b;
  JcApplication *app;
} fx;

/* ---- the location from the fields --------------------------------------- */

static char *
build (const char *host,
       const char *port,
       const char *dbname,
       const char *user,
       const char *sslmode)
{
  g_autoptr(GError) error = NULL;
  char *location = jc_db_location_build_pg (host, port, dbname, user, sslmode, &error);

  assert_no_error (error);
  assert_non_null (location);
  return location;
}

static void
assert_refused (const char *host,
                const char *port,
                const char *dbname,
                const char *user,
                const char *sslmode,
                JcField     field,
                const char *named)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = jc_db_location_build_pg (host, port, dbname, user, sslmode,
                                                       &error);

  assert_null (location);
  assert_error (error, JC_VALIDATE_ERROR, field);
  assert_contains (error->message, named);
}

/* What libpq itself reads from `location`: `keyword`'s value. */
static char *
libpq_reads (const char *location,
             const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (location, NULL);
  char *value = NULL;

  assert_non_null (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL)
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

static void
test_build_location (void **state)
{
  g_autofree char *plain = NULL, *odd = NULL, *v6 = NULL;
  g_autofree char *user = NULL, *dbname = NULL, *host = NULL, *password = NULL;
  g_autoptr(JcDbPgFields) fields = NULL;

  jc_test_set_language ("en");
  plain = build ("db.office", "5432", "jicai", "alice", NULL);
  assert_string_equal (plain, "postgresql://alice@db.office:5432/jicai?sslmode=prefer");

  /* `@`, `/`, `:`, `?`, a blank and 中文 are percent-encoded, and libpq
   * reads back exactly what was typed */
  odd = build ("  db.office ", "6543", "食堂/2026?", "a@b:c/d", "verify-full");
  assert_string_equal (odd, "postgresql://a%40b%3Ac%2Fd@db.office:6543/"
                            "%E9%A3%9F%E5%A0%82%2F2026%3F?sslmode=verify-full");
  user = libpq_reads (odd, "user");
  dbname = libpq_reads (odd, "dbname");
  host = libpq_reads (odd, "host");
  password = libpq_reads (odd, "password");
  assert_string_equal (user, "a@b:c/d");
  assert_string_equal (dbname, "食堂/2026?");
  assert_string_equal (host, "db.office");
  assert_null (password);   /* a user with `:` is not taken for user:password */
  fields = jc_db_location_split_pg (odd);
  assert_non_null (fields);
  assert_string_equal (fields->user, "a@b:c/d");
  assert_string_equal (fields->dbname, "食堂/2026?");
  assert_string_equal (fields->host, "db.office");
  assert_string_equal (fields->port, "6543");
  assert_string_equal (fields->sslmode, "verify-full");
  g_clear_pointer (&fields, jc_db_pg_fields_free);

  /* an IPv6 address goes in brackets, typed with or without them */
  v6 = build ("2001:db8::5", "5432", "jicai", "王 小明", "require");
  assert_string_equal (v6, "postgresql://%E7%8E%8B%20%E5%B0%8F%E6%98%8E@[2001:db8::5]:5432/"
                           "jicai?sslmode=require");
  g_clear_pointer (&host, g_free);
  host = libpq_reads (v6, "host");
  assert_string_equal (host, "2001:db8::5");
  g_clear_pointer (&user, g_free);
  user = libpq_reads (v6, "user");
  assert_string_equal (user, "王 小明");
  fields = jc_db_location_split_pg (v6);
  assert_string_equal (fields->host, "2001:db8::5");
  g_clear_pointer (&fields, jc_db_pg_fields_free);
  g_clear_pointer (&v6, g_free);
  v6 = build ("[::1]", "1", "jicai", "alice", "prefer");
  assert_string_equal (v6, "postgresql://alice@[::1]:1/jicai?sslmode=prefer");
  g_clear_pointer (&v6, g_free);
  v6 = build ("127.0.0.1", "65535", "jicai", "alice", "prefer");
  assert_string_equal (v6, "postgresql://alice@127.0.0.1:65535/jicai?sslmode=prefer");

  /* empty fields, each named; ports out of bounds; hosts that are not */
  assert_refused ("", "5432", "jicai", "alice", NULL, JC_FIELD_HOST, "Host");
  assert_refused ("db", "", "jicai", "alice", NULL, JC_FIELD_PORT, "Port");
  assert_refused ("db", "5432", "  ", "alice", NULL, JC_FIELD_DATABASE, "Database");
  assert_refused ("db", "5432", "jicai", "", NULL, JC_FIELD_USER, "User");
  assert_refused ("db", "0", "jicai", "alice", NULL, JC_FIELD_PORT, "“0”");
  assert_refused ("db", "65536", "jicai", "alice", NULL, JC_FIELD_PORT, "1 to 65535");
  assert_refused ("db", "54a", "jicai", "alice", NULL, JC_FIELD_PORT, "“54a”");
  assert_refused ("db", "-1", "jicai", "alice", NULL, JC_FIELD_PORT, "“-1”");
  assert_refused ("db office", "5432", "jicai", "alice", NULL, JC_FIELD_HOST, "“db office”");
  assert_refused ("a,b", "5432", "jicai", "alice", NULL, JC_FIELD_HOST, "“a,b”");
  assert_refused ("db:5432", "5432", "jicai", "alice", NULL, JC_FIELD_HOST, "port");
  assert_refused ("[db]", "5432", "jicai", "alice", NULL, JC_FIELD_HOST, "IPv6");
  assert_refused ("db", "5432", "jic\tai", "alice", NULL, JC_FIELD_DATABASE, "Database");
  assert_refused ("db", "5432", "jicai", "alice", "disable", JC_FIELD_SSLMODE, "“disable”");

  /* what is not of that shape is not taken apart (nor its password kept) */
  assert_null (jc_db_location_split_pg ("service=office"));
  assert_null (jc_db_location_split_pg ("/var/lib/jicai/jicai.db"));
  assert_null (jc_db_location_split_pg ("postgresql://alice:secret@db/jicai"));
  assert_null (jc_db_location_split_pg ("postgresql://alice@db/jicai?sslmode=disable"));
}

/* ---- the keyring ---------------------------------------------------------- */

static JcDbPgFields *
office_fields (const char *host,
               const char *user)
{
  JcDbPgFields *fields = g_new0 (JcDbPgFields, 1);

  fields->host = g_strdup (host);
  fields->port = g_strdup ("5432");
  fields->dbname = g_strdup ("jicai");
  fields->user = g_strdup (user);
  fields->sslmode = g_strdup ("prefer");
  return fields;
}

static char *
settings_file_text (void)
{
  g_autofree char *path = NULL;
  char *text = NULL;

  g_settings_sync ();
  path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    text = g_strdup ("");
  return text;
}

static void
test_keyring (void **state)
{
  g_autoptr(JcDbPgFields) alice = office_fields ("db.office", "alice");
  g_autoptr(JcDbPgFields) bob = office_fields ("db.office", "bob");
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *keyring = NULL;

  /* store, look up */
  assert_true (jc_office_secret_store (alice, "first-Pw@1", NULL, &error));
  assert_no_error (error);
  found = jc_office_secret_lookup (alice, NULL, &error);
  assert_no_error (error);
  assert_string_equal (found, "first-Pw@1");
  g_clear_pointer (&found, g_free);
  /* another user's is not alice's */
  found = jc_office_secret_lookup (bob, NULL, &error);
  assert_no_error (error);
  assert_null (found);

  /* replace */
  assert_true (jc_office_secret_store (alice, "second-Pw@2", NULL, &error));
  found = jc_office_secret_lookup (alice, NULL, &error);
  assert_string_equal (found, "second-Pw@2");
  g_clear_pointer (&found, g_free);

  /* the keyring file is libsecret's, and holds no password in clear */
  assert_true (g_file_get_contents (g_getenv ("SECRET_FILE_TEST_PATH"), &keyring, NULL, NULL));
  assert_null (g_strstr_len (keyring, -1, "second-Pw@2"));

  /* forget; forgetting again is no error */
  assert_true (jc_office_secret_clear (alice, NULL, &error));
  assert_no_error (error);
  found = jc_office_secret_lookup (alice, NULL, &error);
  assert_no_error (error);
  assert_null (found);
  assert_true (jc_office_secret_clear (alice, NULL, &error));
  assert_no_error (error);
}

/* ---- the window's title ------------------------------------------------- */

static JcWindow *
open_window (void)
{
  JcWindow *window = jc_window_new (fx.app);

  gtk_window_present (GTK_WINDOW (window));
  jc_test_settle (GTK_WIDGET (window));
  return window;
}

static void
close_window (JcWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  jc_test_pump (50);
}

static AdwWindowTitle *
find_sidebar_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), _("Jicai")) == 0)
    return ADW_WINDOW_TITLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *found = find_sidebar_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_title (void **state)
{
  JcWindow *window;
  AdwWindowTitle *title;
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;

  jc_test_set_language ("en");
  jc_application_set_db_path (fx.app, fx.db_a);
  window = open_window ();
  assert_string_equal (_jc_window_get_screen (window), "main");
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (window)), "Jicai — a.db");
  title = find_sidebar_title (GTK_WIDGET (window));
  assert_non_null (title);
  assert_string_equal (adw_window_title_get_subtitle (title), "a.db");
  assert_string_equal (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), fx.db_a);

  /* another database: the title follows */
  jc_application_set_db_path (fx.app, fx.db_b);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (window)), "Jicai — b.db");
  assert_string_equal (adw_window_title_get_subtitle (title), "b.db");
  assert_string_equal (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), fx.db_b);

  /* a store handed over (as the dialog does) names its location */
  {
    g_autoptr(GError) error = NULL;
    JcStore *store = jc_store_open (fx.db_a, &error);

    assert_no_error (error);
    jc_application_use_store (fx.app, fx.db_a, store);
    assert_true (jc_application_get_store (fx.app) == store);
    assert_string_equal (gtk_window_get_title (GTK_WINDOW (window)), "Jicai — a.db");
    assert_string_equal (jc_application_get_local_path (fx.app), fx.db_a);
  }
  close_window (window);

  /* the office database by name and server, never its password */
  text = jc_connect_describe_location ("postgresql://alice@db.office:5432/jicai?sslmode=prefer",
                                       &tooltip);
  assert_string_equal (text, "office database jicai on db.office");
  assert_string_equal (tooltip, "postgresql://alice@db.office:5432/jicai");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = jc_connect_describe_location ("postgresql://alice:s3cret@db.office/jicai", &tooltip);
  assert_null (strstr (text, "s3cret"));
  assert_null (strstr (tooltip, "s3cret"));
  assert_contains (text, "db.office");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  jc_test_set_language ("zh_CN");
  text = jc_connect_describe_location ("postgresql://alice@db.office:5432/%E9%A3%9F%E5%A0%82"
                                       "?sslmode=prefer", NULL);
  assert_string_equal (text, "办公室数据库 食堂（服务器 db.office）");
}

/* ---- the dialog ----------------------------------------------------------- */

static JcConnectDialog *
open_dialog (JcWindow *window)
{
  JcConnectDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-office", NULL);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CONNECT_DIALOG) != NULL, 5000);
  dialog = JC_CONNECT_DIALOG (jc_test_find_toplevel (JC_TYPE_CONNECT_DIALOG));
  assert_non_null (dialog);
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_pump_until (_jc_connect_dialog_lookup_done (dialog), 10000);
  assert_true (_jc_connect_dialog_lookup_done (dialog));
  return dialog;
}

static void
fill (JcConnectDialog *dialog,
      const char      *host,
      const char      *port,
      const char      *dbname,
      const char      *user,
      const char      *password)
{
  gtk_editable_set_text (_jc_connect_dialog_get_row (dialog, JC_CONNECT_ROW_HOST), host);
  gtk_editable_set_text (_jc_connect_dialog_get_row (dialog, JC_CONNECT_ROW_PORT), port);
  gtk_editable_set_text (_jc_connect_dialog_get_row (dialog, JC_CONNECT_ROW_DATABASE), dbname);
  gtk_editable_set_text (_jc_connect_dialog_get_row (dialog, JC_CONNECT_ROW_USER), user);
  gtk_editable_set_text (_jc_connect_dialog_get_row (dialog, JC_CONNECT_ROW_PASSWORD), password);
}

static gboolean
row_marked (JcConnectDialog *dialog,
            JcConnectRow     row)
{
  return gtk_widget_has_css_class (GTK_WIDGET (_jc_connect_dialog_get_row (dialog, row)), "error");
}

static void
test_dialog_validation (void **state)
{
  JcWindow *window;
  JcConnectDialog *dialog;
  JcStore *before;

  jc_test_set_language ("en");
  jc_application_set_db_path (fx.app, fx.db_a);
  before = jc_application_get_store (fx.app);
  window = open_window ();
  dialog = open_dialog (window);

  /* nothing remembered yet: the default port and TLS when offered */
  assert_string_equal (gtk_editable_get_text (_jc_connect_dialog_get_row (dialog,
                                                                          JC_CONNECT_ROW_PORT)),
                       "5432");
  assert_int_equal (adw_combo_row_get_selected (_jc_connect_dialog_get_sslmode (dialog)), 0);
  jc_test_screenshot (GTK_WIDGET (dialog), "connect-dialog-empty-en");

  fill (dialog, "", "5432", "jicai", "alice", "");
  _jc_connect_dialog_connect (dialog);
  assert_false (_jc_connect_dialog_is_busy (dialog));
  assert_contains (_jc_connect_dialog_get_error (dialog), "Host is empty");
  assert_true (row_marked (dialog, JC_CONNECT_ROW_HOST));

  fill (dialog, "db.office", "70000", "jicai", "alice", "");
  /* typing clears the mark */
  assert_false (row_marked (dialog, JC_CONNECT_ROW_HOST));
  assert_null (_jc_connect_dialog_get_error (dialog));
  _jc_connect_dialog_connect (dialog);
  assert_false (_jc_connect_dialog_is_busy (dialog));
  assert_contains (_jc_connect_dialog_get_error (dialog), "“70000” is not a number from 1 to 65535");
  assert_true (row_marked (dialog, JC_CONNECT_ROW_PORT));
  assert_false (row_marked (dialog, JC_CONNECT_ROW_HOST));

  fill (dialog, "db.office", "5432", "jicai", "", "");
  _jc_connect_dialog_connect (dialog);
  assert_contains (_jc_connect_dialog_get_error (dialog), "User is empty");
  assert_true (row_marked (dialog, JC_CONNECT_ROW_USER));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "connect-dialog-error-en");

  /* nothing of the application changed */
  assert_true (jc_application_get_store (fx.app) == before);
  assert_string_equal (jc_application_get_db_path (fx.app), fx.db_a);

  /* "Use a File on This Computer" goes back to the file */
  jc_application_set_db_path (fx.app, fx.db_b);
  _jc_connect_dialog_use_file (dialog);
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (JC_TYPE_CONNECT_DIALOG));
  assert_string_equal (jc_application_get_db_path (fx.app), fx.db_b);
  assert_non_null (jc_application_get_store (fx.app));
  close_window (window);

  /* in Chinese */
  jc_test_set_language ("zh_CN");
  window = open_window ();
  dialog = open_dialog (window);
  fill (dialog, "db.office", "5432", "食堂", "王小明", "");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "connect-dialog-zh_CN");
  fill (dialog, "db.office", "0", "食堂", "王小明", "");
  _jc_connect_dialog_connect (dialog);
  assert_true (row_marked (dialog, JC_CONNECT_ROW_PORT));
  assert_contains (_jc_connect_dialog_get_error (dialog), "端口");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "connect-dialog-error-zh_CN");
  _jc_connect_dialog_cancel (dialog);   /* not busy: closes */
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (JC_TYPE_CONNECT_DIALOG));
  close_window (window);
  jc_test_set_language ("en");
}

/* A port nothing listens on: bound, then closed. */
static guint
closed_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  assert_true (fd >= 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  assert_int_equal (bind (fd, (struct sockaddr *) &addr, sizeof addr), 0);
  assert_int_equal (getsockname (fd, (struct sockaddr *) &addr, &len), 0);
  close (fd);
  return ntohs (addr.sin_port);
}

static void
wait_connected (JcConnectDialog *dialog)
{
  assert_true (_jc_connect_dialog_is_busy (dialog));
  jc_test_pump_until (!_jc_connect_dialog_is_busy (dialog), 30000);
  assert_false (_jc_connect_dialog_is_busy (dialog));
}

static void
test_closed_port (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *port = g_strdup_printf ("%u", closed_port ());
  g_autoptr(JcDbPgFields) fields = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *location = NULL;
  g_autofree char *settings_text = NULL;
  g_autofree char *remembered = NULL;
  JcWindow *window;
  JcConnectDialog *dialog;
  JcStore *before;
  const char *message;

  jc_test_set_language ("en");
  g_settings_set_string (settings, "office-location", "");
  jc_application_set_db_path (fx.app, fx.db_a);
  before = jc_application_get_store (fx.app);
  window = open_window ();
  dialog = open_dialog (window);
  fill (dialog, "127.0.0.1", port, "jicai", "alice", "Pw-never-shown");
  gtk_switch_set_active (_jc_connect_dialog_get_remember (dialog), TRUE);
  location = build ("127.0.0.1", port, "jicai", "alice", "prefer");

  /* the attempt runs on its thread: the call returns at once, busy */
  _jc_connect_dialog_connect (dialog);
  wait_connected (dialog);

  /* the driver's sentence, in the dialog; the password nowhere */
  message = _jc_connect_dialog_get_error (dialog);
  assert_non_null (message);
  assert_contains (message, "Cannot connect to the office database");
  assert_contains (message, port);
  assert_null (strstr (message, "Pw-never-shown"));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "connect-dialog-refused-en");

  /* the application kept what it had; nothing was remembered */
  assert_true (jc_application_get_store (fx.app) == before);
  assert_string_equal (jc_application_get_db_path (fx.app), fx.db_a);
  assert_string_equal (_jc_window_get_screen (window), "main");
  assert_false (jc_db_has_password (location));
  remembered = g_settings_get_string (settings, "office-location");
  assert_string_equal (remembered, "");
  fields = jc_db_location_split_pg (location);
  kept = jc_office_secret_lookup (fields, NULL, NULL);
  assert_null (kept);
  settings_text = settings_file_text ();
  assert_null (strstr (settings_text, "Pw-never-shown"));

  /* the dialog can be used again */
  assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_jc_connect_dialog_get_row (dialog,
                                                                                 JC_CONNECT_ROW_HOST))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* A server that accepts the connection and never answers: the attempt
 * waits on its thread (the window keeps drawing), Cancel gives the dialog
 * back at once, and what the attempt ends with later changes nothing. */
static void
test_cancel (void **state)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  g_autofree char *port = NULL;
  JcWindow *window;
  JcConnectDialog *dialog;
  JcStore *before;
  guint frames = 0, tick;

  assert_true (fd >= 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  assert_int_equal (bind (fd, (struct sockaddr *) &addr, sizeof addr), 0);
  assert_int_equal (listen (fd, 4), 0);
  assert_int_equal (getsockname (fd, (struct sockaddr *) &addr, &len), 0);
  port = g_strdup_printf ("%u", ntohs (addr.sin_port));

  jc_test_set_language ("en");
  jc_application_set_db_path (fx.app, fx.db_a);
  before = jc_application_get_store (fx.app);
  window = open_window ();
  dialog = open_dialog (window);
  fill (dialog, "127.0.0.1", port, "jicai", "alice", "pw");
  _jc_connect_dialog_connect (dialog);
  assert_true (_jc_connect_dialog_is_busy (dialog));
  assert_true (gtk_widget_get_visible (_jc_connect_dialog_get_spinner (dialog)));
  assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_jc_connect_dialog_get_row (dialog,
                                                                                  JC_CONNECT_ROW_HOST))));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (dialog), jc_test_count_frame_cb, &frames, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (dialog));
  jc_test_pump (1000);
  gtk_widget_remove_tick_callback (GTK_WIDGET (dialog), tick);
  assert_true (frames >= 5);   /* the spinner turns: the main thread does not wait */
  assert_true (_jc_connect_dialog_is_busy (dialog));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "connect-dialog-connecting-en");

  _jc_connect_dialog_cancel (dialog);
  assert_false (_jc_connect_dialog_is_busy (dialog));
  assert_false (gtk_widget_get_visible (_jc_connect_dialog_get_spinner (dialog)));
  assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_jc_connect_dialog_get_row (dialog,
                                                                                 JC_CONNECT_ROW_HOST))));
  assert_non_null (jc_test_find_toplevel (JC_TYPE_CONNECT_DIALOG));   /* still open */
  /* the server goes away; the attempt ends on its thread, unheard */
  close (fd);
  jc_test_pump (2000);
  assert_null (_jc_connect_dialog_get_error (dialog));
  assert_true (jc_application_get_store (fx.app) == before);
  assert_string_equal (jc_application_get_db_path (fx.app), fx.db_a);
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* The remembered office database is offered, with its kept password. */
static void
test_remembered (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(JcDbPgFields) fields = office_fields ("db.office", "王小明");
  g_autofree char *location = build ("db.office", "5432", "jicai", "王小明", "require");
  JcWindow *window;
  JcConnectDialog *dialog;

  assert_true (jc_office_secret_store (fields, "kept-Pw", NULL, NULL));
  g_settings_set_string (settings, "office-location", location);
  jc_application_set_db_path (fx.app, fx.db_a);
  window = open_window ();
  dialog = open_dialog (window);
  assert_string_equal (gtk_editable_get_text (_jc_connect_dialog_get_row (dialog,
                                                                          JC_CONNECT_ROW_HOST)),
                       "db.office");
  assert_string_equal (gtk_editable_get_text (_jc_connect_dialog_get_row (dialog,
                                                                          JC_CONNECT_ROW_USER)),
                       "王小明");
  assert_int_equal (adw_combo_row_get_selected (_jc_connect_dialog_get_sslmode (dialog)), 1);
  assert_string_equal (gtk_editable_get_text (_jc_connect_dialog_get_row (dialog,
                                                                          JC_CONNECT_ROW_PASSWORD)),
                       "kept-Pw");
  assert_true (gtk_switch_get_active (_jc_connect_dialog_get_remember (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
  assert_true (jc_office_secret_clear (fields, NULL, NULL));
  g_settings_set_string (settings, "office-location", "");
}

/* With a server ($JICAI_TEST_PG, as the test command runs it): a wrong
 * password is said in the dialog; the right one reaches the store, whose
 * own answer (a store open, or why not) is what the dialog shows. */
static void
test_server (void **state)
{
  const char *pg = g_getenv ("JICAI_TEST_PG");
  const char *host = g_getenv ("PGHOST");
  g_autofree char *password = g_strdup (g_getenv ("PGPASSWORD"));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *port = g_strdup (g_getenv ("PGPORT") ? g_getenv ("PGPORT") : "5432");
  g_autofree char *user = g_strdup (g_getenv ("PGUSER") ? g_getenv ("PGUSER") : g_get_user_name ());
  g_autofree char *wrong = NULL;
  g_autofree char *location = NULL;
  const char *dbname;
  JcWindow *window;
  JcConnectDialog *dialog;
  JcStore *before;

  if (pg == NULL || *pg == '\0' || password == NULL)
    {
      g_printerr ("jicai: SKIPPED: the connect dialog against a server: JICAI_TEST_PG, PGHOST "
                  "and PGPASSWORD are not set (the test command sets them)\n");
      skip ();
    }
  dbname = strrchr (pg, '/') + 1;
  if (host == NULL || *host == '\0')
    host = "localhost";
  jc_test_set_language ("en");
  jc_application_set_db_path (fx.app, fx.db_a);
  before = jc_application_get_store (fx.app);
  location = build (host, port, dbname, user, "prefer");
  window = open_window ();
  dialog = open_dialog (window);

  wrong = g_strconcat (password, "-wrong", NULL);
  fill (dialog, host, port, dbname, user, wrong);
  _jc_connect_dialog_connect (dialog);
  wait_connected (dialog);
  assert_contains (_jc_connect_dialog_get_error (dialog), "password authentication failed");
  assert_null (strstr (_jc_connect_dialog_get_error (dialog), wrong));
  assert_true (jc_application_get_store (fx.app) == before);
  assert_false (jc_db_has_password (location));

  /* libpq's own fallback is out of the way: a password reaches it only
   * as we give it */
  g_unsetenv ("PGPASSWORD");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JcDb) db = jc_db_open (location, JC_DB_OPEN_DEFAULT, &error);

    assert_null (db);
    assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CANT_OPEN);
    g_clear_error (&error);
    /* the password set for the location is given to every later open of
     * it (the store's workers'), and never shows in a message */
    jc_db_set_password (location, wrong);
    db = jc_db_open (location, JC_DB_OPEN_DEFAULT, &error);
    assert_null (db);
    assert_contains (error->message, "password authentication failed");
    assert_null (strstr (error->message, wrong));
    g_clear_error (&error);
    jc_db_set_password (location, password);
    db = jc_db_open (location, JC_DB_OPEN_DEFAULT, &error);
    assert_no_error (error);
    assert_non_null (db);
    g_clear_pointer (&db, jc_db_close);
    /* an explicit password wins over the one set */
    db = jc_db_open_with_password (location, wrong, JC_DB_OPEN_DEFAULT, &error);
    assert_null (db);
    g_clear_error (&error);
    jc_db_set_password (location, NULL);
    assert_false (jc_db_has_password (location));
  }

  fill (dialog, host, port, dbname, user, password);
  _jc_connect_dialog_connect (dialog);
  wait_connected (dialog);
  if (jc_test_find_toplevel (JC_TYPE_CONNECT_DIALOG) != NULL)
    {
      /* the store said no: its message, and the old store kept */
      assert_non_null (_jc_connect_dialog_get_error (dialog));
      assert_null (strstr (_jc_connect_dialog_get_error (dialog), password));
      assert_true (jc_application_get_store (fx.app) == before);
      g_printerr ("jicai: the store does not open the office database yet: %s\n",
                  _jc_connect_dialog_get_error (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *remembered = g_settings_get_string (settings, "office-location");
      g_autofree char *settings_text = settings_file_text ();
      g_autofree char *expected = g_strdup_printf ("Jicai — office database %s on %s", dbname,
                                                   host);

      assert_string_equal (jc_application_get_db_path (fx.app), location);
      assert_string_equal (remembered, location);
      assert_null (strstr (settings_text, password));
      assert_non_null (strstr (settings_text, "office-location"));
      assert_string_equal (gtk_window_get_title (GTK_WINDOW (window)), expected);
      assert_true (jc_db_has_password (location));
      jc_db_set_password (location, NULL);
    }
  close_window (window);
  jc_application_set_db_path (fx.app, fx.db_a);
  g_setenv ("PGPASSWORD", password, TRUE);
}

/* ---- main --------------------------------------------------------------- */

static int
setup (void **state)
{
  g_autoptr(GError) error = NULL;

  fx.db_a = g_build_filename (fx.dir, "a.db", NULL);
  fx.db_b = g_build_filename (fx.dir, "b.db", NULL);
  {
    g_autoptr(JcStore) a = jc_store_open (fx.db_a, &error);
    g_autoptr(JcStore) b = NULL;

    assert_no_error (error);
    assert_non_null (a);
    b = jc_store_open (fx.db_b, &error);
    assert_no_error (error);
  }
  fx.app = jc_application_new ();
  jc_application_set_db_path (fx.app, fx.db_a);
  assert_true (g_application_register (G_APPLICATION (fx.app), NULL, &error));
  assert_no_error (error);
  assert_non_null (jc_application_get_store (fx.app));
  return 0;
}

static int
teardown (void **state)
{
  g_clear_object (&fx.app);
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_a);
  g_free (fx.db_b);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_build_location),
    cmocka_unit_test (test_keyring),
    cmocka_unit_test (test_title),
    cmocka_unit_test (test_dialog_validation),
    cmocka_unit_test (test_closed_port),
    cmocka_unit_test (test_cancel),
    cmocka_unit_test (test_remembered),
    cmocka_unit_test (test_server),
  };
  g_autofree char *config = NULL;

  fx.dir = jc_test_tmpdir ();
  jc_test_set_screenshot_dir (fx.dir);
  /* the keyring: libsecret's file backend (no session bus here) */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  {
    g_autofree char *keyring = g_build_filename (fx.dir, "keyring", NULL);

    g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  }
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  /* the settings: a key file the test can read */
  config = g_build_filename (fx.dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("JICAI_TODAY", "2026-11-27", TRUE);
  jc_test_ui_init ();
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  return cmocka_run_group_tests (tests, setup, teardown);
}
