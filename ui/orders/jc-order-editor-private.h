/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-editor-private.h: what the files of the order editor share.
 *
 * The editor is one widget split by job, as GNOME Text Editor splits its
 * page: jc-order-editor.c (the shell: construction, state, loading and
 * the editor.* actions), jc-order-item-entry.c (the entry row with its
 * completion list), jc-order-lines-view.c (the lines, their columns and
 * the unusual-quantity flags), jc-order-history.c (the history pane) and
 * jc-order-editor-save.c (the save loop: save, ask, save again).  They
 * all include this header for the struct; nothing outside ui/orders/
 * includes it except the UI tests, which use only the _jc_order_editor_get_*
 * functions at its end.  No SQL and no worker thread here: those are in
 * jc-order-tasks.c. */
#pragma once

#include "jc-order-editor.h"
#include "jc-order-row.h"
#include "jc-orders.h"
#include "jc-prices.h"

G_BEGIN_DECLS

/* One line as the editor shows it: the order line and what it costs. */
typedef struct {
  JcOrderLine *line;
  JcBaseUnit   base_unit;
  gboolean     has_price;
  gboolean     stale_price;
  char         price_date[11];
  gint64       cost_fen;
  gboolean     spike;
  gint64       median_milli;
} JcOrderEditorLine;

struct _JcOrderEditor {
  AdwBin              parent_instance;

  char               *db_path;
  char               *canteen;
  char               *date;
  char               *canteen_name;
  char               *cutoff;
  gboolean            past_cutoff;
  JcOrder            *order;          /* the stored state; its lines are in `lines` */
  GHashTable         *prices;         /* gint64 * item id → JcRefPrice * */
  GHashTable         *items_by_id;    /* gint64 * → JcItem *, borrowed from `items` */

  GListStore         *items;          /* JcRecord of every active item */
  GtkCustomFilter    *item_filter;
  GtkCustomSorter    *item_sorter;
  GtkSingleSelection *completion;
  char               *query;          /* case-folded item entry text */
  const JcItem       *picked;         /* the item the entry row is for */
  GtkStringList      *units;

  GListStore         *lines;          /* JcOrderRow of JcOrderEditorLine */
  GtkSingleSelection *line_selection;
  GListStore         *history;        /* JcOrderRow of JcAuditEntry */

  GCancellable       *cancellable;    /* everything of the order loaded */
  GCancellable       *spike_cancellable;
  guint               spike_timeout;
  guint               edit_serial;    /* counts the changes */
  guint               saved_serial;   /* the change the store has */
  guint               saving_serial;
  gboolean            loaded;
  gboolean            busy;
  gboolean            show_history;
  gboolean            close_after_save;
  gboolean            setting_text;

  /* the save loop */
  gboolean            save_submit;
  JcOrderSaveFlags    save_flags;
  char               *save_reason;
  gboolean            spikes_confirmed;

  GtkPopover         *completion_popover;
  GtkListView        *completion_view;

  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_label;
  GtkLabel           *late_label;
  GtkLabel           *modified_label;
  GtkSpinner         *busy_spinner;
  GtkInfoBar         *conflict_bar;
  GtkInfoBar         *notice_bar;
  GtkLabel           *notice_label;
  GtkStack           *content_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  GtkStack           *lines_stack;
  GtkColumnView      *lines_view;
  GtkEntry           *item_entry;
  GtkEntry           *qty_entry;
  GtkDropDown        *unit_dropdown;
  GtkEntry           *note_entry;
  GtkLabel           *entry_error_label;
  GtkLabel           *entry_hint_label;
  GtkLabel           *totals_label;
  GtkRevealer        *history_revealer;
  GtkStack           *history_stack;
  GtkListView        *history_view;
  GtkLabel           *history_empty_label;
};

/* ---- jc-order-editor.c: the shell ---------------------------------------- */

void               _jc_order_editor_update_header          (JcOrderEditor *self);
void               _jc_order_editor_update_state           (JcOrderEditor *self);
/* A change to the lines: totals, state, the unusual-quantity check. */
void               _jc_order_editor_mark_changed           (JcOrderEditor *self);
GtkWindow         *_jc_order_editor_get_parent_window      (JcOrderEditor *self);
void               _jc_order_editor_emit_saved             (JcOrderEditor *self);
void               _jc_order_editor_emit_closed            (JcOrderEditor *self);

