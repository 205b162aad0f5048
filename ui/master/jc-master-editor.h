/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-master-editor.h: what the editors of master data (catalog item,
 * canteen, vehicle, price source) have in common — the window with its
 * title, Save button and general caption, the inline-validation form, the
 * editor.save action that writes a record that passed and closes, and the
 * "saved" signal.  A subclass brings its template, its fields and how it
 * reads them into a record; it validates with core and saves through the
 * domain (jc-master-save.h).  No SQL here. */
#pragma once

#include <adwaita.h>

#include "jc-form.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_MASTER_EDITOR (jc_master_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (JcMasterEditor, jc_master_editor, JC, MASTER_EDITOR, AdwWindow)

struct _JcMasterEditorClass
{
  AdwWindowClass parent_class;

  /* Reads the fields into a new record, shows what is wrong on the form
   * (ending with jc_form_finish()) and returns the record when it may be
   * saved, else NULL.  Runs after every change of a field. */
  gpointer     (*build)       (JcMasterEditor  *self);
  /* Saves the record through the domain (jc_master_save_canteen()…). */
  gboolean     (*save)        (JcStore         *store,
                               gpointer         record,
                               GError         **error);
  /* The record's code, plate or name: what "saved" carries. */
  const char  *(*get_key)     (gconstpointer    record);
  GDestroyNotify free_record;
};

/* For class_init: the editor's template.  It has an AdwWindowTitle
 * "window_title", a GtkButton "save_button" and a GtkLabel
 * "general_caption", bound here; Escape closes the window. */
void            jc_master_editor_class_set_template (GtkWidgetClass *widget_class,
                                                     const char     *resource_path);

JcStore        *jc_master_editor_get_store    (JcMasterEditor *self);
/* The store to save to (borrowed: it must outlive the editor). */
void            jc_master_editor_set_store    (JcMasterEditor *self,
                                               JcStore        *store);
JcForm         *jc_master_editor_get_form     (JcMasterEditor *self);
void            jc_master_editor_set_title    (JcMasterEditor *self,
                                               const char     *title,
                                               const char     *subtitle);
/* Validates again (build) and drops the record: after a change. */
void            jc_master_editor_changed      (JcMasterEditor *self);
/* Forgets what the person touched and validates: after filling the rows. */
void            jc_master_editor_start        (JcMasterEditor *self);
/* Sets an entry row's text, "" for NULL. */
void            jc_master_editor_set_text     (GtkWidget      *row,
                                               const char     *text);

GtkWidget      *_jc_master_editor_get_row     (JcMasterEditor *self,
                                               JcField         field);
GtkLabel       *_jc_master_editor_get_caption (JcMasterEditor *self,
                                               JcField         field);
GtkWidget      *_jc_master_editor_get_save_button (JcMasterEditor *self);

G_END_DECLS
