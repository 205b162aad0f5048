/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-server.h: a real HTTP(S) server on 127.0.0.1 for the integration
 * tests, with fault injection.
 *
 * libmicrohttpd on an ephemeral loopback port, one thread per connection
 * (so a stalled reply does not hold up other requests).  Each path has a
 * sequence of replies: request n of that path gets the n-th (a reply with
 * `times` covers that many requests; the last reply repeats for ever).
 * The server counts requests per path and records POST bodies and the
 * request headers, so a test can assert what the client sent.
 *
 * Loopback only; for tests only.  All functions are thread-safe. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JcTestServer JcTestServer;

typedef enum {
  JC_TEST_REPLY_BODY,          /* status, headers, body: an ordinary answer */
  JC_TEST_REPLY_RESET,         /* no answer: the connection is reset (TCP RST) */
  JC_TEST_REPLY_CLOSE,         /* no answer: the connection is closed (FIN) */
  JC_TEST_REPLY_STALL,         /* Content-Length of `body`, `size` bytes of it, then
                                * silence for `stall_ms`, then the connection closes */
  JC_TEST_REPLY_TRUNCATE,      /* Content-Length of `body`, `size` bytes of it, close */
  JC_TEST_REPLY_HUGE,          /* `size` bytes of 'x', streamed, with Content-Length */
  JC_TEST_REPLY_HUGE_CHUNKED,  /* the same, chunked: no Content-Length */
} JcTestReplyKind;

typedef struct {
  JcTestReplyKind  kind;
  guint            status;        /* 0: 200 */
  const char      *content_type;  /* NULL: text/plain; charset=utf-8 */
  const char      *body;          /* NULL: empty */
  gssize           body_len;      /* -1: strlen (body) */
  const char      *location;      /* NULL or a Location header */
  const char      *retry_after;   /* NULL or a Retry-After header */
  guint64          size;          /* see the kinds */
  guint            stall_ms;      /* STALL: 0 means 30 s; cut short when the server stops */
  guint            times;         /* requests this reply covers; 0: all that follow */
  const char      *content_encoding;  /* NULL or a Content-Encoding header ("gzip") */
} JcTestReply;

/* Ready-made fault routes (each replaces the path's sequence). */
typedef enum {
  JC_TEST_FAULT_500,            /* 500 for ever */
  JC_TEST_FAULT_503_THEN_OK,    /* 503 with Retry-After: 1 once, then 200 `ok_body` */
  JC_TEST_FAULT_404,            /* 404 for ever */
  JC_TEST_FAULT_429_THEN_OK,    /* 429 (no Retry-After) once, then 200 `ok_body` */
  JC_TEST_FAULT_RESET,          /* every request reset (RST) */
  JC_TEST_FAULT_CLOSE,          /* every request closed without an answer (FIN) */
  JC_TEST_FAULT_RESET_THEN_OK,  /* reset once, then 200 `ok_body` */
  JC_TEST_FAULT_STALL,          /* 16 of 1024 bytes, then 30 s of silence */
  JC_TEST_FAULT_TRUNCATE,       /* Content-Length: 1024, 100 bytes, close */
  JC_TEST_FAULT_HUGE,           /* 8 MiB with Content-Length */
  JC_TEST_FAULT_HUGE_CHUNKED,   /* 8 MiB without Content-Length */
  JC_TEST_FAULT_REDIRECT_LOOP,  /* 302 to itself */
} JcTestFault;

#define JC_TEST_HUGE_SIZE ((guint64) 8 * 1024 * 1024)

/* Plain HTTP when `tls_cert_file` is NULL, else HTTPS with that PEM
 * certificate and key.  NULL with `error` set when the server cannot start
 * (or, for HTTPS, when libmicrohttpd was built without TLS). */
JcTestServer *jc_test_server_new        (const char        *tls_cert_file,
                                         const char        *tls_key_file,
                                         GError           **error);
/* Stops the server: wakes stalled replies, closes every connection, joins
 * the threads. */
void          jc_test_server_free       (JcTestServer      *server);
gboolean      jc_test_server_tls_supported (void);

guint16       jc_test_server_get_port   (JcTestServer      *server);
/* "http://127.0.0.1:PORT" + path; free with g_free(). */
char         *jc_test_server_url        (JcTestServer      *server,
                                         const char        *path);

/* Appends a reply to the sequence of `path` (the copy is the server's). */
void          jc_test_server_add_reply  (JcTestServer      *server,
                                         const char        *path,
                                         const JcTestReply *reply);
/* Replaces the sequence of `path` by one 200 reply for every request. */
void          jc_test_server_serve      (JcTestServer      *server,
                                         const char        *path,
                                         const char        *content_type,
                                         const char        *body);
/* Replaces the sequence of `path` by a fault (`ok_body` for the *_THEN_OK
 * ones, may be NULL otherwise). */
void          jc_test_server_fault      (JcTestServer      *server,
                                         const char        *path,
                                         JcTestFault        fault,
                                         const char        *ok_body);
/* Forgets every route and every count. */
void          jc_test_server_clear      (JcTestServer      *server);

/* Requests seen on `path` (the query string does not count), including
 * unknown paths (which get 404). */
guint         jc_test_server_count      (JcTestServer      *server,
                                         const char        *path);
/* The body of the `index`-th POST to `path` (0-based, byte-exact, NUL
 * terminated), or NULL; `out_len` may be NULL. */
char         *jc_test_server_dup_post   (JcTestServer      *server,
                                         const char        *path,
                                         guint              index,
                                         gsize             *out_len);
/* A header of the last request to `path` (name case-insensitive), or NULL. */
char         *jc_test_server_dup_header (JcTestServer      *server,
                                         const char        *path,
                                         const char        *name);
/* The method of the last request to `path`, or NULL. */
char         *jc_test_server_dup_method (JcTestServer      *server,
                                         const char        *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcTestServer, jc_test_server_free)

G_END_DECLS
