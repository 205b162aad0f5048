/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-list-page.h: what the master-data pages (catalog, canteens, vehicles,
 * price sources) have in common — a sortable column view of records with a
 * search entry, "Show deactivated", a count for the header bar, the empty and
 * no-results screens, and the page.add / page.edit / page.toggle-active /
 * page.search actions.  A page subclasses it, brings its own template (with
 * the toolbar it wants) and says how to read its records, match a search,
 * open its editor and switch a record on or off.  No SQL here: the page asks
 * the store. */
#pragma once

#include <adwaita.h>

#include "jc-record.h"
#include "jc-store.h"
#include "jc-ui-util.h"

G_BEGIN_DECLS

#define JC_TYPE_LIST_PAGE (jc_list_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (JcListPage, jc_list_page, JC, LIST_PAGE, AdwBin)

struct _JcListPageClass
{
  AdwBinClass parent_class;

  /* The labels and tooltips of the toggle buttons (N_() strings, translated
   * when shown), for a selected record that is off and one that is on. */
  const char *activate_label;
  const char *deactivate_label;
  const char *activate_tooltip;
  const char *deactivate_tooltip;

  /* Appends every record (JcRecord, active or not) of `store` (NULL: no
   * database) to `records`, in the store's order; when they cannot be
   * read, calls jc_list_page_set_load_error().  By default: the structs
   * `list` reads (all, active or not), each in the record `wrap` makes of
   * it, or `load_error_title` (an N_() string) with the error. */
  void      (*load)                (JcListPage *self,
                                    JcStore    *store,
                                    GPtrArray  *records);
  GPtrArray *(*list)               (JcStore    *store,
                                    GError    **error);
  JcRecord  *(*wrap)               (gpointer    data);
  const char *load_error_title;
  /* Whether the record's data matches `query` (case-folded, stripped, maybe
   * empty) and the page's own filters; inactive records are already out. */
  gboolean  (*match)               (JcListPage   *self,
                                    gconstpointer data,
                                    const char   *query);
  /* "17 canteens" or "3 of 17 canteens" while a search or filter narrows
   * them: n_listed counts the records the inactive filter leaves. */
  char     *(*describe_count)      (JcListPage *self,
                                    guint       n_shown,
                                    guint       n_listed);
  /* Why nothing is shown: `search` is the search text, NULL when none. */
  char     *(*describe_no_results) (JcListPage *self,
                                    const char *search);
  /* Makes the editor on `data`, or on a new record when NULL: a window
   * with a "saved" signal that carries the key of the record saved; NULL
   * when none may open now.  The page presents it, and when it saves
   * reloads, selects the record and shows describe_saved() in a toast. */
  GtkWindow *(*new_editor)         (JcListPage   *self,
                                    GtkWindow    *parent,
                                    JcStore      *store,
                                    gconstpointer data);
  char     *(*describe_saved)      (JcListPage *self,
                                    const char *key);
  /* Opens the editor on `data`, or on a new record when NULL; by default
   * through new_editor. */
  void      (*open_editor)         (JcListPage   *self,
                                    JcStore      *store,
                                    gconstpointer data);
  /* Writes a copy of `data` switched on or off; FALSE with `error` when
   * it cannot be written (shown under toggle_error_title, an N_() string). */
  gboolean  (*set_active)          (JcListPage    *self,
                                    JcStore       *store,
                                    gconstpointer  data,
                                    gboolean       active,
                                    GError       **error);
  /* "Canteen “CT01” deactivated", for the toast after set_active; `data`
   * is the record as it was. */
  char     *(*describe_toggled)    (JcListPage    *self,
                                    gconstpointer  data,
                                    gboolean       active);
  const char *toggle_error_title;
  /* Switches the record on or off in the store; by default through
   * set_active. */
  void      (*toggle_active)       (JcListPage *self,
                                    JcStore    *store,
                                    JcRecord   *record);
  /* After the shared actions were enabled for the selection: a page's own. */
  void      (*update_actions)      (JcListPage *self,
                                    JcRecord   *selected);
};

