/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-master.h: the master data — categories, catalog items, canteens,
 * vehicles — as plain structs, and their validation.  Validation errors are
 * JC_VALIDATE_ERROR with the JcField that is wrong as the code, and a message
 * naming the field and the value. */
#pragma once

#include <glib.h>

#include "jc-error.h"
#include "jc-units.h"

G_BEGIN_DECLS

typedef struct {
  char *code;     /* "veg" */
  char *name;     /* "蔬菜", as the market names it */
  int   position;
} JcCategory;

typedef struct {
  gint64      id;
  char       *code;
  char       *name;
  char       *category;      /* category code */
  char       *pinyin;        /* initials for search, e.g. "dbc" */
  char      **aliases;       /* NULL-terminated, never NULL after load */
  JcBaseUnit  base_unit;
  gint64      pack_milli;    /* 0: no pack */
  gint64      piece_mass_mg;  /* mean mass of one piece in mg, 0: none */
  int         loss_permille;
  gboolean    active;
} JcItem;

typedef struct {
  gint64    id;
  char     *code;
  char     *name;
  char     *agency;
  char     *address;
  double    lat;             /* WGS84 degrees; a position, not money */
  double    lon;
  int       window_start;    /* minutes after midnight */
  int       window_end;
  int       diners;
  gboolean  active;
} JcCanteen;

typedef struct {
  gint64    id;
  char     *plate;
  gint64    capacity_kg;
  char     *depot;
  double    depot_lat;
  double    depot_lon;
  int       start_time;      /* minutes after midnight */
  int       speed_kmh;
  int       service_min;
  gboolean  active;
} JcVehicle;

JcCategory *jc_category_new   (void);
void        jc_category_free  (JcCategory *cat);
JcItem     *jc_item_new       (void);
JcItem     *jc_item_copy      (const JcItem *item);
void        jc_item_free      (JcItem *item);
JcCanteen  *jc_canteen_new    (void);
JcCanteen  *jc_canteen_copy   (const JcCanteen *canteen);
void        jc_canteen_free   (JcCanteen *canteen);
JcVehicle  *jc_vehicle_new    (void);
JcVehicle  *jc_vehicle_copy   (const JcVehicle *vehicle);
void        jc_vehicle_free   (JcVehicle *vehicle);

JcItemUnits jc_item_get_units (const JcItem *item);

gboolean jc_item_validate     (const JcItem    *item,
                               GError         **error);
gboolean jc_canteen_validate  (const JcCanteen *canteen,
                               GError         **error);
gboolean jc_vehicle_validate  (const JcVehicle *vehicle,
                               GError         **error);

/* Field parsers shared by the CLI and the GUI forms: they accept what a
 * person types and name the field and the value in the error. */
gboolean jc_parse_int_field     (JcField      field,
                                 const char  *text,
                                 gint64       min,
                                 gint64       max,
                                 gint64      *out,
                                 GError     **error);
/* The largest mean piece mass: 100 kg, in milligrams. */
#define JC_MAX_PIECE_MASS_MG G_GINT64_CONSTANT (100000000)

gboolean jc_parse_piece_mass    (const char  *text,
                                 gint64      *out_mg,
                                 GError     **error);
char    *jc_format_piece_mass   (gint64       mg);
gboolean jc_parse_milli_field   (JcField      field,
                                 const char  *text,
                                 gint64       min_milli,
                                 gint64       max_milli,
                                 gint64      *out,
                                 GError     **error);
gboolean jc_parse_degrees_field (JcField      field,
                                 const char  *text,
                                 double       min,
                                 double       max,
                                 double      *out,
                                 GError     **error);
gboolean jc_parse_time_field    (JcField      field,
                                 const char  *text,
                                 int         *out_minutes,
                                 GError     **error);
char    *jc_format_time         (int          minutes);
const char *jc_field_to_string  (JcField      field);

/* Whether `text` is only white space (space, tab, U+3000, U+00A0…), or
 * NULL or empty; FALSE for text that is not valid UTF-8. */
gboolean jc_text_is_blank       (const char   *text);

/* Search: does the item match what a person typed (name, pinyin initials,
 * code or alias)?  Case-insensitive; an empty query matches. */
gboolean jc_item_matches        (const JcItem *item,
                                 const char   *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcCategory, jc_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcItem, jc_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcCanteen, jc_canteen_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcVehicle, jc_vehicle_free)

G_END_DECLS
