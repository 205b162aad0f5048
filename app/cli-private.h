/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-private.h: the shared parts of jicai-cli — the command table, the
 * argument parser, error reporting, the human table and JSON output.  The
 * command files (cli-*.c) only turn arguments into core calls and core
 * results into output; they never touch SQL. */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>
#include <stdio.h>

#include "jc-output.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define CLI_PROGRAM "jicai-cli"

/* Exit statuses: the contract in docs/cli.md. */
typedef enum {
  CLI_EXIT_OK = 0,
  CLI_EXIT_FAILED = 1,   /* a bad value, a refusal by the store, not found */
  CLI_EXIT_USAGE = 2,    /* unknown option, missing argument */
} CliExit;

typedef enum {
  CLI_OPT_FLAG,          /* --json */
  CLI_OPT_VALUE,         /* --name N, --name=N; the last one wins */
  CLI_OPT_LIST,          /* --alias A, repeatable */
} CliOptKind;

typedef struct {
  const char *name;      /* long name without the dashes */
  CliOptKind  kind;
  const char *arg;       /* placeholder in the help, NULL for flags */
  const char *help;      /* N_() */
  gboolean    required;
  char        short_name; /* 'o' for "-o FILE", or 0 */
} CliOption;

typedef struct _Cli Cli;

typedef struct {
  const char      *group;     /* "catalog", or NULL for "init" */
  const char      *name;      /* "add" */
  const char      *synopsis;  /* after the command words: "CODE --name NAME …" */
  const char      *summary;   /* N_(): one line, for the command list */
  const char      *details;   /* N_(): more text for --help, or NULL */
  const char      *arg_name;  /* the positional arguments, space-separated:
                               * "CODE", "MARKET_NAME ITEM_CODE", "FILE…" */
  guint            min_args;  /* how many positional arguments */
  guint            max_args;
  const CliOption *options;   /* terminated by { NULL } */
  CliExit        (*run) (Cli *cli);
} CliCommand;

struct _Cli {
  char             *db_path;  /* --db, NULL: JICAI_DB or the default */
  const CliCommand *command;
  char             *what;     /* "catalog add": prefixes every message */
  GHashTable       *values;   /* option name → last value ("" for flags) */
  GHashTable       *lists;    /* option name → GPtrArray of values */
  GPtrArray        *args;     /* positional arguments */
  guint             n_errors;
};

/* The commands, from cli-*.c. */
extern const CliCommand cli_init_command;
extern const CliCommand cli_catalog_commands[];
extern const CliCommand cli_canteens_commands[];
extern const CliCommand cli_vehicles_commands[];
extern const CliCommand cli_sources_commands[];
extern const CliCommand cli_prices_commands[];
extern const CliCommand cli_orders_commands[];
extern const CliCommand cli_plan_command;        /* plan --date D */
extern const CliCommand cli_plan_commands[];     /* plan lock|unlock */
extern const CliCommand cli_purchases_commands[];
extern const CliCommand cli_statement_command;
extern const CliCommand cli_report_command;      /* report --month M */
extern const CliCommand cli_dashboard_command;   /* dashboard [--date D] */
extern const CliCommand cli_deliver_command;     /* deliver --date D */
extern const CliCommand cli_deliver_commands[];  /* deliver matrix */
extern const CliCommand cli_route_commands[];    /* route solve FILE */
extern const CliCommand cli_calendar_commands[]; /* calendar list|add|remove */
extern const CliCommand cli_backup_command;      /* backup FILE */
extern const CliCommand cli_restore_command;     /* restore FILE */
extern const CliCommand cli_users_commands[];    /* users setup|add|list|remove */

/* cli-args.c */
/* Parses the words after the command name.  Returns FALSE when the command
 * must not run: --help was printed (exit 0) or a usage problem was reported
 * (exit 2); *out_exit says which. */
gboolean     cli_parse_command   (Cli               *cli,
                                  const CliCommand  *command,
                                  int                argc,
                                  char             **argv,
                                  CliExit           *out_exit);
void         cli_print_command_help (const CliCommand *command);
void         cli_print_group_help (const char       *group,
                                  const CliCommand *commands);
gboolean     cli_has             (Cli               *cli,
                                  const char        *option);
const char  *cli_get             (Cli               *cli,
                                  const char        *option);
char       **cli_dup_list        (Cli               *cli,
                                  const char        *option);
const char  *cli_arg             (Cli               *cli,
                                  guint              i);
