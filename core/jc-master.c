/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-master"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-format.h"
#include "jc-master.h"
#include "jc-pinyin.h"

JcCategory *
jc_category_new (void)
{
  return g_new0 (JcCategory, 1);
}

void
jc_category_free (JcCategory *cat)
{
  if (cat == NULL)
    return;
  g_free (cat->code);
  g_free (cat->name);
  g_free (cat);
}

JcItem *
jc_item_new (void)
{
  JcItem *item = g_new0 (JcItem, 1);

  item->aliases = g_new0 (char *, 1);
  item->active = TRUE;
  return item;
}

JcItem *
jc_item_copy (const JcItem *item)
{
  JcItem *copy = g_memdup2 (item, sizeof *item);

  copy->code = g_strdup (item->code);
  copy->name = g_strdup (item->name);
  copy->category = g_strdup (item->category);
  copy->pinyin = g_strdup (item->pinyin);
  copy->aliases = item->aliases ? g_strdupv (item->aliases) : g_new0 (char *, 1);
  return copy;
}

void
jc_item_free (JcItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->name);
  g_free (item->category);
  g_free (item->pinyin);
  g_strfreev (item->aliases);
  g_free (item);
}

JcCanteen *
jc_canteen_new (void)
{
  JcCanteen *c = g_new0 (JcCanteen, 1);

  c->window_start = 7 * 60;
  c->window_end = 9 * 60;
  c->active = TRUE;
  return c;
}

JcCanteen *
jc_canteen_copy (const JcCanteen *canteen)
{
  JcCanteen *copy = g_memdup2 (canteen, sizeof *canteen);

  copy->code = g_strdup (canteen->code);
  copy->name = g_strdup (canteen->name);
  copy->agency = g_strdup (canteen->agency);
  copy->address = g_strdup (canteen->address);
  return copy;
}

void
jc_canteen_free (JcCanteen *canteen)
{
  if (canteen == NULL)
    return;
  g_free (canteen->code);
  g_free (canteen->name);
  g_free (canteen->agency);
  g_free (canteen->address);
  g_free (canteen);
}

JcVehicle *
jc_vehicle_new (void)
{
  JcVehicle *v = g_new0 (JcVehicle, 1);

  v->start_time = 5 * 60 + 30;
  v->speed_kmh = 30;
  v->service_min = 15;
  v->active = TRUE;
  return v;
}

JcVehicle *
jc_vehicle_copy (const JcVehicle *vehicle)
{
  JcVehicle *copy = g_memdup2 (vehicle, sizeof *vehicle);

  copy->plate = g_strdup (vehicle->plate);
  copy->depot = g_strdup (vehicle->depot);
  return copy;
}

void
jc_vehicle_free (JcVehicle *vehicle)
{
  if (vehicle == NULL)
    return;
  g_free (vehicle->plate);
  g_free (vehicle->depot);
  g_free (vehicle);
}

JcItemUnits
jc_item_get_units (const JcItem *item)
{
  JcItemUnits u = { item->base_unit, item->pack_milli, item->piece_mass_mg };

  return u;
}

