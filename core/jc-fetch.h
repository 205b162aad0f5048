/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-fetch.h: the HTTP layer of the price feeds.
 *
 * One blocking call fetches one URL (http://, https:// or file://, all
 * through libcurl) into memory, with timeouts, a size limit, retries with
 * backoff, Retry-After, cancellation and progress.  It knows nothing about
 * what the body means (the adapters parse it) and nothing about the store.
 *
 * It must not: switch TLS verification off, follow a redirect to anything
 * but http/https, disable the proxy settings of the environment
 * (http_proxy, https_proxy, no_proxy), or put a credential in a log line or
 * an error message.
 *
 * Threads: call it from a worker thread (a GTask), never from the UI
 * thread.  Each call makes and frees its own curl handles, so calls in
 * different threads share nothing.  curl_global_init() must have run once
 * in main() before any thread started. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JC_FETCH_ERROR (jc_fetch_error_quark ())

/* Every message starts “Could not fetch URL: …” (or “Could not read PATH:
 * …” for a file), where URL is the URL without its user:password@ part and
 * with the values of query parameters that look secret (key, token, …)
 * replaced by “***”.  “(N attempts)” is added when the call retried. */
typedef enum {
  JC_FETCH_ERROR_FAILED,     /* anything below does not cover (names curl's reason), and
                              * credentials that contain a line break */
  JC_FETCH_ERROR_CONNECT,    /* host not resolved, connection refused/unreachable; not retried */
  JC_FETCH_ERROR_TIMEOUT,    /* no connection within connect_timeout_ms, a body stalled for
                              * low_speed_timeout_s, or the whole transfer exceeded
                              * timeout_ms (the message says which); retried */
  JC_FETCH_ERROR_HTTP,       /* the final status was not 2xx: 4xx at once, 5xx and 429 after
                              * the retries; the message has the status and its reason */
  JC_FETCH_ERROR_TOO_LARGE,  /* larger than max_bytes, by Content-Length or while streaming;
                              * not retried */
  JC_FETCH_ERROR_TRUNCATED,  /* the connection closed before Content-Length bytes came;
                              * not retried */
  JC_FETCH_ERROR_TLS,        /* certificate not trusted / wrong host name, handshake failed;
                              * not retried */
  JC_FETCH_ERROR_REDIRECTS,  /* more than 5 redirects (a loop), or a redirect to a scheme
                              * other than http/https; not retried */
  JC_FETCH_ERROR_RESET,      /* the server reset or closed the connection without an answer;
                              * retried */
  JC_FETCH_ERROR_BAD_URL,    /* not a URL, or not http/https/file; nothing was sent */
  JC_FETCH_ERROR_FILE,       /* file:// URL: the file is missing or unreadable; the message
                              * names the path and the system's reason */
} JcFetchError;

/* Fill with jc_fetch_options_init(), then change what you need.  A zero in
 * any numeric field but max_retries means “the default”, never
 * “unlimited”: a feed fetch always ends. */
typedef struct {
  guint       connect_timeout_ms;   /* default 10000 */
  guint       timeout_ms;           /* the whole transfer, one attempt; default 60000 */
  guint       low_speed_timeout_s;  /* abort when not one byte moved for this long: a
                                     * server that does not answer, or a body that stalls
                                     * mid-way (noticed within a second); default 20 */
  gsize       max_bytes;            /* the body (after decompression); more → TOO_LARGE,
                                     * from Content-Length or while streaming; default 64 MiB */
  guint       max_retries;          /* default 3; on timeouts, resets, 5xx and 429.
                                     * 0 is honoured: no retry */
  guint       backoff_ms;           /* first delay before a retry, doubling each time,
                                     * plus up to 50 % jitter; default 500 */
  guint       max_retry_after_s;    /* cap on a server's Retry-After; default 120 */
  const char *user_agent;           /* default "jicai/VERSION (+canteen procurement)" */
  const char *credentials;          /* NULL: none.  "user:password" → HTTP basic auth;
                                     * "Bearer …" or "Token …" → sent as the Authorization
                                     * header as is; anything else (no colon) → a bearer
                                     * token.  Never logged, never in a message */
  const char *ca_file;              /* tests only: trust this CA (PEM) instead of the
                                     * system's.  Verification is always on */
} JcFetchOptions;

#define JC_FETCH_DEFAULT_MAX_BYTES ((gsize) 64 * 1024 * 1024)

/* Received bytes so far (of this attempt) and the announced total, 0 when
 * the server did not say.  Called from the fetching thread. */
typedef void (*JcFetchProgress) (guint64  received,
                                 guint64  total_or_0,
                                 gpointer user_data);

GQuark  jc_fetch_error_quark    (void);

void    jc_fetch_options_init   (JcFetchOptions  *opts);

/* Fetches `url`: a GET when `post_form` is NULL, else a POST of `post_form`
 * as application/x-www-form-urlencoded (see jc_fetch_form_encode()).  For
 * file:// URLs the form is ignored and the file is read.  `opts` NULL means
 * the defaults.  Redirects (at most 5, http/https only) are followed.
 *
 * Retries: timeouts, resets, 5xx and 429 are retried up to max_retries
 * times, waiting the server's Retry-After (seconds or an HTTP date, capped
 * at max_retry_after_s) when it sent one, else the backoff.  A POST is
 * retried too: the feeds only POST queries.
 *
 * Returns the body (owned by the caller; empty, not NULL, for an empty
 * 2xx body), or NULL with `error` set: a JC_FETCH_ERROR, or
 * G_IO_ERROR_CANCELLED when `cancellable` was cancelled (also while
 * waiting to retry; the call returns within milliseconds).
 * `out_attempts` (may be NULL) receives the number of requests made, 0 if
 * none was. */
GBytes *jc_fetch                (const char            *url,
                                 const char            *post_form,
                                 const JcFetchOptions  *opts,
                                 GCancellable          *cancellable,
                                 JcFetchProgress        progress,
                                 gpointer               user_data,
                                 guint                 *out_attempts,
                                 GError               **error);

/* NULL-terminated key, value pairs → "a=1&b=%E5%A4%A7": every byte but
 * A-Z a-z 0-9 - . _ ~ percent-encoded (a space is %20).  Keys and values
 * are UTF-8 strings; a NULL value is a programming error.  Free with
 * g_free(). */
char   *jc_fetch_form_encode    (const char            *key,
                                 ...) G_GNUC_NULL_TERMINATED;

/* `url` as a person may see it (in lists and messages): without its
 * user:password@ part, with the values of query parameters that look
 * secret (key, token, pass, …) replaced by “***”, valid UTF-8.  Free with
 * g_free(). */
char   *jc_fetch_display_url    (const char            *url);
/* "a=1&api_key=XYZ" → "a=1&api_key=***", by the same rule.  Free with
 * g_free(). */
char   *jc_fetch_redact_params  (const char            *params);

G_END_DECLS