gboolean     cli_has_any         (Cli               *cli,
                                  const char *const *options);

/* The options many commands share. */
#define CLI_JSON_OPTION                                                       \
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE }
#define CLI_DELIVERY_DATE_OPTION                                              \
  { "date", CLI_OPT_VALUE, "DATE", N_("the delivery date, YYYY-MM-DD"), TRUE }
/* An input file named on the command line: "PATH: no such file", or what
 * it is instead of a file ("… is a folder, not a price file"); counts the
 * error.  `what` is translated, with its article. */
gboolean     cli_check_input_file (Cli              *cli,
                                   const char       *path,
                                   const char       *what);
/* The `--force` option of the commands that write files. */
#define CLI_FORCE_OPTION                                                      \
  { "force", CLI_OPT_FLAG, NULL,                                              \
    N_("replace output files that exist (never the database)"), FALSE }
/* JC_OUTPUT_REPLACE when --force was given. */
JcOutputFlags cli_output_flags   (Cli               *cli);
/* Checks the files named by the options (NULL-terminated option names)
 * before any work: a name given, not the database (call it with the store
 * open), not an existing file without --force.  Reports each problem. */
gboolean     cli_check_outputs   (Cli               *cli,
                                  ...) G_GNUC_NULL_TERMINATED;

/* Opens the database named by --db, JICAI_DB or the default.  Only `init`
 * creates one: every other command refuses a missing file rather than
 * leave an empty database behind a typing mistake. */
JcStore     *cli_open_store      (Cli               *cli,
                                  gboolean           create);
/* The database location cli_open_store() opens: --db, JICAI_DB or the
 * default; a path made absolute, a PostgreSQL location as it is; NULL,
 * reported, for a malformed one. */
char        *cli_dup_db_path     (Cli               *cli);

/* Parses one option value with a core field parser; reports and counts a
 * bad one.  Returns whether the option was given and good. */
gboolean     cli_opt_int         (Cli               *cli,
                                  const char        *option,
                                  JcField            field,
                                  gint64             min,
                                  gint64             max,
                                  gint64            *out);
/* As cli_opt_int() for a value with no JcField of its own: `label` names
 * it in the message ("priority: “x” is not a whole number"). */
gboolean     cli_opt_int_labeled (Cli               *cli,
                                  const char        *option,
                                  const char        *label,
                                  gint64             min,
                                  gint64             max,
                                  gint64            *out);
gboolean     cli_opt_milli       (Cli               *cli,
                                  const char        *option,
                                  JcField            field,
                                  gint64             min,
                                  gint64             max,
                                  gint64            *out);
gboolean     cli_opt_degrees     (Cli               *cli,
                                  const char        *option,
                                  JcField            field,
                                  double             min,
                                  double             max,
                                  double            *out);
gboolean     cli_opt_time        (Cli               *cli,
                                  const char        *option,
                                  JcField            field,
                                  int               *out);
/* A calendar date written YYYY-MM-DD (exactly that shape, a real day). */
gboolean     cli_parse_date      (const char        *text,
                                  GDate             *out);
void         cli_format_date     (const GDate       *date,
                                  char               out[11]);
/* The option's value as a date in `out` (YYYY-MM-DD).  A bad one is
 * reported ("from: “2026-13-01” is not a date (YYYY-MM-DD)") and counted.
 * Returns whether the option was given and good. */
gboolean     cli_opt_date        (Cli               *cli,
                                  const char        *option,
                                  char               out[11]);
/* Today's local date, or $JICAI_TODAY (YYYY-MM-DD) when it is set; a bad
 * JICAI_TODAY is reported. */
gboolean     cli_get_today       (Cli               *cli,
                                  GDate             *out);

/* Asks `question` on the terminal unless --yes was given: TRUE when
 * confirmed.  Without a terminal on stdin it asks nothing and reports
 * "<not_done>: confirm with --yes (…)"; not confirmed, "<not_done>: not
 * confirmed". */
gboolean     cli_confirm         (Cli               *cli,
                                  const char        *question,
                                  const char        *not_done);

/* --active / --inactive: 1, 0, or -1 when neither was given.  Both is a
 * usage error, checked by cli_check_active(). */
int          cli_active_option   (Cli               *cli);
CliExit      cli_check_active    (Cli               *cli);

/* cli-output.c */
/* One line on stderr: "jicai-cli: catalog add: <message>".  Counts it. */
void         cli_error           (Cli               *cli,
                                  const char        *format,
                                  ...) G_GNUC_PRINTF (2, 3);