const char *
jc_field_to_string (JcField field)
{
  switch (field)
    {
    case JC_FIELD_NONE: return "";
    case JC_FIELD_CODE: return _("code");
    case JC_FIELD_NAME: return _("name");
    case JC_FIELD_CATEGORY: return _("category");
    case JC_FIELD_BASE_UNIT: return _("base unit");
    case JC_FIELD_PACK: return _("pack size");
    case JC_FIELD_LOSS: return _("loss rate");
    case JC_FIELD_PIECE_MASS: return _("piece mass");
    case JC_FIELD_ALIASES: return _("aliases");
    case JC_FIELD_AGENCY: return _("agency");
    case JC_FIELD_ADDRESS: return _("address");
    case JC_FIELD_LAT: return _("latitude");
    case JC_FIELD_LON: return _("longitude");
    case JC_FIELD_WINDOW_START: return _("window start");
    case JC_FIELD_WINDOW_END: return _("window end");
    case JC_FIELD_DINERS: return _("diners");
    case JC_FIELD_PLATE: return _("plate");
    case JC_FIELD_CAPACITY: return _("capacity");
    case JC_FIELD_DEPOT: return _("depot");
    case JC_FIELD_START_TIME: return _("start time");
    case JC_FIELD_SPEED: return _("speed");
    case JC_FIELD_SERVICE: return _("service time");
    case JC_FIELD_DEPOT_LAT: return _("depot latitude");
    case JC_FIELD_DEPOT_LON: return _("depot longitude");
    case JC_FIELD_ADAPTER: return _("adapter");
    case JC_FIELD_URL: return _("url");
    case JC_FIELD_CREDENTIALS: return _("credentials");
    case JC_FIELD_PRIORITY: return _("priority");
    case JC_FIELD_SCHEDULE: return _("schedule");
    case JC_FIELD_HOST: return _("host");
    case JC_FIELD_PORT: return _("port");
    case JC_FIELD_DATABASE: return _("database");
    case JC_FIELD_USER: return _("user");
    case JC_FIELD_SSLMODE: return _("encryption");
    default: g_return_val_if_reached ("");
    }
}

static gboolean G_GNUC_PRINTF (3, 4)
field_error (GError    **error,
             JcField     field,
             const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "<field>: <what is wrong>" */
  g_set_error (error, JC_VALIDATE_ERROR, field, _("%s: %s"),
               jc_field_to_string (field), msg);
  return FALSE;
}

gboolean
jc_parse_int_field (JcField      field,
                    const char  *text,
                    gint64       min,
                    gint64       max,
                    gint64      *out,
                    GError     **error)
{
  const char *s = text ? text : "";
  g_autofree char *q = jc_format_quote_value (s);  /* for messages */
  g_autofree char *t = g_strstrip (g_strdup (s));
  char *end = NULL;
  gint64 v;

  if (*t == '\0')
    return field_error (error, field, _("a number is required"));
  errno = 0;
  v = g_ascii_strtoll (t, &end, 10);
  if (end == t || *end != '\0')
    return field_error (error, field, _("“%s” is not a whole number"), q);
  if (errno == ERANGE && *t == '-' && min >= 0)
    return field_error (error, field, _("“%s” is negative"), q);
  if (errno == ERANGE || v > max)
    return field_error (error, field, _("“%s” is too large (at most %lld)"), q, (long long) max);
  if (v < 0 && min >= 0)
    return field_error (error, field, _("“%s” is negative"), q);
  if (v < min)
    return field_error (error, field, _("“%s” is too small (at least %lld)"), q, (long long) min);
  *out = v;
  return TRUE;
}

gboolean
jc_parse_milli_field (JcField      field,
                      const char  *text,
                      gint64       min_milli,
                      gint64       max_milli,
                      gint64      *out,
                      GError     **error)
{
  const char *s = text ? text : "";
  g_autofree char *q = jc_format_quote_value (s);  /* for messages */
  g_autoptr(GError) local = NULL;
  g_autofree char *max_text = jc_format_qty (max_milli);
  g_autofree char *min_text = jc_format_qty (min_milli);
  g_autofree char *t = g_strstrip (g_strdup (s));
  gint64 v;

  if (*t == '\0')
    return field_error (error, field, _("a number is required"));
  if (!jc_parse_decimal (s, 3, &v, &local))
    {
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW))
        return field_error (error, field, _("“%s” is too large (at most %s)"), q, max_text);
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
        {
          g_autofree char *qt = jc_format_quote_value (t);

          return field_error (error, field,
                              ngettext ("“%s” has more than %d decimal",
                                        "“%s” has more than %d decimals", JC_DECIMAL_MAX_DECIMALS),
                              qt, JC_DECIMAL_MAX_DECIMALS);
        }
      return field_error (error, field, _("“%s” is not a number"), q);
    }
  if (v > max_milli)
    return field_error (error, field, _("“%s” is too large (at most %s)"), q, max_text);
  if (v < 0 && min_milli >= 0)
    return field_error (error, field, _("“%s” is negative"), q);
  if (v < min_milli)
    return field_error (error, field, _("“%s” is too small (at least %s)"), q, min_text);
  *out = v;
  return TRUE;
}

