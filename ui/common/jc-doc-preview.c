/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-doc-preview.c: a JcPagedDoc's pages on screen and the window that
 * shows them (jc-doc-preview.h).  The pages are drawn as the PDF and the
 * printer get them, A4 scaled to fit; the window's Print and Export
 * buttons only activate the page's actions. */
#include "config.h"

#define G_LOG_DOMAIN "jc-doc-preview"

#include <glib/gi18n.h>

#include "jc-doc-preview.h"

#define PAGE_W JC_PAGED_DOC_A4_WIDTH
#define PAGE_H JC_PAGED_DOC_A4_HEIGHT

/* ---- the preview -------------------------------------------------------- */

struct _JcDocPreview
{
  GtkWidget   parent_instance;

  JcPagedDoc *doc;
  guint       page;
  guint       n_pages;
};

G_DEFINE_FINAL_TYPE (JcDocPreview, jc_doc_preview, GTK_TYPE_WIDGET)

enum {
  PREVIEW_PROP_0,
  PREVIEW_PROP_PAGE,
  PREVIEW_N_PROPS
};

static GParamSpec *preview_properties[PREVIEW_N_PROPS];

static void
jc_doc_preview_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  JcDocPreview *self = JC_DOC_PREVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double margin = 16;
  double s = MIN ((width - 2 * margin) / PAGE_W, (height - 2 * margin) / PAGE_H);
  double x, y;
  cairo_t *cr;

  if (self->doc == NULL || s <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  x = (width - PAGE_W * s) / 2;
  y = (height - PAGE_H * s) / 2;
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 2, y + 3, PAGE_W * s, PAGE_H * s);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, PAGE_W * s, PAGE_H * s);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  jc_paged_doc_draw_page (self->doc, cr, self->page, PAGE_W, PAGE_H);
  cairo_destroy (cr);
}

static void
jc_doc_preview_finalize (GObject *object)
{
  JcDocPreview *self = JC_DOC_PREVIEW (object);

  g_clear_pointer (&self->doc, jc_paged_doc_unref);

  G_OBJECT_CLASS (jc_doc_preview_parent_class)->finalize (object);
}