/* ---- jc-order-item-entry.c: the entry row -------------------------------- */

void               _jc_order_editor_class_item_entry_init  (GtkWidgetClass *widget_class);
void               _jc_order_editor_item_entry_init        (JcOrderEditor *self);
void               _jc_order_editor_show_entry_error       (JcOrderEditor *self,
                                                            const char    *message,
                                                            GtkWidget     *field);
void               _jc_order_editor_clear_entry_error      (JcOrderEditor *self);
void               _jc_order_editor_clear_entry_row        (JcOrderEditor *self);
void               _jc_order_editor_pick_item              (JcOrderEditor *self,
                                                            const JcItem  *item);
void               _jc_order_editor_add_line               (JcOrderEditor *self);

/* ---- jc-order-lines-view.c: the lines ------------------------------------ */

void                     _jc_order_editor_class_lines_init     (GtkWidgetClass    *widget_class);
void                     _jc_order_editor_lines_init           (JcOrderEditor     *self);
/* Takes `line`; prices it at the date's reference price. */
JcOrderEditorLine       *_jc_order_editor_line_new             (JcOrderEditor     *self,
                                                                JcOrderLine       *line);
void                     _jc_order_editor_line_free            (JcOrderEditorLine *el);
const JcOrderEditorLine *_jc_order_editor_line_of              (gpointer           item);
const JcItem            *_jc_order_editor_item_by_id           (JcOrderEditor     *self,
                                                                gint64             id);
guint                    _jc_order_editor_find_line            (JcOrderEditor     *self,
                                                                GListModel        *model,
                                                                gint64             item_id);
/* The order to save: the stored state with the lines on show. */
JcOrder                 *_jc_order_editor_build_order          (JcOrderEditor     *self);
void                     _jc_order_editor_apply_spikes         (JcOrderEditor     *self,
                                                                GPtrArray         *spikes);
void                     _jc_order_editor_schedule_spike_check (JcOrderEditor     *self);
/* Puts a line on the order, or replaces the line of the same item. */
void                     _jc_order_editor_put_line             (JcOrderEditor     *self,
                                                                JcOrderLine       *line);
void                     _jc_order_editor_replace_lines        (JcOrderEditor     *self,
                                                                JcOrder           *from);

/* ---- jc-order-history.c: the history pane -------------------------------- */

void               _jc_order_editor_history_init           (JcOrderEditor *self);
void               _jc_order_editor_load_history           (JcOrderEditor *self);

/* ---- jc-order-editor-save.c: the save loop ------------------------------- */

void               _jc_order_editor_start_save             (JcOrderEditor *self,
                                                            gboolean       submit);

/* ---- for the UI tests: the real widgets ---------------------------------- */

GtkEntry          *_jc_order_editor_get_item_entry         (JcOrderEditor *self);
GtkEntry          *_jc_order_editor_get_qty_entry          (JcOrderEditor *self);
GtkDropDown       *_jc_order_editor_get_unit_dropdown      (JcOrderEditor *self);
GtkEntry          *_jc_order_editor_get_note_entry         (JcOrderEditor *self);
GtkLabel          *_jc_order_editor_get_error_label        (JcOrderEditor *self);
GtkLabel          *_jc_order_editor_get_totals_label       (JcOrderEditor *self);
GtkPopover        *_jc_order_editor_get_completion_popover (JcOrderEditor *self);
GListModel        *_jc_order_editor_get_completion         (JcOrderEditor *self);
GListModel        *_jc_order_editor_get_lines              (JcOrderEditor *self);
GtkWidget         *_jc_order_editor_get_lines_view         (JcOrderEditor *self);
GListModel        *_jc_order_editor_get_history            (JcOrderEditor *self);
const JcOrderLine *_jc_order_editor_get_line               (JcOrderEditor *self,
                                                            guint          position,
                                                            gboolean      *spike);
gboolean           _jc_order_editor_is_ready               (JcOrderEditor *self);
JcOrderStatus      _jc_order_editor_get_status             (JcOrderEditor *self);

G_END_DECLS
