/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-server.c: the loopback HTTP(S) test server, on libmicrohttpd. */
#include "config.h"

#define G_LOG_DOMAIN "jc-test-server"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>

#include "jc-test-server.h"

#define STALL_DEFAULT_MS 30000

typedef struct {
  JcTestReplyKind kind;
  guint           status;
  char           *content_type;
  GBytes         *body;
  char           *location;
  char           *retry_after;
  char           *content_encoding;
  guint64         size;
  guint           stall_ms;
  guint           times;
} Step;

typedef struct {
  GPtrArray  *steps;         /* Step */
  guint       count;
  GPtrArray  *posts;         /* GBytes */
  GHashTable *last_headers;  /* lower-case name → value */
  char       *last_method;
} Route;

struct _JcTestServer {
  struct MHD_Daemon *daemon;
  guint16            port;
  gboolean           tls;
  char              *cert_pem;
  char              *key_pem;

  GMutex             lock;
  GCond              stop_cond;
  gboolean           stopping;
  GHashTable        *routes;   /* path → Route */
};

/* What one request is answered with, and its upload so far. */
typedef struct {
  JcTestServer *server;
  char         *path;
  Step         *step;   /* a copy: routes may change while it runs */
  GByteArray   *upload;
  gboolean      is_post;
} Request;

/* The state of a streamed (callback) reply. */
typedef struct {
  JcTestServer *server;
  Step         *step;
} Stream;

static void
step_free (Step *step)
{
  g_free (step->content_type);
  g_clear_pointer (&step->body, g_bytes_unref);
  g_free (step->location);
  g_free (step->retry_after);
  g_free (step->content_encoding);
  g_free (step);
}

static Step *
step_copy (const Step *s)
{
  Step *c = g_new0 (Step, 1);

  *c = *s;
  c->content_type = g_strdup (s->content_type);
  c->body = s->body ? g_bytes_ref (s->body) : NULL;
  c->location = g_strdup (s->location);
  c->retry_after = g_strdup (s->retry_after);
  c->content_encoding = g_strdup (s->content_encoding);
  return c;
}

static Step *
step_from_reply (const JcTestReply *r)
{
  Step *s = g_new0 (Step, 1);
  gsize len = 0;

  if (r->body != NULL)
    len = r->body_len < 0 ? strlen (r->body) : (gsize) r->body_len;
  s->kind = r->kind;
  s->status = r->status ? r->status : 200;
  s->content_type = g_strdup (r->content_type ? r->content_type : "text/plain; charset=utf-8");
  s->body = g_bytes_new (r->body, len);
  s->location = g_strdup (r->location);
  s->retry_after = g_strdup (r->retry_after);
  s->content_encoding = g_strdup (r->content_encoding);
  s->size = r->size;
  s->stall_ms = r->stall_ms ? r->stall_ms : STALL_DEFAULT_MS;
  s->times = r->times;
  return s;
}

static void
route_free (Route *route)
{
  g_ptr_array_unref (route->steps);
  g_ptr_array_unref (route->posts);
  g_clear_pointer (&route->last_headers, g_hash_table_unref);
  g_free (route->last_method);
  g_free (route);
}

/* Called with the lock held. */
static Route *
route_lookup (JcTestServer *server,
              const char   *path,
              gboolean      create)
{
  Route *route = g_hash_table_lookup (server->routes, path);

  if (route == NULL && create)
    {
      route = g_new0 (Route, 1);
      route->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
      route->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_hash_table_insert (server->routes, g_strdup (path), route);
    }
  return route;
}

/* The step that answers request number `n` (0-based). */
static const Step *
route_pick_step (Route *route,
                 guint  n)
{
  for (guint i = 0; i < route->steps->len; i++)
    {
      const Step *s = g_ptr_array_index (route->steps, i);

      if (s->times == 0 || n < s->times || i + 1 == route->steps->len)
        return s;
      n -= s->times;
    }
  return NULL;
}

/* ---- MHD callbacks ------------------------------------------------------ */

static enum MHD_Result
collect_header_cb (void             *cls,
                   enum MHD_ValueKind kind,
                   const char       *key,
                   const char       *value)
{
  g_hash_table_insert (cls, g_ascii_strdown (key, -1), g_strdup (value ? value : ""));
  return MHD_YES;
}