/**
 * jc_parse_piece_mass:
 * A mean piece mass as typed: a number with at most nine decimals and an
 * optional mass unit (g when none; kg, 斤, 两 …), converted exactly to
 * milligrams and rounded half up once ("52.5", "0.0525 kg" and "1.05两"
 * are all 52500 mg).  0 is "unknown"; errors name the field.
 */
gboolean
jc_parse_piece_mass (const char  *text,
                     gint64      *out_mg,
                     GError     **error)
{
  const JcItemUnits kg = { JC_BASE_UNIT_KG, 0, 0 };
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *q = jc_format_quote_value (t);  /* for messages */
  g_autofree char *number = NULL;
  g_autoptr(GError) local = NULL;
  const char *unit;
  JcUnitFactor f;
  JcDecimal d;
  gint64 mg;

  if (*t == '\0')
    return field_error (error, JC_FIELD_PIECE_MASS, _("a number is required"));
  for (unit = t; *unit != '\0' && strchr ("0123456789.+- ", *unit) != NULL; unit++)
    ;
  number = g_strndup (t, unit - t);
  if (*unit == '\0')
    unit = "g";
  if (!jc_decimal_parse (number, &d, &local))
    {
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW))
        return field_error (error, JC_FIELD_PIECE_MASS,
                            _("“%s” is too large (at most %s)"), q, "100000 g");
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
        return field_error (error, JC_FIELD_PIECE_MASS,
                            ngettext ("“%s” has more than %d decimal", "“%s” has more than %d decimals",
                                      JC_DECIMAL_MAX_DECIMALS),
                            q, JC_DECIMAL_MAX_DECIMALS);
      return field_error (error, JC_FIELD_PIECE_MASS, _("“%s” is not a number"), q);
    }
  if (!jc_unit_resolve (&kg, unit, &f, NULL))
    return field_error (error, JC_FIELD_PIECE_MASS,
                        _("“%s” is not a unit of mass (g, kg, 斤 or 两)"), unit);
  if (jc_decimal_sign (&d) < 0)
    return field_error (error, JC_FIELD_PIECE_MASS, _("“%s” is negative"), q);
  /* value × num/den kg × 10^6 mg/kg, rounded once */
  if (!jc_decimal_scale (&d, 6, f.num, f.den, &mg, NULL) || mg > JC_MAX_PIECE_MASS_MG)
    return field_error (error, JC_FIELD_PIECE_MASS,
                        _("“%s” is too large (at most %s)"), q, "100000 g");
  if (mg == 0 && !jc_decimal_is_zero (&d))
    return field_error (error, JC_FIELD_PIECE_MASS, _("“%s” is less than 1 mg"), q);
  *out_mg = mg;
  return TRUE;
}

/* A piece mass in grams as typed back: 52500 mg is "52.5". */
char *
jc_format_piece_mass (gint64 mg)
{
  JcDecimal d = { mg, 3 };

  return jc_decimal_to_string (&d);
}

gboolean
jc_parse_degrees_field (JcField      field,
                        const char  *text,
                        double       min,
                        double       max,
                        double      *out,
                        GError     **error)
{
  const char *s = text ? text : "";
  g_autofree char *q = jc_format_quote_value (s);  /* for messages */
  g_autofree char *t = g_strstrip (g_strdup (s));
  char *end = NULL;
  double v;

  if (*t == '\0')
    return field_error (error, field, _("a number is required"));
  /* a plain decimal only: strtod() also reads "0x10" as 16 */
  if (!jc_text_is_plain_decimal (t))
    return field_error (error, field, _("“%s” is not a number"), q);
  v = g_ascii_strtod (t, &end);
  if (end == t || *end != '\0' || !isfinite (v))
    return field_error (error, field, _("“%s” is not a number"), q);
  if (v < min || v > max)
    return field_error (error, field, _("“%s” is out of range (%g to %g)"), q, min, max);
  *out = v;
  return TRUE;
}

