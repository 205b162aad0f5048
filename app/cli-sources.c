/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-sources.c: `jicai-cli sources list|add|edit|remove` — the market
 * price sources.  Credentials come only from an environment variable the
 * user names (a value on the command line is visible to everyone through
 * `ps`), and no output ever shows them: only whether they are set. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <string.h>

#include "cli-private.h"
#include "jc-master-save.h"
#include "jc-prices.h"

#define SOURCE_OPTIONS(required)                                                       \
  { "adapter", CLI_OPT_VALUE, "ADAPTER",                                               \
    N_("how to read the answer: xinfadi, csv, usda or json"), required },              \
  { "url", CLI_OPT_VALUE, "URL", N_("where to fetch: http://, https:// or file://"), required }, \
  { "priority", CLI_OPT_VALUE, "N",                                                    \
    N_("0 to 1000; the lower number is preferred for reference prices (default 100)"), FALSE }, \
  { "params", CLI_OPT_VALUE, "K=V&…",                                                  \
    N_("adapter parameters, e.g. limit=100&prodCatid=1186"), FALSE },                  \
  { "credentials-from-env", CLI_OPT_VALUE, "VAR",                                      \
    N_("take the credentials (user:password, or a token) from environment variable VAR"), FALSE }, \
  { "schedule", CLI_OPT_VALUE, "HH:MM", N_("fetch daily at this time; \"\" for none"), FALSE }, \
  { "disabled", CLI_OPT_FLAG, NULL, N_("keep it, but fetch it only when named"), FALSE }

static const CliOption list_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  { NULL }
};

static const CliOption add_options[] = {
  SOURCE_OPTIONS (TRUE),
  { NULL }
};

static const CliOption edit_options[] = {
  SOURCE_OPTIONS (FALSE),
  { "enabled", CLI_OPT_FLAG, NULL, N_("fetch it again with the others"), FALSE },
  { "name", CLI_OPT_VALUE, "NEW-NAME", N_("give the source a new name"), FALSE },
  { "clear-credentials", CLI_OPT_FLAG, NULL, N_("forget the stored credentials"), FALSE },
  { NULL }
};

static const CliOption remove_options[] = {
  { "delete-prices", CLI_OPT_FLAG, NULL,
    N_("also delete the prices it brought (they are needed by plans and reports)"), FALSE },
  { NULL }
};

static const char *const edit_changes[] = {
  "adapter", "url", "priority", "params", "credentials-from-env", "schedule", "disabled",
  "enabled", "name", "clear-credentials", NULL
};

static const char *const adapters[] = { "xinfadi", "csv", "usda", "json", NULL };

/* Query and parameter names that hold secrets (as jc-fetch redacts them). */
static gboolean
name_is_secret (const char *name,
                gsize       len)
{
  static const char *const words[] = {
    "key", "token", "secret", "pass", "pwd", "auth", "sign", "session",
  };
  g_autofree char *lower = g_ascii_strdown (name, (gssize) len);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "a=1&api_key=XYZ" → "a=1&api_key=***" */
static char *
redact_params (const char *params)
{
  g_auto(GStrv) parts = g_strsplit (params ? params : "", "&", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq != NULL && name_is_secret (parts[i], (gsize) (eq - parts[i])))
        {
          g_string_append_len (out, parts[i], eq - parts[i] + 1);
          g_string_append (out, "***");
        }
      else
        g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

/* The URL as it may be shown: no user:password@, no secret query values.
 * `sources add` refuses a password in the URL, but a database written by
 * something else may hold one. */
static char *
display_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *query = NULL;

  if (uri == NULL)
    return g_strdup (url);
  if (g_uri_get_query (uri) != NULL)
    query = redact_params (g_uri_get_query (uri));
  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), query,
                     g_uri_get_fragment (uri));
}

