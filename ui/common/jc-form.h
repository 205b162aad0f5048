/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-form.h: the inline validation of an editor.  A form knows which row
 * shows which JcField and which caption label sits under each group; the
 * editor parses its rows with the core field parsers and hands every error
 * here.  The form marks the wrong rows with .error and writes the messages
 * under their groups — only for rows the person has reached, so a new form
 * does not start out red.  It also remembers what the store rejected (a
 * duplicate code) until that row is changed. */
#pragma once

#include <adwaita.h>

#include "jc-error.h"

G_BEGIN_DECLS

typedef struct _JcForm JcForm;

typedef void (*JcFormChangedFunc) (gpointer user_data);

JcForm     *jc_form_new            (JcFormChangedFunc  changed,
                                    gpointer           user_data);
void        jc_form_free           (JcForm            *form);
void        jc_form_add_field      (JcForm            *form,
                                    JcField            field,
                                    GtkWidget         *row,
                                    GtkLabel          *caption);
void        jc_form_set_general_caption (JcForm       *form,
                                    GtkLabel          *caption);
GtkWidget  *jc_form_get_row        (JcForm            *form,
                                    JcField            field);
GtkLabel   *jc_form_get_caption    (JcForm            *form,
                                    JcField            field);
char       *jc_form_dup_text       (JcForm            *form,
                                    JcField            field);
void        jc_form_untouch_all    (JcForm            *form);
void        jc_form_reset          (JcForm            *form);
void        jc_form_add_error      (JcForm            *form,
                                    const GError      *error);
gboolean    jc_form_has_error      (JcForm            *form,
                                    JcField            field);
gboolean    jc_form_is_valid       (JcForm            *form);
void        jc_form_reject         (JcForm            *form,
                                    const GError      *error);
void        jc_form_show           (JcForm            *form);

/* Puts a value that passes validation into `record` in place of the wrong
 * `field`, so that asking core again finds the next wrong field; FALSE when
 * it cannot. */
typedef gboolean (*JcFormSubstituteFunc) (gpointer      record,
                                          JcField       field);
/* A core validator, such as jc_canteen_validate(). */
typedef gboolean (*JcFormValidateFunc)   (gconstpointer record,
                                          GError      **error);

void        jc_form_set_text       (JcForm            *form,
                                    JcField            field,
                                    const char        *text);
gboolean    jc_form_check          (JcForm            *form,
                                    gboolean           parsed,
                                    GError           **error,
                                    JcFormSubstituteFunc substitute,
                                    gpointer           record);
void        jc_form_check_record   (JcForm            *form,
                                    JcFormValidateFunc validate,
                                    JcFormSubstituteFunc substitute,
                                    gpointer           record);
gboolean    jc_form_finish         (JcForm            *form,
                                    GtkWidget         *editor,
                                    gboolean           can_save);
gboolean    jc_form_check_save     (JcForm            *form,
                                    gboolean           saved,
                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcForm, jc_form_free)

G_END_DECLS