gboolean
jc_parse_time_field (JcField      field,
                     const char  *text,
                     int         *out_minutes,
                     GError     **error)
{
  const char *s = text ? text : "";
  g_autofree char *q = jc_format_quote_value (s);  /* for messages */
  g_autofree char *t = g_strstrip (g_strdup (s));
  guint h = 0, m = 0;
  char *end = NULL;

  if (*t == '\0')
    return field_error (error, field, _("a time is required (HH:MM)"));
  if (!g_ascii_isdigit (*t))
    return field_error (error, field, _("“%s” is not a time (HH:MM)"), q);
  h = (guint) g_ascii_strtoull (t, &end, 10);
  if (end == t || *end != ':' || end - t > 2)
    return field_error (error, field, _("“%s” is not a time (HH:MM)"), q);
  {
    const char *mp = end + 1;

    m = (guint) g_ascii_strtoull (mp, &end, 10);
    if (!g_ascii_isdigit (*mp) || end - mp != 2 || *end != '\0')
      return field_error (error, field, _("“%s” is not a time (HH:MM)"), q);
  }
  if (h > 23 || m > 59)
    return field_error (error, field, _("“%s” is not a time of day"), q);
  *out_minutes = (int) (h * 60 + m);
  return TRUE;
}

char *
jc_format_time (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

static gboolean
validate_code (JcField     field,
               const char *code,
               GError    **error)
{
  const char *p;

  if (code == NULL || *code == '\0')
    return field_error (error, field, _("is required"));
  if (strlen (code) > 32)
    {
      g_autofree char *q = jc_format_quote_value (code);

      return field_error (error, field, _("“%s” is longer than 32 characters"), q);
    }
  for (p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return field_error (error, field,
                          _("“%s” may only contain letters, digits, “-”, “_” and “.”"), code);
  return TRUE;
}

/**
 * jc_text_is_blank:
 * Whether `text` has no character but white space (" ", "\t", U+3000,
 * U+00A0…); NULL and "" are blank.  Text that is not valid UTF-8 is not.
 */
gboolean
jc_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_text (JcField     field,
               const char *text,
               gboolean    required,
               glong       max_chars,
               GError    **error)
{
  if (text == NULL || *text == '\0')
    {
      if (required)
        return field_error (error, field, _("is required"));
      return TRUE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    return field_error (error, field, _("is not valid UTF-8 text"));
  if (required && jc_text_is_blank (text))
    return field_error (error, field, _("is only blank space"));
  if (g_utf8_strlen (text, -1) > max_chars)
    {
      g_autofree char *q = jc_format_quote_value (text);

      return field_error (error, field,
                          ngettext ("“%s” is longer than %ld character",
                                    "“%s” is longer than %ld characters", (unsigned long) max_chars),
                          q, max_chars);
    }
  return TRUE;
}

static gboolean
validate_position (JcField  lat_field,
                   double   lat,
                   JcField  lon_field,
                   double   lon,
                   GError **error)
{
  if (!isfinite (lat) || lat < -90.0 || lat > 90.0)
    return field_error (error, lat_field, _("%.6f is out of range (-90 to 90)"), lat);
  if (!isfinite (lon) || lon < -180.0 || lon > 180.0)
    return field_error (error, lon_field, _("%.6f is out of range (-180 to 180)"), lon);
  return TRUE;
}

gboolean
jc_item_validate (const JcItem  *item,
                  GError       **error)
{
  g_return_val_if_fail (item != NULL, FALSE);

  if (!validate_code (JC_FIELD_CODE, item->code, error) ||
      !validate_text (JC_FIELD_NAME, item->name, TRUE, 64, error) ||
      !validate_text (JC_FIELD_CATEGORY, item->category, TRUE, 32, error))
    return FALSE;
  if (item->pack_milli < 0)
    return field_error (error, JC_FIELD_PACK, _("is negative"));
  if (item->pack_milli > JC_MAX_MILLI)
    return field_error (error, JC_FIELD_PACK, _("is too large"));
  if (item->piece_mass_mg < 0 || item->piece_mass_mg > JC_MAX_PIECE_MASS_MG)
    {
      g_autofree char *g = jc_format_piece_mass (item->piece_mass_mg);

      return field_error (error, JC_FIELD_PIECE_MASS,
                          _("%s g is out of range (0 to 100000)"), g);
    }
  if (item->loss_permille < 0 || item->loss_permille > 999)
    return field_error (error, JC_FIELD_LOSS, _("%d‰ is out of range (0 to 999)"),
                        item->loss_permille);
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    if (!validate_text (JC_FIELD_ALIASES, *a, TRUE, 64, error))
      return FALSE;
  return TRUE;
}

gboolean
jc_canteen_validate (const JcCanteen  *canteen,
                     GError          **error)
{
  g_return_val_if_fail (canteen != NULL, FALSE);

  if (!validate_code (JC_FIELD_CODE, canteen->code, error) ||
      !validate_text (JC_FIELD_NAME, canteen->name, TRUE, 64, error) ||
      !validate_text (JC_FIELD_AGENCY, canteen->agency, FALSE, 64, error) ||
      !validate_text (JC_FIELD_ADDRESS, canteen->address, FALSE, 128, error) ||
      !validate_position (JC_FIELD_LAT, canteen->lat, JC_FIELD_LON, canteen->lon, error))
    return FALSE;
  if (canteen->window_start < 0 || canteen->window_start >= 24 * 60)
    return field_error (error, JC_FIELD_WINDOW_START, _("is not a time of day"));
  if (canteen->window_end < 0 || canteen->window_end >= 24 * 60)
    return field_error (error, JC_FIELD_WINDOW_END, _("is not a time of day"));
  if (canteen->window_end <= canteen->window_start)
    {
      g_autofree char *s = jc_format_time (canteen->window_start);
      g_autofree char *e = jc_format_time (canteen->window_end);

      return field_error (error, JC_FIELD_WINDOW_END, _("%s is not after the start %s"), e, s);
    }
  if (canteen->diners < 0 || canteen->diners > 100000)
    return field_error (error, JC_FIELD_DINERS, _("%d is out of range (0 to 100000)"),
                        canteen->diners);
  return TRUE;
}

gboolean
jc_vehicle_validate (const JcVehicle  *vehicle,
                     GError          **error)
{
  g_return_val_if_fail (vehicle != NULL, FALSE);

  if (!validate_text (JC_FIELD_PLATE, vehicle->plate, TRUE, 16, error) ||
      !validate_text (JC_FIELD_DEPOT, vehicle->depot, FALSE, 64, error) ||
      !validate_position (JC_FIELD_DEPOT_LAT, vehicle->depot_lat, JC_FIELD_DEPOT_LON,
                          vehicle->depot_lon, error))
    return FALSE;
  if (vehicle->capacity_kg <= 0 || vehicle->capacity_kg > 100000)
    return field_error (error, JC_FIELD_CAPACITY,
                        _("%lld kg is out of range (1 to 100000)"),
                        (long long) vehicle->capacity_kg);
  if (vehicle->start_time < 0 || vehicle->start_time >= 24 * 60)
    return field_error (error, JC_FIELD_START_TIME, _("is not a time of day"));
  if (vehicle->speed_kmh <= 0 || vehicle->speed_kmh > 200)
    return field_error (error, JC_FIELD_SPEED, _("%d km/h is out of range (1 to 200)"),
                        vehicle->speed_kmh);
  if (vehicle->service_min < 0 || vehicle->service_min > 240)
    return field_error (error, JC_FIELD_SERVICE, _("%d min is out of range (0 to 240)"),
                        vehicle->service_min);
  return TRUE;
}

gboolean
jc_item_matches (const JcItem *item,
                 const char   *query)
{
  g_autofree char *q = NULL;
  g_autofree char *code = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  q = g_utf8_casefold (query, -1);
  if (strstr (item->name, q) != NULL)
    return TRUE;
  code = g_utf8_casefold (item->code, -1);
  if (g_str_has_prefix (code, q))
    return TRUE;
  if (item->pinyin != NULL && g_str_has_prefix (item->pinyin, q))
    return TRUE;
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    if (strstr (*a, q) != NULL)
      return TRUE;
  return FALSE;
}