/* Waits (stall_ms, or until the server stops) then reports an error to
 * MHD, which closes the connection. */
static ssize_t
stream_read_cb (void     *cls,
                uint64_t  pos,
                char     *buf,
                size_t    max)
{
  Stream *st = cls;
  const Step *s = st->step;
  gsize body_len = g_bytes_get_size (s->body);
  const char *body = g_bytes_get_data (s->body, NULL);
  gsize n;

  switch (s->kind)
    {
    case JC_TEST_REPLY_HUGE:
    case JC_TEST_REPLY_HUGE_CHUNKED:
      if (pos >= s->size)
        return MHD_CONTENT_READER_END_OF_STREAM;
      n = MIN (max, s->size - pos);
      memset (buf, 'x', n);
      return (ssize_t) n;

    case JC_TEST_REPLY_STALL:
    case JC_TEST_REPLY_TRUNCATE:
      if (pos < s->size && pos < body_len)
        {
          n = MIN (max, MIN (s->size, body_len) - pos);
          memcpy (buf, body + pos, n);
          return (ssize_t) n;
        }
      if (s->kind == JC_TEST_REPLY_STALL)
        {
          gint64 deadline = g_get_monotonic_time () + (gint64) s->stall_ms * 1000;

          g_mutex_lock (&st->server->lock);
          while (!st->server->stopping)
            {
              if (!g_cond_wait_until (&st->server->stop_cond, &st->server->lock, deadline))
                break;
            }
          g_mutex_unlock (&st->server->lock);
        }
      return MHD_CONTENT_READER_END_WITH_ERROR;

    case JC_TEST_REPLY_BODY:
    case JC_TEST_REPLY_RESET:
    case JC_TEST_REPLY_CLOSE:
    default:
      return MHD_CONTENT_READER_END_WITH_ERROR;
    }
}

static void
stream_free_cb (void *cls)
{
  Stream *st = cls;

  step_free (st->step);
  g_free (st);
}

static void
add_headers (struct MHD_Response *response,
             const Step          *s)
{
  MHD_add_response_header (response, "Content-Type", s->content_type);
  if (s->location != NULL)
    MHD_add_response_header (response, "Location", s->location);
  if (s->retry_after != NULL)
    MHD_add_response_header (response, "Retry-After", s->retry_after);
  if (s->content_encoding != NULL)
    MHD_add_response_header (response, "Content-Encoding", s->content_encoding);
}

/* A real TCP reset.  libmicrohttpd shuts the socket down (FIN) before it
 * closes it, so SO_LINGER 0 alone is not enough: connect() to AF_UNSPEC
 * dissolves the connection at once, and Linux sends RST for it.  MHD's
 * own shutdown/close afterwards just fail quietly. */