static void
check_url (Cli        *cli,
           const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (!(g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://") ||
        g_str_has_prefix (url, "file://")))
    {
      cli_error (cli, _("url: “%s” is not an http://, https:// or file:// address"), url);
      return;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    {
      cli_error (cli, _("url: “%s” is not a valid address"), url);
      return;
    }
  if (g_uri_get_password (uri) != NULL)
    {
      g_autofree char *shown = display_url (url);

      /* Never echo the password back: the message shows the URL without it. */
      cli_error (cli, _("url: “%s” has a password in it; pass credentials with "
                        "--credentials-from-env VAR instead"), shown);
    }
}

/* The credentials from the environment variable named by the option.
 * Returns NULL (after reporting why) when they cannot be used. */
static char *
credentials_from_env (Cli        *cli,
                      const char *var)
{
  const char *value;

  if (*var == '\0' || strchr (var, '=') != NULL)
    {
      cli_error (cli, _("credentials: “%s” is not the name of an environment variable"), var);
      return NULL;
    }
  value = g_getenv (var);
  if (value == NULL || *value == '\0')
    {
      cli_error (cli, _("credentials: the environment variable %s is not set or empty"), var);
      return NULL;
    }
  if (strpbrk (value, "\r\n") != NULL)
    {
      cli_error (cli, _("credentials: the value of %s contains a line break"), var);
      return NULL;
    }
  return g_strdup (value);
}

/* Applies the options given to `source`, reporting every bad value on its
 * own line; see apply_options() in cli-catalog.c. */
static void
apply_options (Cli      *cli,
               JcSource *source)
{
  const char *adapter = cli_get (cli, "adapter");
  const char *url = cli_get (cli, "url");
  const char *params = cli_get (cli, "params");
  const char *env = cli_get (cli, "credentials-from-env");
  const char *schedule = cli_get (cli, "schedule");
  const char *name = cli_get (cli, "name");
  gint64 n;
  int minutes;

  if (name != NULL)
    cli_set_str (&source->name, name);
  if (adapter != NULL)
    {
      if (!g_strv_contains (adapters, adapter))
        cli_error (cli, _("adapter: unknown adapter “%s” (xinfadi, csv, usda or json)"), adapter);
      cli_set_str (&source->adapter, adapter);
    }
  if (url != NULL)
    {
      check_url (cli, url);
      cli_set_str (&source->url, url);
    }
  if (cli_opt_int_labeled (cli, "priority", _("priority"), 0, 1000, &n))
    source->priority = (int) n;
  if (params != NULL)
    cli_set_str (&source->params, params);
  if (cli_has (cli, "clear-credentials"))
    cli_set_str (&source->credentials, "");
  if (env != NULL)
    {
      g_autofree char *secret = credentials_from_env (cli, env);

      if (secret != NULL)
        {
          if (source->credentials != NULL)
            memset (source->credentials, 0, strlen (source->credentials));
          g_free (source->credentials);
          source->credentials = g_steal_pointer (&secret);
        }
    }
  if (schedule != NULL)
    {
      if (*schedule != '\0' && !jc_parse_time_field (JC_FIELD_NONE, schedule, &minutes, NULL))
        cli_error (cli, _("schedule: “%s” is not a time of day (HH:MM)"), schedule);
      cli_set_str (&source->schedule, schedule);
    }
  if (cli_has (cli, "disabled"))
    source->enabled = FALSE;
  if (cli_has (cli, "enabled"))
    source->enabled = TRUE;
}

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  sources = jc_store_list_sources (store, &error);
  if (sources == NULL)
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < sources->len; i++)
        {
          JcSource *s = g_ptr_array_index (sources, i);
          g_autofree char *url = display_url (s->url);
          g_autofree char *params = redact_params (s->params);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "name", s->name);
          cJSON_AddStringToObject (o, "adapter", s->adapter);
          cJSON_AddStringToObject (o, "url", url);
          cJSON_AddStringToObject (o, "params", params);
          cJSON_AddBoolToObject (o, "has_credentials",
                                 s->credentials != NULL && *s->credentials != '\0');
          cli_json_add_int (o, "priority", s->priority);
          cJSON_AddBoolToObject (o, "enabled", s->enabled);
          cli_json_add_str_or_null (o, "schedule", s->schedule, TRUE);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (8);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 2);
      if (sources->len > 0)
        cli_table_add (table, _("name"), _("adapter"), _("priority"), _("status"),
                       _("schedule"), _("credentials"), _("url"), _("params"));
      for (guint i = 0; i < sources->len; i++)
        {
          JcSource *s = g_ptr_array_index (sources, i);
          g_autofree char *url = display_url (s->url);
          g_autofree char *params = redact_params (s->params);
          g_autofree char *priority = g_strdup_printf ("%d", s->priority);
          gboolean has_credentials = s->credentials != NULL && *s->credentials != '\0';

          cli_table_add (table, s->name, s->adapter, priority,
                         s->enabled ? _("enabled") : _("disabled"),
                         s->schedule && *s->schedule ? s->schedule : "—",
                         has_credentials ? _("set") : "—", url, params);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u source", "%u sources", sources->len), sources->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

static const CliMasterKind source_kind = {
  .new_record = (gpointer (*) (void)) jc_source_new,
  .free_record = (void (*) (gpointer)) jc_source_free,
  .apply = (void (*) (Cli *, gpointer)) apply_options,
  .validate = (gboolean (*) (gconstpointer, GError **)) jc_source_validate,
  .get = (gpointer (*) (JcStore *, const char *, GError **)) jc_store_get_source,
  .insert = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_source,
  .update = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_source,
  .delete = jc_store_delete_source,
  .edit_changes = edit_changes,
};

static CliExit
run_add (Cli *cli)
{
  g_autoptr(JcSource) source = jc_source_new ();
  CliExit status;

  source->name = g_strdup (cli_arg (cli, 0));
  status = cli_master_add (cli, &source_kind, source);
  if (status != CLI_EXIT_OK)
    return status;
  printf (_("Added price source %s (%s).\n"), source->name, source->adapter);
  return CLI_EXIT_OK;
}

static CliExit
run_edit (Cli *cli)
{
  g_autoptr(JcSource) source = NULL;
  CliExit status;

  if (cli_has (cli, "enabled") && cli_has (cli, "disabled"))
    return cli_usage_error (cli, _("options “--enabled” and “--disabled” exclude each other"));
  if (cli_has (cli, "clear-credentials") && cli_has (cli, "credentials-from-env"))
    return cli_usage_error (cli, _("options “--clear-credentials” and “--credentials-from-env” "
                                   "exclude each other"));
  status = cli_master_edit (cli, &source_kind, (gpointer *) &source);
  if (status == CLI_EXIT_OK)
    printf (_("Updated price source %s.\n"), source->name);
  return status;
}

/* The mapped prices stored from `source_id`.  Core has no count per
 * source, so this lists them; unmapped quotes are not counted. */
static gboolean
count_source_prices (JcStore  *store,
                     gint64    source_id,
                     guint    *out,
                     GError  **error)
{
  gint64 n = jc_store_count_source_prices (store, source_id, error);

  if (n < 0)
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

static CliExit
run_remove (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = cli_arg (cli, 0);
  guint n_prices = 0;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  source = jc_store_get_source (store, name, &error);
  if (source == NULL || !count_source_prices (store, source->id, &n_prices, &error))
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
  /* Removing a source deletes its prices with it: plans, boards and
   * reports lose their reference prices.  Only on explicit request. */
  if (n_prices > 0 && !cli_has (cli, "delete-prices"))
    {
      cli_error (cli, ngettext ("price source “%s” has %u stored price; removing it would delete "
                                "it. Disable it with “sources edit %s --disabled”, or give "
                                "--delete-prices",
                                "price source “%s” has %u stored prices; removing it would delete "
                                "them. Disable it with “sources edit %s --disabled”, or give "
                                "--delete-prices", n_prices),
                 name, n_prices, name);
      return CLI_EXIT_FAILED;
    }
  if (!jc_store_delete_source (store, name, &error))
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
  printf (_("Removed price source %s.\n"), name);
  return CLI_EXIT_OK;
}

const CliCommand cli_sources_commands[] = {
  { "sources", "list", "[--json]",
    N_("List the market price sources, preferred first."),
    N_("Credentials are never shown, only whether they are set."),
    NULL, 0, 0, list_options, run_list },
  { "sources", "add", "NAME --adapter xinfadi|csv|usda --url URL [OPTION…]",
    N_("Add a market price source."),
    N_("Credentials are read from the environment variable named by --credentials-from-env, "
       "never from the command line, where other users can see them."),
    "NAME", 1, 1, add_options, run_add },
  { "sources", "edit", "NAME [OPTION…]",
    N_("Change a price source; only the options given change."),
    NULL, "NAME", 1, 1, edit_options, run_edit },
  { "sources", "remove", "NAME [--delete-prices]",
    N_("Remove a price source."),
    N_("A source whose prices are stored is refused unless --delete-prices is given; "
       "disable it with “sources edit NAME --disabled” to keep its prices."),
    "NAME", 1, 1, remove_options, run_remove },
  { NULL }
};
