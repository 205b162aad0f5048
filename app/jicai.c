/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The GUI: set up locale and libraries, run the application. */
#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "jc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JcApplication) app = NULL;
  const char *localedir = g_getenv ("JICAI_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Once, before any thread starts (curl_global_init is not thread-safe). */
  curl_global_init (CURL_GLOBAL_DEFAULT);
  app = jc_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  curl_global_cleanup ();
  return status;
}
