/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-master-save.c: master data is validated here, by the domain, before
 * the store writes it; an optional text of only blank space is stored
 * empty.  It must not hold SQL nor be called by the store. */
#include "config.h"

#define G_LOG_DOMAIN "jc-master"

#include "jc-master-save.h"

/* An optional text of only blank space (spaces, a tab, U+3000 typed with
 * a Chinese input method…) is a slip of the keyboard, not a value: it is
 * stored empty, as if nothing had been typed.  A required text of only
 * blank space is refused by the validators, naming the field. */
static void
clear_if_blank (char **text)
{
  if (*text != NULL && **text != '\0' && jc_text_is_blank (*text))
    {
      g_free (*text);
      *text = g_strdup ("");
    }
}

gboolean
jc_master_save_item (JcStore  *store,
                     JcItem   *item,
                     GError  **error)
{
  g_return_val_if_fail (store != NULL && item != NULL, FALSE);

  if (!jc_item_validate (item, error))
    return FALSE;
  if (item->id > 0)
    return jc_store_update_item (store, item, error);
  return jc_store_insert_item (store, item, error);
}

gboolean
jc_master_save_canteen (JcStore    *store,
                        JcCanteen  *canteen,
                        GError    **error)
{
  g_return_val_if_fail (store != NULL && canteen != NULL, FALSE);

  clear_if_blank (&canteen->agency);
  clear_if_blank (&canteen->address);
  if (!jc_canteen_validate (canteen, error))
    return FALSE;
  if (canteen->id > 0)
    return jc_store_update_canteen (store, canteen, error);
  return jc_store_insert_canteen (store, canteen, error);
}

gboolean
jc_master_save_vehicle (JcStore    *store,
                        JcVehicle  *vehicle,
                        GError    **error)
{
  g_return_val_if_fail (store != NULL && vehicle != NULL, FALSE);

  clear_if_blank (&vehicle->depot);
  if (!jc_vehicle_validate (vehicle, error))
    return FALSE;
  if (vehicle->id > 0)
    return jc_store_update_vehicle (store, vehicle, error);
  return jc_store_insert_vehicle (store, vehicle, error);
}

gboolean
jc_master_save_source (JcStore   *store,
                       JcSource  *source,
                       GError   **error)
{
  g_return_val_if_fail (store != NULL && source != NULL, FALSE);

  clear_if_blank (&source->params);
  clear_if_blank (&source->credentials);
  clear_if_blank (&source->schedule);
  if (!jc_source_validate (source, error))
    return FALSE;
  if (source->id > 0)
    return jc_store_update_source (store, source, error);
  return jc_store_insert_source (store, source, error);
}