static void
reset_connection (struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  struct linger lg = { 1, 0 };
  struct sockaddr unspec;

  if (info == NULL)
    return;
  memset (&unspec, 0, sizeof unspec);
  unspec.sa_family = AF_UNSPEC;
  setsockopt (info->connect_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  connect (info->connect_fd, &unspec, sizeof unspec);
}

static enum MHD_Result
respond (struct MHD_Connection *connection,
         Request               *req)
{
  JcTestServer *server = req->server;
  const Step *s = req->step;
  struct MHD_Response *response = NULL;
  enum MHD_Result ret;
  Stream *st;

  if (s == NULL)
    {
      static const char not_found[] = "no such route\n";

      response = MHD_create_response_from_buffer (strlen (not_found), (void *) not_found,
                                                  MHD_RESPMEM_PERSISTENT);
      ret = MHD_queue_response (connection, MHD_HTTP_NOT_FOUND, response);
      MHD_destroy_response (response);
      return ret;
    }

  switch (s->kind)
    {
    case JC_TEST_REPLY_RESET:
      reset_connection (connection);
      return MHD_NO;

    case JC_TEST_REPLY_CLOSE:
      /* no response queued: MHD closes the connection */
      return MHD_NO;

    case JC_TEST_REPLY_BODY:
      response = MHD_create_response_from_buffer (g_bytes_get_size (s->body),
                                                  (void *) g_bytes_get_data (s->body, NULL),
                                                  MHD_RESPMEM_MUST_COPY);
      break;

    case JC_TEST_REPLY_STALL:
    case JC_TEST_REPLY_TRUNCATE:
    case JC_TEST_REPLY_HUGE:
    case JC_TEST_REPLY_HUGE_CHUNKED:
    default:
      st = g_new0 (Stream, 1);
      st->server = server;
      st->step = step_copy (s);
      response = MHD_create_response_from_callback (
          s->kind == JC_TEST_REPLY_HUGE_CHUNKED ? MHD_SIZE_UNKNOWN
          : s->kind == JC_TEST_REPLY_HUGE ? s->size
          : g_bytes_get_size (s->body),
          16 * 1024, stream_read_cb, st, stream_free_cb);
      break;
    }
  if (response == NULL)
    return MHD_NO;
  add_headers (response, s);
  ret = MHD_queue_response (connection, s->status, response);
  MHD_destroy_response (response);
  return ret;
}

static enum MHD_Result
on_request_cb (void                  *cls,
               struct MHD_Connection *connection,
               const char            *url,
               const char            *method,
               const char            *version,
               const char            *upload_data,
               size_t                *upload_data_size,
               void                 **con_cls)
{
  JcTestServer *server = cls;
  Request *req = *con_cls;

  if (req == NULL)
    {
      /* headers are in: count the request and pick its reply */
      Route *route;
      const Step *step;

      req = g_new0 (Request, 1);
      req->server = server;
      req->path = g_strdup (url);
      req->is_post = g_strcmp0 (method, "POST") == 0;
      req->upload = g_byte_array_new ();
      *con_cls = req;

      g_mutex_lock (&server->lock);
      route = route_lookup (server, url, TRUE);
      step = route_pick_step (route, route->count);
      route->count++;
      req->step = step ? step_copy (step) : NULL;
      g_clear_pointer (&route->last_headers, g_hash_table_unref);
      route->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      MHD_get_connection_values (connection, MHD_HEADER_KIND, collect_header_cb,
                                 route->last_headers);
      g_free (route->last_method);
      route->last_method = g_strdup (method);
      g_mutex_unlock (&server->lock);
      return MHD_YES;
    }

  if (*upload_data_size > 0)
    {
      g_byte_array_append (req->upload, (const guint8 *) upload_data, (guint) *upload_data_size);
      *upload_data_size = 0;
      return MHD_YES;
    }

  if (req->is_post)
    {
      Route *route;

      g_mutex_lock (&server->lock);
      route = route_lookup (server, req->path, TRUE);
      g_ptr_array_add (route->posts, g_bytes_new (req->upload->data, req->upload->len));
      g_mutex_unlock (&server->lock);
    }
  return respond (connection, req);
}

static void
on_completed_cb (void                            *cls,
                 struct MHD_Connection           *connection,
                 void                           **con_cls,
                 enum MHD_RequestTerminationCode  toe)
{
  Request *req = *con_cls;

  if (req == NULL)
    return;
  g_free (req->path);
  if (req->step != NULL)
    step_free (req->step);
  g_byte_array_unref (req->upload);
  g_free (req);
  *con_cls = NULL;
}

/* libmicrohttpd's own complaints ("closing connection", TLS alerts) are
 * what the faults provoke on purpose: debug messages, not test noise. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wsuggest-attribute=format"
#endif
static void
on_mhd_log_cb (void       *cls,
               const char *fmt,
               va_list     ap)
{
  g_autofree char *line = g_strdup_vprintf (fmt, ap);

  g_debug ("libmicrohttpd: %s", g_strchomp (line));
}
#pragma GCC diagnostic pop

/* ---- public ------------------------------------------------------------- */

gboolean
jc_test_server_tls_supported (void)
{
  return MHD_is_feature_supported (MHD_FEATURE_TLS) == MHD_YES;
}

JcTestServer *
jc_test_server_new (const char  *tls_cert_file,
                    const char  *tls_key_file,
                    GError     **error)
{
  g_autoptr(JcTestServer) server = g_new0 (JcTestServer, 1);
  struct sockaddr_in addr;
  const union MHD_DaemonInfo *info;
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                       MHD_USE_AUTO | MHD_USE_ERROR_LOG;

  g_mutex_init (&server->lock);
  g_cond_init (&server->stop_cond);
  server->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) route_free);

  if (tls_cert_file != NULL)
    {
      if (!jc_test_server_tls_supported ())
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "libmicrohttpd was built without TLS");
          return NULL;
        }
      if (!g_file_get_contents (tls_cert_file, &server->cert_pem, NULL, error) ||
          !g_file_get_contents (tls_key_file, &server->key_pem, NULL, error))
        return NULL;
      server->tls = TRUE;
      flags |= MHD_USE_TLS;
    }

  /* Loopback only, port 0: the kernel picks a free one. */
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (0);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  if (server->tls)
    server->daemon = MHD_start_daemon (flags, 0, NULL, NULL, on_request_cb, server,
                                       MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &addr,
                                       MHD_OPTION_NOTIFY_COMPLETED, on_completed_cb, server,
                                       MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 60,
                                       MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log_cb, server,
                                       MHD_OPTION_HTTPS_MEM_KEY, server->key_pem,
                                       MHD_OPTION_HTTPS_MEM_CERT, server->cert_pem,
                                       MHD_OPTION_END);
  else
    server->daemon = MHD_start_daemon (flags, 0, NULL, NULL, on_request_cb, server,
                                       MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &addr,
                                       MHD_OPTION_NOTIFY_COMPLETED, on_completed_cb, server,
                                       MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 60,
                                       MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log_cb, server,
                                       MHD_OPTION_END);
  if (server->daemon == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "libmicrohttpd could not start on 127.0.0.1");
      return NULL;
    }
  info = MHD_get_daemon_info (server->daemon, MHD_DAEMON_INFO_BIND_PORT);
  if (info == NULL || info->port == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "libmicrohttpd did not say which port it bound");
      return NULL;
    }
  server->port = info->port;
  return g_steal_pointer (&server);
}

