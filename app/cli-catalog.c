/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-catalog.c: `jicai-cli catalog list|add|edit|remove`. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <string.h>

#include "cli-private.h"
#include "jc-master-save.h"

#define ITEM_OPTIONS(required)                                                       \
  { "name", CLI_OPT_VALUE, "NAME", N_("the name, as the market names it"), required }, \
  { "category", CLI_OPT_VALUE, "CATEGORY",                                             \
    N_("category code or name: veg, fruit, meat, aquatic, soy, grain, condiment"), required }, \
  { "unit", CLI_OPT_VALUE, "UNIT", N_("base unit: kg, piece or L"), required },        \
  { "pack", CLI_OPT_VALUE, "QTY",                                                      \
    N_("one pack (箱/袋/筐) in base units, e.g. 15 or 2.5; 0: no pack"), FALSE },      \
  { "loss", CLI_OPT_VALUE, "PERMILLE", N_("loss/trim rate in ‰, 0 to 999"), FALSE },  \
  { "piece-mass", CLI_OPT_VALUE, "MASS",                                               \
    N_("mean mass of one piece: grams, or with a unit (0.0525kg, 1斤); up to 100000 g, "  \
       "nine decimals; 0: unknown"), FALSE },                                             \
  { "alias", CLI_OPT_LIST, "ALIAS",                                                    \
    N_("another name the market uses for it (repeatable)"), FALSE },                   \
  { "pinyin", CLI_OPT_VALUE, "INITIALS",                                               \
    N_("pinyin initials for search (default: from the name)"), FALSE }

static const CliOption list_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  { "all", CLI_OPT_FLAG, NULL, N_("include inactive items"), FALSE },
  { "search", CLI_OPT_VALUE, "QUERY",
    N_("only items whose name, code, alias or pinyin initials match"), FALSE },
  { NULL }
};

static const CliOption add_options[] = {
  ITEM_OPTIONS (TRUE),
  { NULL }
};

static const CliOption edit_options[] = {
  ITEM_OPTIONS (FALSE),
  { "clear-aliases", CLI_OPT_FLAG, NULL, N_("remove all aliases (before adding any --alias)"), FALSE },
  { "code", CLI_OPT_VALUE, "NEW-CODE", N_("give the item a new code"), FALSE },
  { "active", CLI_OPT_FLAG, NULL, N_("make the item orderable again"), FALSE },
  { "inactive", CLI_OPT_FLAG, NULL, N_("deactivate the item; its history stays"), FALSE },
  { NULL }
};

static const char *const edit_changes[] = {
  "name", "category", "unit", "pack", "loss", "piece-mass", "alias", "pinyin",
  "clear-aliases", "code", "active", "inactive", NULL
};

static void
check_pinyin (Cli        *cli,
              const char *pinyin)
{
  if (strlen (pinyin) > 64)
    {
      cli_error (cli, ngettext ("%s: “%s” is longer than %d character",
                                "%s: “%s” is longer than %d characters", 64),
                 _("pinyin"), pinyin, 64);
      return;
    }
  for (const char *p = pinyin; *p; p++)
    if (!g_ascii_isalpha (*p))
      {
        cli_error (cli, _("%s: “%s” may only contain the letters a to z"), _("pinyin"), pinyin);
        return;
      }
}

/* Applies the options that were given to `item`, reporting every bad value
 * (each on its own line).  Deterministic: `edit` runs it once on a scratch
 * item before opening the database and once on the stored item. */
