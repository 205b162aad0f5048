/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-fetch.c: one URL into memory through libcurl, with the timeouts,
 * limits, retries and error messages the price feeds need.
 *
 * The transfer runs on a per-call multi handle so that a cancellation from
 * another thread wakes curl_multi_poll() at once instead of waiting for the
 * next progress tick.  Nothing here parses a body or touches the store. */
#include "config.h"

#define G_LOG_DOMAIN "jc-fetch"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "jc-fetch.h"
#include "jc-output.h"

/* core's only user of libcurl handles: their cleanups are declared here,
 * once.  (Move them to a shared autocleanups header if a second module
 * ever needs curl directly; it should call jc_fetch() instead.) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURLM, curl_multi_cleanup)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURLU, curl_url_cleanup)

G_DEFINE_QUARK (jc-fetch-error-quark, jc_fetch_error)

#define DEFAULT_CONNECT_TIMEOUT_MS 10000
#define DEFAULT_TIMEOUT_MS         60000
#define DEFAULT_LOW_SPEED_S        20
#define DEFAULT_MAX_RETRIES        3
#define DEFAULT_BACKOFF_MS         500
#define DEFAULT_MAX_RETRY_AFTER_S  120
#define DEFAULT_USER_AGENT         "jicai/" PACKAGE_VERSION " (+canteen procurement)"
#define MAX_BACKOFF_MS             60000
#define MAX_REDIRECTS              5L

/* Why one attempt failed: the error code, whether to try again, and the
 * part of the message after “Could not fetch URL: ”. */
typedef struct {
  JcFetchError code;
  gboolean     retry;
  char        *why;
  gint64       retry_after_s;  /* from the server, 0: none */
} Failure;

typedef struct {
  CURL            *easy;
  GCancellable    *cancellable;
  JcFetchProgress  progress;
  gpointer         user_data;
  gsize            max_bytes;
  gint64           stall_us;     /* low_speed_timeout_s */

  /* per attempt */
  GByteArray      *body;
  gboolean         too_large;   /* the write callback refused more */
  gboolean         cancelled;
  gboolean         stalled;     /* nothing moved for stall_us */
  gint64           last_activity;
  curl_off_t       last_dl, last_ul;
  gint64           content_length;  /* of the last response, -1: not said */
  gboolean         saw_status;  /* a status line arrived (so a later
                                 * protocol error came from a redirect) */
  char            *reason;      /* reason phrase of the last status line */
  guint64          reported;
  CURLMcode        multi_error;
  char             errbuf[CURL_ERROR_SIZE];
} Transfer;

void
jc_fetch_options_init (JcFetchOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  opts->timeout_ms = DEFAULT_TIMEOUT_MS;
  opts->low_speed_timeout_s = DEFAULT_LOW_SPEED_S;
  opts->max_bytes = JC_FETCH_DEFAULT_MAX_BYTES;
  opts->max_retries = DEFAULT_MAX_RETRIES;
  opts->backoff_ms = DEFAULT_BACKOFF_MS;
  opts->max_retry_after_s = DEFAULT_MAX_RETRY_AFTER_S;
  opts->user_agent = DEFAULT_USER_AGENT;
}

/* A zero means the default (see the header), except for max_retries. */
static void
options_resolve (const JcFetchOptions *in,
                 JcFetchOptions       *out)
{
  if (in == NULL)
    {
      jc_fetch_options_init (out);
      return;
    }
  *out = *in;
  if (out->connect_timeout_ms == 0)
    out->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  if (out->timeout_ms == 0)
    out->timeout_ms = DEFAULT_TIMEOUT_MS;
  if (out->low_speed_timeout_s == 0)
    out->low_speed_timeout_s = DEFAULT_LOW_SPEED_S;
  if (out->max_bytes == 0)
    out->max_bytes = JC_FETCH_DEFAULT_MAX_BYTES;
  /* GByteArray counts in guint */
  out->max_bytes = MIN (out->max_bytes, (gsize) G_MAXUINT);
  if (out->backoff_ms == 0)
    out->backoff_ms = DEFAULT_BACKOFF_MS;
  if (out->max_retry_after_s == 0)
    out->max_retry_after_s = DEFAULT_MAX_RETRY_AFTER_S;
  if (out->user_agent == NULL || *out->user_agent == '\0')
    out->user_agent = DEFAULT_USER_AGENT;
  if (out->credentials != NULL && *out->credentials == '\0')
    out->credentials = NULL;
}

/* ---- URLs for messages ------------------------------------------------ */