void
jc_test_server_free (JcTestServer *server)
{
  if (server == NULL)
    return;
  g_mutex_lock (&server->lock);
  server->stopping = TRUE;
  g_cond_broadcast (&server->stop_cond);
  g_mutex_unlock (&server->lock);
  if (server->daemon != NULL)
    MHD_stop_daemon (server->daemon);
  g_hash_table_unref (server->routes);
  g_free (server->cert_pem);
  g_free (server->key_pem);
  g_cond_clear (&server->stop_cond);
  g_mutex_clear (&server->lock);
  g_free (server);
}

guint16
jc_test_server_get_port (JcTestServer *server)
{
  return server->port;
}

char *
jc_test_server_url (JcTestServer *server,
                    const char   *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", server->tls ? "https" : "http",
                          server->port, path);
}

void
jc_test_server_add_reply (JcTestServer      *server,
                          const char        *path,
                          const JcTestReply *reply)
{
  g_mutex_lock (&server->lock);
  g_ptr_array_add (route_lookup (server, path, TRUE)->steps, step_from_reply (reply));
  g_mutex_unlock (&server->lock);
}

static void
reset_route (JcTestServer *server,
             const char   *path)
{
  g_mutex_lock (&server->lock);
  g_ptr_array_set_size (route_lookup (server, path, TRUE)->steps, 0);
  g_mutex_unlock (&server->lock);
}

void
jc_test_server_serve (JcTestServer *server,
                      const char   *path,
                      const char   *content_type,
                      const char   *body)
{
  JcTestReply r = { .kind = JC_TEST_REPLY_BODY, .content_type = content_type,
                    .body = body, .body_len = -1 };

  reset_route (server, path);
  jc_test_server_add_reply (server, path, &r);
}