static void
apply_options (Cli    *cli,
               JcItem *item)
{
  g_auto(GStrv) aliases = cli_dup_list (cli, "alias");
  const char *name = cli_get (cli, "name");
  const char *category = cli_get (cli, "category");
  const char *unit = cli_get (cli, "unit");
  const char *pinyin = cli_get (cli, "pinyin");
  const char *code = cli_get (cli, "code");
  int active = cli_active_option (cli);
  gint64 n;

  if (code != NULL)
    cli_set_str (&item->code, code);
  if (name != NULL)
    {
      /* The initials belong to the old name: recompute unless given. */
      if (g_strcmp0 (name, item->name) != 0 && pinyin == NULL)
        g_clear_pointer (&item->pinyin, g_free);
      cli_set_str (&item->name, name);
    }
  if (category != NULL)
    cli_set_str (&item->category, category);
  if (unit != NULL && !jc_base_unit_from_string (unit, &item->base_unit))
    cli_error (cli, _("%s: “%s” is not a base unit (kg, piece or L)"),
               jc_field_to_string (JC_FIELD_BASE_UNIT), unit);
  if (cli_opt_milli (cli, "pack", JC_FIELD_PACK, 0, JC_MAX_MILLI, &n))
    item->pack_milli = n;
  if (cli_opt_int (cli, "loss", JC_FIELD_LOSS, 0, 999, &n))
    item->loss_permille = (int) n;
  if (cli_get (cli, "piece-mass") != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (jc_parse_piece_mass (cli_get (cli, "piece-mass"), &n, &error))
        item->piece_mass_mg = n;
      else
        cli_error_gerror (cli, error);
    }
  if (cli_has (cli, "clear-aliases"))
    {
      g_strfreev (item->aliases);
      item->aliases = g_new0 (char *, 1);
    }
  if (aliases != NULL)
    {
      g_strfreev (item->aliases);
      item->aliases = g_steal_pointer (&aliases);
    }
  if (pinyin != NULL)
    {
      check_pinyin (cli, pinyin);
      g_free (item->pinyin);
      item->pinyin = g_ascii_strdown (pinyin, -1);
    }
  if (active >= 0)
    item->active = active == 1;
}

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GHashTable) category_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *search = cli_get (cli, "search");
  gboolean all = cli_has (cli, "all");

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  items = jc_store_list_items (store, all, &error);
  if (items != NULL)
    categories = jc_store_list_categories (store, &error);
  if (categories == NULL)
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      JcCategory *cat = g_ptr_array_index (categories, i);

      g_hash_table_insert (category_names, cat->code, cat->name);
    }
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *item = g_ptr_array_index (items, i);

      if (jc_item_matches (item, search))
        g_ptr_array_add (shown, item);
    }

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < shown->len; i++)
        {
          JcItem *item = g_ptr_array_index (shown, i);
          cJSON *o = cJSON_CreateObject ();
          gint64 grams = 0;

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "code", item->code);
          cJSON_AddStringToObject (o, "name", item->name);
          cJSON_AddStringToObject (o, "category", item->category);
          cJSON_AddStringToObject (o, "category_name",
                                   g_hash_table_lookup (category_names, item->category));
          cJSON_AddStringToObject (o, "base_unit", jc_base_unit_to_string (item->base_unit));
          cli_json_add_int_or_null (o, "pack_milli", item->pack_milli, item->pack_milli <= 0);
          cli_json_add_int (o, "loss_permille", item->loss_permille);
          /* whole grams (rounded half up) as before; the exact mass in mg */
          jc_mul_div_round (item->piece_mass_mg, 1, 1000, &grams, NULL);
          cli_json_add_int_or_null (o, "piece_mass_g", grams, item->piece_mass_mg <= 0);
          cli_json_add_int_or_null (o, "piece_mass_mg", item->piece_mass_mg,
                                    item->piece_mass_mg <= 0);
          cJSON_AddStringToObject (o, "pinyin", item->pinyin ? item->pinyin : "");
          cli_json_add_strv (o, "aliases", item->aliases);
          cJSON_AddBoolToObject (o, "active", item->active);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (all ? 8 : 7);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 4);
      cli_table_set_right (table, 5);
      if (shown->len > 0)
        cli_table_add (table, _("code"), _("name"), _("category"), _("unit"), _("pack"),
                       _("loss ‰"), _("aliases"), _("status"));
      for (guint i = 0; i < shown->len; i++)
        {
          JcItem *item = g_ptr_array_index (shown, i);
          const char *unit = jc_base_unit_to_string (item->base_unit);
          g_autofree char *pack = NULL;
          g_autofree char *loss = g_strdup_printf ("%d", item->loss_permille);
          g_autofree char *aliases = g_strjoinv (", ", item->aliases);

          if (item->pack_milli > 0)
            {
              g_autofree char *qty = jc_format_qty (item->pack_milli);

              pack = g_strdup_printf ("%s %s", qty, unit);
            }
          cli_table_add (table, item->code, item->name,
                         g_hash_table_lookup (category_names, item->category), unit, pack,
                         loss, aliases, item->active ? _("active") : _("inactive"));
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u item", "%u items", shown->len), shown->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

static const CliMasterKind item_kind = {
  .new_record = (gpointer (*) (void)) jc_item_new,
  .free_record = (void (*) (gpointer)) jc_item_free,
  .apply = (void (*) (Cli *, gpointer)) apply_options,
  .validate = (gboolean (*) (gconstpointer, GError **)) jc_item_validate,
  .get = (gpointer (*) (JcStore *, const char *, GError **)) jc_store_get_item,
  .insert = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_item,
  .update = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_item,
  .delete = jc_store_delete_item,
  .edit_changes = edit_changes,
};

static CliExit
run_add (Cli *cli)
{
  g_autoptr(JcItem) item = jc_item_new ();
  CliExit status;

  item->code = g_strdup (cli_arg (cli, 0));
  status = cli_master_add (cli, &item_kind, item);
  if (status != CLI_EXIT_OK)
    return status;
  printf (_("Added catalog item %s (%s).\n"), item->code, item->name);
  return CLI_EXIT_OK;
}

static CliExit
run_edit (Cli *cli)
{
  g_autoptr(JcItem) item = NULL;
  CliExit status = cli_master_edit (cli, &item_kind, (gpointer *) &item);

  if (status == CLI_EXIT_OK)
    printf (_("Updated catalog item %s.\n"), item->code);
  return status;
}

static CliExit
run_remove (Cli *cli)
{
  CliExit status = cli_master_remove (cli, &item_kind);

  if (status == CLI_EXIT_OK)
    printf (_("Removed catalog item %s.\n"), cli_arg (cli, 0));
  return status;
}

const CliCommand cli_catalog_commands[] = {
  { "catalog", "list", "[--json] [--all] [--search QUERY]",
    N_("List the catalog items (active ones unless --all)."),
    N_("Quantities are in milli-units of the item's base unit (pack_milli 15000 = 15 kg)."),
    NULL, 0, 0, list_options, run_list },
  { "catalog", "add", "CODE --name NAME --category CATEGORY --unit kg|piece|L [OPTION…]",
    N_("Add an item to the catalog."),
    N_("CODE: letters, digits, “-”, “_” and “.”, at most 32 characters."),
    "CODE", 1, 1, add_options, run_add },
  { "catalog", "edit", "CODE [OPTION…]",
    N_("Change a catalog item; only the options given change."),
    N_("--alias replaces the whole alias list; --clear-aliases empties it."),
    "CODE", 1, 1, edit_options, run_edit },
  { "catalog", "remove", "CODE",
    N_("Remove a catalog item that has no history."),
    N_("An item with prices or orders cannot be removed; deactivate it with "
       "“catalog edit CODE --inactive” instead."),
    "CODE", 1, 1, NULL, run_remove },
  { NULL }
};