static void
jc_doc_preview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JcDocPreview *self = JC_DOC_PREVIEW (object);

  switch (prop_id)
    {
    case PREVIEW_PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_doc_preview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PREVIEW_PROP_PAGE:
      jc_doc_preview_set_page (JC_DOC_PREVIEW (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_doc_preview_class_init (JcDocPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jc_doc_preview_finalize;
  object_class->get_property = jc_doc_preview_get_property;
  object_class->set_property = jc_doc_preview_set_property;
  widget_class->snapshot = jc_doc_preview_snapshot;

  preview_properties[PREVIEW_PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PREVIEW_N_PROPS, preview_properties);
  gtk_widget_class_set_css_name (widget_class, "docpreview");
}

static void
jc_doc_preview_init (JcDocPreview *self)
{
  self->n_pages = 1;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
jc_doc_preview_new (JcPagedDoc *doc)
{
  JcDocPreview *self;

  g_return_val_if_fail (doc != NULL, NULL);

  self = g_object_new (JC_TYPE_DOC_PREVIEW, NULL);
  self->doc = jc_paged_doc_ref (doc);
  self->n_pages = MAX (jc_paged_doc_get_n_pages (doc, PAGE_W, PAGE_H), 1);
  return GTK_WIDGET (self);
}

JcPagedDoc *
jc_doc_preview_get_doc (JcDocPreview *self)
{
  g_return_val_if_fail (JC_IS_DOC_PREVIEW (self), NULL);

  return self->doc;
}

guint
jc_doc_preview_get_page (JcDocPreview *self)
{
  g_return_val_if_fail (JC_IS_DOC_PREVIEW (self), 0);

  return self->page;
}

/**
 * jc_doc_preview_set_page:
 * Shows page `page` (0-based; past the last: the last).
 */
void
jc_doc_preview_set_page (JcDocPreview *self,
                         guint         page)
{
  g_return_if_fail (JC_IS_DOC_PREVIEW (self));

  page = MIN (page, self->n_pages - 1);
  if (page == self->page)
    return;
  self->page = page;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), preview_properties[PREVIEW_PROP_PAGE]);
}

guint
jc_doc_preview_get_n_pages (JcDocPreview *self)
{
  g_return_val_if_fail (JC_IS_DOC_PREVIEW (self), 1);

  return self->n_pages;
}

/* ---- the window --------------------------------------------------------- */

struct _JcDocPreviewWindow
{
  GtkWindow     parent_instance;

  GtkWidget    *parent;          /* weak: the page whose actions the buttons activate */
  JcDocPreview *preview;
  GtkHeaderBar *header;
  GtkLabel     *counter;
  GtkWidget    *previous;
  GtkWidget    *next;
  GtkWidget    *print;
  GtkWidget    *export;
  char         *print_action;
  char         *export_action;
};

G_DEFINE_FINAL_TYPE (JcDocPreviewWindow, jc_doc_preview_window, GTK_TYPE_WINDOW)

static void
window_update (JcDocPreviewWindow *self)
{
  guint page = jc_doc_preview_get_page (self->preview);
  guint n = jc_doc_preview_get_n_pages (self->preview);
  /* TRANSLATORS: the preview's page counter: "Page 1 of 3" */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1, n);

  gtk_label_set_text (self->counter, text);
  gtk_widget_set_sensitive (self->previous, page > 0);
  gtk_widget_set_sensitive (self->next, page + 1 < n);
}

/**
 * jc_doc_preview_window_turn:
 * @step: negative for the previous page, positive for the next
 */
void
jc_doc_preview_window_turn (JcDocPreviewWindow *self,
                            int                 step)
{
  guint page;

  g_return_if_fail (JC_IS_DOC_PREVIEW_WINDOW (self));

  page = jc_doc_preview_get_page (self->preview);
  if (step < 0 && page > 0)
    jc_doc_preview_set_page (self->preview, page - 1);
  else if (step > 0)
    jc_doc_preview_set_page (self->preview, page + 1);
}

static void
on_previous_clicked_cb (JcDocPreviewWindow *self)
{
  jc_doc_preview_window_turn (self, -1);
}

static void
on_next_clicked_cb (JcDocPreviewWindow *self)
{
  jc_doc_preview_window_turn (self, 1);
}

static void
on_print_clicked_cb (JcDocPreviewWindow *self)
{
  if (self->parent != NULL && self->print_action != NULL)
    gtk_widget_activate_action (self->parent, self->print_action, NULL);
}

static void
on_export_clicked_cb (JcDocPreviewWindow *self)
{
  g_autoptr(GtkWidget) parent = self->parent ? g_object_ref (self->parent) : NULL;
  g_autofree char *action = g_strdup (self->export_action);

  gtk_window_close (GTK_WINDOW (self));
  if (parent != NULL && action != NULL)
    gtk_widget_activate_action (parent, action, NULL);
}

static gboolean
key_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  int step = g_variant_get_int32 (args);

  if (step == 0)
    gtk_window_close (GTK_WINDOW (widget));
  else
    jc_doc_preview_window_turn (JC_DOC_PREVIEW_WINDOW (widget), step);
  return TRUE;
}

static void
jc_doc_preview_window_dispose (GObject *object)
{
  JcDocPreviewWindow *self = JC_DOC_PREVIEW_WINDOW (object);

  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (jc_doc_preview_window_parent_class)->dispose (object);
}

static void
jc_doc_preview_window_finalize (GObject *object)
{
  JcDocPreviewWindow *self = JC_DOC_PREVIEW_WINDOW (object);

  g_free (self->print_action);
  g_free (self->export_action);

  G_OBJECT_CLASS (jc_doc_preview_window_parent_class)->finalize (object);
}

static void
jc_doc_preview_window_class_init (JcDocPreviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jc_doc_preview_window_dispose;
  object_class->finalize = jc_doc_preview_window_finalize;
}