void         cli_error_gerror    (Cli               *cli,
                                  const GError      *error);
/* Reports `error` and returns CLI_EXIT_FAILED: the end of a command that
 * core refused. */
CliExit      cli_fail            (Cli               *cli,
                                  const GError      *error);
/* A usage problem: the line, a hint to --help, and CLI_EXIT_USAGE. */
CliExit      cli_usage_error     (Cli               *cli,
                                  const char        *format,
                                  ...) G_GNUC_PRINTF (2, 3);
glong        cli_display_width   (const char        *text);

/* A progress bar on stderr, redrawn in place: `fraction` 0…1, or < 0 when
 * the total is not known (no bar, only the label).  Only call it when
 * stderr is a terminal; cli_progress_clear() wipes the line before other
 * output. */
void         cli_progress_draw   (double             fraction,
                                  const char        *label);
void         cli_progress_clear  (void);

/* fen as the screens write money: "¥1,234.56", "−¥7.00". */
char        *cli_format_money    (gint64             fen);
/* A change in per mille as a percentage with one decimal, as the Dashboard
 * writes it: "+12.5%", "−3.0%", "0.0%". */
char        *cli_format_change_percent (gint64       permille);

typedef struct _CliTable CliTable;

CliTable    *cli_table_new       (guint              n_columns);
void         cli_table_free      (CliTable          *table);
void         cli_table_set_right (CliTable          *table,
                                  guint              column);
/* Adds a row of n_columns strings (copied; NULL prints empty). */
void         cli_table_add       (CliTable          *table,
                                  ...);
void         cli_table_print     (CliTable          *table,
                                  FILE              *out);

void         cli_json_add_int    (cJSON             *object,
                                  const char        *name,
                                  gint64             value);
void         cli_json_add_int_or_null (cJSON        *object,
                                  const char        *name,
                                  gint64             value,
                                  gboolean           is_null);
void         cli_json_add_strv   (cJSON             *object,
                                  const char        *name,
                                  char             **strv);
void         cli_json_add_ptr_array (cJSON          *object,
                                  const char        *name,
                                  GPtrArray         *strings);
/* A string member, or null when `value` is NULL (or "" with empty_is_null). */
void         cli_json_add_str_or_null (cJSON        *object,
                                  const char        *name,
                                  const char        *value,
                                  gboolean           empty_is_null);
/* Prints the document and a newline on stdout. */
gboolean     cli_json_print      (Cli               *cli,
                                  const cJSON       *document);
/* Flushes stdout; reports a write error (a full disk, a closed pipe). */
CliExit      cli_finish_output   (Cli               *cli,
                                  CliExit            status);

/* cli-master.c: add, edit and remove of one master-data record (an item, a
 * canteen, a vehicle), the record's type told by a CliMasterKind. */
typedef struct {
  gpointer   (*new_record)  (void);
  void       (*free_record) (gpointer       record);
  /* Sets the record's fields from the options given; reports bad values. */
  void       (*apply)       (Cli           *cli,
                             gpointer       record);
  gboolean   (*validate)    (gconstpointer  record,
                             GError       **error);
  gpointer   (*get)         (JcStore       *store,
                             const char    *key,
                             GError       **error);
  gboolean   (*insert)      (JcStore       *store,
                             gpointer       record,
                             GError       **error);
  gboolean   (*update)      (JcStore       *store,
                             gpointer       record,
                             GError       **error);
  gboolean   (*delete)      (JcStore       *store,
                             const char    *key,
                             GError       **error);
  /* The options of `edit` that change something (NULL-terminated). */
  const char *const *edit_changes;
} CliMasterKind;

/* Applies the options to `record` (its key set), validates it and inserts
 * it; the database is opened only when every value is good. */
CliExit      cli_master_add      (Cli                 *cli,
                                  const CliMasterKind *kind,
                                  gpointer             record);
/* Changes the record named by the first argument as the options say;
 * *out_record: the record as saved (free with kind->free_record), or NULL. */
CliExit      cli_master_edit     (Cli                 *cli,
                                  const CliMasterKind *kind,
                                  gpointer            *out_record);
/* Removes the record named by the first argument. */
CliExit      cli_master_remove   (Cli                 *cli,
                                  const CliMasterKind *kind);

/* g_set_str() is GLib 2.76; we pin 2.74. */
static inline void
cli_set_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliTable, cli_table_free)

G_END_DECLS
