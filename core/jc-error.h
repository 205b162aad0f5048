/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-error.h: the error domains of core, one per module.  Messages are
 * written for a person: they name the field, file or value that is wrong. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JC_STORE_ERROR (jc_store_error_quark ())
#define JC_UNITS_ERROR (jc_units_error_quark ())
#define JC_VALIDATE_ERROR (jc_validate_error_quark ())
#define JC_DEMO_ERROR (jc_demo_error_quark ())

typedef enum {
  JC_STORE_ERROR_FAILED,
  JC_STORE_ERROR_CANT_OPEN,     /* path unwritable, directory missing, ... */
  JC_STORE_ERROR_NOT_DATABASE,  /* not an SQLite file, or not ours */
  JC_STORE_ERROR_CORRUPT,
  JC_STORE_ERROR_TOO_NEW,       /* written by a newer jicai */
  JC_STORE_ERROR_READ_ONLY,
  JC_STORE_ERROR_CONSTRAINT,     /* a foreign key, CHECK or NOT NULL of the schema refused a write */
  JC_STORE_ERROR_CONNECTION_LOST, /* the connection to the office database was lost */
  JC_STORE_ERROR_DENIED,         /* the database refused the user's role this */
  JC_STORE_ERROR_UNSUPPORTED,    /* a database this version cannot open (the office database) */
  JC_STORE_ERROR_BAD_LOCATION,   /* a malformed PostgreSQL URI or service name */
  JC_STORE_ERROR_NOT_FOUND,
  JC_STORE_ERROR_DUPLICATE,
  JC_STORE_ERROR_IN_USE,        /* referenced by history: deactivate instead */
  JC_STORE_ERROR_CONFLICT,      /* optimistic locking lost */
  JC_STORE_ERROR_BUSY,
  JC_STORE_ERROR_DISK_FULL,     /* the disk holding the file is full */
  JC_STORE_ERROR_IO,            /* the disk could not be read or written */
  JC_STORE_ERROR_MOVED,         /* the file was moved, deleted or replaced while open */
} JcStoreError;

typedef enum {
  JC_UNITS_ERROR_UNKNOWN_UNIT,
  JC_UNITS_ERROR_NOT_CONVERTIBLE,
  JC_UNITS_ERROR_OVERFLOW,
  JC_UNITS_ERROR_INVALID_NUMBER,
  JC_UNITS_ERROR_NEGATIVE,
  JC_UNITS_ERROR_TOO_PRECISE,  /* more than JC_DECIMAL_MAX_DECIMALS decimals */
} JcUnitsError;

/* The code of a validation error says which field is wrong, so that a form
 * can put the message beside the right entry. */
typedef enum {
  JC_FIELD_NONE,
  JC_FIELD_CODE,
  JC_FIELD_NAME,
  JC_FIELD_CATEGORY,
  JC_FIELD_BASE_UNIT,
  JC_FIELD_PACK,
  JC_FIELD_LOSS,
  JC_FIELD_PIECE_MASS,
  JC_FIELD_ALIASES,
  JC_FIELD_AGENCY,
  JC_FIELD_ADDRESS,
  JC_FIELD_LAT,
  JC_FIELD_LON,
  JC_FIELD_WINDOW_START,
  JC_FIELD_WINDOW_END,
  JC_FIELD_DINERS,
  JC_FIELD_PLATE,
  JC_FIELD_CAPACITY,
  JC_FIELD_DEPOT,
  JC_FIELD_START_TIME,
  JC_FIELD_SPEED,
  JC_FIELD_SERVICE,
  JC_FIELD_DEPOT_LAT,
  JC_FIELD_DEPOT_LON,
  JC_FIELD_ADAPTER,       /* price sources */
  JC_FIELD_URL,
  JC_FIELD_CREDENTIALS,
  JC_FIELD_PRIORITY,
  JC_FIELD_SCHEDULE,
  JC_FIELD_HOST,          /* the office database's connection */
  JC_FIELD_PORT,
  JC_FIELD_DATABASE,
  JC_FIELD_USER,
  JC_FIELD_SSLMODE,
} JcField;

typedef enum {
  JC_DEMO_ERROR_FAILED,
  JC_DEMO_ERROR_NOT_EMPTY,
} JcDemoError;

GQuark jc_store_error_quark (void);
GQuark jc_units_error_quark (void);
GQuark jc_validate_error_quark (void);
GQuark jc_demo_error_quark (void);

G_END_DECLS