void
jc_test_server_fault (JcTestServer *server,
                      const char   *path,
                      JcTestFault   fault,
                      const char   *ok_body)
{
  static const char filler[] =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  JcTestReply ok = { .kind = JC_TEST_REPLY_BODY, .body = ok_body, .body_len = -1 };
  JcTestReply r = { .kind = JC_TEST_REPLY_BODY, .body_len = -1 };
  g_autoptr(GString) kib = NULL;

  reset_route (server, path);
  switch (fault)
    {
    case JC_TEST_FAULT_500:
      r.status = 500;
      r.body = "internal error\n";
      jc_test_server_add_reply (server, path, &r);
      break;
    case JC_TEST_FAULT_503_THEN_OK:
      r.status = 503;
      r.body = "busy\n";
      r.retry_after = "1";
      r.times = 1;
      jc_test_server_add_reply (server, path, &r);
      jc_test_server_add_reply (server, path, &ok);
      break;
    case JC_TEST_FAULT_404:
      r.status = 404;
      r.body = "not found\n";
      jc_test_server_add_reply (server, path, &r);
      break;
    case JC_TEST_FAULT_429_THEN_OK:
      r.status = 429;
      r.body = "slow down\n";
      r.times = 1;
      jc_test_server_add_reply (server, path, &r);
      jc_test_server_add_reply (server, path, &ok);
      break;
    case JC_TEST_FAULT_RESET:
      r.kind = JC_TEST_REPLY_RESET;
      jc_test_server_add_reply (server, path, &r);
      break;
    case JC_TEST_FAULT_CLOSE:
      r.kind = JC_TEST_REPLY_CLOSE;
      jc_test_server_add_reply (server, path, &r);
      break;
    case JC_TEST_FAULT_RESET_THEN_OK:
      r.kind = JC_TEST_REPLY_RESET;
      r.times = 1;
      jc_test_server_add_reply (server, path, &r);
      jc_test_server_add_reply (server, path, &ok);
      break;
    case JC_TEST_FAULT_STALL:
    case JC_TEST_FAULT_TRUNCATE:
      kib = g_string_new (NULL);
      while (kib->len < 1024)
        g_string_append (kib, filler);
      r.kind = fault == JC_TEST_FAULT_STALL ? JC_TEST_REPLY_STALL : JC_TEST_REPLY_TRUNCATE;
      r.body = kib->str;
      r.body_len = kib->len;
      r.size = fault == JC_TEST_FAULT_STALL ? 16 : 100;
      jc_test_server_add_reply (server, path, &r);
      break;
    case JC_TEST_FAULT_HUGE:
    case JC_TEST_FAULT_HUGE_CHUNKED:
      r.kind = fault == JC_TEST_FAULT_HUGE ? JC_TEST_REPLY_HUGE : JC_TEST_REPLY_HUGE_CHUNKED;
      r.size = JC_TEST_HUGE_SIZE;
      jc_test_server_add_reply (server, path, &r);
      break;
    case JC_TEST_FAULT_REDIRECT_LOOP:
      r.status = 302;
      r.location = path;
      jc_test_server_add_reply (server, path, &r);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
jc_test_server_clear (JcTestServer *server)
{
  g_mutex_lock (&server->lock);
  g_hash_table_remove_all (server->routes);
  g_mutex_unlock (&server->lock);
}

guint
jc_test_server_count (JcTestServer *server,
                      const char   *path)
{
  Route *route;
  guint n;

  g_mutex_lock (&server->lock);
  route = route_lookup (server, path, FALSE);
  n = route ? route->count : 0;
  g_mutex_unlock (&server->lock);
  return n;
}

char *
jc_test_server_dup_post (JcTestServer *server,
                         const char   *path,
                         guint         index,
                         gsize        *out_len)
{
  Route *route;
  char *out = NULL;

  g_mutex_lock (&server->lock);
  route = route_lookup (server, path, FALSE);
  if (route != NULL && index < route->posts->len)
    {
      GBytes *b = g_ptr_array_index (route->posts, index);
      gsize len = g_bytes_get_size (b);

      out = g_malloc (len + 1);
      memcpy (out, g_bytes_get_data (b, NULL), len);
      out[len] = '\0';
      if (out_len != NULL)
        *out_len = len;
    }
  g_mutex_unlock (&server->lock);
  return out;
}

char *
jc_test_server_dup_header (JcTestServer *server,
                           const char   *path,
                           const char   *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  Route *route;
  char *out = NULL;

  g_mutex_lock (&server->lock);
  route = route_lookup (server, path, FALSE);
  if (route != NULL && route->last_headers != NULL)
    out = g_strdup (g_hash_table_lookup (route->last_headers, key));
  g_mutex_unlock (&server->lock);
  return out;
}

char *
jc_test_server_dup_method (JcTestServer *server,
                           const char   *path)
{
  Route *route;
  char *out = NULL;

  g_mutex_lock (&server->lock);
  route = route_lookup (server, path, FALSE);
  if (route != NULL)
    out = g_strdup (route->last_method);
  g_mutex_unlock (&server->lock);
  return out;
}
