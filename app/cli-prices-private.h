/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-prices-private.h: what the files of `jicai-cli prices` share — the
 * subcommands cli-prices-held.c runs for the table in cli-prices.c. */
#pragma once

#include "cli-private.h"

G_BEGIN_DECLS

/* cli-prices-held.c */
CliExit cli_prices_run_unmapped (Cli *cli);
CliExit cli_prices_run_map      (Cli *cli);
CliExit cli_prices_run_held     (Cli *cli);
CliExit cli_prices_run_release  (Cli *cli);
CliExit cli_prices_run_ranges   (Cli *cli);
CliExit cli_prices_run_range    (Cli *cli);

G_END_DECLS
