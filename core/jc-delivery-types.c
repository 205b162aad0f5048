/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-types.c: new/free of the delivery plan's records.  No SQL,
 * no rule. */
#include "config.h"

#define G_LOG_DOMAIN "jc-delivery"

#include "jc-delivery-types.h"

void
_jc_delivery_pair_free (JcDeliveryPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->from_key);
  g_free (pair->to_key);
  g_free (pair);
}

void
_jc_delivery_line_free (JcDeliveryLine *line)
{
  if (line == NULL)
    return;
  g_free (line->item_code);
  g_free (line->item_name);
  g_free (line->category);
  g_free (line->category_name);
  g_free (line);
}

JcDeliveryStop *
_jc_delivery_stop_new (void)
{
  JcDeliveryStop *stop = g_new0 (JcDeliveryStop, 1);

  stop->part = 1;
  stop->n_parts = 1;
  stop->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_delivery_line_free);
  return stop;
}

void
_jc_delivery_stop_free (JcDeliveryStop *stop)
{
  if (stop == NULL)
    return;
  g_free (stop->canteen_code);
  g_free (stop->canteen_name);
  g_free (stop->address);
  g_ptr_array_unref (stop->lines);
  g_free (stop);
}

JcDeliveryRoute *
_jc_delivery_route_new (void)
{
  JcDeliveryRoute *route = g_new0 (JcDeliveryRoute, 1);

  route->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_delivery_stop_free);
  return route;
}

void
_jc_delivery_route_free (JcDeliveryRoute *route)
{
  if (route == NULL)
    return;
  g_free (route->plate);
  g_free (route->depot);
  g_ptr_array_unref (route->stops);
  g_free (route);
}

JcDeliveryPlan *
_jc_delivery_plan_new (const char *date)
{
  JcDeliveryPlan *plan = g_new0 (JcDeliveryPlan, 1);

  g_strlcpy (plan->date, date, sizeof plan->date);
  plan->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_delivery_route_free);
  plan->unassigned = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_delivery_stop_free);
  plan->no_mass = g_ptr_array_new_with_free_func (g_free);
  plan->detour_permille = JC_DELIVERY_DEFAULT_DETOUR;
  return plan;
}

void
jc_delivery_plan_free (JcDeliveryPlan *plan)
{
  if (plan == NULL)
    return;
  /* the private part holds stop pointers: free it first */
  if (plan->priv != NULL && plan->priv_destroy != NULL)
    plan->priv_destroy (plan->priv);
  g_ptr_array_unref (plan->routes);
  g_ptr_array_unref (plan->unassigned);
  g_ptr_array_unref (plan->no_mass);
  g_free (plan->saved_at);
  g_free (plan->saved_by);
  g_free (plan);
}