static gboolean
query_name_is_secret (const char *name,
                      gsize       len)
{
  static const char *const words[] = {
    "key", "token", "secret", "pass", "pwd", "auth", "sign", "session",
  };
  g_autofree char *lower = g_ascii_strdown (name, len);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "a=1&api_key=XYZ" → "a=1&api_key=***" */
static char *
redact_query (const char *query)
{
  g_auto(GStrv) parts = g_strsplit (query, "&", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq != NULL && query_name_is_secret (parts[i], eq - parts[i]))
        {
          g_string_append_len (out, parts[i], eq - parts[i] + 1);
          g_string_append (out, "***");
        }
      else
        g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

/* For a string curl could not parse: drop anything between "://" and an
 * '@' before the path, and keep it short. */
static char *
redact_unparsed_url (const char *url)
{
  GString *out = g_string_new (url);
  const char *sep = strstr (out->str, "://");

  if (sep != NULL)
    {
      gsize start = sep + 3 - out->str;
      gsize end = start + strcspn (out->str + start, "/?#");
      const char *at = g_strstr_len (out->str + start, end - start, "@");

      if (at != NULL)
        g_string_erase (out, start, at + 1 - (out->str + start));
    }
  if (out->len > 200)
    {
      g_string_truncate (out, 200);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

/* The URL as a person may see it: no user:password@, no secret-looking
 * query values, valid UTF-8. */
static char *
display_url (const char *url)
{
  g_autoptr(CURLU) u = curl_url ();
  g_autofree char *shown = NULL;
  char *s = NULL;

  if (u != NULL && curl_url_set (u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK)
    {
      char *query = NULL;

      curl_url_set (u, CURLUPART_USER, NULL, 0);
      curl_url_set (u, CURLUPART_PASSWORD, NULL, 0);
      curl_url_set (u, CURLUPART_OPTIONS, NULL, 0);
      if (curl_url_get (u, CURLUPART_QUERY, &query, 0) == CURLUE_OK && query != NULL)
        {
          g_autofree char *redacted = redact_query (query);

          curl_url_set (u, CURLUPART_QUERY, redacted, 0);
          curl_free (query);
        }
      if (curl_url_get (u, CURLUPART_URL, &s, 0) == CURLUE_OK && s != NULL)
        {
          shown = g_strdup (s);
          curl_free (s);
        }
    }
  if (shown == NULL)
    shown = redact_unparsed_url (url);
  return g_utf8_make_valid (shown, -1);
}

/* ---- secrets ------------------------------------------------------------ */

static void
add_secret (GPtrArray  *secrets,
            const char *s,
            gssize      len)
{
  /* shorter ones would blank out ordinary words of the message */
  if (s != NULL && (len < 0 ? strlen (s) : (gsize) len) >= 4)
    g_ptr_array_add (secrets, g_strndup (s, len < 0 ? strlen (s) : (gsize) len));
}

/* Everything that must never appear in a message: the option's
 * credentials (whole and their password/token part) and the URL's
 * password. */
static GPtrArray *
collect_secrets (const char           *url,
                 const JcFetchOptions *o)
{
  GPtrArray *secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CURLU) u = curl_url ();

  if (o->credentials != NULL)
    {
      const char *colon = strchr (o->credentials, ':');
      const char *space = strchr (o->credentials, ' ');

      add_secret (secrets, o->credentials, -1);
      if (colon != NULL)
        add_secret (secrets, colon + 1, -1);
      if (space != NULL)
        add_secret (secrets, space + 1, -1);
    }
  if (u != NULL && curl_url_set (u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK)
    {
      char *password = NULL;

      if (curl_url_get (u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK && password != NULL)
        {
          g_autofree char *decoded = g_uri_unescape_string (password, NULL);

          add_secret (secrets, password, -1);
          add_secret (secrets, decoded, -1);
          curl_free (password);
        }
    }
  return secrets;
}

/* Last line of defence: whatever curl or a server put in a message, a
 * secret is replaced by "***". */
static char *
scrub (char      *message,
       GPtrArray *secrets)
{
  GString *s = g_string_new (message);

  g_free (message);

  for (guint i = 0; i < secrets->len; i++)
    g_string_replace (s, g_ptr_array_index (secrets, i), "***", 0);
  return g_string_free (s, FALSE);
}

/* ---- curl callbacks ----------------------------------------------------- */

static size_t
on_write_cb (char   *ptr,
             size_t  size,
             size_t  nmemb,
             void   *user_data)
{
  Transfer *t = user_data;
  gsize n = size * nmemb;

  t->last_activity = g_get_monotonic_time ();
  if (g_cancellable_is_cancelled (t->cancellable))
    {
      t->cancelled = TRUE;
      return 0;
    }
  if (n > t->max_bytes - t->body->len)
    {
      t->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (t->body, (const guint8 *) ptr, (guint) n);
  return n;
}

/* Keeps the reason phrase of the last status line, and starts the body
 * afresh on every new response (a followed redirect, a 100 Continue). */
static size_t
on_header_cb (char   *buffer,
              size_t  size,
              size_t  nitems,
              void   *user_data)
{
  Transfer *t = user_data;
  gsize n = size * nitems;

  t->last_activity = g_get_monotonic_time ();
  if (n > 15 && g_ascii_strncasecmp (buffer, "Content-Length:", 15) == 0)
    {
      g_autofree char *value = g_strndup (buffer + 15, n - 15);
      guint64 length = 0;

      if (g_ascii_string_to_unsigned (g_strstrip (value), 10, 0, G_MAXINT64, &length, NULL))
        t->content_length = (gint64) length;
    }
  if (n > 5 && memcmp (buffer, "HTTP/", 5) == 0)
    {
      const char *p = memchr (buffer, ' ', n);
      const char *end = buffer + n;
      GString *reason = g_string_new (NULL);

      t->saw_status = TRUE;
      t->content_length = -1;
      g_byte_array_set_size (t->body, 0);
      t->too_large = FALSE;
      t->reported = 0;
      /* "HTTP/1.1 404 Not Found\r\n": skip the version and the code */
      if (p != NULL)
        p = memchr (p + 1, ' ', end - (p + 1));
      for (p = p ? p + 1 : end; p < end && reason->len < 80; p++)
        {
          /* a server's text: printable ASCII only */
          if (*p >= 0x20 && *p < 0x7f)
            g_string_append_c (reason, *p);
        }
      g_free (t->reason);
      t->reason = g_strstrip (g_string_free (reason, FALSE));
    }
  return n;
}

static int
on_xferinfo_cb (void       *user_data,
                curl_off_t  dltotal,
                curl_off_t  dlnow,
                curl_off_t  ultotal,
                curl_off_t  ulnow)
{
  Transfer *t = user_data;

  if (dlnow != t->last_dl || ulnow != t->last_ul)
    {
      t->last_dl = dlnow;
      t->last_ul = ulnow;
      t->last_activity = g_get_monotonic_time ();
    }
  if (g_cancellable_is_cancelled (t->cancellable))
    {
      t->cancelled = TRUE;
      return 1;
    }
  if (t->progress != NULL && dlnow > 0 && (guint64) dlnow > t->reported)
    {
      t->reported = dlnow;
      t->progress (dlnow, dltotal > 0 ? (guint64) dltotal : 0, t->user_data);
    }
  return 0;
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      multi)
{
  /* thread-safe by contract: wakes curl_multi_poll() in the fetching thread */
  curl_multi_wakeup (multi);
}

/* ---- the transfer --------------------------------------------------------- */

#define TRY_SETOPT(h, opt, val)                                          \
  G_STMT_START {                                                         \
    CURLcode rc_ = curl_easy_setopt ((h), (opt), (val));                 \
    if (rc_ != CURLE_OK)                                                 \
      return rc_;                                                        \
  } G_STMT_END

static CURLcode
setup_easy (Transfer             *t,
            const char           *url,
            const char           *post_form,
            gboolean              is_file,
            const JcFetchOptions *o,
            struct curl_slist   **headers)
{
  CURL *h = t->easy;

  TRY_SETOPT (h, CURLOPT_URL, url);
  TRY_SETOPT (h, CURLOPT_PROTOCOLS_STR, "http,https,file");
  TRY_SETOPT (h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  TRY_SETOPT (h, CURLOPT_FOLLOWLOCATION, 1L);
  TRY_SETOPT (h, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
  TRY_SETOPT (h, CURLOPT_NOSIGNAL, 1L);
  /* Always verified; there is deliberately no option to turn this off. */
  TRY_SETOPT (h, CURLOPT_SSL_VERIFYPEER, 1L);
  TRY_SETOPT (h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (o->ca_file != NULL)
    TRY_SETOPT (h, CURLOPT_CAINFO, o->ca_file);
  /* No CURLOPT_PROXY/NOPROXY: libcurl then honours http_proxy,
   * https_proxy and no_proxy from the environment. */
  TRY_SETOPT (h, CURLOPT_CONNECTTIMEOUT_MS, (long) o->connect_timeout_ms);
  TRY_SETOPT (h, CURLOPT_TIMEOUT_MS, (long) o->timeout_ms);
  TRY_SETOPT (h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  TRY_SETOPT (h, CURLOPT_LOW_SPEED_TIME, (long) o->low_speed_timeout_s);
  /* Refuses a too large Content-Length up front; curl 7.88 does not check
   * a body of unknown length, so on_write_cb() does. */
  TRY_SETOPT (h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) o->max_bytes);
  TRY_SETOPT (h, CURLOPT_USERAGENT, o->user_agent);
  TRY_SETOPT (h, CURLOPT_ACCEPT_ENCODING, "");
  TRY_SETOPT (h, CURLOPT_ERRORBUFFER, t->errbuf);
  TRY_SETOPT (h, CURLOPT_WRITEFUNCTION, on_write_cb);
  TRY_SETOPT (h, CURLOPT_WRITEDATA, t);
  TRY_SETOPT (h, CURLOPT_HEADERFUNCTION, on_header_cb);
  TRY_SETOPT (h, CURLOPT_HEADERDATA, t);
  TRY_SETOPT (h, CURLOPT_XFERINFOFUNCTION, on_xferinfo_cb);
  TRY_SETOPT (h, CURLOPT_XFERINFODATA, t);
  TRY_SETOPT (h, CURLOPT_NOPROGRESS, 0L);

  if (o->credentials != NULL && !is_file)
    {
      const char *colon = strchr (o->credentials, ':');

      if (g_ascii_strncasecmp (o->credentials, "Bearer ", 7) == 0 ||
          g_ascii_strncasecmp (o->credentials, "Token ", 6) == 0)
        {
          g_autofree char *line = g_strconcat ("Authorization: ", o->credentials, NULL);

          *headers = curl_slist_append (*headers, line);
        }
      else if (colon != NULL)
        {
          g_autofree char *user = g_strndup (o->credentials, colon - o->credentials);

          TRY_SETOPT (h, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
          TRY_SETOPT (h, CURLOPT_USERNAME, user);
          TRY_SETOPT (h, CURLOPT_PASSWORD, colon + 1);
        }
      else
        {
          g_autofree char *line = g_strconcat ("Authorization: Bearer ", o->credentials, NULL);

          *headers = curl_slist_append (*headers, line);
        }
      /* curl (≥ 7.58) sends neither this header nor basic auth to another
       * host after a redirect. */
    }
  if (*headers != NULL)
    TRY_SETOPT (h, CURLOPT_HTTPHEADER, *headers);

  if (post_form != NULL && !is_file)
    {
      TRY_SETOPT (h, CURLOPT_POSTFIELDS, post_form);
      TRY_SETOPT (h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (post_form));
    }
  return CURLE_OK;
}

#undef TRY_SETOPT

/* One attempt on `multi`.  Returns curl's result; t->cancelled says when
 * it stopped because of the cancellable, t->stalled when nothing moved for
 * low_speed_timeout_s.  (curl's own LOW_SPEED check stays as a backstop,
 * but it averages over a window of several seconds, so it fires seconds
 * late; this one is exact to the poll.) */
static CURLcode
run_attempt (CURLM    *multi,
             Transfer *t)
{
  CURLcode result = CURLE_FAILED_INIT;
  CURLMsg *msg;
  int running = 1;
  int left = 0;

  t->multi_error = curl_multi_add_handle (multi, t->easy);
  if (t->multi_error != CURLM_OK)
    return CURLE_FAILED_INIT;

  t->last_activity = g_get_monotonic_time ();
  while (running > 0)
    {
      gint64 idle_us;

      t->multi_error = curl_multi_perform (multi, &running);
      if (t->multi_error != CURLM_OK || running == 0)
        break;
      if (g_cancellable_is_cancelled (t->cancellable))
        {
          t->cancelled = TRUE;
          break;
        }
      idle_us = g_get_monotonic_time () - t->last_activity;
      if (idle_us >= t->stall_us)
        {
          t->stalled = TRUE;
          break;
        }
      t->multi_error = curl_multi_poll (multi, NULL, 0,
                                        (int) MIN (1000, (t->stall_us - idle_us + 999) / 1000),
                                        NULL);
      if (t->multi_error != CURLM_OK)
        break;
    }

  while ((msg = curl_multi_info_read (multi, &left)) != NULL)
    {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == t->easy)
        result = msg->data.result;
    }
  curl_multi_remove_handle (multi, t->easy);

  if (t->cancelled)
    return CURLE_ABORTED_BY_CALLBACK;
  if (t->stalled)
    return CURLE_OPERATION_TIMEDOUT;
  return result;
}

/* ---- errors ------------------------------------------------------------- */

static char *
format_seconds (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf (_("%u s"), ms / 1000);
  return g_strdup_printf (_("%.1f s"), ms / 1000.0);
}

static const char *
status_reason (long status)
{
  switch (status)
    {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default:  return NULL;
    }
}

static char *
describe_status (Transfer *t,
                 long      status)
{
  const char *reason = status_reason (status);
  const char *hint = "";

  if (reason == NULL && t->reason != NULL && *t->reason != '\0')
    reason = t->reason;
  if (status == 401 || status == 403)
    hint = _("; check the source's credentials");
  if (reason != NULL)
    return g_strdup_printf (_("the server answered %ld %s%s"), status, reason, hint);
  return g_strdup_printf (_("the server answered with status %ld%s"), status, hint);
}

/* Why a file:// URL could not be read, from the file system itself. */
static char *
describe_file_problem (const char *path,
                       const char *curl_reason)
{
  GStatBuf st;
  int fd;
  int saved;

  if (g_stat (path, &st) != 0)
    return g_strdup (g_strerror (errno));
  if (S_ISDIR (st.st_mode))
    return g_strdup (_("it is a folder, not a file"));
  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      saved = errno;
      return g_strdup (g_strerror (saved));
    }
  close (fd);
  return g_strdup (curl_reason);
}

static char *
curl_detail (Transfer *t,
             CURLcode  rc)
{
  if (t->errbuf[0] != '\0')
    return g_utf8_make_valid (t->errbuf, -1);
  return g_strdup (curl_easy_strerror (rc));
}

/* Sorts a failed attempt into an error code, a retry decision and the
 * text after “Could not fetch URL: ”. */
static void
classify_curl_failure (Transfer             *t,
                       CURLcode              rc,
                       const JcFetchOptions *o,
                       Failure              *f)
{
  g_autofree char *detail = curl_detail (t, rc);
  curl_off_t connect_us = 0, total_us = 0, received = 0;
  gint64 length = t->content_length;
  long os_errno = 0;

  curl_easy_getinfo (t->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
  curl_easy_getinfo (t->easy, CURLINFO_TOTAL_TIME_T, &total_us);
  curl_easy_getinfo (t->easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
  curl_easy_getinfo (t->easy, CURLINFO_OS_ERRNO, &os_errno);

  f->retry = FALSE;
  switch ((int) rc)
    {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      /* the URL itself was checked before: this came from a Location */
      if (t->saw_status)
        {
          f->code = JC_FETCH_ERROR_REDIRECTS;
          f->why = g_strdup (_("the server redirected to an invalid URL or one that is not http or https"));
        }
      else
        {
          f->code = JC_FETCH_ERROR_BAD_URL;
          f->why = g_strdup_printf (_("not a URL jicai can fetch (%s)"), detail);
        }
      break;

    case CURLE_TOO_MANY_REDIRECTS:
      f->code = JC_FETCH_ERROR_REDIRECTS;
      f->why = g_strdup_printf (ngettext ("more than %ld redirect (the server redirects in a loop)",
                                          "more than %ld redirects (the server redirects in a loop)",
                                          (unsigned long) MAX_REDIRECTS),
                                MAX_REDIRECTS);
      break;

    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      f->code = JC_FETCH_ERROR_CONNECT;
      f->why = g_strdup_printf (_("the host name could not be resolved (%s)"), detail);
      break;

    case CURLE_COULDNT_CONNECT:
      f->code = JC_FETCH_ERROR_CONNECT;
      if (os_errno != 0)
        f->why = g_strdup_printf (_("could not connect to the server (%s)"),
                                  g_strerror ((int) os_errno));
      else
        f->why = g_strdup_printf (_("could not connect to the server (%s)"), detail);
      break;

    case CURLE_OPERATION_TIMEDOUT:
      {
        g_autofree char *secs = NULL;

        f->code = JC_FETCH_ERROR_TIMEOUT;
        f->retry = TRUE;
        if (connect_us == 0 && !t->stalled)
          {
            secs = format_seconds (o->connect_timeout_ms);
            f->why = g_strdup_printf (_("no connection to the server within %s"), secs);
          }
        else if (!t->stalled && total_us / 1000 + 100 >= (curl_off_t) o->timeout_ms)
          {
            secs = format_seconds (o->timeout_ms);
            f->why = g_strdup_printf (_("the transfer took longer than %s"), secs);
          }
        else
          {
            secs = format_seconds (o->low_speed_timeout_s * 1000);
            if (t->saw_status)
              f->why = g_strdup_printf (_("the server stopped sending for %s"), secs);
            else
              f->why = g_strdup_printf (_("the server did not answer for %s"), secs);
          }
      }
      break;

    case CURLE_GOT_NOTHING:
      f->code = JC_FETCH_ERROR_RESET;
      f->retry = TRUE;
      f->why = g_strdup (_("the server closed the connection without answering"));
      break;

    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      f->code = JC_FETCH_ERROR_RESET;
      f->retry = TRUE;
      f->why = g_strdup_printf (_("the connection was broken (%s)"), detail);
      break;

    case CURLE_PARTIAL_FILE:
      {
        g_autofree char *got = g_format_size_full (received, G_FORMAT_SIZE_IEC_UNITS);
        g_autofree char *want = g_format_size_full (length > 0 ? length : 0,
                                                    G_FORMAT_SIZE_IEC_UNITS);

        f->code = JC_FETCH_ERROR_TRUNCATED;
        if (length > 0)
          f->why = g_strdup_printf (_("the connection closed after %s of %s; the response is incomplete"),
                                    got, want);
        else
          f->why = g_strdup_printf (_("the connection closed after %s; the response is incomplete"),
                                    got);
      }
      break;

    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
      if (rc == CURLE_WRITE_ERROR && !t->too_large)
        {
          f->code = JC_FETCH_ERROR_FAILED;
          f->why = g_strdup_printf (_("the response could not be stored (%s)"), detail);
        }
      else
        {
          g_autofree char *limit = g_format_size_full (o->max_bytes, G_FORMAT_SIZE_IEC_UNITS);

          f->code = JC_FETCH_ERROR_TOO_LARGE;
          if (t->too_large && length > 0 && (guint64) length <= o->max_bytes)
            {
              /* sent compressed: what exceeded the limit is what it
               * unpacks to, not the size on the wire */
              g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);

              f->why = g_strdup_printf (_("the response, %s as sent, unpacks to more than the "
                                          "limit of %s"), size, limit);
            }
          else if (length > 0)
            {
              g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);

              f->why = g_strdup_printf (_("the response (%s) is larger than the limit of %s"),
                                        size, limit);
            }
          else
            f->why = g_strdup_printf (_("the response is larger than the limit of %s"), limit);
        }
      break;

    case CURLE_PEER_FAILED_VERIFICATION:
      f->code = JC_FETCH_ERROR_TLS;
      f->why = g_strdup_printf (_("the server's certificate is not trusted or not for this host (%s)"),
                                detail);
      break;

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      f->code = JC_FETCH_ERROR_TLS;
      f->why = g_strdup_printf (_("the secure connection failed (%s)"), detail);
      break;

    case CURLE_BAD_CONTENT_ENCODING:
      f->code = JC_FETCH_ERROR_FAILED;
      f->why = g_strdup_printf (_("the server sent a damaged compressed response (%s)"), detail);
      break;

    case CURLE_WEIRD_SERVER_REPLY:
      f->code = JC_FETCH_ERROR_FAILED;
      f->why = g_strdup_printf (_("the server's answer is not valid HTTP (%s)"), detail);
      break;

    case CURLE_FAILED_INIT:
      f->code = JC_FETCH_ERROR_FAILED;
      if (t->multi_error != CURLM_OK)
        f->why = g_strdup_printf (_("internal error (%s)"), curl_multi_strerror (t->multi_error));
      else
        f->why = g_strdup_printf (_("internal error (%s)"), detail);
      break;

    default:
      f->code = JC_FETCH_ERROR_FAILED;
      f->why = g_strdup (detail);
      break;
    }
}

static gboolean
sleep_cancellable (GCancellable *cancellable,
                   guint         ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  GPollFD pollfd;
  gboolean have_fd;

  if (cancellable == NULL)
    {
      g_usleep ((gulong) ms * 1000);
      return TRUE;
    }
  have_fd = g_cancellable_make_pollfd (cancellable, &pollfd);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 left_ms = (deadline - now + 999) / 1000;

      if (now >= deadline || g_cancellable_is_cancelled (cancellable))
        break;
      if (have_fd)
        g_poll (&pollfd, 1, (int) left_ms);
      else
        g_usleep ((gulong) MIN (left_ms, 10) * 1000);
    }
  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

static guint
backoff_delay_ms (const JcFetchOptions *o,
                  guint                 retry)
{
  guint64 delay = o->backoff_ms;

  for (guint i = 0; i < retry && delay < MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_BACKOFF_MS);
  /* up to 50 % more, so that clients that failed together spread out */
  return (guint) (delay + g_random_int_range (0, (gint32) (delay / 2) + 1));
}

static gboolean
url_is_fetchable (const char  *url,
                  gboolean    *is_file,
                  char       **why)
{
  g_autoptr(CURLU) u = curl_url ();
  char *scheme = NULL;
  CURLUcode uc;
  gboolean ok;

  if (u == NULL)
    {
      *why = g_strdup (_("out of memory"));
      return FALSE;
    }
  uc = curl_url_set (u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
  if (uc != CURLUE_OK)
    {
      *why = g_strdup_printf (_("not a valid URL (%s)"), curl_url_strerror (uc));
      return FALSE;
    }
  uc = curl_url_get (u, CURLUPART_SCHEME, &scheme, 0);
  if (uc != CURLUE_OK || scheme == NULL)
    {
      *why = g_strdup (_("the URL has no scheme (http://, https:// or file://)"));
      return FALSE;
    }
  *is_file = g_ascii_strcasecmp (scheme, "file") == 0;
  ok = *is_file ||
       g_ascii_strcasecmp (scheme, "http") == 0 ||
       g_ascii_strcasecmp (scheme, "https") == 0;
  if (!ok)
    *why = g_strdup_printf (_("only http://, https:// and file:// URLs can be fetched, not %s://"),
                            scheme);
  curl_free (scheme);
  return ok;
}

static void
set_error (GError      **error,
           GPtrArray    *secrets,
           JcFetchError  code,
           char         *message)
{
  g_autofree char *clean = scrub (message, secrets);

  g_set_error_literal (error, JC_FETCH_ERROR, code, clean);
}

GBytes *
jc_fetch (const char            *url,
          const char            *post_form,
          const JcFetchOptions  *opts,
          GCancellable          *cancellable,
          JcFetchProgress        progress,
          gpointer               user_data,
          guint                 *out_attempts,
          GError               **error)
{
  g_autoptr(CURL) easy = NULL;
  g_autoptr(CURLM) multi = NULL;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *why = NULL;
  struct curl_slist *headers = NULL;
  JcFetchOptions o;
  Transfer t = { 0 };
  Failure f = { 0 };
  GBytes *result = NULL;
  gboolean is_file = FALSE;
  gulong cancel_id = 0;
  guint attempt;
  CURLcode rc;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_attempts != NULL)
    *out_attempts = 0;
  options_resolve (opts, &o);
  secrets = collect_secrets (url, &o);
  shown = display_url (url);

  if (!url_is_fetchable (url, &is_file, &why))
    {
      set_error (error, secrets, JC_FETCH_ERROR_BAD_URL,
                 g_strdup_printf (_("Could not fetch %s: %s"), shown, why));
      return NULL;
    }
  /* a line break would smuggle a header of its own into the request */
  if (o.credentials != NULL && strpbrk (o.credentials, "\r\n") != NULL)
    {
      set_error (error, secrets, JC_FETCH_ERROR_FAILED,
                 g_strdup_printf (_("Could not fetch %s: the source's credentials contain a line break"),
                                  shown));
      return NULL;
    }
  if (is_file)
    {
      /* curl reads a folder as an empty file */
      g_autofree char *path = g_filename_from_uri (url, NULL, NULL);

      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (path);

          set_error (error, secrets, JC_FETCH_ERROR_FILE,
                     g_strdup_printf (_("Could not read %s: it is a folder, not a file"), display));
          return NULL;
        }
      /* curl would open and close the database beside our connection */
      if (path != NULL && !jc_output_check_input (path, NULL))
        {
          g_autofree char *display = g_filename_display_name (path);

          set_error (error, secrets, JC_FETCH_ERROR_FILE,
                     g_strdup_printf (_("Could not read %s: it is the open database, not a "
                                        "price feed; correct the source's URL"), display));
          return NULL;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  easy = curl_easy_init ();
  multi = curl_multi_init ();
  if (easy == NULL || multi == NULL)
    {
      set_error (error, secrets, JC_FETCH_ERROR_FAILED,
                 g_strdup_printf (_("Could not fetch %s: libcurl could not start"), shown));
      return NULL;
    }
  t.easy = easy;
  t.cancellable = cancellable;
  t.progress = progress;
  t.user_data = user_data;
  t.max_bytes = o.max_bytes;
  t.stall_us = (gint64) o.low_speed_timeout_s * G_USEC_PER_SEC;
  t.body = g_byte_array_new ();

  rc = setup_easy (&t, url, post_form, is_file, &o, &headers);
  if (rc != CURLE_OK)
    {
      set_error (error, secrets, JC_FETCH_ERROR_FAILED,
                 g_strdup_printf (_("Could not fetch %s: libcurl refused an option (%s)"),
                                  shown, curl_easy_strerror (rc)));
      goto out;
    }
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), multi, NULL);

  for (attempt = 1; ; attempt++)
    {
      long status = 0;
      guint delay_ms;

      g_byte_array_set_size (t.body, 0);
      g_clear_pointer (&t.reason, g_free);
      t.too_large = t.cancelled = t.saw_status = t.stalled = FALSE;
      t.reported = 0;
      t.last_dl = t.last_ul = 0;
      t.content_length = -1;
      t.multi_error = CURLM_OK;
      t.errbuf[0] = '\0';
      g_clear_pointer (&f.why, g_free);
      f.retry_after_s = 0;

      if (out_attempts != NULL)
        *out_attempts = attempt;
      g_debug ("%s %s (attempt %u)", post_form != NULL && !is_file ? "POST" : "GET", shown, attempt);
      rc = run_attempt (multi, &t);

      if (t.cancelled || g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("Fetching %s was cancelled"), shown);
          goto out;
        }

      if (rc == CURLE_OK)
        {
          curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
          if (is_file || (status >= 200 && status < 300))
            {
              curl_off_t got = 0, length = -1;

              /* the last tick may have come before the last bytes */
              curl_easy_getinfo (easy, CURLINFO_SIZE_DOWNLOAD_T, &got);
              curl_easy_getinfo (easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
              if (progress != NULL && got > 0 && (guint64) got > t.reported)
                progress (got, length > 0 ? (guint64) length : 0, user_data);
              result = g_byte_array_free_to_bytes (g_steal_pointer (&t.body));
              goto out;
            }
          f.code = JC_FETCH_ERROR_HTTP;
          f.retry = status >= 500 || status == 429;
          f.why = describe_status (&t, status);
          if (f.retry)
            {
              curl_off_t ra = 0;

              curl_easy_getinfo (easy, CURLINFO_RETRY_AFTER, &ra);
              f.retry_after_s = ra;
            }
        }
      else if (is_file && rc != CURLE_FILESIZE_EXCEEDED && !t.too_large)
        {
          g_autofree char *path = g_filename_from_uri (url, NULL, NULL);
          g_autofree char *reason = curl_detail (&t, rc);

          if (path != NULL)
            {
              g_autofree char *problem = describe_file_problem (path, reason);
              g_autofree char *display = g_filename_display_name (path);

              set_error (error, secrets, JC_FETCH_ERROR_FILE,
                         g_strdup_printf (_("Could not read %s: %s"), display, problem));
            }
          else
            set_error (error, secrets, JC_FETCH_ERROR_FILE,
                       g_strdup_printf (_("Could not read %s: %s"), shown, reason));
          goto out;
        }
      else
        classify_curl_failure (&t, rc, &o, &f);

      if (!f.retry || attempt > o.max_retries)
        break;

      if (f.retry_after_s > 0)
        delay_ms = (guint) MIN (f.retry_after_s, (gint64) o.max_retry_after_s) * 1000;
      else
        delay_ms = backoff_delay_ms (&o, attempt - 1);
      g_debug ("%s: %s; retrying in %u ms", shown, f.why, delay_ms);
      if (!sleep_cancellable (cancellable, delay_ms))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("Fetching %s was cancelled"), shown);
          goto out;
        }
    }

  if (attempt > 1)
    set_error (error, secrets, f.code,
               g_strdup_printf (ngettext ("Could not fetch %s: %s (%u attempt)",
                                          "Could not fetch %s: %s (%u attempts)", attempt),
                                shown, f.why, attempt));
  else
    set_error (error, secrets, f.code,
               g_strdup_printf (_("Could not fetch %s: %s"), shown, f.why));

out:
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  curl_slist_free_all (headers);
  if (t.body != NULL)
    g_byte_array_unref (t.body);
  g_free (t.reason);
  g_free (f.why);
  return result;
}

char *
jc_fetch_form_encode (const char *key,
                      ...)
{
  GString *out = g_string_new (NULL);
  const char *k = key;
  va_list ap;

  va_start (ap, key);
  while (k != NULL)
    {
      const char *v = va_arg (ap, const char *);
      char *ek;
      char *ev;

      if (v == NULL)
        {
          g_critical ("jc_fetch_form_encode: key “%s” has no value", k);
          break;
        }
      ek = curl_easy_escape (NULL, k, (int) strlen (k));
      ev = curl_easy_escape (NULL, v, (int) strlen (v));
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", ek, ev);
      curl_free (ek);
      curl_free (ev);
      k = va_arg (ap, const char *);
    }
  va_end (ap);
  return g_string_free (out, FALSE);
}

/**
 * jc_fetch_display_url:
 * Returns: (transfer full): `url` without credentials and with secret-looking
 * query values as “***”, for lists and messages.
 */
char *
jc_fetch_display_url (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return display_url (url);
}

/**
 * jc_fetch_redact_params:
 * Returns: (transfer full): adapter parameters with secret-looking values as
 * “***”.
 */
char *
jc_fetch_redact_params (const char *params)
{
  g_autofree char *shown = redact_query (params ? params : "");

  return g_utf8_make_valid (shown, -1);
}