/* For class_init: the page's template, and the ids in it of the toggle
 * buttons (labelled and icon) and of the "Show deactivated" check (NULL
 * when the page has none).  The template also has a GtkSearchEntry
 * "search_entry", a GtkColumnView "column_view", a GtkStack "stack" with the
 * pages "list", "empty" and "no-results", and an AdwStatusPage
 * "no_results_page"; its handlers on_search_changed_cb, on_stop_search_cb
 * and on_column_view_activate_cb are bound here. */
void        jc_list_page_class_set_template (GtkWidgetClass *widget_class,
                                             const char     *resource_path,
                                             const char     *toggle_button_id,
                                             const char     *toggle_icon_button_id,
                                             const char     *show_inactive_id);

/* What a column shows when it is one field of the record's struct. */
typedef enum {
  JC_LIST_FIELD_NONE,    /* the column's own text and compare functions */
  JC_LIST_FIELD_STRING,  /* a char *, sorted as text */
  JC_LIST_FIELD_INT,     /* an int, in decimal, sorted as a number */
  JC_LIST_FIELD_INT64,   /* a gint64, likewise */
} JcListFieldType;

typedef struct {
  JcListFieldType type;
  gsize           offset;
} JcListField;

#define JC_LIST_FIELD(ftype, Type, member) \
  { JC_LIST_FIELD_##ftype, G_STRUCT_OFFSET (Type, member) }

/* One column: its title, what it shows and how it sorts — by its text and
 * compare functions, or, when they are NULL, by `field`
 * (JC_LIST_FIELD (STRING, JcCanteen, code)). */
typedef struct {
  const char          *title;
  JcColumnKind         kind;
  JcColumnTextFunc     text;
  JcColumnCompareFunc  compare;
  gboolean             expand;
  JcListField          field;
} JcListColumn;

/* Appends the columns, their functions called with the page as user_data. */
void        jc_list_page_add_columns        (JcListPage         *self,
                                             const JcListColumn *columns,
                                             guint               n_columns);

void        jc_list_page_set_store          (JcListPage  *self,
                                             JcStore     *store);
JcStore    *jc_list_page_get_store          (JcListPage  *self);
void        jc_list_page_set_show_inactive  (JcListPage  *self,
                                             gboolean     show_inactive);
/* The search, case-folded and stripped; NULL or "" when none. */
const char *jc_list_page_get_query          (JcListPage  *self);
/* The selected record, or NULL (borrowed). */
JcRecord   *jc_list_page_get_selected       (JcListPage  *self);
/* Reads the records again and selects `key` (NULL: keeps the selection);
 * a key the search hides clears the search. */
void        jc_list_page_reload_and_select  (JcListPage  *self,
                                             const char  *key);
/* Moves the structs out of `structs` (which is left empty) into `records`,
 * each in the record `wrap` makes of it, in their order. */
typedef JcRecord *(*JcListPageWrapFunc) (gpointer data);
void        jc_list_page_take_records       (GPtrArray          *records,
                                             GPtrArray          *structs,
                                             JcListPageWrapFunc  wrap);
/* For load(): the records could not be read — the page shows the error
 * and a Retry button, not the empty screen, until a load succeeds. */
void        jc_list_page_set_load_error     (JcListPage  *self,
                                             const char  *title,
                                             const char  *message);
gboolean    jc_list_page_has_load_error     (JcListPage  *self);
/* What the page's own filters changed: filters and counts again. */
void        jc_list_page_refilter           (JcListPage  *self);
void        jc_list_page_update_actions     (JcListPage  *self);

GtkEditable *_jc_list_page_get_search_entry (JcListPage  *self);
GListModel  *_jc_list_page_get_shown        (JcListPage  *self);
GtkWidget   *_jc_list_page_get_column_view  (JcListPage  *self);
/* "list", "empty", "no-results" or "error": what the page shows. */
const char  *_jc_list_page_get_state        (JcListPage  *self);
AdwStatusPage *_jc_list_page_get_error_page (JcListPage  *self);

G_END_DECLS