static void
jc_doc_preview_window_init (JcDocPreviewWindow *self)
{
  GtkWidget *nav;
  GtkEventController *keys;
  struct { guint key; int step; } bindings[] = {
    { GDK_KEY_Escape, 0 }, { GDK_KEY_Page_Up, -1 }, { GDK_KEY_Left, -1 },
    { GDK_KEY_Page_Down, 1 }, { GDK_KEY_Right, 1 },
  };

  gtk_window_set_default_size (GTK_WINDOW (self), 720, 900);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->header = GTK_HEADER_BAR (gtk_header_bar_new ());
  nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->previous, _("Previous page (Page Up)"));
  self->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (self->next, _("Next page (Page Down)"));
  self->counter = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->counter), "numeric");
  gtk_box_append (GTK_BOX (nav), self->previous);
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (self->counter));
  gtk_box_append (GTK_BOX (nav), self->next);
  gtk_header_bar_pack_start (self->header, nav);
  /* Export outermost, Print beside it; both hidden until the page names
   * their actions. */
  self->export = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  gtk_widget_add_css_class (self->export, "suggested-action");
  gtk_widget_set_visible (self->export, FALSE);
  gtk_header_bar_pack_end (self->header, self->export);
  self->print = gtk_button_new_from_icon_name ("document-print-symbolic");
  gtk_widget_set_tooltip_text (self->print, _("Print"));
  gtk_widget_set_visible (self->print, FALSE);
  gtk_header_bar_pack_end (self->header, self->print);
  gtk_window_set_titlebar (GTK_WINDOW (self), GTK_WIDGET (self->header));
  g_signal_connect_swapped (self->export, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  g_signal_connect_swapped (self->print, "clicked", G_CALLBACK (on_print_clicked_cb), self);
  g_signal_connect_swapped (self->previous, "clicked", G_CALLBACK (on_previous_clicked_cb), self);
  g_signal_connect_swapped (self->next, "clicked", G_CALLBACK (on_next_clicked_cb), self);

  keys = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (bindings[i].key, 0),
                                       gtk_callback_action_new (key_cb, NULL, NULL),
                                       "i", bindings[i].step));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * jc_doc_preview_window_new:
 * @parent: the page showing the document
 * Returns: (transfer none): the window (GTK owns it), not yet presented.
 */
JcDocPreviewWindow *
jc_doc_preview_window_new (GtkWidget  *parent,
                           JcPagedDoc *doc)
{
  JcDocPreviewWindow *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  self = g_object_new (JC_TYPE_DOC_PREVIEW_WINDOW, "title", jc_paged_doc_get_title (doc), NULL);
  g_set_weak_pointer (&self->parent, parent);
  root = gtk_widget_get_root (parent);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
    }
  self->preview = JC_DOC_PREVIEW (jc_doc_preview_new (doc));
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->preview));
  g_signal_connect_object (self->preview, "notify::page", G_CALLBACK (window_update), self,
                           G_CONNECT_SWAPPED);
  window_update (self);
  return self;
}

void
jc_doc_preview_window_set_print_action (JcDocPreviewWindow *self,
                                        const char         *action)
{
  g_return_if_fail (JC_IS_DOC_PREVIEW_WINDOW (self));

  g_free (self->print_action);
  self->print_action = g_strdup (action);
  gtk_widget_set_visible (self->print, action != NULL);
}

void
jc_doc_preview_window_set_export_action (JcDocPreviewWindow *self,
                                         const char         *action,
                                         gboolean            enabled)
{
  g_return_if_fail (JC_IS_DOC_PREVIEW_WINDOW (self));

  g_free (self->export_action);
  self->export_action = g_strdup (action);
  gtk_widget_set_visible (self->export, action != NULL);
  gtk_widget_set_sensitive (self->export, enabled);
}

JcDocPreview *
jc_doc_preview_window_get_preview (JcDocPreviewWindow *self)
{
  g_return_val_if_fail (JC_IS_DOC_PREVIEW_WINDOW (self), NULL);

  return self->preview;
}

const char *
jc_doc_preview_window_get_counter (JcDocPreviewWindow *self)
{
  g_return_val_if_fail (JC_IS_DOC_PREVIEW_WINDOW (self), NULL);

  return gtk_label_get_text (self->counter);
}
