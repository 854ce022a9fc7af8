/* pv-cli.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of planviewer-cli (documented in --help). */
typedef enum
{
  PV_CLI_EXIT_OK    = 0,
  PV_CLI_EXIT_USAGE = 1,  /* unknown command or option, missing or malformed argument */
  PV_CLI_EXIT_DATA  = 2,  /* a file, its data or a CRS could not be used */
} PvCliExit;

/* Prints "planviewer-cli: <message>" as exactly one line on stderr (line
 * breaks inside the message become spaces). */
void      pv_cli_print_error      (const char     *format,
                                   ...) G_GNUC_PRINTF (1, 2);
/* Parses the options of one command. argv[0] is the command name. On success
 * returns the positional arguments (a literal "--" ends the options and is
 * dropped); on a usage error prints it and returns NULL. When
 * allow_negative_numbers is set, arguments such as "-0.5" are positional. */
GStrv     pv_cli_parse_command    (GOptionContext *context,
                                   const char     *command,
                                   int             argc,
                                   char          **argv,
                                   gboolean        allow_negative_numbers) G_GNUC_WARN_UNUSED_RESULT;
/* FALSE (and prints why) when path names something that is neither a regular
 * file nor a folder, such as a FIFO or a device, which would block or never
 * end when read. Missing paths pass: the loader reports them. */
gboolean  pv_cli_check_input      (const char     *path);
/* Parses a whole string as a finite number in the C locale. */
gboolean  pv_cli_parse_double     (const char     *text,
                                   double         *value);
/* "XMIN,YMIN,XMAX,YMAX" ('.' decimals) into extent[4]; FALSE when malformed
 * or empty (min not below max). */
gboolean  pv_cli_parse_extent     (const char     *text,
                                   double         *extent);
/* Adds --allow-outside and --allow-network to a command that opens
 * projects; pv_cli_parse_command() then turns GDAL's network access on for
 * --allow-network. */
void      pv_cli_add_trust_options (GOptionContext *context);
/* FALSE (after naming each on stderr) when the project at path names
 * sources outside its folder or on the network that the options do not
 * allow; the caller exits with status 2. */
gboolean  pv_cli_check_project_sources (const char *path);
/* TRUE for a .pvproj path (any case). */
gboolean  pv_cli_is_project       (const char     *path);
/* Formats a number with a '.' decimal separator whatever the locale. */
char     *pv_cli_format_double    (const char     *format,
                                   double          value) G_GNUC_WARN_UNUSED_RESULT;

/* --assume-crs (pv-cli-crs.c). Forward declarations keep this header free
 * of core includes. */
typedef struct _PvCrs PvCrs;
typedef struct _PvLayer PvLayer;
typedef struct _PvMap PvMap;
/* The CRS text names, or NULL: when text is NULL silently, else after
 * printing "COMMAND: --assume-crs: why" (the caller exits with status 2). */
PvCrs    *pv_cli_parse_assume_crs (const char     *command,
                                   const char     *text) G_GNUC_WARN_UNUSED_RESULT;
/* Gives assumed (may be NULL: nothing to do) to every layer (PvLayer) of
 * file that has no CRS; a layer that has its own keeps it, and when it
 * differs says so on stderr. Rasters without georeferencing are left alone.
 * TRUE when a layer took the assumed CRS. */
gboolean  pv_cli_assume_crs       (PvCrs          *assumed,
                                   const char     *file,
                                   GPtrArray      *layers);
/* pv_crs_suggest_for_extent() for a layer without CRS (PvCrs, most likely
 * first); empty when the layer has a CRS, no extent, or nothing fits. */
GPtrArray *pv_cli_suggest_crs     (PvLayer        *layer) G_GNUC_WARN_UNUSED_RESULT;
/* "EPSG:9210 (VN-2000 / TM-3 105-45), EPSG:9209 (…)", or NULL when empty. */
char     *pv_cli_format_suggestions (GPtrArray    *suggested) G_GNUC_WARN_UNUSED_RESULT;

/* --encoding (pv-cli-encoding.c): *encoding is a PvEncoding, or -1 when text
 * is NULL; FALSE after printing why the name is unknown. */
gboolean  pv_cli_parse_encoding   (const char     *command,
                                   const char     *text,
                                   int            *encoding);
/* Decodes the vector layers (PvLayer) of file from encoding (-1: nothing to
 * do); a layer whose format fixes its encoding keeps it, and stderr says so.
 * FALSE when a layer could not be read again. */
gboolean  pv_cli_apply_encoding   (int             encoding,
                                   const char     *file,
                                   GPtrArray      *layers);

/* Loads the inputs of export-like commands: the first project keeps its CRS,
 * layer order, annotations, bookmarks, layouts and stored view (*view,
 * *has_view); the layers of other projects and data files are added above.
 * Missing layers of a project are reported, not fatal; a data file that
 * cannot be read is (NULL, reported with command's name). */
PvMap    *pv_cli_load_inputs      (const char     *command,
                                   char          **inputs,
                                   double         *view,
                                   gboolean       *has_view) G_GNUC_WARN_UNUSED_RESULT;
int       pv_cli_cache_tiles      (int             argc,
                                   char          **argv);
int       pv_cli_export           (int             argc,
                                   char          **argv);
int       pv_cli_info             (int             argc,
                                   char          **argv);
int       pv_cli_render           (int             argc,
                                   char          **argv);
int       pv_cli_stats            (int             argc,
                                   char          **argv);
int       pv_cli_transform        (int             argc,
                                   char          **argv);

G_END_DECLS
