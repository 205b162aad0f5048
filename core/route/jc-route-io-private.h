/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io-private.h: what the route file readers share (jc-route-io.c
 * holds it): the line reader, the tokens, the error naming file and line,
 * the distances of coordinates, and each format's reader.  The short names
 * below are the readers' own vocabulary; they are macros for prefixed
 * symbols so that nothing outside the route library can clash with them. */
#pragma once

#include "jc-route-io.h"

G_BEGIN_DECLS

/* Bounds that keep every sum of distances and loads far inside 64 bits
 * (20 000 nodes × 2.9e12 thousandths). */
#define MAX_COORD    1e9
#define MAX_CAPACITY G_GINT64_CONSTANT (1000000000000)

typedef struct {
  const char  *file;       /* for messages */
  char       **lines;      /* NULL-terminated, '\r' stripped */
  int          n_lines;
  int          i;          /* the next line to read (0-based) */
} Reader;

typedef gint64 (*DistFunc) (double dx, double dy);

#define reader_init      _jc_route_io_reader_init
#define reader_clear     _jc_route_io_reader_clear
#define last_line        _jc_route_io_last_line
#define set_error        _jc_route_io_set_error
#define split_words      _jc_route_io_split_words
#define is_blank         _jc_route_io_is_blank
#define parse_int        _jc_route_io_parse_int
#define parse_double     _jc_route_io_parse_double
#define parse_whole      _jc_route_io_parse_whole
#define check_text       _jc_route_io_check_text
#define dist_euc_2d      _jc_route_io_dist_euc_2d
#define dist_exact_2d    _jc_route_io_dist_exact_2d
#define dist_solomon     _jc_route_io_dist_solomon
#define fill_from_coords _jc_route_io_fill_from_coords
#define next_nonblank    _jc_route_io_next_nonblank
#define word_line_is     _jc_route_io_word_line_is

void reader_init (Reader *r,
                  const char *file,
                  const char *data,
                  gsize length);
void reader_clear (Reader *r);
int last_line (const Reader *r);
void set_error (GError **error,
                int code,
                const char *file,
                int line,
                const char *format,
                ...) G_GNUC_PRINTF (5, 6);
char **split_words (const char *line);
gboolean is_blank (const char *line);
gboolean parse_int (const char *text,
                    gint64 *out);
gboolean parse_double (const char *text,
                       double *out);
gboolean parse_whole (const char *text,
                      gint64 *out);
gboolean check_text (const char *file,
                     const char *data,
                     gsize length,
                     GError **error);
gint64 dist_euc_2d (double dx,
                    double dy);
gint64 dist_exact_2d (double dx,
                      double dy);
gint64 dist_solomon (double dx,
                     double dy);
void fill_from_coords (JcRouteProblem *p,
                       const double *x,
                       const double *y,
                       DistFunc f);
int next_nonblank (const Reader *r,
                   int i);
gboolean word_line_is (const char *line,
                       const char *word);

/* The formats' readers: `r` holds the whole text; NULL with `error` set
 * on a bad file. */
JcRouteProblem *_jc_route_io_read_vrp     (Reader           *r,
                                           gboolean          limit_fleet,
                                           JcRouteInstance **out_instance,
                                           GError          **error);
JcRouteProblem *_jc_route_io_read_solomon (Reader           *r,
                                           gboolean          limit_fleet,
                                           JcRouteInstance **out_instance,
                                           GError          **error);

G_END_DECLS
