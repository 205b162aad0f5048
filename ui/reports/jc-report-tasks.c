/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-tasks.c: the Reports page's database work on GTask threads. */
#include "config.h"

#define G_LOG_DOMAIN "jc-report-tasks"

#include "jc-master.h"
#include "jc-report-tasks.h"
#include "jc-task.h"

/* base.date is the month, YYYY-MM. */
typedef struct {
  JcTaskData          base;
  char               *canteen;
  char               *item_code;
  char               *path;
  JcReportExportKind  kind;
  JcOutputFlags       flags;
} TaskData;

static void
task_data_free (TaskData *td)
{
  jc_task_data_clear (&td->base);
  g_free (td->canteen);
  g_free (td->item_code);
  g_free (td->path);
  g_free (td);
}

static GTask *
task_new (JcStore             *store,
          const char          *month,
          const char          *canteen,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          TaskData           **out)
{
  TaskData *td = g_new0 (TaskData, 1);

  td->canteen = g_strdup (canteen);
  *out = td;
  return jc_task_new_for_store (td, (GDestroyNotify) task_data_free, store, month, tag,
                                cancellable, callback, user_data);
}

/* ---- the page's data ---------------------------------------------------- */

static void
data_clear (JcReportData *data)
{
  g_clear_pointer (&data->report, jc_report_free);
  for (guint p = 0; p < JC_REPORT_N_PERIODS; p++)
    g_clear_pointer (&data->movers[p], g_array_unref);
  g_clear_pointer (&data->canteens, g_ptr_array_unref);
}

JcReportData *
jc_report_data_ref (JcReportData *data)
{
  return g_atomic_rc_box_acquire (data);
}

void
jc_report_data_unref (JcReportData *data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) data_clear);
}

static gpointer
load_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcReportData) data = g_atomic_rc_box_new0 (JcReportData);
  static const JcReportPeriod bases[] = { JC_REPORT_MOM_BASE, JC_REPORT_YOY_BASE };

  data->report = jc_report_build (store, td->base.date, td->canteen, error);
  if (data->report == NULL || g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !jc_report_trend (store, td->base.date, td->canteen, JC_REPORT_TASK_MONTHS, data->months,
                        data->trend_fen, data->ours, data->market, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      data->movers[bases[i]] = jc_report_movers (store, data->report, bases[i],
                                                 JC_REPORT_DOC_N_MOVERS, error);
      if (data->movers[bases[i]] == NULL)
        return NULL;
    }
  data->canteens = jc_store_list_canteens (store, FALSE, error);
  return data->canteens != NULL ? g_steal_pointer (&data) : NULL;
}

void
jc_report_task_load (JcStore             *store,
                     const char          *month,
                     const char          *canteen_or_null,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, month, canteen_or_null, jc_report_task_load,
                                    cancellable, callback, user_data, &td);

  jc_task_run_pointer (task, load_func, (GDestroyNotify) jc_report_data_unref);
}

JcReportData *
jc_report_task_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  return jc_task_propagate_pointer (result, jc_report_task_load, error);
}

/* ---- export --------------------------------------------------------------- */

static gboolean
export_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcReport) report = jc_report_build (store, td->base.date, td->canteen, error);

  if (report == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  switch (td->kind)
    {
    case JC_REPORT_EXPORT_PDF:
      return jc_report_export_pdf (store, report, td->path, td->flags, error);
    case JC_REPORT_EXPORT_XLSX:
      return jc_report_export_xlsx (store, report, td->path, td->flags, error);
    case JC_REPORT_EXPORT_CSV:
      return jc_report_export_csv (report, td->path, td->flags, error);
    default:
      g_assert_not_reached ();
    }
}

void
jc_report_task_export (JcStore             *store,
                       const char          *month,
                       const char          *canteen_or_null,
                       JcReportExportKind   kind,
                       const char          *path,
                       JcOutputFlags        flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, month, canteen_or_null, jc_report_task_export,
                                    cancellable, callback, user_data, &td);

  td->kind = kind;
  td->flags = flags;
  td->path = g_strdup (path);
  jc_task_run_boolean (task, export_func);
}

gboolean
jc_report_task_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_boolean (result, jc_report_task_export, error);
}

/* ---- one item's history -------------------------------------------------- */

static gpointer
history_func (JcStore       *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(GArray) months = g_array_sized_new (FALSE, TRUE, sizeof (JcReportItemMonth),
                                                JC_REPORT_TASK_MONTHS);

  g_array_set_size (months, JC_REPORT_TASK_MONTHS);
  if (!jc_report_item_history (store, td->base.date, td->canteen, td->item_code,
                               JC_REPORT_TASK_MONTHS,
                               &g_array_index (months, JcReportItemMonth, 0), error))
    return NULL;
  return g_steal_pointer (&months);
}

void
jc_report_task_history (JcStore             *store,
                        const char          *month,
                        const char          *canteen_or_null,
                        const char          *item_code,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, month, canteen_or_null, jc_report_task_history,
                                    cancellable, callback, user_data, &td);

  td->item_code = g_strdup (item_code);
  jc_task_run_pointer (task, history_func, (GDestroyNotify) g_array_unref);
}

GArray *
jc_report_task_history_finish (GAsyncResult  *result,
                               GError       **error)
{
  return jc_task_propagate_pointer (result, jc_report_task_history, error);
}

/* ---- the pages for printing ----------------------------------------------- */

static gpointer
pages_func (JcStore       *store,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  TaskData *td = task_data;
  JcReport *report = jc_report_build (store, td->base.date, td->canteen, error);
  JcReportDoc *doc = NULL;

  /* the document owns the report */
  if (report != NULL)
    doc = jc_report_doc_new_full (store, report, error);
  return doc != NULL ? jc_report_doc_paged_new (doc) : NULL;
}

void
jc_report_task_pages (JcStore             *store,
                      const char          *month,
                      const char          *canteen_or_null,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, month, canteen_or_null, jc_report_task_pages,
                                    cancellable, callback, user_data, &td);

  jc_task_run_pointer (task, pages_func, (GDestroyNotify) jc_paged_doc_unref);
}

JcPagedDoc *
jc_report_task_pages_finish (GAsyncResult  *result,
                             GError       **error)
{
  return jc_task_propagate_pointer (result, jc_report_task_pages, error);
}
